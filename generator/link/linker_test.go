package link

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/parser"

	"rolesite/generator/diag"
)

// a is the HTML of a link to the test role slug.
func a(slug, text string) string { return `<a href="/r/` + slug + `/">` + text + `</a>` }

// p is the HTML of one paragraph.
func p(inner string) string { return "<p>" + inner + "</p>\n" }

var roleHref = regexp.MustCompile(`href="/r/([a-z-]+)/[^"]*"`)

func TestLinker(t *testing.T) {
	tests := []struct {
		name     string
		self     string // slug of the page's role, "" for none
		src      string
		want     string    // HTML; the expected Mentions are the /r/ links in it, in order
		problems []BadLink // nil: none
	}{
		// plain mentions and inflections
		{"title", "", "Wir suchen einen Backend-Entwickler in München.",
			p("Wir suchen einen " + a("backend-entwickler", "Backend-Entwickler") + " in München."), nil},
		{"genitive -s", "", "Die Aufgaben des Backend-Entwicklers sind vielfältig.",
			p("Die Aufgaben des " + a("backend-entwickler", "Backend-Entwicklers") + " sind vielfältig."), nil},
		{"feminine -in", "", "Als Backend-Entwicklerin arbeitest du im Team.",
			p("Als " + a("backend-entwickler", "Backend-Entwicklerin") + " arbeitest du im Team."), nil},
		{"plural -innen, second mention plain", "", "Wir suchen Backend-Entwicklerinnen und Backend-Entwickler.",
			p("Wir suchen " + a("backend-entwickler", "Backend-Entwicklerinnen") + " und Backend-Entwickler."), nil},
		{"dative plural -n", "", "Gespräche mit Account Managern und Kunden.",
			p("Gespräche mit " + a("account-manager", "Account Managern") + " und Kunden."), nil},
		{"umlaut name with -n", "", "Frag die IT-Einkäufern bekannten Händler.",
			p("Frag die " + a("it-einkaeufer", "IT-Einkäufern") + " bekannten Händler."), nil},
		{"-e is no inflection", "", "Der Backend-Entwicklere ist ein Tippfehler.",
			p("Der Backend-Entwicklere ist ein Tippfehler."), nil},
		{"compound is no mention", "", "Der Backend-Entwicklerkreis trifft sich montags.",
			p("Der Backend-Entwicklerkreis trifft sich montags."), nil},
		{"hyphen after is fine", "", "Das Backend-Entwickler-Team wächst.",
			p("Das " + a("backend-entwickler", "Backend-Entwickler") + "-Team wächst."), nil},
		{"hyphen before is a compound", "", "Wir suchen Java-Backend-Entwickler.",
			p("Wir suchen Java-Backend-Entwickler."), nil},
		{"feminine plural of two-word name", "", "Full Stack-Entwicklerinnen gesucht, keine Full-Stack-Entwickler.",
			p(a("full-stack-entwickler", "Full Stack-Entwicklerinnen") + " gesucht, keine Full-Stack-Entwickler."), nil},
		{"lower-case start of name", "", "Als E-Commerce Projektmanagerin steuerst du den Shop.",
			p("Als " + a("e-commerce-projektmanager", "E-Commerce Projektmanagerin") + " steuerst du den Shop."), nil},

		// overlapping names
		{"longest wins", "", "Unser Key Account Manager betreut Großkunden.",
			p("Unser " + a("key-account-manager", "Key Account Manager") + " betreut Großkunden."), nil},
		{"longest wins with inflection", "", "Die Key Account Managerin berichtet an den Account Director.",
			p("Die " + a("key-account-manager", "Key Account Managerin") + " berichtet an den " + a("account-director", "Account Director") + "."), nil},
		{"both overlapping names", "", "Der Account Manager arbeitet eng mit dem Key Account Manager zusammen.",
			p("Der " + a("account-manager", "Account Manager") + " arbeitet eng mit dem " + a("key-account-manager", "Key Account Manager") + " zusammen."), nil},
		{"shared prefix", "", "Die Business Development Managers treffen sich.",
			p("Die " + a("business-development-manager", "Business Development Managers") + " treffen sich."), nil},

		// punctuation in names
		{"hyphen and space", "", "Ein IT-Security Officer prüft die Systeme.",
			p("Ein " + a("it-security-officer", "IT-Security Officer") + " prüft die Systeme."), nil},
		{"slash synonym", "", "Als Demandware / Salesforce Commerce Cloud Engineer entwickelst du Shops.",
			p("Als " + a("sfcc-engineer", "Demandware / Salesforce Commerce Cloud Engineer") + " entwickelst du Shops."), nil},
		{"name ending in parenthesis", "", "Gesucht: Salesforce Commerce Cloud Engineer (Demandware) in Hamburg.",
			p("Gesucht: " + a("sfcc-engineer", "Salesforce Commerce Cloud Engineer (Demandware)") + " in Hamburg."), nil},
		{"parenthesis directly followed by text", "", "Der Salesforce Commerce Cloud Engineer (Demandware)s.",
			p("Der " + a("sfcc-engineer", "Salesforce Commerce Cloud Engineer (Demandware)") + "s."), nil},
		{"shorter synonym", "", "Der Salesforce Commerce Cloud Engineer betreut den Shop.",
			p("Der " + a("sfcc-engineer", "Salesforce Commerce Cloud Engineer") + " betreut den Shop."), nil},
		{"ampersand", "", "Das Team Business Development & Digital Sales wächst.",
			p("Das Team " + a("business-development-digital-sales", "Business Development &amp; Digital Sales") + " wächst."), nil},
		{"ampersand as entity", "", "Das Team Business Development &amp; Digital Sales wächst.",
			p("Das Team " + a("business-development-digital-sales", "Business Development &amp; Digital Sales") + " wächst."), nil},
		{"escapes before the mention", "", `Preis \* Menge \& mehr für den UX-Designer.`,
			p("Preis * Menge &amp; mehr für den " + a("ux-designer", "UX-Designer") + "."), nil},
		{"in parentheses and quotes", "", "(UX-Designer) und „UI-Designer“",
			p("(" + a("ux-designer", "UX-Designer") + ") und „" + a("ui-designer", "UI-Designer") + "“"), nil},

		// case
		{"upper case", "", "Wir suchen einen BACKEND-ENTWICKLER.",
			p("Wir suchen einen " + a("backend-entwickler", "BACKEND-ENTWICKLER") + "."), nil},
		{"upper-case umlaut", "", "Das Team der IT-EINKÄUFER wächst.",
			p("Das Team der " + a("it-einkaeufer", "IT-EINKÄUFER") + " wächst."), nil},
		{"lower case with umlaut", "", "jede it-einkäuferin zählt.",
			p("jede " + a("it-einkaeufer", "it-einkäuferin") + " zählt."), nil},

		// white space and line breaks
		{"name split across lines", "", "Unser Key Account\nManager betreut Kunden.",
			p("Unser " + a("key-account-manager", "Key Account\nManager") + " betreut Kunden."), nil},
		{"mention at end of line keeps the break outside", "", "Wir suchen einen UX-Designer\nfür das Team.",
			p("Wir suchen einen " + a("ux-designer", "UX-Designer") + "\nfür das Team."), nil},
		{"mention at start of line", "", "Wir suchen einen\nBackend-Entwickler.",
			p("Wir suchen einen\n" + a("backend-entwickler", "Backend-Entwickler") + "."), nil},
		{"runs of spaces and no-break space", "", "Unser Key   Account\u00a0Manager.",
			p("Unser " + a("key-account-manager", "Key   Account\u00a0Manager") + "."), nil},
		{"hard line break ends a name", "", "Unser Key Account  \nManager.",
			p("Unser Key Account<br>\nManager."), nil},

		// where nothing is linked
		{"code span", "", "Der Begriff `Backend-Entwickler` steht im Code, der Backend-Entwickler im Text.",
			p("Der Begriff <code>Backend-Entwickler</code> steht im Code, der " + a("backend-entwickler", "Backend-Entwickler") + " im Text."), nil},
		{"fenced code block", "", "```\nBackend-Entwickler\n```\n\nFrontend-Entwickler",
			"<pre><code>Backend-Entwickler\n</code></pre>\n" + p(a("frontend-entwickler", "Frontend-Entwickler")), nil},
		{"indented code block", "", "    UX-Designer\n\nUX-Designer",
			"<pre><code>UX-Designer\n</code></pre>\n" + p(a("ux-designer", "UX-Designer")), nil},
		{"heading", "", "# Backend-Entwickler\n\nDer Backend-Entwickler baut APIs.",
			"<h1>Backend-Entwickler</h1>\n" + p("Der "+a("backend-entwickler", "Backend-Entwickler")+" baut APIs."), nil},
		{"existing link", "", "[Backend-Entwickler](https://example.com) und der Frontend-Entwickler",
			p(`<a href="https://example.com">Backend-Entwickler</a> und der ` + a("frontend-entwickler", "Frontend-Entwickler")), nil},
		{"image alt text", "", "![Backend-Entwickler](bild.png) im Büro",
			p(`<img src="bild.png" alt="Backend-Entwickler"> im Büro`), nil},
		{"html block", "", "<div>\nBackend-Entwickler\n</div>\n\nUI-Designer",
			"<!-- raw HTML omitted -->\n" + p(a("ui-designer", "UI-Designer")), nil},

		// emphasis
		{"inside emphasis", "", "Wir suchen *Backend-Entwickler* und **UX-Designer**.",
			p("Wir suchen <em>" + a("backend-entwickler", "Backend-Entwickler") + "</em> und <strong>" + a("ux-designer", "UX-Designer") + "</strong>."), nil},
		{"name half in emphasis", "", "Ein *Key Account* Manager.",
			p("Ein <em>Key Account</em> Manager."), nil},
		{"hyphen before emphasis", "", "Java-*Backend-Entwickler* gesucht.",
			p("Java-<em>Backend-Entwickler</em> gesucht."), nil},
		{"letter after emphasis", "", "*Backend-Entwickler*kreis",
			p("<em>Backend-Entwickler</em>kreis"), nil},

		// self and repeated mentions
		{"self mention is plain", "backend-entwickler", "Als Backend-Entwickler arbeitest du mit Frontend-Entwicklern.",
			p("Als Backend-Entwickler arbeitest du mit " + a("frontend-entwickler", "Frontend-Entwicklern") + "."), nil},
		{"self mention hides the shorter name", "key-account-manager", "Der Key Account Manager und der Account Manager.",
			p("Der Key Account Manager und der " + a("account-manager", "Account Manager") + "."), nil},
		{"only the first mention", "", "Der UX-Designer und der UI-Designer; jeder UX-Designer skizziert.",
			p("Der " + a("ux-designer", "UX-Designer") + " und der " + a("ui-designer", "UI-Designer") + "; jeder UX-Designer skizziert."), nil},
		{"synonym then title", "", "Backend-Engineer oder Backend-Entwickler",
			p(a("backend-entwickler", "Backend-Engineer") + " oder Backend-Entwickler"), nil},
		{"first mention across paragraphs", "", "Der UX-Designer.\n\nDer UX-Designer und der UI-Designer.",
			p("Der "+a("ux-designer", "UX-Designer")+".") + p("Der UX-Designer und der "+a("ui-designer", "UI-Designer")+"."), nil},
		{"three in one text node", "", "UX-Designer, UI-Designer und Frontend-Entwickler",
			p(a("ux-designer", "UX-Designer") + ", " + a("ui-designer", "UI-Designer") + " und " + a("frontend-entwickler", "Frontend-Entwickler")), nil},
		{"list items", "", "- Backend-Entwickler\n- UX-Designer",
			"<ul>\n<li>" + a("backend-entwickler", "Backend-Entwickler") + "</li>\n<li>" + a("ux-designer", "UX-Designer") + "</li>\n</ul>\n", nil},

		// links between pages
		{".md link", "", "Siehe [Frontend](frontend-entwickler.md).",
			p(`Siehe <a href="/r/frontend-entwickler/">Frontend</a>.`), nil},
		{".md link with path and fragment", "", "[Gehalt](../roles/frontend-entwickler.md#gehalt)",
			p(`<a href="/r/frontend-entwickler/#gehalt">Gehalt</a>`), nil},
		{".md link takes the first mention", "", "[Team](./frontend-entwickler.md) – jeder Frontend-Entwickler",
			p(`<a href="/r/frontend-entwickler/">Team</a> – jeder Frontend-Entwickler`), nil},
		{".md link after the mention", "", "Der Frontend-Entwickler ([mehr](frontend-entwickler.md))",
			p("Der " + a("frontend-entwickler", "Frontend-Entwickler") + ` (<a href="/r/frontend-entwickler/">mehr</a>)`), nil},
		{".md link in a heading", "", "## [UX](ux-designer.md)\n\nDer UX-Designer",
			`<h2><a href="/r/ux-designer/">UX</a></h2>` + "\n" + p("Der UX-Designer"), nil},
		{"reference link", "", "Siehe [UI][ui].\n\n[ui]: ui-designer.md",
			p(`Siehe <a href="/r/ui-designer/">UI</a>.`), nil},
		{"internal page link", "", "Alle Jobs unter [Tech](/tech-development/).",
			p(`Alle Jobs unter <a href="/tech-development/">Tech</a>.`), nil},
		{"bad .md link", "", "[Alt](nicht-da.md) bleibt.",
			p(`<a href="nicht-da.md">Alt</a> bleibt.`), []BadLink{{Offset: 0, Dest: "nicht-da.md"}}},
		{"bad internal path", "", "Mehr unter [Jobs](/jobs/alt/).",
			p(`Mehr unter <a href="/jobs/alt/">Jobs</a>.`), []BadLink{{Offset: 11, Dest: "/jobs/alt/"}}},
		{"external links stay", "", "[Web](https://example.com/ux-designer.md), [Mail](mailto:a@b.de), [Top](#top)",
			p(`<a href="https://example.com/ux-designer.md">Web</a>, <a href="mailto:a@b.de">Mail</a>, <a href="#top">Top</a>`), nil},

		// unsafe links
		{"javascript link", "", "[Klick](javascript:alert(1)) hier",
			p("Klick hier"), []BadLink{{Offset: 0, Dest: "javascript:alert(1)", Unsafe: true}}},
		{"obfuscated javascript link", "", "x [UX-Designer](&#x20;JaVa&#9;ScRiPt:alert(1))",
			p("x " + a("ux-designer", "UX-Designer")), []BadLink{{Offset: 2, Dest: " JaVa\tScRiPt:alert(1)", Unsafe: true}}},
		{"vbscript and data links", "", "[a](vbscript:x) [b](DATA:text/html,x)",
			p("a b"), []BadLink{{Offset: 0, Dest: "vbscript:x", Unsafe: true}, {Offset: 16, Dest: "DATA:text/html,x", Unsafe: true}}},
		{"javascript autolink", "", "<javascript:alert(1)>",
			p("javascript:alert(1)"), []BadLink{{Offset: 0, Dest: "javascript:alert(1)", Unsafe: true}}},
		{"javascript image", "", "![Bild](javascript:alert(1))",
			p("Bild"), []BadLink{{Offset: 0, Dest: "javascript:alert(1)", Unsafe: true}}},
	}
	tl := newTestLinker(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			self := -1
			if tt.self != "" {
				self = role(t, tt.self)
			}
			got, res := tl.render(t, tt.src, self)
			if got != tt.want {
				t.Errorf("render(%q)\n got: %q\nwant: %q", tt.src, got, tt.want)
			}
			var want []int
			for _, m := range roleHref.FindAllStringSubmatch(tt.want, -1) {
				if r := role(t, m[1]); !slices.Contains(want, r) {
					want = append(want, r)
				}
			}
			if !slices.Equal(res.Mentions, want) {
				t.Errorf("Mentions = %v, want %v", res.Mentions, want)
			}
			if !slices.Equal(res.Problems, tt.problems) {
				t.Errorf("Problems = %+v, want %+v", res.Problems, tt.problems)
			}
		})
	}
}

