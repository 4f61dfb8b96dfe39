// Package watch reports changes to the files under a set of folders, batched
// after a quiet period and filtered of editor noise, so that a caller can
// rebuild once per save.
//
// It knows no build stage: [Run] takes a rebuild function and calls it with
// the changes. fsnotify does not watch recursively, so Run watches every
// folder itself, adds folders as they appear (reporting what was created in
// them before their watch was in place) and drops them as they go.
package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is the quiet period used when Config.Debounce is zero.
const DefaultDebounce = 100 * time.Millisecond

// maxWaitFactor bounds how long changes that never stop can delay a rebuild:
// maxWaitFactor times the quiet period after the first of them.
const maxWaitFactor = 20

// Op is what happened to a path, as far as a rebuild cares.
type Op uint8

const (
	// Create: the path appeared (created, or renamed or moved onto).
	Create Op = iota + 1
	// Write: the file's content was written.
	Write
	// Remove: the path is gone (removed, or renamed or moved away).
	Remove
	// Rescan: events were lost (the kernel's queue overflowed); anything
	// under Path may have changed and the caller should rebuild everything.
	Rescan

	// opChmod is an attribute change; Filter drops it, so callers never
	// see it.
	opChmod
)

// Change is one changed path. Path is the root it was found under joined with
// the path inside it (so it is relative when the root was), and may name a
// folder: a folder that was created or removed is reported along with the
// files in it that Run saw. For Rescan, Path is the root.
type Change struct {
	Path string
	Op   Op
}

// Config says what to watch. The zero value of every field but Roots is
// useful.
type Config struct {
	// Roots are the folders to watch, with every folder below them. Each must
	// exist when Run starts. Symbolic links below a root are not followed.
	Roots []string
	// Debounce is the quiet period after the last change before rebuild is
	// called; zero means DefaultDebounce.
	Debounce time.Duration
	// Logger receives errors that do not stop watching (a folder that could
	// not be watched, a rebuild that panicked) and debug messages; nil
	// discards them.
	Logger *slog.Logger
	// Ready, if set, is called once every folder under the roots is watched,
	// before any change is read. A caller may build there: no change made
	// after Ready is called is missed.
	Ready func()
}

// Run watches every folder under each root and calls rebuild with the
// batched, filtered changes after each quiet period, one call at a time;
// changes that happen during a call are delivered in the next one. It returns
// nil when ctx is done, after the running rebuild (which gets ctx) returned.
//
// Run returns an error only when it cannot watch at all: no roots, a root that
// is not a folder, or a system limit (its message names the setting to raise,
// see [LimitError]). A folder that cannot be watched later on is logged at
// error level, never silently skipped. A rebuild that panics is logged, and
// watching goes on: rebuild reports its own errors.
func Run(ctx context.Context, cfg Config, rebuild func(ctx context.Context, changes []Change)) error {
	if len(cfg.Roots) == 0 {
		return errors.New("watch: no folders to watch")
	}
	if rebuild == nil {
		return errors.New("watch: no rebuild function")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	quiet := cfg.Debounce
	if quiet <= 0 {
		quiet = DefaultDebounce
	}

	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch: %w", limitError(err, procInotify))
	}
	defer fw.Close()

	t := newTree(fw, log, procInotify)
	for _, root := range cfg.Roots {
		if err := t.addRoot(root); err != nil {
			return err
		}
	}
	if cfg.Ready != nil {
		cfg.Ready()
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	changes := make(chan Change)
	batches := make(chan []Change)
	var wg sync.WaitGroup
	wg.Go(func() { batch(ctx, changes, batches, quiet, maxWaitFactor*quiet) })
	wg.Go(func() {
		for b := range batches {
			callRebuild(ctx, log, rebuild, b)
		}
	})
	emit := func(c Change) {
		select {
		case changes <- c:
		case <-ctx.Done():
		}
	}
	err = t.loop(ctx, fw.Events, fw.Errors, emit)
	cancel()
	wg.Wait()
	return err
}

// callRebuild calls rebuild and logs a panic instead of ending the watch.
func callRebuild(ctx context.Context, log *slog.Logger, rebuild func(context.Context, []Change), changes []Change) {
	defer func() {
		if v := recover(); v != nil {
			log.Error("watch: rebuild panicked", "panic", v, "stack", string(debug.Stack()))
		}
	}()
	log.Debug("watch: rebuild", "changes", len(changes))
	rebuild(ctx, changes)
}

// fsWatcher is the part of *fsnotify.Watcher that tree uses, so that tests
// can make adding a watch fail.
type fsWatcher interface {
	Add(path string) error
	Remove(path string) error
}

// tree keeps one fsnotify watch on every folder under the roots and turns
// fsnotify events into changes.
type tree struct {
	fs    fsWatcher
	log   *slog.Logger
	proc  string // folder with max_user_watches, /proc/sys/fs/inotify
	roots []string
	dirs  map[string]bool // watched folders
}

func newTree(fs fsWatcher, log *slog.Logger, proc string) *tree {
	return &tree{fs: fs, log: log, proc: proc, dirs: make(map[string]bool)}
}

// addRoot watches root and every folder below it.
func (t *tree) addRoot(root string) error {
	root = filepath.Clean(root)
	fi, err := os.Stat(root)
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("watch: %s: not a folder", root)
	}
	t.roots = append(t.roots, root)
	return t.addTree(root, nil)
}

