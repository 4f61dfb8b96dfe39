package render

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"rolesite/generator/diag"
	"rolesite/generator/render/i18n"
)

// Eject writes every built-in template, partial and asset into dir, and
// the built-in message catalogues into dir/i18n, as a
// layouts folder to start from: a build with -layouts dir gives the same
// output as one without. It never overwrites: when any of the files is in
// dir already it writes none and names them. It returns the paths written.
func Eject(dir string) ([]string, error) {
	entries, err := fs.ReadDir(builtin, "templates")
	if err != nil {
		return nil, diag.Fail(err, diag.EjectFailed, dir)
	}
	// The files by path in dir: the templates, and the message
	// catalogues in i18n/.
	files := map[string][]byte{}
	for _, e := range entries {
		data, err := fs.ReadFile(builtin, "templates/"+e.Name())
		if err != nil {
			return nil, diag.Fail(err, diag.EjectFailed, dir)
		}
		files[e.Name()] = data
	}
	catalogues, err := i18n.Builtin()
	if err != nil {
		return nil, diag.Fail(err, diag.EjectFailed, dir)
	}
	for name, data := range catalogues {
		files[filepath.Join(i18n.Dir, name)] = data
	}
	names := slices.Sorted(maps.Keys(files))
	var exist []string
	for _, name := range names {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			exist = append(exist, name)
		} else if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			return nil, diag.Fail(err, diag.EjectFailed, dir)
		}
	}
	if len(exist) > 0 {
		return nil, diag.Fail(nil, diag.EjectExists, dir, strings.Join(exist, ", "))
	}
	if err := os.MkdirAll(filepath.Join(dir, i18n.Dir), 0o755); err != nil {
		return nil, diag.Fail(err, diag.EjectFailed, dir)
	}
	var written []string
	for _, name := range names {
		if err := writeNew(filepath.Join(dir, name), files[name]); err != nil {
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
