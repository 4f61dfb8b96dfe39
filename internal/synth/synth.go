// Package synth writes synthetic Rolesite content folders for benchmarks
// and load tests: the programmatic landing pages of a recruiting agency,
// one role per base role word x city x seniority ("Senior
// Backend-Entwickler Köln").
//
// [Write] creates dir/site.yaml and dir/roles/<slug>.md for n roles. The
// output depends only on n and the seed. Every role sets a realistic mix of
// the front-matter fields the README lists (title, category, description,
// synonyms, skills, employment_type, salary, location, remote with
// applicant_countries, hiring_organization, date_posted, valid_through,
// lastmod, occupation_code from content's ISCO-08 table, experience_months,
// education, experience_in_place_of_education, apply_url, direct_apply, related,
// aliases under /jobs/, draft, weight); a few roles are remote, a few are
// role descriptions without date_posted, a few closed before [Now], a few
// are drafts. Bodies have 600 to 900 German-like words under ## headings,
// with lists, emphasis, sometimes a table and a link to another role's file,
// and 10 to 30 mentions of other roles' names, some inflected (-s, -en,
// -in). Names are unique after case folding, and every name starts with a
// seniority word and ends with a city, so no name is a prefix or suffix of
// another's. The site loads with no errors; it may warn.
//
// The command cmd/synth runs it: go run ./cmd/synth -n 10000 -seed 1 -out DIR.
package synth

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"rolesite/internal/slug"
)

// Now is a build time at which the synthetic site has the intended mix of
// open, closed and described roles; benchmarks and tests build with it.
var Now = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// Max is the largest n Write accepts: every base x city x seniority.
var Max = len(bases) * len(cities) * len(seniorities)

// Write writes a synthetic site with n roles into dir, which is created
// when missing; dir/roles must not exist yet or be empty, so that no stale
// role survives. The same n and seed write the same bytes.
func Write(dir string, n int, seed int64) error {
	if n < 1 || n > Max {
		return fmt.Errorf("synth: n = %d, want 1 to %d", n, Max)
	}
	roles := filepath.Join(dir, "roles")
	if entries, err := os.ReadDir(roles); err == nil && len(entries) > 0 {
		return fmt.Errorf("synth: %s is not empty; write into a new folder", roles)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(roles, 0o755); err != nil {
		return err
	}
	s := New(n, seed)
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), siteYAML(), 0o644); err != nil {
		return err
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	next := make(chan int, 64)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				name, b := s.Role(i)
				if err := os.WriteFile(filepath.Join(roles, name+".md"), b, 0o644); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

// Site is a synthetic site of n roles. It holds the names of all of them,
// which every role's body and related list draw on; the files are made
// from it on demand.
type Site struct {
	n        int
	seed     int64
	titles   []string
	synonyms [][]string
	slugs    []string
}

// triple maps role i to its base, city and seniority, spread so that a
// small site still covers every base and many cities, and so that the
// mapping is one to one below Max.
func triple(i int) (b, c, s int) {
	nb, nc, ns := len(bases), len(cities), len(seniorities)
	b = i % nb
	q := i / nb
	c = (q + b*7) % nc
	s = (q/nc + q + b*3) % ns
	return b, c, s
}

// New returns the synthetic site with n roles (1 <= n <= Max) and the given
// seed, the one Write writes.
func New(n int, seed int64) *Site {
	s := &Site{n: n, seed: seed, titles: make([]string, n), synonyms: make([][]string, n), slugs: make([]string, n)}
	taken := map[string]bool{}
	slugTaken := map[string]bool{}
	for i := range n {
		b, c, sn := triple(i)
		t := seniorities[sn].de + " " + bases[b].de + " " + cities[c].name
		s.titles[i] = t
		taken[nameKey(t)] = true
		base := slug.Make(t)
		name := base
		for k := 2; slugTaken[name]; k++ {
			name = base + "-" + strconv.Itoa(k)
		}
		slugTaken[name] = true
		s.slugs[i] = name
	}
	for i := range n {
		b, c, sn := triple(i)
		cands := []string{seniorities[sn].en + " " + bases[b].en + " " + cities[c].name}
		if i%3 == 0 && strings.HasSuffix(bases[b].de, "er") {
			cands = append(cands, seniorities[sn].de+" "+bases[b].de+"in "+cities[c].name)
		}
		for _, syn := range cands {
			if k := nameKey(syn); !taken[k] {
				taken[k] = true
				s.synonyms[i] = append(s.synonyms[i], syn)
			}
		}
	}
	return s
}

// nameKey approximates the linker's folding: case folded, white space
// collapsed.
func nameKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ToUpper(s))), " ")
}

