package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Permissions of what a session creates.
const (
	filePerm = 0o644
	dirPerm  = 0o755
)

// stage writes data into the file name in folder dir, a handle on the
// folder at slash path rel of the output folder, replacing a leftover of
// that name; it does not move the file into place (see Commit). With
// durable it syncs the file. It returns the file's modification time, which
// the move keeps.
func (d disk) stage(dir *os.Root, name, rel string, data []byte, durable bool) (int64, error) {
	if err := d.check("create", rel); err != nil {
		return 0, err
	}
	f, err := dir.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, filePerm)
	if err != nil {
		return 0, fmt.Errorf("create temporary file: %w", err)
	}
	mtime, err := d.fill(f, rel, data, durable)
	if err != nil {
		dir.Remove(name)
	}
	return mtime, err
}

// fill writes data into the new file f (at slash path rel), sets its
// permissions exactly, syncs it with durable, closes it and returns its
// modification time. The caller removes the file on an error.
func (d disk) fill(f *os.File, rel string, data []byte, durable bool) (int64, error) {
	fail := func(err error) (int64, error) {
		f.Close()
		return 0, err
	}
	if err := d.check("write", rel); err != nil {
		return fail(err)
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	st, err := f.Stat()
	if err != nil {
		return fail(err)
	}
	// The mode given at creation is reduced by the umask; set it exactly
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
