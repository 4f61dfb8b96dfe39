package render

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"sync"
	"time"

	"rolesite/generator/content"
	"rolesite/generator/render/i18n"
)

// Context is what every page of one build shares.
type Context struct {
	Site *content.Site
	Now  time.Time // the build time: decides which roles are open; never printed
	// Locations are the localities with open positions (see Locations).
	Locations []*Location
	view      *SiteView
	// loc writes the words of the site's language, set its templates;
	// err, when set, is why the language cannot be written (every page
	// returns it; CheckLanguage tells it at site.yaml).
	loc *i18n.Locale
	set *pageSet
	err error
	// slots hold each role's RoleLink once made: a role is listed on
	// many pages, its card is the same on all of them. The map is made in
	// NewContext and only read after.
	slots map[*content.Role]*linkSlot
	// byPath holds the same slots by role path, for cachedCard.
	byPath map[string]*linkSlot
}

type linkSlot struct {
	once sync.Once
	link RoleLink
	// The role's "rolecard" partial as the generated code writes it.
	genOnce sync.Once
	genLink RoleLink // what genCard was written for
	genCard string
	genErr  error
}

// NewContext prepares the shared site view.
func (r *Renderer) NewContext(site *content.Site, now time.Time) *Context {
	org := site.Organization
	v := &SiteView{
		Title:      site.Title,
		BaseURL:    site.BaseURL,
		Language:   site.Language,
		OGLocale:   ogLocale(site.Language),
		AgencyName: org.Name,
		AgencyURL:  org.URL,
		Logo:       org.Logo,
		Email:      site.Contact.Email,
		Phone:      site.Contact.Phone,
		CSS:        "/" + r.css.Path,
		Favicon:    "/" + r.favicon.Path,
	}
	if v.AgencyName == "" {
		v.AgencyName = site.Title
	}
	c := &Context{Site: site, Now: now, Locations: Locations(site, now), view: v, slots: make(map[*content.Role]*linkSlot, len(site.Roles))}
	lang := site.Language
	if lang == "" {
		// site.yaml requires a language; a site made in code without one
		// is German.
		lang = i18n.BaseLanguage
	}
	c.loc, c.err = r.catalogue.Locale(lang)
	if c.err == nil {
		c.set, c.err = r.pageSet(c.loc)
	} else {
		c.err = fmt.Errorf("language %q: %w", site.Language, c.err)
	}
	slots := make([]linkSlot, len(site.Roles))
	c.byPath = make(map[string]*linkSlot, len(site.Roles))
	for i, role := range site.Roles {
		c.slots[role] = &slots[i]
		c.byPath[role.URLPath()] = &slots[i]
	}
	if c.set != nil && c.set.cards != nil {
		paths := make([]string, len(site.Roles))
		for i, role := range site.Roles {
			paths[i] = role.URLPath()
		}
		c.set.cards.newTable(paths)
	}
	return c
}

// Abs returns the absolute URL of a site path ("/x/" -> base_url + "x/").
func (c *Context) Abs(path string) string {
	return strings.TrimSuffix(c.Site.BaseURL, "/") + path
}

// Status tells an open position, a role description and a closed opening.
func Status(r *content.Role, now time.Time) string {
	switch {
	case r.Closed(now):
		return "closed"
	case r.Open(now):
		return "open"
	}
	return "description"
}

func (c *Context) homeCrumb() Crumb {
	return Crumb{Name: c.Site.Title, URL: c.Site.BaseURL, Path: "/"}
}

func (c *Context) categoryOf(r *content.Role) *content.Category {
	for _, cat := range c.Site.Categories {
		if cat.Key == r.Category {
			return cat
		}
	}
	return &content.Category{Key: r.Category, Title: r.Category}
}

// Card returns role r as the lists of this build show it.
func (c *Context) Card(r *content.Role) RoleLink {
	s := c.slots[r]
	if s == nil {
		return c.newLink(r)
	}
	s.once.Do(func() { s.link = c.newLink(r) })
	return s.link
}

func (c *Context) newLink(r *content.Role) RoleLink {
	l := RoleLink{Title: r.Title, Path: r.URLPath(), Status: Status(r, c.Now), Location: r.Location.Locality, Summary: r.Description}
	if r.Remote {
		l.Location = c.msg("remote_full")
	}
	if r.Salary != nil {
		l.Salary = c.loc.Salary(r.Salary.Min, r.Salary.Max, r.Salary.Currency, r.Salary.Unit)
	}
	return l
}

// cachedCard writes the "rolecard" partial of l, written by write once per
// build and role (see rolegen.go).
func (c *Context) cachedCard(w *bytes.Buffer, l RoleLink, write func(*bytes.Buffer, *Context, RoleLink) error) error {
	s := c.byPath[l.Path]
	if s == nil {
		return write(w, c, l)
	}
	s.genOnce.Do(func() {
		var b bytes.Buffer
		s.genLink, s.genErr = l, write(&b, c, l)
		s.genCard = b.String()
	})
	if s.genLink != l {
		return write(w, c, l)
	}
	if s.genErr != nil {
		return s.genErr
	}
	w.WriteString(s.genCard)
	return nil
}

