package output

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// The state folder holds what builds record about an output folder: the
// manifest of the files they wrote (ManifestName), the journal of a build
// under way (JournalName), the commit journal (CommitName) and the build
// lock (LockName). None of it is in the output folder, which holds the
// site and nothing else once a build has ended.
//
// A manifest names the output folder it describes by the folder's
// identity (folderID: device, inode and, where the file system records
// it, birth time), not only by its path. A manifest whose folder is not
// the one at the output path now (the folder was replaced, or moved away
// and another made in its place) is another folder's: it is ignored, so
// no build prunes a file by it. A copy of an output folder is a new folder
// with another path and identity, and its builds start with no manifest.

// DefaultStateDir returns the state folder of output folder out when none
// is given: a folder in the user's cache folder ($XDG_CACHE_HOME, else
// ~/.cache, on Linux) named after the output folder and a hash of its
// absolute path, symbolic links resolved, so that two output folders
// never share one and two spellings of one folder's path find the same.
func DefaultStateDir(out string) (string, error) {
	abs, err := resolvedAbs(out)
	if err != nil {
		return "", fmt.Errorf("state folder of %s: %w", out, err)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("state folder of %s: %w (give one with -state)", out, err)
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(cache, "rolesite", filepath.Base(abs)+"-"+hex.EncodeToString(sum[:8])), nil
}

// resolvedAbs returns the absolute path of p with the symbolic links of
// its longest existing prefix resolved; the rest, not yet made, is kept.
func resolvedAbs(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var tail []string
	for cur := abs; ; {
		real, err := filepath.EvalSymlinks(cur)
		if err == nil {
			for i := len(tail) - 1; i >= 0; i-- {
				real = filepath.Join(real, tail[i])
			}
			return real, nil
		}
		parent := filepath.Dir(cur)
		if !errors.Is(err, fs.ErrNotExist) || parent == cur {
			return abs, nil
		}
		tail = append(tail, filepath.Base(cur))
		cur = parent
	}
}

// stateDirOf returns opts.State, or out's default state folder.
func stateDirOf(out string, opts Options) (string, error) {
	if opts.State != "" {
		return opts.State, nil
	}
	return DefaultStateDir(out)
}

// stateDirPerm: what builds record names the site's source files.
const stateDirPerm = 0o700

// openState makes the state folder when needed and opens it.
func openState(dir string) (*os.Root, error) {
	if err := os.MkdirAll(dir, stateDirPerm); err != nil {
		return nil, fmt.Errorf("state folder: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("state folder: %w", err)
	}
	return root, nil
}

// promoteNext settles the manifest that an exchange commit staged
// (NextManifestName) and a kill left: the manifest of the output folder
// when the exchange was made (the folder at the output path now is the one
// the manifest names), else nothing. It runs before anything else looks at
// the state folder.
func promoteNext(d disk, outID string) error {
	raw, err := d.state.ReadFile(nextManifestName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", nextManifestName, err)
	}
	if folder, ok := manifestFolder(raw); ok && folder != "" && folder == outID {
		return d.renameState(nextManifestName, ManifestName)
	}
	return d.removeState(nextManifestName)
}

// renameState moves the state folder's file from over to.
func (d disk) renameState(from, to string) error {
	if err := d.check("rename", to); err != nil {
		return err
	}
	if err := d.state.Rename(from, to); err != nil {
		return fmt.Errorf("state folder: %w", err)
	}
	return nil
}

// removeState removes the state folder's file name; a missing one is no
// error.
func (d disk) removeState(name string) error {
	if err := d.check("remove", name); err != nil {
		return err
	}
	if err := d.state.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("state folder: %w", err)
	}
	return nil
}

// Names that builds before the state folder kept in the output folder
// itself. A build removes them, and takes over the ownership the old
// manifest records when the state folder has no manifest.
var legacyNames = []string{".rolesite-manifest.json", ".rolesite-journal", ".rolesite-commit", ".rolesite.lock"}

// isLegacy reports whether name, in the output folder itself, is one of
// legacyNames.
func isLegacy(name string) bool { return slices.Contains(legacyNames, name) }

// sameFolder reports whether folder ids a and b name one folder; an empty
// id (a system that gives none) matches nothing.
func sameFolder(a, b string) bool {
	return a != "" && a == b
}
