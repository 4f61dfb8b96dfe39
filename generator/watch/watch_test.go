package watch

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Integration tests: Run on a temporary folder with the real fsnotify.

const (
	itDebounce = 50 * time.Millisecond
	itWait     = 5 * time.Second        // longest wait for an expected batch
	itQuiet    = 250 * time.Millisecond // no batch within this: none is coming
)

// tlog sends log lines to t.Log.
type tlog struct{ t *testing.T }

func (w tlog) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// watcher is a running Run whose batches a test reads.
type watcher struct {
	root    string
	batches chan []Change
}

// start runs Run on a new temporary folder, made by setup first, and stops it
// when the test ends. rebuild, if set, is called before a batch is handed to
// the test.
func start(t *testing.T, setup func(root string), rebuild func(n int, changes []Change)) *watcher {
	t.Helper()
	root := t.TempDir()
	if setup != nil {
		setup(root)
	}
	w := &watcher{root: root, batches: make(chan []Change, 1000)}
	ctx, cancel := context.WithCancel(t.Context())
	ready, done := make(chan struct{}), make(chan error, 1)
	cfg := Config{
		Roots:    []string{root},
		Debounce: itDebounce,
		Logger:   slog.New(slog.NewTextHandler(tlog{t}, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Ready:    func() { close(ready) },
	}
	n := 0
	go func() {
		done <- Run(ctx, cfg, func(_ context.Context, changes []Change) {
			n++
			if rebuild != nil {
				rebuild(n, changes)
			}
			w.batches <- changes
		})
	}()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("Run: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run returned %v", err)
		}
	})
	return w
}

// path joins the root and a slash-separated path.
func (w *watcher) path(rel string) string { return filepath.Join(w.root, filepath.FromSlash(rel)) }

// next waits for the next batch.
func (w *watcher) next(t *testing.T) []Change {
	t.Helper()
	select {
	case b := <-w.batches:
		return b
	case <-time.After(itWait):
		t.Fatal("no batch")
		return nil
	}
}

