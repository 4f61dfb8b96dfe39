package output

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// maxSegment is the longest file or folder name most file systems accept
// (NAME_MAX on Linux, in bytes).
const maxSegment = 255

// checkPath reports why p cannot be an output path, or nil when it can. A
// valid path is slash-separated, relative, clean, valid UTF-8, and names no
// bookkeeping file (no segment starts with ReservedPrefix).
func checkPath(p string) error {
	switch {
	case p == "":
		return errors.New("empty path")
	case !utf8.ValidString(p):
		return errors.New("not valid UTF-8")
	case strings.ContainsRune(p, 0):
		return errors.New("contains a NUL byte")
	case strings.ContainsRune(p, '\\'):
		return errors.New(`contains a backslash; use "/" between folders`)
	case strings.HasPrefix(p, "/"):
		return errors.New("absolute path; paths are relative to the output folder")
	}
	for seg := range strings.SplitSeq(p, "/") {
		switch {
		case seg == "":
			return errors.New(`empty segment ("//" or a trailing "/")`)
		case seg == "." || seg == "..":
			return fmt.Errorf("%q segment; paths must be clean", seg)
		case strings.HasPrefix(seg, ReservedPrefix):
			return fmt.Errorf("%q is reserved for rolesite's own files (%s*)", seg, ReservedPrefix)
		case len(seg) > maxSegment:
			return fmt.Errorf("segment longer than %d bytes", maxSegment)
		}
	}
	return nil
}

// checkFiles validates every path of files, rejects duplicates and a path
// that is both a file and a folder ("a" and "a/b"), and returns the index of
// files sorted by path. All problems are reported at once, in path order.
func checkFiles(files []File) ([]int, error) {
	order := make([]int, len(files))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return files[order[a]].Path < files[order[b]].Path })

	var errs []error
	paths := make(map[string]bool, len(files))
	for _, i := range order {
		p := files[i].Path
		if err := checkPath(p); err != nil {
			errs = append(errs, fmt.Errorf("invalid output path %q: %w", p, err))
			continue
		}
		if paths[p] {
			errs = append(errs, fmt.Errorf("invalid output path %q: listed twice", p))
			continue
		}
		paths[p] = true
	}
	for p := range paths {
		for d := parentDir(p); d != ""; d = parentDir(d) {
			if paths[d] {
				errs = append(errs, fmt.Errorf("invalid output path %q: %q is also an output file, so it cannot be a folder", p, d))
				break
			}
		}
	}
	if len(errs) > 0 {
		sort.Slice(errs, func(a, b int) bool { return errs[a].Error() < errs[b].Error() })
		return nil, joinCapped(errs)
	}
	return order, nil
}

// parentDir returns the folder of slash path p, "" for the output folder.
func parentDir(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ""
	}
	return p[:i]
}

// maxErrors caps how many problems one error lists.
const maxErrors = 20

// joinCapped joins errs like errors.Join, listing at most maxErrors of them.
func joinCapped(errs []error) error {
	if len(errs) > maxErrors {
		more := len(errs) - maxErrors
		errs = append(errs[:maxErrors:maxErrors], fmt.Errorf("... and %d more", more))
	}
	return errors.Join(errs...)
}
