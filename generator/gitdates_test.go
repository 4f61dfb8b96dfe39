package generator

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func git(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func commitAll(t *testing.T, dir, date string) {
	env := []string{"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date,
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.invalid", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.invalid"}
	git(t, dir, env, "add", "-A")
	git(t, dir, env, "commit", "-q", "-m", "change")
}

func TestLastModFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	cfg := fixture(t)
	repo := filepath.Dir(cfg.ContentDir)
	git(t, repo, nil, "init", "-q")
	commitAll(t, repo, "2026-10-02T10:00:00Z")
	// A later commit that touches one role only.
	editFile(t, filepath.Join(cfg.ContentDir, "roles", "backend-entwickler.md"), func(s string) string { return s + "\nMehr.\n" })
	commitAll(t, repo, "2026-11-15T10:00:00Z")
	res := mustBuild(t, cfg)
	if len(res.Diagnostics.Warnings()) > 1 { // the closed role
		t.Errorf("warnings: %v", res.Diagnostics.Warnings())
	}
	sitemap, _ := os.ReadFile(filepath.Join(cfg.OutDir, "sitemap.xml"))
	for _, want := range []string{
		"<loc>https://jobs.test.example/tech/backend-entwickler/</loc><lastmod>2026-11-15</lastmod>",
		"<loc>https://jobs.test.example/tech/frontend-entwickler/</loc><lastmod>2026-10-02</lastmod>",
		// front matter lastmod wins over git
		"<loc>https://jobs.test.example/sales/key-account-manager/</loc><lastmod>2026-10-01</lastmod>",
	} {
		if !strings.Contains(strings.ReplaceAll(strings.ReplaceAll(string(sitemap), "\n", ""), " ", ""), strings.ReplaceAll(want, " ", "")) {
			t.Errorf("sitemap lacks %s\n%s", want, sitemap)
		}
	}

	// A shallow clone gives every file the date of its one commit: warn,
	// and fall back to date_posted.
	clone := filepath.Join(t.TempDir(), "clone")
	git(t, repo, nil, "clone", "-q", "--depth", "1", "file://"+repo, clone)
	shallow := Config{ContentDir: filepath.Join(clone, "content"), OutDir: filepath.Join(t.TempDir(), "out"), Now: fixtureNow}
	res = mustBuild(t, shallow)
	var warned bool
	for _, w := range res.Diagnostics.Warnings() {
		if strings.Contains(w.Message, "shallow") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning about the shallow clone: %v", res.Diagnostics)
	}
	sitemap, _ = os.ReadFile(filepath.Join(shallow.OutDir, "sitemap.xml"))
	if !strings.Contains(string(sitemap), "2026-11-05") || strings.Contains(string(sitemap), "2026-11-15") {
		t.Errorf("a shallow clone's dates leaked into the sitemap:\n%s", sitemap)
	}
}
