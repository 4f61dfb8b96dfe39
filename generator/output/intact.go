package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Intact returns the state that the last session recorded with SetState, if
// the output folder dir still holds exactly what that session committed:
// the manifest in the state folder stateDir ("" for DefaultStateDir) is
// complete, names this folder and carries the state, no journal tells of a
// killed build, no folder beside it (NextName) tells of a build killed
// during its exchange commit, and every file the manifest lists is a regular file,
// reached through real folders, with the size and modification time
// recorded for it (the check Keep makes of one file), and no file's grace
// (Options.Grace) is over at build time now. ok is false
// otherwise; the caller then builds as usual. Hold Lock(dir, stateDir)
// around it and what the caller decides from it.
func Intact(dir, stateDir string, now time.Time) (state []byte, ok bool) {
	stateDir, err := stateDirOf(dir, Options{State: stateDir})
	if err != nil {
		return nil, false
	}
	for _, name := range []string{JournalName, CommitName, nextManifestName} {
		if _, err := os.Lstat(filepath.Join(stateDir, name)); !errors.Is(err, fs.ErrNotExist) {
			return nil, false
		}
	}
	for _, name := range legacyNames {
		if _, err := os.Lstat(filepath.Join(dir, name)); !errors.Is(err, fs.ErrNotExist) {
			return nil, false
		}
	}
	// A build killed after its exchange leaves the previous site beside:
	// the site is whole, but only a session removes what is left.
	if abs, err := filepath.Abs(dir); err != nil {
		return nil, false
	} else if _, err := os.Lstat(NextName(abs)); !errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	outID, err := folderID(dir)
	if err != nil {
		return nil, false
	}
	root, err := os.OpenRoot(stateDir)
	if err != nil {
		return nil, false
	}
	defer root.Close()
	m, err := readManifest(root, outID)
	if err != nil || !m.found || !m.complete || len(m.state) == 0 {
		return nil, false
	}
	real := map[string]bool{"": true}
	var isReal func(d string) bool
	isReal = func(d string) bool {
		if r, ok := real[d]; ok {
			return r
		}
		r := isReal(parentDir(d))
		if r {
			fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(d)))
			r = err == nil && fi.IsDir()
		}
		real[d] = r
		return r
	}
	for p, e := range m.entries {
		if e.SHA256 == "" || !isReal(parentDir(p)) {
			return nil, false
		}
		if e.Until != 0 && now.UnixNano() >= e.Until {
			return nil, false // its grace is over: a build removes it
		}
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil || !fi.Mode().IsRegular() || fi.Size() != e.Size || fi.ModTime().UnixNano() != e.MTime {
			return nil, false
		}
	}
	return m.state, true
}