// want waits for the next batch and compares it, with paths relative to
// root. On a loaded machine one save's events can be more than a quiet period
// apart and end in two batches: then the following batches are merged (as
// Filter would) until every wanted path is there, and the split is logged.
func (w *watcher) want(t *testing.T, want ...Change) {
	t.Helper()
	for i := range want {
		want[i].Path = w.path(want[i].Path)
	}
	got := w.next(t)
	for n := 1; !coversPaths(got, want); n++ {
		select {
		case b := <-w.batches:
			t.Logf("changes split over %d batches (slow machine?): %v, then %v", n+1, got, b)
			got = Filter(append(slices.Clone(got), b...))
		case <-time.After(itWait):
			t.Fatalf("batch\n got %v\nwant %v", got, want)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("batch\n got %v\nwant %v", got, want)
	}
}

// coversPaths reports whether got has a change for every path in want.
func coversPaths(got, want []Change) bool {
	for _, c := range want {
		if !slices.ContainsFunc(got, func(g Change) bool { return g.Path == c.Path }) {
			return false
		}
	}
	return true
}

// none checks that no batch comes.
func (w *watcher) none(t *testing.T) {
	t.Helper()
	select {
	case b := <-w.batches:
		t.Errorf("unexpected batch %v", b)
	case <-time.After(itQuiet):
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func do(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// withRole creates roles/backend.md under root.
func withRole(root string) {
	if err := os.MkdirAll(filepath.Join(root, "roles"), 0o755); err != nil {
		panic(err)
	}
	if err := os.WriteFile(filepath.Join(root, "roles", "backend.md"), []byte("---\ntitle: Backend\n---\n"), 0o644); err != nil {
		panic(err)
	}
}

func TestRunWriteInPlace(t *testing.T) {
	t.Parallel()
	w := start(t, withRole, nil)
	write(t, w.path("roles/backend.md"), "---\ntitle: Backend-Entwickler\n---\n")
	w.want(t, Change{"roles/backend.md", Write})
	w.none(t)

	// Appending in several writes is still one save.
	f, err := os.OpenFile(w.path("roles/backend.md"), os.O_APPEND|os.O_WRONLY, 0)
	do(t, err)
	for range 5 {
		_, err := f.WriteString("more\n")
		do(t, err)
	}
	do(t, f.Close())
	w.want(t, Change{"roles/backend.md", Write})
	w.none(t)
}

func TestRunSafeWrite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		save func(t *testing.T, f string)
		want Op
	}{
		{"temp file renamed over the original", func(t *testing.T, f string) {
			write(t, f+".tmp", "new")
			do(t, os.Rename(f+".tmp", f))
		}, Create},
		{"vs code dot temp file", func(t *testing.T, f string) {
			tmp := filepath.Join(filepath.Dir(f), "."+filepath.Base(f)+".tmp")
			write(t, tmp, "new")
			do(t, os.Rename(tmp, f))
		}, Create},
		{"jetbrains ___jb_tmp___ and ___jb_old___", func(t *testing.T, f string) {
			write(t, f+"___jb_tmp___", "new")
			do(t, os.Rename(f, f+"___jb_old___"))
			do(t, os.Rename(f+"___jb_tmp___", f))
			do(t, os.Remove(f+"___jb_old___"))
		}, Create},
		{"vim 4913 probe and backup~ rename", func(t *testing.T, f string) {
			probe := filepath.Join(filepath.Dir(f), "4913")
			write(t, probe, "")
			do(t, os.Chmod(probe, 0o644))
			do(t, os.Remove(probe))
			do(t, os.Rename(f, f+"~"))
			write(t, f, "new")
			do(t, os.Chmod(f, 0o644))
			do(t, os.Remove(f+"~"))
		}, Write},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := start(t, withRole, nil)
			tt.save(t, w.path("roles/backend.md"))
			w.want(t, Change{"roles/backend.md", tt.want})
			w.none(t)
			// The original is still watched after the dance.
			write(t, w.path("roles/backend.md"), "newer")
			w.want(t, Change{"roles/backend.md", Write})
		})
	}
}

func TestRunDeleteAndRecreate(t *testing.T) {
	t.Parallel()
	w := start(t, withRole, nil)
	do(t, os.Remove(w.path("roles/backend.md")))
	w.want(t, Change{"roles/backend.md", Remove})
	write(t, w.path("roles/backend.md"), "back")
	w.want(t, Change{"roles/backend.md", Write})

	// Both in one quiet period: the file is there, and changed.
	do(t, os.Remove(w.path("roles/backend.md")))
	write(t, w.path("roles/backend.md"), "again")
	w.want(t, Change{"roles/backend.md", Write})

	// Renamed away: a remove, and the new name a create.
	do(t, os.Rename(w.path("roles/backend.md"), w.path("roles/backend-entwickler.md")))
	w.want(t, Change{"roles/backend-entwickler.md", Create}, Change{"roles/backend.md", Remove})
	w.none(t)
}

func TestRunChmodOnlyIsNoRebuild(t *testing.T) {
	t.Parallel()
	w := start(t, withRole, nil)
	f := w.path("roles/backend.md")
	do(t, os.Chmod(f, 0o600))
	do(t, os.Chtimes(f, time.Now(), time.Now()))
	do(t, os.Chmod(w.path("roles"), 0o700))
	w.none(t)
}

func TestRunSwapFilesAreNoRebuild(t *testing.T) {
	t.Parallel()
	w := start(t, withRole, nil)
	for _, name := range []string{
		".backend.md.swp", ".backend.md.swx", ".backend.md.swo", "backend.md~", ".#backend.md",
		"#backend.md#", "4913", "backend.md.tmp", ".backend.md.tmp", "backend.md___jb_tmp___",
		"backend.md___jb_old___", ".DS_Store",
	} {
		p := w.path("roles/" + name)
		write(t, p, "swap")
		write(t, p, "swap again")
		do(t, os.Remove(p))
	}
	write(t, w.path(".DS_Store"), "finder")
	w.none(t)
}

