// Package feed writes Atom feeds (RFC 4287) of a site's open positions: one
// per scope, a set of roles with the page that lists them (the whole site,
// a category, a location). A feed holds an entry per open position of its
// scope, newest first, at most MaxEntries of them; role descriptions,
// closed openings and drafts are left out. The same input gives the same
// bytes: nothing in a feed depends on the build time except which roles
// are open at it.
package feed

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"rolesite/generator/content"
	"rolesite/generator/output"
)

// File is the name of a page's feed in the page's folder: the feed of
// /tech/ is /tech/feed.xml.
const File = "feed.xml"

// MaxEntries is how many entries a feed holds at most: the open positions
// updated last. A feed reader polls it for what is new, not for the whole
// list, which the pages and the sitemap have.
const MaxEntries = 100

// Scope is what one feed covers.
type Scope struct {
	// Title is the feed's title, as the page's <link rel="alternate">
	// names it too.
	Title string
	// Page is the site path of the page that lists the scope's roles
	// ("/", "/tech-development/"); the feed is Page + File.
	Page string
	// Roles are the roles of the scope; those that are not open positions
	// at the build time, and drafts, are left out.
	Roles []*content.Role
}

// Maker writes the feeds of one build of one site.
type Maker struct {
	site       *content.Site
	now        time.Time
	lastMod    func(*content.Role) time.Time
	categories map[string]string // key -> title
	tagPrefix  string            // "tag:karriere.example,"
	tagPath    string            // the base URL's path without its leading slash: "" or "karriere/"
}

// New returns the Maker of site's feeds at build time now. lastMod tells a
// role's last change, the date the sitemap gives its page too; it is each
// entry's <updated>.
func New(site *content.Site, now time.Time, lastMod func(*content.Role) time.Time) (*Maker, error) {
	base, err := url.Parse(site.BaseURL)
	if err != nil || base.Hostname() == "" {
		return nil, fmt.Errorf("feed: base URL %q is not an absolute URL", site.BaseURL)
	}
	m := &Maker{site: site, now: now, lastMod: lastMod, categories: map[string]string{},
		tagPrefix: "tag:" + strings.ToLower(base.Hostname()) + ",",
		tagPath:   strings.TrimPrefix(base.EscapedPath(), "/"),
	}
	if m.tagPath != "" && !strings.HasSuffix(m.tagPath, "/") {
		m.tagPath += "/"
	}
	for _, c := range site.Categories {
		m.categories[c.Key] = c.Title
	}
	return m, nil
}

// Path returns the output path of the feed of the page at site path page:
// "feed.xml" for "/", "tech/feed.xml" for "/tech/".
func Path(page string) string {
	return strings.TrimPrefix(page, "/") + File
}

// Entries returns the roles of scope that are the feed's entries, in the
// feed's order: the open positions that are no drafts, last updated first
// (then last posted, then by slug), at most MaxEntries.
func (m *Maker) Entries(s Scope) []*content.Role {
	var open []*content.Role
	for _, r := range s.Roles {
		if r.Open(m.now) && !r.Draft {
			open = append(open, r)
		}
	}
	slices.SortStableFunc(open, func(a, b *content.Role) int {
		if c := m.lastMod(b).Compare(m.lastMod(a)); c != 0 {
			return c
		}
		if c := b.DatePosted.Compare(a.DatePosted); c != 0 {
			return c
		}
		return cmp.Compare(a.Slug, b.Slug)
	})
	if len(open) > MaxEntries {
		open = open[:MaxEntries]
	}
	return open
}

