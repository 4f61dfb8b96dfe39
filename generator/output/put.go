package output

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
)

// Put's work: planning each file against what is on disk, making its
// folders and writing it where Commit expects it.

// dirState is what a session knows of one folder of the output folder.
type dirState struct {
	err      error
	create   bool // missing: to be created
	obstacle bool // an owned file stands where the folder goes: remove it first
	created  bool // created by this session, so it held nothing before
}

// plan is one Put between its planning (inspect) and its writing (finish).
type plan struct {
	e     entry // MTime is set once the bytes are on disk
	write bool
	// Owned files, and then folders (deepest first), in the way of the file.
	early []string
	// atRoot: a file of an earlier build stands where a folder of the file
	// goes, so the folder is made at Commit and the file staged in the
	// output folder itself.
	atRoot bool
}

// prepare checks and reserves p and plans its Put: hash data, decide
// whether the bytes on disk are already right, and make the folders p
// needs. On error p is released.
func (s *Session) prepare(p string, data []byte) (*plan, error) {
	if err := checkPath(p); err != nil {
		return nil, fmt.Errorf("invalid output path: %w", err)
	}
	if err := s.reserve(p); err != nil {
		return nil, err
	}
	pd, err := s.inspect(p, data)
	if err != nil {
		s.release(p)
		return nil, err
	}
	return pd, nil
}

// inspect plans the Put of data at the reserved path p and makes its
// folder, unless a file of an earlier build is in the way of it.
func (s *Session) inspect(p string, data []byte) (*plan, error) {
	dir := parentDir(p)
	s.dirMu.Lock()
	st := s.planDir(dir)
	create, created, err := st.create, st.created, st.err
	atRoot := err == nil && s.hasObstacle(dir)
	s.dirMu.Unlock()
	if err != nil {
		return nil, err
	}
	if !atRoot {
		if create {
			// p will be written: announce it before its folder is made,
			// so that a later build removes the folder if a kill leaves
			// it empty.
			if err := s.journalAppend(p); err != nil {
				return nil, err
			}
		}
		s.dirMu.Lock()
		err := s.makeDir(dir)
		s.dirMu.Unlock()
		if err != nil {
			return nil, err
		}
	}

	sum := sha256.Sum256(data)
	pd := &plan{e: entry{Path: p, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}, write: true, atRoot: atRoot}
	if create || created {
		return pd, nil // a new folder holds no file yet
	}
	fi, err := s.lstat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return pd, nil
	case err != nil:
		return nil, err
	case fi.Mode()&fs.ModeSymlink != 0:
		return nil, symlinkError(p)
	case fi.IsDir():
		files, dirs, owned, err := s.ownedTree(p)
		switch {
		case err != nil:
			return nil, err
		case !owned:
			return nil, fmt.Errorf("cannot write %q: a folder holding files the generator did not write is in the way", p)
		}
		pd.early = append(files, dirs...)
		return pd, nil
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("cannot write %q: something that is not a regular file is in the way", p)
	case fi.Size() != pd.e.Size:
		return pd, nil
	}
	mtime := fi.ModTime().UnixNano()
	if old, ok := s.owned[p]; ok && old.SHA256 != "" && old.Size == fi.Size() && old.MTime == mtime {
		// The manifest vouches for the bytes on disk.
		if old.SHA256 == pd.e.SHA256 {
			pd.e.MTime, pd.write = mtime, false
		}
		return pd, nil
	}
	if s.hooks.onCompare != nil {
		s.hooks.onCompare(p)
	}
	same, err := sameContent(s.root, p, data)
	if err != nil {
		return nil, fmt.Errorf("compare: %w", err)
	}
	if same {
		pd.e.MTime, pd.write = mtime, false
	}
	return pd, nil
}

// finish carries out the plan pd for its reserved path: makes the folders,
// removes what is in the way, announces the path in the journal and writes
// data. On error the path is released.
func (s *Session) finish(pd *plan, data []byte) error {
	p := pd.e.Path
	if !pd.write {
		if s.dirty {
			// Clear the folder of temporary files as Put does.
			s.dirMu.Lock()
			err := s.makeDir(parentDir(p))
			s.dirMu.Unlock()
			if err != nil {
				s.release(p)
				return err
			}
		}
		s.record(p, pd.e, unchanged)
		return nil
	}
	if err := s.write(pd, data); err != nil {
		s.release(p)
		return err
	}
	if s.hooks.afterWrite != nil {
		return s.hooks.afterWrite(p)
	}
	return nil
}

