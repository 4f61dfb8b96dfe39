package link

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// naiveFindAll is a slow, obviously correct FindAll: at each position from
// left to right it tries every name, keeps the longest valid mention and
// continues after it. It shares only foldName, isSpace, isWord and isHyphen
// with the automaton, and folds the text with golang.org/x/text itself.
func naiveFindAll(names []Name, text string) []Match {
	type name struct {
		key  []rune
		role int
	}
	var ns []name
	seen := map[string]bool{}
	for _, n := range names {
		k := foldName(n.Text)
		if n.Role < 0 || k == "" || seen[k] {
			continue
		}
		seen[k] = true
		ns = append(ns, name{[]rune(k), n.Role})
	}
	// symbols of text: the canonical caseless form of each normalisation
	// segment, computed with golang.org/x/text directly; white space runs as
	// one ' '. Only a segment's first symbol may start a name (start >= 0)
	// and only its last may end one (end >= 0).
	type sym struct {
		r          rune
		start, end int
	}
	var syms []sym
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		if isSpace(r) {
			if len(syms) > 0 && syms[len(syms)-1].r == ' ' && syms[len(syms)-1].end == i {
				syms[len(syms)-1].end = i + w
			} else {
				syms = append(syms, sym{' ', i, i + w})
			}
			i += w
			continue
		}
		j := i + w
		for j < len(text) {
			c, cw := utf8.DecodeRuneInString(text[j:])
			if isSpace(c) || norm.NFD.PropertiesString(text[j:]).CCC() == 0 && norm.NFD.PropertiesString(text[j:]).BoundaryBefore() {
				break
			}
			j += cw
		}
		seg := text[i:j]
		var folded []rune
		if r == utf8.RuneError && w == 1 {
			folded = []rune{utf8.RuneError}
		} else {
			folded = []rune(norm.NFD.String(cases.Fold().String(norm.NFD.String(seg))))
		}
		starts := norm.NFD.PropertiesString(seg).BoundaryBefore()
		for k, c := range folded {
			if c == '\u2010' || c == '\u2011' || c == '\u00ad' {
				c = '-'
			}
			s := sym{c, -1, -1}
			if k == 0 && starts {
				s.start = i
			}
			if k == len(folded)-1 {
				s.end = j
			}
			syms = append(syms, s)
		}
		i = j
	}
	runeAt := func(i int) rune {
		if i >= len(text) {
			return -1
		}
		r, _ := utf8.DecodeRuneInString(text[i:])
		return r
	}
	runeBefore := func(i int) rune {
		if i == 0 {
			return -1
		}
		r, _ := utf8.DecodeLastRuneInString(text[:i])
		return r
	}
	var out []Match
	lastEnd := 0
	for i := range syms {
		if syms[i].start < lastEnd { // also inside a segment
			continue
		}
		best, bestLen := Match{End: -1}, 0
		for _, n := range ns {
			if i+len(n.key) > len(syms) {
				continue
			}
			ok := true
			for k, r := range n.key {
				if syms[i+k].r != r {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if isWord(n.key[0]) && (isWord(runeBefore(syms[i].start)) || isHyphen(runeBefore(syms[i].start))) {
				continue
			}
			end := syms[i+len(n.key)-1].end
			if end < 0 {
				continue
			}
			last := n.key[len(n.key)-1]
			if isWord(last) && isWord(runeAt(end)) {
				e := -1
				if base := strings.TrimRightFunc(string(n.key), unicode.IsMark); base != "" && unicode.IsLetter([]rune(base)[len([]rune(base))-1]) {
					for _, suf := range []string{"innen", "in", "en", "es", "n", "s"} {
						if len(text) >= end+len(suf) && strings.EqualFold(text[end:end+len(suf)], suf) && !isWord(runeAt(end+len(suf))) {
							e = end + len(suf)
							break
						}
					}
				}
				if e < 0 {
					continue
				}
				end = e
			}
			if end > best.End || end == best.End && len(n.key) > bestLen {
				best, bestLen = Match{syms[i].start, end, n.role}, len(n.key)
			}
		}
		if best.End >= 0 {
			out = append(out, best)
			lastEnd = best.End
		}
	}
	return out
}

// TestFindAllAgainstNaive compares the automaton with naiveFindAll on the
// synthetic site, whose nodes have more children than the linear scan of
// the automaton handles.
func TestFindAllAgainstNaive(t *testing.T) {
	site := newSynthSite(300)
	ix, diags := NewIndex(site.names)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	total := 0
	for i, body := range site.bodies[:10] {
		got, want := ix.FindAll(string(body)), naiveFindAll(site.names, string(body))
		if !slices.Equal(got, want) {
			t.Fatalf("body %d: FindAll = %v\nnaive = %v", i, got, want)
		}
		total += len(got)
	}
	if total < 150 {
		t.Errorf("only %d mentions in 10 bodies, want about 200", total)
	}
	for r := range 300 {
		text := fmt.Sprintf("Als ROLLE-%05d\tENTWICKLERIN.", r)
		if got := ix.FindAll(text); len(got) != 1 || got[0].Role != r {
			t.Errorf("FindAll(%q) = %v", text, got)
		}
	}
}

// FuzzFindAll compares the automaton with naiveFindAll on arbitrary names
// (one per line, each its own role) and text.
func FuzzFindAll(f *testing.F) {
	f.Add("Account Manager\nKey Account Manager\nAccount", "Der Key Account Managerin und Account Managers")
	f.Add("a\na a\na a a\nb", "a a a a b a")
	f.Add("IT-Einkäufer\nEinkäufer\nIT", "IT-EINKÄUFERINNEN, Einkäufer-IT")
	f.Add("Engineer (Demandware)\n(Demandware)\nEngineer", "Engineer (Demandware)s (Demandware)")
	f.Add("ab\nb c\nabc", "ab  c abc abcs")
	f.Add("Einkäufer\nStraßenbauer\nKey-Account-Manager", "Einka\u0308ufer STRASSENBAUER Key\u2011Account\u00adManager")
	f.Add("Einka\u0308ufer\nSTRASSE\nΣΟΦΟΣ", "EINKÄUFERN Straße σοφος ᾳ α\u0345\u0301 q\u0307\u0323")
	f.Add("Stras\nﬃ\nİ", "Straße ffi i\u0307 \U00010428 Ⅻ \u0001\u0085\uffff")
	f.Fuzz(func(t *testing.T, names, text string) {
		var ns []Name
		for i, n := range strings.Split(names, "\n") {
			if i == 50 {
				break
			}
			ns = append(ns, Name{Text: n, Role: i})
		}
		ix, _ := NewIndex(ns)
		got, want := ix.FindAll(text), naiveFindAll(ns, text)
		if !slices.Equal(got, want) {
			t.Fatalf("names %q text %q:\nFindAll = %v\nnaive   = %v", names, text, got, want)
		}
	})
}
