package render

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"time"

	"rolesite/generator/content"
)

// Location is a locality with open positions: the roles of its location
// page and of its categories' pages there. Locations lists them for a
// site; a feed of a location's positions reads the same list.
type Location struct {
	Name string // the locality as the roles write it: "München"
	Slug string // its path segment: "muenchen"
	Path string // its page's site path: "/standorte/muenchen/"
	// Roles are its open positions in the site's order. Remote positions
	// are on no location page.
	Roles []*content.Role
	// Categories are the categories with at least site.yaml's
	// listing.location_category_min open positions here, in site.yaml's
	// order.
	Categories []LocationCategory
}

// LocationCategory is a category's open positions at one locality, which
// have a page of their own: /standorte/muenchen/tech-development/.
type LocationCategory struct {
	Category *content.Category
	Path     string          // its page's site path
	Roles    []*content.Role // its open positions there, in the site's order
}

// Locations returns every locality with an open position at time now,
// ordered by slug. Localities are told apart by their slug; the content
// stage refuses two spellings of one slug (content.LocalitySlug).
func Locations(site *content.Site, now time.Time) []*Location {
	bySlug := map[string]*Location{}
	var out []*Location
	for _, r := range site.Roles {
		if !onLocationPage(r, now) {
			continue
		}
		s := content.LocalitySlug(r.Location.Locality)
		l := bySlug[s]
		if l == nil {
			l = &Location{Name: r.Location.Locality, Slug: s, Path: "/" + site.LocationSegment() + "/" + s + "/"}
			bySlug[s] = l
			out = append(out, l)
		}
		l.Roles = append(l.Roles, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Slug < out[j].Slug })
	for _, l := range out {
		for _, cat := range site.Categories {
			var roles []*content.Role
			for _, r := range l.Roles {
				if r.Category == cat.Key {
					roles = append(roles, r)
				}
			}
			if len(roles) >= site.Listing.WithDefaults().LocationCategoryMin {
				l.Categories = append(l.Categories, LocationCategory{Category: cat, Path: l.Path + cat.Key + "/", Roles: roles})
			}
		}
	}
	return out
}

// onLocationPage reports whether r is listed on its locality's page: an
// open position with a locality that is not remote.
func onLocationPage(r *content.Role, now time.Time) bool {
	return r.Open(now) && !r.Remote && r.Location.Locality != "" && content.LocalitySlug(r.Location.Locality) != ""
}

// ListPath is the site path of page n (from 1) of the list whose first
// page is at first: first itself for page 1, first + seg + "/n/" after.
func ListPath(first, seg string, n int) string {
	if n <= 1 {
		return first
	}
	return first + seg + "/" + strconv.Itoa(n) + "/"
}

// PageCount is the number of pages a list of n items takes at size per
// page: at least 1.
func PageCount(n, size int) int {
	if n <= size || size < 1 {
		return 1
	}
	return (n + size - 1) / size
}

// ListPage is one page of a paginated list: a category's (Category set)
// or a locality's, or a category's at a locality (Location set). Its view
// is all its bytes depend on besides the site, so that its fingerprint
// covers them.
type ListPage struct {
	Kind     string // KindCategory or KindLocation
	Path     string // the page's site path
	Category *CategoryView
	Location *LocationView
}

// pagination returns the navigation of page n of pages pages of the list
// whose first page is at first; nil when the list has one page.
func (c *Context) pagination(first string, n, pages int) *Pagination {
	if pages <= 1 {
		return nil
	}
	seg := c.Site.PageSegment()
	p := &Pagination{Page: n, Pages: pages}
	if n > 1 {
		p.Prev = ListPath(first, seg, n-1)
	}
	if n < pages {
		p.Next = ListPath(first, seg, n+1)
	}
	for i := 1; i <= pages; i++ {
		p.Links = append(p.Links, PageLink{Number: i, Path: ListPath(first, seg, i), Current: i == n})
	}
	return p
}

// CategoryPages returns the pages of cat's list: its open positions, then
// its role profiles and closed openings, page_size to a page.
func (c *Context) CategoryPages(cat *content.Category) []ListPage {
	var open, rest []RoleLink
	for _, r := range cat.Roles {
		if r.Open(c.Now) {
			open = append(open, c.Card(r))
		} else {
			rest = append(rest, c.Card(r))
		}
	}
	first := "/" + cat.Key + "/"
	size := c.listing().PageSize
	pages := PageCount(len(open)+len(rest), size)
	out := make([]ListPage, pages)
	for n := 1; n <= pages; n++ {
		lo, hi := (n-1)*size, min(n*size, len(open)+len(rest))
		v := &CategoryView{
			Key: cat.Key, Title: cat.Title, Path: first, Description: cat.Description,
			OpenCount: len(open), DescriptionCount: len(rest),
			Open: part(open, lo, hi), Descriptions: part(rest, lo-len(open), hi-len(open)),
			Pagination: c.pagination(first, n, pages),
		}
		out[n-1] = ListPage{Kind: KindCategory, Path: ListPath(first, c.Site.PageSegment(), n), Category: v}
	}
	return out
}

// part returns links[lo:hi], clamped to links.
func part(links []RoleLink, lo, hi int) []RoleLink {
	lo, hi = max(lo, 0), min(hi, len(links))
	if lo >= hi {
		return nil
	}
	return links[lo:hi]
}

