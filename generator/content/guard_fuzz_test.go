package content

import (
	"bytes"
	"strings"
	"testing"
)

// tinyBodyLimits make the guard refuse small inputs, so that the fuzzer
// reaches every refusal.
var tinyBodyLimits = bodyLimits{nesting: 3, destinations: 40, delimiters: 6, brackets: 30, definitions: 6}

// FuzzCheckBody checks that the guard never panics and that a refusal
// points at the construct its message names.
func FuzzCheckBody(f *testing.F) {
	for _, seed := range []string{
		"[a]([a]([a]([a]([a]([a](", "[a](<[a](<[a](<[a](<", "*a_*a_*a_*a_*a_", "_a*_a*_a*_a*",
		"[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]", ">>>>>a", "- + - + a", "      - a",
		"[a]: /u\n[b]: /u\n[c]: /u\n[d]: /u", "**a__**a__**a__", "\\[a](\\*a_", "ä*ö_ü*",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, limits := range []bodyLimits{tinyBodyLimits, defaultBodyLimits} {
			p := checkBody(body, limits)
			if p == nil {
				continue
			}
			if p.offset < 0 || p.offset >= len(body) {
				t.Fatalf("offset %d outside the body of %d bytes: %s", p.offset, len(body), p.message.String())
			}
			lineStart := p.offset == 0 || body[p.offset-1] == '\n'
			switch {
			case strings.HasPrefix(p.message.String(), "link destination"):
				if !bytes.HasPrefix(body[p.offset:], []byte("](")) && !lineStart {
					t.Fatalf("offset %d is not at \"](\" nor a line start: %q", p.offset, body[p.offset:])
				}
			case strings.HasPrefix(p.message.String(), "emphasis"):
				if c := body[p.offset]; c != '*' && c != '_' && c != '~' && !lineStart {
					t.Fatalf("offset %d is at %q, not a delimiter nor a line start", p.offset, c)
				}
			case strings.HasPrefix(p.message.String(), "brackets"):
				if body[p.offset] != '[' && !lineStart {
					t.Fatalf("offset %d is at %q, not [ nor a line start", p.offset, body[p.offset])
				}
			case strings.HasPrefix(p.message.String(), "blockquotes"), strings.HasPrefix(p.message.String(), "link reference"):
				if !lineStart {
					t.Fatalf("offset %d is not a line start: %s", p.offset, p.message.String())
				}
			default:
				t.Fatalf("unknown message %q", p.message.String())
			}
		}
	})
}
