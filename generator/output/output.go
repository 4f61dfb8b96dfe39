// Package output is the last stage of the pipeline: it writes the rendered
// site to the output folder atomically and incrementally, removes the files
// an earlier build wrote and this one no longer does, and makes the sitemap,
// robots.txt and _redirects files.
//
// Write keeps its bookkeeping in the output folder, in files whose names start
// with ReservedPrefix: the manifest (ManifestName), the build lock (LockName)
// and, while a build runs, temporary files. Leave them out of a deploy. Files
// the generator did not write are never touched, and nothing outside the
// output folder is ever written or removed.
package output

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"golang.org/x/sync/errgroup"
)

// Names of the bookkeeping files in the output folder.
const (
	// ReservedPrefix starts the name of every bookkeeping file; no output
	// path may have a segment that starts with it.
	ReservedPrefix = ".rolesite"
	// ManifestName is the manifest of the files the last build wrote.
	ManifestName = ".rolesite-manifest.json"
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

// Stats tells what a Write did.
type Stats struct {
	Written   int      // files created or replaced
	Unchanged int      // files whose bytes were already on disk, left untouched
	Removed   int      // files of an earlier build that this build no longer writes
	Changed   []string // paths written or removed, sorted
}

// Write makes the output folder dir hold files, touching as little as it can:
//
//   - Each file whose bytes changed is written to a temporary file in its
//     folder, synced and renamed over the old one, so after a crash or a kill
//     every file is complete, old or new. A file whose bytes are already on
//     disk is not rewritten and keeps its modification time.
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
// Write does not lock the folder; hold Lock(dir) around it when two builds
// could run at once. On error the Stats are zero; files already replaced stay
// replaced, and the next Write finishes the job.
func Write(ctx context.Context, dir string, files []File) (Stats, error) {
	return writer{dir: dir}.write(ctx, files)
}

// writer is Write with knobs for tests. The zero hooks do nothing.
type writer struct {
	dir   string
	limit int // concurrent file operations; 0 means 2 per CPU

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

func (w writer) writeIn(ctx context.Context, files []File) (Stats, error) {
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	order, err := checkFiles(files)
	if err != nil {
		return Stats{}, err
	}
	if err := os.MkdirAll(w.dir, dirPerm); err != nil {
		return Stats{}, err
	}
	root, err := os.OpenRoot(w.dir)
	if err != nil {
		return Stats{}, err
	}
	defer root.Close()
	old, err := readManifest(root)
	if err != nil {
		return Stats{}, err
	}
	b := &build{
		writer:  w,
		root:    root,
		files:   files,
		order:   order,
		old:     old,
		isNew:   make(map[string]bool, len(files)),
		missing: map[string]bool{},
		newDirs: map[string]bool{},
	}
	for _, f := range files {
		b.isNew[f.Path] = true
	}
	return b.run(ctx)
}

// build is the state of one Write.
type build struct {
	writer
	root  *os.Root
	files []File
	order []int // indexes of files, sorted by path
	old   oldManifest
	isNew map[string]bool // paths of files

	// The plan, made before anything is changed.
	newDirs map[string]bool // every folder an output file is in
	missing map[string]bool // folders to create (some after removing what is in their way)
	mkdirs  []string        // the same, parents first
	items   []item          // per file, by index in files
}

// item is the plan for one file.
type item struct {
	entry entry // manifest entry; MTime is set once the file is on disk
	write bool
	err   error
	// Generator-owned files, and then folders, in the way of this file.
	early, earlyDirs []string
}

// prunable reports whether p was written by the previous build and not by this one.
func (b *build) prunable(p string) bool {
	_, owned := b.old.entries[p]
	return owned && !b.isNew[p]
}

func (b *build) concurrency() int {
	if b.limit > 0 {
		return b.limit
	}
	return 2 * runtime.GOMAXPROCS(0)
}

func (b *build) run(ctx context.Context) (Stats, error) {
	// 1. Plan, reading only.
	early, err := b.planDirs()
	if err != nil {
		return Stats{}, err
	}
	if err := b.inspectAll(ctx); err != nil {
		return Stats{}, err
	}
	var toWrite []int
	var errs []error
	var earlyFolders []string
	for _, i := range b.order {
		it := &b.items[i]
		if it.err != nil {
			errs = append(errs, it.err)
			continue
		}
		if it.write {
			toWrite = append(toWrite, i)
		}
		early = append(early, it.early...)
		earlyFolders = append(earlyFolders, it.earlyDirs...)
	}
	if len(errs) > 0 {
		return Stats{}, joinCapped(errs)
	}
	isEarly := make(map[string]bool, len(early))
	for _, p := range early {
		isEarly[p] = true
	}
	var prune []string
	for p := range b.old.entries {
		if b.prunable(p) && !isEarly[p] {
			prune = append(prune, p)
		}
	}
	sort.Strings(prune)

	// 2. Change the disk.
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	if !b.old.found || !b.old.complete {
		if err := b.cleanTemps(newDirCheck(b.root)); err != nil {
			return Stats{}, err
		}
	}
	onDisk := b.old.raw
	if len(toWrite) > 0 || len(early) > 0 || len(prune) > 0 {
		// Claim every path this build may write before writing any, so
		// that a build killed on the way still prunes them later.
		union := make([]entry, 0, len(b.old.entries)+len(toWrite))
		for _, e := range b.old.entries {
			union = append(union, e)
		}
		for _, i := range toWrite {
			if _, ok := b.old.entries[b.files[i].Path]; !ok {
				union = append(union, entry{Path: b.files[i].Path})
			}
		}
		if err := writeManifest(b.root, onDisk, false, union); err != nil {
			return Stats{}, err
		}
		onDisk = nil
	}
	var removed []string
	for _, p := range early {
		if err := b.root.Remove(filepath.FromSlash(p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return Stats{}, fmt.Errorf("remove %s: %w", p, err)
		}
		if !strings.HasPrefix(filepath.Base(p), tempPrefix) {
			removed = append(removed, p)
		}
	}
	for _, d := range earlyFolders {
		if err := b.root.Remove(filepath.FromSlash(d)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return Stats{}, fmt.Errorf("remove folder %s: %w", d, err)
		}
	}
	for _, d := range b.mkdirs {
		if err := b.root.Mkdir(filepath.FromSlash(d), dirPerm); err != nil && !errors.Is(err, fs.ErrExist) {
			return Stats{}, fmt.Errorf("create folder %s: %w", d, err)
		}
	}
	if err := b.writeAll(ctx, toWrite); err != nil {
		return Stats{}, err
	}
	// The folders changed: check them afresh.
	pruned, err := b.prune(ctx, newDirCheck(b.root), prune)
	if err != nil {
		return Stats{}, err
	}
	removed = append(removed, pruned...)

	// 3. Record what is on disk now.
	final := make([]entry, len(b.items))
	for i := range b.items {
		final[i] = b.items[i].entry
	}
	if err := writeManifest(b.root, onDisk, true, final); err != nil {
		return Stats{}, err
	}

	st := Stats{Written: len(toWrite), Unchanged: len(b.files) - len(toWrite), Removed: len(removed)}
	st.Changed = make([]string, 0, len(toWrite)+len(removed))
	for _, i := range toWrite {
		st.Changed = append(st.Changed, b.files[i].Path)
	}
	st.Changed = append(st.Changed, removed...)
	sort.Strings(st.Changed)
	return st, nil
}

// planDirs checks every folder that holds an output file, parents first. A
// missing folder is to be created; a file of the previous build in its way is
// returned, to be removed first. A symbolic link or a foreign file is an error.
func (b *build) planDirs() (early []string, err error) {
	for _, f := range b.files {
		for d := parentDir(f.Path); d != "" && !b.newDirs[d]; d = parentDir(d) {
			b.newDirs[d] = true
		}
	}
	sorted := make([]string, 0, len(b.newDirs))
	for d := range b.newDirs {
		sorted = append(sorted, d)
	}
	sort.Strings(sorted) // a parent is a prefix of its children, so it sorts first

	var errs []error
	bad := map[string]bool{}
	for _, d := range sorted {
		parent := parentDir(d)
		switch {
		case bad[parent]:
			bad[d] = true
			continue
		case b.missing[parent]:
			b.missing[d] = true
			b.mkdirs = append(b.mkdirs, d)
			continue
		}
		fi, err := b.root.Lstat(filepath.FromSlash(d))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			b.missing[d] = true
			b.mkdirs = append(b.mkdirs, d)
		case err != nil:
			errs = append(errs, err)
			bad[d] = true
		case fi.IsDir():
		case fi.Mode()&fs.ModeSymlink != 0:
			errs = append(errs, symlinkError(d))
			bad[d] = true
		case fi.Mode().IsRegular() && b.prunable(d):
			early = append(early, d)
			b.missing[d] = true
			b.mkdirs = append(b.mkdirs, d)
		default:
			errs = append(errs, fmt.Errorf("cannot create folder %q: a file the generator did not write is in the way", d))
			bad[d] = true
		}
	}
	if len(errs) > 0 {
		return nil, joinCapped(errs)
	}
	return early, nil
}

func symlinkError(p string) error {
	return fmt.Errorf("%q in the output folder is a symbolic link; rolesite does not write through links, remove it", p)
}

// inspectAll plans every file on all cores: hash, then decide whether the
// bytes on disk are already right.
func (b *build) inspectAll(ctx context.Context) error {
	b.items = make([]item, len(b.files))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(b.concurrency())
	for _, i := range b.order {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			b.items[i] = b.inspect(i)
			return nil
		})
	}
	return g.Wait()
}

