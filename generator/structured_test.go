package generator

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"rolesite/internal/testtree"
)

// page is a built HTML page as a crawler reads it.
type page struct {
	path      string
	doc       *html.Node
	raw       string
	jsonld    []map[string]any
	rawJSONLD []string
}

func parsePage(t *testing.T, dir, rel string) *page {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	p := &page{path: rel, doc: doc, raw: string(data)}
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" && attr(n, "type") == "application/ld+json" {
			text := textOf(n)
			p.rawJSONLD = append(p.rawJSONLD, text)
			var v map[string]any
			if err := json.Unmarshal([]byte(text), &v); err != nil {
				t.Errorf("%s: JSON-LD does not parse: %v\n%s", rel, err, text)
				return
			}
			p.jsonld = append(p.jsonld, v)
		}
	})
	return p
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

func (p *page) ofType(typ string) []map[string]any {
	var out []map[string]any
	for _, v := range p.jsonld {
		if v["@type"] == typ {
			out = append(out, v)
		}
	}
	return out
}

func (p *page) canonical() string {
	var href string
	walk(p.doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "link" && attr(n, "rel") == "canonical" {
			href = attr(n, "href")
		}
	})
	return href
}

// htmlPages lists the HTML files of a build.
func htmlPages(t *testing.T, dir string) []string {
	var out []string
	for p := range testtree.Files(t, dir) {
		if strings.HasSuffix(p, ".html") {
			out = append(out, p)
		}
	}
	return out
}

var isoDateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func TestStructuredDataRules(t *testing.T) {
	cfg := fixture(t)
	mustBuild(t, cfg)
	base := "https://jobs.test.example/"
	open := map[string]bool{"tech/backend-entwickler/index.html": true, "tech/frontend-entwickler/index.html": true}
	for _, rel := range htmlPages(t, cfg.OutDir) {
		p := parsePage(t, cfg.OutDir, rel)
		jobs := p.ofType("JobPosting")
		// Rule 1: exactly one JobPosting on an open role, none elsewhere.
		if open[rel] && len(jobs) != 1 {
			t.Errorf("rule 1: %s has %d JobPosting blocks, want 1", rel, len(jobs))
		}
		if !open[rel] && len(jobs) != 0 {
			t.Errorf("rule 1: %s is not an open role but has a JobPosting", rel)
		}
		// Rule 22: no raw '<' inside any JSON-LD block.
		for _, raw := range p.rawJSONLD {
			if strings.Contains(raw, "<") {
				t.Errorf("rule 22: %s: JSON-LD contains a raw <", rel)
			}
		}
		// Rule 30: a canonical link, absolute, to itself (alias: to its role).
		canon := p.canonical()
		if !strings.HasPrefix(canon, base) {
			t.Errorf("rule 30: %s: canonical %q is not absolute under %s", rel, canon, base)
		}
		selfURL := base + strings.TrimSuffix(rel, "index.html")
		isAlias := strings.HasPrefix(rel, "jobs/")
		switch {
		case isAlias && canon != base+"tech/backend-entwickler/":
			t.Errorf("rule 30: alias %s: canonical %q, want the role", rel, canon)
		case !isAlias && canon != selfURL:
			t.Errorf("rule 30: %s: canonical %q, want %q", rel, canon, selfURL)
		}
		// Rule 19 and 20.
		if rel == "index.html" {
			if len(p.ofType("Organization")) != 1 || len(p.ofType("WebSite")) != 1 {
				t.Errorf("rule 19: home needs one Organization and one WebSite, has %v", p.jsonld)
			}
			org := p.ofType("Organization")[0]
			for _, k := range []string{"name", "url", "logo", "sameAs"} {
				if org[k] == nil {
					t.Errorf("rule 19: Organization lacks %s", k)
				}
			}
		} else if !isAlias {
			checkBreadcrumbs(t, p, canon)
		}
		if strings.Contains(p.raw, "hreflang") {
			t.Errorf("rule 28: %s has hreflang without translations", rel)
		}
	}
	checkJobPosting(t, parsePage(t, cfg.OutDir, "tech/backend-entwickler/index.html"), fixtureNow)
	remote := parsePage(t, cfg.OutDir, "tech/frontend-entwickler/index.html")
	jp := remote.ofType("JobPosting")[0]
	// Rule 8: remote roles.
	if jp["jobLocationType"] != "TELECOMMUTE" {
		t.Errorf("rule 8: jobLocationType = %v", jp["jobLocationType"])
	}
	reqs, _ := jp["applicantLocationRequirements"].([]any)
	if len(reqs) != 2 || reqs[0].(map[string]any)["@type"] != "Country" || reqs[0].(map[string]any)["name"] != "DE" {
		t.Errorf("rule 8: applicantLocationRequirements = %v", jp["applicantLocationRequirements"])
	}
	if !strings.Contains(textOf(remote.doc), "100\u00a0% remote") {
		t.Errorf("rule 8: the visible text does not say the job is remote")
	}
	// Rule 6: a confidential client.
	if org := jp["hiringOrganization"].(map[string]any); org["name"] != "confidential" {
		t.Errorf("rule 6: hiringOrganization = %v, want confidential", org)
	}
	// Rule 16: a closed role shows it, carries no JobPosting (checked above).
	closed := parsePage(t, cfg.OutDir, "sales/account-manager/index.html")
	if !strings.Contains(textOf(closed.doc), "nicht offen") {
		t.Errorf("rule 16: the closed role does not say it is closed")
	}
}

