package output

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Options tunes a Session. The zero value is what Begin uses.
type Options struct {
	// Durable makes what a session writes survive a power loss or an
	// operating system crash, not only a killed process: each file is synced
	// to disk before it is renamed into place, each journal line before the
	// file it announces is created, and the output folder after the manifest
	// is replaced. That is two fsyncs per written file: on ext4 it made a
	// cold build of 10,000 pages of 30 KB take 13-23 s instead of 4.5-10 s
	// (BenchmarkSessionDurable, BenchmarkSession).
	//
	// Without it a session never syncs. A rename is atomic whatever happens
	// to the process, so after SIGKILL at any moment every file is complete
	// and the manifest and journal know every file written: all that an
	// incremental build needs. Only a power loss or an operating system
	// crash may lose or empty recent writes.
	Durable bool

	// Exchange commits by exchanging the output folder with a folder of
	// links that holds the new site (see exchange.go), so that even a kill
	// during the commit leaves the previous site or the new one, never a
	// mix. It costs a link per file of the site and a removal per file of
	// the previous one; where folders cannot be exchanged, the session
	// commits through its journal as without it.
	Exchange bool

	// Fault, when set, is called before each change the session makes on
	// disk, with op "create", "write", "rename", "mkdir" or "remove" and
	// the slash path in the output folder; an error it returns fails that
	// change as the disk would (ENOSPC, EIO). It is called from several
	// goroutines at once. Tests use it to fail every change of a build in
	// turn.
	Fault func(op, path string) error

	// State is the state folder (see statedir.go): where the manifest, the
	// journals and the lock of the output folder are kept. "" is
	// DefaultStateDir of the output folder.
	State string

	// Grace keeps, for a while, files of earlier builds that the session
	// no longer writes; the zero Grace keeps none.
	Grace Grace

	// Precompress puts beside every file whose name ends in .html, .css,
	// .svg, .xml, .txt or .json its brotli (quality 11) and gzip encodings,
	// at its path + ".br" and + ".gz", each only when it is smaller than
	// the file; see precompress.go. A session without it prunes the
	// encodings an earlier build wrote.
	Precompress bool
}

// Grace says which files of earlier builds stay in the output folder for
// a while after a build stops writing them, and how long: hashed assets,
// which HTML cached at the edge or in a browser may still name. Such a
// file stays for the build that stops writing it and every later one
// until For has passed since that build (by the builds' clock, Now), then
// the next build removes it. A build that writes it again makes it a
// file of the site as any other.
type Grace struct {
	Match func(path string) bool // the files that get grace; nil: none
	For   time.Duration
	Now   time.Time // the build time; zero: the clock
}

// keeps returns the entry e of a file the session no longer writes with
// its grace counted on, and whether it stays.
func (g Grace) keeps(e entry) (entry, bool) {
	if g.Match == nil || e.SHA256 == "" || !g.Match(e.Path) {
		return e, false
	}
	now := g.Now
	if now.IsZero() {
		now = time.Now()
	}
	if e.Until == 0 {
		// The first build without it: it stays for this build at least.
		e.Until = now.Add(g.For).UnixNano()
		if e.Until == 0 {
			e.Until = 1
		}
		return e, true
	}
	return e, now.UnixNano() < e.Until
}

// ErrStale is the error Keep returns when the output folder does not hold
// what the previous build wrote at a path; Put the file instead.
var ErrStale = errors.New("file is not as the previous build left it")

