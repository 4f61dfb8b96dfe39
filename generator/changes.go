package generator

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"rolesite/generator/content"
)

// ChangeReport lists the canonical URLs a build added, updated and removed
// since the previous build, ready to feed Google's Indexing API (which takes
// JobPosting pages: URL_UPDATED for added and updated, URL_DELETED for
// removed or ended postings) or IndexNow (any URL).
type ChangeReport struct {
	BaseURL string       `json:"base_url"`
	Added   []ChangedURL `json:"added"`
	Updated []ChangedURL `json:"updated"`
	Removed []ChangedURL `json:"removed"`
	// JobPostings are all URLs that carry a JobPosting after this build; the
	// next build compares with them to tell which postings ended.
	JobPostings []string `json:"job_postings"`
}

// ChangedURL is one URL in a ChangeReport.
type ChangedURL struct {
	URL string `json:"url"`
	// JobPosting: the page carries a JobPosting now.
	JobPosting bool `json:"job_posting"`
	// JobPostingEnded: the page carried one after the previous build and
	// does not now (the position closed or the page was removed).
	JobPostingEnded bool `json:"job_posting_ended,omitempty"`
}

// sitemapLocs reads the <loc>s of the sitemap in dir, following a sitemap
// index into its parts. A missing sitemap gives nil.
func sitemapLocs(dir string) (map[string]bool, error) {
	locs := map[string]bool{}
	var read func(name string, depth int) error
	read = func(name string, depth int) error {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		var doc struct {
			XMLName  xml.Name
			URLs     []string `xml:"url>loc"`
			Sitemaps []string `xml:"sitemap>loc"`
		}
		if err := xml.Unmarshal(data, &doc); err != nil {
			return fmt.Errorf("read previous %s: %w", name, err)
		}
		for _, u := range doc.URLs {
			locs[u] = true
		}
		if depth > 0 {
			return nil
		}
		for _, s := range doc.Sitemaps {
			part := s[strings.LastIndex(s, "/")+1:]
			if err := read(part, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := read("sitemap.xml", 0); err != nil {
		return nil, err
	}
	return locs, nil
}

// changeReport compares the URLs before and after a build.
func changeReport(site *content.Site, now time.Time, before map[string]bool, prevJobs map[string]bool, changedURLs []string) *ChangeReport {
	abs := func(p string) string { return strings.TrimSuffix(site.BaseURL, "/") + p }
	jobs := map[string]bool{}
	after := map[string]bool{site.BaseURL: true}
	for _, c := range site.Categories {
		after[abs("/"+c.Key+"/")] = true
	}
	for _, r := range site.Roles {
		u := abs(r.URLPath())
		after[u] = true
		if r.Open(now) {
			jobs[u] = true
		}
	}
	rep := &ChangeReport{BaseURL: site.BaseURL, Added: []ChangedURL{}, Updated: []ChangedURL{}, Removed: []ChangedURL{}, JobPostings: []string{}}
	entry := func(u string) ChangedURL {
		return ChangedURL{URL: u, JobPosting: jobs[u], JobPostingEnded: prevJobs[u] && !jobs[u]}
	}
	updated := map[string]bool{}
	for _, p := range changedURLs {
		u := abs(p)
		if after[u] && before[u] {
			updated[u] = true
		}
	}
	// A posting that ended is an update even if the page bytes did not
	// change (they always do, the note appears; this is belt and braces).
	for u := range prevJobs {
		if after[u] && !jobs[u] {
			updated[u] = true
		}
	}
	for u := range after {
		switch {
		case !before[u]:
			rep.Added = append(rep.Added, entry(u))
		case updated[u]:
			rep.Updated = append(rep.Updated, entry(u))
		}
	}
	for u := range before {
		if !after[u] {
			rep.Removed = append(rep.Removed, entry(u))
		}
	}
	for u := range jobs {
		rep.JobPostings = append(rep.JobPostings, u)
	}
	for _, list := range [][]ChangedURL{rep.Added, rep.Updated, rep.Removed} {
		sort.Slice(list, func(i, j int) bool { return list[i].URL < list[j].URL })
	}
	sort.Strings(rep.JobPostings)
	return rep
}

// readPrevJobs reads the job_postings of an earlier report at path.
func readPrevJobs(path string) map[string]bool {
	prev := map[string]bool{}
	data, err := os.ReadFile(path)
	if err != nil {
		return prev
	}
	var old ChangeReport
	if json.Unmarshal(data, &old) == nil {
		for _, u := range old.JobPostings {
			prev[u] = true
		}
	}
	return prev
}

// writeReport writes the report atomically.
func writeReport(path string, rep *ChangeReport) error {
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write change report: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write change report: %w", err)
	}
	return nil
}
