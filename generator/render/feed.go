package render

import (
	"bytes"
	"embed"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"rolesite/generator/content"
	"rolesite/generator/diag"
)

// Job-board feeds. The built-in one, /jobs.xml, is Indeed's XML feed
// (https://docs.indeed.com/indeed-apply/xml-feed, and the same reference at
// https://docs.indeed.com/sponsored-jobs-api/shared-resources/xml-job-feed-format);
// Jooble, Talent.com and Careerjet read that format too. Each file NAME.xml
// in the layouts folder's feeds/ is one more feed, published as
// /feeds/NAME.xml. Every feed template sees the same Feed: the open
// positions, mapped once from the JobPosting data (newJobPosting).
//
// Feed templates are text/template, not html/template: html/template
// escapes for HTML, and would write HTML entities (&#39;, &#43;) that are
// no XML entities and that Indeed does not accept ("Indeed does not
// support HTML entities"), and it knows nothing of CDATA. A feed template
// escapes with xml (element text and attribute values) and cdata (a CDATA
// section, split around "]]>"), and whatever it writes is parsed with
// encoding/xml before it is published: a feed that is not well-formed XML
// is a build error at its template.

//go:embed feeds
var builtinFeeds embed.FS

// FeedsDir is the folder of the layouts folder that holds feed templates.
const FeedsDir = "feeds"

// JobsFeedPath is the output path of the built-in Indeed feed.
const JobsFeedPath = "jobs.xml"

// feedTemplate is one parsed feed template.
type feedTemplate struct {
	path   string // output path: "jobs.xml", "feeds/careerjet.xml"
	origin string // where it was read: "built-in feeds/jobs.xml" or a layouts path
	t      *template.Template
	// builtin: the template is the built-in one, which writes well-formed
	// XML by construction.
	builtin bool
}

