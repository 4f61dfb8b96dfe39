package generator

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"rolesite/generator/render"
	"rolesite/internal/testtree"
)

// feedJobs are the <job>s of an Indeed feed, as a board reads them.
type feedJobs struct {
	XMLName xml.Name `xml:"source"`
	Jobs    []struct {
		Ref         string `xml:"referencenumber"`
		URL         string `xml:"url"`
		Company     string `xml:"company"`
		Description string `xml:"description"`
	} `xml:"job"`
}

func readFeed(t *testing.T, path string) (feedJobs, []byte) {
	t.Helper()
	data := []byte(testtree.Read(t, path))
	checkWellFormed(t, path, data)
	var f feedJobs
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	if err := d.Decode(&f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f, data
}

// checkWellFormed parses data with encoding/xml to its end, and with
// xmllint --noout where it is installed (ROLESITE_XMLLINT=1: it must be).
func checkWellFormed(t *testing.T, name string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		if _, err := d.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Errorf("%s is not well-formed: %v", name, err)
			}
			break
		}
	}
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("ROLESITE_XMLLINT") == "1" {
			t.Fatalf("ROLESITE_XMLLINT=1 but xmllint is not on PATH (apt-get install -y libxml2-utils): %v", err)
		}
		return
	}
	f := filepath.Join(t.TempDir(), "feed.xml")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "--noout", f).CombinedOutput(); err != nil {
		t.Errorf("xmllint --noout %s: %v\n%s", name, err, out)
	}
}

// TestSampleJobsFeed: the sample site's /jobs.xml is the golden file;
// it lists every open position and nothing else, each at its page.
func TestSampleJobsFeed(t *testing.T) {
	cfg, _, site := buildSample(t)
	path := filepath.Join(cfg.OutDir, render.JobsFeedPath)
	feed, data := readFeed(t, path)
	// lastBuildDate follows the role files' last commits, which every
	// commit to content/ moves: it is checked for its form, not kept.
	lastBuild := regexp.MustCompile(`<lastBuildDate>(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)</lastBuildDate>`)
	if !lastBuild.Match(data) {
		t.Errorf("no lastBuildDate in ISO 8601 UTC")
	}
	data = lastBuild.ReplaceAll(data, []byte("<lastBuildDate>(the newest lastmod)</lastBuildDate>"))
	golden := filepath.Join("testdata", "sample-jobs.xml")
	if *update {
		if err := os.WriteFile(golden, data, 0o644); err != nil {
			t.Fatal(err)
		}
	} else if want := testtree.Read(t, golden); string(data) != want {
		t.Errorf("jobs.xml differs from %s (go test ./generator -run TestSampleJobsFeed -update rewrites it: review the diff)", golden)
	}
	var got, want []string
	for _, j := range feed.Jobs {
		got = append(got, j.Ref)
	}
	for _, r := range site.Roles {
		if r.Open(cfg.Now) {
			want = append(want, r.Slug)
		}
	}
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("jobs %v, want the open positions %v", got, want)
	}
	for _, j := range feed.Jobs {
		if _, err := os.Stat(filepath.Join(cfg.OutDir, strings.TrimPrefix(j.URL, site.BaseURL), "index.html")); err != nil {
			t.Errorf("%s: url %s: %v", j.Ref, j.URL, err)
		}
		if strings.Contains(j.Description, `href="/`) {
			t.Errorf("%s: a relative link in the description", j.Ref)
		}
		if j.Company == "confidential" || j.Company == "" {
			t.Errorf("%s: company %q", j.Ref, j.Company)
		}
	}
}

