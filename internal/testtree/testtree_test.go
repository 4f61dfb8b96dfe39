package testtree

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
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

func TestRead(t *testing.T) {
	dir := Write(t, t.TempDir(), map[string]string{"a.txt": "A\nB"})
	if got := Read(t, filepath.Join(dir, "a.txt")); got != "A\nB" {
		t.Errorf("Read = %q, want %q", got, "A\nB")
	}
}

func TestCopy(t *testing.T) {
	src := Write(t, t.TempDir(), map[string]string{"a.txt": "A", "sub/b.txt": "B"})
	dst := filepath.Join(t.TempDir(), "copy")
	Copy(t, src, dst)
	for name, want := range map[string]string{"a.txt": "A", "sub/b.txt": "B"} {
		got, err := os.ReadFile(filepath.Join(dst, filepath.FromSlash(name)))
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", name, got, err, want)
		}
	}
}

func TestUnchanged(t *testing.T) {
	before := map[string]string{"a": "1", "b": "", "c": "3"}
	tests := []struct {
		name  string
		after map[string]string
		want  []string
	}{
		{"same", map[string]string{"a": "1", "b": "", "c": "3"}, nil},
		{"changed", map[string]string{"a": "2", "b": "", "c": "3"}, []string{"a changed or went away"}},
		{"gone, empty value", map[string]string{"a": "1", "c": "3"}, []string{"b changed or went away"}},
		{"created", map[string]string{"a": "1", "b": "", "c": "3", "d": ""}, []string{"d was created"}},
	}
	for _, tt := range tests {
		rec := &recorder{TB: t}
		Unchanged(rec, before, tt.after)
		if !slices.Equal(rec.errors, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, rec.errors, tt.want)
		}
	}
}

// recorder keeps the errors a helper reports instead of failing the test.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