func isDraft(i int) bool { return i%499 == 498 }

func (s *Site) rng(i int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(s.seed), uint64(i)*0x9e3779b97f4a7c15+1))
}

// other picks a published role other than i.
func (s *Site) other(r *rand.Rand, i int) int {
	if s.n < 3 {
		return -1
	}
	for {
		j := r.IntN(s.n)
		if j != i && !isDraft(j) {
			return j
		}
	}
}

func q(s string) string { return strconv.Quote(s) }

func qlist(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = q(s)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

func day(t time.Time) string { return t.Format("2006-01-02") }

func siteYAML() []byte {
	var b strings.Builder
	b.WriteString(`title: "Karriere bei Nordwind Recruiting"
base_url: "https://karriere.nordwind-recruiting.example/"
language: de
organization:
  name: "Nordwind Recruiting GmbH"
  url: "https://www.nordwind-recruiting.example/"
  logo: "https://www.nordwind-recruiting.example/logo.png"
  same_as:
    - "https://www.linkedin.com/company/nordwind-recruiting-example"
contact:
  email: "karriere@nordwind-recruiting.example"
  phone: "+49 40 1234560"
defaults:
  hiring_organization: confidential
  employment_type: FULL_TIME
  location: {locality: Hamburg, region: Hamburg, postal_code: "20095", country: DE}
  salary_currency: EUR
categories:
`)
	for _, c := range categories {
		fmt.Fprintf(&b, "  - key: %s\n    title: %s\n    description: %s\n", c.key, q(c.title), q(c.description))
	}
	return []byte(b.String())
}

var phrases = []string{
	"spannende Aufgaben in einem wachsenden Team",
	"Verantwortung vom ersten Tag an",
	"ein Umfeld mit kurzen Entscheidungswegen",
	"moderne Werkzeuge und viel Gestaltungsspielraum",
	"ein Team, das Wissen teilt",
	"sichere Perspektive bei einem etablierten Arbeitgeber",
}

// Role returns the slug of role i (0 <= i < n) and the bytes of its file,
// as Write writes them. Benchmarks use it to edit one role.
func (s *Site) Role(i int) (slug string, src []byte) { return s.slugs[i], s.role(i) }

// role renders role i's file.
func (s *Site) role(i int) []byte {
	r := s.rng(i)
	bi, ci, si := triple(i)
	b, c, sen := bases[bi], cities[ci], seniorities[si]
	title := s.titles[i]
	var f strings.Builder
	f.WriteString("---\n")
	fmt.Fprintf(&f, "title: %s\n", q(title))
	fmt.Fprintf(&f, "category: %s\n", categories[b.cat].key)

	// Salary first: the description names it.
	var sal struct {
		min, max int
		unit     string
		cur      string
	}
	switch sen.de {
	case "Werkstudent":
		sal.min, sal.max, sal.unit = 14+r.IntN(4), 18+r.IntN(6), "HOUR"
	case "Interim":
		sal.min, sal.max, sal.unit = 500+50*r.IntN(6), 850+50*r.IntN(6), "DAY"
	default:
		mult := map[string]float64{"Junior": 0.75, "Senior": 1.2, "Lead": 1.35, "Principal": 1.55, "Staff": 1.45, "Trainee": 0.6}[sen.de]
		lo := int(float64(42000+1000*r.IntN(15))*mult) / 1000 * 1000
		sal.min, sal.max, sal.unit = lo, lo+(10+r.IntN(20))*1000, "YEAR"
	}
	if c.country == "CH" {
		sal.cur = "CHF"
	} else if i%4 != 0 {
		sal.cur = "EUR"
	}
	hasSalary := i%11 != 0

	job := sen.de + " " + b.de
	desc := fmt.Sprintf("%s (m/w/d) in %s gesucht: %s.", job, c.name, phrases[r.IntN(len(phrases))])
	if hasSalary && sal.unit == "YEAR" {
		desc += fmt.Sprintf(" %d.000–%d.000 € im Jahr.", sal.min/1000, sal.max/1000)
	}
	for utf8.RuneCountInString(desc) > 160 {
		desc = job + " (m/w/d) in " + c.name + "."
		if utf8.RuneCountInString(desc) > 160 {
			desc = title
		}
	}
	fmt.Fprintf(&f, "description: %s\n", q(desc))
	if len(s.synonyms[i]) > 0 {
		fmt.Fprintf(&f, "synonyms: %s\n", qlist(s.synonyms[i]))
	}
	skills := append([]string(nil), b.skills...)
	r.Shuffle(len(skills), func(a, b int) { skills[a], skills[b] = skills[b], skills[a] })
	fmt.Fprintf(&f, "skills: %s\n", qlist(skills[:3+r.IntN(min(4, len(skills)-2))]))
	switch {
	case sen.de == "Interim":
		f.WriteString("employment_type: [CONTRACTOR]\n")
	case sen.de == "Werkstudent":
		f.WriteString("employment_type: [PART_TIME, TEMPORARY]\n")
	case sen.de == "Trainee":
		f.WriteString("employment_type: [FULL_TIME, INTERN]\n")
	case i%5 == 1:
		f.WriteString("employment_type: [FULL_TIME, PART_TIME]\n")
	case i%5 == 2:
		// the site's default
	default:
		f.WriteString("employment_type: [FULL_TIME]\n")
	}
	if hasSalary {
		fmt.Fprintf(&f, "salary: {min: %d, max: %d", sal.min, sal.max)
		if sal.cur != "" {
			fmt.Fprintf(&f, ", currency: %s", sal.cur)
		}
		if sal.unit != "YEAR" || i%2 == 0 {
			fmt.Fprintf(&f, ", unit: %s", sal.unit)
		}
		f.WriteString("}\n")
	}
	remote := i%41 == 6
	switch {
	case remote:
		f.WriteString("remote: true\n")
		if i%2 == 0 {
			f.WriteString("applicant_countries: [DE, AT, CH]\n")
		} else {
			f.WriteString("applicant_countries: [DE]\n")
		}
	case i%17 == 2:
		// the site's default location
	default:
		fmt.Fprintf(&f, "location: {locality: %s, region: %s, postal_code: %s", q(c.name), q(c.region), q(c.postal))
		if i%3 == 0 {
			fmt.Fprintf(&f, ", street: %s", q(fmt.Sprintf("Hauptstraße %d", 1+r.IntN(120))))
		}
		fmt.Fprintf(&f, ", country: %s}\n", c.country)
		if i%10 == 0 {
			f.WriteString("remote: false\n")
		}
	}
	switch i % 3 {
	case 0:
		f.WriteString("hiring_organization: confidential\n")
	case 1:
		// the site's default
	default:
		emp := employers[r.IntN(len(employers))]
		host := slug.Make(emp)
		fmt.Fprintf(&f, "hiring_organization: {name: %s, url: %s", q(emp+" GmbH"), q("https://www."+host+".example/"))
		if i%4 == 2 {
			fmt.Fprintf(&f, ", logo: %s", q("https://www."+host+".example/logo.png"))
		}
		if i%8 == 2 {
			fmt.Fprintf(&f, ", same_as: [%s]", q("https://www.linkedin.com/company/"+host))
		}
		f.WriteString("}\n")
	}

	// Dates: most roles are open at Now; a few closed; a few describe a
	// role without an opening.
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var posted, valid time.Time
	switch {
	case i%23 == 7: // a role description
	case i%31 == 5: // closed before Now
		posted = base.AddDate(0, 2, r.IntN(60))
		valid = posted.AddDate(0, 0, 60+r.IntN(30))
	case i%13 == 4: // open, no end date
		posted = base.AddDate(0, 8, r.IntN(80))
	default:
		posted = base.AddDate(0, 8, r.IntN(80))
		valid = base.AddDate(1, 2, r.IntN(180))
	}
	if !posted.IsZero() {
		fmt.Fprintf(&f, "date_posted: %s\n", day(posted))
	}
	if !valid.IsZero() {
		fmt.Fprintf(&f, "valid_through: %s\n", day(valid))
	}
	if i%10 < 7 {
		lm := base.AddDate(0, 9, r.IntN(50))
		if !posted.IsZero() && lm.Before(posted) {
			lm = posted.AddDate(0, 0, r.IntN(5))
		}
		fmt.Fprintf(&f, "lastmod: %s\n", day(lm))
	}
	if i%9 != 0 {
		fmt.Fprintf(&f, "occupation_code: %s\n", q(b.isco))
	}
	exp := map[string]int{"Junior": 12, "Senior": 60, "Lead": 84, "Principal": 120, "Staff": 96, "Interim": 120}[sen.de]
	if exp > 0 && i%6 != 0 {
		fmt.Fprintf(&f, "experience_months: %d\n", exp)
	}
	edu := ""
	switch i % 7 {
	case 0, 1, 2:
		edu = "bachelor degree"
	case 3:
		edu = "postgraduate degree"
	case 4:
		edu = "professional certificate"
	}
	if edu != "" {
		fmt.Fprintf(&f, "education: %s\n", edu)
		if exp > 0 && i%6 != 0 && i%4 == 0 {
			f.WriteString("experience_in_place_of_education: true\n")
		}
	}
	switch {
	case i%5 == 0:
		// Applied for on the career site's own form: direct apply.
		f.WriteString("apply_url: \"https://karriere.nordwind-recruiting.example/bewerben/?stelle=" + strconv.Itoa(i) + "\"\ndirect_apply: true\n")
	case i%7 == 0:
		f.WriteString("apply_url: \"https://ats.kunde-" + strconv.Itoa(i%50) + ".example/jobs/" + strconv.Itoa(i) + "\"\n")
	}
	var related []int
	if s.n > 4 {
		seen := map[int]bool{i: true}
		for range 2 + r.IntN(3) {
			j := s.other(r, i)
			if !seen[j] {
				seen[j] = true
				related = append(related, j)
			}
		}
		rs := make([]string, len(related))
		for k, j := range related {
			rs[k] = s.slugs[j]
		}
		if i%8 != 7 {
			fmt.Fprintf(&f, "related: [%s]\n", strings.Join(rs, ", "))
		}
	}
	if i%7 == 3 {
		if i%49 == 3 {
			fmt.Fprintf(&f, "aliases: [/jobs/%s/, /jobs/%s-m-w-d/]\n", s.slugs[i], s.slugs[i])
		} else {
			fmt.Fprintf(&f, "aliases: [/jobs/%s/]\n", s.slugs[i])
		}
	}
	switch {
	case isDraft(i):
		f.WriteString("draft: true\n")
	case i%20 == 0:
		f.WriteString("draft: false\n")
	}
	if i%4 != 3 {
		fmt.Fprintf(&f, "weight: %d\n", (i%10)*10)
	}
	f.WriteString("---\n")
	s.body(&f, r, i, related)
	return []byte(f.String())
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

func capFirst(s string) string {
	c, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(c)) + s[n:]
}

// sentence is one plain German-like sentence.
func sentence(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("%s %s %s %s %s.", pick(r, openers), pick(r, verbs), pick(r, subjects), pick(r, objects), pick(r, adverbials))
	case 1:
		return fmt.Sprintf("%s %s %s %s.", capFirst(pick(r, subjects)), pick(r, verbs), pick(r, objects), pick(r, adverbials))
	case 2:
		return fmt.Sprintf("Wer hier einsteigt, %s %s und %s %s.", pick(r, verbs), pick(r, objects), pick(r, verbs), pick(r, objects))
	default:
		return fmt.Sprintf("%s %s %s *%s*.", capFirst(pick(r, subjects)), pick(r, verbs), pick(r, objects), pick(r, adverbials))
	}
}

