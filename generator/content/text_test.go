package content

import (
	"testing"

	"rolesite/generator/diag"
)

// disallowedInBodyByRunes is disallowedInBody as it was written before
// its ASCII fast path: every character of the body, decoded one by one.
func disallowedInBodyByRunes(body []byte) (int, diag.Text) {
	for i, r := range string(body) {
		if r < 0x20 || 0x7f <= r && r <= 0x9f || r >= 0xfdd0 {
			if r == '\r' || r == '\f' {
				continue
			}
			if r >= 0xfdd0 && !(r <= 0xfdef || r&0xfffe == 0xfffe) {
				continue
			}
			if msg := disallowedRune(r); !msg.IsZero() {
				return i, msg
			}
		}
	}
	return 0, diag.Text{}
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

// FuzzDisallowedInBody: the byte loop of disallowedInBody finds what the
// character-by-character rule finds, at the same offset.
func FuzzDisallowedInBody(f *testing.F) {
	for _, s := range []string{"", "plain text", "a\x00", "ä\u0085", "\u202e", "\ufdd0\ufdef\ufffe", "a\xffb\xc3", "\r\f\t\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		at, msg := disallowedInBody(body)
		wantAt, want := disallowedInBodyByRunes(body)
		if at != wantAt || msg.IsZero() != want.IsZero() {
			t.Fatalf("%q: got %d %v, want %d %v", body, at, msg, wantAt, want)
		}
	})
}
