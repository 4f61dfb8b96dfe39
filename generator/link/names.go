// Package link is the build's link stage: it finds the mentions of roles
// in role bodies, links them, and renders every body.
//
// [Stage] is the stage as the build runs it: [Stage.Run] takes the
// assembled site and returns the [Linked] site (each body's HTML, the role
// graph, the islands), keeping between runs what it can reuse: the name
// index while no role's names change, each body while its key holds. It
// is built of three parts, used in this order:
//
//   - An [Index] of every role's names (title and synonyms), built once per
//     build by [NewIndex]. It reports a name claimed by two roles.
//   - A [Linker], a goldmark extension whose AST transformer links the first
//     mention of each other role on a page, rewrites links between role
//     files (foo.md) through [Page.Resolve], reports links that point to no
//     page and removes javascript:, vbscript: and data: links. The caller
//     passes the [Page] with [NewContext] and reads the [PageResult] with
//     [Result] after parsing.
//   - [BuildGraph] turns the related roles and the mentions of every page
//     into outgoing and incoming links per role.
//
// In those three parts, roles are plain ints, the index of the role in the
// caller's slice; they know nothing else about them.
package link

import (
	"sort"
	"strings"
	"unicode"

	"rolesite/generator/diag"
)

// Name is one name of a role: its title or a synonym.
type Name struct {
	// Text is the name as the editor wrote it.
	Text string
	// Role is the index of the role in the caller's slice of roles; names
	// with a negative Role are ignored.
	Role int
	// Pos is where the name is written, for diagnostics.
	Pos diag.Position
}

// Index finds mentions of role names in text. It is built once by NewIndex
// and is safe for concurrent use.
type Index struct {
	m     matcher
	roles int // highest role index + 1
}

// NewIndex builds the index over names. Names are compared in canonical
// caseless form (NFD with full case folding, so NFC and NFD spellings, ß and
// SS are equal; see appendSymbols) with runs of white space collapsed to one
// space, U+2010, U+2011 and U+00AD read as "-", and
// with leading and trailing space removed; an empty name is ignored, and a
// role that lists the same name twice keeps it once. A name that two roles
// claim is an error reported at both positions; the index then keeps it for
// the role that comes first in names.
func NewIndex(names []Name) (*Index, diag.List) {
	var diags diag.List
	first := make(map[string]int, len(names)) // folded key -> index into names
	var pats []pattern
	roles := 0
	for i, n := range names {
		if n.Role < 0 {
			continue
		}
		key := foldName(n.Text)
		if key == "" {
			continue
		}
		if j, ok := first[key]; ok {
			if other := names[j]; other.Role != n.Role {
				diags.Add(n.Pos, diag.NameClash, strings.TrimSpace(n.Text), other.Pos)
				diags.Add(other.Pos, diag.NameClash, strings.TrimSpace(other.Text), n.Pos)
			}
			continue
		}
		first[key] = i
		pats = append(pats, newPattern(key, n.Role))
		roles = max(roles, n.Role+1)
	}
	sort.Slice(pats, func(i, j int) bool { return pats[i].key < pats[j].key })
	return &Index{m: buildMatcher(pats), roles: roles}, diags
}

// NameKey returns the form under which a name is matched, "" for a name
// the index ignores: two names with the same key are one name.
func NameKey(name string) string { return foldName(name) }

// foldName returns the key under which a name is matched: white space runs
// collapsed to one space, ends trimmed, every segment in its symbols (see
// appendSymbols).
func foldName(s string) string {
	t := symbolTable()
	var syms []rune
	for i, f := range strings.FieldsFunc(s, isSpace) {
		if i > 0 {
			syms = append(syms, ' ')
		}
		for j := 0; j < len(f); {
			e := segmentEnd(f, j)
			syms = appendSymbols(syms, f[j:e], t)
			j = e
		}
	}
	return string(syms)
}

// isSpace reports whether r is white space; a space in a name matches any
// run of it.
func isSpace(r rune) bool {
	if r < 0x80 {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// isWord reports whether r is a letter, digit or combining mark: a mention
// must not continue into one. r < 0 stands for the start or end of the
// text and is no word character.
func isWord(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// isHyphen reports whether r joins words: a mention must not start right
// after one ("Java-Backend-Entwickler").
func isHyphen(r rune) bool {
	switch r {
	case '-', '\u00ad', '\u2010', '\u2011': // hyphen-minus, soft hyphen, hyphen, non-breaking hyphen
		return true
	}
	return false
}
