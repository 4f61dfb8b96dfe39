package feed

import (
	"fmt"
	"testing"
	"time"

	"rolesite/generator/content"
)

// BenchmarkFeeds10000 makes the site's feed and the feeds of its two
// categories for 10,000 open positions, as a build does.
func BenchmarkFeeds10000(b *testing.B) {
	var roles []*content.Role
	start := day("2025-01-01")
	for i := range 10_000 {
		r := role(fmt.Sprintf("role-%05d", i), start.Add(time.Duration(i)*time.Hour).Format(time.DateOnly))
		if i%2 == 1 {
			r.Category = "sales"
		}
		roles = append(roles, r)
	}
	site := testSite(roles...)
	m, err := New(site, now, lastMods)
	if err != nil {
		b.Fatal(err)
	}
	scopes := []Scope{{Title: "t", Page: "/", Roles: site.Roles}}
	for _, c := range site.Categories {
		scopes = append(scopes, Scope{Title: c.Title, Page: "/" + c.Key + "/", Roles: c.Roles})
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range scopes {
			m.Feed(s)
		}
	}
}
