package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"rolesite/generator/content"
)

// BenchmarkRolePage renders one role page, with related and mentioning
// roles and a body of some 3 KB, by the generated writer and through
// html/template.
func BenchmarkRolePage(b *testing.B) {
	site := cardSite()
	for i := range 12 {
		r := &content.Role{Slug: fmt.Sprintf("rolle-%d", i), Title: fmt.Sprintf("Rolle %d", i), Category: "tech",
			Description: "Beschreibung", DatePosted: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
			Location: content.Location{Locality: "Hamburg", Country: "DE"},
			Salary:   &content.Salary{Min: 50000, Max: 70000, Currency: "EUR", Unit: "YEAR"}}
		site.Categories[0].Roles = append(site.Categories[0].Roles, r)
		site.Roles = append(site.Roles, r)
	}
	role := site.Roles[0]
	role.Skills = []string{"Go", "PostgreSQL", "Kubernetes", "gRPC"}
	role.Synonyms = []string{"Backend Developer", "Server-Entwickler"}
	role.EmploymentType = []string{"FULL_TIME"}
	body := strings.Repeat("<p>Wir suchen eine Entwicklerin oder einen Entwickler für unser Team in Köln.</p>\n", 40)
	in := RoleInput{Role: role, BodyHTML: body, Related: site.Roles[3:9], MentionedIn: site.Roles[9:15]}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		fast bool // newRenderer's: the generated writer, else html/template
	}{
		{"generated", true},
		{"html-template", false},
	} {
		b.Run(tt.name, func(b *testing.B) {
			rd, errs := newRenderer("", tt.fast)
			if errs.HasErrors() {
				b.Fatal(errs)
			}
			if rd.generatedRole != tt.fast {
				b.Fatalf("generated writer used: %t, want %t", rd.generatedRole, tt.fast)
			}
			c := rd.NewContext(site, now)
			var w bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				w.Reset()
				if err := rd.WriteRole(&w, c, in); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(w.Len()))
		})
	}
}
