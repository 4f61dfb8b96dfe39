package output

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestSessionConflicts(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		do    func(s *Session) error // the last call, expected to fail
		want  string
	}{
		{"put twice", nil, func(s *Session) error {
			s.Put("a.html", nil)
			_, err := s.Put("a.html", nil)
			return err
		}, `"a.html" was already put or kept`},
		{"keep after put", nil, func(s *Session) error {
			s.Put("a.html", nil)
			return s.Keep("a.html")
		}, `"a.html" was already put or kept`},
		{"file, then a file below it", nil, func(s *Session) error {
			s.Put("a", nil)
			_, err := s.Put("a/b/c.html", nil)
			return err
		}, `"a" is also an output file`},
		{"file, then a file where its folder is", nil, func(s *Session) error {
			s.Put("a/b/c.html", nil)
			_, err := s.Put("a/b", nil)
			return err
		}, `"a/b" is a folder of another output file`},
		{"invalid path", nil, func(s *Session) error {
			_, err := s.Put("../up.html", nil)
			return err
		}, `invalid output path: ".." segment`},
		{"reserved path", nil, func(s *Session) error {
			return s.Keep(".rolesite-journal")
		}, `invalid output path: ".rolesite-journal" is reserved`},
		{"foreign file where a folder goes", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "c"), []byte("mine"), 0o644)
		}, func(s *Session) error {
			_, err := s.Put("c/index.html", nil)
			return err
		}, `cannot create folder "c": a file the generator did not write is in the way`},
		{"foreign folder where a file goes", func(t *testing.T, dir string) {
			os.MkdirAll(filepath.Join(dir, "d/e"), 0o755)
			os.WriteFile(filepath.Join(dir, "d/e/mine.txt"), []byte("mine"), 0o644)
		}, func(s *Session) error {
			_, err := s.Put("d", nil)
			return err
		}, `cannot write "d": a folder holding files the generator did not write`},
		{"link on the way", func(t *testing.T, dir string) {
			os.Mkdir(filepath.Join(dir, "real"), 0o755)
			os.Symlink("real", filepath.Join(dir, "l"))
		}, func(s *Session) error {
			_, err := s.Put("l/index.html", nil)
			return err
		}, `"l" in the output folder is a symbolic link`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			before := tree(t, dir)
			s := mustBegin(t, dir)
			err := tt.do(s)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if tt.setup != nil {
				if _, err := s.Commit(); err != nil {
					t.Fatal(err)
				}
				wantTree(t, dir, before)
			}
		})
	}

	// Whatever an earlier build wrote may be removed to make room.
	dir := t.TempDir()
	build(t, dir, "a", "file", "b/index.html", "B", "b/c/index.html", "BC")
	s := mustBegin(t, dir)
	mustPut(t, s, "a/index.html", "A")
	mustPut(t, s, "b", "file")
	st := mustCommit(t, s)
	if want := []string{"a", "a/index.html", "b", "b/c/index.html", "b/index.html"}; !reflect.DeepEqual(st.Changed, want) || st.Removed != 3 {
		t.Errorf("stats = %+v, want changed %v", st, want)
	}
	wantTree(t, dir, map[string]string{"a/": "", "a/index.html": "A", "b": "file"})
}

func TestSessionConcurrent(t *testing.T) {
	const n, workers = 1200, 8
	dir := t.TempDir()
	path := func(i int) string { return fmt.Sprintf("s%02d/p%04d/index.html", i%37, i) }
	data := func(i, v int) string { return fmt.Sprintf("page %d version %d", i, v) }
	// The first build writes the even pages and a few to be pruned.
	var first []string
	for i := 0; i < n; i += 2 {
		first = append(first, path(i), data(i, 1))
	}
	first = append(first, "gone/a.html", "x", "gone/b/c.html", "y")
	build(t, dir, first...)

	// Odd pages are new, pages divisible by 4 are kept, the other even ones
	// change every third page.
	s := mustBegin(t, dir)
	var wg sync.WaitGroup
	var written atomic.Int32
	errs := make(chan error, n)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				switch {
				case i%4 == 0:
					if err := s.Keep(path(i)); err != nil {
						errs <- err
					}
				default:
					v := 1
					if i%2 == 1 || i%3 == 0 {
						v = 2
					}
					w, err := s.Put(path(i), []byte(data(i, v)))
					if err != nil {
						errs <- err
					}
					if w {
						written.Add(1)
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st := mustCommit(t, s)
	if st.Written != int(written.Load()) || st.Written+st.Unchanged != n || st.Removed != 2 || len(st.Changed) != st.Written+2 ||
		!slices.IsSorted(st.Changed) {
		t.Errorf("stats: %d written, %d unchanged, %d removed, %d changed (Put said %d written)",
			st.Written, st.Unchanged, st.Removed, len(st.Changed), written.Load())
	}
	want := map[string]string{}
	for i := range n {
		v := 1
		if i%4 != 0 && (i%2 == 1 || i%3 == 0) {
			v = 2
		}
		want[path(i)] = data(i, v)
		want[parentDir(path(i))+"/"] = ""
		want[parentDir(parentDir(path(i)))+"/"] = ""
	}
	wantTree(t, dir, want)
	if got := len(loadManifest(t, dir).Files); got != n {
		t.Errorf("manifest lists %d files, want %d", got, n)
	}
}
