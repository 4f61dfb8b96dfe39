package generator

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"rolesite/internal/testtree"
)

func readReport(t *testing.T, path string) ChangeReport {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep ChangeReport
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

func urls(list []ChangedURL) []string {
	out := []string{}
	for _, c := range list {
		out = append(out, c.URL)
	}
	return out
}

// fileChanges compares two snapshots of the output folder as a CDN sees it:
// the files that appeared, whose bytes changed, and that went.
func fileChanges(before, after map[string][]byte) FileChanges {
	fc := FileChanges{Added: []string{}, Updated: []string{}, Removed: []string{}}
	for p, data := range after {
		old, ok := before[p]
		switch {
		case !ok:
			fc.Added = append(fc.Added, p)
		case !bytes.Equal(old, data):
			fc.Updated = append(fc.Updated, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			fc.Removed = append(fc.Removed, p)
		}
	}
	for _, list := range [][]string{fc.Added, fc.Updated, fc.Removed} {
		slices.Sort(list)
	}
	return fc
}

func TestChangeReport(t *testing.T) {
	cfg := fixture(t)
	cfg.ChangesFile = filepath.Join(t.TempDir(), "changes.json")
	cfg.AssetGrace = -1 // a replaced stylesheet goes at once (TestAssetGrace covers the grace)
	base := "https://jobs.test.example/"
	// Each build's report lists, as output paths, exactly the files that
	// the output folder gained, changed and lost.
	tree := map[string][]byte{}
	build := func(what string) ChangeReport {
		t.Helper()
		mustBuild(t, cfg)
		rep := readReport(t, cfg.ChangesFile)
		now := testtree.Files(t, cfg.OutDir)
		if want := fileChanges(tree, now); !reflect.DeepEqual(rep.Files, want) {
			t.Errorf("%s: files %+v, want %+v", what, rep.Files, want)
		}
		tree = now
		return rep
	}

	// First build: every page is new.
	rep := build("first build")
	if len(rep.Files.Added) < 10 || !slices.Contains(rep.Files.Added, "sitemap.xml") || !slices.Contains(rep.Files.Added, "_redirects") {
		t.Errorf("first build: files added %v, want every file", rep.Files.Added)
	}
	if len(rep.Added) != 8 || len(rep.Updated) != 0 || len(rep.Removed) != 0 {
		t.Errorf("first build: added %v, updated %v, removed %v", urls(rep.Added), urls(rep.Updated), urls(rep.Removed))
	}
	if want := []string{base + "tech/backend-entwickler/", base + "tech/frontend-entwickler/"}; !slices.Equal(rep.JobPostings, want) {
		t.Errorf("job postings %v, want %v", rep.JobPostings, want)
	}

	// The Backend-Entwickler posting closes: its page is updated and the
	// report says the posting ended; München, where it was the one open
	// position, loses its location page.
	cfg.Now = time.Date(2027, 2, 2, 0, 0, 0, 0, time.UTC)
	rep = build("after closing")
	var ended bool
	for _, u := range rep.Updated {
		if u.URL == base+"tech/backend-entwickler/" && u.JobPostingEnded && !u.JobPosting {
			ended = true
		}
	}
	if !ended || len(rep.Added) != 0 || !slices.Equal(urls(rep.Removed), []string{base + "standorte/muenchen/"}) {
		t.Errorf("after closing: added %v, updated %+v, removed %v", urls(rep.Added), rep.Updated, urls(rep.Removed))
	}

	// A role removed.
	os.Remove(filepath.Join(cfg.ContentDir, "roles", "key-account-manager.md"))
	rep = build("a role removed")
	if got := urls(rep.Removed); !slices.Equal(got, []string{base + "sales/key-account-manager/"}) {
		t.Errorf("removed %v", got)
	}
	if !slices.Contains(rep.Files.Removed, "sales/key-account-manager/index.html") {
		t.Errorf("a role removed: files removed %v", rep.Files.Removed)
	}
	// A stylesheet change: the new asset is added, the old one removed.
	testtree.Write(t, cfg.LayoutsDir, map[string]string{"style.css": testtree.Read(t, "render/templates/style.css") + "\nfooter { margin: 0; }\n"})
	rep = build("a stylesheet change")
	if len(rep.Files.Added) != 1 || !strings.HasPrefix(rep.Files.Added[0], "assets/style.") || len(rep.Files.Removed) != 1 {
		t.Errorf("a stylesheet change: files added %v, removed %v", rep.Files.Added, rep.Files.Removed)
	}
	// A rebuild with nothing changed reports nothing.
	rep = build("an unchanged rebuild")
	if len(rep.Added)+len(rep.Updated)+len(rep.Removed)+len(rep.Files.Added)+len(rep.Files.Updated)+len(rep.Files.Removed) != 0 {
		t.Errorf("unchanged rebuild reported %+v", rep)
	}
}
