package render

import (
	"rolesite/generator/feed"
)

// FeedLink is the Atom feed a page names in its <head> (Page.Feed).
type FeedLink struct {
	Title string // the feed's title: "Offene Positionen – Karriere bei Nordwind Recruiting"
	Href  string // the feed's absolute URL: "https://karriere.example/feed.xml"
}

// FeedTitle is the title of the feed of a scope, in the site's
// language: the whole site when scope is "", else a category's or a
// location's name. The feed and the <link> of its page both carry it.
func (c *Context) FeedTitle(scope string) string {
	if scope == "" {
		return c.msg("feed_title", c.Site.Title)
	}
	return c.msg("feed_title_scope", scope, c.Site.Title)
}

// feedLink is the FeedLink of the page at site path page, whose feed is
// titled for scope (see FeedTitle).
func (c *Context) feedLink(scope, page string) *FeedLink {
	return &FeedLink{Title: c.FeedTitle(scope), Href: c.Abs(page + feed.File)}
}
