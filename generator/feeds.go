package generator

import (
	"fmt"
	"time"

	"rolesite/generator/content"
	"rolesite/generator/feed"
	"rolesite/generator/output"
	"rolesite/generator/render"
)

// feedFiles are the Atom feeds of the open positions (package feed): the
// site's at /feed.xml, each category's and each location's beside its
// page (a category's at a location has none: its location's serves). An entry's
// <updated> is the role's LastMod, the date its sitemap entry carries.
func feedFiles(rc *render.Context, now time.Time, dates map[string]time.Time) ([]output.File, error) {
	site := rc.Site
	m, err := feed.New(site, now, func(r *content.Role) time.Time { return LastMod(r, now, dates) })
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	files := make([]output.File, 0, len(site.Categories)+1)
	files = append(files, m.Feed(feed.Scope{Title: rc.FeedTitle(""), Page: "/", Roles: site.Roles}))
	for _, cat := range site.Categories {
		files = append(files, m.Feed(feed.Scope{Title: rc.FeedTitle(cat.Title), Page: "/" + cat.Key + "/", Roles: cat.Roles}))
	}
	for _, l := range rc.Locations {
		files = append(files, m.Feed(feed.Scope{Title: rc.FeedTitle(l.Name), Page: l.Path, Roles: l.Roles}))
	}
	return files, nil
}