// feedNameRE is what a feed template's file name must look like: it
// becomes the last segment of the feed's URL as it is.
var feedNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*\.xml$`)

// parseFeeds parses the built-in Indeed feed and each template in
// layoutsDir/feeds, sorted by output path.
func parseFeeds(layoutsDir string, errs *diag.List) []feedTemplate {
	var out []feedTemplate
	src, err := fs.ReadFile(builtinFeeds, "feeds/jobs.xml")
	if err != nil {
		errs.Add(diag.Position{Path: "feeds"}, diag.BuiltinTemplates, err)
		return nil
	}
	add := func(path, origin, text string) {
		t, err := template.New(filepath.Base(origin)).Funcs(feedFuncs).Parse(text)
		if err != nil {
			errs.Add(templatePos(origin, err), diag.TemplateError, templateReason(err))
			return
		}
		out = append(out, feedTemplate{path: path, origin: origin, t: t})
	}
	add(JobsFeedPath, "built-in feeds/jobs.xml", string(src))
	if len(out) == 1 {
		out[0].builtin = true
	}
	if layoutsDir == "" {
		return out
	}
	dir := filepath.Join(layoutsDir, FeedsDir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		// A file named feeds is told of with the layouts folder's files.
		if !errors.Is(err, fs.ErrNotExist) && !isNotDir(dir) {
			errs.Add(diag.Position{Path: dir}, diag.LayoutsUnreadable, err)
		}
		return out
	}
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		if quietlyUnread(name) {
			continue
		}
		if e.IsDir() || !feedNameRE.MatchString(name) {
			errs.Warn(diag.Position{Path: p}, diag.FeedTemplateName, name)
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			errs.Add(diag.Position{Path: p}, diag.LayoutUnreadable, err)
			continue
		}
		add(FeedsDir+"/"+name, p, string(b))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out
}

// isNotDir reports whether p exists and is no folder.
func isNotDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && !info.IsDir()
}

// feedFuncs are the functions feed templates may call (docs/TEMPLATES.md
// lists them from their doc comments).
var feedFuncs = template.FuncMap{
	"xml":   xmlText,
	"cdata": cdataSection,
	"join":  joinList,
	"has":   hasItem,
}

// joinList joins a list with sep: {{join .EmploymentTypes ", "}} gives
// "FULL_TIME, PART_TIME".
func joinList(list []string, sep string) string { return strings.Join(list, sep) }

// hasItem reports whether list holds s:
// {{if has .EmploymentTypes "PART_TIME"}}part-time{{end}}.
func hasItem(list []string, s string) bool { return slices.Contains(list, s) }

// xmlText escapes s for XML element text or an attribute value: & < > " '
// become entities that XML defines, characters XML 1.0 cannot carry
// become U+FFFD. {{xml .Title}} gives "Sales &amp; Marketing".
func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}

// cdataSection writes s as a CDATA section: <![CDATA[...]]>. A "]]>" in s,
// which would end the section, is split over two sections
// ("]]" ends one, ">" starts the next); characters XML 1.0 cannot carry
// become U+FFFD. {{cdata .Description}} gives "<![CDATA[<p>Wir suchen ...</p>]]>".
func cdataSection(s string) string {
	s = validXML(s)
	return "<![CDATA[" + strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>") + "]]>"
}

// validXML replaces what XML 1.0 cannot carry (invalid UTF-8, control
// characters but tab, newline and carriage return, U+FFFE and U+FFFF)
// by U+FFFD.
func validXML(s string) string {
	ok := func(r rune) bool {
		return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
	}
	clean := true
	for i, r := range s {
		if (r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")) || !ok(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if (r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")) || !ok(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Feed is what every feed template receives (the built-in /jobs.xml and
// each layouts/feeds/NAME.xml): the site and its open positions.
type Feed struct {
	Publisher    string // the agency: site.yaml organization.name, else title: "Nordwind Recruiting GmbH"
	PublisherURL string // the agency's URL, else base_url: "https://www.nordwind-recruiting.example/"
	SiteTitle    string // site.yaml title: "Karriere bei Nordwind Recruiting"
	BaseURL      string // site.yaml base_url, with a final slash: "https://karriere.example/"
	Language     string // site.yaml language: "de"
	// LastBuildDate is the newest lastmod of the open positions, in ISO
	// 8601 UTC ("2026-11-20T00:00:00Z"), or "" without any: never the
	// build time, so that the same content builds the same bytes.
	LastBuildDate string
	Jobs          []FeedJob // the open positions, in the site's order (category, weight, title)
}

// FeedJob is one open position as feeds show it (each of Feed.Jobs),
// mapped from the same data as its JobPosting.
type FeedJob struct {
	Title string // front matter title: "Backend-Entwickler"
	// ReferenceNumber is the role's slug ("backend-entwickler"): unique
	// on the site, and it stays when the title is edited (the file name
	// decides it), as Indeed asks of referencenumber.
	ReferenceNumber string
	RequisitionID   string // the slug as well: a role is one requisition here: "backend-entwickler"
	URL             string // the role page's absolute URL: "https://karriere.example/tech-development/backend-entwickler/"
	Date            string // date_posted in ISO 8601 UTC: "2026-11-02T00:00:00Z"
	DatePosted      string // date_posted as a date: "2026-11-02"
	// ExpirationDate is the moment the position closes (valid_through,
	// midnight UTC) in ISO 8601 UTC, or "": "2027-02-28T00:00:00Z".
	ExpirationDate string
	ValidThrough   string // valid_through as a date, or "": "2027-02-28"
	// Company is the name to publish: the employer's, or the agency's
	// (Feed.Publisher) when the employer is confidential.
	Company        string
	Employer       string   // the employer's name, or "" when confidential: "Isarwerk Mobility GmbH"
	Confidential   bool     // true when the employer is not disclosed
	City           string   // location locality: "München"
	State          string   // location region: "Bayern"
	PostalCode     string   // location postal_code: "80331"
	Country        string   // ISO 3166-1 alpha-2; a remote position without one: its first applicant country: "DE"
	StreetAddress  string   // location street, or ""
	Remote         bool     // true for a fully remote position
	RemoteType     string   // "Fully remote" for a remote position (Indeed's remotetype), else ""
	Countries      []string // where a remote position may be held, ISO codes: ["DE", "AT"]
	Summary        string   // the front matter description: "Backend-Entwickler (m/w/d) in München gesucht: ..."
	Category       string   // its category's title: "Tech & Development"
	Salary         string   // the salary as the page shows it, or "": "62.000 – 92.000 € pro Jahr"
	SalaryMin      float64  // the JobPosting's baseSalary minValue, or 0: 62000
	SalaryMax      float64  // its maxValue, or 0: 92000
	SalaryCurrency string   // its currency, ISO 4217, or "": "EUR"
	SalaryUnit     string   // its unitText, HOUR, DAY, WEEK, MONTH or YEAR, or ""
	// EmploymentTypes are the JobPosting's employmentType codes:
	// ["FULL_TIME", "PART_TIME"].
	EmploymentTypes []string
	// JobType is the employment types in Indeed's words, comma-separated
	// ("fulltime, parttime"); types Indeed has no word for are left out.
	JobType          string
	Email            string   // where to apply by e-mail: site.yaml contact.email, or ""
	ApplyURL         string   // apply_url, or ""
	Education        string   // the JobPosting's credentialCategory, or "": "bachelor degree"
	ExperienceMonths int      // months of experience asked for, or 0
	Skills           []string // front matter skills: ["Go", "PostgreSQL"]

	body    func() (string, error) // reads the body's HTML (FeedInput.Body)
	baseURL string                 // the site's base_url, for absoluteLinks
}

// Description returns the role's body as HTML, the same the page and the
// JobPosting show, with its links made absolute: {{cdata .Description}}.
// The body is read when a template asks for it, so that a feed of
// thousands of positions never holds all their bodies at once.
func (j FeedJob) Description() (string, error) {
	if j.body == nil {
		return "", nil
	}
	html, err := j.body()
	if err != nil {
		return "", err
	}
	return absoluteLinks(html, j.baseURL, j.URL), nil
}

// FeedInput is one open position for WriteFeed: the role, how to read its
// body as rendered, and its last change (the sitemap's lastmod).
type FeedInput struct {
	Role    *content.Role
	Body    func() (string, error)
	LastMod time.Time
}

// indeedJobTypes are Indeed's jobtype words for the schema.org
// employmentType codes (https://techdocs.indeedeng.io/xml-job-feed/).
// VOLUNTEER, PER_DIEM and OTHER have none and are left out.
var indeedJobTypes = map[string]string{
	"FULL_TIME":  "fulltime",
	"PART_TIME":  "parttime",
	"CONTRACTOR": "contract",
	"TEMPORARY":  "temporary",
	"INTERN":     "internship",
}

// isoUTC is the date format of the feeds: ISO 8601 in UTC, as Indeed
// recommends ("2014-12-19T22:49:39Z").
const isoUTC = "2006-01-02T15:04:05Z"

// newFeedJob maps an open role to its feed entry from its JobPosting, so
// that the feed and the structured data never tell two stories.
func (c *Context) newFeedJob(in FeedInput) FeedJob {
	r := in.Role
	pageURL := c.Abs(r.URLPath())
	jp := newJobPosting(c.Site, r, pageURL, "") // the description is read later (FeedJob.Description)
	j := FeedJob{
		Title: jp.Title, ReferenceNumber: jp.Identifier.Value, RequisitionID: jp.Identifier.Value,
		URL: jp.URL, DatePosted: jp.DatePosted, Date: r.DatePosted.UTC().Format(isoUTC), ValidThrough: jp.ValidThrough,
		body: in.Body, baseURL: c.Site.BaseURL,
		Summary: r.Description, Category: c.categoryOf(r).Title,
		EmploymentTypes: jp.EmploymentType, Email: c.Site.Contact.Email, ApplyURL: r.ApplyURL,
	}
	if !r.ClosesAt().IsZero() {
		j.ExpirationDate = r.ClosesAt().UTC().Format(isoUTC)
	}
	if r.HiringOrganization.Confidential || r.HiringOrganization.Name == "" {
		j.Confidential, j.Company = true, c.view.AgencyName
	} else {
		j.Employer, j.Company = jp.HiringOrganization.Name, jp.HiringOrganization.Name
	}
	if l := jp.JobLocation; l != nil {
		a := l.Address
		j.City, j.State, j.PostalCode, j.Country, j.StreetAddress = a.AddressLocality, a.AddressRegion, a.PostalCode, a.AddressCountry, a.StreetAddress
	}
	if jp.JobLocationType == "TELECOMMUTE" {
		j.Remote, j.RemoteType = true, "Fully remote"
		for _, co := range jp.ApplicantLocationRequirements {
			j.Countries = append(j.Countries, co.Name)
		}
		if j.Country == "" && len(j.Countries) > 0 {
			j.Country = j.Countries[0]
		}
	}
	if s := jp.BaseSalary; s != nil {
		j.SalaryMin, j.SalaryMax, j.SalaryCurrency, j.SalaryUnit = s.Value.MinValue, s.Value.MaxValue, s.Currency, s.Value.UnitText
		j.Salary = c.loc.Salary(s.Value.MinValue, s.Value.MaxValue, s.Currency, s.Value.UnitText)
	}
	var types []string
	for _, t := range jp.EmploymentType {
		if w, ok := indeedJobTypes[t]; ok {
			types = append(types, w)
		}
	}
	j.JobType = strings.Join(types, ", ")
	if e := jp.EducationRequirements; e != nil {
		j.Education = e.CredentialCategory
	}
	if e := jp.ExperienceRequirements; e != nil {
		j.ExperienceMonths = e.MonthsOfExperience
	}
	j.Skills = r.Skills
	return j
}

// absoluteLinks makes the links of a rendered body absolute: a feed is
// read away from the site, where "/x/" and "#id" lead nowhere. The body's
// HTML is the Markdown renderer's, which writes every href in double
// quotes.
func absoluteLinks(html, baseURL, pageURL string) string {
	// Two passes of ReplaceAll: a strings.Replacer would be built anew for
	// each position, which costs more than the passes.
	html = strings.ReplaceAll(html, `href="/`, `href="`+strings.TrimSuffix(baseURL, "/")+`/`)
	return strings.ReplaceAll(html, `href="#`, `href="`+pageURL+`#`)
}

