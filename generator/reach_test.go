package generator

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"rolesite/internal/synth"
	"rolesite/internal/testtree"
)

// crawl follows the hrefs of the built site's HTML files from index.html,
// as a crawler does, and returns the files it reached.
func crawl(t *testing.T, files map[string][]byte) map[string]bool {
	t.Helper()
	reached := map[string]bool{"index.html": true}
	queue := []string{"index.html"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		doc, err := html.Parse(strings.NewReader(string(files[p])))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		walk(doc, func(n *html.Node) {
			if n.Type != html.ElementNode || n.Data != "a" {
				return
			}
			u, err := url.Parse(attr(n, "href"))
			if err != nil || u.Host != "" || !strings.HasPrefix(u.Path, "/") {
				return
			}
			target := strings.TrimPrefix(u.Path, "/")
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			if _, ok := files[target]; ok && !reached[target] && strings.HasSuffix(target, ".html") {
				reached[target] = true
				queue = append(queue, target)
			}
		})
	}
	return reached
}

// TestEveryPageReachableFromHome builds synthetic sites large enough that
// every list is paginated and many roles are mentioned by more roles than
// a role page lists, and crawls each from its home page: every page the
// build wrote (role, category, location and further list pages) must be
// reached by links alone, except the pages that are not for search
// engines (404, alias redirects).
func TestEveryPageReachableFromHome(t *testing.T) {
	tests := []struct {
		name    string
		roles   int
		listing string
	}{
		{"defaults", 700, ""},
		{"small pages", 300, "listing: {home_per_category: 1, page_size: 3, location_category_min: 2}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			contentDir := filepath.Join(dir, "content")
			if err := synth.Write(contentDir, tt.roles, 1); err != nil {
				t.Fatal(err)
			}
			if tt.listing != "" {
				siteYAML := filepath.Join(contentDir, "site.yaml")
				src, err := os.ReadFile(siteYAML)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(siteYAML, append(src, tt.listing...), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cfg := Config{ContentDir: contentDir, OutDir: filepath.Join(dir, "public"), Now: fixtureNow}
			mustBuild(t, cfg)
			files := testtree.Files(t, cfg.OutDir)
			reached := crawl(t, files)
			pages, further, locations := 0, 0, 0
			for p, data := range files {
				if !strings.HasSuffix(p, ".html") || strings.Contains(string(data), `<meta name="robots" content="noindex`) {
					continue
				}
				pages++
				if strings.Contains(p, "/seite/") {
					further++
				}
				if strings.HasPrefix(p, "standorte/") {
					locations++
				}
				if !reached[p] {
					t.Errorf("%s is not reachable by links from the home page", p)
				}
			}
			if further == 0 || locations == 0 {
				t.Errorf("%d pages, %d of them further list pages and %d location pages: the site is too small to test pagination", pages, further, locations)
			}
		})
	}
}

// TestListPagesRebuildOnlyWhatTheyShow edits the salary of the last role
// of a paginated list: its page and the last page of each list that shows
// it change; the first pages, the home page (which shows the first two)
// and the sitemap do not.
func TestListPagesRebuildOnlyWhatTheyShow(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"site.yaml": "title: Karriere\nbase_url: https://k.example/\nlanguage: de\nlisting: {home_per_category: 2, page_size: 2}\ncategories:\n  - key: tech\n    title: Tech\n    description: Technik\n"}
	for i, title := range []string{"Backend-Entwickler", "Data Engineer", "DevOps Engineer", "Frontend-Entwickler", "QA Engineer"} {
		files[fmt.Sprintf("roles/r%d.md", i)] = fmt.Sprintf("---\ntitle: %s\ncategory: tech\ndescription: Die Rolle %s.\nlocation: {locality: München, country: DE}\ndate_posted: 2026-11-01\nsalary: {min: 50000, max: 60000}\n---\nText.\n", title, title)
	}
	testtree.Write(t, filepath.Join(dir, "content"), files)
	cfg := Config{ContentDir: filepath.Join(dir, "content"), OutDir: filepath.Join(dir, "public"), Now: fixtureNow}
	b := NewBuilder(cfg)
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	editFile(t, filepath.Join(cfg.ContentDir, "roles", "r4.md"), func(s string) string { return strings.Replace(s, "max: 60000", "max: 65000", 1) })
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// jobs.xml holds the salary too.
	want := []string{"jobs.xml", "standorte/muenchen/seite/3/index.html", "standorte/muenchen/tech/seite/3/index.html", "tech/r4/index.html", "tech/seite/3/index.html"}
	if got := strings.Join(res.Stats.Changed, " "); got != strings.Join(want, " ") {
		t.Errorf("changed files:\n got %s\nwant %s", got, strings.Join(want, " "))
	}
	testtree.SameFiles(t, testtree.Files(t, cfg.OutDir), coldTree(t, cfg), "a cold build")
}
