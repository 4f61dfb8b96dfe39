package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// The commit journal (CommitName, in the state folder) makes a session's
// changes one step. Until
// Commit, a session only adds temporary files (and the new folders that
// hold them); the site in the output folder stays the previous build's.
// Commit then writes the list of every change left to make, in order, into
// the commit journal (a temporary file renamed into place, so it is there
// whole or not at all) and makes them: move each new file over its target,
// the new manifest over the old, then remove the files this build no longer
// writes and the folders that leaves empty. A kill during that step leaves
// the journal, and the next Begin makes the rest of the changes before
// anything else; every change can be made twice without harm. A kill
// before the journal is in place leaves only temporary files, which the
// next Begin removes (see rollBack).
//
// Each line is one change: a letter and one or two paths quoted as Go
// string literals, separated by blanks. The first line names the output
// folder the changes are for (folderID); a journal for another folder
// than the one at the output path now is dropped unapplied.
//
//	F "2049:3:1234567:1733300000.123456789"    the output folder's identity
//	R ".rolesite-tmp-index.html" "index.html"   move the first over the second
//	M "a/b"                                     make the folder
//	D "a/old.html"                              remove the file, or the folder when empty
//	S "manifest.tmp" "manifest.json"            move the first over the second, in the state folder

// change is one line of the commit journal.
type change struct {
	kind     byte // 'F', 'R', 'M', 'D' or 'S'
	path, to string
}

// encodeChanges returns the commit journal listing cs.
func encodeChanges(cs []change) []byte {
	var b []byte
	for _, c := range cs {
		b = append(b, c.kind, ' ')
		b = strconv.AppendQuote(b, c.path)
		if c.kind == 'R' || c.kind == 'S' {
			b = append(b, ' ')
			b = strconv.AppendQuote(b, c.to)
		}
		b = append(b, '\n')
	}
	return b
}

// decodeChanges reads a commit journal; name is its path for messages.
func decodeChanges(raw []byte, name string) ([]change, error) {
	var cs []change
	for i, line := range bytes.Split(bytes.TrimSuffix(raw, []byte("\n")), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		bad := func(why string) error {
			return fmt.Errorf("read commit journal %s: line %d: %s (the output folder may mix two builds: delete the output folder and build again)", name, i+1, why)
		}
		if len(line) < 3 || line[1] != ' ' {
			return nil, bad("not a change")
		}
		c := change{kind: line[0]}
		rest := string(line[2:])
		first, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return nil, bad("path not quoted")
		}
		c.path, _ = strconv.Unquote(first)
		rest = rest[len(first):]
		switch c.kind {
		case 'R', 'S':
			if len(rest) < 2 || rest[0] != ' ' {
				return nil, bad("a move needs two paths")
			}
			if c.to, err = strconv.Unquote(rest[1:]); err != nil {
				return nil, bad("target path not quoted")
			}
		case 'F', 'M', 'D':
			if rest != "" {
				return nil, bad("text after the path")
			}
		default:
			return nil, bad(fmt.Sprintf("unknown change %q", c.kind))
		}
		cs = append(cs, c)
	}
	return cs, nil
}

// disk is what a session changes on disk through, so that every change can
// be failed on purpose (Options.Fault): root is the folder the session
// writes the site in, state the state folder.
type disk struct {
	root  *os.Root
	state *os.Root
	fault func(op, path string) error
}

// check returns the injected error of the change op at slash path p.
func (d disk) check(op, p string) error {
	if d.fault == nil {
		return nil
	}
	if err := d.fault(op, p); err != nil {
		return &fs.PathError{Op: op, Path: p, Err: err}
	}
	return nil
}

// apply makes the changes cs in order. A change already made (a move whose
// source is gone, a folder that exists, a removal of what is not there or
// of a folder that is not empty) is no error, so a journal can be applied
// again after a kill.
func (d disk) apply(cs []change) error {
	held := newDirHandles(d.root)
	defer held.closeAll()
	for _, c := range cs {
		if c.kind == 'D' {
			held.forget(c.path) // the folder may be one a handle is held on
		}
		if err := d.change(c, held); err != nil {
			return err
		}
	}
	return nil
}

