package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"rolesite/internal/synth"
)

func builtinIDs(t *testing.T) *PageIDs {
	t.Helper()
	r, errs := New("")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	return r.PageIDs()
}

// TestHeadingIDs gives the headings of one body their ids, in order, next
// to the built-in layouts' own ids.
func TestHeadingIDs(t *testing.T) {
	tests := []struct {
		name     string
		headings []string
		want     []string
	}{
		{"german letters", []string{"Über uns", "Straße", "Größe & Maß"}, []string{"ueber-uns", "strasse", "groesse-mass"}},
		{"repeated heading", []string{"Über uns", "Über uns", "über UNS"}, []string{"ueber-uns", "ueber-uns-1", "ueber-uns-2"}},
		{"skip link target", []string{"Inhalt"}, []string{"inhalt-1"}},
		{"contact box", []string{"Kontakt-Titel", "Kontakt Titel"}, []string{"kontakt-titel-1", "kontakt-titel-2"}},
		{"related and mentioning lists", []string{"Verwandt", "Erwähnt", "Fähigkeiten"}, []string{"verwandt-1", "erwaehnt-1", "faehigkeiten-1"}},
		{"list page ids", []string{"Offen", "Profile", "Fachbereiche"}, []string{"offen-1", "profile-1", "fachbereiche-1"}},
		{"starts like a computed id", []string{"FB Tech", "fb"}, []string{"abschnitt-fb-tech", "fb"}},
		{"numbered text meets a numbered repeat", []string{"Aufgaben", "Aufgaben 1", "Aufgaben"}, []string{"aufgaben", "aufgaben-1", "aufgaben-2"}},
		{"no letters", []string{"!!!", "😀", "Abschnitt"}, []string{"abschnitt", "abschnitt-1", "abschnitt-2"}},
		{"other scripts", []string{"Обзор работы", "Καλημέρα", "日本語"}, []string{"обзор-работы", "καλημέρα", "日本語"}},
		{"markup in the heading", []string{"*Über* `uns`"}, []string{"ueber-uns"}},
		{"links in the heading", []string{"Arbeiten mit [Go](https://go.dev \"Go\") und [Rust][rust]", "![Logo](logo.png) Team"}, []string{"arbeiten-mit-go-und-rust", "logo-team"}},
	}
	ids := builtinIDs(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := ids.Headings()
			var got []string
			for _, h := range tt.headings {
				got = append(got, string(page.Generate([]byte(h), 0)))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ids of %q = %q, want %q", tt.headings, got, tt.want)
			}
		})
	}
}

// TestHeadingIDsOnePagePerBody: each body starts with no ids taken but the
// layouts'.
func TestHeadingIDsOnePagePerBody(t *testing.T) {
	ids := builtinIDs(t)
	for range 2 {
		if got := string(ids.Headings().Generate([]byte("Über uns"), 0)); got != "ueber-uns" {
			t.Errorf("first heading of a body got %q, want ueber-uns", got)
		}
	}
	page := ids.Headings()
	page.Put([]byte("ueber-uns"))
	if got := string(page.Generate([]byte("Über uns"), 0)); got != "ueber-uns-1" {
		t.Errorf("heading after an id set by the document got %q, want ueber-uns-1", got)
	}
}

