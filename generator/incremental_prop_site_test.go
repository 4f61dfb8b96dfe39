package generator

import (
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"rolesite/generator/output"
)

// propRole is one role file of the model.
type propRole struct {
	file     string // slash path under roles/: "koch.md", "gastro/koch.md"
	toml     bool   // front matter between +++ lines
	title    string
	synonyms []string
	category string
	body     string
	related  []string
	aliases  []string
	posted   string // date_posted, "" when unset
	through  string // valid_through, "" when unset
	draft    bool
	weight   int
	// The fields a role card shows besides title and status.
	description string
	locality    string // location.locality; "" for the site's default
	remote      bool
	salary      int // salary.min in thousands; 0 for none
	// broken, when set, is a front-matter line (YAML syntax) that makes
	// the file invalid; repair removes it.
	broken string
}

func (r *propRole) slug() string { return strings.TrimSuffix(path.Base(r.file), ".md") }

// propCategory is one category of site.yaml.
type propCategory struct{ key, title string }

// propSite is the model of a content folder and a layouts folder. Edits
// change the model; sync writes what changed to disk.
type propSite struct {
	root        string // holds content/ and layouts/
	title       string
	baseURL     string
	host        string // host, "" for none
	defaultType string // defaults.employment_type
	locality    string // defaults.location.locality
	// listing is site.yaml's listing as a flow mapping, "" for none: a
	// small page size paginates the lists and gives categories their
	// own location pages.
	listing    string
	categories []propCategory
	roles      []*propRole
	layouts    map[string]int // overridden template -> variant
	static     map[string]int // file of static/ (slash path) -> version
	now        time.Time      // the build time
	// output are the options of every build (Config.Minify,
	// Config.Precompress), fixed for the run.
	output func(*Config)
	// disk is every file sync wrote, by slash path under root, as
	// written.
	disk map[string]string
	// mtime is the modification time sync gives the next file it writes:
	// one second later for each, so that a file's stamp changes with
	// each write, on any clock.
	mtime time.Time
}

// propTitles are the names roles take: overlapping ones ("Account
// Manager", "Key Account Manager") and inflectable ones on purpose.
var propTitles = []string{
	"Backend-Entwickler", "Frontend-Entwickler", "Full-Stack-Entwickler", "Data Engineer",
	"Account Manager", "Key Account Manager", "Buchhalter", "Einkäufer", "Straßenbauer",
	"Lagerist", "Projektleiter", "Produktmanager", "Vertriebsleiter", "Personalreferent",
	"Controller", "Steuerberater", "Elektriker", "Mechatroniker", "Krankenpfleger", "Erzieher",
	"Koch", "Kellner", "Grafikdesigner", "Webdesigner", "Texter", "SEO-Manager",
	"Systemadministrator", "DevOps-Engineer", "Scrum Master", "Software-Architekt",
	"Senior Backend-Entwickler", "Bauleiter", "Logistiker", "Sachbearbeiter", "Teamleiter Vertrieb",
	"Mediengestalter", "Industriemechaniker", "Fachinformatiker", "Pflegehelfer", "Koordinator",
}

// propSynonyms are the other names roles take.
var propSynonyms = []string{
	"Backend-Engineer", "Frontend Developer", "Datenbank-Experte", "Kundenbetreuer", "Accountant",
	"Disponent", "Tiefbauer", "Koordinatorin", "Chefkoch", "Servicekraft", "UX-Designer",
	"Sysadmin", "Agile Coach", "Monteur", "Pflegefachkraft", "Redakteur", "Buyer",
}

// propCategoryPool are the categories site.yaml can have.
var propCategoryPool = []propCategory{
	{"tech", "Tech & Development"}, {"sales", "Sales"}, {"bau", "Bau & Handwerk"},
	{"gastro", "Gastronomie"}, {"pflege", "Pflege"}, {"verwaltung", "Verwaltung"},
}

// propFolders are the sub-folders of roles/ a role file can move into.
var propFolders = []string{"", "", "", "team", "archiv/alt", "gastro"}

// propListings are the listings a site takes ("" for the defaults).
var propListings = []string{"", "{home_per_category: 2, page_size: 2, location_category_min: 2}", "{home_per_category: 1, page_size: 3, location_category_min: 1}"}

// propTemplates are the templates layouts/ can override, with the text
// each override's variant is inserted after.
var propTemplates = map[string]string{
	"404.html":         "<h1>{{.Heading}}</h1>",
	"alias.html":       "<h1>{{.Heading}}</h1>",
	"category.html":    "<h1>{{.Heading}}</h1>",
	"location.html":    "<h1>{{.Heading}}</h1>",
	"_pagination.html": `<nav class="pagination" aria-label="Seiten der Liste">`,
	"home.html":        "<h1>{{.Heading}}</h1>",
	"role.html":        "<h1>{{.Heading}}</h1>",
	"_partials.html":   `<footer class="site-footer">`,
	"_base.html":       `<header class="site-header">`,
}

