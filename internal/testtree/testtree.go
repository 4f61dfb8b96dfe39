// Package testtree writes folder trees for tests: content folders, layouts,
// anything a test builds from files, and compares snapshots of them. Only
// tests import it.
package testtree

import (
	"os"
	"path/filepath"
	"testing"
)

// Write writes files (slash-separated paths relative to dir, each with its
// text) under dir, making the folders they need, and returns dir.
func Write(t testing.TB, dir string, files map[string]string) string {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Read returns the text of the file at path.
func Read(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Copy copies the folder tree src to dst (which must not exist yet), so a
// test can change a copy of a fixture freely.
func Copy(t testing.TB, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// Unchanged compares two snapshots of a folder (path -> whatever the test
// records of it), taken before and after something that must leave the
// folder alone, and fails t for every path that changed, went away or was
// created.
func Unchanged(t testing.TB, before, after map[string]string) {
	t.Helper()
	for p, v := range before {
		if w, ok := after[p]; !ok || w != v {
			t.Errorf("%s changed or went away", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s was created", p)
		}
	}
}
