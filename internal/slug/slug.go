// Package slug turns names into the lowercase, hyphen-joined words of URL
// slugs and element ids. Both share one transliteration: German letters
// become two letters ("Über" -> "ueber", "Straße" -> "strasse"), other
// Latin letters lose their marks ("Café" -> "cafe"), compatibility forms
// become their plain letters (full-width "Ａ" -> "a", "ﬁ" -> "fi").
package slug

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Make returns the URL slug of s: lowercase ASCII letters and digits, each
// run of anything else one hyphen, none at either end. Letters of scripts
// other than Latin are dropped: "Über uns" -> "ueber-uns".
func Make(s string) string {
	return join(s, func(r rune) bool { return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' })
}

// ID returns an element id for s: like Make, but letters, digits and marks
// of every script are kept, so that a Greek or Cyrillic heading keeps its
// words ("Über uns" -> "ueber-uns", "Обзор работы" -> "обзор-работы").
// The result is empty when s has no letter or digit.
func ID(s string) string {
	return join(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) })
}

// twoLetters are the Latin letters whose plain form is not what Unicode
// decomposition gives (it gives "a" for "ä", nothing for "ß" or "ø").
var twoLetters = map[rune]string{
	'ä': "ae", 'ö': "oe", 'ü': "ue", 'ß': "ss",
	'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
}

// join transliterates s, lowercased, and writes the runes keep accepts,
// each run of other runes as one hyphen between them.
func join(s string, keep func(rune) bool) string {
	s = strings.ToLower(norm.NFKC.String(s))
	var b strings.Builder
	b.Grow(len(s))
	gap := false
	put := func(r rune) {
		var kept bool
		if r < utf8.RuneSelf {
			// Both forms keep the same ASCII: lowercase letters, digits.
			kept = 'a' <= r && r <= 'z' || '0' <= r && r <= '9'
		} else {
			// A mark belongs to the letter before it: alone it is dropped.
			kept = keep(r) && !(unicode.IsMark(r) && (gap || b.Len() == 0))
		}
		if !kept {
			gap = true
			return
		}
		if gap && b.Len() > 0 {
			b.WriteByte('-')
		}
		gap = false
		b.WriteRune(r)
	}
	// letter writes the plain form of r, a Latin letter other than ASCII.
	var letter func(r rune)
	letter = func(r rune) {
		if two := twoLetters[r]; two != "" {
			for _, t := range two {
				put(t)
			}
			return
		}
		d := norm.NFD.String(string(r))
		if d == string(r) {
			put(r)
			return
		}
		for _, c := range d { // the base letter and its marks
			if !unicode.Is(unicode.Mn, c) {
				letter(c)
			}
		}
	}
	latin := false // the last rune was a Latin letter
	for _, r := range s {
		wasLatin := latin
		latin = r < utf8.RuneSelf || unicode.Is(unicode.Latin, r)
		switch {
		case wasLatin && unicode.Is(unicode.Mn, r):
			// A mark no precomposed letter holds ("i" and the dot that
			// lowercasing "İ" leaves): dropped as marks of Latin
			// letters are.
			latin = true
		case r < utf8.RuneSelf:
			put(r)
		case latin:
			letter(r)
		default:
			put(r)
		}
	}
	return b.String()
}
