package output

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Commit: what a session's commit changes on disk, and its errors.

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
		if err == nil {
			// The new site is whole in the staging folder: exchange it in.
			err = s.staging.swapIn(s.disk, s.opts.Durable)
			if err == nil || errors.Is(err, ErrCommitted) {
				err = errors.Join(err, s.promoteManifest())
			} else {
				s.disk.removeState(nextManifestName)
			}
		} else if s.done {
			// Committed in the staging folder but not finished there: the
			// output folder is as it was.
			s.staging.remove()
			s.disk.removeState(nextManifestName)
			err = fmt.Errorf("%w: %w", ErrNotCommitted, err)
		}
	}
	if s.done {
		s.disk.state.Close()
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

// stageNextManifest records in the state folder the manifest of the
// folder dir, which an exchange is about to put at the output path
// (nextManifestName).
func (s *Session) stageNextManifest(dir string, manifest func(folder string) ([]byte, error)) error {
	folder, err := folderID(dir)
	if err != nil {
		return err
	}
	data, err := manifest(folder)
	if err != nil {
		return err
	}
	return s.disk.writeState(nextManifestName, data, s.opts.Durable)
}

// promoteManifest moves the manifest staged for an exchange into place,
// once the exchange is made. Its error wraps ErrCommitted: the new site is
// in place, and the next BeginWith moves the manifest (promoteNext).
func (s *Session) promoteManifest() error {
	err := s.disk.renameState(nextManifestName, ManifestName)
	if err == nil && s.opts.Durable {
		err = syncDir(s.disk.state, ".")
	}
	if err != nil {
		return fmt.Errorf("%w: record the manifest: %w", ErrCommitted, err)
	}
	return nil
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
	changes, next, st, err := s.commitChanges()
	if err != nil {
		return Stats{}, err
	}
	if err := s.closeJournal(); err != nil {
		return Stats{}, err
	}
	if s.staging != nil {
		// No one sees the staging folder before the exchange, and a kill
		// leaves it for the next BeginWith to remove: the changes need no
		// journal. Commit exchanges the folder in.
		s.done = true
		defer s.root.Close()
		if err := s.disk.apply(changes); err != nil {
			return Stats{}, err
		}
		if err := s.stageNextManifest(s.staging.next, next.encode); err != nil {
			return Stats{}, err
		}
		return st, nil
	}
	if len(changes) == 0 && !next.changed {
		// Nothing changed on disk: no commit to journal.
		s.done = true
		return st, errors.Join(s.disk.removeState(JournalName), s.root.Close())
	}
	if s.opts.Exchange && len(changes) > 0 {
		err := s.commitByExchange(changes, next.encode)
		switch {
		case err == nil || errors.Is(err, ErrCommitted):
			s.done = true
			err = errors.Join(err, s.disk.removeState(JournalName))
			if cerr := s.root.Close(); cerr != nil {
				err = errors.Join(err, cerr)
			}
			if err != nil && !errors.Is(err, ErrCommitted) {
				err = fmt.Errorf("%w: %w", ErrCommitted, err)
			}
			return st, err
		case !errors.Is(err, errNoExchange):
			return Stats{}, err
		}
	}
	if next.changed {
		data, err := next.encode(s.outID)
		if err == nil {
			err = s.disk.writeState(manifestTemp, data, s.opts.Durable)
		}
		if err != nil {
			return Stats{}, err
		}
		changes = append(changes, change{kind: 'S', path: manifestTemp, to: ManifestName})
	}
	if err := s.disk.writeCommitJournal(s.outID, changes, s.opts.Durable); err != nil {
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
		err = errors.Join(syncDir(s.root, "."), syncDir(s.disk.state, "."))
	}
	if err != nil {
		return Stats{}, fmt.Errorf("%w: %w", ErrCommitUnfinished, err)
	}
	// The site is the new one; the journals are no longer needed (a
	// commit journal left behind only repeats changes made).
	for _, name := range []string{JournalName, CommitName} {
		if err := s.disk.removeState(name); err != nil {
			if err := s.disk.removeState(name); err != nil {
				return st, fmt.Errorf("%w: %w", ErrCommitted, err)
			}
		}
	}
	return st, nil
}

// nextManifest is the manifest a commit records: its files and state, and
// whether it differs from the one on disk (for the same folder).
type nextManifest struct {
	entries []entry
	state   []byte
	changed bool
}

// encode renders the manifest for the output folder whose identity is
// folder.
func (m nextManifest) encode(folder string) ([]byte, error) {
	return encodeManifest(folder, true, m.state, m.entries)
}

// commitChanges lists, reading only, the changes that commit the session:
// make the folders and remove the files in the way of written files, move
// each into place and the new manifest over the old, then prune. It stages
// the new manifest and returns the Stats.
func (s *Session) commitChanges() ([]change, nextManifest, Stats, error) {
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
		if _, before := s.owned[p]; before {
			st.Updated = append(st.Updated, p)
		} else {
			st.Added = append(st.Added, p)
		}
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
	for p, e := range s.owned {
		if s.recs[p] != nil || gone[p] {
			continue
		}
		if e, stays := s.opts.Grace.keeps(e); stays && !s.encodesLive(p) {
			final = append(final, e)
			continue
		}
		prune = append(prune, p)
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
		return nil, nextManifest{}, Stats{}, err
	}

	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	next := nextManifest{entries: final, state: state}
	if !s.clean || !sameEntries(final, s.owned) || !bytes.Equal(state, s.oldState) {
		data, err := next.encode(s.outID)
		if err != nil {
			return nil, nextManifest{}, Stats{}, err
		}
		next.changed = !bytes.Equal(data, s.raw)
	}
	// The bookkeeping files of builds before the state folder leave the
	// site.
	for _, name := range s.legacy {
		changes = append(changes, change{kind: 'D', path: name})
		removed = append(removed, name)
	}
	for _, p := range pruned {
		changes = append(changes, change{kind: 'D', path: p})
	}
	for _, d := range emptied {
		changes = append(changes, change{kind: 'D', path: d})
	}
	st.Compressed = int(s.compressed.Load())
	st.Removed = len(removed) + len(pruned)
	st.Deleted = append(append(st.Deleted, removed...), pruned...)
	st.Changed = append(st.Changed, st.Deleted...)
	for _, list := range []*[]string{&st.Changed, &st.Added, &st.Updated, &st.Deleted} {
		if *list == nil {
			*list = []string{}
		}
		sort.Strings(*list)
	}
	return changes, next, st, nil
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

// encodesLive reports whether p is a precompressed encoding of a file this
// session put or kept: that file's encodings are what the session writes
// for it now, and one it no longer writes goes at once, grace or not.
func (s *Session) encodesLive(p string) bool {
	for _, suffix := range []string{BrotliSuffix, GzipSuffix} {
		if base, ok := strings.CutSuffix(p, suffix); ok && s.recs[base] != nil {
			return true
		}
	}
	return false
}
