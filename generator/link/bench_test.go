package link

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// synthSite is a generated site: the names of n roles and one Markdown body
// per role of about 800 German-like words with about 20 mentions.
type synthSite struct {
	names  []Name
	bodies [][]byte
	bytes  int
}

var fillerWords = strings.Fields(`und die der das mit für im in auf bei von zu den dem des ein eine einen
	Team Kunden Projekte entwickelt verantwortlich Anforderungen Erfahrung Bereich Aufgaben Lösungen
	Unternehmen arbeitest gemeinsam neue moderne Systeme Qualität Prozesse Verantwortung Kommunikation
	Schnittstellen Datenbanken Betrieb Planung Umsetzung Kenntnisse sicher fließend Deutsch Englisch
	Weiterbildung Homeoffice Standort Gehalt Vertrag unbefristet flexibel Arbeitszeit Zusammenarbeit
	Abteilung Führung Strategie Markt Wachstum Digitalisierung Plattform Architektur Betreuung Analyse`)

var inflectionSamples = []string{"", "", "", "s", "in", "innen", "n"}

// newSynthSite generates a site of n roles, deterministically.
func newSynthSite(n int) *synthSite {
	rng := rand.New(rand.NewPCG(uint64(n), 42))
	s := &synthSite{}
	synonyms := func(r int) []string {
		return []string{
			fmt.Sprintf("Rolle-%05d Entwickler", r),
			fmt.Sprintf("Rolle-%05d Engineer", r),
			fmt.Sprintf("Fach%05d-Spezialist", r),
		}
	}
	for r := range n {
		for _, name := range synonyms(r) {
			s.names = append(s.names, Name{Text: name, Role: r})
		}
	}
	var b strings.Builder
	for range n {
		b.Reset()
		for w := 1; w <= 800; w++ {
			switch {
			case rng.IntN(40) == 0: // about 20 mentions in 800 words
				name := synonyms(rng.IntN(n))[rng.IntN(3)]
				if rng.IntN(4) == 0 {
					name = strings.Replace(name, " ", "\n", 1) // across a line break
				}
				b.WriteString(name + inflectionSamples[rng.IntN(len(inflectionSamples))])
			case rng.IntN(50) == 0:
				b.WriteString("*" + fillerWords[rng.IntN(len(fillerWords))] + "*")
			default:
				b.WriteString(fillerWords[rng.IntN(len(fillerWords))])
			}
			switch {
			case w%80 == 0:
				b.WriteString(".\n\n")
			case w%12 == 0:
				b.WriteString(",\n")
			default:
				b.WriteByte(' ')
			}
		}
		body := []byte(b.String())
		s.bodies = append(s.bodies, body)
		s.bytes += len(body)
	}
	return s
}

// report reports ns/byte of wall time and, where measured, cpu-ns/byte of
// CPU time for kind at n roles; at 10,000 roles it also reports their ratios
// to the figures at 1,000 roles from the same run.
func report(b *testing.B, perByte map[string]float64, kind string, n, bytes int, cpu time.Duration) {
	metrics := []struct {
		unit string
		ns   float64
	}{
		{"ns/byte", float64(b.Elapsed().Nanoseconds())},
		{"cpu-ns/byte", float64(cpu.Nanoseconds())},
	}
	for _, m := range metrics {
		if m.ns <= 0 {
			continue
		}
		v := m.ns / float64(b.N) / float64(bytes)
		b.ReportMetric(v, m.unit)
		perByte[fmt.Sprint(kind, m.unit, n)] = v
		if small := perByte[fmt.Sprint(kind, m.unit, 1000)]; n == 10000 && small > 0 {
			b.ReportMetric(v/small, strings.TrimSuffix(m.unit, "/byte")+"-ratio-to-1k")
		}
	}
}

// BenchmarkLink parses and links every page of synthetic sites of 1,000 and
// 10,000 roles and reports ns per byte of Markdown; FindAll runs the matcher
// alone over the same text. The cost per byte must not grow with the number
// of roles (linear in the text, not roles x text): the sub-benchmarks at
// 10,000 roles report ns-ratio-to-1k and cpu-ns-ratio-to-1k, their ns/byte
// over that at 1,000 roles, which should stay within 1.5. On a machine
// shared with other work, trust the CPU time more than the wall clock.
func BenchmarkLink(b *testing.B) {
	perByte := map[string]float64{}
	for _, n := range []int{1000, 10000} {
		site := newSynthSite(n)
		ix, diags := NewIndex(site.names)
		if len(diags) > 0 {
			b.Fatal(diags)
		}
		md := goldmark.New(goldmark.WithExtensions(NewLinker(ix, func(r int) string { return fmt.Sprintf("/r/%d/", r) })))
		b.Run(fmt.Sprintf("goldmark/roles=%d", n), func(b *testing.B) {
			b.SetBytes(int64(site.bytes))
			mentions := 0
			cpu := cpuTime()
			for b.Loop() {
				mentions = 0
				for self, body := range site.bodies {
					pc := NewContext(Page{Self: self})
					md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
					mentions += len(Result(pc).Mentions)
				}
			}
			report(b, perByte, "goldmark", n, site.bytes, cpuTime()-cpu)
			b.ReportMetric(float64(mentions)/float64(n), "links/page")
		})
		b.Run(fmt.Sprintf("FindAll/roles=%d", n), func(b *testing.B) {
			b.SetBytes(int64(site.bytes))
			texts := make([]string, len(site.bodies))
			for i, body := range site.bodies {
				texts[i] = string(body)
			}
			cpu := cpuTime()
			for b.Loop() {
				for _, t := range texts {
					ix.FindAll(t)
				}
			}
			report(b, perByte, "FindAll", n, site.bytes, cpuTime()-cpu)
		})
	}
}