// addTree watches dir and every folder below it, and reports everything it
// finds below dir as created when emit is set: for a new folder, files
// created in it before its watch was added would otherwise go unseen. The
// watch is added before the folder is read, so nothing falls in between.
//
// Only a system limit is returned as an error; a folder that vanished in the
// meantime is skipped and one that cannot be read is logged.
func (t *tree) addTree(dir string, emit func(Change)) error {
	if err := t.add(dir); err != nil {
		var limit *LimitError
		if errors.As(err, &limit) {
			return err
		}
		if !errors.Is(err, os.ErrNotExist) {
			t.log.Warn("watch: cannot watch folder", "path", dir, "err", err)
		}
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			t.log.Warn("watch: cannot read folder", "path", dir, "err", err)
		}
		return nil
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if emit != nil {
			emit(Change{Path: p, Op: Create})
		}
		if e.IsDir() { // a symbolic link is not a folder here
			if err := t.addTree(p, emit); err != nil {
				return err
			}
		}
	}
	return nil
}

// add watches one folder.
func (t *tree) add(dir string) error {
	if t.dirs[dir] {
		return nil
	}
	if err := t.fs.Add(dir); err != nil {
		return fmt.Errorf("watch: %s: %w", dir, limitError(err, t.proc))
	}
	t.dirs[dir] = true
	return nil
}

// drop removes the watches of path and of every folder below it. The kernel
// drops the watch of a removed folder by itself, but a folder that was
// renamed keeps its watches, which would report changes under its old path.
func (t *tree) drop(path string) {
	prefix := path + string(filepath.Separator)
	for d := range t.dirs {
		if d != path && !strings.HasPrefix(d, prefix) {
			continue
		}
		delete(t.dirs, d)
		if err := t.fs.Remove(d); err != nil && !errors.Is(err, fsnotify.ErrNonExistentWatch) {
			t.log.Debug("watch: remove watch", "path", d, "err", err)
		}
	}
}

// loop reads fsnotify's events and errors until ctx is done, keeps the
// watches in step with the folders, and passes changes to emit.
func (t *tree) loop(ctx context.Context, events <-chan fsnotify.Event, errs <-chan error, emit func(Change)) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-events:
			if !ok {
				return errors.New("watch: fsnotify stopped")
			}
			t.handle(ev, emit)
		case err, ok := <-errs:
			if !ok {
				return errors.New("watch: fsnotify stopped")
			}
			t.handleError(err, emit)
		}
	}
}

// handle turns one fsnotify event into a change and adds or drops watches.
func (t *tree) handle(ev fsnotify.Event, emit func(Change)) {
	name := ev.Name
	switch {
	case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
		t.drop(name)
		for _, root := range t.roots {
			if root == name {
				t.log.Error("watch: a watched root was removed or renamed; restart to watch it again", "path", name)
			}
		}
		emit(Change{Path: name, Op: Remove})
	case ev.Has(fsnotify.Create):
		emit(Change{Path: name, Op: Create})
		if fi, err := os.Lstat(name); err == nil && fi.IsDir() {
			if err := t.addTree(name, emit); err != nil {
				t.log.Error(err.Error(), "path", name)
			}
		}
	case ev.Has(fsnotify.Write):
		emit(Change{Path: name, Op: Write})
	case ev.Has(fsnotify.Chmod):
		emit(Change{Path: name, Op: opChmod})
	}
}

// handleError handles an error from fsnotify. On a queue overflow events
// were lost: every root is reported as Rescan and the watches are brought
// back in step with the folders on disk.
func (t *tree) handleError(err error, emit func(Change)) {
	if !errors.Is(err, fsnotify.ErrEventOverflow) {
		t.log.Warn("watch: fsnotify error", "err", err)
		return
	}
	t.log.Warn("watch: events were lost (queue overflow); rebuilding everything", "err", err)
	for _, root := range t.roots {
		emit(Change{Path: root, Op: Rescan})
	}
	for d := range t.dirs {
		if fi, err := os.Lstat(d); err != nil || !fi.IsDir() {
			t.drop(d)
		}
	}
	for _, root := range t.roots {
		if err := t.addTree(root, nil); err != nil {
			t.log.Error(err.Error(), "path", root)
		}
	}
}
