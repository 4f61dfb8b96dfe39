package content

import (
	"fmt"
	"unicode"
)

// disallowedRune returns why r may not appear in a text value of front
// matter or site.yaml, or "" when it may. Tab and newline are the only
// control characters allowed; noncharacters and the bidirectional
// embeddings, overrides and isolates are refused too: the first two make
// invalid HTML, the last reorders the text around it on the page and in
// search results (a title that reads differently than it is written).
func disallowedRune(r rune) string {
	switch {
	case r == '\t' || r == '\n':
		return ""
	case r < 0x20 || 0x7f <= r && r <= 0x9f:
		return fmt.Sprintf("control character U+%04X is not allowed", r)
	case 0xfdd0 <= r && r <= 0xfdef || r&0xfffe == 0xfffe:
		return fmt.Sprintf("noncharacter U+%04X is not allowed", r)
	case 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069:
		return fmt.Sprintf("bidirectional control U+%04X is not allowed; remove it, it reorders the text around it", r)
	}
	return ""
}

// checkText returns the problem of the first character of s that may not
// appear in a text value, or "".
func checkText(s string) string {
	for _, r := range s {
		if r < 0x20 || 0x7f <= r && r <= 0x9f || r >= 0x202a {
			if msg := disallowedRune(r); msg != "" {
				return msg
			}
		}
	}
	return ""
}

// hasLetterOrDigit reports whether s holds a letter or a digit: a name made
// of punctuation, symbols, emoji or invisible characters (U+200B, U+00AD)
// alone would match every such character on every page, or nothing a
// reader could see.
func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// disallowedInBody returns the byte offset and problem of the first
// character of a Markdown body that may not appear in a page, or "": the
// characters disallowedRune refuses, but for carriage return and form
// feed, which Markdown reads as line endings and white space.
func disallowedInBody(body []byte) (int, string) {
	for i, r := range string(body) {
		if r < 0x20 || 0x7f <= r && r <= 0x9f || r >= 0xfdd0 {
			if r == '\r' || r == '\f' {
				continue
			}
			if r >= 0xfdd0 && !(r <= 0xfdef || r&0xfffe == 0xfffe) {
				continue
			}
			if msg := disallowedRune(r); msg != "" {
				return i, msg
			}
		}
	}
	return 0, ""
}