// nextCovering reads batches until they name every path (relative to root).
func (w *watcher) nextCovering(t *testing.T, paths ...string) [][]Change {
	t.Helper()
	var want []Change
	for _, p := range paths {
		want = append(want, Change{Path: w.path(p)})
	}
	batches := [][]Change{w.next(t)}
	for !coversPaths(slices.Concat(batches...), want) {
		batches = append(batches, w.next(t))
	}
	if len(batches) > 1 {
		t.Logf("changes split over %d batches (slow machine?): %v", len(batches), batches)
	}
	return batches
}

// changeMap turns batches into path -> last op, with paths relative to root.
func (w *watcher) changeMap(batches ...[]Change) map[string]Op {
	m := make(map[string]Op)
	for _, b := range batches {
		for _, c := range b {
			rel, _ := filepath.Rel(w.root, c.Path)
			m[filepath.ToSlash(rel)] = c.Op
		}
	}
	return m
}

func TestRunNewFolder(t *testing.T) {
	t.Parallel()
	w := start(t, withRole, nil)
	// A file created right after mkdir, before Run can have added the watch:
	// the scan of the new folder reports it.
	do(t, os.Mkdir(w.path("roles/neu"), 0o755))
	write(t, w.path("roles/neu/data-engineer.md"), "x")
	got := w.changeMap(w.nextCovering(t, "roles/neu", "roles/neu/data-engineer.md")...)
	if len(got) != 2 || got["roles/neu"] != Create || got["roles/neu/data-engineer.md"] == Remove ||
		got["roles/neu/data-engineer.md"] == 0 {
		t.Errorf("batch = %v, want roles/neu created and roles/neu/data-engineer.md created or written", got)
	}
	w.none(t)

	// The new folder is watched.
	write(t, w.path("roles/neu/data-engineer.md"), "y")
	w.want(t, Change{"roles/neu/data-engineer.md", Write})

	// mkdir -p of three levels and a file at the bottom.
	do(t, os.MkdirAll(w.path("a/b/c"), 0o755))
	write(t, w.path("a/b/c/deep.md"), "x")
	got = w.changeMap(w.nextCovering(t, "a", "a/b", "a/b/c", "a/b/c/deep.md")...)
	for _, p := range []string{"a", "a/b", "a/b/c", "a/b/c/deep.md"} {
		if got[p] == 0 || got[p] == Remove {
			t.Errorf("%s: %v, want created or written (batch %v)", p, got[p], got)
		}
	}
	if len(got) != 4 {
		t.Errorf("batch %v, want 4 paths", got)
	}
	write(t, w.path("a/b/c/deep.md"), "y")
	w.want(t, Change{"a/b/c/deep.md", Write})
}

func TestRunFolderMovedIn(t *testing.T) {
	t.Parallel()
	w := start(t, nil, nil)
	outside := t.TempDir()
	do(t, os.MkdirAll(filepath.Join(outside, "roles", "sub"), 0o755))
	write(t, filepath.Join(outside, "roles", "a.md"), "a")
	write(t, filepath.Join(outside, "roles", "sub", "b.md"), "b")
	do(t, os.Rename(filepath.Join(outside, "roles"), w.path("roles")))
	w.want(t,
		Change{"roles", Create}, Change{"roles/a.md", Create},
		Change{"roles/sub", Create}, Change{"roles/sub/b.md", Create})
	write(t, w.path("roles/sub/b.md"), "b2")
	w.want(t, Change{"roles/sub/b.md", Write})
}

func TestRunFolderRemoved(t *testing.T) {
	t.Parallel()
	w := start(t, func(root string) {
		withRole(root)
		do(t, os.MkdirAll(filepath.Join(root, "roles", "sub"), 0o755))
		write(t, filepath.Join(root, "roles", "sub", "x.md"), "x")
	}, nil)
	do(t, os.RemoveAll(w.path("roles")))
	w.want(t, Change{"roles", Remove}, Change{"roles/backend.md", Remove},
		Change{"roles/sub", Remove}, Change{"roles/sub/x.md", Remove})
	w.none(t)

	// Created again under the same name: watched again.
	do(t, os.Mkdir(w.path("roles"), 0o755))
	w.want(t, Change{"roles", Create})
	write(t, w.path("roles/new.md"), "x")
	w.want(t, Change{"roles/new.md", Write})
}