// NewFeed is the view of the open positions that every feed template
// receives. jobs must be open at c.Now, in the site's order.
func (c *Context) NewFeed(jobs []FeedInput) *Feed {
	f := &Feed{
		Publisher: c.view.AgencyName, PublisherURL: c.view.AgencyURL, SiteTitle: c.Site.Title,
		BaseURL: c.Site.BaseURL, Language: c.Site.Language,
	}
	if f.PublisherURL == "" {
		f.PublisherURL = c.Site.BaseURL
	}
	var newest time.Time
	for _, in := range jobs {
		if in.LastMod.After(newest) {
			newest = in.LastMod
		}
		f.Jobs = append(f.Jobs, c.newFeedJob(in))
	}
	if !newest.IsZero() {
		f.LastBuildDate = newest.UTC().Format(isoUTC)
	}
	return f
}

// FeedPaths returns the output path of every feed ("jobs.xml", then
// "feeds/NAME.xml" for each template in the layouts folder) and where its
// template was read, for the collisions with static files.
func (r *Renderer) FeedPaths() (paths, origins []string) {
	for _, f := range r.feeds {
		paths = append(paths, f.path)
		origins = append(origins, f.origin)
	}
	return paths, origins
}

// WriteFeed renders the feed at output path p (one of FeedPaths) into w
// and checks that it is well-formed XML; a feed that is not is a
// diag.List error at its template.
func (r *Renderer) WriteFeed(w *bytes.Buffer, p string, feed *Feed) error {
	for _, f := range r.feeds {
		if f.path != p {
			continue
		}
		start := w.Len()
		if err := f.t.Execute(w, feed); err != nil {
			return fmt.Errorf("render feed %s: %w", p, feedLocated(f.origin, err))
		}
		if f.builtin {
			// Every value of the built-in template goes through cdata or
			// xml, whose output is well-formed whatever the text
			// (FuzzCDATA); its tests parse what it writes. Parsing a feed
			// of 10,000 positions again would double its time.
			return nil
		}
		if err := wellFormed(w.Bytes()[start:]); err != nil {
			var errs diag.List
			errs.Add(diag.Position{Path: f.origin}, diag.FeedNotWellFormed, "/"+p, err)
			return errs
		}
		return nil
	}
	return fmt.Errorf("render feed %s: no such feed", p)
}

