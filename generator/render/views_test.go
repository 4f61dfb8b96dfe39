package render

import (
	"bytes"
	"html"
	"strings"
	"testing"
	"time"

	"rolesite/generator/content"
	"rolesite/internal/testtree"
)

// The build time of every test in this file and in jsonld_test.go and
// escape_test.go.
var viewNow = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// viewSite is a site of two categories: tech with an open on-site role
// (salary, employer, dates), an open remote role and a role description;
// sales with a closed opening.
func viewSite() *content.Site {
	tech := &content.Category{Key: "tech", Title: "Tech", Description: "Technik-Rollen"}
	sales := &content.Category{Key: "sales", Title: "Vertrieb", Description: "Vertriebs-Rollen"}
	site := &content.Site{
		Title: "Karriere", BaseURL: "https://karriere.example/", Language: "de",
		Organization: content.Organization{Name: "Agentur Nord", URL: "https://agentur.example/", Logo: "https://agentur.example/logo.png"},
		Contact:      content.Contact{Email: "jobs@agentur.example", Phone: "+49 40 123"},
		Categories:   []*content.Category{tech, sales},
	}
	onsite := &content.Role{
		Slug: "backend-entwickler", Title: "Backend-Entwickler", Category: "tech", Description: "Go und Postgres.",
		EmploymentType: []string{"FULL_TIME", "CONTRACTOR"},
		Salary:         &content.Salary{Min: 55000, Max: 85000, Currency: "EUR", Unit: "YEAR"},
		Location:       content.Location{Locality: "Köln", Region: "Nordrhein-Westfalen", PostalCode: "50667", Street: "Domkloster 4", Country: "DE"},
		HiringOrganization: content.Employer{Organization: content.Organization{Name: "Muster GmbH", URL: "https://muster.example/",
			Logo: "https://muster.example/logo.png", SameAs: []string{"https://social.example/muster"}}},
		DatePosted:   time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC),
		ValidThrough: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC),
		Skills:       []string{"Go", "SQL"},
		Synonyms:     []string{"Go-Entwickler"},
		DirectApply:  true,
	}
	remote := &content.Role{
		Slug: "frontend-entwickler", Title: "Frontend-Entwickler", Category: "tech", Description: "TypeScript.",
		Remote: true, ApplicantCountries: []string{"DE", "AT", "CH"},
		HiringOrganization: content.Employer{Confidential: true},
		DatePosted:         time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
	}
	description := &content.Role{
		Slug: "it-berater", Title: "IT-Berater", Category: "tech", Description: "Ein Rollenprofil.",
		Location: content.Location{Locality: "Hamburg", Country: "DE"},
	}
	closed := &content.Role{
		Slug: "key-account-manager", Title: "Key Account Manager", Category: "sales", Description: "Großkunden.",
		Location:           content.Location{Locality: "München", Region: "Bayern", Country: "DE"},
		Salary:             &content.Salary{Min: 4500, Max: 4500, Currency: "EUR", Unit: "MONTH"},
		HiringOrganization: content.Employer{Organization: content.Organization{Name: "Handel AG"}},
		DatePosted:         time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC),
		ValidThrough:       time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC),
	}
	tech.Roles = []*content.Role{onsite, remote, description}
	sales.Roles = []*content.Role{closed}
	site.Roles = []*content.Role{onsite, remote, description, closed}
	return site
}

// roleOf returns the role of site with the slug.
func roleOf(t *testing.T, site *content.Site, slug string) *content.Role {
	t.Helper()
	for _, r := range site.Roles {
		if r.Slug == slug {
			return r
		}
	}
	t.Fatalf("no role %q", slug)
	return nil
}