// LocationPages returns the pages of every location's list and of each
// of its categories' lists, in c.Locations' order.
func (c *Context) LocationPages() []ListPage {
	var out []ListPage
	for _, l := range c.Locations {
		var cats []LocationLink
		for _, lc := range l.Categories {
			cats = append(cats, LocationLink{Name: lc.Category.Title, Path: lc.Path, Count: len(lc.Roles)})
		}
		base := LocationView{Name: l.Name, LocationPath: l.Path}
		v := base
		v.Categories = cats
		out = c.locationList(out, v, l.Path, l.Roles)
		for _, lc := range l.Categories {
			v := base
			v.CategoryTitle, v.CategoryPath = lc.Category.Title, "/"+lc.Category.Key+"/"
			out = c.locationList(out, v, lc.Path, lc.Roles)
		}
	}
	return out
}

// locationList appends the pages of the list of roles at first, each
// with the view v and its part of the roles.
func (c *Context) locationList(out []ListPage, v LocationView, first string, roles []*content.Role) []ListPage {
	links := c.links(roles)
	size := c.listing().PageSize
	pages := PageCount(len(links), size)
	for n := 1; n <= pages; n++ {
		pv := v
		pv.Path, pv.Count = first, len(links)
		pv.Roles = part(links, (n-1)*size, n*size)
		pv.Pagination = c.pagination(first, n, pages)
		out = append(out, ListPage{Kind: KindLocation, Path: ListPath(first, c.Site.PageSegment(), n), Location: &pv})
	}
	return out
}

// Home returns the home page's view: the first entries of each
// category's list (site.yaml listing.home_per_category), open positions
// first, and the locations with their counts.
func (c *Context) Home() *HomeView {
	hv := &HomeView{RoleCount: len(c.Site.Roles)}
	limit := c.listing().HomePerCategory
	for _, cat := range c.Site.Categories {
		first := c.CategoryPages(cat)[0].Category
		cv := *first
		cv.Pagination = nil
		cv.Open = part(first.Open, 0, limit)
		cv.Descriptions = part(first.Descriptions, 0, limit-len(cv.Open))
		cv.More = cv.OpenCount + cv.DescriptionCount - len(cv.Open) - len(cv.Descriptions)
		hv.OpenCount += cv.OpenCount
		hv.Categories = append(hv.Categories, cv)
	}
	for _, l := range c.Locations {
		hv.Locations = append(hv.Locations, LocationLink{Name: l.Name, Path: l.Path, Count: len(l.Roles)})
	}
	return hv
}

// listing is site.yaml's listing, defaults in place of zeros.
func (c *Context) listing() content.Listing { return c.Site.Listing.WithDefaults() }

// locationPath is the site path of r's location page, or "" when r is on
// none.
func (c *Context) locationPath(r *content.Role) string {
	if !onLocationPage(r, c.Now) {
		return ""
	}
	return "/" + c.Site.LocationSegment() + "/" + content.LocalitySlug(r.Location.Locality) + "/"
}

// pageOf is the " – Seite 2 von 5" that tells a list's further pages
// apart in their titles and descriptions; "" on a first page.
func (c *Context) pageOf(p *Pagination) string {
	if p == nil || p.Page <= 1 {
		return ""
	}
	return " – " + c.msg("page_of", p.Page, p.Pages)
}

// described is a list page's meta description: desc, cut to leave room
// for the page suffix (pageOf), then the suffix.
func described(desc, suffix string) string {
	if suffix == "" {
		return truncate(desc, 160)
	}
	return truncate(desc, 160-len([]rune(suffix))-1) + suffix + "."
}

// WriteList renders a page of a category's or a location's list into w.
func (r *Renderer) WriteList(w *bytes.Buffer, c *Context, lp ListPage) error {
	if lp.Category != nil {
		return r.writeCategory(w, c, lp.Category)
	}
	if c.err != nil {
		return c.err
	}
	v := lp.Location
	home := c.homeCrumb()
	city := Crumb{Name: v.Name, URL: c.Abs(v.LocationPath), Path: v.LocationPath}
	crumbs := []Crumb{home, city}
	heading := c.msg("location_heading", v.Name)
	var desc string
	if v.CategoryTitle != "" {
		crumbs = append(crumbs, Crumb{Name: v.CategoryTitle, URL: c.Abs(v.Path), Path: v.Path})
		heading = c.msg("location_category_heading", v.CategoryTitle, v.Name)
		desc = c.msg("location_description_category", v.Count, v.Name, v.CategoryTitle)
	} else {
		var titles []string
		for _, l := range v.Roles {
			titles = append(titles, l.Title)
		}
		desc = c.msg("location_description_among", c.msg("location_description", v.Count, v.Name), strings.Join(titles[:min(3, len(titles))], ", "))
	}
	title := heading + " (" + strconv.Itoa(v.Count) + ")"
	suffix := c.pageOf(v.Pagination)
	canonical := c.Abs(lp.Path)
	if suffix != "" {
		crumbs = append(crumbs, Crumb{Name: strings.TrimPrefix(suffix, " – "), URL: canonical, Path: lp.Path})
	}
	var feedLink *FeedLink
	if v.CategoryTitle == "" {
		feedLink = c.feedLink(v.Name, v.LocationPath)
	}
	p := &Page{
		Kind: KindLocation, Site: c.view, Feed: feedLink,
		Title:       title + suffix + " | " + c.Site.Title,
		Heading:     heading,
		Description: described(desc+".", suffix),
		Canonical:   canonical, OGType: "website", Crumbs: crumbs,
		JSONLD:   []any{newBreadcrumbs(crumbs)},
		Location: v,
	}
	return r.execute(w, c, KindLocation, p)
}