// TestBuiltinLayoutIDs: every id the built-in templates write is reserved,
// read from the templates themselves.
func TestBuiltinLayoutIDs(t *testing.T) {
	ids := builtinIDs(t)
	entries, err := os.ReadDir("templates")
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, e := range entries {
		src, err := os.ReadFile(filepath.Join("templates", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range idAttr.FindAllStringSubmatch(string(src), -1) {
			value := m[1] + m[2] + m[3]
			found++
			if fixed, _, _ := strings.Cut(value, "{{"); !ids.Reserved(fixed+"x") && !ids.Reserved(value) {
				t.Errorf("%s: id %q is not reserved", e.Name(), value)
			}
		}
	}
	if found < 8 {
		t.Errorf("found only %d ids in the built-in templates", found)
	}
	for _, id := range []string{"ueber-uns", "aufgaben", "inhalt-1", "fb"} {
		if ids.Reserved(id) {
			t.Errorf("%q is reserved, but no built-in template uses it", id)
		}
	}
}

// TestLayoutIDs reads ids out of template texts: every way HTML writes an
// attribute, and the computed ids that cannot be kept apart from headings.
func TestLayoutIDs(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		reserved []string
		free     []string
		err      string
	}{
		{name: "double quotes", src: `<main id="inhalt">`, reserved: []string{"inhalt"}, free: []string{"inhalt-1"}},
		{name: "single quotes and case", src: `<p ID='Oben'>`, reserved: []string{"Oben"}, free: []string{"oben"}},
		{name: "bare value", src: `<p id=unten class=x>`, reserved: []string{"unten"}},
		{name: "spaces around", src: "<p\n  id = \"mitte\">", reserved: []string{"mitte"}},
		{name: "inside an action", src: `<p{{if .X}} id="a"{{else}} id="b"{{end}}>`, reserved: []string{"a", "b"}},
		{name: "not other attributes", src: `<p data-id="x" aria-labelledby="y" grid="z">`, free: []string{"x", "y", "z"}},
		{name: "computed", src: `<h2 id="fb-{{.Key}}">`, reserved: []string{"fb-", "fb-tech", "fb-tech-1"}, free: []string{"fb"}},
		{name: "computed with no fixed start", src: "<p>\n  <h2 id=\"{{.Key}}\">", err: `layouts/role.html:2:11: id "{{.Key}}" is computed and starts with no fixed text, so a heading in a role body could get the same id: begin it with fixed text, e.g. id="rolle-{{.Key}}"`},
		{name: "computed like a moved heading", src: `<h2 id="ab{{.Key}}">`, err: `layouts/role.html:1:9: id "ab{{.Key}}" starts with "ab", as the ids of headings moved out of the way do (abschnitt-...): begin it with other fixed text, e.g. id="rolle-ab{{.Key}}"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids, errs := layoutIDs(map[string]string{"role.html": tt.src, "style.css": `#x { id="css" }`}, map[string]string{"role.html": "layouts/role.html"})
			if got := errs.Err(); tt.err != "" {
				if got == nil || got.Error() != tt.err {
					t.Fatalf("error = %v, want %s", got, tt.err)
				}
				return
			} else if got != nil {
				t.Fatal(got)
			}
			for _, id := range tt.reserved {
				if !ids.Reserved(id) {
					t.Errorf("%q is not reserved", id)
				}
			}
			for _, id := range append(tt.free, "css") {
				if ids.Reserved(id) {
					t.Errorf("%q is reserved", id)
				}
			}
		})
	}
}

// TestOverriddenLayoutIDs: an id a template in layouts/ adds is kept clear
// of, and one it no longer has is free again; a bad one stops the build.
func TestOverriddenLayoutIDs(t *testing.T) {
	dir := t.TempDir()
	role, err := os.ReadFile("templates/role.html")
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(role), `<h2 id="verwandt">`, `<h2 id="ueber-uns">`, 1)
	if edited == string(role) {
		t.Fatal("built-in role.html has no verwandt heading to edit")
	}
	if err := os.WriteFile(filepath.Join(dir, "role.html"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	r, errs := New(dir)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	page := r.PageIDs().Headings()
	for heading, want := range map[string]string{"Über uns": "ueber-uns-1", "Verwandt": "verwandt"} {
		if got := string(page.Generate([]byte(heading), 0)); got != want {
			t.Errorf("%q got id %q, want %q", heading, got, want)
		}
	}
	if r.PageIDs().Key() == builtinIDs(t).Key() {
		t.Error("the key does not change with the layouts' ids")
	}

	bad := strings.Replace(string(role), `<h2 id="verwandt">`, `<h2 id="{{.Role.Slug}}">`, 1)
	if err := os.WriteFile(filepath.Join(dir, "role.html"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs = New(dir)
	line := strings.Count(bad[:strings.Index(bad, `id="{{.Role.Slug}}"`)], "\n") + 1
	want := filepath.Join(dir, "role.html") + fmt.Sprintf(`:%d:9: id "{{.Role.Slug}}" is computed and starts with no fixed text`, line)
	if err := errs.Err(); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %v, want it to start with %s", err, want)
	}
}

// BenchmarkBodyIDs parses and renders synthetic role bodies (about 800
// words, eight headings) with goldmark's own heading ids and with PageIDs
// and CheckFragments, as the build does.
func BenchmarkBodyIDs(b *testing.B) {
	var bodies [][]byte
	s := synth.New(1000, 1)
	for i := range 20 {
		_, src := s.Role(i)
		_, body, _ := strings.Cut(string(src[3:]), "\n---\n")
		if strings.Count(body, "\n## ") < 3 {
			b.Fatalf("synthetic body %d has too few headings:\n%s", i, body)
		}
		bodies = append(bodies, []byte(body))
	}
	ids, errs := New("")
	if errs.HasErrors() {
		b.Fatal(errs)
	}
	md := NewMarkdown()
	var buf bytes.Buffer
	b.Run("goldmark", func(b *testing.B) {
		for i := range b.N {
			buf.Reset()
			if err := md.Convert(bodies[i%len(bodies)], &buf); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("page", func(b *testing.B) {
		for i := range b.N {
			body := bodies[i%len(bodies)]
			pc := parser.NewContext(parser.WithIDs(ids.PageIDs().Headings()))
			doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
			CheckFragments(doc, pc)
			buf.Reset()
			if err := md.Renderer().Render(&buf, body, doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}
