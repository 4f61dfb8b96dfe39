package link

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// A goldmark Text node points into the source, and the HTML renderer turns
// backslash escapes ("\&") and character references ("&amp;", "&#228;") into
// the characters they stand for. Mentions are matched on that rendered text,
// and nodes are split only between whole escapes, so the renderer turns each
// part of a split node into exactly its share of the text.

// needsDecode reports whether raw renders differently from its bytes.
func needsDecode(raw []byte) bool {
	return bytes.IndexAny(raw, "\\&\x00") >= 0
}

// decodeText appends the text that raw renders to dst, as goldmark's HTML
// writer does, and returns for every byte offset of the appended text (and
// its end) the offset in raw where it starts, or -1 inside the expansion of
// one character reference.
func decodeText(dst, raw []byte) ([]byte, []int32) {
	at := make([]int32, 0, len(raw)+1)
	emit := func(rawOff int, v []byte) {
		at = append(at, int32(rawOff))
		for range len(v) - 1 {
			at = append(at, -1)
		}
		dst = append(dst, v...)
	}
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\' && i+1 < len(raw) && util.IsPunct(raw[i+1]):
			emit(i, raw[i+1:i+2])
			i += 2
			continue
		case c == 0:
			emit(i, []byte("\uFFFD"))
			i++
			continue
		case c == '&':
			if v, n := charRef(raw[i:]); n > 0 {
				emit(i, v)
				i += n
				continue
			}
		}
		// A multi-byte rune is emitted byte by byte; mentions start and end
		// on rune boundaries anyway.
		emit(i, raw[i:i+1])
		i++
	}
	at = append(at, int32(len(raw)))
	return dst, at
}

// charRef decodes the character reference at the start of b ("&amp;",
// "&#228;", "&#xE4;") and returns its characters and length, or 0 when b
// does not start with one that goldmark's HTML writer resolves.
func charRef(b []byte) ([]byte, int) {
	if len(b) > 2 && b[1] == '#' {
		start, base, limit, digit := 2, 10, 8, util.IsNumeric
		if b[2] == 'x' || b[2] == 'X' {
			start, base, limit, digit = 3, 16, 7, util.IsHexDecimal
		}
		i, ok := util.ReadWhile(b, [2]int{start, len(b)}, digit)
		if !ok || i >= len(b) || b[i] != ';' || i-start >= limit {
			return nil, 0
		}
		v, _ := strconv.ParseUint(string(b[start:i]), base, 32)
		return utf8.AppendRune(nil, util.ToValidRune(rune(v))), i + 1
	}
	i, ok := util.ReadWhile(b, [2]int{1, len(b)}, util.IsAlphaNumeric)
	if !ok || i >= len(b) || b[i] != ';' {
		return nil, 0
	}
	if e, ok := util.LookUpHTML5EntityByName(string(b[1:i])); ok {
		return e.Characters, i + 1
	}
	return nil, 0
}

// decodeDest returns what a link destination means, decoded as goldmark's
// HTML renderer decodes it.
func decodeDest(dest []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest))))
}

// escapeDest is the inverse of decodeDest: it protects the backslashes and
// ampersands of a URL from being decoded by the renderer.
func escapeDest(url string) []byte {
	if !strings.ContainsAny(url, `\&`) {
		return []byte(url)
	}
	r := strings.NewReplacer(`\`, `\\`, `&`, `&amp;`)
	return []byte(r.Replace(url))
}
