package render

import "testing"

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
