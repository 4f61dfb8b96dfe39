//go:build linux

package output

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// exchangeSite is an output folder holding a committed site: two pages, an
// asset, a folder of pages the next site drops, and a file put there by
// hand.
func exchangeSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "public")
	s := mustBegin(t, dir)
	for p, data := range map[string]string{"index.html": "home v1", "a/index.html": "a v1", "gone/x/index.html": "gone", "style.css": "css"} {
		mustPut(t, s, p, data)
	}
	mustCommit(t, s)
	if err := os.WriteFile(filepath.Join(dir, "by-hand.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// beginExchange begins an exchanging session on dir with fault.
func beginExchange(t *testing.T, dir string, fault func(op, path string) error) *Session {
	t.Helper()
	s, err := BeginWith(t.Context(), dir, Options{Exchange: true, Fault: fault})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Abort() })
	return s
}

// putNext puts the next site: the home page changed, a page kept, a new
// one, the gone/ folder left out.
func putNext(t *testing.T, s *Session) {
	t.Helper()
	mustPut(t, s, "index.html", "home v2")
	mustPut(t, s, "a/index.html", "a v1")
	mustPut(t, s, "b/c/index.html", "b v2")
	if err := s.Keep("style.css"); err != nil {
		t.Fatal(err)
	}
}

func inode(t *testing.T, p string) uint64 {
	t.Helper()
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return info.Sys().(*syscall.Stat_t).Ino
}

func noNext(t *testing.T, dir string) {
	t.Helper()
	if _, err := os.Lstat(NextName(dir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s is left beside the output folder (%v)", NextName(dir), err)
	}
}

// TestExchangeCommit: an exchanging commit puts the whole new site in
// place as a new folder, keeps the hand-made file, and leaves nothing
// beside the output folder.
func TestExchangeCommit(t *testing.T) {
	dir := exchangeSite(t)
	before := inode(t, dir)
	s := beginExchange(t, dir, nil)
	putNext(t, s)
	st, err := s.Commit()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "home v2", "a/": "", "a/index.html": "a v1", "b/": "", "b/c/": "", "b/c/index.html": "b v2",
		"style.css": "css", "by-hand.txt": "mine"}
	if got := tree(t, dir); !maps.Equal(got, want) {
		t.Errorf("after the commit:\n got %v\nwant %v", got, want)
	}
	if inode(t, dir) == before {
		t.Error("the output folder is the same folder: the commit did not exchange it")
	}
	if st.Written != 2 || st.Removed != 1 {
		t.Errorf("stats %+v, want 2 written, 1 removed", st)
	}
	noNext(t, dir)
	// The next session trusts the new manifest: nothing to write.
	s = beginExchange(t, dir, nil)
	putNext(t, s)
	if st := mustCommit(t, s); st.Written != 0 {
		t.Errorf("an unchanged site wrote %d files", st.Written)
	}
}

// failEachChange commits, on a folder made by fresh each time, a session
// that put puts, failing its nth change with errno for n = 1, 2, ... until
// a commit sees no fault; it needs more than min changes. After each
// failed commit the folder must be as fresh made it, or (a fault the
// commit passed by trying again) equal passed, and nothing may be left
// beside it.
func failEachChange(t *testing.T, fresh func(*testing.T) string, put func(*testing.T, *Session), errno syscall.Errno, min int, passed map[string]string) {
	t.Helper()
	for n := 1; ; n++ {
		dir := fresh(t)
		want := tree(t, dir)
		committing := false
		count, failedAt := 0, ""
		s := beginExchange(t, dir, func(op, p string) error {
			if !committing {
				return nil
			}
			if count++; count == n {
				failedAt = op + " " + p
				return errno
			}
			return nil
		})
		put(t, s)
		committing = true
		_, err := s.Commit()
		if failedAt == "" {
			if err != nil {
				t.Fatalf("commit with no fault: %v", err)
			}
			if n <= min {
				t.Fatalf("only %d changes in the commit", n-1)
			}
			return
		}
		switch got := tree(t, dir); {
		case err == nil && passed != nil:
			if !maps.Equal(got, passed) {
				t.Errorf("fault %d (%s) passed: the folder is not the new site:\n got %v\nwant %v", n, failedAt, got, passed)
			}
		case errors.Is(err, ErrCommitted):
			// The exchange was made and only the manifest's move or a
			// journal's removal failed: the new site is in place, and the
			// next session finishes and knows the new site's files.
			if passed != nil && !maps.Equal(got, passed) {
				t.Errorf("fault %d (%s): the folder is not the new site:\n got %v\nwant %v", n, failedAt, got, passed)
			}
			next := beginExchange(t, dir, nil)
			if len(next.owned) == 0 || !next.clean {
				t.Errorf("fault %d (%s): the next session does not know the new site (%d files owned)", n, failedAt, len(next.owned))
			}
			if err := next.Abort(); err != nil {
				t.Fatal(err)
			}
		case !errors.Is(err, ErrNotCommitted):
			t.Fatalf("fault %d (%s): err = %v, want ErrNotCommitted", n, failedAt, err)
		case !maps.Equal(got, want):
			t.Errorf("fault %d (%s): the folder changed:\n got %v\nwant %v", n, failedAt, got, want)
		}
		noNext(t, dir)
	}
}

