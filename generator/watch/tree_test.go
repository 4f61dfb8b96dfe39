package watch

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/fsnotify/fsnotify"

	"rolesite/internal/testbuf"
)

// fakeFS records watches and fails Add where fail says so.
type fakeFS struct {
	added, removed []string
	fail           func(path string) error
}

func (f *fakeFS) Add(path string) error {
	if f.fail != nil {
		if err := f.fail(path); err != nil {
			return err
		}
	}
	f.added = append(f.added, path)
	return nil
}

func (f *fakeFS) Remove(path string) error {
	f.removed = append(f.removed, path)
	return nil
}

// fakeProc writes a max_user_watches file and returns its folder.
func fakeProc(t *testing.T, watches string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "max_user_watches"), []byte(watches+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func bufferLogger() (*slog.Logger, *testbuf.Buffer) {
	buf := new(testbuf.Buffer)
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

// mkdirs creates folders under root.
func mkdirs(t *testing.T, root string, dirs ...string) {
	t.Helper()
	for _, d := range dirs {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLimitErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  error
		proc string
		want string
	}{
		{"watches", syscall.ENOSPC, "8192",
			"inotify watch limit reached (fs.inotify.max_user_watches=8192); raise it with: sudo sysctl fs.inotify.max_user_watches=524288"},
		{"watches already high", syscall.ENOSPC, "524288",
			"inotify watch limit reached (fs.inotify.max_user_watches=524288); raise it with: sudo sysctl fs.inotify.max_user_watches=1048576"},
		{"watches unknown", syscall.ENOSPC, "",
			"inotify watch limit reached (fs.inotify.max_user_watches=unknown); raise it with: sudo sysctl fs.inotify.max_user_watches=524288"},
		{"instances", fmt.Errorf("couldn't initialize inotify: %w", syscall.EMFILE), "",
			"inotify instance limit reached (fs.inotify.max_user_instances=unknown); raise it with: sudo sysctl fs.inotify.max_user_instances=1024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			proc := t.TempDir()
			if tt.proc != "" {
				proc = fakeProc(t, tt.proc)
			}
			err := limitError(tt.err, proc)
			var limit *LimitError
			if !errors.As(err, &limit) {
				t.Fatalf("limitError(%v) = %v, not a *LimitError", tt.err, err)
			}
			if err.Error() != tt.want {
				t.Errorf("message\n got %s\nwant %s", err, tt.want)
			}
			if !errors.Is(err, tt.err) && !errors.Is(err, errors.Unwrap(tt.err)) {
				t.Errorf("%v does not unwrap to %v", err, tt.err)
			}
		})
	}
	if err := limitError(syscall.EACCES, t.TempDir()); err != syscall.EACCES {
		t.Errorf("limitError(EACCES) = %v, want EACCES unchanged", err)
	}
}

func TestAddRootWatchLimit(t *testing.T) {
	root := t.TempDir()
	mkdirs(t, root, "a/b", "c")
	fs := &fakeFS{fail: func(path string) error {
		if filepath.Base(path) == "b" {
			return syscall.ENOSPC
		}
		return nil
	}}
	tr := newTree(fs, slog.New(slog.DiscardHandler), fakeProc(t, "100"))
	err := tr.addRoot(root)
	var limit *LimitError
	if !errors.As(err, &limit) {
		t.Fatalf("addRoot = %v, want a *LimitError", err)
	}
	want := "inotify watch limit reached (fs.inotify.max_user_watches=100); raise it with: sudo sysctl fs.inotify.max_user_watches=524288"
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), filepath.Join(root, "a", "b")) {
		t.Errorf("addRoot error %q does not name the folder and the fix", err)
	}
}

func TestNewFolderWatchLimitIsLogged(t *testing.T) {
	root := t.TempDir()
	fs := &fakeFS{}
	log, buf := bufferLogger()
	tr := newTree(fs, log, fakeProc(t, "100"))
	if err := tr.addRoot(root); err != nil {
		t.Fatal(err)
	}
	fs.fail = func(string) error { return syscall.ENOSPC }
	mkdirs(t, root, "new")
	var got []Change
	tr.handle(fsnotify.Event{Name: filepath.Join(root, "new"), Op: fsnotify.Create}, func(c Change) { got = append(got, c) })
	if !slices.Equal(got, []Change{{filepath.Join(root, "new"), Create}}) {
		t.Errorf("changes = %v", got)
	}
	if s := buf.String(); !strings.Contains(s, "level=ERROR") || !strings.Contains(s, "sudo sysctl fs.inotify.max_user_watches=524288") {
		t.Errorf("log does not report the limit at error level:\n%s", s)
	}
}

