package link

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// FuzzLink links arbitrary Markdown as the page of an arbitrary role and
// checks properties that hold for any input:
//   - it does not panic, and the HTML parses;
//   - the Linker creates at most one link per role, none to the page itself,
//     never a link inside a link, and the linked source spans do not overlap;
//   - linking changes no visible text: the text of the HTML, with the alt
//     text of images, equals that of the HTML rendered without the Linker,
//     white space aside;
//   - FindAll on the raw source returns ordered, non-overlapping matches on
//     rune boundaries.
func FuzzLink(f *testing.F) {
	seeds := []string{
		"Wir suchen einen Backend-Entwickler in München.",
		"Die Aufgaben des Backend-Entwicklers und der Backend-Entwicklerin.",
		"Unser Key Account\nManager arbeitet mit dem Account Manager.",
		"Java-Backend-Entwickler, Backend-Entwicklerkreis, Backend-Entwickler-Team",
		"Als Demandware / Salesforce Commerce Cloud Engineer (Demandware) im IT-EINKÄUFER-Team.",
		"Business Development &amp; Digital Sales und Business Development & Digital Sales",
		"# UX-Designer\n\n`UI-Designer` und *UX-Designer* und **Full Stack-Entwicklerinnen**",
		"```\nBackend-Entwickler\n```\n\n    Frontend-Entwickler\n\nIT-Security Officer",
		"Siehe [Frontend](frontend-entwickler.md#gehalt), [Alt](nicht-da.md) und [Tech](/tech-development/).",
		"[Klick](javascript:alert(1)) <javascript:alert(1)> ![Bild](data:text/html,x) [x](&#x20;JaVa&#9;ScRiPt:y)",
		"![Backend-Entwickler](bild.png) [Backend-Entwickler](https://example.com) <span>UX-Designer</span>",
		"- e-Commerce Projektmanager\n- Business Development Managers\n\n> Account Director \\* IT-Einkäufern",
		"Preis \\* Menge \\& mehr: Key  Account  \nManager, Key\u00a0Account Manager",
		"IT-Einka\u0308ufer, IT-EINKA\u0308UFERINNEN und IT-Einka\u0308\u0308ufer",
		"UX\u2011Designer, UX\u2010Designerin, UX\u00adDesigner, Key\u2011Account\u00a0Manager",
		"ACCOUNT DIRECTOR, Account Director\u0301, \u0301Account Director, Account Director\u0345",
		"Stra\u00dfe, STRASSE, \u03a3\u039f\u03a6\u039f\u03a3 \u03c3\u03bf\u03c6\u03bf\u03c2, \ufb03ce",
		"Steuer\u0001zeichen Account\u0085Manager UX-Designer\u007f \u202eUI-Designer\u202c",
	}
	for i, s := range seeds {
		f.Add(s, i%3-1)
	}
	tl := newTestLinker(f)
	plain := goldmark.New()
	resolve := func(dest string) (string, bool) {
		if url, ok := testResolve(dest); ok {
			return "/p" + url, true // not /r/: only links the Linker creates start with /r/
		}
		return "", false
	}
	f.Fuzz(func(t *testing.T, src string, self int) {
		self = (self%len(testRoles)+len(testRoles))%len(testRoles) - 1 // -1 .. roles-2
		source := []byte(src)
		// A link the source itself writes to /r/... (it does not resolve, so
		// it stays as written) is not told apart from the Linker's: then
		// only the checks that hold for every link apply.
		userR := false
		_ = ast.Walk(plain.Parser().Parse(text.NewReader(source)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if l, ok := n.(*ast.Link); ok && entering && strings.HasPrefix(string(util.URLEscape(l.Destination, true)), "/r/") {
				userR = true
			}
			return ast.WalkContinue, nil
		})
		pc := NewContext(Page{Self: self, Resolve: resolve})
		doc := tl.md.Parser().Parse(text.NewReader(source), parser.WithContext(pc))

		// Links created by the Linker.
		seen := map[string]bool{}
		lastEnd := -1
		err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			l, ok := n.(*ast.Link)
			if !ok || !entering {
				return ast.WalkContinue, nil
			}
			for p := l.Parent(); p != nil; p = p.Parent() {
				if _, nested := p.(*ast.Link); nested {
					t.Fatalf("link inside a link in %q", src)
				}
			}
			dest := string(l.Destination)
			if !strings.HasPrefix(dest, "/r/") || userR {
				return ast.WalkContinue, nil
			}
			if seen[dest] {
				t.Errorf("two links to %s in %q", dest, src)
			}
			seen[dest] = true
			if self >= 0 && dest == testURL(self) {
				t.Errorf("link to the page itself in %q", src)
			}
			if !foldsToName(tl.ix, linkText(l, source)) {
				t.Errorf("link to %s wraps %q, which is no name of a role in %q", dest, linkText(l, source), src)
			}
			start, end := textSpan(l)
			if start < lastEnd || end < start {
				t.Errorf("link spans overlap or run backwards (%d:%d after %d) in %q", start, end, lastEnd, src)
			}
			lastEnd = end
			return ast.WalkContinue, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(seen) > len(testRoles) {
			t.Errorf("%d links for %d roles", len(seen), len(testRoles))
		}
		if got := len(Result(pc).Mentions); got < len(seen) {
			t.Errorf("%d Mentions for %d links", got, len(seen))
		}

		var linked, unlinked bytes.Buffer
		if err := tl.md.Renderer().Render(&linked, source, doc); err != nil {
			t.Fatal(err)
		}
		if err := plain.Convert(source, &unlinked); err != nil {
			t.Fatal(err)
		}
		got, err := visibleText(linked.String())
		if err != nil {
			t.Fatalf("linked HTML does not parse: %v", err)
		}
		want, err := visibleText(unlinked.String())
		if err != nil {
			t.Fatalf("plain HTML does not parse: %v", err)
		}
		if got != want {
			t.Errorf("visible text changed for %q:\n got %q\nwant %q", src, got, want)
		}

		boundary := make([]bool, len(src)+1) // rune starts, invalid bytes counting one each
		for i := range src {
			boundary[i] = true
		}
		boundary[len(src)] = true
		end := 0
		for _, m := range tl.ix.FindAll(src) {
			if m.Start < end || m.End <= m.Start || m.End > len(src) || !boundary[m.Start] || !boundary[m.End] {
				t.Fatalf("bad match %+v after %d in %q", m, end, src)
			}
			end = m.End
		}
	})
}

// linkText returns the text that the text nodes inside n render, a line
// break as a space.
func linkText(n ast.Node, source []byte) string {
	var b []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b, _ = decodeText(b, t.Segment.Value(source))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b = append(b, ' ')
			}
		}
		return ast.WalkContinue, nil
	})
	return string(b)
}

// foldsToName reports whether text is a whole mention: FindAll finds
// exactly one match in it, covering all of it.
func foldsToName(ix *Index, text string) bool {
	ms := ix.FindAll(text)
	return len(ms) == 1 && ms[0].Start == 0 && ms[0].End == len(text)
}

// textSpan returns the source range of the text nodes inside n.
func textSpan(n ast.Node) (start, end int) {
	start, end = -1, -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			if start < 0 {
				start = t.Segment.Start
			}
			end = t.Segment.Stop
		}
		return ast.WalkContinue, nil
	})
	return start, end
}

// visibleText parses an HTML fragment and returns its text and the alt text
// of its images, without white space.
func visibleText(s string) (string, error) {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if n.Data == "img" {
				for _, a := range n.Attr {
					if a.Key == "alt" {
						b.WriteString(a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, b.String()), nil
}
