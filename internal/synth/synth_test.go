package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

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
