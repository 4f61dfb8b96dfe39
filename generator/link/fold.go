package link

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Names and texts are compared as sequences of symbols: the canonical
// caseless form of Unicode (D145: NFD, full case folding, NFD again), so that
// "Einkäufer" written precomposed (NFC) or decomposed (NFD, as macOS writes
// it) is one name, "STRASSENBAUER" is "Straßenbauer" and "ΣΟΦΟΣ" is "σοφος".
// The hyphen-like characters U+2010, U+2011 and U+00AD read as "-".
//
// Text is read one segment at a time: a character that starts a
// normalisation segment and the combining marks that follow it. A segment
// may give several symbols ("ß" gives "ss", "a" + U+0308 gives both), so a
// mention can only start at the first symbol of a segment and end at its
// last: its byte range is always whole characters of the original text.

// foldTable holds the symbols of every character of the Basic Multilingual
// Plane, computed once with golang.org/x/text and read-only after that.
type foldTable struct {
	// one is the single symbol of a character, or -1-i when its symbols are
	// many[i].
	one  []rune
	many [][]rune
}

// symbolTable returns the table, building it on first use.
var symbolTable = sync.OnceValue(func() *foldTable {
	t := &foldTable{one: make([]rune, 0x10000)}
	caser := cases.Fold()
	var b []byte
	for r := rune(0); r < 0x10000; r++ {
		if r < utf8.RuneSelf || 0xD800 <= r && r <= 0xDFFF {
			t.one[r] = asciiSymbol(r)
			continue
		}
		b = utf8.AppendRune(b[:0], r)
		syms := []rune(mapHyphens(norm.NFD.String(caser.String(norm.NFD.String(string(b))))))
		if len(syms) == 1 {
			t.one[r] = syms[0]
			continue
		}
		t.one[r] = rune(-1 - len(t.many))
		t.many = append(t.many, syms)
	}
	return t
})

// asciiSymbol is the symbol of an ASCII character: letters in lower case.
func asciiSymbol(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// hyphenLike maps the characters that read as a hyphen to "-".
var hyphenLike = strings.NewReplacer("\u2010", "-", "\u2011", "-", "\u00ad", "-")

func mapHyphens(s string) string {
	if !strings.ContainsAny(s, "\u2010\u2011\u00ad") {
		return s
	}
	return hyphenLike.Replace(s)
}

// segmentEnd returns the end of the segment that starts at byte i of text:
// after the character at i and every combining mark that follows it.
func segmentEnd(text string, i int) int {
	_, w := utf8.DecodeRuneInString(text[i:])
	j := i + w
	for j < len(text) && text[j] >= utf8.RuneSelf && !norm.NFD.PropertiesString(text[j:]).BoundaryBefore() {
		_, w := utf8.DecodeRuneInString(text[j:])
		j += w
	}
	return j
}

// startsSegment reports whether a segment can start at byte i of text: the
// character there is no combining mark that belongs to the one before.
func startsSegment(text string, i int) bool {
	return text[i] < utf8.RuneSelf || norm.NFD.PropertiesString(text[i:]).BoundaryBefore()
}

// appendSymbols appends the symbols of the segment seg to dst.
func appendSymbols(dst []rune, seg string, t *foldTable) []rune {
	r, w := utf8.DecodeRuneInString(seg)
	if w == len(seg) || strings.ContainsRune(seg, '\u0345') {
		if w == len(seg) && r < 0x10000 {
			if s := t.one[r]; s >= 0 {
				return append(dst, s)
			}
			return append(dst, t.many[-1-t.one[r]]...)
		}
		// Beyond the table, or the one combining mark that folds to a
		// letter (U+0345 to ι), which the order of the marks decides.
		return append(dst, []rune(mapHyphens(norm.NFD.String(cases.Fold().String(norm.NFD.String(seg)))))...)
	}
	// Several characters: the symbols of each, then the combining marks of
	// each run put into canonical order.
	from := len(dst)
	for _, c := range seg {
		dst = appendSymbols(dst, string(c), t)
	}
	canonicalOrder(dst[from:])
	return dst
}

// canonicalOrder sorts each run of combining marks of syms by combining
// class, keeping the order of marks of equal class (Unicode canonical
// ordering).
func canonicalOrder(syms []rune) {
	var b [utf8.UTFMax]byte
	class := func(r rune) uint8 {
		n := utf8.EncodeRune(b[:], r)
		return norm.NFD.Properties(b[:n]).CCC()
	}
	for i := 1; i < len(syms); i++ {
		v := syms[i]
		c := class(v)
		if c == 0 {
			continue
		}
		j := i
		for j > 0 && class(syms[j-1]) > c {
			syms[j] = syms[j-1]
			j--
		}
		syms[j] = v
	}
}
