package link

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"unsafe"

	"rolesite/generator/diag"
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
// Linked.BodyHTML.
//
// The scratch file is only a place to wait: when it cannot be made or
// written (the temporary folder is full, read-only or not writable), the
// store keeps the bodies from then on in memory, up to the budget of
// ScratchConfig; only past that budget does the build fail, saying which
// folder to free.
type bodyStore struct {
	cfg  ScratchConfig
	dir  string      // the folder of the scratch file, for messages
	file ScratchFile // the scratch file, or nil
	name string      // its name while it could not be removed
	refs []bodyRef   // by role index, with a file
	end  atomic.Int64

	// spilled: the store wants the bodies out of memory (many of them);
	// failed, once the scratch file could not be made or written, says
	// why, and the bodies go to memory from then on.
	spilled bool
	failed  atomic.Pointer[error]

	mu       sync.Mutex
	mem      map[int]string // role index -> HTML, without a file or after it failed
	memBytes int64          // bytes in mem
}

type bodyRef struct {
	off int64
	n   int
	ok  bool
}

// ScratchFile is what a bodyStore needs of its scratch file.
type ScratchFile interface {
	io.WriterAt
	io.ReaderAt
	Close() error
	Name() string
}

// ScratchConfig says when and where a build keeps bodies in a scratch
// file. The zero value is not usable; see DefaultScratch.
type ScratchConfig struct {
	// SpillAt is the number of bodies to render from which the build
	// keeps them in a file.
	SpillAt int
	// Create makes the scratch file in the temporary folder dir.
	Create func(dir string) (ScratchFile, error)
	// MemBudget is how many bytes of body HTML the store may hold in
	// memory when it wanted a file and could not have one.
	MemBudget int64
}

// DefaultScratch spills from 1,000 bodies into a file in the system's
// temporary folder ($TMPDIR); without a file it may hold a quarter of the
// Go memory limit (GOMEMLIMIT) in memory, and any amount when no limit is
// set.
func DefaultScratch() ScratchConfig {
	budget := int64(math.MaxInt64)
	if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
		budget = limit / 4
	}
	return ScratchConfig{
		SpillAt:   1000,
		Create:    func(dir string) (ScratchFile, error) { return os.CreateTemp(dir, "rolesite-bodies-*") },
		MemBudget: budget,
	}
}

func newBodyStore(roles, todo int, cfg ScratchConfig) *bodyStore {
	s := &bodyStore{cfg: cfg, mem: map[int]string{}}
	if todo < cfg.SpillAt {
		return s
	}
	s.spilled, s.dir = true, os.TempDir()
	f, err := cfg.Create(s.dir)
	if err != nil {
		s.failed.Store(&err)
		return s
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
	if s.file != nil && s.failed.Load() == nil {
		off := s.end.Add(int64(len(html))) - int64(len(html))
		_, err := s.file.WriteAt(html, off)
		if err == nil {
			s.refs[i] = bodyRef{off: off, n: len(html), ok: true}
			return nil
		}
		s.failed.CompareAndSwap(nil, &err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.spilled && s.memBytes+int64(len(html)) > s.cfg.MemBudget {
		return diag.Fail(nil, diag.ScratchFull, s.dir, diag.PathCause(*s.failed.Load()), byteSize(s.cfg.MemBudget), s.dir)
	}
	s.mem[i] = string(html)
	s.memBytes += int64(len(html))
	return nil
}

// get returns the HTML of role i and whether the store has it.
func (s *bodyStore) get(i int) (string, bool, error) {
	if s.file != nil && s.refs[i].ok {
		ref := s.refs[i]
		buf := make([]byte, ref.n)
		if _, err := s.file.ReadAt(buf, ref.off); err != nil {
			return "", false, diag.Fail(err, diag.ScratchRead, s.dir)
		}
		// buf is this string's alone: no need to copy it.
		return unsafe.String(unsafe.SliceData(buf), len(buf)), true, nil
	}
	s.mu.Lock()
	html, ok := s.mem[i]
	s.mu.Unlock()
	return html, ok, nil
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

// byteSize prints n bytes in MB, or in bytes below one MB.
func byteSize(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d MB", n>>20)
}