func TestDropRenamedFolder(t *testing.T) {
	root := t.TempDir()
	mkdirs(t, root, "a/b/c", "ab", "d")
	fs := &fakeFS{}
	tr := newTree(fs, slog.New(slog.DiscardHandler), t.TempDir())
	if err := tr.addRoot(root); err != nil {
		t.Fatal(err)
	}
	if len(fs.added) != 6 {
		t.Fatalf("watched %v, want 6 folders", fs.added)
	}
	var got []Change
	tr.handle(fsnotify.Event{Name: filepath.Join(root, "a"), Op: fsnotify.Rename}, func(c Change) { got = append(got, c) })
	slices.Sort(fs.removed)
	want := []string{filepath.Join(root, "a"), filepath.Join(root, "a/b"), filepath.Join(root, "a/b/c")}
	if !slices.Equal(fs.removed, want) {
		t.Errorf("removed watches %v, want %v (and not ab)", fs.removed, want)
	}
	if !slices.Equal(got, []Change{{filepath.Join(root, "a"), Remove}}) {
		t.Errorf("changes = %v", got)
	}
}

func TestOverflowRescans(t *testing.T) {
	root1, root2 := t.TempDir(), t.TempDir()
	mkdirs(t, root1, "gone", "stays")
	fs := &fakeFS{}
	log, buf := bufferLogger()
	tr := newTree(fs, log, t.TempDir())
	for _, r := range []string{root1, root2} {
		if err := tr.addRoot(r); err != nil {
			t.Fatal(err)
		}
	}
	// While events were lost: a folder went, another came.
	if err := os.Remove(filepath.Join(root1, "gone")); err != nil {
		t.Fatal(err)
	}
	mkdirs(t, root2, "new/deeper")
	var got []Change
	tr.handleError(fmt.Errorf("read: %w", fsnotify.ErrEventOverflow), func(c Change) { got = append(got, c) })

	if want := []Change{{root1, Rescan}, {root2, Rescan}}; !slices.Equal(got, want) {
		t.Errorf("changes = %v, want %v", got, want)
	}
	if tr.dirs[filepath.Join(root1, "gone")] || !slices.Contains(fs.removed, filepath.Join(root1, "gone")) {
		t.Errorf("watch of the removed folder kept: removed %v", fs.removed)
	}
	for _, d := range []string{"new", "new/deeper"} {
		if !tr.dirs[filepath.Join(root2, d)] {
			t.Errorf("new folder %s not watched after the rescan", d)
		}
	}
	if !strings.Contains(buf.String(), "overflow") {
		t.Errorf("overflow not logged:\n%s", buf)
	}

	// Other errors are logged, nothing else.
	got = nil
	tr.handleError(errors.New("something odd"), func(c Change) { got = append(got, c) })
	if got != nil || !strings.Contains(buf.String(), "something odd") {
		t.Errorf("other error: changes %v, log:\n%s", got, buf)
	}
}

func TestRootRemovedIsLogged(t *testing.T) {
	root := t.TempDir()
	mkdirs(t, root, "roles")
	fs := &fakeFS{}
	log, buf := bufferLogger()
	tr := newTree(fs, log, t.TempDir())
	if err := tr.addRoot(root); err != nil {
		t.Fatal(err)
	}
	var got []Change
	tr.handle(fsnotify.Event{Name: root, Op: fsnotify.Rename}, func(c Change) { got = append(got, c) })
	if !slices.Equal(got, []Change{{root, Remove}}) || len(tr.dirs) != 0 {
		t.Errorf("changes %v, watched %v", got, tr.dirs)
	}
	if s := buf.String(); !strings.Contains(s, "level=ERROR") || !strings.Contains(s, "restart") {
		t.Errorf("log:\n%s", s)
	}
}
