package serve

import (
	_ "embed"
)

// reloadScript opens the event stream, reloads the page when a rebuild names
// its path (or every path), and shows the build error while a build fails.
//
//go:embed reload.js
var reloadScript string

// ScriptTag is what Inject puts into HTML pages.
const ScriptTag = `<script src="` + ScriptPath + `"></script>`

// Inject returns a copy of html with ScriptTag before its last </body> tag
// (in any letter case), or at its end when it has none. It is applied to
// responses only, never to the files on disk.
func Inject(html []byte) []byte {
	i := bodyEnd(html)
	if i < 0 {
		i = len(html)
	}
	out := make([]byte, 0, len(html)+len(ScriptTag))
	out = append(out, html[:i]...)
	out = append(out, ScriptTag...)
	return append(out, html[i:]...)
}

// bodyEnd returns the index of the last "</body" end tag in b, matched
// without regard to ASCII case and followed by '>', '/', white space or the
// end, or -1. It never changes case in place: lower-casing other UTF-8 text
// could change its length and so the index.
func bodyEnd(b []byte) int {
	const tag = "</body"
	for i := len(b) - len(tag); i >= 0; i-- {
		if b[i] != '<' || !equalFoldASCII(b[i:i+len(tag)], tag) {
			continue
		}
		j := i + len(tag)
		if j == len(b) {
			return i
		}
		switch b[j] {
		case '>', '/', ' ', '\t', '\n', '\r', '\f':
			return i
		}
	}
	return -1
}

// equalFoldASCII reports whether b equals the lower-case ASCII string s,
// ignoring the case of ASCII letters in b.
func equalFoldASCII(b []byte, s string) bool {
	for i := range len(s) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}
