package generator

import (
	"errors"
	"os"
	"sync"
	"sync/atomic"
	"unsafe"
)

// bodyStore holds the body HTML that one build's link stage rendered until
// the pages that show it are written. A cold build renders every body
// before it can write any page (a page lists the roles that mention it, so
// all bodies must be linked first): held in memory, the HTML of 10,000
// bodies is 80 MB, a third of the build's heap. So a build that renders
// many bodies keeps them in a scratch file instead, unlinked at once, read
// back with one pread per page; the operating system keeps it in its page
// cache, which it can reclaim, rather than in the process's heap. A build
// that renders few keeps them in memory. Bodies a build did not render
// (their cached fingerprint still holds) are not in the store; see
// linkedSite.bodyHTML.
type bodyStore struct {
	mu   sync.Mutex
	mem  map[int]string // role index -> HTML, without a file
	file *os.File       // the scratch file, or nil
	name string         // its name while it could not be removed
	refs []bodyRef      // by role index, with a file
	end  atomic.Int64   // bytes reserved in the file
}

type bodyRef struct {
	off int64
	n   int
	ok  bool
}

// spillAt is the number of bodies from which a build keeps them in a file;
// a variable for tests.
var spillAt = 1000

func newBodyStore(roles, todo int) *bodyStore {
	s := &bodyStore{mem: map[int]string{}}
	if todo < spillAt {
		return s
	}
	f, err := os.CreateTemp("", "rolesite-bodies-*")
	if err != nil {
		return s // keep them in memory then
	}
	if err := os.Remove(f.Name()); err != nil {
		s.name = f.Name() // Windows: remove it when done
	}
	s.file, s.refs = f, make([]bodyRef, roles)
	return s
}

// put stores the HTML of role i; put is safe for concurrent use with
// distinct i.
func (s *bodyStore) put(i int, html []byte) error {
	if s.file == nil {
		s.mu.Lock()
		s.mem[i] = string(html)
		s.mu.Unlock()
		return nil
	}
	off := s.end.Add(int64(len(html))) - int64(len(html))
	if _, err := s.file.WriteAt(html, off); err != nil {
		return err
	}
	s.refs[i] = bodyRef{off: off, n: len(html), ok: true}
	return nil
}

// get returns the HTML of role i and whether the store has it.
func (s *bodyStore) get(i int) (string, bool, error) {
	if s.file == nil {
		s.mu.Lock()
		html, ok := s.mem[i]
		s.mu.Unlock()
		return html, ok, nil
	}
	ref := s.refs[i]
	if !ref.ok {
		return "", false, nil
	}
	buf := make([]byte, ref.n)
	if _, err := s.file.ReadAt(buf, ref.off); err != nil {
		return "", false, err
	}
	// buf is this string's alone: no need to copy it.
	return unsafe.String(unsafe.SliceData(buf), len(buf)), true, nil
}

// close releases the store.
func (s *bodyStore) close() error {
	if s.file == nil {
		return nil
	}
	err := s.file.Close()
	if s.name != "" {
		err = errors.Join(err, os.Remove(s.name))
	}
	return err
}
