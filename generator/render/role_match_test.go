package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolesite/generator/content"
)

// hostile are texts that each escaping context must handle: markup,
// quotes, entities, URL schemes html/template filters, bytes its URL
// normalizer encodes, invalid UTF-8, NUL and JavaScript line breaks.
var hostile = []string{
	`<script>alert("x")</script>`,
	`"'&+<>`,
	"a\x00b",
	"javascript:alert(1)",
	"JaVaScRiPt:alert(1)",
	"data:text/html,<b>x</b>",
	"//evil.example/path?q=1&r=2#frag",
	"https://example.test/a b/ü?x=1+2",
	"mailto:a@example.test?subject=a b",
	"%zz%41%4",
	"ü€😀 \u2028\u2029",
	"tab\there\nline",
	"\xff\xfeinvalid",
	"&amp; &#34; {{.}}",
	"",
}

// TestGeneratedRoleMatchesTemplates renders role pages with the generated
// writer (role_gen.go) and through html/template, each hostile text in every field a role page
// shows, for open, closed and description roles, remote and on-site, with
// and without lists, and requires the same bytes.
func TestGeneratedRoleMatchesTemplates(t *testing.T) {
	fast, errs := newRenderer("", true)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if !fast.generatedRole {
		t.Fatal("built-in layouts do not use the generated writer")
	}
	slow, _ := newRenderer("", false)
	if slow.generatedRole {
		t.Fatal("the reference renderer uses the generated writer")
	}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	fields := map[string]func(s *content.Site, r *content.Role, v string){
		"site title": func(s *content.Site, r *content.Role, v string) { s.Title = v },
		// The language is not among them: it chooses the catalogue, and a
		// language without one is an error (TestCheckLanguage).
		"base url":        func(s *content.Site, r *content.Role, v string) { s.BaseURL = v },
		"agency name":     func(s *content.Site, r *content.Role, v string) { s.Organization.Name = v },
		"agency url":      func(s *content.Site, r *content.Role, v string) { s.Organization.URL = v },
		"logo":            func(s *content.Site, r *content.Role, v string) { s.Organization.Logo = v },
		"email":           func(s *content.Site, r *content.Role, v string) { s.Contact.Email = v },
		"phone":           func(s *content.Site, r *content.Role, v string) { s.Contact.Phone = v },
		"category title":  func(s *content.Site, r *content.Role, v string) { s.Categories[0].Title = v },
		"category key":    func(s *content.Site, r *content.Role, v string) { s.Categories[0].Key = v; r.Category = v },
		"role title":      func(s *content.Site, r *content.Role, v string) { r.Title = v },
		"slug":            func(s *content.Site, r *content.Role, v string) { r.Slug = v },
		"description":     func(s *content.Site, r *content.Role, v string) { r.Description = v },
		"synonym":         func(s *content.Site, r *content.Role, v string) { r.Synonyms = []string{v, "Zweitname"} },
		"skill":           func(s *content.Site, r *content.Role, v string) { r.Skills = []string{"Go", v} },
		"employment type": func(s *content.Site, r *content.Role, v string) { r.EmploymentType = []string{"FULL_TIME", v} },
		"locality":        func(s *content.Site, r *content.Role, v string) { r.Location.Locality = v },
		"postal code":     func(s *content.Site, r *content.Role, v string) { r.Location.PostalCode = v },
		"region":          func(s *content.Site, r *content.Role, v string) { r.Location.Region = v },
		"country":         func(s *content.Site, r *content.Role, v string) { r.Location.Country = v },
		"street":          func(s *content.Site, r *content.Role, v string) { r.Location.Street = v },
		"currency": func(s *content.Site, r *content.Role, v string) {
			r.Salary = &content.Salary{Min: 1, Max: 2, Currency: v, Unit: "MONTH"}
		},
		"employer":     func(s *content.Site, r *content.Role, v string) { r.HiringOrganization.Name = v },
		"employer url": func(s *content.Site, r *content.Role, v string) { r.HiringOrganization.URL = v },
		"apply url":    func(s *content.Site, r *content.Role, v string) { r.ApplyURL = v },
		"remote countries": func(s *content.Site, r *content.Role, v string) {
			r.Remote = true
			r.ApplicantCountries = []string{"DE", v}
		},
		"occupation code": func(s *content.Site, r *content.Role, v string) { r.OccupationCode = v },
	}
	variants := map[string]func(r *content.Role){
		"open":        func(r *content.Role) {},
		"closed":      func(r *content.Role) { r.ValidThrough = now.AddDate(0, 0, -3) },
		"description": func(r *content.Role) { r.DatePosted = time.Time{} },
		"remote":      func(r *content.Role) { r.Remote = true; r.ApplicantCountries = []string{"DE", "AT"} },
		"confidential": func(r *content.Role) {
			r.HiringOrganization.Confidential = true
		},
		"no salary, no location": func(r *content.Role) { r.Salary = nil; r.Location = content.Location{} },
	}
	compare := func(t *testing.T, name string, edit func(*content.Site, *content.Role), body string, lists bool) {
		t.Helper()
		compareRolePages(t, name, fast, slow, now, edit, body, lists)
	}
	for vname, variant := range variants {
		for _, lists := range []bool{true, false} {
			name := fmt.Sprintf("%s, lists %t", vname, lists)
			compare(t, name, func(s *content.Site, r *content.Role) { variant(r) }, "<p>Text</p>", lists)
		}
		for fname, set := range fields {
			for i, v := range hostile {
				name := fmt.Sprintf("%s, %s = hostile[%d]", vname, fname, i)
				compare(t, name, func(s *content.Site, r *content.Role) { variant(r); set(s, r, v) }, "<p>"+v+"</p>", true)
			}
		}
	}
}

