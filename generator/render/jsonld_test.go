package render

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"rolesite/generator/content"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const ldOpen = `<script type="application/ld+json">`

// ldBlocks returns the text of every JSON-LD script of page.
func ldBlocks(t *testing.T, page string) []string {
	t.Helper()
	var out []string
	for rest := page; ; {
		i := strings.Index(rest, ldOpen)
		if i < 0 {
			return out
		}
		rest = rest[i+len(ldOpen):]
		j := strings.Index(rest, "</script>")
		if j < 0 {
			t.Fatalf("JSON-LD script without its end tag: %.80q", rest)
		}
		out = append(out, rest[:j])
		rest = rest[j:]
	}
}

// ldValues parses every JSON-LD script of page.
func ldValues(t *testing.T, page string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, b := range ldBlocks(t, page) {
		var v map[string]any
		if err := json.Unmarshal([]byte(b), &v); err != nil {
			t.Fatalf("JSON-LD does not parse: %v\n%s", err, b)
		}
		out = append(out, v)
	}
	return out
}

// ldTypes lists the @type of each value.
func ldTypes(vs []map[string]any) []string {
	out := []string{}
	for _, v := range vs {
		s, _ := v["@type"].(string)
		out = append(out, s)
	}
	return out
}

// ldOf returns the value of vs whose @type is typ, or nil.
func ldOf(vs []map[string]any, typ string) map[string]any {
	for _, v := range vs {
		if v["@type"] == typ {
			return v
		}
	}
	return nil
}

// at follows a path of object keys and array indexes ("value.minValue",
// "itemListElement.0.item") through a parsed JSON value; it reports false
// where the path leads nowhere.
func at(v any, path string) (any, bool) {
	for _, step := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[step]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(step)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// sitePages renders every page of site with the built-in layouts: home,
// categories by key, roles by slug (each with bodyHTML), 404 and the
// alias page of the first role.
func sitePages(t *testing.T, site *content.Site, bodyHTML string) map[string]string {
	t.Helper()
	rd, errs := New("")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	c := rd.NewContext(site, viewNow)
	pages := map[string]string{}
	var b bytes.Buffer
	keep := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		pages[name] = b.String()
		b.Reset()
	}
	keep("home", rd.WriteHome(&b, c))
	for _, cat := range site.Categories {
		keep("category "+cat.Key, rd.WriteList(&b, c, c.CategoryPages(cat)[0]))
	}
	for _, r := range site.Roles {
		keep("role "+r.Slug, rd.WriteRole(&b, c, RoleInput{Role: r, BodyHTML: bodyHTML}))
	}
	keep("404", rd.WriteNotFound(&b, c))
	keep("alias", rd.WriteAlias(&b, c, site.Roles[0]))
	return pages
}

// TestJSONLDTypes: which pages carry which structured data. Only an open
// role has a JobPosting; every page but home and the alias page has a
// BreadcrumbList.
func TestJSONLDTypes(t *testing.T) {
	pages := sitePages(t, viewSite(), "<p>Text</p>")
	want := map[string][]string{
		"home":                     {"Organization", "WebSite"},
		"category tech":            {"BreadcrumbList"},
		"category sales":           {"BreadcrumbList"},
		"role backend-entwickler":  {"JobPosting", "BreadcrumbList"},
		"role frontend-entwickler": {"JobPosting", "BreadcrumbList"},
		"role it-berater":          {"BreadcrumbList"},
		"role key-account-manager": {"BreadcrumbList"},
		"404":                      {"BreadcrumbList"},
		"alias":                    {},
	}
	for name, page := range pages {
		if got := ldTypes(ldValues(t, page)); !reflect.DeepEqual(got, want[name]) {
			t.Errorf("%s: JSON-LD types %q, want %q", name, got, want[name])
		}
	}
	if len(pages) != len(want) {
		t.Errorf("%d pages rendered, want %d", len(pages), len(want))
	}
}