// propHeaders are the variants of layouts/_headers: a header of the
// build's replaced, one dropped and a rule added, one added.
var propHeaders = []string{
	"/*\n  Content-Security-Policy: default-src 'self'\n",
	"/*\n  ! Referrer-Policy\n/extra/*\n  X-Robots-Tag: noindex\n",
	"# HSTS\n/*\n  Strict-Transport-Security: max-age=60\n",
}

// propSlugOf makes a file name's slug of a title.
func propSlugOf(title string) string {
	s := strings.ToLower(title)
	s = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", " ", "-", "&", "").Replace(s)
	return s
}

// newPropSite returns the model of a valid site with n roles in root.
func newPropSite(root string, n int) *propSite {
	s := &propSite{
		root: root, title: "Karriere bei Test Recruiting", baseURL: "https://jobs.test.example/",
		defaultType: "FULL_TIME", locality: "Hamburg",
		categories: append([]propCategory(nil), propCategoryPool[:4]...),
		layouts:    map[string]int{}, static: map[string]int{}, now: propStart, disk: map[string]string{},
		mtime: time.Now().Add(-time.Hour).Truncate(time.Second),
	}
	if n%2 == 0 {
		s.listing = propListings[1]
	}
	for i := 0; i < n; i++ {
		title := propTitles[i%len(propTitles)]
		r := &propRole{
			file: propSlugOf(title) + ".md", toml: i%7 == 3, title: title,
			category: s.categories[i%len(s.categories)].key, weight: i % 3,
		}
		if i%4 == 0 {
			r.posted = s.day(-10)
			r.through = s.day(5 + i)
		}
		if i%5 == 1 {
			r.synonyms = []string{propSynonyms[i%len(propSynonyms)]}
		}
		if i%6 == 2 {
			r.aliases = []string{"/jobs/" + r.slug() + "/"}
		}
		s.roles = append(s.roles, r)
	}
	for i, r := range s.roles {
		next := s.roles[(i+1)%len(s.roles)]
		r.body = fmt.Sprintf("## Aufgaben\n\nDer %s arbeitet mit dem %s zusammen.\n", r.title, next.title)
	}
	return s
}

// day is the build time's date moved by days, as front matter writes it.
func (s *propSite) day(days int) string { return s.now.AddDate(0, 0, days).Format("2006-01-02") }

func (s *propSite) config() Config {
	cfg := Config{
		ContentDir: filepath.Join(s.root, "content"),
		LayoutsDir: filepath.Join(s.root, "layouts"),
		StaticDir:  filepath.Join(s.root, "static"),
		Now:        s.now,
	}
	if s.output != nil {
		s.output(&cfg)
	}
	return cfg
}

func (s *propSite) bySlug(slug string) *propRole {
	for _, r := range s.roles {
		if r.slug() == slug {
			return r
		}
	}
	return nil
}

// names returns every title and synonym in use.
func (s *propSite) names() map[string]bool {
	used := map[string]bool{}
	for _, r := range s.roles {
		used[strings.ToLower(r.title)] = true
		for _, syn := range r.synonyms {
			used[strings.ToLower(syn)] = true
		}
	}
	return used
}

// freeName returns a name of pool that no role has, or "" when there is
// none.
func (s *propSite) freeName(ch chooser, pool []string) string {
	used := s.names()
	var free []string
	for _, n := range pool {
		if !used[strings.ToLower(n)] {
			free = append(free, n)
		}
	}
	if len(free) == 0 {
		return ""
	}
	return pickOne(ch, free)
}

func (s *propSite) role(ch chooser) *propRole { return s.roles[ch.intn(len(s.roles))] }

func (s *propSite) other(ch chooser, r *propRole) *propRole {
	o := s.role(ch)
	if o == r && len(s.roles) > 1 {
		return s.other(ch, r)
	}
	return o
}

func (s *propSite) categoryKey(ch chooser) string {
	return s.categories[ch.intn(len(s.categories))].key
}

// files renders the model: every file's slash path under root and bytes.
func (s *propSite) files() map[string]string {
	files := map[string]string{"content/site.yaml": s.siteYAML()}
	for _, r := range s.roles {
		files["content/roles/"+r.file] = r.source()
	}
	for name, variant := range s.layouts {
		files["layouts/"+name] = propLayout(name, variant)
	}
	for p, version := range s.static {
		files["static/"+p] = fmt.Sprintf("%s, Fassung %d\x00\xff\n", p, version)
	}
	return files
}

func (s *propSite) siteYAML() string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %q\nbase_url: %q\nlanguage: de\n", s.title, s.baseURL)
	b.WriteString("organization:\n  name: \"Test Recruiting GmbH\"\n  url: \"https://www.test.example/\"\n")
	b.WriteString("contact: {email: \"jobs@test.example\", phone: \"+49 40 555000\"}\n")
	fmt.Fprintf(&b, "defaults:\n  hiring_organization: confidential\n  employment_type: %s\n", s.defaultType)
	fmt.Fprintf(&b, "  location: {locality: %s, country: DE}\n  salary_currency: EUR\n", s.locality)
	if s.host != "" {
		fmt.Fprintf(&b, "host: %s\n", s.host)
	}
	if s.listing != "" {
		fmt.Fprintf(&b, "listing: %s\n", s.listing)
	}
	b.WriteString("categories:\n")
	for _, c := range s.categories {
		fmt.Fprintf(&b, "  - key: %s\n    title: %q\n    description: \"Rollen in %s.\"\n", c.key, c.title, c.title)
	}
	return b.String()
}

