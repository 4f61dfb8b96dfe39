package output

import (
	"os"
	"path/filepath"

	"rolesite/generator/diag"
)

// Lock takes the build lock of output folder dir, creating dir and its
// state folder stateDir ("" for DefaultStateDir) when needed: an exclusive
// lock on the file LockName in the state folder. While another process (or
// another Lock call) holds it, Lock fails at once with an error saying so.
// unlock releases the lock; calling it again does nothing. The lock file
// stays in the state folder. On systems without flock(2) Lock only creates
// the folders.
//
// Hold it around a Session from BeginWith until Commit or Abort returns:
// only one build may write to a folder at a time.
func Lock(dir, stateDir string) (unlock func() error, err error) {
	if err := os.MkdirAll(dir, dirPerm); err != nil {
		return nil, diag.Fail(err, diag.LockFailed, dir)
	}
	stateDir, err = stateDirOf(dir, Options{State: stateDir})
	if err != nil {
		return nil, diag.Fail(err, diag.LockFailed, dir)
	}
	if err := os.MkdirAll(stateDir, stateDirPerm); err != nil {
		return nil, diag.Fail(err, diag.LockFailed, dir)
	}
	return lockFile(dir, filepath.Join(stateDir, LockName))
}