func (c *Context) links(roles []*content.Role) []RoleLink {
	out := make([]RoleLink, len(roles))
	for i, r := range roles {
		out[i] = c.Card(r)
	}
	return out
}

// WriteHome renders /index.html into w.
func (r *Renderer) WriteHome(w *bytes.Buffer, c *Context) error {
	if c.err != nil {
		return c.err
	}
	desc := c.msg("home_description", c.Site.Title, c.categoryTitles())
	p := &Page{
		Kind: KindHome, Site: c.view, Title: c.Site.Title, Heading: c.Site.Title,
		Description: truncate(desc, 160), Canonical: c.Site.BaseURL, OGType: "website",
		JSONLD: []any{newOrganization(c.Site), newWebSite(c.Site)}, Home: c.Home(),
		Feed: c.feedLink("", "/"),
	}
	return r.execute(w, c, KindHome, p)
}

func (c *Context) categoryTitles() string {
	titles := make([]string, len(c.Site.Categories))
	for i, cat := range c.Site.Categories {
		titles[i] = cat.Title
	}
	return c.loc.List("list_and", titles)
}

// writeCategory renders a page of a category's list into w.
func (r *Renderer) writeCategory(w *bytes.Buffer, c *Context, cv *CategoryView) error {
	if c.err != nil {
		return c.err
	}
	crumbs := []Crumb{c.homeCrumb(), {Name: cv.Title, URL: c.Abs(cv.Path), Path: cv.Path}}
	suffix := c.pageOf(cv.Pagination)
	canonical := c.Abs(cv.Path)
	if suffix != "" {
		path := ListPath(cv.Path, c.Site.PageSegment(), cv.Pagination.Page)
		canonical = c.Abs(path)
		crumbs = append(crumbs, Crumb{Name: strings.TrimPrefix(suffix, " – "), URL: canonical, Path: path})
	}
	p := &Page{
		Kind: KindCategory, Site: c.view,
		Title:       c.msg("category_title", cv.Title) + suffix + " | " + c.Site.Title,
		Heading:     cv.Title,
		Description: described(cv.Description, suffix),
		Canonical:   canonical, OGType: "website", Crumbs: crumbs,
		JSONLD:   []any{newBreadcrumbs(crumbs)},
		Category: cv,
		Feed:     c.feedLink(cv.Title, cv.Path),
	}
	return r.execute(w, c, KindCategory, p)
}

// RoleInput is a role with what the link stage found for it.
type RoleInput struct {
	Role        *content.Role
	BodyHTML    string // rendered Markdown body, from this package's Markdown
	Related     []*content.Role
	MentionedIn []*content.Role
}

// MaxRoleCards is how many cards a role page's lists of related roles
// and of roles that mention it show at most: a role that hundreds of
// others mention would list them all otherwise. Every role stays on its
// category's pages, and the body links every role it mentions.
const MaxRoleCards = 24

// Capped returns the first MaxRoleCards of roles, the ones a role page's
// list shows.
func Capped[T any](roles []T) []T { return roles[:min(len(roles), MaxRoleCards)] }

