package scaffold

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TitleFromSlug makes a role's title from its slug by this rule:
//
//   - Each word starts with a capital letter ("data-engineer" -> "Data
//     Engineer"); known abbreviations are written in capitals (IT, SEO, UX,
//     PHP, ...), and small words (und, and, of, ...) stay lowercase inside
//     a title ("head-of-sales" -> "Head of Sales").
//   - When the last word is a German job noun (Entwickler, Berater,
//     Architekt, Einkäufer, ...; also as the end of a longer word, and in
//     the female form), the title is a German compound and every hyphen of
//     the slug stays a hyphen ("backend-entwickler" -> "Backend-Entwickler",
//     "full-stack-entwickler" -> "Full-Stack-Entwickler"). Umlauts are
//     restored only in these nouns ("einkaeufer" -> "Einkäufer"), since
//     elsewhere "ae" may be just that.
//   - Otherwise words are joined by spaces, except that an abbreviation or
//     a single letter is joined to the next word with a hyphen, as German
//     writes it ("seo-manager" -> "SEO-Manager", "e-commerce-manager" ->
//     "E-Commerce Manager").
//
// The title is where an editor starts; the file says it may be changed.
func TitleFromSlug(slug string) string {
	words := strings.Split(slug, "-")
	last := len(words) - 1
	germanNoun, written := germanJobNoun(words[last])
	if germanNoun {
		words[last] = written
	}
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			switch {
			case germanNoun:
				b.WriteByte('-')
			case isAbbreviation(words[i-1]) || len(words[i-1]) == 1:
				b.WriteByte('-')
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(spellWord(w, i == 0))
	}
	return b.String()
}

// abbreviations are written in capitals in a title.
var abbreviations = map[string]bool{
	"ai": true, "api": true, "aws": true, "b2b": true, "b2c": true, "bi": true, "ceo": true, "cfo": true,
	"cio": true, "cmo": true, "coo": true, "crm": true, "cto": true, "erp": true, "hr": true, "it": true,
	"ki": true, "qa": true, "sap": true, "sea": true, "seo": true, "sql": true, "ui": true, "ux": true,
	"php": true, "cad": true, "pr": true,
}

// spellings are words with a spelling of their own.
var spellings = map[string]string{"3d": "3D", "devops": "DevOps", "ios": "iOS", "javascript": "JavaScript", "typescript": "TypeScript"}

// smallWords stay lowercase inside a title.
var smallWords = map[string]bool{"und": true, "and": true, "of": true, "for": true, "im": true, "in": true, "the": true, "der": true, "die": true, "das": true}

func isAbbreviation(w string) bool { return abbreviations[w] }

// spellWord writes one word of a title.
func spellWord(w string, first bool) string {
	switch {
	case abbreviations[w]:
		return strings.ToUpper(w)
	case spellings[w] != "":
		return spellings[w]
	case smallWords[w] && !first:
		return w
	}
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[size:]
}

// germanJobNouns are German job nouns as a slug spells them and as they
// are written, umlauts restored. No entry ends in another.
var germanJobNouns = []struct{ spelled, written string }{
	{"entwickler", "entwickler"}, {"berater", "berater"}, {"architekt", "architekt"}, {"einkaeufer", "einkäufer"},
	{"verkaeufer", "verkäufer"}, {"leiter", "leiter"}, {"ingenieur", "ingenieur"}, {"techniker", "techniker"},
	{"informatiker", "informatiker"}, {"spezialist", "spezialist"}, {"referent", "referent"}, {"assistent", "assistent"},
	{"sachbearbeiter", "sachbearbeiter"}, {"mitarbeiter", "mitarbeiter"}, {"gestalter", "gestalter"}, {"redakteur", "redakteur"},
	{"pruefer", "prüfer"}, {"planer", "planer"}, {"betreuer", "betreuer"}, {"kaufmann", "kaufmann"}, {"kauffrau", "kauffrau"},
	{"experte", "experte"}, {"fuehrungskraft", "führungskraft"},
}

// germanJobNoun reports whether the word w is or ends in a German job noun
// (or its female form in -in), and returns w written with its umlauts.
func germanJobNoun(w string) (bool, string) {
	for _, female := range []bool{false, true} {
		base := w
		if female {
			if !strings.HasSuffix(w, "in") {
				continue
			}
			base = strings.TrimSuffix(w, "in")
		}
		for _, n := range germanJobNouns {
			if strings.HasSuffix(base, n.spelled) {
				out := strings.TrimSuffix(base, n.spelled) + n.written
				if female {
					out += "in"
				}
				return true, out
			}
		}
	}
	return false, w
}
