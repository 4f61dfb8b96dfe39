package output

import (
	"errors"
	"fmt"
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
