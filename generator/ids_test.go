package generator

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"rolesite/generator/diag"
	"rolesite/generator/render"
	"rolesite/internal/testtree"
)

// headingsBody is a role body whose headings take the ids of the page's
// own elements, repeat, and need transliteration; its links jump to them.
const headingsBody = `
## Inhalt

[Zum zweiten Teil](#ueber-uns-1), [zu den Fähigkeiten](#faehigkeiten),
[zur Überschrift Kontakt-Titel](#kontakt-titel-1), [nach oben](#).

## Kontakt-Titel

## Verwandt

## Über uns

Text.

## Über uns

[Nach oben](#ueber-uns), [zur Straße](#strasse), [Inhalt](#inhalt-1).

## Straße

## Text
`

// pageIDs is what a test checks about the ids of one written page.
type pageIDs struct {
	headings []string // ids of the headings in the role body, in order
	others   []string // every other id
	dupes    []string // ids that name more than one element
	targets  []string // #fragments of links and aria-labelledby ids
}

// readPageIDs parses an HTML page and sorts its ids: those of headings
// inside the body's <div class="prose"> and all others.
func readPageIDs(t *testing.T, data []byte) pageIDs {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var p pageIDs
	seen := map[string]bool{}
	var visit func(n *html.Node, inBody bool)
	visit = func(n *html.Node, inBody bool) {
		if n.Type == html.ElementNode {
			if id := attr(n, "id"); id != "" {
				if seen[id] {
					p.dupes = append(p.dupes, id)
				}
				seen[id] = true
				if inBody && len(n.Data) == 2 && n.Data[0] == 'h' {
					p.headings = append(p.headings, id)
				} else {
					p.others = append(p.others, id)
				}
			}
			if href := attr(n, "href"); strings.HasPrefix(href, "#") && href != "#" { // "#": the top
				p.targets = append(p.targets, href[1:])
			}
			p.targets = append(p.targets, strings.Fields(attr(n, "aria-labelledby"))...)
			inBody = inBody || n.Data == "div" && slices.Contains(strings.Fields(attr(n, "class")), "prose")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, inBody)
		}
	}
	visit(doc, false)
	for _, target := range p.targets {
		if !seen[target] {
			t.Errorf("link or label to #%s names no element", target)
		}
	}
	return p
}

// checkSiteIDs checks every page in dir: no id twice, every in-page link
// and label resolves, and every id outside role bodies is one the layouts
// reserve (so a template that gains an id the set misses fails here). It
// returns the ids of the backend role page.
func checkSiteIDs(t *testing.T, dir string, reserved *render.PageIDs) pageIDs {
	t.Helper()
	var backend pageIDs
	for rel, data := range testtree.Files(t, dir) {
		if !strings.HasSuffix(rel, ".html") {
			continue
		}
		p := readPageIDs(t, data)
		if len(p.dupes) > 0 {
			t.Errorf("%s: ids %q name more than one element", rel, p.dupes)
		}
		for _, id := range p.others {
			if !reserved.Reserved(id) {
				t.Errorf("%s: the layouts write id %q, which the reserved ids do not know", rel, id)
			}
		}
		for _, id := range p.headings {
			if reserved.Reserved(id) {
				t.Errorf("%s: body heading has the layouts' id %q", rel, id)
			}
		}
		if rel == "tech/backend-entwickler/index.html" {
			backend = p
		}
	}
	return backend
}

