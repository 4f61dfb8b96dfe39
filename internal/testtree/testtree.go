// Package testtree writes folder trees for tests: content folders, layouts,
// anything a test builds from files, and compares snapshots of them. Only
// tests import it.
package testtree

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// Files reads every file under dir into a map by slash path, leaving out
// the generator's bookkeeping (names starting with ".rolesite").
func Files(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".rolesite") {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// SameFiles fails t for every file that got lacks, has extra, or holds
// otherwise than want, naming the first line that differs; wantName names
// want in the messages ("a cold build").
func SameFiles(t testing.TB, got, want map[string][]byte, wantName string) {
	t.Helper()
	for p := range want {
		if _, ok := got[p]; !ok {
			t.Errorf("%s is missing: %s has it", p, wantName)
		}
	}
	for p, data := range got {
		w, ok := want[p]
		if !ok {
			t.Errorf("%s is extra: %s does not have it", p, wantName)
			continue
		}
		if string(w) != string(data) {
			t.Errorf("%s differs from %s\n%s", p, wantName, FirstDiff(w, data))
		}
	}
}

// FirstDiff describes the first line in which got differs from want; ""
// when they are equal.
func FirstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}

// Snapshot records every file under dir, bookkeeping included, with its
// bytes and modification time, by full path: two snapshots are equal when
// nothing was written.
func Snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, _ := d.Info()
		data, _ := os.ReadFile(p)
		out[p] = string(data) + "\x00" + info.ModTime().String()
		return nil
	})
	return out
}

// Main runs a package's tests (call it from TestMain) with a user cache
// folder of their own ($XDG_CACHE_HOME), so that the state folders their
// builds make stay out of the user's, and removes it afterwards.
//
// A test binary that a test runs again (to kill it, or as a second build)
// shares its parent's folder, so that both find the same state folders.
func Main(m *testing.M) {
	const inherited = "ROLESITE_TEST_CACHE"
	if dir := os.Getenv(inherited); dir != "" {
		os.Setenv("XDG_CACHE_HOME", dir)
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "rolesite-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	os.Setenv(inherited, dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
