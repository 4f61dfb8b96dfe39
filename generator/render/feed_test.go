package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"rolesite/generator/content"
	"rolesite/generator/diag"
)

// indeedJob is a <job> of Indeed's feed as a board reads it.
type indeedJob struct {
	Title           string `xml:"title"`
	Date            string `xml:"date"`
	ReferenceNumber string `xml:"referencenumber"`
	RequisitionID   string `xml:"requisitionid"`
	URL             string `xml:"url"`
	Company         string `xml:"company"`
	City            string `xml:"city"`
	State           string `xml:"state"`
	Country         string `xml:"country"`
	PostalCode      string `xml:"postalcode"`
	StreetAddress   string `xml:"streetaddress"`
	Email           string `xml:"email"`
	Description     string `xml:"description"`
	Salary          string `xml:"salary"`
	JobType         string `xml:"jobtype"`
	ExpirationDate  string `xml:"expirationdate"`
	RemoteType      string `xml:"remotetype"`
}

type indeedSource struct {
	XMLName       xml.Name    `xml:"source"`
	Publisher     string      `xml:"publisher"`
	PublisherURL  string      `xml:"publisherurl"`
	LastBuildDate string      `xml:"lastBuildDate"`
	Jobs          []indeedJob `xml:"job"`
}

// bodyOf reads html as a feed reads a body.
func bodyOf(html string) func() (string, error) { return func() (string, error) { return html, nil } }