// WriteRole renders /<category>/<slug>/index.html into w.
func (r *Renderer) WriteRole(w *bytes.Buffer, c *Context, in RoleInput) error {
	if c.err != nil {
		return c.err
	}
	role := in.Role
	cat := c.categoryOf(role)
	catPath := "/" + cat.Key + "/"
	crumbs := []Crumb{c.homeCrumb(), {Name: cat.Title, URL: c.Abs(catPath), Path: catPath},
		{Name: role.Title, URL: c.Abs(role.URLPath()), Path: role.URLPath()}}
	status := Status(role, c.Now)
	rv := &RoleView{
		Title:           role.Title,
		Status:          status,
		CategoryTitle:   cat.Title,
		CategoryPath:    catPath,
		Location:        c.fullLocation(role),
		LocationPath:    c.locationPath(role),
		Remote:          role.Remote,
		RemoteCountries: c.countryList(role.ApplicantCountries),
		Skills:          role.Skills,
		Synonyms:        role.Synonyms,
		Body:            template.HTML(in.BodyHTML),
	}
	related, mentioned := Capped(in.Related), Capped(in.MentionedIn)
	rv.Related, rv.MentionedIn = c.links(related), c.links(mentioned)
	rv.RelatedMore, rv.MentionedInMore = len(in.Related)-len(related), len(in.MentionedIn)-len(mentioned)
	for _, t := range role.EmploymentType {
		rv.EmploymentTypes = append(rv.EmploymentTypes, c.msg("employment_"+t))
	}
	if s := role.Salary; s != nil {
		rv.Salary = c.loc.Salary(s.Min, s.Max, s.Currency, s.Unit)
	}
	if !role.DatePosted.IsZero() {
		if role.HiringOrganization.Confidential || role.HiringOrganization.Name == "" {
			rv.Employer = c.msg("employer_confidential", c.view.AgencyName)
		} else {
			rv.Employer = role.HiringOrganization.Name
			rv.EmployerURL = role.HiringOrganization.URL
		}
		rv.DatePosted, rv.DatePostedISO = c.loc.Date(role.DatePosted), dateOf(role.DatePosted)
		if status == "open" {
			rv.ApplyURL = role.ApplyURL
			rv.Share = shareLinks(role.Title, c.Abs(role.URLPath()), c.msg("share_email"))
		}
		rv.ValidThrough, rv.ValidThroughISO = c.loc.Date(role.ValidThrough), dateOf(role.ValidThrough)
	}
	var title string
	switch {
	case status != "open":
		title = c.msg("role_title_profile", role.Title)
	case role.Remote:
		title = c.msg("role_title_open_remote", role.Title)
	case role.Location.Locality != "":
		title = c.msg("role_title_open_in", role.Title, role.Location.Locality)
	default:
		title = c.msg("role_title_open", role.Title)
	}
	p := &Page{
		Kind: KindRole, Site: c.view,
		Title:       title + " | " + c.Site.Title,
		Heading:     role.Title,
		Description: role.Description,
		Canonical:   c.Abs(role.URLPath()),
		OGType:      "article",
		Crumbs:      crumbs,
		Role:        rv,
	}
	if status == "open" {
		p.JSONLD = append(p.JSONLD, newJobPosting(c.Site, role, p.Canonical, in.BodyHTML))
	}
	p.JSONLD = append(p.JSONLD, newBreadcrumbs(crumbs))
	if r.generatedRole {
		if err := writeRoleGenerated(w, c, p); err != nil {
			return fmt.Errorf("render role page %s: %w", p.Canonical, err)
		}
		return nil
	}
	return r.execute(w, c, KindRole, p)
}

func (c *Context) fullLocation(r *content.Role) string {
	if r.Remote {
		return ""
	}
	l := r.Location
	parts := []string{}
	if l.PostalCode != "" || l.Locality != "" {
		parts = append(parts, strings.TrimSpace(l.PostalCode+" "+l.Locality))
	}
	if l.Region != "" && l.Region != l.Locality {
		parts = append(parts, l.Region)
	}
	if l.Country != "" {
		parts = append(parts, c.loc.Country(l.Country))
	}
	return strings.Join(parts, ", ")
}

// WriteNotFound renders /404.html into w.
func (r *Renderer) WriteNotFound(w *bytes.Buffer, c *Context) error {
	if c.err != nil {
		return c.err
	}
	p := &Page{
		Kind: KindNotFound, Site: c.view,
		Title: c.msg("notfound_title") + " | " + c.Site.Title, Heading: c.msg("notfound_heading"),
		Description: c.msg("notfound_description"),
		Canonical:   c.Abs("/404.html"), NoIndex: true, OGType: "website",
		Crumbs: []Crumb{c.homeCrumb(), {Name: c.msg("notfound_title"), URL: c.Abs("/404.html"), Path: "/404.html"}},
	}
	p.JSONLD = []any{newBreadcrumbs(p.Crumbs)}
	return r.execute(w, c, KindNotFound, p)
}

// WriteAlias renders the redirect page at an alias path into w.
func (r *Renderer) WriteAlias(w *bytes.Buffer, c *Context, role *content.Role) error {
	if c.err != nil {
		return c.err
	}
	target := c.Abs(role.URLPath())
	p := &Page{
		Kind: KindAlias, Site: c.view,
		Title: role.Title + " | " + c.Site.Title, Heading: role.Title,
		Description: role.Description, Canonical: target, NoIndex: true, OGType: "website",
		Alias: &AliasView{TargetTitle: role.Title, TargetPath: role.URLPath()},
	}
	return r.execute(w, c, KindAlias, p)
}

func truncate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := string(rs[:n-1])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// shareLinks are the links that share the page at url, titled title (the
// e-mail link says email): each
// network's documented share URL, opened by the reader's click alone (no
// script, no request before it).
func shareLinks(title, pageURL, email string) []ShareLink {
	q := url.QueryEscape
	return []ShareLink{
		{"LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url=" + q(pageURL)},
		{"XING", "https://www.xing.com/spi/shares/new?url=" + q(pageURL)},
		{"WhatsApp", "https://wa.me/?text=" + q(title+" "+pageURL)},
		{email, "mailto:?subject=" + mailtoEscape(title) + "&body=" + mailtoEscape(pageURL)},
	}
}

// mailtoEscape percent-encodes s for a mailto: header field (RFC 6068):
// a space is %20 there, not +.
func mailtoEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