// write announces pd's path in the journal and stages data for Commit:
// beside its target, or in the output folder itself when its folder waits
// for Commit; in a staging folder it writes the file in place.
func (s *Session) write(pd *plan, data []byte) error {
	p := pd.e.Path
	if err := s.journalAppend(p); err != nil {
		return err
	}
	if !pd.atRoot {
		s.dirMu.Lock()
		err := s.makeDir(parentDir(p))
		s.dirMu.Unlock()
		if err != nil {
			return err
		}
	}
	var tmp string
	var mtime int64
	var err error
	switch {
	case s.staging != nil:
		// Written in place (see staging): tmp stays empty.
		mtime, err = s.staging.create(s.disk, s.root, p, data, s.opts.Durable)
	case pd.atRoot:
		s.mu.Lock()
		s.staged++
		tmp = stagePrefix + strconv.Itoa(s.staged)
		s.mu.Unlock()
		mtime, err = s.disk.stage(s.root, tmp, tmp, data, s.opts.Durable)
	default:
		dir, release, derr := s.handles.dir(parentDir(p))
		if derr != nil {
			return fmt.Errorf("open folder of %s: %w", p, derr)
		}
		tmp = tempName(p)
		mtime, err = s.disk.stage(dir, path.Base(tmp), tmp, data, s.opts.Durable)
		release()
	}
	if err != nil {
		return err
	}
	pd.e.MTime = mtime
	s.mu.Lock()
	*s.recs[p] = rec{e: pd.e, state: written, tmp: tmp, early: pd.early}
	s.mu.Unlock()
	return nil
}

// planDir returns what is known of folder d ("" for the output folder),
// looking at the disk only the first time it is asked: whether d and its
// parents are real folders, are to be created, or cannot be. s.dirMu is held.
func (s *Session) planDir(d string) *dirState {
	if st, ok := s.dirs[d]; ok {
		return st
	}
	parent := s.planDir(parentDir(d))
	st := &dirState{}
	s.dirs[d] = st
	if parent.err != nil {
		st.err = parent.err
		return st
	}
	if parent.create {
		st.create = true
		return st
	}
	typ, err := s.entryType(d)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		st.create = true
	case err != nil:
		st.err = err
	case typ.IsDir():
	case typ&fs.ModeSymlink != 0:
		st.err = symlinkError(d)
	case typ.IsRegular() && s.isOwned(d):
		st.create, st.obstacle = true, true
	default:
		st.err = fmt.Errorf("cannot create folder %q: a file the generator did not write is in the way", d)
	}
	return st
}

// entryType returns the type of what is at d, a path in a real folder, as
// the listing of that folder shows it; the folder is listed once. When it
// cannot be listed, d is looked at alone. s.dirMu is held.
func (s *Session) entryType(d string) (fs.FileMode, error) {
	parent := parentDir(d)
	names, ok := s.listed[parent]
	if !ok {
		dc := newDirCheck(s.root)
		if ents, err := dc.list(parent, -1); err == nil {
			names = make(map[string]fs.FileMode, len(ents))
			for _, e := range ents {
				names[e.Name()] = e.Type()
			}
		}
		s.listed[parent] = names // nil when the listing failed
	}
	if names != nil {
		typ, found := names[d[len(parent)+len(sepIf(parent)):]]
		if !found {
			return 0, fs.ErrNotExist
		}
		return typ, nil
	}
	fi, err := s.lstat(d)
	if err != nil {
		return 0, err
	}
	return fi.Mode().Type(), nil
}

// sepIf is "/" after a folder that is not the output folder itself.
func sepIf(dir string) string {
	if dir == "" {
		return ""
	}
	return "/"
}

// lstat is root.Lstat of rel, for a path whose folders planDir found to be
// real folders: one system call rather than one per folder. An error other
// than a missing file comes from root.Lstat, worded as before.
func (s *Session) lstat(rel string) (fs.FileInfo, error) {
	fi, err := os.Lstat(filepath.Join(s.dir, filepath.FromSlash(rel)))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return s.root.Lstat(filepath.FromSlash(rel))
	}
	return fi, err
}

// isOwned reports whether an earlier build wrote p.
func (s *Session) isOwned(p string) bool {
	_, ok := s.owned[p]
	return ok
}

// makeDir makes folder d and its parents real folders, as planDir planned,
// and in a dirty session clears an existing one of temporary files before
// anything is written to it. s.dirMu is held.
func (s *Session) makeDir(d string) error {
	st := s.planDir(d)
	switch {
	case st.err != nil:
		return st.err
	case d == "":
		return nil
	case !st.create:
		if s.dirty && !s.scanned[d] {
			if err := s.cleanTempsIn(newDirCheck(s.root), d); err != nil {
				return err
			}
			s.scanned[d] = true
		}
		return nil
	}
	if st.obstacle {
		return fmt.Errorf("create folder %s: a file of an earlier build is in the way until the commit", d)
	}
	if err := s.makeDir(parentDir(d)); err != nil {
		return err
	}
	if err := s.disk.check("mkdir", d); err != nil {
		return err
	}
	err := s.handles.mkdir(d)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create folder %s: %w", d, err)
	}
	if err == nil {
		s.made = append(s.made, d)
	}
	st.create, st.obstacle, st.created = false, false, true
	s.scanned[d] = true
	return nil
}
