package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// CheckDir refuses an output folder that a build must never write to: the
// file system root, the user's home folder or a folder holding it, one of the
// protected folders (the content and layouts folders), a folder that holds
// one of them, or a folder inside one of them. Paths are compared cleaned,
// absolute and with symbolic links resolved as far as they exist; out need
// not exist. Messages quote the paths as given, for example
//
//	refusing to write output to "..": it contains the content folder "content"
func CheckDir(out string, protected ...string) error {
	if out == "" {
		return errors.New("no output folder given")
	}
	o, err := resolve(out)
	if err != nil {
		return fmt.Errorf("check output folder %q: %w", out, err)
	}
	refuse := func(format string, args ...any) error {
		return fmt.Errorf("refusing to write output to %q: "+format, append([]any{out}, args...)...)
	}
	if filepath.Dir(o) == o {
		return refuse("it is the root folder")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		h, err := resolve(home)
		if err != nil {
			return fmt.Errorf("check home folder %q: %w", home, err)
		}
		switch {
		case o == h:
			return refuse("it is your home folder")
		case inside(h, o):
			return refuse("it contains your home folder %q", home)
		}
	}
	for _, p := range protected {
		if p == "" {
			continue
		}
		r, err := resolve(p)
		if err != nil {
			return fmt.Errorf("check folder %q: %w", p, err)
		}
		name := filepath.Base(r)
		if name == "." || name == string(filepath.Separator) {
			name = "protected"
		}
		switch {
		case o == r:
			return refuse("it is the %s folder %q", name, p)
		case inside(r, o):
			return refuse("it contains the %s folder %q", name, p)
		case inside(o, r):
			return refuse("it is inside the %s folder %q", name, p)
		}
	}
	return nil
}

// inside reports whether path p lies strictly inside folder dir; both are
// clean and absolute.
func inside(p, dir string) bool {
	if p == dir {
		return false
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}

// resolve returns p absolute and clean, with the symbolic links of its
// longest existing prefix resolved.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	cur, rest := abs, ""
	for {
		r, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}