// TestJobsFeedFollowsTheBuildTime: a position that closes leaves the feed
// at the next build, a draft is in it only with Drafts, and a rebuild with
// nothing changed keeps the file as it is.
func TestJobsFeedFollowsTheBuildTime(t *testing.T) {
	cfg := fixture(t)
	refs := func() []string {
		t.Helper()
		f, _ := readFeed(t, filepath.Join(cfg.OutDir, render.JobsFeedPath))
		var out []string
		for _, j := range f.Jobs {
			out = append(out, j.Ref)
		}
		return out
	}
	mustBuild(t, cfg)
	// account-manager closed before fixtureNow; the others are role descriptions.
	if got := refs(); !slices.Equal(got, []string{"backend-entwickler", "frontend-entwickler"}) {
		t.Errorf("jobs %v", got)
	}
	res := mustBuild(t, cfg)
	if slices.Contains(res.Stats.Changed, render.JobsFeedPath) {
		t.Errorf("an unchanged rebuild wrote jobs.xml")
	}
	cfg.Now = time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC) // backend-entwickler's valid_through
	res = mustBuild(t, cfg)
	if got := refs(); !slices.Equal(got, []string{"frontend-entwickler"}) {
		t.Errorf("after backend-entwickler closed: jobs %v", got)
	}
	if !slices.Contains(res.Stats.Changed, render.JobsFeedPath) {
		t.Errorf("changed %v: jobs.xml not among them", res.Stats.Changed)
	}
	testtree.Write(t, cfg.ContentDir, map[string]string{"roles/neu.md": "---\ntitle: Neu\ncategory: tech\ndescription: Neu.\ndate_posted: 2026-11-01\ndraft: true\n---\nText.\n"})
	mustBuild(t, cfg)
	if got := refs(); slices.Contains(got, "neu") {
		t.Errorf("a draft is in the feed: %v", got)
	}
	cfg.Drafts = true
	mustBuild(t, cfg)
	if got := refs(); !slices.Contains(got, "neu") {
		t.Errorf("with Drafts the draft is not in the feed: %v", got)
	}
}

// TestJobsFeedInChangeReport: the change report lists jobs.xml among the
// files added, and updated when a position closes.
func TestJobsFeedInChangeReport(t *testing.T) {
	cfg := fixture(t)
	cfg.ChangesFile = filepath.Join(t.TempDir(), "changes.json")
	mustBuild(t, cfg)
	if rep := readReport(t, cfg.ChangesFile); !slices.Contains(rep.Files.Added, render.JobsFeedPath) {
		t.Errorf("first build: files added %v", rep.Files.Added)
	}
	cfg.Now = time.Date(2027, 2, 2, 0, 0, 0, 0, time.UTC)
	mustBuild(t, cfg)
	if rep := readReport(t, cfg.ChangesFile); !slices.Contains(rep.Files.Updated, render.JobsFeedPath) {
		t.Errorf("after a position closed: files updated %v", rep.Files.Updated)
	}
}

// TestJobsFeedStaticCollision: a static file at /jobs.xml or at a feed
// template's path is an error that names the feed.
func TestJobsFeedStaticCollision(t *testing.T) {
	cfg := staticFixture(t)
	testtree.Write(t, cfg.LayoutsDir, map[string]string{"feeds/careerjet.xml": "<jobs/>"})
	testtree.Write(t, cfg.StaticDir, map[string]string{"jobs.xml": "<source/>", "feeds/careerjet.xml": "<jobs/>"})
	got := staticProblems(t, cfg)
	want := []string{
		"feeds/careerjet.xml: feeds/careerjet.xml is also a file the build writes (the feed of the template " + filepath.Join(cfg.LayoutsDir, "feeds", "careerjet.xml") + "): remove or rename the static file",
		"jobs.xml: jobs.xml is also a file the build writes (the job-board feed of the open positions (Indeed's XML format)): remove or rename the static file",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems\n got %q\nwant %q", got, want)
	}
}

// TestCareerjetExample: the example feed template in docs/feeds/ builds
// the sample site's open positions into /feeds/careerjet.xml, well-formed.
func TestCareerjetExample(t *testing.T) {
	layouts := t.TempDir()
	testtree.Copy(t, "../docs/feeds", filepath.Join(layouts, "feeds"))
	cfg := Config{ContentDir: "../content", LayoutsDir: layouts, OutDir: filepath.Join(t.TempDir(), "public"), Now: fixtureNow}
	res := mustBuild(t, cfg)
	for _, d := range res.Diagnostics {
		if strings.Contains(d.String(), "feeds") {
			t.Errorf("diagnostic: %s", d)
		}
	}
	data := []byte(testtree.Read(t, filepath.Join(cfg.OutDir, "feeds", "careerjet.xml")))
	checkWellFormed(t, "feeds/careerjet.xml", data)
	var doc struct {
		Jobs []struct {
			ID       string `xml:"id"`
			Hours    string `xml:"working_hours"`
			Contract string `xml:"contract_type"`
		} `xml:"job"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	indeed, _ := readFeed(t, filepath.Join(cfg.OutDir, render.JobsFeedPath))
	if len(doc.Jobs) == 0 || len(doc.Jobs) != len(indeed.Jobs) {
		t.Fatalf("careerjet.xml has %d jobs, jobs.xml %d", len(doc.Jobs), len(indeed.Jobs))
	}
	for i, j := range doc.Jobs {
		if j.ID != indeed.Jobs[i].Ref || j.Hours == "" || j.Contract == "" {
			t.Errorf("job %d: %+v", i, j)
		}
	}
}
