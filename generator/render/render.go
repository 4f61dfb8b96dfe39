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
	"sort"
	"strings"

	"rolesite/generator/diag"
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
)

var pageKinds = []string{KindHome, KindCategory, KindRole, KindNotFound, KindAlias}

// Asset is a static file with a content hash in its name.
type Asset struct {
	Path string // e.g. assets/style.3f2a9c1d.css
	Data []byte
}

// Renderer holds the parsed templates and assets. It is safe for
// concurrent use; templates are parsed once in New.
type Renderer struct {
	pages   map[string]*template.Template
	css     Asset
	favicon Asset
	ids     *PageIDs
	cards   *cardCache // nil when the card partials are not cached
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
			if e.IsDir() || strings.HasPrefix(name, ".") || !(strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".css") || strings.HasSuffix(name, ".svg")) {
				continue
			}
			p := filepath.Join(layoutsDir, name)
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
	r := &Renderer{}
	ids, idErrs := layoutIDs(sources, origin)
	r.ids = ids
	errs.Append(idErrs)
	r.css = hashedAsset("assets/style", ".css", []byte(sources["style.css"]))
	r.favicon = hashedAsset("assets/favicon", ".svg", []byte(sources["favicon.svg"]))
	r.pages, errs = parsePages(sources, origin, funcs, nil, errs)
	if errs.HasErrors() {
		return nil, errs
	}
	r.generatedRole = cards && builtinAll(origin, roleTemplates) && roleTemplatesDigest(sources) == roleTemplatesSHA256
	if cc := newCardCache(sources, r.pages); cards && cc != nil {
		// The same pages, each card partial replaced by a call that
		// returns the card rendered once per build and role.
		if fast, ferrs := parsePages(sources, origin, cc.funcs(), cc.names, nil); !ferrs.HasErrors() {
			r.pages, r.cards = fast, cc
		}
	}
	return r, errs
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

// builtinAll reports whether none of the templates names is overridden.
func builtinAll(origin map[string]string, names []string) bool {
	for _, n := range names {
		if origin[n] != "built-in "+n {
			return false
		}
	}
	return true
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

func hashedAsset(base, ext string, data []byte) Asset {
	sum := sha256.Sum256(data)
	return Asset{Path: base + "." + hex.EncodeToString(sum[:4]) + ext, Data: data}
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

var funcs = template.FuncMap{
	"last":   isLastCrumb,
	"tel":    telURL,
	"mailto": mailtoURL,
}

// isLastCrumb reports whether i is the index of the last of crumbs.
func isLastCrumb(i int, crumbs []Crumb) bool { return i == len(crumbs)-1 }

// telURL makes a tel: URL from a phone number that site.yaml validation
// restricted to digits, spaces, + ( ) / -.
func telURL(phone string) template.URL {
	var b strings.Builder
	for _, c := range phone {
		if c == '+' || (c >= '0' && c <= '9') {
			b.WriteRune(c)
		}
	}
	return template.URL("tel:" + b.String())
}

// mailtoURL makes a mailto: URL with a subject.
func mailtoURL(email, subject string) string {
	return "mailto:" + email + "?subject=" + strings.ReplaceAll(url.QueryEscape(subject), "+", "%20")
}

// execute runs a page template, appending to w.
func (r *Renderer) execute(w *bytes.Buffer, kind string, p *Page) error {
	if err := r.pages[kind].Execute(w, p); err != nil {
		return fmt.Errorf("render %s page %s: %w", kind, p.Canonical, err)
	}
	return nil
}

// Crumb is one step of a breadcrumb trail.
type Crumb struct {
	Name string
	URL  string // absolute
	Path string // site path, for the visible link
}

// Page is what every template receives.
type Page struct {
	Kind        string
	Site        *SiteView
	Title       string // the <title>
	Heading     string // the <h1>
	Description string
	Canonical   string
	NoIndex     bool
	OGType      string
	Crumbs      []Crumb
	// JSONLD values are encoded by {{.}} inside a ld+json script.
	JSONLD []any

	Home     *HomeView
	Category *CategoryView
	Role     *RoleView
	Alias    *AliasView
}

// SiteView is the part of the site every page shows.
type SiteView struct {
	Title      string
	BaseURL    string
	Language   string
	OGLocale   string
	AgencyName string
	AgencyURL  string
	Logo       string
	Email      string
	Phone      string
	CSS        string // absolute path of the stylesheet
	Favicon    string
	Year       int // of the build time
}

// RoleLink is a role as lists show it: a card. The card partials see
// nothing else of the role, so a page that lists cards changes only when
// the Key of a card does.
type RoleLink struct {
	Title    string
	Path     string
	Status   string // open, description, closed
	Location string
	Salary   string
	Summary  string
}

// Key returns the fingerprint of l, made with h (reset by the caller):
// every field, by reflection, so that a field added later is covered too.
func (l RoleLink) Key(h *fingerprint.Hash) uint64 { return h.Value(l).Sum() }

// HomeView lists every category with its roles.
type HomeView struct {
	Categories []CategoryView
	OpenCount  int
	RoleCount  int
}

// CategoryView is a category with its roles split by status.
type CategoryView struct {
	Key          string
	Title        string
	Path         string
	Description  string
	Open         []RoleLink
	Descriptions []RoleLink
}

// RoleView is everything a role page shows.
type RoleView struct {
	Title           string
	Status          string // open, description, closed
	CategoryTitle   string
	CategoryPath    string
	Location        string
	Remote          bool
	RemoteCountries string
	EmploymentTypes []string
	Salary          string
	Skills          []string
	Employer        string
	EmployerURL     string
	DatePosted      string
	DatePostedISO   string
	ValidThrough    string
	ValidThroughISO string
	Body            template.HTML
	Related         []RoleLink
	MentionedIn     []RoleLink
	Synonyms        []string
}

// AliasView is a redirect page.
type AliasView struct {
	TargetTitle string
	TargetPath  string
}
