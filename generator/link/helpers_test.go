package link

import (
	"bytes"
	"path"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"rolesite/generator/diag"
)

// testRole is a role of the realistic sample site used by the tests.
type testRole struct {
	slug     string
	title    string
	synonyms []string
}

var testRoles = []testRole{
	{"backend-entwickler", "Backend-Entwickler", []string{"Backend-Engineer"}},
	{"frontend-entwickler", "Frontend-Entwickler", nil},
	{"full-stack-entwickler", "Full Stack-Entwickler", nil},
	{"account-manager", "Account Manager", nil},
	{"key-account-manager", "Key Account Manager", nil},
	{"account-director", "Account Director", nil},
	{"it-security-officer", "IT-Security Officer", nil},
	{"it-einkaeufer", "IT-Einkäufer", nil},
	{"sfcc-engineer", "Salesforce Commerce Cloud Engineer (Demandware)",
		[]string{"Demandware / Salesforce Commerce Cloud Engineer", "Salesforce Commerce Cloud Engineer"}},
	{"ux-designer", "UX-Designer", nil},
	{"ui-designer", "UI-Designer", nil},
	{"e-commerce-projektmanager", "e-Commerce Projektmanager", nil},
	{"business-development-manager", "Business Development Manager", nil},
	{"business-development-digital-sales", "Business Development & Digital Sales", nil},
}

// role returns the index of the test role with slug.
func role(t testing.TB, slug string) int {
	t.Helper()
	for i, r := range testRoles {
		if r.slug == slug {
			return i
		}
	}
	t.Fatalf("no test role %q", slug)
	return -1
}

func testNames() []Name {
	var names []Name
	for i, r := range testRoles {
		p := diag.Position{Path: "content/roles/" + r.slug + ".md", Line: 2, Column: 8}
		names = append(names, Name{Text: r.title, Role: i, Pos: p})
		for j, s := range r.synonyms {
			p.Line = 3 + j
			names = append(names, Name{Text: s, Role: i, Pos: p})
		}
	}
	return names
}

func testURL(role int) string { return "/r/" + testRoles[role].slug + "/" }

// testResolve resolves role files by base name and the one other page
// "/tech-development/".
func testResolve(dest string) (string, bool) {
	if strings.HasSuffix(dest, ".md") {
		slug := strings.TrimSuffix(path.Base(dest), ".md")
		for i, r := range testRoles {
			if r.slug == slug {
				return testURL(i), true
			}
		}
		return "", false
	}
	if dest == "/tech-development/" {
		return dest, true
	}
	return "", false
}

// testLinker is a goldmark instance with the Linker over testRoles.
type testLinker struct {
	ix *Index
	md goldmark.Markdown
}

func newTestLinker(t testing.TB) *testLinker {
	t.Helper()
	ix, diags := NewIndex(testNames())
	if len(diags) > 0 {
		t.Fatalf("NewIndex: %v", diags)
	}
	return &testLinker{ix: ix, md: goldmark.New(goldmark.WithExtensions(NewLinker(ix, testURL)))}
}

// render converts src as the page of role self.
func (tl *testLinker) render(t testing.TB, src string, self int) (string, PageResult) {
	t.Helper()
	pc := NewContext(Page{Self: self, Resolve: testResolve})
	var buf bytes.Buffer
	if err := tl.md.Convert([]byte(src), &buf, parser.WithContext(pc)); err != nil {
		t.Fatalf("convert %q: %v", src, err)
	}
	return buf.String(), Result(pc)
}