// change makes change c. A move within one folder renames from a handle on
// that folder (dirHandles.rename).
func (d disk) change(c change, held *dirHandles) error {
	switch c.kind {
	case 'R':
		if err := d.check("rename", c.to); err != nil {
			return err
		}
		err := held.rename(c.path, c.to)
		if err != nil && errors.Is(err, fs.ErrNotExist) {
			if _, lerr := d.root.Lstat(filepath.FromSlash(c.path)); errors.Is(lerr, fs.ErrNotExist) {
				return nil // moved before a kill
			}
		}
		if err != nil {
			return fmt.Errorf("move %s into place: %w", c.to, err)
		}
	case 'M':
		if err := d.check("mkdir", c.path); err != nil {
			return err
		}
		if err := d.root.Mkdir(filepath.FromSlash(c.path), dirPerm); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("create folder %s: %w", c.path, err)
		}
	case 'D':
		if err := d.check("remove", c.path); err != nil {
			return err
		}
		err := d.root.Remove(filepath.FromSlash(c.path))
		if err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTEMPTY) && !errors.Is(err, syscall.EEXIST) {
			return fmt.Errorf("remove %s: %w", c.path, err)
		}
	case 'S':
		if err := d.check("rename", c.to); err != nil {
			return err
		}
		err := d.state.Rename(c.path, c.to)
		if err != nil && errors.Is(err, fs.ErrNotExist) {
			if _, lerr := d.state.Lstat(c.path); errors.Is(lerr, fs.ErrNotExist) {
				return nil // moved before a kill
			}
		}
		if err != nil {
			return fmt.Errorf("move %s into place in the state folder: %w", c.to, err)
		}
	}
	return nil
}

// remove removes slash path p, a file or an empty folder; a missing one is
// no error.
func (d disk) remove(p string) error {
	if err := d.check("remove", p); err != nil {
		return err
	}
	if err := d.root.Remove(filepath.FromSlash(p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// writeCommitJournal puts the commit journal listing cs for the output
// folder outID in place: the moment the session commits.
func (d disk) writeCommitJournal(outID string, cs []change, durable bool) error {
	tmp := CommitName + ".tmp"
	data := encodeChanges(append([]change{{kind: 'F', path: outID}}, cs...))
	if err := d.writeState(tmp, data, durable); err != nil {
		return fmt.Errorf("write commit journal: %w", err)
	}
	if err := d.renameState(tmp, CommitName); err != nil {
		d.state.Remove(tmp)
		return fmt.Errorf("write commit journal: %w", err)
	}
	if durable {
		if err := syncDir(d.state, "."); err != nil {
			return fmt.Errorf("write commit journal: %w", err)
		}
	}
	return nil
}

// finishCommit applies the commit journal a killed session left for the
// output folder outID, if any, and removes it with the journal; it
// reports whether there was one. A commit journal of another folder is
// removed unapplied.
func (d disk) finishCommit(outID string) (bool, error) {
	raw, err := d.state.ReadFile(CommitName)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return true, fmt.Errorf("read commit journal: %w", err)
	}
	cs, err := decodeChanges(raw, filepath.Join(d.state.Name(), CommitName))
	if err != nil {
		return true, err
	}
	if len(cs) > 0 && cs[0].kind == 'F' && sameFolder(cs[0].path, outID) {
		if err := d.apply(cs[1:]); err != nil {
			return true, fmt.Errorf("finish the commit a killed build began: %w", err)
		}
	}
	for _, name := range []string{manifestTemp, JournalName, CommitName} {
		if err := d.removeState(name); err != nil {
			return true, fmt.Errorf("remove the journals of a killed build: %w", err)
		}
	}
	return true, nil
}
