// Package render turns a loaded site into page bytes: it builds a view of
// each page, executes the html/template layouts (built in, or overridden by
// a file of the same name in the layouts folder) and adds the JSON-LD
// structured data. It writes nothing to disk.
package render

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"rolesite/generator/diag"
	"rolesite/generator/render/i18n"
	"rolesite/internal/fingerprint"
)

//go:embed all:templates
var builtin embed.FS

// Page kinds, each one template file.
const (
	KindHome     = "home"
	KindCategory = "category"
	KindRole     = "role"
	KindNotFound = "404"
	KindAlias    = "alias"
	KindLocation = "location"
)

var pageKinds = []string{KindHome, KindCategory, KindLocation, KindRole, KindNotFound, KindAlias}

// Asset is a static file with a content hash in its name.
type Asset struct {
	Path string // e.g. assets/style.3f2a9c1d.css
	Data []byte
}

// Renderer holds the parsed templates, the message catalogues and the
// assets. It is safe for concurrent use; templates are checked once in
// New and parsed once per site language (NewContext).
type Renderer struct {
	sources map[string]string // template file -> its text
	origin  map[string]string // template file -> where it was read (a layouts path, or "built-in x")
	css     Asset
	favicon Asset
	ids     *PageIDs
	// catalogue holds the message catalogues, built in and of layouts/i18n;
	// templateKeys the message keys the templates use.
	catalogue    *i18n.Set
	templateKeys map[string]bool
	// cards says whether to keep card partials' output (see cardCache).
	cards bool
	// sets are the templates parsed for each language (by site language
	// as written), made when a build first asks for the language.
	mu   sync.Mutex
	sets map[string]*pageSet
	// feeds are the job-board feeds, sorted by output path.
	feeds []feedTemplate
	// generatedRole says role pages are written by writeRoleGenerated,
	// the code generated from the built-in templates (see rolegen.go).
	generatedRole bool
}

// New parses the built-in templates, replacing each one for which
// layoutsDir holds a file of the same name. A missing layoutsDir is fine.
func New(layoutsDir string) (*Renderer, diag.List) {
	return newRenderer(layoutsDir, true)
}

// newRenderer is New; cards says whether to keep card partials' output
// (see cardCache) and to write role pages with the generated code (see
// rolegen.go), which tests turn off to compare with html/template.
func newRenderer(layoutsDir string, cards bool) (*Renderer, diag.List) {
	var errs diag.List
	sources := map[string]string{} // name -> text
	origin := map[string]string{}  // name -> display path
	entries, err := fs.ReadDir(builtin, "templates")
	if err != nil {
		errs.Add(diag.Position{Path: "templates"}, diag.BuiltinTemplates, err)
		return nil, errs
	}
	for _, e := range entries {
		b, _ := fs.ReadFile(builtin, "templates/"+e.Name())
		sources[e.Name()] = string(b)
		origin[e.Name()] = "built-in " + e.Name()
	}
	if layoutsDir != "" {
		overrides, err := os.ReadDir(layoutsDir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs.Add(diag.Position{Path: layoutsDir}, diag.LayoutsUnreadable, err)
		}
		for _, e := range overrides {
			name := e.Name()
			p := filepath.Join(layoutsDir, name)
			if quietlyUnread(name) || e.IsDir() && (name == i18n.Dir || name == FeedsDir) {
				continue // the catalogues (i18n.Load) and the feed templates (parseFeeds)
			}
			if e.IsDir() || !(strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".css") || strings.HasSuffix(name, ".svg")) {
				if e.IsDir() {
					p += string(filepath.Separator)
				}
				errs.Warn(diag.Position{Path: p}, diag.LayoutNotRead, strings.Join(sortedNames(sources), ", "))
				continue
			}
			if _, known := sources[name]; !known {
				errs.Warn(diag.Position{Path: p}, diag.LayoutOverridesNothing, name, strings.Join(sortedNames(sources), ", "))
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil {
				errs.Add(diag.Position{Path: p}, diag.LayoutUnreadable, err)
				continue
			}
			sources[name] = string(b)
			origin[name] = p
		}
	}
	r := &Renderer{sources: sources, origin: origin, cards: cards, sets: map[string]*pageSet{}}
	ids, idErrs := layoutIDs(sources, origin)
	r.ids = ids
	errs.Append(idErrs)
	r.css = hashedAsset("assets/style", ".css", []byte(sources["style.css"]))
	r.favicon = hashedAsset("assets/favicon", ".svg", []byte(sources["favicon.svg"]))
	cat, cerrs := i18n.Load(layoutsDir)
	errs.Append(cerrs)
	if cat == nil {
		return nil, errs
	}
	r.catalogue = cat
	// Parsed once with t's signature, to check: each language parses its
	// own (pageSet).
	var pages map[string]*template.Template
	pages, errs = parsePages(sources, origin, funcs, nil, errs)
	r.feeds = parseFeeds(layoutsDir, &errs)
	if errs.HasErrors() {
		return nil, errs
	}
	ferrs, keys := checkTemplateFields(pages, origin, funcs, cat)
	errs.Append(ferrs)
	r.templateKeys = keys
	errs.Append(cat.Unused(func(k string) bool { return keys[k] || slices.Contains(codeKeys, k) }))
	if errs.HasErrors() {
		return nil, errs
	}
	// The generated code writes what the built-in role templates write: it
	// serves wherever those are the templates, built in or copied
	// unchanged into layouts/ (build -eject).
	r.generatedRole = cards && roleTemplatesDigest(sources) == roleTemplatesSHA256
	return r, errs
}

