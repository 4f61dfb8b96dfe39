package content

import (
	"testing"
	"unicode"
)

// refusedInBody is the rule for bodies, written apart
// from disallowedRune: control characters other than tab, line feed,
// carriage return and form feed, and the noncharacters.
func refusedInBody(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == '\f':
		return false
	case unicode.IsControl(r): // C0, DEL and C1
		return true
	}
	return 0xfdd0 <= r && r <= 0xfdef || r&0xfffe == 0xfffe
}

// firstRefusedInBody returns the offset of the first character of body
// that refusedInBody refuses, or -1.
func firstRefusedInBody(body []byte) int {
	for i, r := range string(body) {
		if refusedInBody(r) {
			return i
		}
	}
	return -1
}

func TestDisallowedInBody(t *testing.T) {
	tests := []struct {
		name string
		body string
		at   int // -1: allowed
	}{
		{"plain", "Wir suchen eine*n Backend-Entwickler*in.\n\tMit Tab.\r\n", -1},
		{"form feed", "a\fb", -1},
		{"umlauts and emoji", "Größe: 5 € 🚀", -1},
		{"NUL", "ab\x00c", 2},
		{"escape", "Größe\x1b[0m", 7},
		{"DEL", "x\x7f", 1},
		{"C1 control", "ä\u0085", 2},
		{"right-to-left override (not refused in a body)", "abc\u202edef", -1},
		{"noncharacter", "a\ufdd0", 1},
		{"noncharacter at plane end", "a\U0001fffe", 1},
		{"invalid UTF-8 is left to the UTF-8 check", "a\xffb", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at, msg := disallowedInBody([]byte(tt.body))
			if tt.at < 0 {
				if !msg.IsZero() {
					t.Fatalf("refused at %d: %v", at, msg)
				}
				return
			}
			if msg.IsZero() || at != tt.at {
				t.Fatalf("got %d %v, want a refusal at %d", at, msg, tt.at)
			}
		})
	}
}

// FuzzDisallowedInBody: disallowedInBody refuses what the rule refuses, at
// the same offset.
func FuzzDisallowedInBody(f *testing.F) {
	for _, s := range []string{"", "plain text", "a\x00", "ä\u0085", "\u202e", "\ufdd0\ufdef\ufffe", "a\xffb\xc3", "\r\f\t\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		at, msg := disallowedInBody(body)
		if msg.IsZero() {
			at = -1
		}
		if want := firstRefusedInBody(body); at != want {
			t.Fatalf("%q: refused at %d (%v), want %d", body, at, msg, want)
		}
	})
}
