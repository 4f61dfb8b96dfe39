package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"rolesite/generator/diag"
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
		return diag.Fail(nil, diag.NoOutputFolder)
	}
	o, err := resolve(out)
	if err != nil {
		return diag.Fail(err, diag.CheckOutFolder, out)
	}
	refuse := func(reason diag.Message, args ...any) error {
		return diag.Fail(nil, diag.RefuseOutput, out, diag.T(reason, args...))
	}
	if filepath.Dir(o) == o {
		return refuse(diag.OutIsRoot)
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		h, err := resolve(home)
		if err != nil {
			return diag.Fail(err, diag.CheckFolder, home)
		}
		switch {
		case o == h:
			return refuse(diag.OutIsHome)
		case inside(h, o):
			return refuse(diag.OutHoldsHome, home)
		}
	}
	for _, p := range protected {
		if p == "" {
			continue
		}
		r, err := resolve(p)
		if err != nil {
			return diag.Fail(err, diag.CheckFolder, p)
		}
		name := filepath.Base(r)
		if name == "." || name == string(filepath.Separator) {
			name = "protected"
		}
		switch {
		case o == r:
			return refuse(diag.OutIsProtected, name, p)
		case inside(r, o):
			return refuse(diag.OutHoldsProtect, name, p)
		case inside(o, r):
			return refuse(diag.OutInProtected, name, p)
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

// Placement tells where a path lies against a folder: see Place.
type Placement int

const (
	// Elsewhere: the path is neither the folder nor inside it.
	Elsewhere Placement = iota
	// Same: the path is the folder itself.
	Same
	// Inside: the path lies inside the folder, at any depth.
	Inside
)

// Place tells whether path p is folder dir, lies inside it, or neither.
// Neither need exist. Both are made absolute and clean, and the symbolic
// links of the longest part of each that exists are resolved, so a link
// that points into dir counts as inside it. The parts that exist are
// compared by file identity (os.SameFile), which agrees with the file
// system on case-insensitive and bind-mounted folders alike; the parts
// that do not exist yet are compared ignoring case, because only the file
// system they will be created on decides whether "Public" and "public" are
// one folder, and guessing "two" could let a file land in dir.
func Place(p, dir string) (Placement, error) {
	pa, err := resolve(p)
	if err != nil {
		return Elsewhere, err
	}
	da, err := resolve(dir)
	if err != nil {
		return Elsewhere, err
	}
	_, dInfo, dTail, err := existingPrefix(da)
	if err != nil {
		return Elsewhere, err
	}
	pBase, _, pTail, err := existingPrefix(pa)
	if err != nil {
		return Elsewhere, err
	}
	// Walk up from the deepest existing ancestor of p; at each step the
	// names below it are the rest of p. p is dir, or inside it, when some
	// ancestor is dir's existing part and the names below continue with
	// dir's missing part.
	cur, below := pBase, pTail
	for {
		info, err := os.Stat(cur)
		if err != nil {
			return Elsewhere, err
		}
		if os.SameFile(info, dInfo) && len(below) >= len(dTail) && foldEqual(below[:len(dTail)], dTail) {
			if len(below) == len(dTail) {
				return Same, nil
			}
			return Inside, nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return Elsewhere, nil
		}
		below = append([]string{filepath.Base(cur)}, below...)
		cur = parent
	}
}

// existingPrefix splits the absolute, clean path p into its longest
// existing prefix (with that prefix's file info) and the names below it.
func existingPrefix(p string) (base string, info os.FileInfo, tail []string, err error) {
	cur := p
	for {
		info, err := os.Stat(cur)
		if err == nil {
			return cur, info, tail, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", nil, nil, err
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return "", nil, nil, err
		}
		tail = append([]string{filepath.Base(cur)}, tail...)
		cur = parent
	}
}

// foldEqual reports whether two lists of names are equal ignoring case.
func foldEqual(a, b []string) bool {
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return len(a) == len(b)
}
