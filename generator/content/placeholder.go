package content

import (
	"bytes"
	"strings"

	"rolesite/generator/diag"
)

// Placeholder marks open the texts that a new role's file holds until an
// editor writes the real ones (build -new writes them): "[AUSFÜLLEN: ...]"
// on a German site, "[FILL IN: ...]" otherwise. A role that is not a draft
// must hold none of them, so that nothing unfinished is published.
const (
	PlaceholderGerman  = "[AUSFÜLLEN:"
	PlaceholderEnglish = "[FILL IN:"
)

// placeholderIndex returns the offset of the first placeholder mark in b,
// or -1.
func placeholderIndex(b []byte) int {
	first := -1
	for _, m := range []string{PlaceholderGerman, PlaceholderEnglish} {
		if i := bytes.Index(b, []byte(m)); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first
}

// placeholderCount counts the placeholder marks in b.
func placeholderCount(b []byte) int {
	return bytes.Count(b, []byte(PlaceholderGerman)) + bytes.Count(b, []byte(PlaceholderEnglish))
}

// checkPlaceholders reports a placeholder left in the description or the
// body of a role that is not a draft. A draft may hold them: it is built
// only with -drafts, for a preview.
func checkPlaceholders(r *Role, errs *diag.List) {
	if r.Draft {
		return
	}
	if i := placeholderIndex([]byte(r.Description)); i >= 0 {
		errs.Add(r.KeyPos("description"), diag.PlaceholderDescription, shorten(r.Description, 48), maxDescription)
	}
	off := placeholderIndex(r.Body)
	if off < 0 {
		return
	}
	text := r.Body[off:]
	if end := bytes.IndexAny(text, "]\n"); end >= 0 {
		text = text[:end+1]
	}
	var more diag.Text
	if n := placeholderCount(r.Body) - 1; n > 0 {
		more = diag.T(diag.PlaceholdersBelow, n)
	}
	errs.Add(diag.OffsetPosition(r.Path, r.Source, r.BodyOffset+off), diag.PlaceholderText, shorten(strings.TrimSpace(string(text)), 48), more)
}

// shorten cuts s to at most n characters, marking the cut with "...".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n])) + "..."
}