// writeJobsFeed renders site's /jobs.xml at now with the built-in
// template, each open role with body.
func writeJobsFeed(t *testing.T, site *content.Site, now time.Time, body string) []byte {
	t.Helper()
	rd, errs := New("")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	c := rd.NewContext(site, now)
	var in []FeedInput
	for _, r := range site.Roles {
		if Status(r, now) == "open" {
			in = append(in, FeedInput{Role: r, Body: bodyOf(body), LastMod: r.DatePosted})
		}
	}
	var b bytes.Buffer
	if err := rd.WriteFeed(&b, JobsFeedPath, c.NewFeed(in)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func parseIndeed(t *testing.T, data []byte) indeedSource {
	t.Helper()
	var src indeedSource
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	if err := d.Decode(&src); err != nil {
		t.Fatalf("jobs.xml does not parse: %v\n%s", err, data)
	}
	return src
}

func jobOf(t *testing.T, src indeedSource, ref string) indeedJob {
	t.Helper()
	for _, j := range src.Jobs {
		if j.ReferenceNumber == ref {
			return j
		}
	}
	t.Fatalf("no <job> with referencenumber %q", ref)
	return indeedJob{}
}

// TestIndeedFeedMapping: each field of a <job>, from the role data the
// JobPosting is made of: salary bands in each unit, employment types in
// Indeed's words, remote positions, named and confidential employers.
func TestIndeedFeedMapping(t *testing.T) {
	const body = "<p>Wir suchen <strong>Verstärkung</strong> &amp; mehr.</p>"
	tests := []struct {
		name string
		slug string
		edit func(r *content.Role)
		want func(j *indeedJob) // changes from the default job below
	}{
		{name: "named employer on site", slug: "backend-entwickler", want: func(j *indeedJob) {}},
		{name: "confidential employer: the agency's name", slug: "backend-entwickler",
			edit: func(r *content.Role) { r.HiringOrganization = content.Employer{Confidential: true} },
			want: func(j *indeedJob) { j.Company = "Agentur Nord" }},
		{name: "employer without a name counts as confidential", slug: "backend-entwickler",
			edit: func(r *content.Role) { r.HiringOrganization = content.Employer{} },
			want: func(j *indeedJob) { j.Company = "Agentur Nord" }},
		{name: "hourly salary with cents", slug: "backend-entwickler",
			edit: func(r *content.Role) { r.Salary = &content.Salary{Min: 18.5, Max: 24, Currency: "EUR", Unit: "HOUR"} },
			want: func(j *indeedJob) { j.Salary = "18,50\u202f–\u202f24\u00a0€ pro Stunde" }},
		{name: "one monthly figure", slug: "backend-entwickler",
			edit: func(r *content.Role) {
				r.Salary = &content.Salary{Min: 4500, Max: 4500, Currency: "EUR", Unit: "MONTH"}
			},
			want: func(j *indeedJob) { j.Salary = "4.500\u00a0€ pro Monat" }},
		{name: "no salary", slug: "backend-entwickler",
			edit: func(r *content.Role) { r.Salary = nil },
			want: func(j *indeedJob) { j.Salary = "" }},
		{name: "every employment type", slug: "backend-entwickler",
			edit: func(r *content.Role) {
				r.EmploymentType = []string{"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"}
			},
			want: func(j *indeedJob) { j.JobType = "fulltime, parttime, contract, temporary, internship" }},
		{name: "only types Indeed has no word for", slug: "backend-entwickler",
			edit: func(r *content.Role) { r.EmploymentType = []string{"VOLUNTEER"} },
			want: func(j *indeedJob) { j.JobType = "" }},
		{name: "no end date", slug: "backend-entwickler",
			edit: func(r *content.Role) { r.ValidThrough = time.Time{} },
			want: func(j *indeedJob) { j.ExpirationDate = "" }},
		{name: "remote, confidential, without location", slug: "frontend-entwickler",
			want: func(j *indeedJob) {
				*j = indeedJob{
					Title: "Frontend-Entwickler", Date: "2026-11-20T00:00:00Z", ReferenceNumber: "frontend-entwickler", RequisitionID: "frontend-entwickler",
					URL: "https://karriere.example/tech/frontend-entwickler/", Company: "Agentur Nord", Country: "DE",
					Email: "jobs@agentur.example", Description: body, RemoteType: "Fully remote",
				}
			}},
		{name: "remote with a location keeps its country", slug: "frontend-entwickler",
			edit: func(r *content.Role) { r.Location = content.Location{Locality: "Wien", Country: "AT"} },
			want: func(j *indeedJob) {
				*j = indeedJob{
					Title: "Frontend-Entwickler", Date: "2026-11-20T00:00:00Z", ReferenceNumber: "frontend-entwickler", RequisitionID: "frontend-entwickler",
					URL: "https://karriere.example/tech/frontend-entwickler/", Company: "Agentur Nord", City: "Wien", Country: "AT",
					Email: "jobs@agentur.example", Description: body, RemoteType: "Fully remote",
				}
			}},
		{name: "a text that would end a CDATA section", slug: "backend-entwickler",
			edit: func(r *content.Role) { r.Title = "C++ ]]> & <Rust>" },
			want: func(j *indeedJob) { j.Title = "C++ ]]> & <Rust>" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := viewSite()
			if tt.edit != nil {
				tt.edit(roleOf(t, site, tt.slug))
			}
			data := writeJobsFeed(t, site, viewNow, body)
			if err := wellFormed(data); err != nil {
				t.Fatalf("not well-formed: %v\n%s", err, data)
			}
			xmllintWellFormed(t, data)
			got := jobOf(t, parseIndeed(t, data), tt.slug)
			want := indeedJob{
				Title: "Backend-Entwickler", Date: "2026-11-02T00:00:00Z", ReferenceNumber: "backend-entwickler", RequisitionID: "backend-entwickler",
				URL: "https://karriere.example/tech/backend-entwickler/", Company: "Muster GmbH",
				City: "Köln", State: "Nordrhein-Westfalen", Country: "DE", PostalCode: "50667", StreetAddress: "Domkloster 4",
				Email: "jobs@agentur.example", Description: body, Salary: "55.000\u202f–\u202f85.000\u00a0€ pro Jahr",
				JobType: "fulltime, contract", ExpirationDate: "2027-01-31T00:00:00Z",
			}
			tt.want(&want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("job\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestIndeedFeedHoldsOpenPositionsOnly: the feed lists every open
// position and no role description and no closed opening, whatever the
// build time.
func TestIndeedFeedHoldsOpenPositionsOnly(t *testing.T) {
	for _, tt := range []struct {
		now  time.Time
		want []string
	}{
		{viewNow, []string{"backend-entwickler", "frontend-entwickler"}},
		{time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), []string{"frontend-entwickler"}}, // backend closes at 00:00 that day
	} {
		site := viewSite()
		src := parseIndeed(t, writeJobsFeed(t, site, tt.now, "<p>x</p>"))
		var got []string
		for _, j := range src.Jobs {
			got = append(got, j.ReferenceNumber)
		}
		if want := tt.want; !reflect.DeepEqual(got, want) {
			t.Errorf("at %s: jobs %v, want %v", tt.now.Format(time.DateOnly), got, want)
		}
		for _, r := range site.Roles {
			if !r.Open(tt.now) && strings.Contains(strings.Join(got, " "), r.Slug) {
				t.Errorf("at %s: %s (%s) is in the feed", tt.now.Format(time.DateOnly), r.Slug, Status(r, tt.now))
			}
		}
	}
}

// TestFeedHeader: publisher, its URL and lastBuildDate, the newest
// lastmod of the open positions; empty without any.
func TestFeedHeader(t *testing.T) {
	site := viewSite()
	src := parseIndeed(t, writeJobsFeed(t, site, viewNow, "<p>x</p>"))
	if src.Publisher != "Agentur Nord" || src.PublisherURL != "https://agentur.example/" || src.LastBuildDate != "2026-11-20T00:00:00Z" {
		t.Errorf("header: %q %q %q", src.Publisher, src.PublisherURL, src.LastBuildDate)
	}
	site.Organization = content.Organization{}
	site.Roles, site.Categories[0].Roles, site.Categories[1].Roles = nil, nil, nil
	data := writeJobsFeed(t, site, viewNow, "")
	src = parseIndeed(t, data)
	if src.Publisher != "Karriere" || src.PublisherURL != "https://karriere.example/" || src.LastBuildDate != "" || len(src.Jobs) != 0 {
		t.Errorf("empty site: %s", data)
	}
}

// TestAbsoluteLinks: a body's site paths and fragments become absolute
// URLs in the feed; other links stay.
func TestAbsoluteLinks(t *testing.T) {
	got := absoluteLinks(`<a href="/tech/x/">x</a> <a href="#aufgaben">a</a> <a href="https://go.dev/">go</a> href="/"`,
		"https://karriere.example/", "https://karriere.example/tech/y/")
	want := `<a href="https://karriere.example/tech/x/">x</a> <a href="https://karriere.example/tech/y/#aufgaben">a</a> <a href="https://go.dev/">go</a> href="https://karriere.example/"`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestCDATAAndXMLText: what the escaping functions write parses back to
// the text, with what XML cannot carry replaced by U+FFFD.
func TestCDATAAndXMLText(t *testing.T) {
	for _, tt := range []struct{ in, cdata, text string }{
		{"plain", "<![CDATA[plain]]>", "plain"},
		{"a]]>b", "<![CDATA[a]]]]><![CDATA[>b]]>", "a]]>b"},
		{"]]>]]>", "<![CDATA[]]]]><![CDATA[>]]]]><![CDATA[>]]>", "]]>]]>"},
		{"<p>&amp;</p>", "<![CDATA[<p>&amp;</p>]]>", "<p>&amp;</p>"},
		{"bell\x07", "<![CDATA[bell\uFFFD]]>", "bell\uFFFD"},
		{"bad\xffutf8", "<![CDATA[bad\uFFFDutf8]]>", "bad\uFFFDutf8"},
	} {
		if got := cdataSection(tt.in); got != tt.cdata {
			t.Errorf("cdata(%q) = %q, want %q", tt.in, got, tt.cdata)
		}
		for _, doc := range []string{"<x>" + cdataSection(tt.in) + "</x>", "<x>" + xmlText(tt.in) + "</x>"} {
			var v struct {
				Text string `xml:",chardata"`
			}
			if err := xml.Unmarshal([]byte(doc), &v); err != nil || v.Text != tt.text {
				t.Errorf("%q parses to %q, %v; want %q", doc, v.Text, err, tt.text)
			}
		}
	}
}

// FuzzCDATA: any text in a CDATA section or escaped as XML text is
// well-formed XML that parses back to the text (what XML cannot carry
// replaced by U+FFFD).
func FuzzCDATA(f *testing.F) {
	for _, s := range []string{"", "]]>", "]]]>>", "<![CDATA[", "\x00", "\xff", "a\r\nb", "\uFFFE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		valid := validXML(s)
		if !utf8.ValidString(valid) {
			t.Fatalf("validXML(%q) = %q is not UTF-8", s, valid)
		}
		// A parser reads the line ends of a CDATA section as \n; xmlText
		// writes \r and \n as character references, which it keeps.
		lines := strings.ReplaceAll(strings.ReplaceAll(valid, "\r\n", "\n"), "\r", "\n")
		for _, c := range []struct{ doc, want string }{
			{"<x>" + cdataSection(s) + "</x>", lines},
			{"<x>" + xmlText(s) + "</x>", valid},
		} {
			if err := wellFormed([]byte(c.doc)); err != nil {
				t.Fatalf("%q: %v", c.doc, err)
			}
			var v struct {
				Text string `xml:",chardata"`
			}
			if err := xml.Unmarshal([]byte(c.doc), &v); err != nil {
				t.Fatalf("%q: %v", c.doc, err)
			}
			if v.Text != c.want {
				t.Fatalf("%q parses to %q, want %q", c.doc, v.Text, c.want)
			}
		}
	})
}

// TestWellFormed: what wellFormed refuses.
func TestWellFormed(t *testing.T) {
	for _, tt := range []struct {
		doc string
		ok  bool
	}{
		{`<?xml version="1.0" encoding="utf-8"?><a><b/></a>`, true},
		{"<a>\n</a>\n", true},
		{"", false},
		{"<a>", false},
		{"<a></b>", false},
		{"<a/><b/>", false},
		{"<a/>text", false},
		{"<a>&nbsp;</a>", false},
		{"<a>x & y</a>", false},
		{"<a>\xff</a>", false},
		{"<a><b></a></b>", false},
		{"<x:a></y:a>", false},
		{"<x:a xmlns:x='u'></x:a>", true},
	} {
		if err := wellFormed([]byte(tt.doc)); (err == nil) != tt.ok {
			t.Errorf("wellFormed(%q) = %v, want ok %v", tt.doc, err, tt.ok)
		}
	}
}

// TestFeedTemplates: a template in layouts/feeds/ is a feed at
// /feeds/NAME.xml with the same view; one that writes no well-formed XML
// is an error at its path; a name that is no feed's is a warning.
func TestFeedTemplates(t *testing.T) {
	dir := t.TempDir()
	feeds := filepath.Join(dir, FeedsDir)
	os.MkdirAll(feeds, 0o755)
	os.WriteFile(filepath.Join(feeds, "mini.xml"), []byte(`<jobs>{{range .Jobs}}<job id="{{xml .ReferenceNumber}}">{{cdata .Title}}</job>{{end}}</jobs>`), 0o644)
	os.WriteFile(filepath.Join(feeds, "raw.xml"), []byte(`<jobs>{{range .Jobs}}<job>{{.Description}}</job>{{end}}</jobs>`), 0o644)
	os.WriteFile(filepath.Join(feeds, "Bad Name.xml"), []byte(`<x/>`), 0o644)
	os.WriteFile(filepath.Join(feeds, "README.md"), []byte(`notes`), 0o644)
	rd, errs := New(dir)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if len(errs) != 1 || errs[0].Pos.Path != filepath.Join(feeds, "Bad Name.xml") || !strings.Contains(errs[0].String(), "feeds/careerjet.xml") {
		t.Errorf("diagnostics: %v", errs)
	}
	paths, origins := rd.FeedPaths()
	if want := []string{"feeds/mini.xml", "feeds/raw.xml", "jobs.xml"}; !reflect.DeepEqual(paths, want) {
		t.Errorf("feeds %v, want %v", paths, want)
	}
	if origins[0] != filepath.Join(feeds, "mini.xml") {
		t.Errorf("origins %v", origins)
	}
	site := viewSite()
	c := rd.NewContext(site, viewNow)
	feed := c.NewFeed([]FeedInput{{Role: site.Roles[0], Body: bodyOf("<p>a &amp; b<br></p>")}})
	var b bytes.Buffer
	if err := rd.WriteFeed(&b, "feeds/mini.xml", feed); err != nil || b.String() != `<jobs><job id="backend-entwickler"><![CDATA[Backend-Entwickler]]></job></jobs>` {
		t.Errorf("mini.xml: %q, %v", b.String(), err)
	}
	b.Reset()
	err := rd.WriteFeed(&b, "feeds/raw.xml", feed)
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || list[0].Pos.Path != filepath.Join(feeds, "raw.xml") || !strings.Contains(list[0].String(), "/feeds/raw.xml") {
		t.Errorf("raw.xml: %v", err)
	}
}

// TestFeedTemplateParseError: a feed template that does not parse is an
// error at its line.
func TestFeedTemplateParseError(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, FeedsDir), 0o755)
	p := filepath.Join(dir, FeedsDir, "x.xml")
	os.WriteFile(p, []byte("<jobs>\n{{range .Jobs}}\n</jobs>"), 0o644)
	_, errs := New(dir)
	if !errs.HasErrors() || errs[0].Pos.Path != p || errs[0].Pos.Line == 0 {
		t.Errorf("diagnostics: %v", errs)
	}
}

// xmllintWellFormed checks data with xmllint --noout when xmllint is
// installed. With ROLESITE_XMLLINT=1 a missing xmllint fails the test.
func xmllintWellFormed(t *testing.T, data []byte) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("ROLESITE_XMLLINT") == "1" {
			t.Fatalf("ROLESITE_XMLLINT=1 but xmllint is not on PATH (apt-get install -y libxml2-utils): %v", err)
		}
		t.Logf("xmllint not on PATH: feed not checked with it")
		return
	}
	f := filepath.Join(t.TempDir(), "feed.xml")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "--noout", f).CombinedOutput(); err != nil {
		t.Errorf("xmllint --noout: %v\n%s", err, out)
	}
}

// BenchmarkWriteFeed renders /jobs.xml of 10,000 open positions with a
// body of about 10 KB each, the size of the 10,000-role test site's.
func BenchmarkWriteFeed(b *testing.B) {
	rd, errs := New("")
	if errs.HasErrors() {
		b.Fatal(errs)
	}
	site := viewSite()
	body := strings.Repeat(`<p>Ein Absatz mit <a href="/tech/x/">Link</a> und Text, der eine Stelle beschreibt.</p>`+"\n", 110)
	in := make([]FeedInput, 10000)
	for i := range in {
		in[i] = FeedInput{Role: site.Roles[0], Body: bodyOf(body)}
	}
	c := rd.NewContext(site, viewNow)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := rd.WriteFeed(&buf, JobsFeedPath, c.NewFeed(in)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1e6, "MB")
}
