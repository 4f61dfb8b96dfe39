package generator

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"rolesite/generator/output"
)

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
	{"headers", 2, propEditHeaders},
	{"static", 3, propEditStatic},
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
	switch ch.intn(7) {
	case 6:
		s.listing = pickOne(ch, propListings)
		return "site.listing=" + s.listing
	case 5:
		// Where aliases answer from: the rules file, the pages, or both.
		s.host = pickOne(ch, []string{"", "netlify", "github-pages"})
		return "site.host=" + s.host
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

// propEditHeaders adds, changes or removes layouts/_headers.
func propEditHeaders(s *propSite, ch chooser) string {
	if _, ok := s.layouts[output.HeadersName]; ok && chance(ch, 2) {
		delete(s.layouts, output.HeadersName)
		return "layouts-_headers"
	}
	s.layouts[output.HeadersName] = ch.intn(len(propHeaders))
	return fmt.Sprintf("layouts+_headers#%d", s.layouts[output.HeadersName])
}

// propStaticFiles are the files static/ can hold: dot files and folders,
// deep folders, folders the pages use too, non-ASCII names.
var propStaticFiles = []string{
	".well-known/security.txt", ".htaccess", "downloads/stellenprofil.pdf", "downloads/2027/gehaltsbänder.pdf",
	"img/logo.svg", "jobs/hinweis.txt", "tech/flyer.pdf", "sales/team/foto.jpg", "assets/schrift.woff2",
}

// propStaticBreaks are static files that collide with a generated file
// (tech/index.html and gastro: with the page of a category the site may
// have) or, in case, with another static file; repair removes them.
var propStaticBreaks = []string{"robots.txt", "index.html", "404.html", "sitemap.xml", "tech/index.html", "gastro", "Index.html", "IMG/logo.svg"}

// propEditStatic adds, changes or removes a file of the static folder.
func propEditStatic(s *propSite, ch chooser) string {
	if len(s.static) > 0 && chance(ch, 3) {
		p := pickOne(ch, slices.Sorted(maps.Keys(s.static)))
		delete(s.static, p)
		return "static-" + p
	}
	p := pickOne(ch, propStaticFiles)
	s.static[p]++
	return fmt.Sprintf("static+%s#%d", p, s.static[p])
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
	func(s *propSite, ch chooser) string { // a static file where a generated one goes
		p := pickOne(ch, propStaticBreaks)
		s.static[p]++
		return "static+" + p
	},
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
	for _, p := range propStaticBreaks {
		delete(s.static, p)
	}
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