// inspect plans file i.
func (b *build) inspect(i int) item {
	f := b.files[i]
	sum := sha256.Sum256(f.Data)
	it := item{entry: entry{Path: f.Path, Size: int64(len(f.Data)), SHA256: hex.EncodeToString(sum[:])}, write: true}
	if b.missing[parentDir(f.Path)] {
		return it
	}
	fi, err := b.root.Lstat(filepath.FromSlash(f.Path))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return it
	case err != nil:
		it.err = err
		return it
	case fi.Mode()&fs.ModeSymlink != 0:
		it.err = symlinkError(f.Path)
		return it
	case fi.IsDir():
		files, dirs, owned, err := b.ownedTree(f.Path)
		switch {
		case err != nil:
			it.err = err
		case !owned:
			it.err = fmt.Errorf("cannot write %q: a folder holding files the generator did not write is in the way", f.Path)
		default:
			it.early, it.earlyDirs = files, dirs
		}
		return it
	case !fi.Mode().IsRegular():
		it.err = fmt.Errorf("cannot write %q: something that is not a regular file is in the way", f.Path)
		return it
	}
	if fi.Size() != it.entry.Size {
		return it
	}
	mtime := fi.ModTime().UnixNano()
	if old, ok := b.old.entries[f.Path]; ok && old.SHA256 != "" && old.Size == fi.Size() && old.MTime == mtime {
		// The manifest vouches for the bytes on disk.
		if old.SHA256 == it.entry.SHA256 {
			it.entry.MTime, it.write = mtime, false
		}
		return it
	}
	if b.onCompare != nil {
		b.onCompare(f.Path)
	}
	same, err := sameContent(b.root, f.Path, f.Data)
	if err != nil {
		it.err = fmt.Errorf("compare %s: %w", f.Path, err)
		return it
	}
	if same {
		it.entry.MTime, it.write = mtime, false
	}
	return it
}

