package generator

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"rolesite/internal/testtree"
)

var (
	entryIDs          = regexp.MustCompile(`<id>tag:jobs\.test\.example,[0-9-]+:([a-z0-9-]+)</id>`)
	entryLinks        = regexp.MustCompile(`(?s)<entry>.*?href="([^"]+)".*?<updated>([^<]+)</updated>`)
	sitemapLocLastmod = regexp.MustCompile(`(?s)<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>`)
)

// feedSlugs returns the slugs of the entries of the feed at path in the
// output folder, in order.
func feedSlugs(t *testing.T, cfg Config, path string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(cfg.OutDir, path))
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, m := range entryIDs.FindAllStringSubmatch(string(data), -1) {
		out = append(out, m[1])
	}
	return out
}

// TestFeedsOfTheSite: the site's feed and each category's hold the open
// positions (no closed opening, no description, no draft even with
// -drafts), each entry updated when its sitemap entry says; the pages name
// their feed; neither the sitemap nor robots.txt keeps a reader from them.
func TestFeedsOfTheSite(t *testing.T) {
	for _, drafts := range []bool{false, true} {
		cfg := fixture(t)
		cfg.Drafts = drafts
		// The draft is an opening, the key account manager a role
		// description, the account manager's opening closed.
		editFile(t, filepath.Join(cfg.ContentDir, "roles", "entwurf.md"), func(s string) string {
			return strings.Replace(s, "draft: true", "draft: true\ndate_posted: 2026-11-20", 1)
		})
		mustBuild(t, cfg)
		want := map[string][]string{
			"feed.xml":       {"frontend-entwickler", "backend-entwickler"},
			"tech/feed.xml":  {"frontend-entwickler", "backend-entwickler"},
			"sales/feed.xml": {},
		}
		for path, slugs := range want {
			if got := feedSlugs(t, cfg, path); !slices.Equal(got, slugs) {
				t.Errorf("drafts %v: %s has %q, want %q", drafts, path, got, slugs)
			}
		}
		files := testtree.Files(t, cfg.OutDir)
		if page := string(files["sales/entwurf/index.html"]); drafts && !strings.Contains(page, `"JobPosting"`) {
			t.Errorf("-drafts built no open position's page for the draft")
		}
		sitemap := string(files["sitemap.xml"])
		lastmod := map[string]string{}
		for _, m := range sitemapLocLastmod.FindAllStringSubmatch(sitemap, -1) {
			lastmod[m[1]] = m[2]
		}
		for _, m := range entryLinks.FindAllStringSubmatch(string(files["feed.xml"]), -1) {
			if date := strings.TrimSuffix(m[2], "T00:00:00Z"); date != lastmod[m[1]] {
				t.Errorf("entry %s updated %s, sitemap lastmod %q", m[1], m[2], lastmod[m[1]])
			}
		}
		if strings.Contains(sitemap, "feed.xml") {
			t.Errorf("the sitemap lists a feed:\n%s", sitemap)
		}
		if robots := string(files["robots.txt"]); strings.Contains(robots, "Disallow") {
			t.Errorf("robots.txt disallows something:\n%s", robots)
		}
		for page, feed := range map[string]string{"index.html": "https://jobs.test.example/feed.xml", "tech/index.html": "https://jobs.test.example/tech/feed.xml"} {
			link := `<link rel="alternate" type="application/atom+xml" title="Offene Positionen`
			if html := string(files[page]); !strings.Contains(html, link) || !strings.Contains(html, `href="`+feed+`"`) {
				t.Errorf("%s does not link its feed %s", page, feed)
			}
		}
		if strings.Contains(string(files["tech/backend-entwickler/index.html"]), "application/atom+xml") {
			t.Errorf("a role page links a feed")
		}
	}
}

// TestFeedsRewrittenOnlyWhenChanged: a feed is written (and named in the
// change report's files) when an entry comes or goes, and not when an edit
// leaves it as it was.
func TestFeedsRewrittenOnlyWhenChanged(t *testing.T) {
	cfg := fixture(t)
	cfg.ChangesFile = filepath.Join(t.TempDir(), "changes.json")
	b := NewBuilder(cfg)
	build := func() ChangeReport {
		t.Helper()
		if _, err := b.Build(t.Context()); err != nil {
			t.Fatal(err)
		}
		return readReport(t, cfg.ChangesFile)
	}
	feeds := func(list []string) []string {
		var out []string
		for _, p := range list {
			if strings.HasSuffix(p, "feed.xml") {
				out = append(out, p)
			}
		}
		return out
	}
	first := build()
	if got := feeds(first.Files.Added); !slices.Equal(got, []string{"feed.xml", "sales/feed.xml", "standorte/muenchen/feed.xml", "tech/feed.xml"}) {
		t.Errorf("first build added the feeds %q", got)
	}
	// A body edit changes the role's page, not its entry.
	editFile(t, filepath.Join(cfg.ContentDir, "roles", "backend-entwickler.md"), func(s string) string { return s + "\nNoch ein Satz.\n" })
	body := build()
	if len(body.Files.Updated) == 0 || feeds(body.Files.Updated) != nil {
		t.Errorf("a body edit updated %q; want pages, no feed", body.Files.Updated)
	}
	// The backend position closes at its valid_through: it leaves the
	// site's and the category's feed, not the other category's.
	b.cfg.Now = time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)
	closed := build()
	if got := feeds(closed.Files.Updated); !slices.Equal(got, []string{"feed.xml", "tech/feed.xml"}) {
		t.Errorf("the closing updated the feeds %q, want feed.xml and tech/feed.xml", got)
	}
	if got := feedSlugs(t, cfg, "tech/feed.xml"); !slices.Equal(got, []string{"frontend-entwickler"}) {
		t.Errorf("tech/feed.xml after the closing: %q", got)
	}
	data, err := os.ReadFile(filepath.Join(cfg.OutDir, "tech", "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "<updated>2027-02-01T00:00:00Z</updated>\n  <link") {
		t.Errorf("the feed's updated is not the closing:\n%s", data)
	}
	// A category with no open position left keeps a valid, empty feed.
	b.cfg.Now = time.Date(2027, 3, 2, 0, 0, 0, 0, time.UTC)
	build()
	if got := feedSlugs(t, cfg, "tech/feed.xml"); len(got) != 0 {
		t.Errorf("tech/feed.xml after every tech position closed: %q", got)
	}
}

// TestStaticFeedCollision: a static file at a feed's path is an error
// naming the feed.
func TestStaticFeedCollision(t *testing.T) {
	cfg := staticFixture(t)
	testtree.Write(t, cfg.StaticDir, map[string]string{"feed.xml": "<feed/>", "tech/feed.xml": "<feed/>"})
	want := []string{
		"feed.xml: feed.xml is also a file the build writes (the Atom feed of the open positions on the page /): remove or rename the static file",
		"tech/feed.xml: tech/feed.xml is also a file the build writes (the Atom feed of the open positions on the page /tech/): remove or rename the static file",
	}
	if got := staticProblems(t, cfg); !slices.Equal(got, want) {
		t.Errorf("problems\n got %q\nwant %q", got, want)
	}
}