// checkJobPosting checks rules 2-15 and 17 on an open role with every field.
func checkJobPosting(t *testing.T, p *page, now time.Time) {
	t.Helper()
	jp := p.ofType("JobPosting")[0]
	if jp["title"] != "Backend-Entwickler" {
		t.Errorf("rule 2: title = %v", jp["title"])
	}
	desc, _ := jp["description"].(string)
	var prose string
	walk(p.doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "div" && attr(n, "class") == "prose" {
			var b strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				html.Render(&b, c)
			}
			prose = b.String()
		}
	})
	if desc == "" || desc == jp["title"] || !strings.Contains(prose, strings.TrimSpace(desc)[:40]) {
		t.Errorf("rule 3: description is not the visible body HTML:\n%q\nvisible:\n%q", desc, prose)
	}
	posted, _ := jp["datePosted"].(string)
	dp, err := time.Parse("2006-01-02", posted)
	if !isoDateRE.MatchString(posted) || err != nil {
		t.Errorf("rule 4: datePosted %q", posted)
	}
	vt, err := time.Parse("2006-01-02", jp["validThrough"].(string))
	if err != nil || vt.Before(dp) {
		t.Errorf("rule 5: validThrough %v before datePosted", jp["validThrough"])
	}
	if vt.Before(now) {
		t.Errorf("rule 17: validThrough %v lies before the build time", vt)
	}
	org := jp["hiringOrganization"].(map[string]any)
	if org["@type"] != "Organization" || org["name"] != "Beispiel Shop AG" || org["url"] != "https://shop.example/" {
		t.Errorf("rule 6: hiringOrganization = %v", org)
	}
	loc := jp["jobLocation"].(map[string]any)
	addr := loc["address"].(map[string]any)
	if loc["@type"] != "Place" || addr["@type"] != "PostalAddress" || addr["addressCountry"] != "DE" || addr["addressLocality"] != "München" {
		t.Errorf("rule 7: jobLocation = %v", loc)
	}
	allowed := map[string]bool{"FULL_TIME": true, "PART_TIME": true, "CONTRACTOR": true, "TEMPORARY": true, "INTERN": true, "VOLUNTEER": true, "PER_DIEM": true, "OTHER": true}
	for _, e := range jp["employmentType"].([]any) {
		if !allowed[e.(string)] {
			t.Errorf("rule 9: employmentType %v", e)
		}
	}
	sal := jp["baseSalary"].(map[string]any)
	val := sal["value"].(map[string]any)
	min, okMin := val["minValue"].(float64)
	max, okMax := val["maxValue"].(float64)
	if sal["@type"] != "MonetaryAmount" || sal["currency"] != "EUR" || val["@type"] != "QuantitativeValue" ||
		!okMin || !okMax || min > max || val["unitText"] != "YEAR" {
		t.Errorf("rule 10/15: baseSalary = %v", sal)
	}
	id := jp["identifier"].(map[string]any)
	if id["@type"] != "PropertyValue" || id["name"] != "Test Recruiting GmbH" || id["value"] != "backend-entwickler" {
		t.Errorf("rule 11: identifier = %v", id)
	}
	if _, ok := jp["directApply"].(bool); !ok {
		t.Errorf("rule 12: directApply = %#v, want a JSON boolean", jp["directApply"])
	}
	cc := jp["occupationalCategory"].(map[string]any)
	if cc["@type"] != "CategoryCode" || cc["codeValue"] != "2512" || !strings.Contains(cc["inCodeSet"].(string), "isco08") || cc["name"] != "Software developers" {
		t.Errorf("rule 13: occupationalCategory = %v", cc)
	}
	if jp["experienceInPlaceOfEducation"] != true || jp["experienceRequirements"] == nil || jp["educationRequirements"] == nil {
		t.Errorf("rule 14: experienceInPlaceOfEducation without both requirements: %v", jp)
	}
}

