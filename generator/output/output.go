// Package output is the last stage of the pipeline: it writes the rendered
// site to the output folder atomically and incrementally, removes the files
// an earlier build wrote and this one no longer does, and makes the sitemap,
// robots.txt and _redirects files.
//
// A build either hands every file over at once (Write) or streams them as
// they are rendered through a Session (Begin, Put, Keep, Commit). Both keep
// their bookkeeping in the output folder, in files whose names start with
// ReservedPrefix: the manifest (ManifestName), the journal (JournalName), the
// build lock (LockName) and, while a build runs, temporary files. Leave them
// out of a deploy. Files the generator did not write are never touched, and
// nothing outside the output folder is ever written or removed.
package output

import (
	"context"
	"errors"
	"fmt"
	"runtime"

	"golang.org/x/sync/errgroup"
)

// Names of the bookkeeping files in the output folder.
const (
	// ReservedPrefix starts the name of every bookkeeping file; no output
	// path may have a segment that starts with it.
	ReservedPrefix = ".rolesite"
	// ManifestName is the manifest of the files the last build wrote.
	ManifestName = ".rolesite-manifest.json"
	// JournalName lists, one a line, the paths a running build is about to
	// write. It exists only while a build writes, or after one was killed.
	JournalName = ".rolesite-journal"
	// LockName is the lock file Lock holds while a build writes.
	LockName = ".rolesite.lock"

	tempPrefix = ".rolesite-tmp-"
)

// File is one output file.
type File struct {
	// Path is slash-separated and relative to the output folder: clean, no
	// leading slash, no "." or ".." or empty segment, no backslash or NUL,
	// and no segment starting with ReservedPrefix.
	Path string
	Data []byte
}

// Stats tells what a Write or a Session did.
type Stats struct {
	Written   int      // files created or replaced
	Unchanged int      // files whose bytes were already on disk (kept, or put with the same bytes), left untouched
	Removed   int      // files of an earlier build that this build no longer writes
	Changed   []string // paths written or removed, sorted
}

// Write makes the output folder dir hold files, touching as little as it can.
// It is a Session (see Begin) that puts all files, then commits:
//
//   - Each file whose bytes changed is written to a temporary file in its
//     folder and renamed over the old one, so after a crash or a kill every
//     file is complete, old or new. A file whose bytes are already on disk is
//     not rewritten and keeps its modification time.
//   - A file the previous build wrote and files does not list is removed, and
//     so are the folders that become empty because of it (never dir itself).
//     Files the generator did not write are left alone.
//   - The manifest (ManifestName) records each written file's size, SHA-256
//     and modification time, so an unchanged file is recognised without
//     reading it back. When the manifest is missing or disagrees with the disk
//     Write compares bytes instead.
//
// Every path is checked before anything is written: an invalid path, a
// symbolic link in the output folder on the way to an output file, or a file
// the generator did not write standing where a folder must go is an error,
// and nothing is written. dir itself may be a symbolic link.
//
// Write does not sync to disk (see Options.Durable): a rename is atomic
// whatever happens to the process, so even after SIGKILL every file is
// complete and the manifest and journal know every file written, which is
// all an incremental build needs; only a power loss or an operating system
// crash can lose recent writes. Syncing each of 10,000 files costs seconds,
// two to three times the rest of a cold build on ext4.
//
// Write does not lock the folder; hold Lock(dir) around it when two builds
// could run at once. On error the Stats are zero; files already replaced stay
// replaced, the manifest learns them, and the next Write finishes the job.
func Write(ctx context.Context, dir string, files []File) (Stats, error) {
	return writer{dir: dir}.write(ctx, files)
}

// writer is Write with knobs for tests.
type writer struct {
	dir   string
	opts  Options
	limit int // concurrent file operations; 0 means 2 per CPU

	// Hooks, see hooks.
	afterWrite func(path string) error
	onCompare  func(path string)
}

// hooks let tests watch and interrupt a session. The zero hooks do nothing.
type hooks struct {
	// afterWrite runs after each file is renamed into place; an error stops
	// the build there, as a kill would.
	afterWrite func(path string) error
	// onCompare runs when a file is read back to compare its bytes.
	onCompare func(path string)
}

func (w writer) write(ctx context.Context, files []File) (Stats, error) {
	if w.dir == "" {
		return Stats{}, errors.New("write output: no output folder given")
	}
	st, err := w.writeIn(ctx, files)
	if err != nil {
		return Stats{}, fmt.Errorf("write output %s: %w", w.dir, err)
	}
	return st, nil
}

// writeIn checks every file before it writes any: it plans all puts without
// changing the disk, claims in the journal every path it will write with one
// write call, then finishes the puts and commits.
func (w writer) writeIn(ctx context.Context, files []File) (st Stats, err error) {
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	order, err := checkFiles(files)
	if err != nil {
		return Stats{}, err
	}
	s, err := begin(ctx, w.dir, w.opts, hooks{afterWrite: w.afterWrite, onCompare: w.onCompare})
	if err != nil {
		return Stats{}, err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, s.Abort())
		}
	}()
	limit := w.limit
	if limit <= 0 {
		limit = 2 * runtime.GOMAXPROCS(0)
	}

	// 1. Plan, reading only.
	puts := make([]*plan, len(files))
	errs := make([]error, len(files))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	for _, i := range order {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			puts[i], errs[i] = s.prepare(files[i].Path, files[i].Data, false)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return Stats{}, err
	}
	if err := joinUnique(order, errs); err != nil {
		return Stats{}, err
	}

	// 2. Claim, then write.
	var toWrite []int
	var claims []string
	for _, i := range order {
		if puts[i].write {
			toWrite = append(toWrite, i)
			claims = append(claims, files[i].Path)
		} else if err := s.finish(puts[i], nil); err != nil {
			return Stats{}, err
		}
	}
	if err := s.journalAppend(claims...); err != nil {
		return Stats{}, err
	}
	g, gctx = errgroup.WithContext(ctx)
	g.SetLimit(limit)
	for _, i := range toWrite {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			if err := s.finish(puts[i], files[i].Data); err != nil {
				return fmt.Errorf("write %s: %w", files[i].Path, err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return Stats{}, err
	}

	// 3. Prune and record.
	return s.commit()
}

// joinUnique joins the errors of errs in the order given, each message once:
// the files of one bad folder all report the folder's error.
func joinUnique(order []int, errs []error) error {
	var out []error
	seen := map[string]bool{}
	for _, i := range order {
		if err := errs[i]; err != nil && !seen[err.Error()] {
			seen[err.Error()] = true
			out = append(out, err)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return joinCapped(out)
}
