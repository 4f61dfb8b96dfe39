package synth

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rolesite/generator/content"
)

// TestLoads checks that a synthetic site loads with no errors and has the
// promised shape.
func TestLoads(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, 200, 1); err != nil {
		t.Fatal(err)
	}
	site, errs := content.Load(context.Background(), content.Options{Dir: dir})
	if errs.HasErrors() {
		t.Fatalf("synthetic site has errors:\n%s", errs)
	}
	if len(site.Roles) != 200 {
		t.Errorf("%d published roles, want 200", len(site.Roles))
	}
	if len(site.Categories) < 5 || len(site.Categories) > 8 {
		t.Errorf("%d categories, want 5 to 8", len(site.Categories))
	}
	var remote, described, closed, aliased int
	for _, r := range site.Roles {
		words := len(strings.Fields(string(r.Body)))
		if words < 600 || words > 900 {
			t.Errorf("%s: %d words in the body", r.Slug, words)
		}
		if r.Remote {
			remote++
		}
		if r.DatePosted.IsZero() {
			described++
		}
		if r.Closed(Now) {
			closed++
		}
		if len(r.Aliases) > 0 {
			aliased++
		}
	}
	if remote == 0 || described == 0 || closed == 0 || aliased == 0 {
		t.Errorf("remote %d, described %d, closed %d, with aliases %d: want some of each", remote, described, closed, aliased)
	}
}

// TestDeterministic checks that the same n and seed write the same bytes
// and another seed does not.
func TestDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, w := range []struct {
		dir  string
		seed int64
	}{{a, 7}, {b, 7}, {c, 8}} {
		if err := Write(w.dir, 200, w.seed); err != nil {
			t.Fatal(err)
		}
	}
	read := func(dir string) map[string][]byte {
		out := map[string][]byte{}
		filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				src, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(dir, p)
				out[rel] = src
			}
			return nil
		})
		return out
	}
	fa, fb, fc := read(a), read(b), read(c)
	if len(fa) != 201 {
		t.Fatalf("%d files, want 201", len(fa))
	}
	same := 0
	for name, src := range fa {
		if !bytes.Equal(src, fb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		if bytes.Equal(src, fc[name]) {
			same++
		}
	}
	if same > 1 { // site.yaml does not depend on the seed
		t.Errorf("%d files are the same with another seed", same)
	}
	slug, src := New(200, 7).Role(5)
	if !bytes.Equal(src, fa[filepath.Join("roles", slug+".md")]) {
		t.Errorf("New(200, 7).Role(5) differs from the file Write wrote")
	}
}

// TestNamesUnique checks the full range: every title is unique after
// folding and maps to a distinct slug.
func TestNamesUnique(t *testing.T) {
	s := New(Max, 1)
	seen := map[string]bool{}
	slugs := map[string]bool{}
	for i := range Max {
		names := append([]string{s.titles[i]}, s.synonyms[i]...)
		for _, n := range names {
			if seen[nameKey(n)] {
				t.Fatalf("name %q twice", n)
			}
			seen[nameKey(n)] = true
		}
		if slugs[s.slugs[i]] {
			t.Fatalf("slug %q twice", s.slugs[i])
		}
		slugs[s.slugs[i]] = true
	}
}