func checkBreadcrumbs(t *testing.T, p *page, canon string) {
	t.Helper()
	lists := p.ofType("BreadcrumbList")
	if len(lists) != 1 {
		t.Errorf("rule 20: %s has %d BreadcrumbList blocks", p.path, len(lists))
		return
	}
	items := lists[0]["itemListElement"].([]any)
	if len(items) < 2 {
		t.Errorf("rule 20: %s: %d breadcrumb items", p.path, len(items))
	}
	var visible []string
	walk(p.doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "nav" && strings.Contains(attr(n, "class"), "breadcrumb") {
			walk(n, func(li *html.Node) {
				if li.Type == html.ElementNode && li.Data == "li" {
					visible = append(visible, strings.TrimSpace(textOf(li)))
				}
			})
		}
	})
	for i, it := range items {
		item := it.(map[string]any)
		if int(item["position"].(float64)) != i+1 {
			t.Errorf("rule 20: %s: position %v at %d", p.path, item["position"], i)
		}
		if i < len(visible) && item["name"] != visible[i] {
			t.Errorf("rule 20: %s: name %q, visible %q", p.path, item["name"], visible[i])
		}
		if i < len(items)-1 {
			u, _ := item["item"].(string)
			if !strings.HasPrefix(u, "https://jobs.test.example/") {
				t.Errorf("rule 20: %s: item %q is not absolute", p.path, u)
			}
		}
	}
	if len(visible) != len(items) {
		t.Errorf("rule 20: %s: %d visible crumbs, %d in JSON-LD", p.path, len(visible), len(items))
	}
}

