package generator

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"rolesite/generator/content"
	"rolesite/generator/diag"
	"rolesite/generator/output"
	"rolesite/internal/atomicfile"
)

// ChangeReport lists the canonical URLs a build added, updated and removed
// since the previous build, ready to feed Google's Indexing API (which takes
// JobPosting pages: URL_UPDATED for added and updated, URL_DELETED for
// removed or ended postings) or IndexNow (any URL).
type ChangeReport struct {
	// Format is always ReportFormat. It marks the file as a report this
	// generator wrote, which is what lets a later build replace it (see
	// CheckChangesFile).
	Format  string       `json:"format"`
	BaseURL string       `json:"base_url"`
	Added   []ChangedURL `json:"added"`
	Updated []ChangedURL `json:"updated"`
	Removed []ChangedURL `json:"removed"`
	// JobPostings are all URLs that carry a JobPosting after this build; the
	// next build compares with them to tell which postings ended.
	JobPostings []string `json:"job_postings"`
	// Files lists every file of the output folder the build added, updated
	// and removed, for a CDN's upload and invalidation.
	Files FileChanges `json:"files"`
}

// FileChanges are output paths (slash-separated, relative to the output
// folder: "index.html", "assets/style.3f2a9c1e.css", "sitemap.xml"), each
// list sorted.
type FileChanges struct {
	Added   []string `json:"added"`   // files no earlier build wrote
	Updated []string `json:"updated"` // files whose bytes changed
	Removed []string `json:"removed"` // files of an earlier build this one no longer writes
}

// ReportFormat is the "format" of every change report the build writes.
const ReportFormat = "rolesite-change-report/1"

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
			return diag.Fail(err, diag.ReadPrevSitemap, name)
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
func changeReport(site *content.Site, now time.Time, before map[string]bool, prevJobs map[string]bool, stats output.Stats, changedURLs []string) *ChangeReport {
	abs := func(p string) string { return strings.TrimSuffix(site.BaseURL, "/") + p }
	jobs := map[string]bool{}
	// The pages after the build are the sitemap's: home, every page of
	// each category's and location's list, every role.
	after := map[string]bool{}
	for _, u := range sitemapURLs(site, now, nil) {
		after[u.Loc] = true
	}
	for _, r := range site.Roles {
		if r.Open(now) {
			jobs[abs(r.URLPath())] = true
		}
	}
	rep := &ChangeReport{Format: ReportFormat, BaseURL: site.BaseURL, Added: []ChangedURL{}, Updated: []ChangedURL{}, Removed: []ChangedURL{}, JobPostings: []string{},
		Files: FileChanges{Added: nonNil(stats.Added), Updated: nonNil(stats.Updated), Removed: nonNil(stats.Deleted)}}
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

// nonNil returns list, or an empty list for nil, so that JSON has [].
func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

// CheckChangesFile refuses a Config.ChangesFile that a build must not
// write: one that is the content, layouts, static or output folder or lies
// inside one of them (the report would replace a role, site.yaml, a layout
// or a published page, or be published itself), and an existing file that
// is not a change report the
// build wrote. A report the build wrote is a JSON object whose "format" is
// ReportFormat; a report of an earlier version, which had no "format", is
// recognised by having exactly the keys base_url, added, updated, removed
// and job_postings. An empty ChangesFile passes.
//
// Build checks it before it reads or writes anything; a command calls it
// to refuse the path before it builds.
func CheckChangesFile(cfg Config) error {
	path := cfg.ChangesFile
	if path == "" {
		return nil
	}
	refuse := func(reason diag.Message, args ...any) error {
		return diag.Fail(nil, diag.RefuseChanges, path, diag.T(reason, args...))
	}
	for _, f := range []struct{ name, dir string }{{"content", cfg.ContentDir}, {"layouts", cfg.LayoutsDir}, {"static", cfg.StaticDir}, {"output", cfg.OutDir}} {
		if f.dir == "" {
			continue
		}
		where, err := output.Place(path, f.dir)
		if err != nil {
			return diag.Fail(err, diag.CheckChangesAgain, path, f.name, f.dir)
		}
		switch where {
		case output.Same:
			return refuse(diag.ChangesIsFolder, f.name, f.dir)
		case output.Inside:
			return refuse(diag.ChangesInFolder, f.name, f.dir)
		}
	}
	linfo, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return diag.Fail(err, diag.CheckChanges, path)
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && linfo.Mode()&fs.ModeSymlink != 0:
		return refuse(diag.ChangesDangling)
	case err != nil:
		return diag.Fail(err, diag.CheckChanges, path)
	case info.IsDir():
		return refuse(diag.ChangesIsDir, filepath.Join(path, "changes.json"))
	case !info.Mode().IsRegular():
		return refuse(diag.ChangesNotRegular)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return diag.Fail(err, diag.CheckChanges, path)
	}
	if !isChangeReport(data) {
		return refuse(diag.ChangesNotReport, ReportFormat)
	}
	return nil
}

// isChangeReport reports whether data is a change report the build wrote:
// marked with ReportFormat, or of an earlier version, which wrote exactly
// the five keys without a mark.
func isChangeReport(data []byte) bool {
	var marked struct {
		Format string `json:"format"`
	}
	if json.Unmarshal(data, &marked) == nil && marked.Format == ReportFormat {
		return true
	}
	var earlier struct {
		BaseURL     *string       `json:"base_url"`
		Added       *[]ChangedURL `json:"added"`
		Updated     *[]ChangedURL `json:"updated"`
		Removed     *[]ChangedURL `json:"removed"`
		JobPostings *[]string     `json:"job_postings"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if dec.Decode(&earlier) != nil || dec.More() {
		return false
	}
	return earlier.BaseURL != nil && earlier.Added != nil && earlier.Updated != nil && earlier.Removed != nil && earlier.JobPostings != nil
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

// writeReport writes the report atomically: into a new temporary file
// beside it, renamed over it. When path is a symbolic link, the file it
// points to is replaced and the link stays.
func writeReport(path string, rep *ChangeReport) error {
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return diag.Fail(err, diag.WriteChanges, path)
	}
	if err := atomicfile.Write(path, append(data, '\n'), false); err != nil {
		return diag.Fail(err, diag.WriteChanges, path)
	}
	return nil
}
