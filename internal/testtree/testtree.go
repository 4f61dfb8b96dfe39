// Package testtree writes folder trees for tests: content folders, layouts,
// anything a test builds from files. Only tests import it.
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
