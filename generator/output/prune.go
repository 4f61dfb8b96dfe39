package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// What a commit removes: files of earlier builds no longer put, the
// folders they leave empty, and temporary files a killed build left.

// ownedTree lists the files and then the folders (deepest first) of folder
// rel when all its files were written by an earlier build (or are leftover
// temporary files), so that the folder can be removed to make room for a
// file. None of them is put or kept: rel is reserved as a file. owned is
// false otherwise.
func (s *Session) ownedTree(rel string) (files, dirs []string, owned bool, err error) {
	d, err := s.root.Open(filepath.FromSlash(rel))
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
			f, sub, ok, err := s.ownedTree(p)
			if err != nil || !ok {
				return nil, nil, false, err
			}
			files = append(files, f...)
			dirs = append(dirs, sub...)
		case e.Type().IsRegular() && (s.isOwned(p) || isTemp(e.Name())):
			files = append(files, p)
		default:
			return nil, nil, false, nil
		}
	}
	return files, append(dirs, rel), true, nil
}

// prunePlan returns, reading only, which of the owned files paths to
// remove and then which folders on their paths, and on the paths of
// failed, would be left empty holding no file of this session (children
// first). A path that is no longer a regular file, or that lies behind a
// symbolic link, is left alone.
func (s *Session) prunePlan(paths, failed []string) (files, emptied []string, err error) {
	dirs := newDirCheck(s.root)
	seen := map[string]bool{}
	mark := func(p string) {
		for d := parentDir(p); d != "" && s.folders[d] == 0 && !seen[d]; d = parentDir(d) {
			seen[d] = true
			if dirs.real(d) {
				emptied = append(emptied, d)
			}
		}
	}
	for _, p := range failed {
		mark(p)
	}
	for _, p := range paths {
		if !dirs.real(parentDir(p)) {
			continue
		}
		fi, err := s.root.Lstat(filepath.FromSlash(p))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// Already gone; its folders may still be left empty.
		case err != nil:
			return nil, nil, fmt.Errorf("remove %s: %w", p, err)
		case !fi.Mode().IsRegular():
			continue
		default:
			files = append(files, p)
		}
		mark(p)
	}
	sortDeepestFirst(emptied)
	return files, emptied, nil
}

// cleanTemps removes the temporary files that a killed build may have left
// in the output folder and in every folder that holds an owned file.
func (s *Session) cleanTemps() error {
	scan := map[string]bool{"": true}
	for p := range s.owned {
		scan[parentDir(p)] = true
	}
	sorted := make([]string, 0, len(scan))
	for d := range scan {
		sorted = append(sorted, d)
	}
	sort.Strings(sorted)
	dirs := newDirCheck(s.root)
	for _, d := range sorted {
		if err := s.cleanTempsIn(dirs, d); err != nil {
			return err
		}
		s.scanned[d] = true
	}
	return nil
}

// cleanTempsIn removes the temporary files in folder d, unless d is not a
// real folder.
func (s *Session) cleanTempsIn(dirs *dirCheck, d string) error {
	if !dirs.real(d) {
		return nil
	}
	ents, err := dirs.list(d, -1)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if !e.Type().IsRegular() || !isTemp(e.Name()) {
			continue
		}
		p := e.Name()
		if d != "" {
			p = d + "/" + p
		}
		if err := s.root.Remove(filepath.FromSlash(p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove leftover temporary file %s: %w", p, err)
		}
	}
	return nil
}

// isTemp reports whether name is that of a temporary file.
func isTemp(name string) bool {
	return strings.HasPrefix(name, tempPrefix) || strings.HasPrefix(name, stagePrefix)
}

func symlinkError(p string) error {
	return fmt.Errorf("%q in the output folder is a symbolic link; rolesite does not write through links, remove it", p)
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
