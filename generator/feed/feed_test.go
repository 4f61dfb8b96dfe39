package feed

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolesite/generator/content"
)

var update = flag.Bool("update", false, "rewrite testdata/feed.golden")

// now is the build time of these tests.
var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func testSite(roles ...*content.Role) *content.Site {
	site := &content.Site{
		Title: "Karriere bei Test Recruiting", BaseURL: "https://jobs.test.example/", Language: "de",
		Organization: content.Organization{Name: "Test Recruiting GmbH", URL: "https://www.test.example/"},
		Roles:        roles,
	}
	cats := map[string]*content.Category{}
	for _, key := range []string{"tech", "sales"} {
		c := &content.Category{Key: key, Title: map[string]string{"tech": "Tech & Development", "sales": "Sales"}[key]}
		cats[key] = c
		site.Categories = append(site.Categories, c)
	}
	for _, r := range roles {
		if c := cats[r.Category]; c != nil {
			c.Roles = append(c.Roles, r)
		}
	}
	return site
}

// role is an open position of category tech posted on posted.
func role(slug, posted string) *content.Role {
	return &content.Role{Slug: slug, Path: "content/roles/" + slug + ".md", Title: slug, Category: "tech",
		Description: "Beschreibung von " + slug, DatePosted: day(posted)}
}

// lastMods is the lastMod of a test, as the build's LastMod without git:
// the role's front-matter lastmod, else its date_posted; a closed role's
// valid_through when that is later.
func lastMods(r *content.Role) time.Time {
	t := r.LastMod
	if t.IsZero() {
		t = r.DatePosted
	}
	if r.Closed(now) && r.ValidThrough.After(t) {
		t = r.ValidThrough
	}
	return t
}

