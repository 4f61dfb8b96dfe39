package output

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
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
// is announced in the journal (JournalName); new folders are made empty.
// Commit writes the commit journal (CommitName), the list of every move and
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
	ctx     context.Context
	opts    Options
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
	if err := removeStaleNext(dir); err != nil {
		return nil, err
	}
	var stage *staging
	if opts.Exchange {
		stage = newStaging(dir)
	}
	at := dir
	if stage != nil {
		at = stage.next
	}
	root, err := os.OpenRoot(at)
	if err != nil {
		stage.remove()
		return nil, err
	}
	s, err := openSession(ctx, root, opts, h)
	if err != nil {
		root.Close()
		stage.remove()
		return nil, err
	}
	s.out, s.staging = dir, stage
	return s, nil
}

func openSession(ctx context.Context, root *os.Root, opts Options, h hooks) (*Session, error) {
	d := disk{root: root, fault: opts.Fault}
	committing, err := d.finishCommit()
	if err != nil {
		return nil, err
	}
	old, err := readManifest(root)
	if err != nil {
		return nil, err
	}
	s := &Session{
		dir: root.Name(), ctx: ctx, opts: opts, hooks: h, root: root, disk: d, handles: newDirHandles(root),
		owned: old.entries, raw: old.raw, oldState: old.state,
		recs: map[string]*rec{}, folders: map[string]int{}, journaled: map[string]bool{},
		dirs: map[string]*dirState{"": {}}, scanned: map[string]bool{}, listed: map[string]map[string]fs.FileMode{},
	}
	claims, killed, err := readJournal(root)
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
	return s, nil
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
	if err := s.disk.remove(JournalName); err != nil {
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
func (s *Session) Put(path string, data []byte) (written bool, err error) {
	s.life.RLock()
	defer s.life.RUnlock()
	pd, err := s.prepare(path, data)
	if err == nil {
		err = s.finish(pd, data)
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
func (s *Session) Keep(path string) error {
	s.life.RLock()
	defer s.life.RUnlock()
	if err := s.keep(path); err != nil {
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

// Commit moves every file the session wrote into place, removes the files
// the previous build wrote that this session neither put nor kept and the
// folders left empty by that (never the output folder itself), records the
// manifest and returns what changed. It ends the session. When the
// session's context is done, or Commit fails before its commit journal is
// in place, the session is aborted (see Abort): the folder holds the
// previous site, and the error wraps ErrNotCommitted. Once the journal is
// in place the new site is committed: a change that then fails is tried
// once more, and if it fails again the journal stays for the next
// BeginWith to finish.
func (s *Session) Commit() (Stats, error) {
	s.life.Lock()
	defer s.life.Unlock()
	if s.done {
		return Stats{}, fmt.Errorf("commit output %s: the session has ended", s.out)
	}
	st, err := s.commitLocked()
	if s.staging != nil {
		if err == nil || errors.Is(err, ErrCommitted) {
			// The new site is whole in the staging folder: exchange it in.
			err = s.staging.swapIn(s.disk, s.opts.Durable)
		} else if s.done {
			// Committed in the staging folder but not finished there: the
			// output folder is as it was.
			s.staging.remove()
			err = fmt.Errorf("%w: %w", ErrNotCommitted, err)
		}
	}
	if err != nil {
		if !s.done {
			err = errors.Join(err, s.abortLocked())
			err = fmt.Errorf("%w: %w", ErrNotCommitted, err)
		}
		if errors.Is(err, ErrCommitted) {
			return st, fmt.Errorf("commit output %s: %w", s.out, err)
		}
		return Stats{}, fmt.Errorf("commit output %s: %w", s.out, err)
	}
	return st, nil
}

// ErrNotCommitted is wrapped by the error of a Commit that did not commit:
// the output folder holds the previous site.
var ErrNotCommitted = errors.New("not committed")

// ErrCommitted is wrapped by the error of a Commit that made every change
// of the site but could not remove its journals: the output folder holds
// the new site, and the Stats are valid.
var ErrCommitted = errors.New("committed")

// ErrCommitUnfinished is wrapped by the error of a Commit that committed
// but could not make every change: the output folder mixes the two sites
// until the next BeginWith finishes the commit.
var ErrCommitUnfinished = errors.New("the commit is unfinished")

func (s *Session) commitLocked() (Stats, error) {
	if err := s.ctx.Err(); err != nil {
		return Stats{}, err
	}
	s.handles.closeAll()
	changes, st, err := s.commitChanges()
	if err != nil {
		return Stats{}, err
	}
	if err := s.closeJournal(); err != nil {
		return Stats{}, err
	}
	if len(changes) == 0 {
		// Nothing changed on disk: no commit to journal.
		s.done = true
		return st, errors.Join(s.disk.remove(JournalName), s.root.Close())
	}
	if s.opts.Exchange && s.staging == nil {
		err := s.commitByExchange(changes)
		switch {
		case err == nil || errors.Is(err, ErrCommitted):
			s.done = true
			if cerr := s.root.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("%w: %w", ErrCommitted, cerr)
			}
			return st, err
		case !errors.Is(err, errNoExchange):
			return Stats{}, err
		}
	}
	if err := s.disk.writeCommitJournal(changes, s.opts.Durable); err != nil {
		return Stats{}, err
	}
	// Committed: from here on the session is over, whatever fails.
	s.done = true
	defer s.root.Close()
	err = s.disk.apply(changes)
	if err != nil {
		err = s.disk.apply(changes) // a passing fault; a lasting one fails again
	}
	if err == nil && s.opts.Durable {
		err = syncDir(s.root, ".")
	}
	if err != nil {
		return Stats{}, fmt.Errorf("%w: %w", ErrCommitUnfinished, err)
	}
	// The site is the new one; the journals are no longer needed (a
	// commit journal left behind only repeats changes made).
	for _, name := range []string{JournalName, CommitName} {
		if err := s.disk.remove(name); err != nil {
			if err := s.disk.remove(name); err != nil {
				return st, fmt.Errorf("%w: %w", ErrCommitted, err)
			}
		}
	}
	return st, nil
}

// commitChanges lists, reading only, the changes that commit the session:
// make the folders and remove the files in the way of written files, move
// each into place and the new manifest over the old, then prune. It stages
// the new manifest and returns the Stats.
func (s *Session) commitChanges() ([]change, Stats, error) {
	var changes, moves []change
	var removed []string // owned files removed, for Stats
	made := map[string]bool{}
	paths := make([]string, 0, len(s.recs))
	for p := range s.recs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	final := make([]entry, 0, len(s.recs))
	st := Stats{}
	gone := map[string]bool{}
	for _, p := range paths {
		r := s.recs[p]
		final = append(final, r.e)
		if r.state != written {
			st.Unchanged++
			continue
		}
		st.Written++
		st.Changed = append(st.Changed, p)
		if strings.HasPrefix(r.tmp, stagePrefix) {
			// Its folder waits behind a file of an earlier build.
			var chain []string
			for d := parentDir(p); d != ""; d = parentDir(d) {
				chain = append(chain, d)
			}
			for i := len(chain) - 1; i >= 0; i-- {
				d := chain[i]
				ds := s.dirs[d]
				if made[d] || ds == nil || !ds.create {
					continue
				}
				made[d] = true
				if ds.obstacle && !gone[d] {
					changes = append(changes, change{kind: 'D', path: d})
					gone[d] = true
					removed = append(removed, d)
				}
				changes = append(changes, change{kind: 'M', path: d})
			}
		}
		for _, e := range r.early {
			changes = append(changes, change{kind: 'D', path: e})
			if s.isOwned(e) {
				gone[e] = true
				removed = append(removed, e)
			}
		}
		if r.tmp != "" {
			moves = append(moves, change{kind: 'R', path: r.tmp, to: p})
		}
	}
	changes = append(changes, moves...)

	var prune []string
	for p := range s.owned {
		if s.recs[p] == nil && !gone[p] {
			prune = append(prune, p)
		}
	}
	sort.Strings(prune)
	// Paths whose Put failed after they were announced: their folders may
	// have been made for nothing.
	var failed []string
	for p := range s.journaled {
		if r := s.recs[p]; (r == nil || r.state == reserved) && !s.isOwned(p) {
			failed = append(failed, p)
		}
	}
	pruned, emptied, err := s.prunePlan(prune, failed)
	if err != nil {
		return nil, Stats{}, err
	}

	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	if !s.clean || !sameEntries(final, s.owned) || !bytes.Equal(state, s.oldState) {
		_, staged, err := s.disk.stageManifest(s.raw, state, final, s.opts.Durable)
		if err != nil {
			return nil, Stats{}, err
		}
		if staged {
			changes = append(changes, change{kind: 'R', path: manifestTemp, to: ManifestName})
		}
	}
	for _, p := range pruned {
		changes = append(changes, change{kind: 'D', path: p})
	}
	for _, d := range emptied {
		changes = append(changes, change{kind: 'D', path: d})
	}
	st.Removed = len(removed) + len(pruned)
	st.Changed = append(st.Changed, removed...)
	st.Changed = append(st.Changed, pruned...)
	if st.Changed == nil {
		st.Changed = []string{}
	}
	sort.Strings(st.Changed)
	return changes, st, nil
}

// sameEntries reports whether es lists exactly the entries of m.
func sameEntries(es []entry, m map[string]entry) bool {
	if len(es) != len(m) {
		return false
	}
	for _, e := range es {
		if m[e.Path] != e {
			return false
		}
	}
	return true
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
	if s.staging != nil {
		// Nothing of the output folder changed: the staging folder goes.
		s.closeJournal()
		s.root.Close()
		return s.staging.remove()
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
	if err := s.disk.remove(manifestTemp); err != nil {
		return fmt.Errorf("remove temporary manifest: %w", err)
	}
	if err := s.removeEmpty(append([]string(nil), s.made...)); err != nil {
		return err
	}
	if s.journal != nil || len(s.journaled) > 0 || s.journalErr != nil {
		return s.disk.remove(JournalName)
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
// for Commit.
func (s *Session) write(pd *plan, data []byte) error {
	p := pd.e.Path
	if err := s.journalAppend(p); err != nil {
		return err
	}
	var tmp string
	var mtime int64
	var err error
	switch {
	case s.staging != nil:
		// Written in place (see staging): tmp stays empty.
		s.dirMu.Lock()
		err = s.makeDir(parentDir(p))
		s.dirMu.Unlock()
		if err == nil {
			mtime, err = s.staging.create(s.disk, s.root, p, data, s.opts.Durable)
		}
	case pd.atRoot:
		s.mu.Lock()
		s.staged++
		tmp = stagePrefix + strconv.Itoa(s.staged)
		s.mu.Unlock()
		mtime, err = s.disk.stage(s.root, tmp, tmp, data, s.opts.Durable)
	default:
		s.dirMu.Lock()
		err = s.makeDir(parentDir(p))
		s.dirMu.Unlock()
		if err != nil {
			return err
		}
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
