package generator

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"rolesite/generator/content"
	"rolesite/generator/output"
)

// A cold build spends most of its time making a folder and a file for
// each page: on many file systems a new inode costs far more than
// rendering the page. Nothing can be written before every body is linked
// (a page lists the roles that mention it), but the folders of the pages
// are known as soon as the site is loaded. So a cold build (an output
// folder without a manifest) takes the output folder's lock once the name
// index is built and makes the page folders while the bodies render, with
// output.Session.MakeDirs. When the build then fails, the folders are
// removed again and the output folder is as it was: a failing build still
// writes nothing.

// warmup is the output session of a cold build, begun early.
type warmup struct {
	cancel context.CancelFunc
	began  chan struct{}   // closed when the session began, or failed to
	done   chan struct{}   // closed when MakeDirs returned, or the session failed to begin
	s      *output.Session // nil when Lock or Begin failed
	unlock func() error    // nil when Lock failed

	dir                                   string
	lock                                  string // the lock file in the state folder
	dirExisted, stateExisted, lockExisted bool
}

// wantWarmup reports whether a build of cfg is a cold one worth warming up.
func (b *Builder) wantWarmup(cfg Config) bool {
	if cfg.Check {
		return false
	}
	_, err := os.Lstat(cfg.stateFile(output.ManifestName))
	return errors.Is(err, fs.ErrNotExist)
}

// startWarmup locks the output folder, begins the session and makes the
// folders of site's pages, in the background.
func startWarmup(ctx context.Context, cfg Config, opts output.Options, site *content.Site) *warmup {
	ctx, cancel := context.WithCancel(ctx)
	w := &warmup{cancel: cancel, began: make(chan struct{}), done: make(chan struct{}), dir: cfg.OutDir, lock: cfg.stateFile(output.LockName)}
	_, err := os.Lstat(cfg.OutDir)
	w.dirExisted = err == nil
	_, err = os.Lstat(filepath.Dir(w.lock))
	w.stateExisted = err == nil
	_, err = os.Lstat(w.lock)
	w.lockExisted = err == nil
	paths := make([]string, 0, len(site.Categories)+len(site.Roles)*5/4)
	for _, c := range site.Categories {
		paths = append(paths, pagePath("/"+c.Key+"/"))
	}
	for _, r := range site.Roles {
		paths = append(paths, pagePath(r.URLPath()))
		for _, a := range r.Aliases {
			paths = append(paths, pagePath(a))
		}
	}
	go func() {
		defer close(w.done)
		if unlock, err := output.Lock(cfg.OutDir, cfg.StateDir); err == nil {
			w.unlock = unlock
			w.s, _ = output.BeginWith(ctx, cfg.OutDir, opts)
		}
		close(w.began)
		if w.s != nil {
			w.s.MakeDirs(paths) // a folder that cannot be made is Put's to report
		}
	}()
	return w
}

// session returns the warm-up's session, or nil when it could not begin
// one (the caller then abandons the warm-up and locks and begins as usual,
// to report why). The folders may still be in the making: Put makes what it
// needs.
func (w *warmup) session() *output.Session {
	<-w.began
	return w.s
}

// release ends the warm-up after the build committed (or aborted) its
// session: it unlocks the output folder.
func (w *warmup) release() {
	<-w.done
	if w.unlock != nil {
		w.unlock()
	}
}

// abandon ends the warm-up of a build that failed before it wrote: the
// folders made are removed, and so are the lock file, the state folder and
// the output folder when this build created them.
func (w *warmup) abandon() {
	w.cancel()
	<-w.done
	if w.unlock == nil {
		return // never locked: another build holds the folder
	}
	if w.s != nil {
		w.s.Abort()
	}
	if !w.lockExisted {
		os.Remove(w.lock) // while still held
	}
	w.unlock()
	if !w.stateExisted {
		os.Remove(filepath.Dir(w.lock)) // only when empty
	}
	if !w.dirExisted {
		os.Remove(w.dir) // only when empty
	}
}