func maker(t *testing.T, site *content.Site, at time.Time) *Maker {
	t.Helper()
	m, err := New(site, at, lastMods)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// atomFeed is a feed as a reader parses it.
type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author struct {
		Name string `xml:"name"`
		URI  string `xml:"uri"`
	} `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID    string `xml:"id"`
	Title string `xml:"title"`
	Link  struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Published string `xml:"published"`
	Updated   string `xml:"updated"`
	Summary   string `xml:"summary"`
	Category  struct {
		Term  string `xml:"term,attr"`
		Label string `xml:"label,attr"`
	} `xml:"category"`
}

func parse(t *testing.T, data []byte) atomFeed {
	t.Helper()
	var f atomFeed
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, data)
	}
	return f
}

func slugs(f atomFeed) []string {
	var out []string
	for _, e := range f.Entries {
		out = append(out, e.ID[strings.LastIndex(e.ID, ":")+1:])
	}
	return out
}

func TestEntriesByStatus(t *testing.T) {
	tests := []struct {
		name string
		edit func(r *content.Role)
		in   bool
	}{
		{"open without end", func(r *content.Role) {}, true},
		{"open until later", func(r *content.Role) { r.ValidThrough = day("2026-12-31") }, true},
		{"valid_through passes at the build time", func(r *content.Role) { r.ValidThrough = now }, false},
		{"closed before", func(r *content.Role) { r.ValidThrough = day("2026-11-01") }, false},
		{"role description", func(r *content.Role) { r.DatePosted = time.Time{} }, false},
		{"draft", func(r *content.Role) { r.Draft = true }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := role("x", "2026-10-01")
			tt.edit(r)
			site := testSite(role("other", "2026-09-01"), r)
			f := parse(t, maker(t, site, now).Feed(Scope{Title: "t", Page: "/", Roles: site.Roles}).Data)
			got := strings.Join(slugs(f), " ")
			want := "other"
			if tt.in {
				want = "x other"
			}
			if got != want {
				t.Errorf("entries %q, want %q", got, want)
			}
		})
	}
}

// A position leaves the feed when a build runs after its valid_through,
// with no edit: the build time alone decides.
func TestPositionLeavesFeedWhenItCloses(t *testing.T) {
	r := role("x", "2026-10-01")
	r.ValidThrough = day("2026-12-01")
	site := testSite(r)
	scope := Scope{Title: "t", Page: "/", Roles: site.Roles}
	before := parse(t, maker(t, site, day("2026-11-30")).Feed(scope).Data)
	after := parse(t, maker(t, site, day("2026-12-01")).Feed(scope).Data)
	if len(before.Entries) != 1 || len(after.Entries) != 0 {
		t.Fatalf("entries before the close %d, after %d; want 1, 0", len(before.Entries), len(after.Entries))
	}
	if before.Updated != "2026-10-01T00:00:00Z" || after.Updated != "2026-12-01T00:00:00Z" {
		t.Errorf("feed updated %s before, %s after the close; want the entry's lastmod, then the closing", before.Updated, after.Updated)
	}
}

func TestIDStableAcrossEdits(t *testing.T) {
	r := role("backend-entwickler", "2026-11-01")
	site := testSite(r)
	m := maker(t, site, now)
	id := m.EntryID(r)
	if want := "tag:jobs.test.example,2026-11-01:backend-entwickler"; id != want {
		t.Fatalf("id %q, want %q", id, want)
	}
	edits := map[string]func(){
		"title":         func() { r.Title = "Senior Backend-Entwickler" },
		"description":   func() { r.Description = "neu" },
		"lastmod":       func() { r.LastMod = day("2026-11-20") },
		"valid_through": func() { r.ValidThrough = day("2027-01-01") },
		"category":      func() { r.Category = "sales" },
	}
	for name, edit := range edits {
		edit()
		if got := m.EntryID(r); got != id {
			t.Errorf("after a %s edit the id is %q, want %q", name, got, id)
		}
	}
	f := parse(t, m.Feed(Scope{Title: "t", Page: "/", Roles: site.Roles}).Data)
	if len(f.Entries) != 1 || f.Entries[0].ID != id || f.Entries[0].Title != "Senior Backend-Entwickler" {
		t.Errorf("feed after the edits: %+v", f.Entries)
	}
	r.DatePosted = day("2026-12-01")
	if got := m.EntryID(r); got == id {
		t.Errorf("a position posted again keeps the id %q", got)
	}
}

func TestIDUnderBasePath(t *testing.T) {
	site := testSite(role("x", "2026-11-01"))
	site.BaseURL = "https://Example.COM:8443/karriere/"
	m := maker(t, site, now)
	if got, want := m.EntryID(site.Roles[0]), "tag:example.com,2026-11-01:karriere/x"; got != want {
		t.Errorf("id %q, want %q", got, want)
	}
}

func TestUpdated(t *testing.T) {
	a := role("a", "2026-10-01")
	a.LastMod = day("2026-11-20")
	b := role("b", "2026-11-10")
	closed := role("c", "2026-09-01")
	closed.ValidThrough = day("2026-11-25")
	desc := role("d", "2026-01-01")
	desc.DatePosted, desc.LastMod = time.Time{}, day("2026-06-01")
	tests := []struct {
		name  string
		roles []*content.Role
		want  string
	}{
		{"newest entry", []*content.Role{a, b}, "2026-11-20T00:00:00Z"},
		{"a closing after the newest entry", []*content.Role{a, b, closed}, "2026-11-25T00:00:00Z"},
		{"no entry: the scope's newest change", []*content.Role{desc}, "2026-06-01T00:00:00Z"},
		{"empty scope: the site's newest change", nil, "2026-11-25T00:00:00Z"},
	}
	site := testSite(a, b, closed, desc)
	m := maker(t, site, now)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := parse(t, m.Feed(Scope{Title: "t", Page: "/x/", Roles: tt.roles}).Data)
			if f.Updated != tt.want {
				t.Errorf("updated %s, want %s", f.Updated, tt.want)
			}
		})
	}
	if got := maker(t, testSite(), now).Feed(Scope{Title: "t", Page: "/"}); !bytes.Contains(got.Data, []byte("<updated>1970-01-01T00:00:00Z</updated>")) {
		t.Errorf("a site without roles:\n%s", got.Data)
	}
}

// Every entry's updated is the lastmod it was given, published its
// date_posted; a rebuild at another time with the same open positions
// writes the same bytes.
func TestEntryDatesAndStableBytes(t *testing.T) {
	a := role("a", "2026-10-01")
	a.LastMod = time.Date(2026, 11, 3, 14, 5, 6, 0, time.FixedZone("CET", 3600))
	site := testSite(a, role("b", "2026-11-10"))
	scope := Scope{Title: "t", Page: "/", Roles: site.Roles}
	one := maker(t, site, now).Feed(scope)
	f := parse(t, one.Data)
	want := map[string][2]string{
		"tag:jobs.test.example,2026-10-01:a": {"2026-10-01T00:00:00Z", "2026-11-03T13:05:06Z"},
		"tag:jobs.test.example,2026-11-10:b": {"2026-11-10T00:00:00Z", "2026-11-10T00:00:00Z"},
	}
	for _, e := range f.Entries {
		if got := [2]string{e.Published, e.Updated}; got != want[e.ID] {
			t.Errorf("%s: published, updated %v, want %v", e.ID, got, want[e.ID])
		}
	}
	if f.Updated != "2026-11-10T00:00:00Z" {
		t.Errorf("feed updated %s, want the newest entry's", f.Updated)
	}
	two := maker(t, site, now.Add(72*time.Hour)).Feed(scope)
	if !bytes.Equal(one.Data, two.Data) {
		t.Errorf("a later build with nothing changed wrote other bytes:\n%s\n%s", one.Data, two.Data)
	}
}

func TestEscaping(t *testing.T) {
	r := role("x", "2026-11-01")
	r.Title = `C++ & <Go> "Entwickler"`
	r.Description = "Gehalt < 90.000 € & > 60.000 €"
	site := testSite(r)
	site.Title = "Jobs <bei> A&B"
	data := maker(t, site, now).Feed(Scope{Title: "Offene Positionen – " + site.Title, Page: "/tech/", Roles: site.Roles}).Data
	for _, raw := range []string{"C++ &amp; &lt;Go&gt;", "Gehalt &lt; 90.000 € &amp; &gt; 60.000 €", `label="Tech &amp; Development"`, "Jobs &lt;bei&gt; A&amp;B"} {
		if !bytes.Contains(data, []byte(raw)) {
			t.Errorf("feed lacks %q:\n%s", raw, data)
		}
	}
	f := parse(t, data)
	e := f.Entries[0]
	if e.Title != r.Title || e.Summary != r.Description || e.Category.Label != "Tech & Development" || f.Title != "Offene Positionen – Jobs <bei> A&B" {
		t.Errorf("read back: feed title %q, entry %+v", f.Title, e)
	}
}

func TestLanguageLinksAuthor(t *testing.T) {
	for _, lang := range []string{"de", "en-GB", ""} {
		t.Run(lang, func(t *testing.T) {
			site := testSite(role("x", "2026-11-01"))
			site.Language = lang
			data := maker(t, site, now).Feed(Scope{Title: "t", Page: "/tech/", Roles: site.Roles}).Data
			f := parse(t, data)
			if f.Lang != lang {
				t.Errorf("xml:lang %q, want %q", f.Lang, lang)
			}
			if lang == "" && bytes.Contains(data, []byte("xml:lang")) {
				t.Errorf("xml:lang written without a site language")
			}
			links := fmt.Sprint(f.Links)
			if want := "[{self application/atom+xml https://jobs.test.example/tech/feed.xml} {alternate text/html https://jobs.test.example/tech/}]"; links != want {
				t.Errorf("links %s, want %s", links, want)
			}
			if f.ID != "https://jobs.test.example/tech/feed.xml" || f.Author.Name != "Test Recruiting GmbH" || f.Author.URI != "https://www.test.example/" {
				t.Errorf("id %q, author %+v", f.ID, f.Author)
			}
			e := f.Entries[0]
			if e.Link.Rel != "alternate" || e.Link.Href != "https://jobs.test.example/tech/x/" || e.Category.Term != "tech" {
				t.Errorf("entry %+v", e)
			}
		})
	}
}

func TestCap(t *testing.T) {
	var roles []*content.Role
	start := day("2026-01-01")
	for i := range MaxEntries + 50 {
		roles = append(roles, role(fmt.Sprintf("r%03d", i), start.AddDate(0, 0, i).Format(time.DateOnly)))
	}
	site := testSite(roles...)
	f := parse(t, maker(t, site, now).Feed(Scope{Title: "t", Page: "/", Roles: site.Roles}).Data)
	if len(f.Entries) != MaxEntries {
		t.Fatalf("%d entries, want %d", len(f.Entries), MaxEntries)
	}
	// Newest first: r149 down to r050.
	if first, last := slugs(f)[0], slugs(f)[MaxEntries-1]; first != "r149" || last != "r050" {
		t.Errorf("entries run from %s to %s, want r149 to r050", first, last)
	}
}

func TestPath(t *testing.T) {
	for page, want := range map[string]string{"/": "feed.xml", "/tech/": "tech/feed.xml", "/standorte/muenchen/": "standorte/muenchen/feed.xml"} {
		if got := Path(page); got != want {
			t.Errorf("Path(%q) = %q, want %q", page, got, want)
		}
	}
}

// goldenSite is the site of the golden feed: each kind of role, a title
// that needs escaping, a lastmod with a time of day.
func goldenSite() *content.Site {
	open := role("backend-entwickler", "2026-11-01")
	open.Title, open.Description = "Backend-Entwickler", "Backend-Entwickler bauen APIs & Dienste."
	edited := role("frontend-entwickler", "2026-10-15")
	edited.Title, edited.LastMod = "Frontend <React> & Vue", time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	sales := role("key-account-manager", "2026-11-05")
	sales.Category, sales.Title, sales.ValidThrough = "sales", "Key Account Manager", day("2027-02-01")
	closed := role("account-manager", "2026-08-01")
	closed.Category, closed.ValidThrough = "sales", day("2026-10-31")
	desc := role("cto", "2026-01-01")
	desc.DatePosted = time.Time{}
	draft := role("entwurf", "2026-11-02")
	draft.Draft = true
	return testSite(open, edited, sales, closed, desc, draft)
}

func TestGolden(t *testing.T) {
	site := goldenSite()
	m := maker(t, site, now)
	var b bytes.Buffer
	for _, s := range []Scope{{Title: "Offene Positionen – " + site.Title, Page: "/", Roles: site.Roles},
		{Title: "Offene Positionen: Sales – " + site.Title, Page: "/sales/", Roles: site.Categories[1].Roles}} {
		f := m.Feed(s)
		fmt.Fprintf(&b, "-- %s --\n%s", f.Path, f.Data)
	}
	golden := filepath.Join("testdata", "feed.golden")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("feeds differ from %s (go test ./generator/feed -update rewrites it: review the diff):\n%s", golden, b.Bytes())
	}
}

func TestNewRejectsRelativeBase(t *testing.T) {
	site := testSite()
	site.BaseURL = "/relative/"
	if _, err := New(site, now, lastMods); err == nil || !strings.Contains(err.Error(), `"/relative/"`) {
		t.Errorf("New with a relative base URL: %v", err)
	}
}

// FuzzFeedText: whatever the titles and texts hold, the feed is XML that
// reads back as the same text (characters XML cannot carry become U+FFFD).
func FuzzFeedText(f *testing.F) {
	f.Add("Backend-Entwickler", "APIs & Dienste", "Tech & Development", "Karriere")
	f.Add("<]]>\"'", "\x00\x1b\ufffe", "a\r\nb\tc", "\u00e4\u2013\U0001F600")
	f.Fuzz(func(t *testing.T, title, desc, label, siteTitle string) {
		r := role("x", "2026-11-01")
		r.Title, r.Description = title, desc
		site := testSite(r)
		site.Title, site.Categories[0].Title = siteTitle, label
		data := maker(t, site, now).Feed(Scope{Title: siteTitle, Page: "/", Roles: site.Roles}).Data
		feed := parse(t, data)
		e := feed.Entries[0]
		clean := func(s string) string {
			var b strings.Builder
			xml.EscapeText(&b, []byte(s))
			var back struct {
				S string `xml:",chardata"`
			}
			if err := xml.Unmarshal([]byte("<a>"+b.String()+"</a>"), &back); err != nil {
				t.Fatalf("escaped %q does not parse: %v", s, err)
			}
			return back.S
		}
		if e.Title != clean(title) || e.Summary != clean(desc) || e.Category.Label != clean(label) || feed.Title != clean(siteTitle) {
			t.Errorf("read back title %q summary %q label %q feed title %q from\n%s", e.Title, e.Summary, e.Category.Label, feed.Title, data)
		}
	})
}