// source is the role file's text, in YAML or TOML.
func (r *propRole) source() string {
	fence, sep := "---", ": "
	if r.toml {
		fence, sep = "+++", " = "
	}
	list := func(items ...string) string {
		q := make([]string, len(items))
		for i, it := range items {
			q[i] = strconv.Quote(it)
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	// table writes an inline table of keys and values (written as they
	// are).
	table := func(kv ...string) string {
		var parts []string
		for i := 0; i < len(kv); i += 2 {
			parts = append(parts, kv[i]+sep+kv[i+1])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	var b strings.Builder
	b.WriteString(fence + "\n")
	field := func(key, value string) { b.WriteString(key + sep + value + "\n") }
	field("title", strconv.Quote(r.title))
	field("category", strconv.Quote(r.category))
	field("description", strconv.Quote("Die Rolle "+r.title+" im Überblick."+r.description))
	if len(r.synonyms) > 0 {
		field("synonyms", list(r.synonyms...))
	}
	if r.locality != "" {
		field("location", table("locality", strconv.Quote(r.locality), "country", `"DE"`))
	}
	if r.remote {
		field("remote", "true")
		field("applicant_countries", list("DE", "AT"))
	}
	if r.salary != 0 {
		field("salary", table("min", strconv.Itoa(r.salary*1000), "max", strconv.Itoa((r.salary+20)*1000)))
	}
	if r.posted != "" {
		field("date_posted", r.posted)
	}
	if r.through != "" {
		field("valid_through", r.through)
	}
	if len(r.related) > 0 {
		field("related", list(r.related...))
	}
	if len(r.aliases) > 0 {
		field("aliases", list(r.aliases...))
	}
	if r.draft {
		field("draft", "true")
	}
	if r.weight != 0 {
		field("weight", strconv.Itoa(r.weight))
	}
	if r.broken != "" {
		k, v, _ := strings.Cut(r.broken, ": ")
		field(k, v)
	}
	b.WriteString(fence + "\n" + r.body)
	return b.String()
}

// propLayout is an override of a built-in template: the template with a
// paragraph naming its variant. Variants 1 and 2 give the paragraph an id,
// which moves a body heading of that name to "-1" and makes a body's link
// to it ambiguous.
func propLayout(name string, variant int) string {
	if name == output.HeadersName {
		return propHeaders[variant]
	}
	src, err := os.ReadFile(filepath.Join("render", "templates", name))
	if err != nil {
		panic(err) // the test runs in the package folder, where the templates are
	}
	attrs := [...]string{``, ` id="aufgaben"`, ` id="hinweis"`, ` lang="de"`}[variant%4]
	anchor := propTemplates[name]
	return strings.Replace(string(src), anchor, fmt.Sprintf("%s<p class=\"hinweis\"%s>Hinweis %d</p>", anchor, attrs, variant), 1)
}

// propChange is what sync did on disk, as a file watcher would see it.
type propChange struct {
	written []string // files and new folders written or created, absolute
	removed bool     // a file was removed (or renamed away)
}

// sync writes the files whose text changed since the last sync and
// removes the ones the model no longer has. Files are saved in place or,
// as many editors do, by renaming a new file over the old one.
func (s *propSite) sync(ch chooser) (propChange, error) {
	var c propChange
	want := s.files()
	for _, p := range slices.Sorted(maps.Keys(want)) {
		text := want[p]
		if old, ok := s.disk[p]; ok && old == text {
			continue
		}
		abs := filepath.Join(s.root, filepath.FromSlash(p))
		var made []string // new folders, innermost first
		for dir := filepath.Dir(abs); !isFolder(dir); dir = filepath.Dir(dir) {
			made = append(made, dir)
		}
		slices.Reverse(made)
		c.written = append(c.written, made...)
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			return c, err
		}
		if err := propWrite(abs, text, chance(ch, 3)); err != nil {
			return c, err
		}
		s.mtime = s.mtime.Add(time.Second)
		if err := os.Chtimes(abs, s.mtime, s.mtime); err != nil {
			return c, err
		}
		s.disk[p] = text
		c.written = append(c.written, abs)
	}
	for p := range s.disk {
		if _, ok := want[p]; ok {
			continue
		}
		if err := os.Remove(filepath.Join(s.root, filepath.FromSlash(p))); err != nil {
			return c, err
		}
		delete(s.disk, p)
		c.removed = true
	}
	return c, nil
}

// propWrite saves text at path, in place or by renaming a new file over it.
func propWrite(path, text string, byRename bool) error {
	if !byRename {
		return os.WriteFile(path, []byte(text), 0o644)
	}
	tmp := path + ".tmp~"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// isFolder reports whether path is a folder.
func isFolder(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
