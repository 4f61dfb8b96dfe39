// Package atomicfile replaces a file so that a reader sees the old bytes
// or the new ones, never a part: the bytes go into a new temporary file
// beside it, which is then renamed over it.
package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
)

// Write replaces the file at path with data, mode 0644. When path is a
// symbolic link, the file it points to is replaced and the link stays.
// With sync the new file is synced before the rename, so that a crash
// leaves one of the two whole. On an error the file is as it was and no
// temporary file is left.
func Write(path string, data []byte, sync bool) error {
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	err = errors.Join(err, tmp.Chmod(0o644))
	if sync && err == nil {
		err = tmp.Sync()
	}
	err = errors.Join(err, tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), target)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