// mention is another role's name, sometimes a synonym, sometimes with a
// German inflection ending.
func (s *Site) mention(r *rand.Rand, j int) string {
	name := s.titles[j]
	if len(s.synonyms[j]) > 0 && r.IntN(4) == 0 {
		name = s.synonyms[j][r.IntN(len(s.synonyms[j]))]
	}
	switch r.IntN(10) {
	case 0, 1:
		return name + "s"
	case 2:
		return name + "en"
	case 3:
		return name + "in"
	}
	return name
}

func (s *Site) body(f *strings.Builder, r *rand.Rand, i int, related []int) {
	target := 590 + r.IntN(160)
	mentions := 10 + r.IntN(21)
	if s.n < 3 {
		mentions = 0
	}
	words := 0
	put := func(text string) {
		words += len(strings.Fields(text))
		f.WriteString(text)
	}
	title := s.titles[i]
	// About 10 words a sentence: spread the mentions over the sentences
	// the target leaves room for.
	sentencesLeft := func() float64 { return max(1, float64(target-words)/10) }
	next := func() string {
		if mentions > 0 && r.Float64() < float64(mentions)/sentencesLeft() {
			mentions--
			return fmt.Sprintf(pick(r, mentionLeads), s.mention(r, s.other(r, i)))
		}
		return sentence(r)
	}
	hs := append([]string(nil), headings...)
	for sec := 0; words < target; sec++ {
		h := hs[sec%len(hs)]
		if strings.Contains(h, "%s") {
			h = fmt.Sprintf(h, title)
		}
		put("## " + h + "\n\n")
		switch {
		case sec%3 == 1:
			for range 4 + r.IntN(3) {
				put(fmt.Sprintf("- **%s** %s\n", capFirst(pick(r, objects)), pick(r, adverbials)))
			}
			put("\n")
		case h == "Was das Gehalt bestimmt" && i%3 == 0:
			put("| Erfahrungsstufe | Typische Spanne (brutto/Jahr) |\n|---|---|\n")
			put("| Junior (bis 2 Jahre) | 45.000 – 55.000 € |\n| Professional (3–5 Jahre) | 55.000 – 70.000 € |\n| Senior (ab 6 Jahren) | 70.000 – 90.000 € |\n\n")
		}
		for k := range 1 + r.IntN(2) {
			if k > 0 && words >= target {
				break
			}
			var p []string
			for range 3 + r.IntN(4) {
				p = append(p, next())
			}
			put(strings.Join(p, " ") + "\n\n")
		}
		if sec == 2 && len(related) > 0 && i%3 != 2 {
			j := related[0]
			put(fmt.Sprintf("Mehr dazu steht im Profil [%s](%s.md), das oft gemeinsam mit dieser Rolle gesucht wird.\n\n", s.titles[j], s.slugs[j]))
		}
	}
	if mentions > 0 {
		put("## Verwandte Rollen\n\n")
		for ; mentions > 0; mentions-- {
			put("- " + s.mention(r, s.other(r, i)) + "\n")
		}
		put("\n")
	}
	put("## Interesse?\n\nWenn Sie sich in dieser Beschreibung wiederfinden, melden Sie sich bei Nordwind Recruiting – per E-Mail oder telefonisch. Ein Lebenslauf genügt für den Anfang.\n")
}
