package generator

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"rolesite/internal/testtree"
)

const testIndexNowKey = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"

// withIndexNowKey adds indexnow.key to cfg's site.yaml.
func withIndexNowKey(t *testing.T, cfg Config) {
	t.Helper()
	editFile(t, filepath.Join(cfg.ContentDir, "site.yaml"), func(s string) string {
		return s + "indexnow:\n  key: " + testIndexNowKey + "\n"
	})
}

// TestIndexNowKeyFile: site.yaml's indexnow.key is published as
// <key>.txt holding the key, with or without Notify; it leaves the site
// with the key; a static file at its path is an error naming it.
func TestIndexNowKeyFile(t *testing.T) {
	cfg := fixture(t)
	withIndexNowKey(t, cfg)
	res := mustBuild(t, cfg)
	keyFile := filepath.Join(cfg.OutDir, testIndexNowKey+".txt")
	if data, err := os.ReadFile(keyFile); err != nil || string(data) != testIndexNowKey {
		t.Fatalf("key file %q, %v", data, err)
	}
	if res.Changes != nil || res.IndexNowKey != "" {
		t.Errorf("a build without Notify or ChangesFile made a report: %+v", res.Changes)
	}
	editFile(t, filepath.Join(cfg.ContentDir, "site.yaml"), func(s string) string {
		return strings.Replace(s, "indexnow:\n  key: "+testIndexNowKey+"\n", "", 1)
	})
	mustBuild(t, cfg)
	if _, err := os.Stat(keyFile); !os.IsNotExist(err) {
		t.Errorf("the key file stays after the key went: %v", err)
	}

	cfg = staticFixture(t)
	withIndexNowKey(t, cfg)
	testtree.Write(t, cfg.StaticDir, map[string]string{testIndexNowKey + ".txt": "old key"})
	got := staticProblems(t, cfg)
	want := testIndexNowKey + ".txt: " + testIndexNowKey + ".txt is also a file the build writes (the IndexNow key file (indexnow.key in site.yaml)): remove or rename the static file"
	if !slices.Contains(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
}

// TestNotifyReport: a Notify build makes the change report without
// ChangesFile, and tells ended postings from the record it keeps in the
// state folder: a role removed and a position whose valid_through passed
// are job_posting_ended; the build after a build that changed nothing
// reports nothing.
func TestNotifyReport(t *testing.T) {
	cfg := fixture(t)
	withIndexNowKey(t, cfg)
	cfg.Notify = true
	res := mustBuild(t, cfg)
	if res.Changes == nil || res.IndexNowKey != testIndexNowKey || res.Changes.BaseURL != "https://jobs.test.example/" {
		t.Fatalf("report %+v, key %q", res.Changes, res.IndexNowKey)
	}
	if n := len(res.Changes.Added); n != 8 || len(res.Changes.JobPostings) != 2 {
		t.Errorf("first build: %d added, postings %q; want 8 and 2", n, res.Changes.JobPostings)
	}
	if _, err := os.Stat(cfg.stateFile(notifyRecordName)); err != nil {
		t.Fatalf("no record in the state folder: %v", err)
	}

	cfg.Now = time.Date(2027, 3, 2, 0, 0, 0, 0, time.UTC) // frontend closes
	if err := os.Remove(filepath.Join(cfg.ContentDir, "roles", "backend-entwickler.md")); err != nil {
		t.Fatal(err)
	}
	res = mustBuild(t, cfg)
	ended := map[string]bool{}
	for _, list := range [][]ChangedURL{res.Changes.Added, res.Changes.Updated, res.Changes.Removed} {
		for _, c := range list {
			if c.JobPostingEnded {
				ended[c.URL] = true
			}
		}
	}
	if want := map[string]bool{"https://jobs.test.example/tech/backend-entwickler/": true, "https://jobs.test.example/tech/frontend-entwickler/": true}; !maps.Equal(ended, want) {
		t.Errorf("ended %v, want %v", ended, want)
	}
	// The backend position was München's only one: its location page goes
	// with it.
	if len(res.Changes.Removed) != 2 || res.Changes.Removed[0].URL != "https://jobs.test.example/standorte/muenchen/" || res.Changes.Removed[1].URL != "https://jobs.test.example/tech/backend-entwickler/" {
		t.Errorf("removed %+v", res.Changes.Removed)
	}

	res = mustBuild(t, cfg)
	if n := len(res.Changes.Added) + len(res.Changes.Updated) + len(res.Changes.Removed); n != 0 {
		t.Errorf("a build that changed nothing reports %d URLs", n)
	}
}