// TestJobPosting checks the fields Google requires and recommends (see
// shared/STRUCTURED-DATA.md) in the JobPosting of open roles.
func TestJobPosting(t *testing.T) {
	const body = "<p>Wir suchen <strong>Verstärkung</strong>.</p>"
	absent := struct{}{}
	type field struct {
		path string
		want any // a JSON value as encoding/json decodes it, or absent
	}
	tests := []struct {
		name   string
		slug   string
		site   func(s *content.Site) // optional
		edit   func(r *content.Role) // optional
		fields []field
	}{
		{
			name: "on site with salary",
			slug: "backend-entwickler",
			fields: []field{
				{"@context", "https://schema.org"},
				{"title", "Backend-Entwickler"},
				{"description", body},
				{"url", "https://karriere.example/tech/backend-entwickler/"},
				{"datePosted", "2026-11-02"},
				{"validThrough", "2027-01-31"},
				{"employmentType", []any{"FULL_TIME", "CONTRACTOR"}},
				{"hiringOrganization.@type", "Organization"},
				{"hiringOrganization.name", "Muster GmbH"},
				{"hiringOrganization.url", "https://muster.example/"},
				{"hiringOrganization.logo", "https://muster.example/logo.png"},
				{"hiringOrganization.sameAs", []any{"https://social.example/muster"}},
				{"jobLocation.@type", "Place"},
				{"jobLocation.address.@type", "PostalAddress"},
				{"jobLocation.address.streetAddress", "Domkloster 4"},
				{"jobLocation.address.addressLocality", "Köln"},
				{"jobLocation.address.addressRegion", "Nordrhein-Westfalen"},
				{"jobLocation.address.postalCode", "50667"},
				{"jobLocation.address.addressCountry", "DE"},
				{"jobLocationType", absent},
				{"applicantLocationRequirements", absent},
				{"baseSalary.@type", "MonetaryAmount"},
				{"baseSalary.currency", "EUR"},
				{"baseSalary.value.@type", "QuantitativeValue"},
				{"baseSalary.value.minValue", 55000.0},
				{"baseSalary.value.maxValue", 85000.0},
				{"baseSalary.value.unitText", "YEAR"},
				{"identifier.@type", "PropertyValue"},
				{"identifier.name", "Agentur Nord"},
				{"identifier.value", "backend-entwickler"},
				{"directApply", true},
				{"skills", "Go, SQL"},
				{"occupationalCategory", absent},
				{"experienceInPlaceOfEducation", absent},
			},
		},
		{
			name: "remote, confidential, no end date, no salary",
			slug: "frontend-entwickler",
			fields: []field{
				{"title", "Frontend-Entwickler"},
				{"datePosted", "2026-11-20"},
				{"validThrough", absent},
				{"jobLocationType", "TELECOMMUTE"},
				{"applicantLocationRequirements", []any{
					map[string]any{"@type": "Country", "name": "DE"},
					map[string]any{"@type": "Country", "name": "AT"},
					map[string]any{"@type": "Country", "name": "CH"},
				}},
				{"jobLocation", absent},
				{"hiringOrganization", map[string]any{"@type": "Organization", "name": "confidential"}},
				{"baseSalary", absent},
				{"employmentType", absent},
				{"directApply", false},
			},
		},
		{
			name: "no employer named: confidential",
			slug: "backend-entwickler",
			edit: func(r *content.Role) { r.HiringOrganization = content.Employer{} },
			fields: []field{
				{"hiringOrganization", map[string]any{"@type": "Organization", "name": "confidential"}},
			},
		},
		{
			name: "hourly salary with cents",
			slug: "backend-entwickler",
			edit: func(r *content.Role) {
				r.Salary = &content.Salary{Min: 18.5, Max: 24, Currency: "CHF", Unit: "HOUR"}
			},
			fields: []field{
				{"baseSalary", map[string]any{"@type": "MonetaryAmount", "currency": "CHF", "value": map[string]any{
					"@type": "QuantitativeValue", "minValue": 18.5, "maxValue": 24.0, "unitText": "HOUR"}}},
			},
		},
		{
			name: "ISCO code, experience in place of education",
			slug: "backend-entwickler",
			edit: func(r *content.Role) {
				r.OccupationCode, r.ExperienceMonths, r.Education, r.ExperienceInPlaceOfEducation = "2512", 24, "bachelor degree", true
			},
			fields: []field{
				{"occupationalCategory", map[string]any{"@type": "CategoryCode", "codeValue": "2512",
					"inCodeSet": content.ISCO08Set, "name": "Software developers"}},
				{"experienceRequirements", map[string]any{"@type": "OccupationalExperienceRequirements", "monthsOfExperience": 24.0}},
				{"educationRequirements", map[string]any{"@type": "EducationalOccupationalCredential", "credentialCategory": "bachelor degree"}},
				{"experienceInPlaceOfEducation", true},
			},
		},
		{
			name: "experience in place of education needs both requirements",
			slug: "backend-entwickler",
			edit: func(r *content.Role) { r.ExperienceMonths, r.ExperienceInPlaceOfEducation = 12, true },
			fields: []field{
				{"experienceRequirements.monthsOfExperience", 12.0},
				{"educationRequirements", absent},
				{"experienceInPlaceOfEducation", absent},
			},
		},
		{
			name: "identifier named after the site without an organization",
			slug: "backend-entwickler",
			site: func(s *content.Site) { s.Organization = content.Organization{} },
			fields: []field{
				{"identifier", map[string]any{"@type": "PropertyValue", "name": "Karriere", "value": "backend-entwickler"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := viewSite()
			if tt.site != nil {
				tt.site(site)
			}
			r := roleOf(t, site, tt.slug)
			if tt.edit != nil {
				tt.edit(r)
			}
			page := sitePages(t, site, body)["role "+tt.slug]
			jp := ldOf(ldValues(t, page), "JobPosting")
			if jp == nil {
				t.Fatal("no JobPosting")
			}
			for _, f := range tt.fields {
				got, ok := at(jp, f.path)
				switch {
				case f.want == absent && ok:
					t.Errorf("%s = %#v, want none", f.path, got)
				case f.want != absent && !ok:
					t.Errorf("%s missing, want %#v", f.path, f.want)
				case f.want != absent && !reflect.DeepEqual(got, f.want):
					t.Errorf("%s = %#v, want %#v", f.path, got, f.want)
				}
			}
			// validThrough, when set, is not before datePosted.
			if vt, ok := jp["validThrough"].(string); ok && vt < jp["datePosted"].(string) {
				t.Errorf("validThrough %s before datePosted %s", vt, jp["datePosted"])
			}
		})
	}
}

// TestBreadcrumbList: positions 1..n, the names of the visible trail,
// every item but the last with its absolute URL.
func TestBreadcrumbList(t *testing.T) {
	pages := sitePages(t, viewSite(), "<p>Text</p>")
	item := func(pos int, name, url string) map[string]any {
		m := map[string]any{"@type": "ListItem", "position": float64(pos), "name": name}
		if url != "" {
			m["item"] = url
		}
		return m
	}
	tests := []struct {
		page string
		want []any
	}{
		{"category tech", []any{item(1, "Karriere", "https://karriere.example/"), item(2, "Tech", "")}},
		{"role backend-entwickler", []any{
			item(1, "Karriere", "https://karriere.example/"),
			item(2, "Tech", "https://karriere.example/tech/"),
			item(3, "Backend-Entwickler", ""),
		}},
		{"role key-account-manager", []any{
			item(1, "Karriere", "https://karriere.example/"),
			item(2, "Vertrieb", "https://karriere.example/sales/"),
			item(3, "Key Account Manager", ""),
		}},
		{"404", []any{item(1, "Karriere", "https://karriere.example/"), item(2, "Seite nicht gefunden", "")}},
	}
	for _, tt := range tests {
		bl := ldOf(ldValues(t, pages[tt.page]), "BreadcrumbList")
		if bl == nil {
			t.Errorf("%s: no BreadcrumbList", tt.page)
			continue
		}
		if bl["@context"] != "https://schema.org" {
			t.Errorf("%s: @context %v", tt.page, bl["@context"])
		}
		if got := bl["itemListElement"]; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: itemListElement\n got %#v\nwant %#v", tt.page, got, tt.want)
		}
	}
}

// TestHomeJSONLD: the home page names the agency and the site.
func TestHomeJSONLD(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(s *content.Site)
		org, ws map[string]any
	}{
		{"with organization", nil,
			map[string]any{"@context": "https://schema.org", "@type": "Organization", "name": "Agentur Nord", "url": "https://agentur.example/", "logo": "https://agentur.example/logo.png"},
			map[string]any{"@context": "https://schema.org", "@type": "WebSite", "name": "Karriere", "url": "https://karriere.example/", "inLanguage": "de"}},
		{"without organization: the site", func(s *content.Site) { s.Organization = content.Organization{}; s.Language = "" },
			map[string]any{"@context": "https://schema.org", "@type": "Organization", "name": "Karriere", "url": "https://karriere.example/"},
			map[string]any{"@context": "https://schema.org", "@type": "WebSite", "name": "Karriere", "url": "https://karriere.example/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := viewSite()
			if tt.edit != nil {
				tt.edit(site)
			}
			vs := ldValues(t, sitePages(t, site, "")["home"])
			if got := ldOf(vs, "Organization"); !reflect.DeepEqual(got, tt.org) {
				t.Errorf("Organization\n got %#v\nwant %#v", got, tt.org)
			}
			if got := ldOf(vs, "WebSite"); !reflect.DeepEqual(got, tt.ws) {
				t.Errorf("WebSite\n got %#v\nwant %#v", got, tt.ws)
			}
		})
	}
}

