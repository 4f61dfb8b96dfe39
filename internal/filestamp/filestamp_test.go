package filestamp

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestStampChanges: a stamp changes with the size, the time, and a save
// by rename (a new inode), and stays when nothing changed.
func TestStampChanges(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	write := func(s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stamp := func() Stamp {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return Of(info)
	}
	write("one")
	first := stamp()
	if again := stamp(); again != first {
		t.Errorf("an unchanged file's stamp moved: %v, %v", first, again)
	}
	write("three")
	if s := stamp(); s.Size == first.Size {
		t.Errorf("size not in the stamp: %v", s)
	}
	when := time.Unix(1_700_000_000, 0)
	if err := os.Chtimes(p, when, when); err != nil {
		t.Fatal(err)
	}
	if s := stamp(); s.MTime != when.UnixNano() {
		t.Errorf("mtime %d, want %d", s.MTime, when.UnixNano())
	}
	before := stamp()
	tmp := filepath.Join(dir, "a.md.tmp")
	if err := os.WriteFile(tmp, []byte("three"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(tmp, when, when); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
	if s := stamp(); s.Inode != 0 && s == before {
		t.Error("a save by rename with the same size and time left the stamp as it was")
	}
	if got := Dir(dir); len(got) != 1 || got["a.md"] != stamp() {
		t.Errorf("Dir = %v", got)
	}
	if got := Dir(filepath.Join(dir, "missing")); len(got) != 0 {
		t.Errorf("Dir of a missing folder = %v", got)
	}
}