func TestBadLinkMessage(t *testing.T) {
	tests := []struct {
		b    BadLink
		want string
	}{
		{BadLink{Dest: "nicht-da.md"}, `link to "nicht-da.md" points to no page`},
		{BadLink{Dest: "javascript:alert(1)", Unsafe: true}, `unsafe link "javascript:alert(1)" removed`},
	}
	for _, tt := range tests {
		if got := diag.T(tt.b.Message(), tt.b.Dest).String(); got != tt.want {
			t.Errorf("Message() = %q, want %q", got, tt.want)
		}
	}
}

// TestNoPage checks that a document parsed without NewContext is linked as a
// page of no role, with internal links left alone.
func TestNoPage(t *testing.T) {
	tl := newTestLinker(t)
	var b strings.Builder
	if err := tl.md.Convert([]byte("Der UX-Designer, [FE](frontend-entwickler.md)."), &b); err != nil {
		t.Fatal(err)
	}
	want := p("Der " + a("ux-designer", "UX-Designer") + `, <a href="frontend-entwickler.md">FE</a>.`)
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

// TestLinkerConcurrent renders pages with one Linker from several goroutines;
// run with -race.
func TestLinkerConcurrent(t *testing.T) {
	tl := newTestLinker(t)
	src := "Der Key Account Manager und der [UX](ux-designer.md), dann Backend-Entwicklerinnen."
	want, _ := tl.render(t, src, -1)
	errs := make(chan string, 8)
	for range 8 {
		go func() {
			for range 50 {
				var b strings.Builder
				err := tl.md.Convert([]byte(src), &b, parser.WithContext(NewContext(Page{Self: -1, Resolve: testResolve})))
				if err != nil || b.String() != want {
					errs <- fmt.Sprint(b.String(), err)
					return
				}
			}
			errs <- want
		}()
	}
	for range 8 {
		if got := <-errs; got != want {
			t.Errorf("concurrent render = %q, want %q", got, want)
		}
	}
}