// compareRolePages renders a role page of cardSite, after edit, with the
// generated writer (fast) and through html/template (slow), and fails t
// when the two differ.
func compareRolePages(t *testing.T, name string, fast, slow *Renderer, now time.Time, edit func(*content.Site, *content.Role), body string, lists bool) {
	t.Helper()
	render := func(rd *Renderer) string {
		site := cardSite()
		r := site.Roles[0]
		r.HiringOrganization = content.Employer{Organization: content.Organization{Name: "Muster GmbH", URL: "https://muster.example/"}}
		r.ValidThrough = now.AddDate(0, 2, 0)
		edit(site, r)
		c := rd.NewContext(site, now)
		in := RoleInput{Role: r, BodyHTML: body}
		if lists {
			in.Related, in.MentionedIn = site.Roles[1:], site.Roles[1:2]
		}
		var b bytes.Buffer
		if err := rd.WriteRole(&b, c, in); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return b.String()
	}
	if got, want := render(fast), render(slow); got != want {
		t.Errorf("%s: the generated writer differs from the templates:\n%s", name, firstDiff(got, want))
	}
}

// FuzzGeneratedRoleMatchesTemplates puts one text into every field of a
// role page that the escapers treat apart (text, attribute, URL, mailto,
// JSON-LD, lists) and requires the generated writer and html/template to
// write the same bytes.
func FuzzGeneratedRoleMatchesTemplates(f *testing.F) {
	for _, h := range hostile {
		f.Add(h)
	}
	fast, errs := newRenderer("", true)
	if errs.HasErrors() || !fast.generatedRole {
		f.Fatal("built-in layouts do not use the generated writer", errs)
	}
	slow, _ := newRenderer("", false)
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		compareRolePages(t, "fuzz", fast, slow, now, func(s *content.Site, r *content.Role) {
			s.Title, s.Contact.Email, s.Organization.URL = v, v, v
			s.Categories[0].Title = v
			r.Title, r.Description, r.Synonyms, r.Skills = v, v, []string{v}, []string{v}
			r.Location.Locality = v
			r.HiringOrganization.Name, r.HiringOrganization.URL = v, v
			r.Salary = &content.Salary{Min: 1, Max: 2, Currency: v, Unit: "MONTH"}
		}, "<p>"+v+"</p>", true)
	})
}

// firstDiff shows where two pages part.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("got:  %q\nwant: %q", got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}

// TestGeneratedRoleOnlyWithBuiltins: the generated role writer serves
// while the role templates are the built-in ones, built in or copied
// unchanged into layouts/ (build -eject); an edited copy of any of them
// makes role pages go through html/template. Other layouts do not matter.
func TestGeneratedRoleOnlyWithBuiltins(t *testing.T) {
	for _, name := range []string{"_base.html", "_partials.html", "role.html", "home.html", "style.css"} {
		for _, edited := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/edited=%t", name, edited), func(t *testing.T) {
				dir := t.TempDir()
				src, err := builtin.ReadFile("templates/" + name)
				if err != nil {
					t.Fatal(err)
				}
				if edited {
					src = append(src, "\n"...)
				}
				if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
					t.Fatal(err)
				}
				rd, errs := New(dir)
				if errs.HasErrors() {
					t.Fatal(errs)
				}
				want := !edited || !strings.HasPrefix(name, "_") && name != "role.html"
				if got := rd.generatedRole; got != want {
					t.Errorf("generated writer used with %s overridden (edited %t): %t, want %t", name, edited, got, want)
				}
			})
		}
	}
}