func appendBody(t *testing.T, path, text string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(src, text...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBuiltHeadingIDsAreUnique builds a site whose body headings are
// named like the page's own elements, first with the built-in layouts (the
// fast role writer), then in the same Builder with a role.html in layouts/
// that adds an id of its own (the templates), and checks the written
// pages.
func TestBuiltHeadingIDsAreUnique(t *testing.T) {
	cfg := fixture(t)
	appendBody(t, filepath.Join(cfg.ContentDir, "roles", "backend-entwickler.md"), headingsBody)
	b := NewBuilder(cfg)
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	builtin, errs := render.New("")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	got := checkSiteIDs(t, cfg.OutDir, builtin.PageIDs())
	want := []string{"aufgaben", "inhalt-1", "kontakt-titel-1", "verwandt-1", "ueber-uns", "ueber-uns-1", "strasse", "text"}
	if !slices.Equal(got.headings, want) {
		t.Errorf("body heading ids = %q, want %q", got.headings, want)
	}
	for _, id := range []string{"inhalt", "kontakt-titel", "verwandt", "faehigkeiten"} {
		if !slices.Contains(got.others, id) {
			t.Errorf("the role page lost its own id %q", id)
		}
	}

	role, err := os.ReadFile("render/templates/role.html")
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(role), `<div class="prose">`, `<div class="prose" id="text">`, 1)
	if edited == string(role) {
		t.Fatal("role.html has no prose div to edit")
	}
	if err := os.MkdirAll(cfg.LayoutsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfg.LayoutsDir, "role.html"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	overridden, errs := render.New(cfg.LayoutsDir)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	got = checkSiteIDs(t, cfg.OutDir, overridden.PageIDs())
	want[len(want)-1] = "text-1"
	if !slices.Equal(got.headings, want) {
		t.Errorf("with layouts/role.html: body heading ids = %q, want %q", got.headings, want)
	}
}

// TestBodyFragmentErrors: an in-page link that names nothing, or that may
// mean the page's own element or a heading numbered away from it, stops
// the build with the file, line and column of the link and the fix.
func TestBodyFragmentErrors(t *testing.T) {
	tests := []struct {
		name, body, link, want string
	}{
		{
			name: "ambiguous with the contact box",
			body: "## Kontakt-Titel\n\nSiehe [unten](#kontakt-titel).\n",
			link: "[unten]",
			want: `link to "#kontakt-titel" is ambiguous: the layouts keep the id "kontakt-titel" for an element of their own, so the heading "Kontakt-Titel" has the id "kontakt-titel-1": link "#kontakt-titel-1" for the heading, or rename it`,
		},
		{
			name: "ambiguous with the skip link target",
			body: "## Inhalt\n\n[Inhalt](#inhalt)\n",
			link: "[Inhalt]",
			want: `link to "#inhalt" is ambiguous: the layouts keep the id "inhalt" for an element of their own, so the heading "Inhalt" has the id "inhalt-1": link "#inhalt-1" for the heading, or rename it`,
		},
		{
			name: "written with umlauts",
			body: "## Über uns\n\n[mehr](#über-uns)\n",
			link: "[mehr]",
			want: `link to "#über-uns" names no heading on this page (did you mean "#ueber-uns"?)`,
		},
		{
			name: "percent-encoded",
			body: "## Über uns\n\n[mehr](#%C3%BCber-uns)\n",
			link: "[mehr]",
			want: `link to "#über-uns" names no heading on this page (did you mean "#ueber-uns"?)`,
		},
		{
			name: "names nothing",
			body: "## Über uns\n\n[mehr](#nirgends)\n",
			link: "[mehr]",
			want: `link to "#nirgends" names no heading on this page (its headings: #aufgaben, #ueber-uns)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fixture(t)
			mustBuild(t, cfg)
			before := testtree.Snapshot(t, cfg.OutDir)
			path := filepath.Join(cfg.ContentDir, "roles", "backend-entwickler.md")
			appendBody(t, path, "\n"+tt.body)
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := diag.OffsetPosition(path, src, bytes.LastIndex(src, []byte(tt.link))).String() + ": " + tt.want
			res, err := Build(t.Context(), cfg)
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("build error %v, want a diag.List", err)
			}
			if got := res.Diagnostics.Errors().Error(); got != want {
				t.Errorf("errors\n%s\nwant\n%s", got, want)
			}
			after := testtree.Snapshot(t, cfg.OutDir)
			for p, s := range before {
				if after[p] != s {
					t.Errorf("a failing build changed %s", p)
				}
			}
		})
	}
}
