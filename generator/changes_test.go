package generator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
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

func TestChangeReport(t *testing.T) {
	cfg := fixture(t)
	cfg.ChangesFile = filepath.Join(t.TempDir(), "changes.json")
	base := "https://jobs.test.example/"

	// First build: every page is new.
	mustBuild(t, cfg)
	rep := readReport(t, cfg.ChangesFile)
	if len(rep.Added) != 7 || len(rep.Updated) != 0 || len(rep.Removed) != 0 {
		t.Errorf("first build: added %v, updated %v, removed %v", urls(rep.Added), urls(rep.Updated), urls(rep.Removed))
	}
	if want := []string{base + "tech/backend-entwickler/", base + "tech/frontend-entwickler/"}; !slices.Equal(rep.JobPostings, want) {
		t.Errorf("job postings %v, want %v", rep.JobPostings, want)
	}

	// The Backend-Entwickler posting closes: its page is updated and the
	// report says the posting ended.
	cfg.Now = time.Date(2027, 2, 2, 0, 0, 0, 0, time.UTC)
	mustBuild(t, cfg)
	rep = readReport(t, cfg.ChangesFile)
	var ended bool
	for _, u := range rep.Updated {
		if u.URL == base+"tech/backend-entwickler/" && u.JobPostingEnded && !u.JobPosting {
			ended = true
		}
	}
	if !ended || len(rep.Added) != 0 || len(rep.Removed) != 0 {
		t.Errorf("after closing: added %v, updated %+v, removed %v", urls(rep.Added), rep.Updated, urls(rep.Removed))
	}

	// A role removed.
	os.Remove(filepath.Join(cfg.ContentDir, "roles", "key-account-manager.md"))
	mustBuild(t, cfg)
	rep = readReport(t, cfg.ChangesFile)
	if got := urls(rep.Removed); !slices.Equal(got, []string{base + "sales/key-account-manager/"}) {
		t.Errorf("removed %v", got)
	}
	// A rebuild with nothing changed reports nothing.
	mustBuild(t, cfg)
	rep = readReport(t, cfg.ChangesFile)
	if len(rep.Added)+len(rep.Updated)+len(rep.Removed) != 0 {
		t.Errorf("unchanged rebuild reported %+v", rep)
	}
}