// Session is one build's write to an output folder: pages are put as they
// are rendered, then Commit moves them all into place at once, prunes and
// records the manifest. Put and Keep are safe for concurrent use; Commit
// and Abort wait for the Puts and Keeps running when they are called, and
// end the session.
//
// Only one session may write to a folder at a time: the caller holds
// Lock(dir) from BeginWith until Commit or Abort returns.
//
// Each path may be put or kept once per session, and a path cannot be both a
// file and the folder of another ("a" and "a/b"); Put and Keep report such a
// conflict as an error.
//
// All or nothing: until Commit a session changes no file of the site. A
// changed file is written as a temporary file beside its target (in the
// output folder itself when its folder cannot be made yet), after its path
// is announced in the journal (JournalName, in the state folder); new
// folders are made empty. Commit writes the commit journal (CommitName),
// the list of every move and
// removal left to make, and then makes them. A session that fails or is
// killed before the commit journal is in place leaves the previous site as
// it was: Abort, or the next BeginWith after a kill, removes the temporary
// files and the folders made for them. One killed during the commit has
// the rest of its commit made by the next BeginWith, before anything else.
type Session struct {
	dir string // the folder the session writes in: out, or the staging folder
	out string // the output folder, as messages name it
	// staging, when set, is a cold build's: the session writes the whole
	// site into a new folder beside the output folder, and Commit
	// exchanges the two (see exchange.go).
	staging *staging
	// outID is the identity of the output folder (folderID); folder that
	// of the folder the session writes in, which the manifest records.
	outID, folder string
	// legacy lists the bookkeeping files that builds before the state
	// folder left in the output folder itself (legacyNames): Commit removes
	// them.
	legacy []string
	ctx    context.Context
	opts   Options
	// hooks let tests watch the session (see hooks).
	hooks hooks
	root  *os.Root
	disk  disk
	// handles keeps the folders that hold page folders open (see
	// dirHandles); closed before Commit moves anything.
	handles *dirHandles

	// owned is what earlier builds wrote: the manifest's entries.
	// Read-only after BeginWith.
	owned map[string]entry
	// dirty is set when an earlier build may have left temporary files:
	// BeginWith removed those in the folders of owned, and makeDir removes
	// those in the other folders the session puts files in.
	dirty bool
	// clean is set when the manifest on disk is complete and equals owned.
	clean    bool
	raw      []byte // the manifest on disk, to skip rewriting it unchanged
	oldState []byte // the State of the manifest BeginWith found, nil if none

	life sync.RWMutex // held shared by Put and Keep, exclusively by Commit and Abort

	mu         sync.Mutex // guards the fields below
	done       bool
	state      []byte          // set by SetState, compact JSON
	recs       map[string]*rec // paths put or kept, by path
	folders    map[string]int  // folders of recs, with the number of recs below each
	staged     int             // files staged in the output folder itself
	journal    *os.File        // open while this session appends to it
	journalErr error           // appending failed: the journal may end in a partial line
	journaled  map[string]bool // paths this session announced in the journal

	compressed atomic.Int64 // encodings made (Precompress), for Stats

	dirMu   sync.Mutex // guards the fields below
	dirs    map[string]*dirState
	scanned map[string]bool // folders already cleared of temporary files
	// listed holds the entry types of folders read once by planDir, by
	// folder and name: one listing of a folder answers for all the folders
	// in it, where one Lstat each would cost a system call per page.
	listed map[string]map[string]fs.FileMode
	made   []string // folders this session created, parents first
}

// rec is one path put or kept.
type rec struct {
	e     entry // valid once state is not reserved
	state recState
	// tmp is where a written file waits for Commit ("" when it was written
	// in place, in a staging folder), and early the files
	// and then folders (deepest first) of an earlier build that Commit
	// removes to make room for it.
	tmp   string
	early []string
}

type recState int

const (
	reserved  recState = iota // a Put or Keep is working on it
	written                   // put, new bytes staged in tmp
	unchanged                 // put, bytes already on disk
	kept                      // kept
)

// BeginWith starts a session that writes to dir, creating dir when needed.
// Hold Lock(dir) until Commit or Abort. The session stops with the
// context's error once ctx is done; a cancelled session cannot commit.
//
// It first finishes the commit a killed session began, or removes what a
// session killed before its commit left (see Session).
//
// It reads the manifest and, when a killed session left one, the journal. A
// missing manifest is no error: the session then compares bytes and prunes
// nothing. A manifest of an older format version counts as missing; an
// unreadable manifest or journal is an error, naming the file to delete.
func BeginWith(ctx context.Context, dir string, opts Options) (*Session, error) {
	s, err := begin(ctx, dir, opts, hooks{})
	if err != nil {
		return nil, fmt.Errorf("begin output %s: %w", dir, err)
	}
	return s, nil
}

func begin(ctx context.Context, dir string, opts Options, h hooks) (*Session, error) {
	if dir == "" {
		return nil, errors.New("no output folder given")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, dirPerm); err != nil {
		return nil, err
	}
	stateDir, err := stateDirOf(dir, opts)
	if err != nil {
		return nil, err
	}
	state, err := openState(stateDir)
	if err != nil {
		return nil, err
	}
	out, err := os.OpenRoot(dir)
	if err != nil {
		state.Close()
		return nil, err
	}
	s, err := recoverAndOpen(ctx, dir, out, state, opts, h)
	if err != nil {
		out.Close()
		state.Close()
		return nil, err
	}
	return s, nil
}