// pageSet returns the templates parsed for loc's language, parsing them
// on the first call.
func (r *Renderer) pageSet(loc *i18n.Locale) (*pageSet, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if ps := r.sets[loc.Lang]; ps != nil {
		return ps, nil
	}
	fm := funcsFor(loc)
	pages, errs := parsePages(r.sources, r.origin, fm, nil, nil)
	if errs.HasErrors() {
		return nil, errs.Err()
	}
	ps := &pageSet{pages: pages}
	if cc := newCardCache(r.sources, pages, fm); r.cards && cc != nil {
		// The same pages, each card partial replaced by a call that
		// returns the card rendered once per build and role.
		if fast, ferrs := parsePages(r.sources, r.origin, cc.funcs(fm), cc.names, nil); !ferrs.HasErrors() {
			ps.pages, ps.cards = fast, cc
		}
	}
	r.sets[loc.Lang] = ps
	return ps, nil
}

// parsePages parses the partials (files starting with "_") and each page
// kind's template on a copy of them. Each name in redefine, a partial,
// becomes a call of the function of the same name in fm (see cardCache).
func parsePages(sources, origin map[string]string, fm template.FuncMap, redefine []string, errs diag.List) (map[string]*template.Template, diag.List) {
	pages := map[string]*template.Template{}
	shared := template.New("").Funcs(fm)
	for _, name := range sortedNames(sources) {
		if !strings.HasPrefix(name, "_") {
			continue
		}
		if _, err := shared.New(name).Parse(sources[name]); err != nil {
			errs.Add(templatePos(origin[name], err), diag.TemplateError, templateReason(err))
		}
	}
	for _, name := range redefine {
		if _, err := shared.New(name).Parse("{{" + cardFunc(name) + " .}}"); err != nil {
			errs.Add(diag.Position{Path: "templates"}, diag.TemplateError, templateReason(err))
		}
	}
	for _, kind := range pageKinds {
		name := kind + ".html"
		t, err := shared.Clone()
		if err == nil {
			_, err = t.New(name).Parse(sources[name])
		}
		if err != nil {
			errs.Add(templatePos(origin[name], err), diag.TemplateError, templateReason(err))
			continue
		}
		pages[kind] = t.Lookup(name)
	}
	return pages, errs
}

// PageIDs returns the ids the layouts give elements of their own, which
// heading ids in role bodies must keep clear of (see PageIDs.Headings).
func (r *Renderer) PageIDs() *PageIDs { return r.ids }

// quietlyUnread reports whether the layouts folder's entry name is one the
// renderer leaves alone without a word: hidden files (.keep, .DS_Store),
// notes (README.md) and the response headers file (_headers), which the
// output stage reads.
func quietlyUnread(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".md") || name == "_headers"
}

