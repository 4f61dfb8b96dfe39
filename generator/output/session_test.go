package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func mustBegin(t *testing.T, dir string) *Session {
	t.Helper()
	s, err := BeginWith(t.Context(), dir, Options{})
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	t.Cleanup(func() { s.Abort() })
	return s
}

func mustPut(t *testing.T, s *Session, p, data string) bool {
	t.Helper()
	written, err := s.Put(p, []byte(data))
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	return written
}

func mustCommit(t *testing.T, s *Session) Stats {
	t.Helper()
	st, err := s.Commit()
	if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	return st
}

// build runs a whole session that puts files, and teaches the manifest the
// mtimes setPast gives them, so the next session trusts the manifest.
func build(t *testing.T, dir string, kv ...string) {
	t.Helper()
	s := mustBegin(t, dir)
	var paths []string
	for i := 0; i < len(kv); i += 2 {
		mustPut(t, s, kv[i], kv[i+1])
		paths = append(paths, kv[i])
	}
	mustCommit(t, s)
	setPast(t, dir, paths...)
	s = mustBegin(t, dir)
	for i := 0; i < len(kv); i += 2 {
		if mustPut(t, s, kv[i], kv[i+1]) {
			t.Fatalf("%s rewritten", kv[i])
		}
	}
	mustCommit(t, s)
}

func fileExists(dir, p string) bool {
	_, err := os.Lstat(filepath.Join(dir, p))
	return err == nil
}

func TestSessionPut(t *testing.T) {
	tests := []struct {
		name, path, data string
		touch            bool // give the file another mtime first: the manifest cannot vouch for it
		wantWritten      bool
	}{
		{"new file", "c/d/index.html", "CD", false, true},
		{"new file in old folder", "a/new.html", "N", false, true},
		{"changed, same size", "a/index.html", "aaaa", false, true},
		{"changed, other size", "a/index.html", "A", false, true},
		{"unchanged", "a/index.html", "AAAA", false, false},
		{"unchanged top level", "index.html", "home", false, false},
		{"unchanged, touched", "a/index.html", "AAAA", true, false},
		{"changed, same size, touched", "a/index.html", "aaaa", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			build(t, dir, "index.html", "home", "a/index.html", "AAAA")
			if tt.touch {
				os.Chtimes(filepath.Join(dir, tt.path), past.Add(1), past.Add(1))
			}
			var before time.Time
			if fileExists(dir, tt.path) {
				before = mtime(t, dir, tt.path)
			}

			var compared atomic.Int32
			s, err := begin(t.Context(), dir, Options{}, hooks{onCompare: func(string) { compared.Add(1) }})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Abort()
			written, err := s.Put(tt.path, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			// Bytes are read back only when the manifest cannot vouch for
			// a file of the same size.
			wantCompared := tt.touch && len(tt.data) == 4
			if written != tt.wantWritten || (compared.Load() > 0) != wantCompared {
				t.Errorf("written %t, compared %d; want %t, %t", written, compared.Load(), tt.wantWritten, wantCompared)
			}
			total := 3
			for _, p := range []string{"index.html", "a/index.html"} {
				if p == tt.path {
					total = 2
				} else if err := s.Keep(p); err != nil {
					t.Fatal(err)
				}
			}
			st := mustCommit(t, s)
			wantChanged := []string{}
			if tt.wantWritten {
				wantChanged = []string{tt.path}
			}
			if !reflect.DeepEqual(st.Changed, wantChanged) || st.Written != len(wantChanged) || st.Unchanged != total-st.Written || st.Removed != 0 {
				t.Errorf("stats = %+v, want changed %v", st, wantChanged)
			}
			got, err := os.ReadFile(filepath.Join(dir, tt.path))
			if err != nil || string(got) != tt.data {
				t.Errorf("%s = %q, %v; want %q", tt.path, got, err, tt.data)
			}
			if kept := mtime(t, dir, tt.path).Equal(before); kept == tt.wantWritten {
				t.Errorf("%s: mtime kept = %t, want %t", tt.path, kept, !tt.wantWritten)
			}
			if fileExists(stateOf(t, dir), JournalName) {
				t.Error("journal left after Commit")
			}
			// The next session trusts the manifest for the file.
			compared.Store(0)
			s, err = begin(t.Context(), dir, Options{}, hooks{onCompare: func(string) { compared.Add(1) }})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Abort()
			if w, err := s.Put(tt.path, []byte(tt.data)); err != nil || w || compared.Load() != 0 {
				t.Errorf("Put again: written %t, %v, %d compared; want nothing done", w, err, compared.Load())
			}
		})
	}
}

