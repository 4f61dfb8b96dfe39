package testtree

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"site.yaml": "title: T\n", "roles/sub/a.md": "A", "empty.txt": ""}
	if got := Write(t, dir, files); got != dir {
		t.Errorf("Write returned %q, want %q", got, dir)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", name, got, err, want)
		}
	}
}
