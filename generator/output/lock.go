package output

import (
	"os"
	"path/filepath"

	"rolesite/generator/diag"
)

// Lock takes the build lock of output folder dir, creating dir when needed:
// an exclusive lock on the file LockName in it. While another process (or
// another Lock call) holds it, Lock fails at once with an error saying so.
// unlock releases the lock; calling it again does nothing. The lock file
// stays in dir. On systems without flock(2) Lock only creates dir.
//
// Hold it around Write, and around a Session from Begin until Commit or
// Abort returns: only one build may write to a folder at a time.
func Lock(dir string) (unlock func() error, err error) {
	if err := os.MkdirAll(dir, dirPerm); err != nil {
		return nil, diag.Fail(err, diag.LockFailed, dir)
	}
	return lockFile(dir, filepath.Join(dir, LockName))
}
