package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// A session with Options.Exchange commits the whole site in one step even
// against a kill during the commit. It builds the new site beside the
// output folder, in a folder of hard links (NextName): every file of the
// output folder that stays, linked; every file the session wrote, linked
// from its temporary file; the manifest; minus what the commit removes.
// Then one rename exchanges the two folders (renameat2 RENAME_EXCHANGE),
// and the folder beside, which now holds the previous site, is removed.
//
// A kill before the exchange leaves the output folder as it was (the
// journal's temporary files are removed by the next BeginWith, as in any
// session killed before its commit); a kill after it leaves the new site.
// Either way the next BeginWith removes the folder beside. Nothing is
// copied: a link costs one system call, and each file keeps its inode, its
// times and its hand-made neighbours (a file a person put into the output
// folder is linked like the others).
//
// Where the exchange cannot be made (another system than Linux, a
// filesystem without it, an output folder that is a symbolic link or a
// mount point, a parent folder that cannot be written), the session
// commits through its commit journal instead (see commit.go), which a kill
// during the commit leaves for the next BeginWith to finish.

// errNoExchange: the commit cannot exchange folders here; it takes the
// journal.
var errNoExchange = errors.New("cannot exchange folders here")

// NextName is the name of the folder beside the output folder dir in
// which a committing session assembles the new site.
func NextName(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+ReservedPrefix+"-next")
}

// removeStaleNext removes the folder beside dir that a session killed
// during an exchange commit left.
func removeStaleNext(dir string) error {
	next := NextName(dir)
	info, err := os.Lstat(next)
	if err != nil || !info.IsDir() {
		return nil
	}
	if err := os.RemoveAll(next); err != nil {
		return fmt.Errorf("remove %s, left by a build that was stopped: %w", next, err)
	}
	return nil
}

// commitByExchange makes changes in a folder of links beside the output
// folder and exchanges the two. Its error wraps errNoExchange when nothing
// was committed and the journal can commit instead; ErrCommitted when the
// new site is in place but the previous one could not be removed; any
// other error leaves the previous site in place.
func (s *Session) commitByExchange(changes []change) error {
	abs, err := filepath.Abs(s.dir)
	if err != nil {
		return errNoExchange
	}
	if !exchangeable(abs) {
		return errNoExchange
	}
	parentDir, base := filepath.Split(abs)
	nextBase := filepath.Base(NextName(abs))
	parent, err := os.OpenRoot(parentDir)
	if err != nil {
		return errNoExchange
	}
	defer parent.Close()
	if err := parent.RemoveAll(nextBase); err != nil {
		return errNoExchange
	}
	info, err := s.root.Stat(".")
	if err != nil {
		return err
	}
	if err := parent.Mkdir(nextBase, info.Mode().Perm()); err != nil {
		return errNoExchange
	}
	committed := false
	defer func() {
		if !committed {
			parent.RemoveAll(nextBase)
		}
	}()
	in := func(dir, p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	// The site that stays.
	err = fs.WalkDir(s.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "." {
			return nil
		}
		if name := d.Name(); isTemp(name) || name == JournalName || name == CommitName {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := s.disk.check("mkdir", p); err != nil {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			return parent.Mkdir(in(nextBase, p), info.Mode().Perm())
		}
		if err := s.disk.check("create", p); err != nil {
			return err
		}
		return parent.Link(in(base, p), in(nextBase, p))
	})
	if err != nil {
		return fmt.Errorf("link the site into %s: %w", filepath.Join(parentDir, nextBase), err)
	}
	// The changes.
	for _, c := range changes {
		var err error
		switch c.kind {
		case 'R':
			if err = s.disk.check("rename", c.to); err != nil {
				break
			}
			if err = parent.Remove(in(nextBase, c.to)); errors.Is(err, fs.ErrNotExist) {
				err = nil
			}
			if err == nil {
				err = parent.Link(in(base, c.path), in(nextBase, c.to))
			}
		case 'M':
			if err = s.disk.check("mkdir", c.path); err == nil {
				if err = parent.Mkdir(in(nextBase, c.path), dirPerm); errors.Is(err, fs.ErrExist) {
					err = nil
				}
			}
		case 'D':
			if err = s.disk.check("remove", c.path); err == nil {
				err = parent.Remove(in(nextBase, c.path))
				if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTEMPTY) || errors.Is(err, syscall.EEXIST) {
					err = nil
				}
			}
		}
		if err != nil {
			return fmt.Errorf("assemble the new site in %s: %w", filepath.Join(parentDir, nextBase), err)
		}
	}
	if s.opts.Durable {
		if err := syncFS(parentDir); err != nil {
			return err
		}
	}
	if err := s.disk.check("rename", "."); err != nil {
		return err
	}
	if err := exchangeDirs(filepath.Join(parentDir, nextBase), abs); err != nil {
		if errors.Is(err, errNoExchange) {
			return err
		}
		return fmt.Errorf("exchange %s with the new site: %w", abs, err)
	}
	committed = true
	if s.opts.Durable {
		if err := syncDir(parent, "."); err != nil {
			return fmt.Errorf("%w: %w", ErrCommitted, err)
		}
	}
	if err := parent.RemoveAll(nextBase); err != nil {
		return fmt.Errorf("%w: remove the previous site from %s: %w", ErrCommitted, filepath.Join(parentDir, nextBase), err)
	}
	return nil
}
