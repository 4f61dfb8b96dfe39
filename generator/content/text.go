package content

import (
	"unicode"
	"unicode/utf8"

	"rolesite/generator/diag"
)

// disallowedRune returns why r may not appear in a text value of front
// matter or site.yaml, or the zero Text when it may. Tab and newline are the only
// control characters allowed; noncharacters and the bidirectional
// embeddings, overrides and isolates are refused too: the first two make
// invalid HTML, the last reorders the text around it on the page and in
// search results (a title that reads differently than it is written).
func disallowedRune(r rune) diag.Text {
	switch {
	case r == '\t' || r == '\n':
		return diag.Text{}
	case r < 0x20 || 0x7f <= r && r <= 0x9f:
		return diag.T(diag.ControlCharacter, r)
	case 0xfdd0 <= r && r <= 0xfdef || r&0xfffe == 0xfffe:
		return diag.T(diag.Noncharacter, r)
	case 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069:
		return diag.T(diag.BidiControl, r)
	}
	return diag.Text{}
}

// checkText returns the problem of the first character of s that may not
// appear in a text value, or the zero Text.
func checkText(s string) diag.Text {
	for _, r := range s {
		if r < 0x20 || 0x7f <= r && r <= 0x9f || r >= 0x202a {
			if msg := disallowedRune(r); !msg.IsZero() {
				return msg
			}
		}
	}
	return diag.Text{}
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
// character of a Markdown body that may not appear in a page, or the zero
// Text: the characters disallowedRune refuses, but for carriage return and
// form feed, which Markdown reads as line endings and white space.
func disallowedInBody(body []byte) (int, diag.Text) {
	for i := 0; i < len(body); {
		r, w := rune(body[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRune(body[i:])
		} else if r >= 0x20 && r != 0x7f {
			i++ // printable ASCII, most of a body
			continue
		}
		at := i
		i += w
		if r < 0x20 || 0x7f <= r && r <= 0x9f || r >= 0xfdd0 {
			if r == '\r' || r == '\f' {
				continue
			}
			if r >= 0xfdd0 && !(r <= 0xfdef || r&0xfffe == 0xfffe) {
				continue
			}
			if msg := disallowedRune(r); !msg.IsZero() {
				return at, msg
			}
		}
	}
	return 0, diag.Text{}
}