func TestSessionPutComparesWithoutManifest(t *testing.T) {
	for name, manifest := range map[string]string{
		"missing":     "",
		"old version": `{"version":0,"files":[{"path":"b/index.html","sha":"x"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			build(t, dir, "a/index.html", "A", "b/index.html", "B")
			os.Remove(filepath.Join(stateOf(t, dir), ManifestName))
			if manifest != "" {
				if err := os.WriteFile(filepath.Join(stateOf(t, dir), ManifestName), []byte(manifest), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var compared atomic.Int32
			s, err := begin(t.Context(), dir, Options{}, hooks{onCompare: func(string) { compared.Add(1) }})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Abort()
			if err := s.Keep("a/index.html"); !errors.Is(err, ErrStale) {
				t.Errorf("Keep without manifest = %v, want ErrStale", err)
			}
			if mustPut(t, s, "a/index.html", "A") || compared.Load() != 1 {
				t.Errorf("unchanged file rewritten or not compared (%d)", compared.Load())
			}
			// Nothing is known to be the generator's: b stays.
			if st := mustCommit(t, s); st.Removed != 0 || st.Unchanged != 1 {
				t.Errorf("stats = %+v", st)
			}
			wantTree(t, dir, map[string]string{"a/": "", "a/index.html": "A", "b/": "", "b/index.html": "B"})
			if got := manifestPaths(t, dir); !reflect.DeepEqual(got, []string{"a/index.html"}) {
				t.Errorf("manifest = %v", got)
			}
		})
	}
}

func TestSessionKeep(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, dir string) // to the disk, between the builds
		path   string
		stale  bool
	}{
		{"untouched", func(*testing.T, string) {}, "a/index.html", false},
		{"deleted", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "a/index.html")) }, "a/index.html", true},
		{"folder deleted", func(t *testing.T, dir string) { os.RemoveAll(filepath.Join(dir, "a")) }, "a/index.html", true},
		{"edited, same size", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "a/index.html"), []byte("BBBB"), 0o644)
		}, "a/index.html", true},
		{"edited, mtime put back", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "a/index.html"), []byte("AAAAA"), 0o644)
			setPast(t, dir, "a/index.html")
		}, "a/index.html", true},
		{"touched, same bytes", func(t *testing.T, dir string) {
			os.Chtimes(filepath.Join(dir, "a/index.html"), past.Add(1), past.Add(1))
		}, "a/index.html", true},
		{"replaced by a folder", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "a/index.html"))
			os.Mkdir(filepath.Join(dir, "a/index.html"), 0o755)
		}, "a/index.html", true},
		{"replaced by a link", func(t *testing.T, dir string) {
			os.Rename(filepath.Join(dir, "a/index.html"), filepath.Join(dir, "real.html"))
			os.Symlink("../real.html", filepath.Join(dir, "a/index.html"))
		}, "a/index.html", true},
		{"parent replaced by a file", func(t *testing.T, dir string) {
			os.RemoveAll(filepath.Join(dir, "a"))
			os.WriteFile(filepath.Join(dir, "a"), nil, 0o644)
		}, "a/index.html", true},
		{"not in the manifest", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "new.html"), nil, 0o644)
		}, "new.html", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			build(t, dir, "index.html", "home", "a/index.html", "AAAA")
			before, err := os.ReadFile(filepath.Join(stateOf(t, dir), ManifestName))
			if err != nil {
				t.Fatal(err)
			}
			tt.change(t, dir)
			s := mustBegin(t, dir)
			err = s.Keep(tt.path)
			if stale := errors.Is(err, ErrStale); stale != tt.stale || (err != nil && !stale) {
				t.Fatalf("Keep(%s) = %v, want stale %t", tt.path, err, tt.stale)
			}
			if !tt.stale {
				if err := s.Keep("index.html"); err != nil {
					t.Fatal(err)
				}
				if st := mustCommit(t, s); st.Unchanged != 2 || len(st.Changed) != 0 {
					t.Errorf("stats = %+v, want 2 unchanged", st)
				}
				after, _ := os.ReadFile(filepath.Join(stateOf(t, dir), ManifestName))
				if string(after) != string(before) || !mtime(t, dir, tt.path).Equal(past) {
					t.Error("a build of kept files changed the manifest or the file")
				}
				return
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("keep %q: ", tt.path)) {
				t.Errorf("error %q does not name the path", err)
			}
			// A stale path is free to be put.
			if tt.name == "replaced by a link" || tt.name == "replaced by a folder" || tt.name == "parent replaced by a file" {
				return // Put refuses what is in the way; TestWriteSymlinks and TestSessionConflicts cover it
			}
			if _, err := s.Put(tt.path, []byte("AAAA")); err != nil {
				t.Fatalf("Put after stale Keep: %v", err)
			}
			mustCommit(t, s)
			if got, _ := os.ReadFile(filepath.Join(dir, tt.path)); string(got) != "AAAA" {
				t.Errorf("%s = %q", tt.path, got)
			}
		})
	}
}

func TestSessionCommitPrunes(t *testing.T) {
	dir := t.TempDir()
	build(t, dir,
		"index.html", "home",
		"put/index.html", "P",
		"kept/index.html", "K",
		"old/index.html", "old",
		"deep/a/b/index.html", "deep",
		"mixed/index.html", "M",
	)
	for p, data := range map[string]string{"foreign.txt": "f", "mixed/foreign.txt": "mf", "CNAME": "example.com"} {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := mustBegin(t, dir)
	mustPut(t, s, "index.html", "home")
	mustPut(t, s, "put/index.html", "P2")
	mustPut(t, s, "new/index.html", "N")
	if err := s.Keep("kept/index.html"); err != nil {
		t.Fatal(err)
	}
	st := mustCommit(t, s)
	want := Stats{Written: 2, Unchanged: 2, Removed: 3, Changed: []string{
		"deep/a/b/index.html", "mixed/index.html", "new/index.html", "old/index.html", "put/index.html",
	}, Added: []string{"new/index.html"}, Updated: []string{"put/index.html"}, Deleted: []string{"deep/a/b/index.html", "mixed/index.html", "old/index.html"}}
	if !reflect.DeepEqual(st, want) {
		t.Errorf("stats = %+v\nwant %+v", st, want)
	}
	wantTree(t, dir, map[string]string{
		"index.html": "home", "put/": "", "put/index.html": "P2", "kept/": "", "kept/index.html": "K",
		"new/": "", "new/index.html": "N", "foreign.txt": "f", "mixed/": "", "mixed/foreign.txt": "mf", "CNAME": "example.com",
	})
	m := loadManifest(t, dir)
	if want := []string{"index.html", "kept/index.html", "new/index.html", "put/index.html"}; !m.Complete || !reflect.DeepEqual(manifestPaths(t, dir), want) {
		t.Errorf("manifest = %+v, want complete with %v", m, want)
	}
	if _, err := s.Put("late.html", nil); err == nil {
		t.Error("Put after Commit succeeded")
	}
	if _, err := s.Commit(); err == nil {
		t.Error("second Commit succeeded")
	}
	if err := s.Abort(); err != nil {
		t.Errorf("Abort after Commit: %v", err)
	}
}

func TestSessionDurable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	s, err := BeginWith(t.Context(), dir, Options{Durable: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	mustPut(t, s, "a/index.html", "A")
	if st := mustCommit(t, s); st.Written != 1 {
		t.Errorf("stats = %+v", st)
	}
	wantTree(t, dir, map[string]string{"a/": "", "a/index.html": "A"})
}

// TestSessionMakeDirs checks folders made ahead of Put: used by the Puts,
// removed again by Discard, and pruned after a session that was aborted
// (as after a kill) when no file went in.
func TestSessionMakeDirs(t *testing.T) {
	paths := []string{"a/b/index.html", "a/c/index.html", "d/index.html", "index.html"}
	t.Run("put", func(t *testing.T) {
		dir := t.TempDir()
		s := mustBegin(t, dir)
		if err := s.MakeDirs(paths); err != nil {
			t.Fatal(err)
		}
		for _, d := range []string{"a/b", "a/c", "d"} {
			if fi, err := os.Stat(filepath.Join(dir, d)); err != nil || !fi.IsDir() {
				t.Fatalf("%s not made: %v", d, err)
			}
		}
		for _, p := range paths {
			if _, err := s.Put(p, []byte(p)); err != nil {
				t.Fatal(err)
			}
		}
		if st := mustCommit(t, s); st.Written != 4 {
			t.Errorf("stats %+v", st)
		}
	})
	t.Run("discard", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "foreign.txt"), []byte("x"), 0o644)
		s := mustBegin(t, dir)
		if err := s.MakeDirs(paths); err != nil {
			t.Fatal(err)
		}
		if err := s.Abort(); err != nil {
			t.Fatal(err)
		}
		ents, _ := os.ReadDir(dir)
		if len(ents) != 1 || ents[0].Name() != "foreign.txt" {
			t.Errorf("after Abort the folder holds %v", ents)
		}
	})
	t.Run("abort, then the next build", func(t *testing.T) {
		dir := t.TempDir()
		s := mustBegin(t, dir)
		if err := s.MakeDirs(paths); err != nil {
			t.Fatal(err)
		}
		if err := s.Abort(); err != nil {
			t.Fatal(err)
		}
		s = mustBegin(t, dir)
		if _, err := s.Put("index.html", []byte("x")); err != nil {
			t.Fatal(err)
		}
		mustCommit(t, s)
		for _, d := range []string{"a", "d"} {
			if _, err := os.Stat(filepath.Join(dir, d)); !os.IsNotExist(err) {
				t.Errorf("%s left after the next build: %v", d, err)
			}
		}
	})
}
