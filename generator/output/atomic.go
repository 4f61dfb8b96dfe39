package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strconv"
)

// Permissions of what Write creates.
const (
	filePerm = 0o644
	dirPerm  = 0o755
)

// writeAtomic replaces the file at rel (slash path inside root) with data:
// it writes a temporary file in the same folder and renames it over rel, so
// a reader, or the next build after a kill, sees the old or the new bytes,
// never a mix. With durable it syncs the temporary file before the rename,
// so that a power loss cannot leave an empty or partial file behind. It
// returns the file's modification time in Unix nanoseconds.
func writeAtomic(root *os.Root, rel string, data []byte, durable bool) (int64, error) {
	dir := path.Dir(rel)
	var (
		f   *os.File
		tmp string
		err error
	)
	for range 100 {
		tmp = path.Join(dir, tempPrefix+strconv.FormatUint(rand.Uint64(), 36))
		f, err = root.OpenFile(filepath.FromSlash(tmp), os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return 0, fmt.Errorf("create temporary file: %w", err)
	}
	fail := func(err error) (int64, error) {
		f.Close()
		root.Remove(filepath.FromSlash(tmp))
		return 0, err
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	st, err := f.Stat()
	if err != nil {
		return fail(err)
	}
	// The mode given to OpenFile is reduced by the umask; set it exactly
	// (this leaves the modification time as it is).
	if st.Mode().Perm() != filePerm {
		if err := f.Chmod(filePerm); err != nil {
			return fail(err)
		}
	}
	if durable {
		if err := f.Sync(); err != nil {
			return fail(err)
		}
	}
	if err := f.Close(); err != nil {
		root.Remove(filepath.FromSlash(tmp))
		return 0, err
	}
	if err := root.Rename(filepath.FromSlash(tmp), filepath.FromSlash(rel)); err != nil {
		root.Remove(filepath.FromSlash(tmp))
		return 0, err
	}
	return st.ModTime().UnixNano(), nil
}

// syncDir makes renames and removals in folder rel of root durable.
func syncDir(root *os.Root, rel string) error {
	d, err := root.Open(filepath.FromSlash(rel))
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// sameContent reports whether the file at rel holds exactly data.
func sameContent(root *os.Root, rel string, data []byte) (bool, error) {
	f, err := root.Open(filepath.FromSlash(rel))
	if err != nil {
		return false, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return false, err
	}
	if !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false, nil
	}
	// Read one byte more than expected to notice a file that grew.
	buf := make([]byte, len(data)+1)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, err
	}
	return n == len(data) && bytes.Equal(buf[:n], data), nil
}
