package render

import (
	"rolesite/generator/content"
	"rolesite/generator/feed"
)

// FeedLink is the Atom feed a page names in its <head> (Page.Feed).
type FeedLink struct {
	Title string // the feed's title: "Offene Positionen – Karriere bei Nordwind Recruiting"
	Href  string // the feed's absolute URL: "https://karriere.example/feed.xml"
}

// FeedTitle is the title of the feed of a scope of site: the whole site
// when scope is "", else a category's or a location's name. The feed
// and the <link> of its page both carry it.
func FeedTitle(site *content.Site, scope string) string {
	if scope == "" {
		return "Offene Positionen – " + site.Title
	}
	return "Offene Positionen: " + scope + " – " + site.Title
}

// feedLink is the FeedLink of the page at site path page, whose feed is
// titled for scope (see FeedTitle).
func (c *Context) feedLink(scope, page string) *FeedLink {
	return &FeedLink{Title: FeedTitle(c.Site, scope), Href: c.Abs(page + feed.File)}
}
