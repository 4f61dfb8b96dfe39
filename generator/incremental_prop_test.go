package generator

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The property: whatever sequence of edits an editor makes, a Builder kept
// across all of them (as -watch keeps one) writes the same site, byte for
// byte, and reports the same diagnostics as a cold build of the same
// content into an empty folder (as cmd/build does). A failed build leaves
// the output as it was.
//
// TestIncrementalEqualsCold runs a seeded random sequence; a failure prints
// the seed and the edits that led there. Reproduce it with
//
//	go test -run '^TestIncrementalEqualsCold$' -seed N ./generator
//
// (or ROLESITE_PROP_SEED=N); ROLESITE_PROP_EDITS=20000 runs a longer one.
// FuzzIncrementalEqualsCold lets the fuzzer's bytes choose the edits:
//
//	go test -run '^$' -fuzz '^FuzzIncrementalEqualsCold$' -fuzztime 5m -parallel 1 ./generator

var propSeed = flag.Uint64("seed", 0, "seed of TestIncrementalEqualsCold's edit sequence (0: from the clock, or ROLESITE_PROP_SEED)")

// propEdits is how many edits TestIncrementalEqualsCold makes by default;
// with -short a tenth of it.
const propEdits = 1000

// propStart is the build time of the first build of every sequence.
var propStart = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// chooser makes the choices of an edit sequence: a seeded random source in
// the property test, the fuzzer's bytes in the fuzz target.
type chooser interface {
	// intn returns a number in [0, n); n > 0.
	intn(n int) int
}

type randChooser struct{ r *rand.Rand }

func (c randChooser) intn(n int) int { return c.r.IntN(n) }

// byteChooser reads its choices from a byte string; once the bytes are
// used up every choice is 0 and done reports true.
type byteChooser struct {
	data []byte
	pos  int
}

func (c *byteChooser) intn(n int) int {
	if c.pos >= len(c.data) {
		c.pos++
		return 0
	}
	v := int(c.data[c.pos])
	c.pos++
	if n > 256 && c.pos < len(c.data) {
		v = v<<8 | int(c.data[c.pos])
		c.pos++
	}
	return v % n
}

func (c *byteChooser) done() bool { return c.pos >= len(c.data) }

// constChooser makes the same choice everywhere: the first build's files
// are written with it, so that a fuzzer's bytes all go to the edits.
type constChooser int

func (c constChooser) intn(n int) int { return int(c) % n }

// pickOne returns one of from.
func pickOne[T any](ch chooser, from []T) T { return from[ch.intn(len(from))] }

// chance reports true in about one of n calls.
func chance(ch chooser, n int) bool { return ch.intn(n) == 0 }

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
	defaultType string // defaults.employment_type
	locality    string // defaults.location.locality
	categories  []propCategory
	roles       []*propRole
	layouts     map[string]int // overridden template -> variant
	now         time.Time      // the build time
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

// propTemplates are the templates layouts/ can override, with the text
// each override's variant is inserted after.
var propTemplates = map[string]string{
	"404.html":       "<h1>{{.Heading}}</h1>",
	"alias.html":     "<h1>{{.Heading}}</h1>",
	"category.html":  "<h1>{{.Heading}}</h1>",
	"home.html":      "<h1>{{.Heading}}</h1>",
	"role.html":      "<h1>{{.Heading}}</h1>",
	"_partials.html": `<footer class="site-footer">`,
	"_base.html":     `<header class="site-header">`,
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
		layouts:    map[string]int{}, now: propStart, disk: map[string]string{},
		mtime: time.Now().Add(-time.Hour).Truncate(time.Second),
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
	return Config{
		ContentDir: filepath.Join(s.root, "content"),
		LayoutsDir: filepath.Join(s.root, "layouts"),
		Now:        s.now,
	}
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
	return files
}

