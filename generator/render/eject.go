package render

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"rolesite/generator/diag"
)

// Eject writes every built-in template, partial and asset into dir, as a
// layouts folder to start from: a build with -layouts dir gives the same
// output as one without. It never overwrites: when any of the files is in
// dir already it writes none and names them. It returns the paths written.
func Eject(dir string) ([]string, error) {
	entries, err := fs.ReadDir(builtin, "templates")
	if err != nil {
		return nil, diag.Fail(err, diag.EjectFailed, dir)
	}
	var names, exist []string
	for _, e := range entries {
		names = append(names, e.Name())
		if _, err := os.Lstat(filepath.Join(dir, e.Name())); err == nil {
			exist = append(exist, e.Name())
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, diag.Fail(err, diag.EjectFailed, dir)
		}
	}
	if len(exist) > 0 {
		return nil, diag.Fail(nil, diag.EjectExists, dir, strings.Join(exist, ", "))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, diag.Fail(err, diag.EjectFailed, dir)
	}
	var written []string
	for _, name := range names {
		data, err := fs.ReadFile(builtin, "templates/"+name)
		if err == nil {
			err = writeNew(filepath.Join(dir, name), data)
		}
		if err != nil {
			return written, diag.Fail(err, diag.EjectFailed, dir)
		}
		written = append(written, filepath.Join(dir, name))
	}
	return written, nil
}

// writeNew writes data into the new file p; a file there is an error.
func writeNew(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(p)
		return fmt.Errorf("write %s: %w", p, err)
	}
	return f.Close()
}
