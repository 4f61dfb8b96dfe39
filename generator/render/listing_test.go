package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"rolesite/generator/content"
)

// listSite is a site of one category with n open positions, the i-th in
// localities[i%len(localities)] (remote where that is ""), and one role
// profile.
func listSite(n int, localities ...string) *content.Site {
	cat := &content.Category{Key: "it", Title: "IT", Description: "IT-Rollen"}
	site := &content.Site{Title: "Karriere", BaseURL: "https://k.example/", Language: "de", Categories: []*content.Category{cat}}
	for i := range n {
		r := &content.Role{Slug: fmt.Sprintf("r%02d", i), Title: fmt.Sprintf("Rolle %02d", i), Category: "it", Description: "D",
			DatePosted: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
		if l := localities[i%len(localities)]; l == "" {
			r.Remote = true
		} else {
			r.Location = content.Location{Locality: l, Country: "DE"}
		}
		cat.Roles = append(cat.Roles, r)
	}
	cat.Roles = append(cat.Roles, &content.Role{Slug: "profil", Title: "Profil", Category: "it", Description: "P",
		Location: content.Location{Locality: "Köln", Country: "DE"}})
	site.Roles = cat.Roles
	return site
}

func titles(links []RoleLink) string {
	var t []string
	for _, l := range links {
		t = append(t, l.Title)
	}
	return strings.Join(t, ",")
}

func TestCategoryPagesSplitTheList(t *testing.T) {
	tests := []struct {
		name      string
		n, size   int
		lang      string
		wantPaths []string
		wantLast  string // open and profiles on the last page
	}{
		{"one page", 3, 50, "de", []string{"/it/"}, "Rolle 00,Rolle 01,Rolle 02|Profil"},
		{"exactly full", 3, 4, "de", []string{"/it/"}, "Rolle 00,Rolle 01,Rolle 02|Profil"},
		{"German segment", 5, 2, "de-AT", []string{"/it/", "/it/seite/2/", "/it/seite/3/"}, "Rolle 04|Profil"},
		{"English segment", 4, 2, "en", []string{"/it/", "/it/page/2/", "/it/page/3/"}, "|Profil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := listSite(tt.n, "Köln")
			site.Language, site.Listing.PageSize = tt.lang, tt.size
			pages := (&Context{Site: site, Now: viewNow}).CategoryPages(site.Categories[0])
			var paths []string
			for i, p := range pages {
				paths = append(paths, p.Path)
				v := p.Category
				if v.OpenCount != tt.n || v.DescriptionCount != 1 {
					t.Errorf("page %d: counts %d/%d, want %d/1", i+1, v.OpenCount, v.DescriptionCount, tt.n)
				}
				switch {
				case len(pages) == 1 && v.Pagination != nil:
					t.Errorf("a single page has a navigation")
				case len(pages) > 1 && (v.Pagination == nil || v.Pagination.Page != i+1 || v.Pagination.Pages != len(pages) || !v.Pagination.Links[i].Current):
					t.Errorf("page %d: navigation %+v", i+1, v.Pagination)
				}
			}
			if fmt.Sprint(paths) != fmt.Sprint(tt.wantPaths) {
				t.Errorf("paths %v, want %v", paths, tt.wantPaths)
			}
			last := pages[len(pages)-1].Category
			if got := titles(last.Open) + "|" + titles(last.Descriptions); got != tt.wantLast {
				t.Errorf("last page shows %q, want %q", got, tt.wantLast)
			}
		})
	}
}

func TestLocations(t *testing.T) {
	site := listSite(7, "München", "Köln", "", "München")
	site.Listing.LocationCategoryMin = 3
	ls := Locations(site, viewNow)
	var got []string
	for _, l := range ls {
		s := fmt.Sprintf("%s %s %d", l.Name, l.Path, len(l.Roles))
		for _, lc := range l.Categories {
			s += fmt.Sprintf(" [%s %d]", lc.Path, len(lc.Roles))
		}
		got = append(got, s)
	}
	// Köln: r01, r05 (the profile is not open); München: r00, r03, r04;
	// r02 and r06 are remote.
	want := []string{"Köln /standorte/koeln/ 2", "München /standorte/muenchen/ 3 [/standorte/muenchen/it/ 3]"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Locations = %q, want %q", got, want)
	}
	site.Language = "en"
	if p := Locations(site, viewNow)[0].Path; p != "/locations/koeln/" {
		t.Errorf("English path %s, want /locations/koeln/", p)
	}
}