func TestRunFolderMovedAway(t *testing.T) {
	t.Parallel()
	w := start(t, func(root string) {
		withRole(root)
		do(t, os.MkdirAll(filepath.Join(root, "roles", "sub"), 0o755))
	}, nil)
	outside := filepath.Join(t.TempDir(), "moved")
	do(t, os.Rename(w.path("roles"), outside))
	w.want(t, Change{"roles", Remove})
	// Its watches are gone: changes in the moved folder are not reported
	// (and certainly not under the old path).
	write(t, filepath.Join(outside, "backend.md"), "x")
	write(t, filepath.Join(outside, "sub", "y.md"), "y")
	w.none(t)
}

func TestRunBurst(t *testing.T) {
	t.Parallel()
	const n = 1000
	w := start(t, nil, nil)
	do(t, os.Mkdir(w.path("roles"), 0o755))
	w.want(t, Change{"roles", Create})
	// Like a git checkout: a thousand files written as fast as possible.
	for i := range n {
		write(t, w.path(fmt.Sprintf("roles/role-%04d.md", i)), "x")
	}
	seen := make(map[string]bool)
	batches := 0
	for len(seen) < n {
		b := w.next(t)
		batches++
		for _, c := range b {
			if c.Op != Write && c.Op != Create {
				t.Errorf("unexpected change %v", c)
			}
			seen[c.Path] = true
		}
	}
	w.none(t)
	t.Logf("%d files in %d batches", len(seen), batches)
	if len(seen) != n {
		t.Errorf("%d paths seen, want %d", len(seen), n)
	}
	// One batch on an idle machine; a loaded one writes the files more
	// slowly, and changes that keep coming are cut every maxWait (1s here).
	if batches > 10 {
		t.Errorf("%d batches for one burst, want a few", batches)
	}
}

func TestRunChangesDuringRebuildAreNotLost(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var w *watcher
	w = start(t, withRole, func(n int, _ []Change) {
		if n == 1 {
			// A slow rebuild; meanwhile the user saves another file.
			write(t, w.path("roles/other.md"), "x")
			time.Sleep(3 * itDebounce)
			<-release
		}
	})
	write(t, w.path("roles/backend.md"), "x")
	close(release)
	w.want(t, Change{"roles/backend.md", Write})
	w.want(t, Change{"roles/other.md", Write})
	w.none(t)
}

func TestRunRebuildPanicDoesNotStopWatching(t *testing.T) {
	t.Parallel()
	w := start(t, withRole, func(n int, _ []Change) {
		if n == 1 {
			panic("rebuild broke")
		}
	})
	write(t, w.path("roles/backend.md"), "x")
	w.none(t) // the panicking call never hands its batch over
	write(t, w.path("roles/backend.md"), "y")
	w.want(t, Change{"roles/backend.md", Write})
}

func TestRunBadConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	write(t, file, "x")
	noop := func(context.Context, []Change) {}
	tests := []struct {
		name    string
		cfg     Config
		rebuild func(context.Context, []Change)
		want    string
	}{
		{"no roots", Config{}, noop, "no folders"},
		{"missing root", Config{Roots: []string{filepath.Join(dir, "missing")}}, noop, "no such file"},
		{"root is a file", Config{Roots: []string{file}}, noop, "not a folder"},
		{"no rebuild", Config{Roots: []string{dir}}, nil, "no rebuild"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Run(t.Context(), tt.cfg, tt.rebuild)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Run = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestRunStopsWithContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, Config{Roots: []string{t.TempDir()}}, func(context.Context, []Change) {}) }()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v, want nil", err)
		}
	case <-time.After(itWait):
		t.Fatal("Run did not return after the context was done")
	}
}
