package render

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestIsHashedAsset(t *testing.T) {
	for p, want := range map[string]bool{
		"assets/style.3f2a9c1d.css":   true,
		"assets/favicon.0123abcd.svg": true,
		"assets/style.css":            false,
		"assets/style.3f2a9c1.css":    false,
		"assets/style.3F2A9C1D.css":   false,
		"assets/.3f2a9c1d.css":        false,
		"assets/a/style.3f2a9c1d.css": false,
		"style.3f2a9c1d.css":          false,
		"assets/3f2a9c1d":             false,
		"x/assets/style.3f2a9c1d.css": false,
	} {
		if got := IsHashedAsset(p); got != want {
			t.Errorf("IsHashedAsset(%q) = %t, want %t", p, got, want)
		}
	}
	r, errs := New("")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, a := range r.Assets() {
		if !IsHashedAsset(a.Path) {
			t.Errorf("the built-in asset %s is not named like a hashed asset", a.Path)
		}
	}
}

// TestEjectedLayouts: layouts ejected unchanged still write role pages with
// the generated code (they are the built-in templates); files the build
// does not read are warned about, with their path, except hidden files,
// notes and _headers.
func TestEjectedLayouts(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "layouts")
	if _, err := Eject(dir); err != nil {
		t.Fatal(err)
	}
	r, errs := New(dir)
	if len(errs) > 0 {
		t.Fatalf("ejected layouts: %v", errs)
	}
	if !r.generatedRole {
		t.Error("ejected, unchanged role templates do not use the generated code")
	}
	for name, data := range map[string]string{
		"partials/card.html": "x", "notes.txt": "x", "README.md": "x", ".keep": "", "_headers": "/*\n  X: y\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, errs = New(dir)
	var warned []string
	for _, d := range errs {
		if d.Code != "layout-not-read" {
			t.Errorf("unexpected %v", d)
			continue
		}
		warned = append(warned, filepath.ToSlash(strings.TrimPrefix(d.Pos.Path, dir+string(filepath.Separator))))
	}
	slices.Sort(warned)
	if want := []string{"notes.txt", "partials/"}; !slices.Equal(warned, want) {
		t.Errorf("warned about %v, want %v", warned, want)
	}
	if errs.HasErrors() {
		t.Errorf("unread files are errors: %v", errs)
	}
}
