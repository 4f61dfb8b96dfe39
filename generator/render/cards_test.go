package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolesite/generator/content"
)

// cardSite is a small site whose roles list each other.
func cardSite() *content.Site {
	cat := &content.Category{Key: "tech", Title: "Tech & <Development>", Description: "Rollen"}
	site := &content.Site{Title: "Karriere", BaseURL: "https://example.test/", Language: "de", Categories: []*content.Category{cat},
		Contact: content.Contact{Email: "a@example.test", Phone: "+49 40 1"}}
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for i, title := range []string{"Backend-Entwickler", `Frontend "Dev" & <Co>`, "IT-Berater"} {
		r := &content.Role{Slug: strings.ToLower(strings.NewReplacer(" ", "-", `"`, "", "&", "", "<", "", ">", "").Replace(title)),
			Title: title, Category: "tech", Description: "Beschreibung " + title,
			Location: content.Location{Locality: "Köln", Country: "DE"}}
		if i != 1 {
			r.DatePosted = day
			r.Salary = &content.Salary{Min: 50000, Max: 70000, Currency: "EUR", Unit: "YEAR"}
		}
		cat.Roles = append(cat.Roles, r)
		site.Roles = append(site.Roles, r)
	}
	return site
}

// renderAll renders every page of cardSite with rd, after edit.
func renderAll(t *testing.T, rd *Renderer, edit func(*content.Site)) map[string]string {
	t.Helper()
	site := cardSite()
	if edit != nil {
		edit(site)
	}
	c := rd.NewContext(site, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	out := map[string]string{}
	var buf bytes.Buffer
	must := func(name string, err error) {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = buf.String()
		buf.Reset()
	}
	must("home", rd.WriteHome(&buf, c))
	must("category", rd.WriteList(&buf, c, c.CategoryPages(site.Categories[0])[0]))
	for i, r := range site.Roles {
		others := append(append([]*content.Role(nil), site.Roles[:i]...), site.Roles[i+1:]...)
		must(r.Slug, rd.WriteRole(&buf, c, RoleInput{Role: r, BodyHTML: "<p>Text</p>", Related: others, MentionedIn: others}))
	}
	return out
}

// TestCardCache checks that pages rendered with the card cache are the
// pages rendered without it, with the built-in layouts and with layouts
// that call a card partial where its output would be escaped differently
// (which must turn the cache off).
func TestCardCache(t *testing.T) {
	odd := t.TempDir()
	role, err := builtin.ReadFile("templates/role.html")
	if err != nil {
		t.Fatal(err)
	}
	// A card in a <textarea>: escaped otherwise there.
	weird := strings.Replace(string(role), `<article class="role wrap">`,
		`<article class="role wrap"><textarea>{{range .Role.Related}}{{template "rolecard" .}}{{end}}</textarea>`, 1)
	if weird == string(role) {
		t.Fatal("role.html changed: update the test")
	}
	if err := os.WriteFile(filepath.Join(odd, "role.html"), []byte(weird), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, layouts string
		cached        bool
	}{
		{"built-in", "", true},
		{"card in a textarea", odd, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fast, errs := newRenderer(tt.layouts, true)
			if errs.HasErrors() {
				t.Fatal(errs)
			}
			slow, _ := newRenderer(tt.layouts, false)
			cached := strings.Contains(germanPages(t, fast)[KindRole].DefinedTemplates(), `"rolecard"`) &&
				germanPages(t, fast)[KindRole].Lookup("rolecard").Tree.Root.String() == "{{rolesiteCard .}}"
			if cached != tt.cached {
				t.Errorf("card cache used: %t, want %t", cached, tt.cached)
			}
			got, want := renderAll(t, fast, nil), renderAll(t, slow, nil)
			for name, w := range want {
				if got[name] != w {
					t.Errorf("%s differs with the card cache", name)
				}
			}
			// Twice: the second time from the cache.
			for name, g := range renderAll(t, fast, nil) {
				if g != want[name] {
					t.Errorf("%s differs when rendered again", name)
				}
			}
			// A role renamed, as in the next build of a watch session.
			rename := func(s *content.Site) { s.Roles[2].Title = "IT-Beraterin" }
			want = renderAll(t, slow, rename)
			for name, g := range renderAll(t, fast, rename) {
				if g != want[name] {
					t.Errorf("%s differs after a rename", name)
				}
			}
		})
	}
}