func TestSitemapAndRobotsRules(t *testing.T) {
	cfg := fixture(t)
	mustBuild(t, cfg)
	data, err := os.ReadFile(filepath.Join(cfg.OutDir, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		URLs []struct {
			Loc        string `xml:"loc"`
			LastMod    string `xml:"lastmod"`
			Priority   string `xml:"priority"`
			ChangeFreq string `xml:"changefreq"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &set); err != nil {
		t.Fatalf("rule 23: sitemap is not XML: %v", err)
	}
	got := map[string]string{}
	for _, u := range set.URLs {
		if _, dup := got[u.Loc]; dup {
			t.Errorf("rule 25: %s listed twice", u.Loc)
		}
		got[u.Loc] = u.LastMod
		if u.Priority != "" || u.ChangeFreq != "" {
			t.Errorf("rule 27: %s has priority or changefreq", u.Loc)
		}
		if u.LastMod != "" && !isoDateRE.MatchString(u.LastMod) {
			t.Errorf("rule 26: lastmod %q", u.LastMod)
		}
		rel := strings.TrimPrefix(u.Loc, "https://jobs.test.example/") + "index.html"
		if !strings.HasPrefix(u.Loc, "https://jobs.test.example/") {
			t.Errorf("rule 25: %s is not under base_url", u.Loc)
			continue
		}
		p := parsePage(t, cfg.OutDir, rel)
		if p.canonical() != u.Loc || strings.Contains(p.raw, "noindex") {
			t.Errorf("rule 25: %s is not a canonical, indexable page", u.Loc)
		}
	}
	want := map[string]string{
		"https://jobs.test.example/":                           "2026-11-05", // newest role
		"https://jobs.test.example/tech/":                      "2026-11-05",
		"https://jobs.test.example/tech/backend-entwickler/":   "2026-11-01", // date_posted (no git)
		"https://jobs.test.example/tech/frontend-entwickler/":  "2026-11-05",
		"https://jobs.test.example/sales/":                     "2026-10-31",
		"https://jobs.test.example/sales/key-account-manager/": "2026-10-01", // front matter lastmod
		"https://jobs.test.example/sales/account-manager/":     "2026-10-31", // closed: the closing day
		"https://jobs.test.example/standorte/muenchen/":        "2026-11-01", // its one open position's
	}
	if len(got) != len(want) {
		t.Errorf("sitemap has %d URLs, want %d: %v", len(got), len(want), got)
	}
	for loc, lm := range want {
		if got[loc] != lm {
			t.Errorf("rule 26: %s lastmod %q, want %q", loc, got[loc], lm)
		}
	}
	robots, _ := os.ReadFile(filepath.Join(cfg.OutDir, "robots.txt"))
	if !strings.Contains(string(robots), "Sitemap: https://jobs.test.example/sitemap.xml") || strings.Contains(string(robots), "Disallow: /") {
		t.Errorf("rule 29: robots.txt =\n%s", robots)
	}
}

// Rule 31: the build time decides which roles are open and is never itself
// written: two build times with the same open roles give the same bytes.
func TestBuildTimeIsNotWritten(t *testing.T) {
	a, b := fixture(t), fixture(t)
	b.Now = a.Now.Add(36 * time.Hour)
	mustBuild(t, a)
	mustBuild(t, b)
	ta, tb := testtree.Files(t, a.OutDir), testtree.Files(t, b.OutDir)
	for p, data := range ta {
		if string(data) != string(tb[p]) {
			t.Errorf("%s depends on the build time", p)
		}
	}
}

// Rules 21 and 22: text from content never leaves its element.
func TestHostileTextStaysInert(t *testing.T) {
	cfg := fixture(t)
	hostile := "</script><script>alert(1)</script><!-- <script> \u2028\u2029 ]]> \"'"
	role := "---\ntitle: " + strconvQuote(hostile) + "\ncategory: tech\ndescription: " + strconvQuote("Böse "+hostile) +
		"\nsynonyms: [" + strconvQuote("<b>fett</b>") + "]\nskills: [" + strconvQuote("<img src=x onerror=alert(1)>") + "]\n" +
		"date_posted: 2026-11-01\nvalid_through: 2027-01-01\n---\n" + hostile + "\n\n<script>alert(2)</script>\n\n" +
		"[klick](javascript:alert(3)) [x](vbscript:msgbox) [y](data:text/html;base64,PHNjcmlwdD4=)\n"
	if err := os.WriteFile(filepath.Join(cfg.ContentDir, "roles", "boese.md"), []byte(role), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(t.Context(), cfg)
	if err != nil {
		// Unsafe links are errors: the editor must fix them, and nothing is published.
		if !strings.Contains(err.Error(), "javascript:") {
			t.Fatalf("build: %v", err)
		}
		return
	}
	_ = res
	p := parsePage(t, cfg.OutDir, "tech/boese/index.html")
	scripts := 0
	walk(p.doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" {
			scripts++
			if attr(n, "type") != "application/ld+json" {
				t.Errorf("a script element that is not JSON-LD: %s", textOf(n))
			}
		}
		for _, a := range n.Attr {
			v := strings.ToLower(strings.TrimSpace(a.Val))
			if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:") {
				t.Errorf("attribute %s=%q starts a dangerous scheme", a.Key, a.Val)
			}
		}
	})
	if n := strings.Count(p.raw, "</script"); n != scripts {
		t.Errorf("%d </script in the page, %d script elements", n, scripts)
	}
	if jp := p.ofType("JobPosting"); len(jp) != 1 || jp[0]["title"] != hostile {
		t.Errorf("JobPosting title does not round-trip: %v", jp)
	}
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
