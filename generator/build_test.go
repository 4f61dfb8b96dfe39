package generator

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolesite/generator/diag"
	"rolesite/internal/testtree"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/fixture/golden")

// fixtureNow is the build time of the fixture tests: the Account Manager
// opening closed before it, the others are open.
var fixtureNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// fixture copies the fixture content into a temp folder and returns a
// Config that builds it into another one.
func fixture(t testing.TB) Config {
	t.Helper()
	dir := t.TempDir()
	testtree.Copy(t, "testdata/fixture/content", filepath.Join(dir, "content"))
	return Config{
		ContentDir: filepath.Join(dir, "content"),
		LayoutsDir: filepath.Join(dir, "layouts"),
		OutDir:     filepath.Join(dir, "public"),
		Now:        fixtureNow,
	}
}

func mustBuild(t testing.TB, cfg Config) *Result {
	t.Helper()
	res, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

func TestGolden(t *testing.T) {
	cfg := fixture(t)
	mustBuild(t, cfg)
	got := testtree.Files(t, cfg.OutDir)
	golden := "testdata/fixture/golden"
	if *update {
		os.RemoveAll(golden)
		for p, data := range got {
			target := filepath.Join(golden, filepath.FromSlash(p))
			os.MkdirAll(filepath.Dir(target), 0o755)
			if err := os.WriteFile(target, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	testtree.SameFiles(t, got, testtree.Files(t, golden), "the golden files (go test ./generator -run TestGolden -update rewrites them: review the diff)")
}

func TestBuildIsDeterministic(t *testing.T) {
	a := fixture(t)
	b := fixture(t)
	mustBuild(t, a)
	mustBuild(t, b)
	ta, tb := testtree.Files(t, a.OutDir), testtree.Files(t, b.OutDir)
	if len(ta) != len(tb) {
		t.Fatalf("%d files vs %d files", len(ta), len(tb))
	}
	for p, data := range ta {
		if !bytes.Equal(data, tb[p]) {
			t.Errorf("%s differs between two builds of the same input", p)
		}
	}
}

func TestUnchangedRebuildRewritesNothing(t *testing.T) {
	cfg := fixture(t)
	first := mustBuild(t, cfg)
	if first.Stats.Written == 0 {
		t.Fatal("first build wrote nothing")
	}
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	mtimes := map[string]time.Time{}
	for p := range testtree.Files(t, cfg.OutDir) {
		full := filepath.Join(cfg.OutDir, filepath.FromSlash(p))
		if err := os.Chtimes(full, old, old); err != nil {
			t.Fatal(err)
		}
		mtimes[p] = old
	}
	second := mustBuild(t, cfg)
	if second.Stats.Written != 0 || second.Stats.Removed != 0 {
		t.Errorf("unchanged rebuild wrote %d and removed %d files: %v", second.Stats.Written, second.Stats.Removed, second.Stats.Changed)
	}
	for p, want := range mtimes {
		info, err := os.Stat(filepath.Join(cfg.OutDir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if !info.ModTime().Equal(want) {
			t.Errorf("%s was touched: mtime %v", p, info.ModTime())
		}
	}
}

func TestRemovedRoleIsPrunedForeignFileStays(t *testing.T) {
	cfg := fixture(t)
	mustBuild(t, cfg)
	foreign := filepath.Join(cfg.OutDir, "google1234.html")
	if err := os.WriteFile(foreign, []byte("google-site-verification"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Remove a role and every reference to it.
	os.Remove(filepath.Join(cfg.ContentDir, "roles", "key-account-manager.md"))
	res := mustBuild(t, cfg)
	if _, err := os.Stat(filepath.Join(cfg.OutDir, "sales", "key-account-manager", "index.html")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the removed role's page is still there (err %v)", err)
	}
	if _, err := os.Stat(filepath.Join(cfg.OutDir, "sales", "key-account-manager")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the removed role's folder is still there")
	}
	if _, err := os.Stat(foreign); err != nil {
		t.Errorf("a file the generator did not write was removed: %v", err)
	}
	if res.Stats.Removed == 0 {
		t.Errorf("Stats.Removed = 0")
	}
	sitemap, _ := os.ReadFile(filepath.Join(cfg.OutDir, "sitemap.xml"))
	if bytes.Contains(sitemap, []byte("key-account-manager")) {
		t.Errorf("the sitemap still lists the removed role")
	}
}

func TestFailingBuildLeavesOutputUntouched(t *testing.T) {
	cfg := fixture(t)
	mustBuild(t, cfg)
	before := testtree.Snapshot(t, cfg.OutDir)
	bad := filepath.Join(cfg.ContentDir, "roles", "account-manager.md")
	if err := os.WriteFile(bad, []byte("---\ntitel: Account Manager\ncategory: sales\n---\nText\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A new role that would add a page must not be written either.
	os.WriteFile(filepath.Join(cfg.ContentDir, "roles", "neu.md"), []byte("---\ntitle: Neu\ncategory: sales\ndescription: Neu.\n---\nNeu\n"), 0o644)
	res, err := Build(context.Background(), cfg)
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want a diag.List error, got %v", err)
	}
	want := []string{
		filepath.Join(cfg.ContentDir, "roles", "account-manager.md") + `:2:1: unknown key "titel" (did you mean "title"?)`,
	}
	msgs := res.Diagnostics.Errors().Error()
	for _, w := range want {
		if !strings.Contains(msgs, w) {
			t.Errorf("errors\n%s\ndo not contain\n%s", msgs, w)
		}
	}
	sameSnapshot(t, "the output of a failing build", before, testtree.Snapshot(t, cfg.OutDir))
}

// snapshot records each file's bytes and mtime.

func TestDraftsOnlyWithFlag(t *testing.T) {
	cfg := fixture(t)
	mustBuild(t, cfg)
	if _, err := os.Stat(filepath.Join(cfg.OutDir, "sales", "entwurf", "index.html")); err == nil {
		t.Error("a draft was built without Drafts")
	}
	cfg.Drafts = true
	mustBuild(t, cfg)
	if _, err := os.Stat(filepath.Join(cfg.OutDir, "sales", "entwurf", "index.html")); err != nil {
		t.Errorf("Drafts: the draft was not built: %v", err)
	}
}

func TestExpiryReport(t *testing.T) {
	cfg := fixture(t)
	cfg.Check = true
	res := mustBuild(t, cfg)
	if got := strings.Join(res.Closed, ","); got != "account-manager" {
		t.Errorf("Closed = %q, want account-manager", got)
	}
	if res.NextChangeRole != "backend-entwickler" || !res.NextChange.Equal(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("next change = %v (%s), want 2027-02-01 (backend-entwickler)", res.NextChange, res.NextChangeRole)
	}
	var warned bool
	for _, d := range res.Diagnostics.Warnings() {
		if strings.Contains(d.String(), "account-manager.md") && strings.Contains(d.Message, "closed") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning names the closed role: %v", res.Diagnostics)
	}
	if _, err := os.Stat(cfg.OutDir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Check wrote the output folder")
	}
}

// Config.BaseURL (build -base-url) replaces site.yaml's base_url in every
// canonical link, JSON-LD URL, sitemap entry and robots.txt.
func TestBaseURLOverride(t *testing.T) {
	cfg := fixture(t)
	cfg.BaseURL = "https://preview.test.example/pr-7"
	mustBuild(t, cfg)
	for p, data := range testtree.Files(t, cfg.OutDir) {
		if strings.Contains(string(data), "https://jobs.test.example/") {
			t.Errorf("%s still names site.yaml's base_url", p)
		}
	}
	home, _ := os.ReadFile(filepath.Join(cfg.OutDir, "index.html"))
	if !strings.Contains(string(home), `<link rel="canonical" href="https://preview.test.example/pr-7/">`) {
		t.Errorf("home canonical does not use the override")
	}
	robots, _ := os.ReadFile(filepath.Join(cfg.OutDir, "robots.txt"))
	if !strings.Contains(string(robots), "Sitemap: https://preview.test.example/pr-7/sitemap.xml") {
		t.Errorf("robots.txt = %s", robots)
	}
}