// feedExecRE matches the start of a text/template execution error:
// "template: jobs.xml:7:21: executing ...".
var feedExecRE = regexp.MustCompile(`^template: [^:]+:(\d+):(\d+): `)

// feedLocated rewrites an execution error to start with the template's
// file, line and column (counted from 1).
func feedLocated(origin string, err error) error {
	m := feedExecRE.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	var col int
	fmt.Sscanf(m[2], "%d", &col)
	return &locatedError{msg: fmt.Sprintf("%s:%s:%d: %s", origin, m[1], col+1, strings.TrimPrefix(err.Error(), m[0])), err: err}
}

// wellFormed checks that data is one well-formed XML document in UTF-8:
// encoding/xml's strict parser reads it to the end, every end tag closes
// the element open at that point, and it has exactly one root element.
// RawToken, with the element stack kept here, spares the name-space work
// Token would do for every element of a feed of thousands of jobs.
func wellFormed(data []byte) error {
	if !utf8.Valid(data) {
		return errors.New("not valid UTF-8")
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var open []xml.Name
	roots := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		line, _ := d.InputPos()
		switch t := tok.(type) {
		case xml.StartElement:
			if len(open) == 0 {
				if roots++; roots > 1 {
					return fmt.Errorf("line %d: a second root element <%s>", line, qname(t.Name))
				}
			}
			open = append(open, t.Name)
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != t.Name {
				return fmt.Errorf("line %d: </%s> closes no open element of that name", line, qname(t.Name))
			}
			open = open[:len(open)-1]
		case xml.CharData:
			if len(open) == 0 && len(bytes.TrimSpace(t)) > 0 {
				return fmt.Errorf("line %d: text outside the root element", line)
			}
		}
	}
	switch {
	case roots == 0:
		return errors.New("no root element")
	case len(open) > 0:
		return fmt.Errorf("<%s> is not closed", qname(open[len(open)-1]))
	}
	return nil
}

// qname writes a name as it stood in the document: prefix:local.
func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}