// TestExchangeFailsWhole fails each change an exchanging commit makes, in
// turn, up to and with the exchange itself: every time the output folder
// holds the previous site exactly, and nothing is left beside it.
func TestExchangeFailsWhole(t *testing.T) {
	failEachChange(t, exchangeSite, putNext, syscall.EIO, 8, nil)
}

// TestExchangeLeftoverRemoved: a folder beside the output folder left by a
// session killed after its exchange is removed by the next BeginWith.
func TestExchangeLeftoverRemoved(t *testing.T) {
	dir := exchangeSite(t)
	next := NextName(dir)
	if err := os.MkdirAll(filepath.Join(next, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	s := beginExchange(t, dir, nil)
	noNext(t, dir)
	putNext(t, s)
	mustCommit(t, s)
}

// TestExchangeThroughSymlink: an output folder that is a symbolic link is
// not exchanged (that would replace the link): the journal commits, and
// the link stays.
func TestExchangeThroughSymlink(t *testing.T) {
	real := exchangeSite(t)
	link := filepath.Join(t.TempDir(), "public")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	s := beginExchange(t, link, nil)
	putNext(t, s)
	mustCommit(t, s)
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the output folder's link is gone: %v", err)
	}
	if got := tree(t, real)["index.html"]; got != "home v2" {
		t.Errorf("index.html = %q, want the new site's", got)
	}
	noNext(t, link)
}

// TestStagedColdBuild: a first build into a folder with no site writes the
// whole site into the folder beside and exchanges it in, keeping a file
// put there by hand; a fault at any change leaves the folder as it was.
func TestStagedColdBuild(t *testing.T) {
	put := func(t *testing.T, s *Session) {
		t.Helper()
		for p, data := range map[string]string{"index.html": "home", "a/index.html": "a", "b/c/index.html": "c", "mine.txt": "theirs"} {
			mustPut(t, s, p, data)
		}
	}
	fresh := func(t *testing.T) string {
		dir := filepath.Join(t.TempDir(), "public")
		if err := os.MkdirAll(filepath.Join(dir, "well-known"), 0o755); err != nil {
			t.Fatal(err)
		}
		for p, data := range map[string]string{"by-hand.txt": "mine", "well-known/x": "x", "mine.txt": "mine"} {
			if err := os.WriteFile(filepath.Join(dir, p), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	dir := fresh(t)
	before := inode(t, dir)
	s := beginExchange(t, dir, nil)
	if s.staging == nil {
		t.Fatal("a first build is not staged")
	}
	put(t, s)
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err == nil {
		t.Fatal("a staged build wrote into the output folder before its commit")
	}
	mustCommit(t, s)
	wantNew := map[string]string{"index.html": "home", "a/": "", "a/index.html": "a", "b/": "", "b/c/": "", "b/c/index.html": "c",
		"mine.txt": "theirs", "by-hand.txt": "mine", "well-known/": "", "well-known/x": "x"}
	if got := tree(t, dir); !maps.Equal(got, wantNew) {
		t.Errorf("after the commit:\n got %v\nwant %v", got, wantNew)
	}
	if inode(t, dir) == before {
		t.Error("the output folder is the same folder: the commit did not exchange it")
	}
	noNext(t, dir)

	// A move in the staging folder's commit is tried again, and a
	// passing fault then lets it through: the new site.
	failEachChange(t, fresh, put, syscall.ENOSPC, 6, wantNew)
}

// TestStagedPutWritesInPlace: a staged first build writes each file at its
// own name in the folder beside, with its exact permissions whatever the
// umask and no temporary file or journal; a Put that fails leaves no part
// of its file there, and Abort leaves the output folder as it was.
func TestStagedPutWritesInPlace(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	for _, tt := range []struct {
		op       string
		fallback bool // as where openat2 is missing: through os.Root
	}{{"create", false}, {"write", false}, {"create", true}, {"write", true}} {
		op := tt.op
		name := op
		if tt.fallback {
			name += "/without openat2"
		}
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			s := beginExchange(t, dir, func(o, p string) error {
				if o == op && p == "b/c/index.html" {
					return syscall.ENOSPC
				}
				return nil
			})
			if s.staging == nil {
				t.Fatal("a first build is not staged")
			}
			if tt.fallback {
				s.staging.close()
			}
			mustPut(t, s, "a/index.html", "a")
			next := NextName(dir)
			want := map[string]string{"a/": "", "a/index.html": "a"}
			if got := tree(t, next); !maps.Equal(got, want) {
				t.Errorf("the folder beside after one Put:\n got %v\nwant %v", got, want)
			}
			info, err := os.Stat(filepath.Join(next, "a", "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			if info.Mode().Perm() != filePerm {
				t.Errorf("a/index.html has mode %v, want %v", info.Mode().Perm(), fs.FileMode(filePerm))
			}
			if _, err := s.Put("b/c/index.html", []byte("c")); !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("Put with a fault at %s: err = %v, want ENOSPC", op, err)
			}
			if _, err := os.Lstat(filepath.Join(next, "b", "c", "index.html")); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a failed Put left its file in the folder beside (%v)", err)
			}
			if err := s.Abort(); err != nil {
				t.Fatal(err)
			}
			if got := tree(t, dir); len(got) != 0 {
				t.Errorf("the output folder after Abort: %v, want it empty", got)
			}
			noNext(t, dir)
		})
	}
}