// The probe layouts write the fields of a page's view, one "name=value"
// line each, in place of the built-in page templates: what the templates
// receive from WriteHome, WriteList and WriteRole.
var probeLayouts = map[string]string{
	"role.html": `title={{.Title}}
heading={{.Heading}}
description={{.Description}}
canonical={{.Canonical}}
ogtype={{.OGType}}
crumbs={{range .Crumbs}}{{.Name}} {{.URL}} {{.Path}};{{end}}
{{with .Role}}status={{.Status}}
category={{.CategoryTitle}} {{.CategoryPath}}
location={{.Location}}
remote={{.Remote}}
countries={{.RemoteCountries}}
employment={{range .EmploymentTypes}}{{.}};{{end}}
salary={{.Salary}}
skills={{range .Skills}}{{.}};{{end}}
synonyms={{range .Synonyms}}{{.}};{{end}}
employer={{.Employer}}
employerurl={{.EmployerURL}}
posted={{.DatePosted}} {{.DatePostedISO}}
valid={{.ValidThrough}} {{.ValidThroughISO}}
body={{.Body}}
related={{range .Related}}{{.Title}} {{.Path}} {{.Status}} {{.Location}} {{.Salary}};{{end}}
mentioned={{range .MentionedIn}}{{.Title}} {{.Status}};{{end}}
apply={{.ApplyURL}}
share={{range .Share}}{{.Name}} {{.URL}};{{end}}
{{end}}`,
	"category.html": `title={{.Title}}
heading={{.Heading}}
description={{.Description}}
canonical={{.Canonical}}
crumbs={{range .Crumbs}}{{.Name}} {{.URL}} {{.Path}};{{end}}
{{with .Category}}key={{.Key}}
path={{.Path}}
open={{range .Open}}{{.Title}} {{.Status}};{{end}}
descriptions={{range .Descriptions}}{{.Title}} {{.Status}};{{end}}
{{end}}`,
	"home.html": `title={{.Title}}
description={{.Description}}
canonical={{.Canonical}}
crumbs={{len .Crumbs}}
{{with .Home}}open={{.OpenCount}}
roles={{.RoleCount}}
categories={{range .Categories}}{{.Key}}: {{range .Open}}{{.Title}}, {{end}}| {{range .Descriptions}}{{.Title}}, {{end}};{{end}}
{{end}}`,
}

// probeRenderer is a Renderer with the probe layouts.
func probeRenderer(t *testing.T) *Renderer {
	t.Helper()
	rd, errs := New(testtree.Write(t, t.TempDir(), probeLayouts))
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	return rd
}

// probeFields reads the lines a probe layout wrote.
func probeFields(t *testing.T, out string) map[string]string {
	t.Helper()
	fields := map[string]string{}
	for _, line := range strings.Split(html.UnescapeString(out), "\n") {
		if line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("probe line %q has no =", line)
		}
		fields[k] = v
	}
	return fields
}

// checkFields compares the fields named in want with got.
func checkFields(t *testing.T, got, want map[string]string) {
	t.Helper()
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			t.Errorf("%s: not written", k)
		} else if g != w {
			t.Errorf("%s = %q, want %q", k, g, w)
		}
	}
}

