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