// recoverAndOpen finishes or undoes what a killed session left for the
// output folder dir (open as out) and opens the session on it, or on a
// staging folder beside it.
func recoverAndOpen(ctx context.Context, dir string, out, state *os.Root, opts Options, h hooks) (*Session, error) {
	outID, err := folderID(dir)
	if err != nil {
		return nil, err
	}
	d := disk{root: out, state: state, fault: opts.Fault}
	// A kill after an exchange and before its manifest was moved into
	// place: settled while the folder beside still holds its inode.
	if err := promoteNext(d, outID); err != nil {
		return nil, err
	}
	if err := removeStaleNext(dir); err != nil {
		return nil, err
	}
	committing, err := d.finishCommit(outID)
	if err != nil {
		return nil, err
	}
	old, err := readManifest(state, outID)
	if err != nil {
		return nil, err
	}
	var legacy []string
	for _, name := range legacyNames {
		if fi, err := out.Lstat(name); err == nil && fi.Mode().IsRegular() {
			legacy = append(legacy, name)
		}
	}
	if len(legacy) > 0 && !old.found {
		if old, err = readLegacyManifest(out); err != nil {
			return nil, err
		}
		old.complete = false // look for what the old format's killed builds left
	}
	s := &Session{
		dir: out.Name(), out: dir, outID: outID, folder: outID, legacy: legacy,
		ctx: ctx, opts: opts, hooks: h, root: out, disk: d, handles: newDirHandles(out),
		owned: old.entries, raw: old.raw, oldState: old.state,
		recs: map[string]*rec{}, folders: map[string]int{}, journaled: map[string]bool{},
		dirs: map[string]*dirState{"": {}}, scanned: map[string]bool{}, listed: map[string]map[string]fs.FileMode{},
	}
	claims, killed, err := readJournal(state)
	if err != nil {
		return nil, err
	}
	if killed {
		if err := s.rollBack(claims); err != nil {
			return nil, err
		}
	}
	s.dirty = !old.found || !old.complete || killed || committing
	s.clean = old.found && old.complete
	if s.dirty {
		if err := s.cleanTemps(); err != nil {
			return nil, err
		}
	}
	if opts.Exchange && !old.found && len(legacy) == 0 {
		if err := s.stage(); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// stage moves the session of a cold build into a new folder beside the
// output folder, when the file system can exchange the two (see staging).
func (s *Session) stage() error {
	stage := newStaging(s.out)
	if stage == nil {
		return nil
	}
	root, err := os.OpenRoot(stage.next)
	var folder string
	if err == nil {
		if folder, err = folderID(stage.next); err != nil {
			root.Close()
		}
	}
	if err != nil {
		stage.remove()
		return err
	}
	s.root.Close()
	s.staging, s.root, s.disk.root, s.dir, s.folder = stage, root, root, root.Name(), folder
	s.handles = newDirHandles(root)
	s.scanned = map[string]bool{}
	return nil
}

// rollBack removes what a session killed before its commit left: the
// temporary files of the paths it announced, the folders it made for them
// (those left empty), then its journal. The site is the previous one again.
func (s *Session) rollBack(claims []string) error {
	var files, dirs []string
	seen := map[string]bool{}
	for _, p := range claims {
		files = append(files, tempName(p))
		for d := parentDir(p); d != "" && !seen[d]; d = parentDir(d) {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	if err := s.cleanTempsIn(newDirCheck(s.root), ""); err != nil {
		return err
	}
	for _, f := range files {
		if err := s.disk.remove(f); err != nil && !errors.Is(err, syscall.ENOTDIR) {
			return fmt.Errorf("remove a killed build's temporary file: %w", err)
		}
	}
	if err := s.removeEmpty(dirs); err != nil {
		return err
	}
	if err := s.disk.removeState(JournalName); err != nil {
		return fmt.Errorf("remove journal: %w", err)
	}
	return nil
}

// removeEmpty removes those of the folders dirs that are empty, deepest
// first.
func (s *Session) removeEmpty(dirs []string) error {
	sortDeepestFirst(dirs)
	check := newDirCheck(s.root)
	for _, d := range dirs {
		empty, err := check.empty(d)
		if err != nil {
			return err
		}
		if empty {
			if err := s.disk.remove(d); err != nil && !errors.Is(err, syscall.ENOTEMPTY) && !errors.Is(err, syscall.EEXIST) {
				return fmt.Errorf("remove folder: %w", err)
			}
		}
	}
	return nil
}

// sortDeepestFirst sorts slash paths children before parents.
func sortDeepestFirst(dirs []string) {
	sort.Slice(dirs, func(i, j int) bool {
		di, dj := strings.Count(dirs[i], "/"), strings.Count(dirs[j], "/")
		if di != dj {
			return di > dj
		}
		return dirs[i] < dirs[j]
	})
}

// tempName is where a changed file at p waits for Commit: beside it.
func tempName(p string) string {
	d := parentDir(p)
	return d + sepIf(d) + tempPrefix + p[len(d)+len(sepIf(d)):]
}

// Put writes data at path unless the file there already holds exactly these
// bytes, and reports whether it wrote. path is checked like a File's Path.
//
// An unchanged file costs one stat and hashing data when the manifest's size,
// modification time and SHA-256 agree with it; otherwise Put reads the file
// back and compares. The first Put into a folder also checks, once per
// session, that the folder and its parents are real folders, not symbolic
// links, creating missing ones; a file of the previous build standing where
// a folder (or a folder of them where the file) must go is removed first, a
// file the generator did not write is an error. A changed file is announced
// in the journal, then written atomically. data is not retained after Put
// returns.
//
// With Options.Precompress, Put also puts the encodings of a
// precompressible file (see Precompressible) and reports whether it wrote
// the file itself: an encoding is made only when data is not what the
// manifest records for path, or when the encoding on disk is not as the
// manifest records it.
func (s *Session) Put(path string, data []byte) (written bool, err error) {
	s.life.RLock()
	defer s.life.RUnlock()
	pd, err := s.prepare(path, data)
	if err == nil {
		err = s.finish(pd, data)
	}
	if err == nil && s.opts.Precompress && Precompressible(path) {
		old, ok := s.owned[path]
		err = s.putEncodings(path, data, ok && old.SHA256 != "" && old.SHA256 == pd.e.SHA256)
	}
	if err != nil {
		return false, fmt.Errorf("put %q: %w", path, err)
	}
	return pd.write, nil
}

// Keep declares that path holds the same bytes as the previous build wrote
// there: the caller did not render it again. It checks with one stat that
// the file still has the size and modification time the manifest records.
// When it has not (deleted, edited by hand, replaced by a killed build) or
// the manifest does not know path, Keep returns an error wrapping ErrStale
// and the caller must Put the file instead. Keep writes nothing.
//
// With Options.Precompress, Keep keeps a precompressible file together
// with its .br and .gz encodings, which must be as the previous build left
// them too; otherwise it keeps nothing and returns ErrStale. (So a file
// whose encoding was not smaller than itself, a file of a few bytes, is
// put each time.)
func (s *Session) Keep(path string) error {
	s.life.RLock()
	defer s.life.RUnlock()
	err := s.keep(path)
	if err == nil {
		err = s.keepEncodings(path)
	}
	if err != nil {
		return fmt.Errorf("keep %q: %w", path, err)
	}
	return nil
}

func (s *Session) keep(p string) error {
	if err := checkPath(p); err != nil {
		return fmt.Errorf("invalid output path: %w", err)
	}
	if err := s.reserve(p); err != nil {
		return err
	}
	old, ok := s.owned[p]
	stale := !ok || old.SHA256 == ""
	if !stale {
		s.dirMu.Lock()
		dst := s.planDir(parentDir(p))
		stale = dst.err != nil || dst.create
		s.dirMu.Unlock()
	}
	if !stale {
		fi, err := s.lstat(p)
		switch {
		case err == nil:
			stale = !fi.Mode().IsRegular() || fi.Size() != old.Size || fi.ModTime().UnixNano() != old.MTime
		case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
			stale = true
		default:
			s.release(p)
			return err
		}
	}
	if stale {
		s.release(p)
		return ErrStale
	}
	old.Until = 0 // part of the site again
	s.record(p, old, kept)
	return nil
}

// MakeDirs makes, ahead of Put, the folders that files at paths will need
// and that do not exist yet, as Put would make them: each path is announced
// in the journal before its folder is made, so that the next build prunes
// the folders of a killed one. A cold build calls it while it still renders
// the first pages, so that the file system's slowest work (a new inode for
// each folder) overlaps the CPU's. A folder that cannot be made is left to
// Put, which reports why. Safe for concurrent use with Put and Keep; it
// stops when the session's context is done.
func (s *Session) MakeDirs(paths []string) error {
	s.life.RLock()
	defer s.life.RUnlock()
	const batch = 256 // paths announced with one write
	for len(paths) > 0 {
		if err := s.ctx.Err(); err != nil {
			return err
		}
		n := min(batch, len(paths))
		var todo []string
		s.dirMu.Lock()
		for _, p := range paths[:n] {
			if checkPath(p) != nil {
				continue
			}
			dir := parentDir(p)
			if st := s.planDir(dir); st.err == nil && st.create && !s.hasObstacle(dir) {
				todo = append(todo, p)
			}
		}
		s.dirMu.Unlock()
		paths = paths[n:]
		if err := s.journalAppend(todo...); err != nil {
			return err
		}
		for _, p := range todo {
			s.dirMu.Lock()
			err := s.makeDir(parentDir(p))
			s.dirMu.Unlock()
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// hasObstacle reports whether making folder d would remove a file of an
// earlier build in the way of it or of one of its parents. s.dirMu is held.
func (s *Session) hasObstacle(d string) bool {
	for ; d != ""; d = parentDir(d) {
		if st := s.dirs[d]; st != nil && st.obstacle {
			return true
		}
	}
	return false
}

// Files returns how many files the session has put or kept so far, with
// the encodings of Options.Precompress: the files of the site once every
// Put and Keep returned.
func (s *Session) Files() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.recs)
}

// SetState asks Commit to record state, a JSON value, with the manifest, for
// Intact to hand back to a later process as long as the folder stays as
// this session leaves it. A session that does not call it records none, and
// an aborted session never records one.
func (s *Session) SetState(state []byte) error {
	var b bytes.Buffer
	if len(state) > 0 {
		if err := json.Compact(&b, state); err != nil {
			return fmt.Errorf("set state: %w", err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = nil
	if b.Len() > 0 {
		s.state = b.Bytes()
	}
	return nil
}

// Abort ends the session without committing: it removes the temporary
// files it wrote and the folders it made, so the output folder holds the
// previous site as it was. Abort after Commit or Abort does nothing, so
//
//	s, err := output.BeginWith(ctx, dir, output.Options{})
//	if err != nil { ... }
//	defer s.Abort()
//	... s.Put, s.Keep ...
//	stats, err := s.Commit()
//
// aborts the session on every return before Commit. When a removal fails,
// the journal stays and the next BeginWith removes the rest.
func (s *Session) Abort() error {
	s.life.Lock()
	defer s.life.Unlock()
	if s.done {
		return nil
	}
	if err := s.abortLocked(); err != nil {
		return fmt.Errorf("abort output %s: %w", s.out, err)
	}
	return nil
}

// abortLocked removes what the session added: its temporary files, then
// the folders it made (those left empty), then its journal.
func (s *Session) abortLocked() error {
	s.done = true
	s.handles.closeAll()
	defer s.disk.state.Close()
	if s.staging != nil {
		// Nothing of the output folder changed: the staging folder goes.
		s.closeJournal()
		s.root.Close()
		return errors.Join(s.staging.remove(), s.disk.removeState(nextManifestName))
	}
	defer s.root.Close()
	if err := s.closeJournal(); err != nil {
		return err
	}
	for _, r := range s.recs {
		if r.state == written {
			if err := s.disk.remove(r.tmp); err != nil {
				return fmt.Errorf("remove temporary file: %w", err)
			}
		}
	}
	for p := range s.journaled {
		// A Put that failed may have left its temporary file.
		if r := s.recs[p]; r == nil || r.state == reserved {
			if err := s.disk.remove(tempName(p)); err != nil && !errors.Is(err, syscall.ENOTDIR) {
				return fmt.Errorf("remove temporary file: %w", err)
			}
		}
	}
	if err := s.disk.removeState(manifestTemp); err != nil {
		return fmt.Errorf("remove temporary manifest: %w", err)
	}
	if err := s.removeEmpty(append([]string(nil), s.made...)); err != nil {
		return err
	}
	if s.journal != nil || len(s.journaled) > 0 || s.journalErr != nil {
		return s.disk.removeState(JournalName)
	}
	return nil
}

// reserve registers p as put or kept by this session, or says why it cannot
// be: the session has ended, or p was already put or kept, or p conflicts
// with a path put or kept.
func (s *Session) reserve(p string) error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.done:
		return errors.New("the session has ended")
	case s.recs[p] != nil:
		return fmt.Errorf("%q was already put or kept in this session", p)
	case s.folders[p] > 0:
		return fmt.Errorf("%q is a folder of another output file, so it cannot be a file", p)
	}
	for d := parentDir(p); d != ""; d = parentDir(d) {
		if s.recs[d] != nil {
			return fmt.Errorf("%q is also an output file, so it cannot be a folder", d)
		}
	}
	s.recs[p] = &rec{}
	for d := parentDir(p); d != ""; d = parentDir(d) {
		s.folders[d]++
	}
	return nil
}

// release undoes reserve(p) after a Put or Keep failed.
func (s *Session) release(p string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.recs, p)
	for d := parentDir(p); d != ""; d = parentDir(d) {
		if s.folders[d]--; s.folders[d] == 0 {
			delete(s.folders, d)
		}
	}
}

// record completes the reservation of p.
func (s *Session) record(p string, e entry, state recState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	*s.recs[p] = rec{e: e, state: state}
}