func TestRoleView(t *testing.T) {
	tests := []struct {
		name string
		slug string
		edit func(r *content.Role)
		want map[string]string
	}{
		{
			name: "open, on site, with salary",
			slug: "backend-entwickler",
			want: map[string]string{
				"title":       "Backend-Entwickler – Job in Köln | Karriere",
				"heading":     "Backend-Entwickler",
				"description": "Go und Postgres.",
				"canonical":   "https://karriere.example/tech/backend-entwickler/",
				"ogtype":      "article",
				"crumbs":      "Karriere https://karriere.example/ /;Tech https://karriere.example/tech/ /tech/;Backend-Entwickler https://karriere.example/tech/backend-entwickler/ /tech/backend-entwickler/;",
				"status":      "open",
				"category":    "Tech /tech/",
				"location":    "50667 Köln, Nordrhein-Westfalen, Deutschland",
				"remote":      "false",
				"countries":   "",
				"employment":  "Vollzeit;Freiberuflich;",
				"salary":      "55.000\u202f–\u202f85.000\u00a0€ pro Jahr",
				"skills":      "Go;SQL;",
				"synonyms":    "Go-Entwickler;",
				"employer":    "Muster GmbH",
				"employerurl": "https://muster.example/",
				"posted":      "2. November 2026 2026-11-02",
				"valid":       "31. Januar 2027 2027-01-31",
				"body":        "<p>Body</p>",
			},
		},
		{
			name: "open, remote, no salary, confidential employer",
			slug: "frontend-entwickler",
			want: map[string]string{
				"title":       "Frontend-Entwickler – Job (remote) | Karriere",
				"status":      "open",
				"location":    "",
				"remote":      "true",
				"countries":   "Deutschland, Österreich oder Schweiz",
				"salary":      "",
				"employment":  "",
				"employer":    "Vertraulicher Kunde von Agentur Nord",
				"employerurl": "",
				"posted":      "20. November 2026 2026-11-20",
				"valid":       " ",
			},
		},
		{
			name: "no employer named: a confidential client of the agency",
			slug: "frontend-entwickler",
			edit: func(r *content.Role) { r.HiringOrganization = content.Employer{} },
			want: map[string]string{"employer": "Vertraulicher Kunde von Agentur Nord"},
		},
		{
			name: "open, no locality",
			slug: "backend-entwickler",
			edit: func(r *content.Role) { r.Location = content.Location{Country: "XX"} },
			want: map[string]string{"title": "Backend-Entwickler – Job | Karriere", "location": "XX"},
		},
		{
			name: "open, applied for at the client's system, shared",
			slug: "backend-entwickler",
			edit: func(r *content.Role) { r.ApplyURL = "https://ats.example.net/jobs/4711?src=karriere" },
			want: map[string]string{
				"apply": "https://ats.example.net/jobs/4711?src=karriere",
				"share": "LinkedIn https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fkarriere.example%2Ftech%2Fbackend-entwickler%2F;" +
					"XING https://www.xing.com/spi/shares/new?url=https%3A%2F%2Fkarriere.example%2Ftech%2Fbackend-entwickler%2F;" +
					"WhatsApp https://wa.me/?text=Backend-Entwickler+https%3A%2F%2Fkarriere.example%2Ftech%2Fbackend-entwickler%2F;" +
					"E-Mail mailto:?subject=Backend-Entwickler&body=https%3A%2F%2Fkarriere.example%2Ftech%2Fbackend-entwickler%2F;",
			},
		},
		{
			name: "closed: no application, no sharing",
			slug: "key-account-manager",
			edit: func(r *content.Role) { r.ApplyURL = "https://ats.example.net/jobs/1" },
			want: map[string]string{"apply": "", "share": ""},
		},
		{
			name: "role description",
			slug: "it-berater",
			want: map[string]string{
				"title":    "IT-Berater – Rollenprofil | Karriere",
				"status":   "description",
				"location": "Hamburg, Deutschland",
				"employer": "",
				"posted":   " ",
				"valid":    " ",
			},
		},
		{
			name: "closed opening",
			slug: "key-account-manager",
			want: map[string]string{
				"title":    "Key Account Manager – Rollenprofil | Karriere",
				"status":   "closed",
				"category": "Vertrieb /sales/",
				"location": "München, Bayern, Deutschland",
				"salary":   "4.500\u00a0€ pro Monat",
				"employer": "Handel AG",
				"valid":    "30. November 2026 2026-11-30",
				"crumbs":   "Karriere https://karriere.example/ /;Vertrieb https://karriere.example/sales/ /sales/;Key Account Manager https://karriere.example/sales/key-account-manager/ /sales/key-account-manager/;",
			},
		},
		{
			name: "open until the day after the build",
			slug: "key-account-manager",
			edit: func(r *content.Role) { r.ValidThrough = time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC) },
			want: map[string]string{"status": "open", "title": "Key Account Manager – Job in München | Karriere"},
		},
		{
			name: "closes at midnight of the build day",
			slug: "key-account-manager",
			edit: func(r *content.Role) { r.ValidThrough = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) },
			want: map[string]string{"status": "closed"},
		},
		{
			name: "unknown category: its key",
			slug: "it-berater",
			edit: func(r *content.Role) { r.Category = "misc" },
			want: map[string]string{"category": "misc /misc/"},
		},
	}
	rd := probeRenderer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := viewSite()
			r := roleOf(t, site, tt.slug)
			if tt.edit != nil {
				tt.edit(r)
			}
			c := rd.NewContext(site, viewNow)
			var b bytes.Buffer
			if err := rd.WriteRole(&b, c, RoleInput{Role: r, BodyHTML: "<p>Body</p>"}); err != nil {
				t.Fatal(err)
			}
			checkFields(t, probeFields(t, b.String()), tt.want)
		})
	}
}