func sortedNames(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// templatePos reads the line out of a template parse error; html/template
// gives no structured position.
func templatePos(path string, err error) diag.Position {
	pos := diag.Position{Path: path}
	msg := err.Error()
	if i := strings.Index(msg, ":"); i >= 0 {
		rest := msg[i+1:]
		if j := strings.Index(rest, ":"); j >= 0 {
			rest = rest[j+1:]
			var line int
			if _, e := fmt.Sscanf(rest, "%d:", &line); e == nil {
				pos.Line, pos.Column = line, 1
			}
		}
	}
	return pos
}

// templateReason is a template error without the "template: name:" prefix
// that the position already tells.
func templateReason(err error) string {
	msg := err.Error()
	if parts := strings.SplitN(msg, ": ", 3); len(parts) == 3 {
		return parts[2]
	}
	return msg
}

// hashedAsset names an asset after its bytes: base.<8 hex digits>.ext.
func hashedAsset(base, ext string, data []byte) Asset {
	sum := sha256.Sum256(data)
	return Asset{Path: base + "." + hex.EncodeToString(sum[:4]) + ext, Data: data}
}

// IsHashedAsset reports whether the output path p is named like an asset
// after its bytes (assets/style.3f2a9c1d.css): its bytes never change,
// and pages of earlier builds may name it.
func IsHashedAsset(p string) bool {
	name, ok := strings.CutPrefix(p, "assets/")
	if !ok || strings.Contains(name, "/") {
		return false
	}
	dot := strings.LastIndexByte(name, '.')
	if dot < 0 {
		return false
	}
	stem := name[:dot]
	i := strings.LastIndexByte(stem, '.')
	if i <= 0 || len(stem)-i-1 != 8 {
		return false
	}
	for _, c := range stem[i+1:] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// MinifyAssets replaces each asset by what minify makes of its bytes
// (given the asset's path), named by the hash of the new bytes, before
// any page is rendered: the pages then name the minified files. It stops
// at the first error minify returns, and returns it.
func (r *Renderer) MinifyAssets(minify func(path string, data []byte) ([]byte, error)) error {
	for _, a := range []*Asset{&r.css, &r.favicon} {
		data, err := minify(a.Path, a.Data)
		if err != nil {
			return err
		}
		dot := strings.LastIndexByte(a.Path, '.')
		ext := a.Path[dot:]
		base := a.Path[:strings.LastIndexByte(a.Path[:dot], '.')]
		*a = hashedAsset(base, ext, data)
	}
	return nil
}

// Assets returns the static files every page refers to.
func (r *Renderer) Assets() []Asset { return []Asset{r.css, r.favicon} }

// funcs are the functions templates may call (docs/TEMPLATES.md lists
// them from their doc comments).
var funcs = template.FuncMap{
	"t":      translate,
	"last":   isLastCrumb,
	"add":    addInts,
	"tel":    telURL,
	"mailto": mailtoURL,
}

// isLastCrumb reports whether i is the index of the last of crumbs:
// {{range $i, $c := .Crumbs}}{{if last $i $.Crumbs}}...{{end}}{{end}}.
func isLastCrumb(i int, crumbs []Crumb) bool { return i == len(crumbs)-1 }

// addInts returns a + b: {{add .OpenCount .DescriptionCount}} gives 30.
func addInts(a, b int) int { return a + b }

// telURL makes a tel: URL from a phone number that site.yaml validation
// restricted to digits, spaces, + ( ) / -: {{tel .Site.Phone}} gives
// "tel:+49401234560".
func telURL(phone string) template.URL {
	var b strings.Builder
	for _, c := range phone {
		if c == '+' || (c >= '0' && c <= '9') {
			b.WriteRune(c)
		}
	}
	return template.URL("tel:" + b.String())
}

// mailtoURL makes a mailto: URL with a subject:
// {{mailto .Site.Email .Role.Title}} gives
// "mailto:karriere@nordwind-recruiting.example?subject=Backend-Entwickler".
func mailtoURL(email, subject string) string {
	return "mailto:" + email + "?subject=" + strings.ReplaceAll(url.QueryEscape(subject), "+", "%20")
}

// execute runs a page template, appending to w.
func (r *Renderer) execute(w *bytes.Buffer, c *Context, kind string, p *Page) error {
	if err := c.set.pages[kind].Execute(w, p); err != nil {
		return fmt.Errorf("render %s page %s: %w", kind, p.Canonical, r.located(err))
	}
	return nil
}

// execPosRE matches the start of an html/template execution error:
// "template: role.html:7:219: executing ...".
var execPosRE = regexp.MustCompile(`^template: ([^:]+):(\d+):(\d+): `)

// located rewrites an execution error to start with the template's file
// (the layouts path of an override), line and column (counted from 1).
func (r *Renderer) located(err error) error {
	m := execPosRE.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	file, ok := r.origin[m[1]]
	if !ok {
		return err
	}
	col, _ := strconv.Atoi(m[3])
	return &locatedError{msg: fmt.Sprintf("%s:%s:%d: %s", file, m[2], col+1, strings.TrimPrefix(err.Error(), m[0])), err: err}
}

// locatedError is an execution error told at its template's file.
type locatedError struct {
	msg string
	err error
}

func (e *locatedError) Error() string { return e.msg }
func (e *locatedError) Unwrap() error { return e.err }

//go:generate go run ./internal/viewdoc -o ../../docs/TEMPLATES.md

// Crumb is one step of a breadcrumb trail (Page.Crumbs).
type Crumb struct {
	Name string // what the step shows: "Tech & Development"
	URL  string // its absolute URL, for JSON-LD: "https://karriere.example/tech-development/"
	Path string // its site path, for the visible link: "/tech-development/"
}

// Page is what every template receives: the fields every page has, and
// the view of its kind (Home, Category, Role or Alias), nil on the others.
type Page struct {
	Kind        string    // the page kind: "home", "category", "location", "role", "404" or "alias"
	Site        *SiteView // the site, the same on every page
	Title       string    // the <title>: "Backend-Entwickler – Job in München | Karriere bei Nordwind Recruiting"
	Heading     string    // the <h1>: "Backend-Entwickler"
	Description string    // the meta description, at most 160 characters
	Canonical   string    // the page's absolute URL: "https://karriere.example/tech-development/backend-entwickler/"
	NoIndex     bool      // true on pages search engines must not index (404, alias pages)
	OGType      string    // the Open Graph type: "website" or "article"
	Crumbs      []Crumb   // the breadcrumb trail, home first; empty on the home page
	// JSONLD are the page's structured data (JobPosting, BreadcrumbList,
	// Organization, WebSite), each encoded by {{.}} inside a
	// <script type="application/ld+json">.
	JSONLD []any
	// Feed is the Atom feed of the page's positions, named by a <link
	// rel="alternate"> in the <head>: set on the home and category pages.
	Feed *FeedLink

	Home     *HomeView     // set on the home page (home.html)
	Category *CategoryView // set on category pages (category.html)
	Location *LocationView // set on location pages (location.html)
	Role     *RoleView     // set on role pages (role.html)
	Alias    *AliasView    // set on alias pages (alias.html)
}

// SiteView is the part of the site every page shows (Page.Site).
type SiteView struct {
	Title      string // site.yaml title: "Karriere bei Nordwind Recruiting"
	BaseURL    string // site.yaml base_url, with a final slash: "https://karriere.example/"
	Language   string // site.yaml language, for <html lang>: "de"
	OGLocale   string // the Open Graph locale: "de_DE"
	AgencyName string // site.yaml organization.name: "Nordwind Recruiting GmbH"
	AgencyURL  string // site.yaml organization.url
	Logo       string // site.yaml organization.logo, an absolute URL, or ""
	Email      string // site.yaml contact.email: "karriere@nordwind-recruiting.example"
	Phone      string // site.yaml contact.phone: "+49 40 1234560"
	CSS        string // the stylesheet's site path: "/assets/style.2018c529.css"
	Favicon    string // the icon's site path: "/assets/favicon.db9fd011.svg"
	Year       int    // the year of the build time: 2026
}

// RoleLink is a role as lists show it: a card. The card partials see
// nothing else of the role, so a page that lists cards changes only when
// the Key of a card does.
type RoleLink struct {
	Title    string // the role's title: "Backend-Entwickler"
	Path     string // its page's site path: "/tech-development/backend-entwickler/"
	Status   string // "open" (an open position), "description" (a role profile) or "closed"
	Location string // where, as shown: "Berlin", "100 % remote"
	Salary   string // the salary as shown: "60.000 – 85.000 € pro Jahr", or ""
	Summary  string // the role's description (front matter), for category lists
}

// Key returns the fingerprint of l, made with h (reset by the caller):
// every field, by reflection, so that a field added later is covered too.
func (l RoleLink) Key(h *fingerprint.Hash) uint64 { return h.Value(l).Sum() }

// HomeView lists every category with its first roles, and the locations
// (Page.Home).
type HomeView struct {
	// Categories are in site.yaml's order, each with its first open
	// positions (site.yaml listing.home_per_category), filled up with
	// role profiles where it has fewer; More tells how many are left for
	// its page.
	Categories []CategoryView
	OpenCount  int // open positions on the site: 12
	RoleCount  int // roles on the site, open or not: 30
	// Locations are the localities with open positions, each with a page:
	// [{München /standorte/muenchen/ 12}].
	Locations []LocationLink
}

// CategoryView is a category with its roles split by status
// (Page.Category, and each of HomeView.Categories). On a category page
// Open and Descriptions are this page's part of the list: its open
// positions first, then its role profiles and closed openings.
type CategoryView struct {
	Key              string      // site.yaml key: "tech-development"
	Title            string      // site.yaml title: "Tech & Development"
	Path             string      // its page's site path (the first page): "/tech-development/"
	Description      string      // site.yaml description
	Open             []RoleLink  // open positions shown here
	Descriptions     []RoleLink  // role profiles and closed openings shown here
	OpenCount        int         // open positions in the category, on all pages: 23
	DescriptionCount int         // role profiles and closed openings in the category, on all pages: 7
	More             int         // on the home page: roles of the category not shown there; 0 elsewhere
	Pagination       *Pagination // the links to the list's other pages; nil when it has one page
}

// LocationView is a locality's open positions, or a category's at a
// locality (Page.Location).
type LocationView struct {
	Name          string         // the locality: "München"
	Path          string         // the list's first page: "/standorte/muenchen/" or "/standorte/muenchen/tech-development/"
	LocationPath  string         // the locality's page: "/standorte/muenchen/"
	CategoryTitle string         // on a category's page at the locality: its title; "" on the locality's page
	CategoryPath  string         // the category's own page then: "/tech-development/"
	Count         int            // open positions in the list, on all pages: 12
	Roles         []RoleLink     // the open positions shown on this page
	Categories    []LocationLink // on the locality's page: the categories with a page of their own here
	Pagination    *Pagination    // the links to the list's other pages; nil when it has one page
}

// LocationLink is a link to a location's page, or to a category's page at
// a location, with its count (HomeView.Locations, LocationView.Categories).
type LocationLink struct {
	Name  string // the locality, or the category's title: "München"
	Path  string // the page's site path: "/standorte/muenchen/"
	Count int    // its open positions: 12
}

// Pagination links the pages of a list (CategoryView.Pagination,
// LocationView.Pagination): page 1 at the list's path, page n at
// <path>seite/<n>/ on German sites, <path>page/<n>/ on others.
type Pagination struct {
	Page  int        // this page, from 1: 2
	Pages int        // how many pages the list has: 5
	Prev  string     // the previous page's site path; "" on the first
	Next  string     // the next page's site path; "" on the last
	Links []PageLink // every page of the list, in order
}

// PageLink is one page of a list (Pagination.Links).
type PageLink struct {
	Number  int    // 3
	Path    string // "/tech-development/seite/3/"
	Current bool   // true for the page that shows it
}

// RoleView is everything a role page shows (Page.Role).
type RoleView struct {
	Title           string        // front matter title: "Backend-Entwickler"
	Status          string        // "open", "description" or "closed" (see RoleLink.Status)
	CategoryTitle   string        // its category's title: "Tech & Development"
	CategoryPath    string        // its category's site path: "/tech-development/"
	Location        string        // where, as shown: "München"
	LocationPath    string        // the location page of an open position there: "/standorte/muenchen/"; "" otherwise
	Remote          bool          // true for a remote position
	RemoteCountries string        // where a remote position may be held, as shown: "Deutschland, Österreich"
	EmploymentTypes []string      // as shown: ["Vollzeit"]
	Salary          string        // as shown: "60.000 – 85.000 € pro Jahr", or ""
	Skills          []string      // front matter skills: ["Go", "PostgreSQL"]
	Employer        string        // the hiring organization's name, or "" when confidential
	EmployerURL     string        // its URL, or ""
	DatePosted      string        // date_posted as shown: "2. November 2026"
	DatePostedISO   string        // the same for <time datetime>: "2026-11-02"
	ValidThrough    string        // valid_through as shown, or "": "28. Februar 2027"
	ValidThroughISO string        // the same for <time datetime>: "2027-02-28"
	Body            template.HTML // the body, Markdown rendered, with links to the roles it mentions
	Related         []RoleLink    // roles this one mentions or lists as related, at most MaxRoleCards
	RelatedMore     int           // related roles not in Related: 0 unless there are more than MaxRoleCards
	MentionedIn     []RoleLink    // roles that mention this one, at most MaxRoleCards
	MentionedInMore int           // roles that mention this one not in MentionedIn
	Synonyms        []string      // other names of the role: ["Backend Developer"]
	ApplyURL        string        // where candidates apply (apply_url), on open positions; "": by e-mail
	Share           []ShareLink   // links that share an open position (LinkedIn, XING, WhatsApp, e-mail); none otherwise
}

// ShareLink is a link that shares a role page on a network or by e-mail,
// without a script of the network's (RoleView.Share).
type ShareLink struct {
	Name string // what the link says: "LinkedIn"
	URL  string // the share URL: "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2F..."
}

// AliasView is a redirect page (Page.Alias): an old URL of a role.
type AliasView struct {
	TargetTitle string // the role's title: "Backend-Entwickler"
	TargetPath  string // the role page's site path: "/tech-development/backend-entwickler/"
}