func TestHomeLimitsEachCategory(t *testing.T) {
	tests := []struct {
		n, limit int
		want     string
		more     int
	}{
		{5, 2, "Rolle 00,Rolle 01|", 4},
		{1, 3, "Rolle 00|Profil", 0},
		{3, 6, "Rolle 00,Rolle 01,Rolle 02|Profil", 0},
	}
	for _, tt := range tests {
		site := listSite(tt.n, "Köln")
		site.Listing.HomePerCategory = tt.limit
		hv := (&Context{Site: site, Now: viewNow}).Home()
		cv := hv.Categories[0]
		if got := titles(cv.Open) + "|" + titles(cv.Descriptions); got != tt.want || cv.More != tt.more {
			t.Errorf("%d roles, limit %d: home shows %q, %d more; want %q, %d more", tt.n, tt.limit, got, cv.More, tt.want, tt.more)
		}
	}
}

// TestRoleListsCapped renders a role that every other role mentions, with
// the generated writer and with html/template: both show MaxRoleCards
// cards in each list and say how many more there are.
func TestRoleListsCapped(t *testing.T) {
	site := listSite(MaxRoleCards+6, "Köln")
	fast, errs := newRenderer("", true)
	if errs.HasErrors() || !fast.generatedRole {
		t.Fatal("built-in layouts do not use the generated writer", errs)
	}
	slow, _ := newRenderer("", false)
	var out []string
	for _, rd := range []*Renderer{fast, slow} {
		var b bytes.Buffer
		others := site.Roles[1:]
		if err := rd.WriteRole(&b, rd.NewContext(site, viewNow), RoleInput{Role: site.Roles[0], Related: others, MentionedIn: others}); err != nil {
			t.Fatal(err)
		}
		out = append(out, b.String())
	}
	if out[0] != out[1] {
		t.Fatalf("the generated writer differs from the templates:\n%s", firstDiff(out[0], out[1]))
	}
	page := out[0]
	if n := strings.Count(page, `class="role-card`); n != 2*MaxRoleCards {
		t.Errorf("%d cards, want %d", n, 2*MaxRoleCards)
	}
	for _, want := range []string{"und 6 weitere im Text verlinkte Rollen", "und 6 weitere Rollen, alle in ihren Fachbereichen gelistet",
		`<dd><a href="/standorte/koeln/">Köln, Deutschland</a></dd>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

func TestListPageSnippetsAreUnique(t *testing.T) {
	site := listSite(9, "München")
	site.Listing.PageSize = 2
	rd, errs := New("")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	c := rd.NewContext(site, viewNow)
	pages := append(c.CategoryPages(site.Categories[0]), c.LocationPages()...)
	titlesSeen, descSeen, canon := map[string]string{}, map[string]string{}, map[string]string{}
	for _, lp := range pages {
		var b bytes.Buffer
		if err := rd.WriteList(&b, c, lp); err != nil {
			t.Fatal(err)
		}
		h := b.String()
		grab := func(prefix string) string {
			i := strings.Index(h, prefix)
			if i < 0 {
				t.Fatalf("%s: no %s", lp.Path, prefix)
			}
			rest := h[i+len(prefix):]
			return rest[:strings.IndexAny(rest, `"<`)]
		}
		for _, f := range []struct {
			seen map[string]string
			v    string
		}{{titlesSeen, grab("<title>")}, {descSeen, grab(`<meta name="description" content="`)}, {canon, grab(`<link rel="canonical" href="`)}} {
			if prev, dup := f.seen[f.v]; dup {
				t.Errorf("%s and %s share %q", prev, lp.Path, f.v)
			}
			f.seen[f.v] = lp.Path
		}
		if canon := grab(`<link rel="canonical" href="`); canon != c.Abs(lp.Path) {
			t.Errorf("%s: canonical %s", lp.Path, canon)
		}
		if !strings.Contains(h, `"@type":"BreadcrumbList"`) {
			t.Errorf("%s: no BreadcrumbList", lp.Path)
		}
	}
	if len(pages) != 5+5+5 { // 10 roles in IT; 9 open in München, and in IT there
		t.Errorf("%d list pages, want 15", len(pages))
	}
}
