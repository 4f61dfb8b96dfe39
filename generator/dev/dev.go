// Package dev is the dev loop: it builds the site, then rebuilds it on every
// change under the content, layouts and static folders, and, with Serve, serves
// the output with live reload and shows a failed build's errors in the
// browser. It is wiring around one generator.Builder, the file watcher
// (package watch) and the server (package serve); it owns no build state.
//
// With Serve the site is built into a scratch folder of its own, which Run
// removes when it returns: drafts and the served pages never reach the
// output folder that is deployed.
package dev

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"rolesite/generator"
	"rolesite/generator/diag"
	"rolesite/generator/serve"
	"rolesite/generator/watch"
)

// Config configures Run, the watch-and-serve loop.
type Config struct {
	// Serve starts the dev server on Addr ("127.0.0.1:0" picks a free port).
	Serve bool
	Addr  string
	// Report is called after every build with its result and duration.
	Report func(res *generator.Result, err error, took time.Duration)
	// Ready is called with the server's URL once it listens (Serve only).
	Ready func(url string)
	// Scratch is called with the scratch folder the site is built into
	// (Serve only), before the first build.
	Scratch func(dir string)
	// Watching is called once every folder is watched, before the first
	// build.
	Watching func()
	Logger   *slog.Logger
	Debounce time.Duration
}

// Run builds the site, then rebuilds it on every change under the content,
// layouts and static folders until ctx is done. A failed build keeps the last good
// output and, with Serve, shows its errors in the browser until the next good
// build. Run returns an error only when it cannot watch or serve at all.
//
// With Serve, cfg.OutDir is not used: the site goes into a scratch folder
// in the system's temporary folder, removed when Run returns.
func Run(ctx context.Context, cfg generator.Config, dev Config) error {
	if dev.Serve {
		scratch, err := os.MkdirTemp("", "rolesite-serve-")
		if err != nil {
			return fmt.Errorf("dev server: %w", err)
		}
		defer os.RemoveAll(scratch)
		cfg.OutDir = filepath.Join(scratch, "site")
		cfg.StateDir = filepath.Join(scratch, "state") // goes with the scratch folder
		if dev.Scratch != nil {
			dev.Scratch(cfg.OutDir)
		}
	}
	b := generator.NewBuilder(cfg)
	var broker *serve.Broker
	if dev.Serve {
		broker = serve.NewBroker()
		defer broker.Close()
	}
	failing := false
	build := func(ctx context.Context) {
		start := time.Now()
		res, err := b.Build(ctx)
		if ctx.Err() != nil {
			return
		}
		if dev.Report != nil {
			dev.Report(res, err, time.Since(start))
		}
		if broker == nil {
			return
		}
		if err != nil {
			failing = true
			lang := generator.MessageLang(cfg)
			broker.Fail(diag.OverlayTitle.In(lang), FailureText(err, lang))
			return
		}
		// An empty list reloads every page: send it only to clear the
		// error overlay of a build that failed before.
		if changed := res.ChangedURLs(); len(changed) > 0 || failing {
			broker.Reload(changed)
		}
		failing = false
	}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		first := true
		for {
			roots := []string{cfg.ContentDir}
			wctx, stop := context.WithCancel(gctx)
			var appeared atomic.Bool
			for _, dir := range []string{cfg.LayoutsDir, cfg.StaticDir} {
				switch {
				case dir == "":
				case isDir(dir):
					roots = append(roots, dir)
				default:
					// A layouts or static folder made later (a frontend
					// developer's first override, the first file to
					// publish as it is) is watched from when it appears:
					// the watch starts again with it, and builds.
					go func() {
						if waitForDir(wctx, dir, appearPoll) {
							appeared.Store(true)
							stop()
						}
					}()
				}
			}
			err := watch.Run(wctx, watch.Config{
				Roots:    roots,
				Debounce: dev.Debounce,
				Logger:   dev.Logger,
				Ready: func() {
					if first && dev.Watching != nil {
						dev.Watching()
					}
					first = false
					// Changes made while no watch ran were not seen: look at
					// every file, whatever was told before.
					b.LookAtEverything()
					build(wctx)
				},
			}, func(ctx context.Context, changes []watch.Change) {
				tell(b, changes, cfg.StaticDir)
				build(ctx)
			})
			stop()
			if err != nil || !appeared.Load() || gctx.Err() != nil {
				return err
			}
		}
	})
	if dev.Serve {
		g.Go(func() error {
			return serve.ListenAndServe(gctx, dev.Addr, serve.New(cfg.OutDir, broker), dev.Ready)
		})
	}
	return g.Wait()
}

// FailureText is a failed build's error as the dev server shows it: each
// diagnostic on its own line in lang, or the error's own text when it is not
// a list of diagnostics.
func FailureText(err error, lang diag.Lang) string {
	var list diag.List
	if errors.As(err, &list) {
		return list.Text(lang)
	}
	return err.Error()
}

// tell passes the watcher's changes to b (see generator.Builder.Changed) when each is
// a file written or created; after a removal or lost events b looks at
// every file. Changes in the static folder staticDir are left out: every
// build lists that folder whatever it was told, and a static file is no
// role file, which would make b look at every role file.
func tell(b *generator.Builder, changes []watch.Change, staticDir string) {
	paths := make([]string, 0, len(changes))
	for _, c := range changes {
		if c.Op != watch.Rescan && inDir(c.Path, staticDir) {
			continue
		}
		if c.Op != watch.Write && c.Op != watch.Create {
			b.LookAtEverything()
			return
		}
		paths = append(paths, c.Path)
	}
	b.Changed(paths)
}

// appearPoll is how often Run looks for a layouts or static folder that
// does not exist yet.
const appearPoll = 300 * time.Millisecond

// inDir reports whether path, as the watcher reports it (a root joined
// with the path below it), is dir or lies in it.
func inDir(path, dir string) bool {
	if dir == "" {
		return false
	}
	rel, err := filepath.Rel(filepath.Clean(dir), filepath.Clean(path))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// waitForDir reports true once path is a folder, looking every interval,
// or false when ctx is done first.
func waitForDir(ctx context.Context, path string, interval time.Duration) bool {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
			if isDir(path) {
				return true
			}
		}
	}
}
