package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	for _, c := range []struct {
		name string
		sync bool
		link bool // path is a symbolic link to the file
	}{
		{"new file", false, false},
		{"synced", true, false},
		{"through a link", false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "report.json")
			if err := os.WriteFile(file, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			path := file
			if c.link {
				path = filepath.Join(dir, "link.json")
				if err := os.Symlink(file, path); err != nil {
					t.Fatal(err)
				}
			}
			if err := Write(path, []byte("new\n"), c.sync); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(file)
			if err != nil || string(got) != "new\n" {
				t.Errorf("file holds %q, %v", got, err)
			}
			if st, err := os.Stat(file); err != nil || st.Mode().Perm() != 0o644 {
				t.Errorf("mode %v, %v; want 0644", st.Mode(), err)
			}
			if c.link {
				if st, err := os.Lstat(path); err != nil || st.Mode()&os.ModeSymlink == 0 {
					t.Errorf("the link was replaced: %v, %v", st.Mode(), err)
				}
			}
			entries, _ := os.ReadDir(dir)
			if want := map[bool]int{false: 1, true: 2}[c.link]; len(entries) != want {
				t.Errorf("%d entries in the folder, want %d (a temporary file left?)", len(entries), want)
			}
		})
	}
}

// TestWriteFails: a folder that does not exist gives an
// error and no file.
func TestWriteFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "report.json")
	if err := Write(path, []byte("x"), false); err == nil {
		t.Fatal("no error for a missing folder")
	}
}