// Updated is the feed's <updated>: the newest of its entries' updates and
// of the moments a position of the scope closed (left the feed). A scope
// with neither has the newest change of any of its roles, else of any role
// of the site; a site without roles has the Unix epoch. Never the build
// time itself, so that a rebuild without a change writes the same feed.
func (m *Maker) Updated(s Scope, entries []*content.Role) time.Time {
	var t time.Time
	later := func(u time.Time) {
		if u.After(t) {
			t = u
		}
	}
	for _, r := range entries {
		later(m.lastMod(r))
	}
	for _, r := range s.Roles {
		if r.Closed(m.now) && !r.Draft {
			later(r.ClosesAt())
		}
	}
	for _, roles := range [][]*content.Role{s.Roles, m.site.Roles} {
		if !t.IsZero() {
			break
		}
		for _, r := range roles {
			if !r.Draft {
				later(m.lastMod(r))
			}
		}
	}
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t
}

// EntryID is the <id> of role r's entry: a tag URI (RFC 4151) of the site's
// host, the day the position was posted and the role's slug, prefixed by
// the base URL's path ("tag:karriere.example,2026-11-01:backend-entwickler").
// It stays the same when the title, the text, the category (and with it the
// URL) or the dates other than date_posted change; a position posted again
// with a new date_posted is a new entry, so that subscribers see it again.
func (m *Maker) EntryID(r *content.Role) string {
	return m.tagPrefix + r.DatePosted.UTC().Format(time.DateOnly) + ":" + m.tagPath + r.Slug
}

// Feed returns the feed of scope s, at Path(s.Page).
func (m *Maker) Feed(s Scope) output.File {
	abs := func(p string) string { return strings.TrimSuffix(m.site.BaseURL, "/") + p }
	self := abs(s.Page + File)
	entries := m.Entries(s)

	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom"`)
	if lang := m.site.Language; lang != "" {
		b.WriteString(` xml:lang="` + esc(lang) + `"`)
	}
	b.WriteString(">\n")
	elem(&b, 1, "id", self)
	elem(&b, 1, "title", s.Title)
	elem(&b, 1, "updated", stamp(m.Updated(s, entries)))
	b.WriteString(`  <link rel="self" type="application/atom+xml" href="` + esc(self) + `"/>` + "\n")
	b.WriteString(`  <link rel="alternate" type="text/html" href="` + esc(abs(s.Page)) + `"/>` + "\n")
	m.author(&b)
	for _, r := range entries {
		b.WriteString("  <entry>\n")
		elem(&b, 2, "id", m.EntryID(r))
		elem(&b, 2, "title", r.Title)
		b.WriteString(`    <link rel="alternate" type="text/html" href="` + esc(abs(r.URLPath())) + `"/>` + "\n")
		elem(&b, 2, "published", stamp(r.DatePosted))
		elem(&b, 2, "updated", stamp(m.lastMod(r)))
		if r.Description != "" {
			elem(&b, 2, "summary", r.Description)
		}
		b.WriteString(`    <category term="` + esc(r.Category) + `"`)
		if label := m.categories[r.Category]; label != "" {
			b.WriteString(` label="` + esc(label) + `"`)
		}
		b.WriteString("/>\n")
		b.WriteString("  </entry>\n")
	}
	b.WriteString("</feed>\n")
	return output.File{Path: Path(s.Page), Data: b.Bytes()}
}

// author writes the feed's <author>, which every entry inherits: the
// organization that runs the site.
func (m *Maker) author(b *bytes.Buffer) {
	org := m.site.Organization
	name := org.Name
	if name == "" {
		name = m.site.Title
	}
	b.WriteString("  <author>\n")
	elem(b, 2, "name", name)
	if org.URL != "" {
		elem(b, 2, "uri", org.URL)
	}
	b.WriteString("  </author>\n")
}

// elem writes <name>text</name> on a line of its own, indented by depth.
func elem(b *bytes.Buffer, depth int, name, text string) {
	b.WriteString(strings.Repeat("  ", depth) + "<" + name + ">")
	b.WriteString(esc(text))
	b.WriteString("</" + name + ">\n")
}

// esc escapes s for XML text and attribute values. A character XML cannot
// carry becomes U+FFFD.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // cannot fail on a strings.Builder
	return b.String()
}

// stamp formats t as an RFC 3339 date-time in UTC.
func stamp(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}