// ownedTree lists the files and then the folders (deepest first) of folder
// rel when all its files were written by the previous build and are not
// written by this one (or are leftover temporary files), so that the folder
// can be removed to make room for a file. owned is false otherwise.
func (b *build) ownedTree(rel string) (files, dirs []string, owned bool, err error) {
	d, err := b.root.Open(filepath.FromSlash(rel))
	if err != nil {
		return nil, nil, false, err
	}
	ents, err := d.ReadDir(-1)
	d.Close()
	if err != nil {
		return nil, nil, false, err
	}
	for _, e := range ents {
		p := rel + "/" + e.Name()
		switch {
		case e.IsDir():
			f, sub, ok, err := b.ownedTree(p)
			if err != nil || !ok {
				return nil, nil, false, err
			}
			files = append(files, f...)
			dirs = append(dirs, sub...)
		case e.Type().IsRegular() && (b.prunable(p) || strings.HasPrefix(e.Name(), tempPrefix)):
			files = append(files, p)
		default:
			return nil, nil, false, nil
		}
	}
	return files, append(dirs, rel), true, nil
}

// writeAll writes files toWrite on all cores.
func (b *build) writeAll(ctx context.Context, toWrite []int) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(b.concurrency())
	for _, i := range toWrite {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			p := b.files[i].Path
			mtime, err := writeAtomic(b.root, p, b.files[i].Data)
			if err != nil {
				return fmt.Errorf("write %s: %w", p, err)
			}
			b.items[i].entry.MTime = mtime
			if b.afterWrite != nil {
				return b.afterWrite(p)
			}
			return nil
		})
	}
	return g.Wait()
}

