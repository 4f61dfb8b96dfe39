package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// The journal (JournalName, in the state folder) announces the paths a session is about to
// write, so that the next build removes the temporary files and folders of
// one killed before its Commit. Each line is one path, quoted as a Go string literal (paths
// may hold any character but NUL), and ends with "\n". Lines are only ever
// appended, each batch with one write call, and a path is announced before
// its temporary file is created. A last line without "\n" was cut short by a
// crash; its file was never created, and it is ignored.

// journalAppend announces paths in the journal, creating it when needed,
// unless this session announced them already. In a durable session the
// lines reach the disk before it returns.
func (s *Session) journalAppend(paths ...string) error {
	if s.staging != nil {
		// A kill leaves the staging folder whole for the next BeginWith
		// to remove: there is nothing to announce.
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var b []byte
	for _, p := range paths {
		if !s.journaled[p] {
			b = strconv.AppendQuote(b, p)
			b = append(b, '\n')
		}
	}
	if len(b) == 0 {
		return nil
	}
	if s.journalErr != nil {
		return s.journalErr
	}
	if s.journal == nil {
		// Begin removed any journal a killed session left: one here belongs
		// to a session running at the same time, which Lock prevents.
		if err := s.disk.check("create", JournalName); err != nil {
			return fmt.Errorf("create journal: %w", err)
		}
		f, err := s.disk.state.OpenFile(JournalName, os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, filePerm)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("journal %s exists: is another build writing to this folder without Lock?", filepath.Join(s.disk.state.Name(), JournalName))
		}
		if err != nil {
			return fmt.Errorf("create journal: %w", err)
		}
		if s.opts.Durable {
			if err := syncDir(s.disk.state, "."); err != nil {
				f.Close()
				return fmt.Errorf("create journal: %w", err)
			}
		}
		s.journal = f
	}
	if err := s.disk.check("write", JournalName); err != nil {
		s.journalErr = fmt.Errorf("append to journal: %w", err)
		return s.journalErr
	}
	if _, err := s.journal.Write(b); err != nil {
		// A part of the lines may be in the file: append no more.
		s.journalErr = fmt.Errorf("append to journal: %w", err)
		return s.journalErr
	}
	if s.opts.Durable {
		if err := s.journal.Sync(); err != nil {
			return fmt.Errorf("sync journal: %w", err)
		}
	}
	for _, p := range paths {
		s.journaled[p] = true
	}
	return nil
}

// closeJournal closes the journal file, if this session opened one.
func (s *Session) closeJournal() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.journal == nil {
		return nil
	}
	err := s.journal.Close()
	s.journal = nil
	if err != nil {
		return fmt.Errorf("close journal: %w", err)
	}
	return nil
}

// readJournal returns the paths the journal in the state folder root
// lists, and whether there is a journal. A line that is not a quoted valid
// output path is an error.
func readJournal(root *os.Root) (paths []string, found bool, err error) {
	raw, err := root.ReadFile(JournalName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read journal: %w", err)
	}
	lines := bytes.Split(raw, []byte("\n"))
	lines = lines[:len(lines)-1] // "" after the last "\n", or a line cut short
	for i, line := range lines {
		p, err := strconv.Unquote(string(line))
		if err == nil {
			err = checkPath(p)
		}
		if err != nil {
			return nil, true, fmt.Errorf("read journal %s: line %d: %w (delete it and build again; the killed build's temporary files then stay until a build writes their folders)",
				root.Name()+string(os.PathSeparator)+JournalName, i+1, err)
		}
		paths = append(paths, p)
	}
	return paths, true, nil
}