// TestJSONLDGolden compares the JSON-LD of every page of viewSite, as
// written, with testdata/jsonld.golden: field order and encoding included.
// go test -run TestJSONLDGolden -update rewrites it.
func TestJSONLDGolden(t *testing.T) {
	pages := sitePages(t, viewSite(), "<p>Wir suchen <em>Sie</em> &amp; Ihr Team.</p>")
	names := make([]string, 0, len(pages))
	for name := range pages {
		names = append(names, name)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, name := range names {
		b.WriteString("== " + name + "\n")
		for _, block := range ldBlocks(t, pages[name]) {
			b.WriteString(block + "\n")
		}
	}
	checkGolden(t, filepath.Join("testdata", "jsonld.golden"), b.String())
}

// checkGolden compares got with the golden file at path, or rewrites the
// file with -update.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run %s -update writes it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -run %s -update rewrites it):\n%s", path, t.Name(), firstDiff(got, string(want)))
	}
}

// The JobPosting of an open role never has a validThrough before the
// build time: a role whose end lies before it has none.
func TestNoExpiredJobPosting(t *testing.T) {
	for _, days := range []int{-30, -1, 0, 1, 30} {
		site := viewSite()
		r := roleOf(t, site, "backend-entwickler")
		end := time.Date(viewNow.Year(), viewNow.Month(), viewNow.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
		r.ValidThrough = end
		jp := ldOf(ldValues(t, sitePages(t, site, "<p>x</p>")["role backend-entwickler"]), "JobPosting")
		wantOpen := days > 0
		if (jp != nil) != wantOpen {
			t.Errorf("valid through %s, build at %s: JobPosting %v, want %v", end.Format(isoDate), viewNow.Format(time.RFC3339), jp != nil, wantOpen)
		}
		if jp != nil && jp["validThrough"] != end.Format(isoDate) {
			t.Errorf("validThrough %v, want %s", jp["validThrough"], end.Format(isoDate))
		}
	}
}