// prune removes the files of the previous build that this build does not
// write, then the folders on their paths that are left empty. A path that is no longer a
// regular file, or that lies behind a symbolic link, is left alone.
func (b *build) prune(ctx context.Context, dirs *dirCheck, paths []string) ([]string, error) {
	var removed []string
	emptied := map[string]bool{}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !dirs.real(parentDir(p)) {
			continue
		}
		fi, err := b.root.Lstat(filepath.FromSlash(p))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// Never written (a killed build claimed it) or already gone;
			// its folders may still be left empty.
		case err != nil:
			return nil, fmt.Errorf("remove %s: %w", p, err)
		case !fi.Mode().IsRegular():
			continue
		default:
			if err := b.root.Remove(filepath.FromSlash(p)); err != nil {
				return nil, fmt.Errorf("remove %s: %w", p, err)
			}
			removed = append(removed, p)
		}
		for d := parentDir(p); d != "" && !b.newDirs[d] && !emptied[d]; d = parentDir(d) {
			emptied[d] = true
		}
	}
	candidates := make([]string, 0, len(emptied))
	for d := range emptied {
		candidates = append(candidates, d)
	}
	// Children before parents.
	sort.Slice(candidates, func(i, j int) bool {
		di, dj := strings.Count(candidates[i], "/"), strings.Count(candidates[j], "/")
		if di != dj {
			return di > dj
		}
		return candidates[i] < candidates[j]
	})
	for _, d := range candidates {
		empty, err := dirs.empty(d)
		if err != nil {
			return nil, err
		}
		if !empty {
			continue
		}
		if err := b.root.Remove(filepath.FromSlash(d)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("remove folder %s: %w", d, err)
		}
	}
	return removed, nil
}

// cleanTemps removes temporary files that a build killed on the way left
// behind, in the output folder and in every folder that holds a file of the
// previous or of this build.
func (b *build) cleanTemps(dirs *dirCheck) error {
	scan := map[string]bool{"": true}
	for p := range b.old.entries {
		scan[parentDir(p)] = true
	}
	for d := range b.newDirs {
		if !b.missing[d] {
			scan[d] = true
		}
	}
	sorted := make([]string, 0, len(scan))
	for d := range scan {
		sorted = append(sorted, d)
	}
	sort.Strings(sorted)
	for _, d := range sorted {
		if !dirs.real(d) {
			continue
		}
		ents, err := dirs.list(d, -1)
		if err != nil {
			return err
		}
		for _, e := range ents {
			if !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), tempPrefix) {
				continue
			}
			p := e.Name()
			if d != "" {
				p = d + "/" + p
			}
			if err := b.root.Remove(filepath.FromSlash(p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove leftover temporary file %s: %w", p, err)
			}
		}
	}
	return nil
}

// dirCheck answers, with a cache, whether a folder of the output folder is a
// real folder reached without symbolic links.
type dirCheck struct {
	root  *os.Root
	known map[string]bool
}

func newDirCheck(root *os.Root) *dirCheck {
	return &dirCheck{root: root, known: map[string]bool{"": true}}
}

// real reports whether slash path d ("" for the output folder) exists and it
// and all its parents are folders, not symbolic links.
func (c *dirCheck) real(d string) bool {
	if r, ok := c.known[d]; ok {
		return r
	}
	r := c.real(parentDir(d))
	if r {
		fi, err := c.root.Lstat(filepath.FromSlash(d))
		r = err == nil && fi.IsDir()
	}
	c.known[d] = r
	return r
}

// list reads up to n entries of folder d (n <= 0: all).
func (c *dirCheck) list(d string, n int) ([]fs.DirEntry, error) {
	name := "."
	if d != "" {
		name = filepath.FromSlash(d)
	}
	f, err := c.root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ents, err := f.ReadDir(n)
	if err != nil && !(n > 0 && errors.Is(err, io.EOF)) {
		return nil, fmt.Errorf("read folder %s: %w", d, err)
	}
	return ents, nil
}

// empty reports whether d is a real folder without entries.
func (c *dirCheck) empty(d string) (bool, error) {
	if !c.real(d) {
		return false, nil
	}
	ents, err := c.list(d, 1)
	if err != nil {
		return false, err
	}
	return len(ents) == 0, nil
}