func (s *propSite) siteYAML() string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %q\nbase_url: %q\nlanguage: de\n", s.title, s.baseURL)
	b.WriteString("organization:\n  name: \"Test Recruiting GmbH\"\n  url: \"https://www.test.example/\"\n")
	b.WriteString("contact: {email: \"jobs@test.example\", phone: \"+49 40 555000\"}\n")
	fmt.Fprintf(&b, "defaults:\n  hiring_organization: confidential\n  employment_type: %s\n", s.defaultType)
	fmt.Fprintf(&b, "  location: {locality: %s, country: DE}\n  salary_currency: EUR\n", s.locality)
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
		for dir := filepath.Dir(abs); !isDir(dir); dir = filepath.Dir(dir) {
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

// propEdit is one kind of edit: it changes the model and returns a short
// description for the failure report ("" when it found nothing to do).
type propEdit struct {
	name   string
	weight int
	apply  func(s *propSite, ch chooser) string
}

// propEditKinds is every kind of edit the sequences make. The weights make
// the common edits (bodies, titles) common.
var propEditKinds = []propEdit{
	{"title", 6, propEditTitle},
	{"synonyms", 4, propEditSynonyms},
	{"body", 8, propEditBody},
	{"body-link", 3, propEditBodyLink},
	{"category", 3, propEditCategory},
	{"site-category", 2, propEditSiteCategory},
	{"site-field", 3, propEditSiteField},
	{"layout", 3, propEditLayout},
	{"alias", 3, propEditAlias},
	{"dates", 4, propEditDates},
	{"clock", 3, propEditClock},
	{"draft", 2, propEditDraft},
	{"add", 3, propEditAdd},
	{"delete", 2, propEditDelete},
	{"rename", 3, propEditRename},
	{"related", 3, propEditRelated},
	{"format", 1, propEditFormat},
	{"weight", 2, propEditWeight},
	{"card", 3, propEditCard},
	{"fragment-link", 2, propEditFragmentLink},
	{"break", 3, propEditBreak},
	{"repair", 2, propEditRepair},
}

// propSkip names the edit kinds left out of the sequences because of a
// known difference between incremental and cold builds, each with the
// shortest sequence that shows it. Empty: every kind is checked.
var propSkip = map[string]string{}

func propEditTitle(s *propSite, ch chooser) string {
	r := s.role(ch)
	title := s.freeName(ch, propTitles)
	if title == "" {
		return ""
	}
	r.title = title
	return fmt.Sprintf("%s.title=%q", r.slug(), title)
}

func propEditSynonyms(s *propSite, ch chooser) string {
	r := s.role(ch)
	switch {
	case len(r.synonyms) > 0 && chance(ch, 2):
		r.synonyms = r.synonyms[1:]
		return r.slug() + ".synonyms-1"
	default:
		syn := s.freeName(ch, propSynonyms)
		if syn == "" {
			return ""
		}
		r.synonyms = append(r.synonyms, syn)
		return fmt.Sprintf("%s.synonyms+%q", r.slug(), syn)
	}
}

// propEditBody writes a new body mentioning none, one or a few other roles by
// title or synonym, inflected or not, in text, headings and code.
func propEditBody(s *propSite, ch chooser) string {
	r := s.role(ch)
	var b strings.Builder
	b.WriteString("## Aufgaben\n\n")
	mentions := ch.intn(4)
	var named []string
	for i := 0; i < mentions; i++ {
		o := s.other(ch, r)
		name := o.title
		if len(o.synonyms) > 0 && chance(ch, 2) {
			name = o.synonyms[0]
		}
		named = append(named, o.slug())
		switch ch.intn(5) {
		case 0:
			fmt.Fprintf(&b, "Die Arbeit des %ss ist wichtig.\n\n", name)
		case 1:
			fmt.Fprintf(&b, "## Mit dem %s\n\nText.\n\n", name)
		case 2:
			fmt.Fprintf(&b, "Kein Link in `%s`.\n\n", name)
		default:
			fmt.Fprintf(&b, "Der %s arbeitet mit uns.\n\n", strings.ToUpper(name[:1])+name[1:])
		}
	}
	fmt.Fprintf(&b, "Fassung %d.\n", ch.intn(1000))
	r.body = b.String()
	return fmt.Sprintf("%s.body(%s)", r.slug(), strings.Join(named, ","))
}

// propEditBodyLink adds a link to another role's file, a category page or an
// alias to a body; a later edit can leave it pointing nowhere.
func propEditBodyLink(s *propSite, ch chooser) string {
	r := s.role(ch)
	o := s.other(ch, r)
	var dest string
	switch ch.intn(3) {
	case 0:
		dest = o.slug() + ".md"
	case 1:
		dest = "/" + o.category + "/"
	default:
		if len(o.aliases) == 0 {
			return ""
		}
		dest = o.aliases[0]
	}
	r.body += fmt.Sprintf("\nSiehe [dort](%s).\n", dest)
	return fmt.Sprintf("%s.link(%s)", r.slug(), dest)
}

func propEditCategory(s *propSite, ch chooser) string {
	r := s.role(ch)
	r.category = s.categoryKey(ch)
	return fmt.Sprintf("%s.category=%s", r.slug(), r.category)
}

// propEditSiteCategory adds a category to site.yaml or removes one, maybe one
// that roles are in (which the build refuses until a repair).
func propEditSiteCategory(s *propSite, ch chooser) string {
	if len(s.categories) > 1 && chance(ch, 2) {
		i := ch.intn(len(s.categories))
		key := s.categories[i].key
		s.categories = slices.Delete(s.categories, i, i+1)
		return "site.categories-" + key
	}
	var missing []propCategory
	for _, c := range propCategoryPool {
		if !slices.Contains(s.categories, c) {
			missing = append(missing, c)
		}
	}
	if len(missing) == 0 {
		return ""
	}
	c := missing[ch.intn(len(missing))]
	at := ch.intn(len(s.categories) + 1)
	s.categories = slices.Insert(s.categories, at, c)
	return fmt.Sprintf("site.categories+%s@%d", c.key, at)
}

func propEditSiteField(s *propSite, ch chooser) string {
	switch ch.intn(5) {
	case 0:
		s.title = pickOne(ch, []string{"Karriere bei Test Recruiting", "Jobs bei Test", "Test Karriere"})
		return "site.title=" + s.title
	case 1:
		s.baseURL = pickOne(ch, []string{"https://jobs.test.example/", "https://karriere.test.example/", "https://test.example/jobs/"})
		return "site.base_url=" + s.baseURL
	case 2:
		s.defaultType = pickOne(ch, []string{"FULL_TIME", "PART_TIME", "CONTRACTOR"})
		return "site.defaults.employment_type=" + s.defaultType
	case 3:
		s.locality = pickOne(ch, []string{"Hamburg", "München", "Köln"})
		return "site.defaults.location=" + s.locality
	default:
		if len(s.categories) < 2 {
			return ""
		}
		i := ch.intn(len(s.categories) - 1)
		s.categories[i], s.categories[i+1] = s.categories[i+1], s.categories[i]
		return "site.categories.swap@" + strconv.Itoa(i)
	}
}

// propEditLayout adds, changes or removes a template override in layouts/.
func propEditLayout(s *propSite, ch chooser) string {
	name := pickOne(ch, slices.Sorted(maps.Keys(propTemplates)))
	if _, ok := s.layouts[name]; ok && chance(ch, 2) {
		delete(s.layouts, name)
		return "layouts-" + name
	}
	s.layouts[name] = ch.intn(4)
	return fmt.Sprintf("layouts+%s#%d", name, s.layouts[name])
}

func propEditAlias(s *propSite, ch chooser) string {
	r := s.role(ch)
	switch {
	case len(r.aliases) > 0 && chance(ch, 2):
		i := ch.intn(len(r.aliases))
		r.aliases = slices.Delete(r.aliases, i, i+1)
		return r.slug() + ".aliases-" + strconv.Itoa(i)
	case len(r.aliases) > 0 && chance(ch, 2):
		r.aliases[0] = fmt.Sprintf("/alt/%s-%d/", r.slug(), ch.intn(5))
		return r.slug() + ".aliases[0]=" + r.aliases[0]
	default:
		a := fmt.Sprintf("/jobs/%s-%d/", r.slug(), ch.intn(5))
		if slices.Contains(r.aliases, a) {
			return ""
		}
		r.aliases = append(r.aliases, a)
		return r.slug() + ".aliases+" + a
	}
}

// propEditDates makes a role an open position closing soon or just closed, a
// role description, or an opening with no end.
func propEditDates(s *propSite, ch chooser) string {
	r := s.role(ch)
	switch ch.intn(4) {
	case 0:
		r.posted, r.through = "", ""
	case 1:
		r.posted, r.through = s.day(-ch.intn(30)-1), ""
	default:
		r.posted, r.through = s.day(-ch.intn(30)-1), s.day(ch.intn(5)-1)
	}
	return fmt.Sprintf("%s.dates=%s..%s", r.slug(), r.posted, r.through)
}

// propEditClock moves the build time forward: hours or days, so that openings
// close between builds without any file changing.
func propEditClock(s *propSite, ch chooser) string {
	d := time.Duration(ch.intn(72)+1) * time.Hour
	s.now = s.now.Add(d)
	return "clock+" + d.String()
}

func propEditDraft(s *propSite, ch chooser) string {
	r := s.role(ch)
	r.draft = !r.draft
	return fmt.Sprintf("%s.draft=%t", r.slug(), r.draft)
}

// propEditAdd adds a role, maybe in a sub-folder, maybe mentioning others.
func propEditAdd(s *propSite, ch chooser) string {
	if len(s.roles) >= 30 {
		return ""
	}
	title := s.freeName(ch, propTitles)
	if title == "" {
		return ""
	}
	r := &propRole{
		file:     path.Join(pickOne(ch, propFolders), propSlugOf(title)+".md"),
		toml:     chance(ch, 5),
		title:    title,
		category: s.categoryKey(ch),
		body:     fmt.Sprintf("Neu: der %s arbeitet mit dem %s.\n", title, s.role(ch).title),
	}
	if s.bySlug(r.slug()) != nil {
		return ""
	}
	s.roles = append(s.roles, r)
	return "add " + r.file
}

// propEditDelete removes a role file; roles that list it as related drop it,
// as an editor would in the same change, unless the edit leaves them
// pointing nowhere on purpose (one in four).
func propEditDelete(s *propSite, ch chooser) string {
	if len(s.roles) <= 3 {
		return ""
	}
	i := ch.intn(len(s.roles))
	gone := s.roles[i]
	s.roles = slices.Delete(s.roles, i, i+1)
	if !chance(ch, 4) {
		for _, r := range s.roles {
			r.related = slices.DeleteFunc(r.related, func(x string) bool { return x == gone.slug() })
		}
	}
	return "delete " + gone.file
}

// propEditRename moves a role file into another folder (same slug) or gives it
// a new name (a new slug: its URL changes).
func propEditRename(s *propSite, ch chooser) string {
	r := s.role(ch)
	old := r.file
	if chance(ch, 2) {
		r.file = path.Join(pickOne(ch, propFolders), path.Base(r.file))
	} else {
		r.file = path.Join(path.Dir(r.file), fmt.Sprintf("rolle-%d.md", ch.intn(40)))
	}
	if r.file == old {
		return ""
	}
	return "rename " + old + " " + r.file
}

func propEditRelated(s *propSite, ch chooser) string {
	r := s.role(ch)
	if len(r.related) > 0 && chance(ch, 2) {
		r.related = r.related[:len(r.related)-1]
		return r.slug() + ".related-1"
	}
	o := s.other(ch, r).slug()
	if slices.Contains(r.related, o) || o == r.slug() {
		return ""
	}
	r.related = append(r.related, o)
	return r.slug() + ".related+" + o
}

// propEditFormat switches a role's front matter between YAML and TOML.
func propEditFormat(s *propSite, ch chooser) string {
	r := s.role(ch)
	r.toml = !r.toml
	return fmt.Sprintf("%s.toml=%t", r.slug(), r.toml)
}

// propEditWeight changes a role's place in its category.
func propEditWeight(s *propSite, ch chooser) string {
	r := s.role(ch)
	r.weight = ch.intn(4)
	return fmt.Sprintf("%s.weight=%d", r.slug(), r.weight)
}

// propEditCard changes what the role's card on the list pages shows
// besides its title and status: description, place, remote, salary.
func propEditCard(s *propSite, ch chooser) string {
	r := s.role(ch)
	switch ch.intn(4) {
	case 0:
		r.description = pickOne(ch, []string{"", " Mit Verantwortung.", " In Teilzeit möglich."})
		return fmt.Sprintf("%s.description+%q", r.slug(), r.description)
	case 1:
		r.locality = pickOne(ch, []string{"", "Berlin", "Leipzig"})
		return fmt.Sprintf("%s.location=%q", r.slug(), r.locality)
	case 2:
		r.remote = !r.remote
		return fmt.Sprintf("%s.remote=%t", r.slug(), r.remote)
	default:
		r.salary = pickOne(ch, []int{0, 40, 55})
		return fmt.Sprintf("%s.salary=%dk", r.slug(), r.salary)
	}
}

// propEditFragmentLink links a heading id from a body: its own heading,
// or an id a layout override keeps for itself (then the build refuses
// the link as ambiguous or as naming no heading).
func propEditFragmentLink(s *propSite, ch chooser) string {
	r := s.role(ch)
	id := pickOne(ch, []string{"aufgaben", "aufgaben", "aufgaben-1", "hinweis"})
	r.body += fmt.Sprintf("\nZurück zu [oben](#%s).\n", id)
	return fmt.Sprintf("%s.link(#%s)", r.slug(), id)
}

// propBreaks are edits that make the site invalid; repair undoes them.
var propBreaks = []func(s *propSite, ch chooser) string{
	func(s *propSite, ch chooser) string { // an unknown key
		r := s.role(ch)
		r.broken = "titel: \"Tippfehler\""
		return r.slug() + ".titel"
	},
	func(s *propSite, ch chooser) string { // a salary that is no number
		r := s.role(ch)
		r.broken = "salary: {min: \"viel\", max: 80000}"
		return r.slug() + ".salary=viel"
	},
	func(s *propSite, ch chooser) string { // a name another role has
		r := s.role(ch)
		o := s.other(ch, r)
		if o == r {
			return ""
		}
		r.title = o.title
		return fmt.Sprintf("%s.title=%q (taken)", r.slug(), o.title)
	},
	func(s *propSite, ch chooser) string { // a category site.yaml lacks
		r := s.role(ch)
		r.category = "gibt-es-nicht"
		return r.slug() + ".category=gibt-es-nicht"
	},
	func(s *propSite, ch chooser) string { // a related role that does not exist
		r := s.role(ch)
		r.related = append(r.related, "niemand")
		return r.slug() + ".related+niemand"
	},
	func(s *propSite, ch chooser) string { // a link to no page
		r := s.role(ch)
		r.body += "\nSiehe [nichts](/nirgends/).\n"
		return r.slug() + ".link(/nirgends/)"
	},
	func(s *propSite, ch chooser) string { // valid_through before date_posted
		r := s.role(ch)
		r.posted, r.through = s.day(-1), s.day(-5)
		return r.slug() + ".valid_through<date_posted"
	},
	func(s *propSite, ch chooser) string { // two files of one slug
		o := s.role(ch)
		dup := &propRole{file: path.Join("doppelt", path.Base(o.file)), title: "Doppelt " + strconv.Itoa(ch.intn(9)), category: s.categoryKey(ch), body: "Doppelt.\n"}
		s.roles = append(s.roles, dup)
		return "add " + dup.file + " (slug taken)"
	},
}

func propEditBreak(s *propSite, ch chooser) string {
	return "break:" + propBreaks[ch.intn(len(propBreaks))](s, ch)
}

// propEditRepair makes the model valid again: it undoes every kind of break
// and whatever other edits left dangling.
func propEditRepair(s *propSite, ch chooser) string {
	s.repair()
	return "repair"
}

// repair makes the site valid: one role per slug and per name, known
// categories, related roles and links that exist, dates in order.
func (s *propSite) repair() {
	cats := map[string]bool{}
	for _, c := range s.categories {
		cats[c.key] = true
	}
	slugs, names := map[string]bool{}, map[string]bool{}
	kept := s.roles[:0]
	for _, r := range s.roles {
		if slugs[r.slug()] {
			continue
		}
		slugs[r.slug()] = true
		kept = append(kept, r)
	}
	s.roles = kept
	published := map[string]*propRole{}
	for _, r := range s.roles {
		if !r.draft {
			published[r.slug()] = r
		}
	}
	aliases := map[string]bool{}
	for _, r := range s.roles {
		r.broken = ""
		if !cats[r.category] {
			r.category = s.categories[0].key
		}
		if names[strings.ToLower(r.title)] {
			r.title = fmt.Sprintf("Rolle %s", r.slug())
		}
		names[strings.ToLower(r.title)] = true
		r.synonyms = slices.DeleteFunc(r.synonyms, func(syn string) bool {
			taken := names[strings.ToLower(syn)]
			names[strings.ToLower(syn)] = true
			return taken
		})
		r.related = slices.DeleteFunc(r.related, func(x string) bool { return published[x] == nil || x == r.slug() })
		r.aliases = slices.DeleteFunc(r.aliases, func(a string) bool {
			taken := aliases[a]
			aliases[a] = true
			return taken
		})
		if r.through != "" && r.posted != "" && r.through <= r.posted {
			r.through = ""
		}
		r.body = s.repairLinks(r.body, published)
	}
}

// repairLinks drops the lines of body with a link to no page.
func (s *propSite) repairLinks(body string, published map[string]*propRole) string {
	answers := map[string]bool{}
	for _, c := range s.categories {
		answers["/"+c.key+"/"] = true
	}
	for slug, r := range published {
		answers[slug+".md"] = true
		for _, a := range r.aliases {
			answers[a] = true
		}
	}
	var kept []string
	for _, line := range strings.SplitAfter(body, "\n") {
		if i := strings.Index(line, "]("); i >= 0 {
			dest := strings.TrimSuffix(strings.TrimSpace(line[i+2:]), ").")
			if !answers[dest] {
				continue
			}
		}
		kept = append(kept, line)
	}
	return strings.Join(kept, "")
}

// propNext makes one edit: mostly a repair after a failed build, else an
// edit kind drawn by weight.
func propNext(s *propSite, ch chooser, lastFailed bool) string {
	if lastFailed && chance(ch, 2) {
		return propEditRepair(s, ch)
	}
	total := 0
	for _, k := range propEditKinds {
		if _, skip := propSkip[k.name]; !skip {
			total += k.weight
		}
	}
	n := ch.intn(total)
	for _, k := range propEditKinds {
		if _, skip := propSkip[k.name]; skip {
			continue
		}
		if n < k.weight {
			return k.apply(s, ch)
		}
		n -= k.weight
	}
	panic("unreachable")
}

// propRun is one edit sequence and the builds after each edit.
type propRun struct {
	site       *propSite
	warm       *Builder
	warmOut    string // the Builder's output
	rerunOut   string // the output of Build run again now and then
	coldOut    string // a build into an empty folder after each edit
	seed       string // how to reproduce the run, for failure reports
	log        []string
	failedLast bool // the last build failed
	// counts of the builds, for the summary
	failed, told int
}

func newPropRun(t testing.TB, roles int, seed string) *propRun {
	t.Helper()
	root := t.TempDir()
	r := &propRun{site: newPropSite(root, roles), warmOut: filepath.Join(root, "warm"), rerunOut: filepath.Join(root, "rerun"), coldOut: filepath.Join(root, "cold"), seed: seed}
	cfg := r.site.config()
	cfg.OutDir = r.warmOut
	r.warm = NewBuilder(cfg)
	return r
}

// step makes one edit (edit returns its description), builds warm and
// cold, and compares them; it reports false when the run must stop.
func (r *propRun) step(t testing.TB, ch chooser, edit func() string) bool {
	t.Helper()
	desc := edit()
	if desc == "" {
		return true
	}
	first := len(r.log) == 0
	if first {
		ch = constChooser(1) // in place, not told
	}
	change, err := r.site.sync(ch)
	if err != nil {
		t.Fatalf("writing the edit: %v", err)
	}
	// As Dev tells the Builder: only when every change is a file written
	// or created, and never before the first build.
	tell := !first && !change.removed && len(change.written) > 0 && chance(ch, 2)
	if tell {
		r.warm.Changed(change.written)
		desc += " (told)"
		r.told++
	}
	// Now and then cmd/build runs again over its own output: a new
	// process, which may find that nothing changed since its last build.
	rerun := first || chance(ch, 4)
	if rerun && !first {
		desc += " (rerun)"
	}
	r.log = append(r.log, desc)

	if err := os.RemoveAll(r.coldOut); err != nil {
		t.Fatal(err)
	}
	cold := r.site.config()
	cold.OutDir = r.coldOut
	coldRes, coldErr := Build(context.Background(), cold)
	coldTree := outputTree(t, r.coldOut)
	if coldErr != nil && len(coldTree) > 0 {
		r.fail(t, fmt.Sprintf("a failed cold build wrote %d files", len(coldTree)))
		return false
	}
	if coldErr != nil {
		r.failed++
	}
	r.failedLast = coldErr != nil

	warmBefore := outputTree(t, r.warmOut)
	r.warm.cfg.Now = r.site.now
	warmRes, warmErr := r.warm.Build(context.Background())
	if msg := sameBuild(t, "warm Builder", r.warmOut, warmBefore, warmRes, warmErr, coldRes, coldErr, coldTree); msg != "" {
		r.fail(t, msg)
		return false
	}
	if rerun {
		rerunBefore := outputTree(t, r.rerunOut)
		cfg := r.site.config()
		cfg.OutDir = r.rerunOut
		res, err := Build(context.Background(), cfg)
		if msg := sameBuild(t, "build run again", r.rerunOut, rerunBefore, res, err, coldRes, coldErr, coldTree); msg != "" {
			r.fail(t, msg)
			return false
		}
	}
	return true
}

// sameBuild compares a build into outDir, which held before, with the
// cold build: the same result, and the same files, or when the build
// failed the files it had before. It returns "" when they agree.
func sameBuild(t testing.TB, what, outDir string, before map[string][]byte, res *Result, err error, coldRes *Result, coldErr error, coldTree map[string][]byte) string {
	t.Helper()
	var problems []string
	if msg := compareResults(res, err, coldRes, coldErr); msg != "" {
		problems = append(problems, msg)
	}
	got := outputTree(t, outDir)
	if err != nil {
		if msg := diffTrees(got, before, "the output before the failed build"); msg != "" {
			problems = append(problems, "a failed build changed the output: "+msg)
		}
	} else if msg := diffTrees(got, coldTree, "a cold build"); msg != "" {
		problems = append(problems, msg)
	}
	if len(problems) == 0 {
		return ""
	}
	return what + ": " + strings.Join(problems, "\n")
}

// fail reports a difference with what reproduces it.
func (r *propRun) fail(t testing.TB, msg string) {
	t.Helper()
	msg = strings.ReplaceAll(msg, r.site.root+string(filepath.Separator), "")
	t.Errorf("incremental build differs from a cold build after edit %d (%s)\n%s\nedits:\n%s",
		len(r.log)-1, r.seed, msg, compactLog(r.log))
}

// compactLog joins the edits with "; " into lines of about 150 bytes.
func compactLog(log []string) string {
	var b strings.Builder
	line := 0
	for i, e := range log {
		if i > 0 {
			b.WriteString("; ")
			line += 2
		}
		if line > 150 {
			b.WriteString("\n")
			line = 0
		}
		if line == 0 {
			b.WriteString("  ")
		}
		fmt.Fprintf(&b, "%d:%s", i, e)
		line += len(e) + 4
	}
	return b.String()
}

// compareResults returns what differs between what the warm and the cold
// build report: the error, the diagnostics and the counts the last line
// prints; "" when nothing does.
func compareResults(warm *Result, warmErr error, cold *Result, coldErr error) string {
	errText := func(err error) string {
		if err == nil {
			return "no error"
		}
		return err.Error()
	}
	if a, b := errText(warmErr), errText(coldErr); a != b {
		return "error differs:\n" + firstDiff([]byte(b), []byte(a))
	}
	if warm == nil || cold == nil {
		return ""
	}
	if a, b := warm.Diagnostics.Error(), cold.Diagnostics.Error(); a != b {
		return "diagnostics differ:\n" + firstDiff([]byte(b), []byte(a))
	}
	summary := func(res *Result) string {
		return fmt.Sprintf("pages %d, files %d, links %d, closed %v, next change %s (%s)",
			res.Pages, res.Files, res.Links, res.Closed, res.NextChange.Format(time.RFC3339), res.NextChangeRole)
	}
	if a, b := summary(warm), summary(cold); a != b {
		return fmt.Sprintf("result differs:\n  want: %s\n  got:  %s", b, a)
	}
	return ""
}

// diffTrees describes the first difference between two output trees, or
// returns "" when they are equal file for file and byte for byte.
func diffTrees(got, want map[string][]byte, what string) string {
	var paths []string
	for p := range got {
		paths = append(paths, p)
	}
	for p := range want {
		if _, ok := got[p]; !ok {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		g, inGot := got[p]
		w, inWant := want[p]
		switch {
		case !inGot:
			return fmt.Sprintf("%s: missing, %s has it", p, what)
		case !inWant:
			return fmt.Sprintf("%s: extra, %s does not have it", p, what)
		case !bytes.Equal(g, w):
			return fmt.Sprintf("%s differs from %s\n%s", p, what, firstDiff(w, g))
		}
	}
	return ""
}

// propSeedValue returns the seed of the run: -seed, ROLESITE_PROP_SEED, or
// the clock.
func propSeedValue(t *testing.T) uint64 {
	if *propSeed != 0 {
		return *propSeed
	}
	if env := os.Getenv("ROLESITE_PROP_SEED"); env != "" {
		v, err := strconv.ParseUint(env, 10, 64)
		if err != nil {
			t.Fatalf("ROLESITE_PROP_SEED=%q: want a number", env)
		}
		return v
	}
	return uint64(time.Now().UnixNano())
}

func propEditCount(t *testing.T) int {
	if env := os.Getenv("ROLESITE_PROP_EDITS"); env != "" {
		n, err := strconv.Atoi(env)
		if err != nil || n < 1 {
			t.Fatalf("ROLESITE_PROP_EDITS=%q: want a positive number", env)
		}
		return n
	}
	if testing.Short() {
		return propEdits / 10
	}
	return propEdits
}

func TestIncrementalEqualsCold(t *testing.T) {
	seed := propSeedValue(t)
	edits := propEditCount(t)
	ch := randChooser{rand.New(rand.NewPCG(seed, 0))}
	run := newPropRun(t, 20, fmt.Sprintf("reproduce: go test -run '^TestIncrementalEqualsCold$' -seed %d ./generator", seed))
	t.Logf("seed %d, %d edits", seed, edits)
	if !run.step(t, ch, func() string { return "first build" }) {
		return
	}
	for len(run.log) < edits {
		if !run.step(t, ch, func() string { return propNext(run.site, ch, run.lastFailed()) }) {
			return
		}
	}
	t.Logf("%d builds, %d failed on purpose, %d told of the changed files", len(run.log), run.failed, run.told)
	// A sequence that mostly fails checks little: the repairs must win.
	if run.failed > len(run.log)/2 {
		t.Errorf("%d of %d builds failed: the edits leave the site broken too often to check incremental builds", run.failed, len(run.log))
	}
}

// lastFailed reports whether the last build failed.
func (r *propRun) lastFailed() bool { return r.failedLast }

// outputTree reads an output folder as readTree does; a folder not made
// yet is empty.
func outputTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return map[string][]byte{}
	}
	return readTree(t, dir)
}

