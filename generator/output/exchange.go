package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
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
// A first build, into a folder that holds no site yet (no manifest), does
// not write into the output folder at all: the session is opened on the
// folder beside and writes the whole site there, each file at its own name
// (see staging), and Commit then records the manifest there, links in what
// the output folder holds besides (the lock, files put there by hand) and
// exchanges the two (swapIn). That costs no link per page and leaves
// almost nothing to remove.
//
// Where the exchange cannot be made (another system than Linux, a
// filesystem without it, an output folder that is a symbolic link or a
// mount point, a parent folder that cannot be written), the session
// commits through its commit journal instead (see commit.go), which a kill
// during the commit leaves for the next BeginWith to finish.

// errNoExchange: the commit cannot exchange folders here; it takes the
// journal.
var errNoExchange = errors.New("cannot exchange folders here")

// NextName is the name of the folder beside the output folder dir (an
// absolute path) in which a committing session assembles the new site.
func NextName(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+ReservedPrefix+"-next")
}

// removeStaleNext removes the folder beside dir that a session killed
// during an exchange commit left.
func removeStaleNext(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	next := NextName(abs)
	info, err := os.Lstat(next)
	if err != nil || !info.IsDir() {
		return nil
	}
	if err := os.RemoveAll(next); err != nil {
		return fmt.Errorf("remove %s, left by a build that was stopped: %w", next, err)
	}
	return nil
}

// staging is a cold build's folder beside the output folder: the session
// writes the whole new site there, and Commit exchanges it with the output
// folder (swapIn).
//
// Until the exchange no one else reads or writes the staging folder, and a
// kill leaves it for the next BeginWith to remove whole. So a file is
// written in place, at its own name, with no temporary name, no journal
// and no move at Commit (create).
type staging struct {
	out  string // the output folder, absolute
	next string // the staging folder beside it (NextName)
	fd   int    // a handle on next for create, or -1
}

// remove removes the staging folder; nil is no staging.
func (st *staging) remove() error {
	if st == nil {
		return nil
	}
	st.close()
	return os.RemoveAll(st.next)
}