// TestRoleViewLists: related roles and the roles that mention one are
// listed with their status, location and salary.
func TestRoleViewLists(t *testing.T) {
	rd := probeRenderer(t)
	site := viewSite()
	c := rd.NewContext(site, viewNow)
	var b bytes.Buffer
	in := RoleInput{Role: site.Roles[0], Related: site.Roles[1:3], MentionedIn: site.Roles[3:]}
	if err := rd.WriteRole(&b, c, in); err != nil {
		t.Fatal(err)
	}
	checkFields(t, probeFields(t, b.String()), map[string]string{
		"related":   "Frontend-Entwickler /tech/frontend-entwickler/ open 100\u00a0% remote ;IT-Berater /tech/it-berater/ description Hamburg ;",
		"mentioned": "Key Account Manager closed;",
	})
}

func TestCategoryView(t *testing.T) {
	rd := probeRenderer(t)
	tests := []struct {
		key  string
		want map[string]string
	}{
		{"tech", map[string]string{
			"title":        "Tech: Jobs und Rollen | Karriere",
			"heading":      "Tech",
			"description":  "Technik-Rollen",
			"canonical":    "https://karriere.example/tech/",
			"crumbs":       "Karriere https://karriere.example/ /;Tech https://karriere.example/tech/ /tech/;",
			"key":          "tech",
			"path":         "/tech/",
			"open":         "Backend-Entwickler open;Frontend-Entwickler open;",
			"descriptions": "IT-Berater description;",
		}},
		{"sales", map[string]string{
			"title":        "Vertrieb: Jobs und Rollen | Karriere",
			"open":         "",
			"descriptions": "Key Account Manager closed;",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			site := viewSite()
			c := rd.NewContext(site, viewNow)
			var cat *content.Category
			for _, k := range site.Categories {
				if k.Key == tt.key {
					cat = k
				}
			}
			var b bytes.Buffer
			if err := rd.WriteList(&b, c, c.CategoryPages(cat)[0]); err != nil {
				t.Fatal(err)
			}
			checkFields(t, probeFields(t, b.String()), tt.want)
		})
	}
}

func TestHomeView(t *testing.T) {
	rd := probeRenderer(t)
	tests := []struct {
		name string
		edit func(s *content.Site)
		want map[string]string
	}{
		{"two categories", nil, map[string]string{
			"title":       "Karriere",
			"description": "Karriere: offene Positionen und Rollenprofile in Tech und Vertrieb.",
			"canonical":   "https://karriere.example/",
			"crumbs":      "0",
			"open":        "2",
			"roles":       "4",
			"categories":  "tech: Backend-Entwickler, Frontend-Entwickler, | IT-Berater, ;sales: | Key Account Manager, ;",
		}},
		{"three categories", func(s *content.Site) {
			s.Categories = append(s.Categories, &content.Category{Key: "ops", Title: "Betrieb"})
		}, map[string]string{
			"description": "Karriere: offene Positionen und Rollenprofile in Tech, Vertrieb und Betrieb.",
			"categories":  "tech: Backend-Entwickler, Frontend-Entwickler, | IT-Berater, ;sales: | Key Account Manager, ;ops: | ;",
		}},
		{"a long title is cut at a word", func(s *content.Site) {
			s.Title = strings.Repeat("Karriere ", 20)
		}, map[string]string{
			"description": strings.Repeat("Karriere ", 16) + "Karriere…",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := viewSite()
			if tt.edit != nil {
				tt.edit(site)
			}
			c := rd.NewContext(site, viewNow)
			var b bytes.Buffer
			if err := rd.WriteHome(&b, c); err != nil {
				t.Fatal(err)
			}
			checkFields(t, probeFields(t, b.String()), tt.want)
		})
	}
}