func FuzzIncrementalEqualsCold(f *testing.F) {
	// More seeds are under testdata/fuzz/FuzzIncrementalEqualsCold: every
	// kind once, breaks and repairs, layouts with heading links, files
	// moving.
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	f.Fuzz(func(t *testing.T, data []byte) {
		ch := &byteChooser{data: data}
		run := newPropRun(t, 8, "the fuzzer keeps the input under testdata/fuzz/FuzzIncrementalEqualsCold; go test -run 'FuzzIncrementalEqualsCold/NAME' ./generator runs it again")
		if !run.step(t, ch, func() string { return "first build" }) {
			return
		}
		for steps := 0; !ch.done() && steps < 64; steps++ {
			if !run.step(t, ch, func() string { return propNext(run.site, ch, run.lastFailed()) }) {
				return
			}
		}
	})
}

// TestIncrementalRegressions replays the shortest edit sequences with
// which TestIncrementalEqualsCold found an incremental build that differed
// from a cold one. Each runs once with the Builder told of the changed
// files and once not.
func TestIncrementalRegressions(t *testing.T) {
	// The fixture site of newPropSite(root, 6): role i's body mentions
	// role i+1 by title.
	setTitle := func(i int, title string) func(s *propSite) string {
		return func(s *propSite) string {
			s.roles[i].title = title
			return fmt.Sprintf("%s.title=%q", s.roles[i].slug(), title)
		}
	}
	tests := []struct {
		name  string
		edits []func(s *propSite) string
	}{
		{
			// The failed build took in the names of role 1 without
			// rendering the bodies that mention it; the next build
			// compared with those names, not with the bodies', and left
			// role 0's link to "Frontend-Entwickler" in place.
			name: "a name taken, then the other holder renamed",
			edits: []func(s *propSite) string{
				setTitle(1, "Full-Stack-Entwickler"), // role 2's title: the build fails
				setTitle(2, "Rolle zwei"),
			},
		},
		{
			// The same names at other places: the index was kept with
			// its errors at the YAML positions of the names.
			name: "a name taken, then the file turned to TOML",
			edits: []func(s *propSite) string{
				setTitle(1, "Full-Stack-Entwickler"),
				func(s *propSite) string { s.roles[1].toml = true; return "toml" },
			},
		},
	}
	for _, tt := range tests {
		for _, tell := range []int{1, 0} {
			t.Run(fmt.Sprintf("%s, told %t", tt.name, tell == 0), func(t *testing.T) {
				run := newPropRun(t, 6, "TestIncrementalRegressions")
				ch := constChooser(tell) // 0: by rename and told; 1: in place, not told
				run.step(t, ch, func() string { return "first build" })
				for _, edit := range tt.edits {
					if !run.step(t, ch, func() string { return edit(run.site) }) {
						return
					}
				}
			})
		}
	}
}
