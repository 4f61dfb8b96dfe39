package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"rolesite/generator"
	"rolesite/internal/testtree"
)

// deployRecipes are the files of docs/deploy, each shown in the README.
var deployRecipes = []string{"s3-cloudfront.sh", "rclone.sh", "netlify.sh", "cloudflare-pages.sh", "github-pages.yml", "nginx.conf", "Caddyfile"}

// fakeTool is a stand-in for aws, rclone, netlify and wrangler: it logs
// its name and arguments, one line a call, and the lines of every file it
// is given with --files-from-raw, each as "FILE path".
const fakeTool = `#!/bin/sh
{ printf 'CALL %s' "$(basename "$0")"; for a in "$@"; do printf ' %s' "$a"; done; printf '\n'; } >>"$FAKE_LOG"
prev=
for a in "$@"; do
	if [ "$prev" = --files-from-raw ]; then sed 's/^/FILE /' "$a" >>"$FAKE_LOG"; fi
	prev=$a
done
`

// runRecipe runs docs/deploy/name with sh in dir (which holds public/),
// with the fake tools first on PATH and env set, and returns the log.
func runRecipe(t *testing.T, dir, name string, env []string, args ...string) []string {
	t.Helper()
	bin := t.TempDir()
	for _, tool := range []string{"aws", "rclone", "netlify", "wrangler"} {
		if err := os.WriteFile(filepath.Join(bin, tool), []byte(fakeTool), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	log := filepath.Join(t.TempDir(), "log")
	script, err := filepath.Abs(filepath.Join("..", "..", "docs", "deploy", name))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", append([]string{script}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append(env, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "FAKE_LOG="+log)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sh %s: %v\n%s", name, err, out)
	}
	raw, err := os.ReadFile(log)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
}

// needJQ skips the test when jq is missing, or fails it in CI, where
// .ci/run installs it.
func needJQ(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("jq"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("jq is not on PATH (apt-get install -y jq): %v", err)
		}
		t.Skip("jq is not installed")
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
}

// cloudFrontPath encodes an invalidation path as AWS asks: the bytes of
// non-ASCII characters and RFC 1738's unsafe characters, nothing else.
func cloudFrontPath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if c := p[i]; c < 33 || c > 126 || strings.IndexByte("\"#%<>[\\]^`{|}~", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// TestDeployRecipes runs each shell recipe of docs/deploy on the change
// report of a real rebuild (one role edited, one removed, static files
// edited, added and removed), with stand-ins for the upload tools: the
// CloudFront invalidation names exactly the updated and removed files and
// their folder URLs, each one path, and rclone moves exactly the files the
// report lists, each of which is in public/ (or gone from it).
func TestDeployRecipes(t *testing.T) {
	needJQ(t)
	s := newSite(t)
	dir := filepath.Dir(s.out)
	staticDir := filepath.Join(dir, "static")
	testtree.Write(t, staticDir, map[string]string{
		".well-known/security.txt":         "Contact: mailto:security@test.example\n",
		"downloads/Gehaltsbänder 2027.pdf": "%PDF eins",
		"downloads/alt [2026] #1.pdf":      "%PDF alt",
	})
	report := filepath.Join(t.TempDir(), "changes.json")
	if code, _, stderr := runCmd(t, s.args("-changes", report)...); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	role := filepath.Join(s.content, "roles", "frontend-entwickler.md")
	src, err := os.ReadFile(role)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(role, append(src, "Ein neuer Absatz.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(s.content, "roles", "key-account-manager.md")); err != nil {
		t.Fatal(err)
	}
	testtree.Write(t, staticDir, map[string]string{
		"downloads/Gehaltsbänder 2027.pdf": "%PDF zwei",
		".well-known/security.txt":         "Contact: mailto:security@test.example\nPreferred-Languages: de\n",
		"downloads/neu ~ 2027.pdf":         "%PDF neu",
	})
	if err := os.Remove(filepath.Join(staticDir, "downloads", "alt [2026] #1.pdf")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(t, s.args("-changes", report)...); code != 0 {
		t.Fatalf("rebuild: exit %d\n%s", code, stderr)
	}
	raw, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var rep generator.ChangeReport
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Files.Updated) == 0 || len(rep.Files.Removed) == 0 {
		t.Fatalf("the rebuild's report lists no updated or removed files: %+v", rep.Files)
	}

	t.Run("s3-cloudfront", func(t *testing.T) {
		log := runRecipe(t, dir, "s3-cloudfront.sh", []string{"BUCKET=karriere", "DISTRIBUTION=E2EXAMPLE"}, report)
		var want []string
		for _, p := range append(slices.Clone(rep.Files.Updated), rep.Files.Removed...) {
			want = append(want, cloudFrontPath("/"+p))
			if p == "index.html" || strings.HasSuffix(p, "/index.html") {
				want = append(want, "/"+strings.TrimSuffix(p, "index.html"))
			}
		}
		slices.Sort(want)
		if len(log) != 2 || log[0] != "CALL aws s3 sync public/ s3://karriere/ --delete" {
			t.Fatalf("calls:\n%s", strings.Join(log, "\n"))
		}
		got, ok := strings.CutPrefix(log[1], "CALL aws cloudfront create-invalidation --distribution-id E2EXAMPLE --paths ")
		paths := strings.Fields(got)
		slices.Sort(paths)
		if !ok || !slices.Equal(paths, want) {
			t.Errorf("invalidation %q, want paths %v", log[1], want)
		}
		if !slices.Contains(paths, "/sales/key-account-manager/") || !slices.Contains(paths, "/tech/frontend-entwickler/") {
			t.Errorf("the invalidation misses the removed or the edited page: %v", paths)
		}
		for _, p := range []string{"/.well-known/security.txt", "/downloads/Gehaltsb%C3%A4nder%202027.pdf", "/downloads/alt%20%5B2026%5D%20%231.pdf"} {
			if !slices.Contains(paths, p) {
				t.Errorf("the invalidation misses the static file %s: %v", p, paths)
			}
		}

		// Past 1,000 paths, one wildcard.
		big := rep
		big.Files.Updated = nil
		for i := range 1001 {
			big.Files.Updated = append(big.Files.Updated, "r/"+strings.Repeat("x", i%7+1)+"/index.html")
		}
		data, _ := json.Marshal(big)
		bigReport := filepath.Join(t.TempDir(), "big.json")
		if err := os.WriteFile(bigReport, data, 0o644); err != nil {
			t.Fatal(err)
		}
		log = runRecipe(t, dir, "s3-cloudfront.sh", []string{"BUCKET=karriere", "DISTRIBUTION=E2EXAMPLE"}, bigReport)
		if len(log) != 2 || log[1] != "CALL aws cloudfront create-invalidation --distribution-id E2EXAMPLE --paths /*" {
			t.Errorf("1,001 paths: calls\n%s", strings.Join(log, "\n"))
		}
	})

	t.Run("rclone", func(t *testing.T) {
		log := runRecipe(t, dir, "rclone.sh", []string{"REMOTE=s3:karriere"}, report)
		var copied, deleted []string
		var calls []string
		for _, l := range log {
			if f, ok := strings.CutPrefix(l, "FILE "); ok {
				if strings.Contains(calls[len(calls)-1], " copy ") {
					copied = append(copied, f)
				} else {
					deleted = append(deleted, f)
				}
				continue
			}
			calls = append(calls, l)
		}
		if len(calls) != 2 || !strings.HasPrefix(calls[0], "CALL rclone copy public/ s3:karriere --files-from-raw ") ||
			!strings.HasPrefix(calls[1], "CALL rclone delete s3:karriere --files-from-raw ") {
			t.Fatalf("calls:\n%s", strings.Join(calls, "\n"))
		}
		if want := append(slices.Clone(rep.Files.Added), rep.Files.Updated...); !slices.Equal(copied, want) {
			t.Errorf("copied %v, want %v", copied, want)
		}
		if !slices.Equal(deleted, rep.Files.Removed) {
			t.Errorf("deleted %v, want %v", deleted, rep.Files.Removed)
		}
		for _, f := range copied {
			if _, err := os.Stat(filepath.Join(s.out, filepath.FromSlash(f))); err != nil {
				t.Errorf("copies %s, which public/ lacks: %v", f, err)
			}
		}
		for _, f := range []string{".well-known/security.txt", "downloads/Gehaltsbänder 2027.pdf", "downloads/neu ~ 2027.pdf"} {
			if !slices.Contains(copied, f) {
				t.Errorf("rclone does not copy the static file %s: %q", f, copied)
			}
		}
		if !slices.Contains(deleted, "downloads/alt [2026] #1.pdf") {
			t.Errorf("rclone does not delete the removed static file: %q", deleted)
		}
		for _, f := range deleted {
			if _, err := os.Stat(filepath.Join(s.out, filepath.FromSlash(f))); !os.IsNotExist(err) {
				t.Errorf("deletes %s, which public/ still has: %v", f, err)
			}
		}
	})

	t.Run("netlify and cloudflare-pages", func(t *testing.T) {
		for name, want := range map[string]string{
			"netlify.sh":          "CALL netlify deploy --prod --dir public --site site-1",
			"cloudflare-pages.sh": "CALL wrangler pages deploy public --project-name karriere --branch main",
		} {
			log := runRecipe(t, dir, name, []string{"NETLIFY_SITE_ID=site-1", "PROJECT=karriere"})
			if len(log) != 1 || log[0] != want {
				t.Errorf("%s: calls\n%s\nwant %s", name, strings.Join(log, "\n"), want)
			}
		}
	})
}

// TestGitHubPagesWorkflow parses the GitHub Pages workflow: it has the
// permissions Pages needs, checks out the whole history (for lastmod),
// builds with flags the command accepts, and uploads the folder that build
// writes.
func TestGitHubPagesWorkflow(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "docs", "deploy", "github-pages.yml"))
	if err != nil {
		t.Fatal(err)
	}
	type step struct {
		ID   string            `yaml:"id"`
		Uses string            `yaml:"uses"`
		Run  string            `yaml:"run"`
		With map[string]string `yaml:"with"`
	}
	var wf struct {
		On          map[string]any    `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Needs string `yaml:"needs"`
			Steps []step `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(raw, &wf); err != nil {
		t.Fatalf("github-pages.yml: %v", err)
	}
	if wf.Permissions["pages"] != "write" || wf.Permissions["id-token"] != "write" {
		t.Errorf("permissions %v: Pages needs pages: write and id-token: write", wf.Permissions)
	}
	if _, ok := wf.On["schedule"]; !ok {
		t.Error("no schedule: closed positions would keep their JobPosting until the next push")
	}
	uses := func(steps []step, action string) *step {
		for i := range steps {
			if strings.HasPrefix(steps[i].Uses, action+"@") {
				return &steps[i]
			}
		}
		return nil
	}
	build := wf.Jobs["build"].Steps
	if co := uses(build, "actions/checkout"); co == nil || co.With["fetch-depth"] != "0" {
		t.Error("the build job does not check out the whole history (fetch-depth: 0)")
	}
	var out string
	for _, st := range build {
		args, ok := strings.CutPrefix(st.Run, "go run ./cmd/build")
		if !ok {
			continue
		}
		opts, err := parseFlags(strings.Fields(args), io.Discard)
		if err != nil {
			t.Fatalf("the build step's flags %q: %v", args, err)
		}
		out = opts.cfg.OutDir
	}
	if out == "" {
		t.Fatal("no build step (go run ./cmd/build)")
	}
	up := uses(build, "actions/upload-pages-artifact")
	if up == nil || up.With["path"] != out {
		t.Fatalf("the uploaded path is not the build's output folder %q", out)
	}
	// From v4 the action leaves out dot folders, and with them the
	// static folder's .well-known/, unless told to keep them.
	version := strings.TrimPrefix(up.Uses[strings.Index(up.Uses, "@")+1:], "v")
	if major, _, _ := strings.Cut(version, "."); major != "3" && up.With["include-hidden-files"] != "true" {
		t.Errorf("%s leaves out .well-known/ without include-hidden-files: true", up.Uses)
	}
	if wf.Jobs["deploy"].Needs != "build" || uses(wf.Jobs["deploy"].Steps, "actions/deploy-pages") == nil {
		t.Error("no deploy job with actions/deploy-pages after the build")
	}
}

// TestREADMEShowsDeployRecipes: the README shows each recipe as it is in
// docs/deploy, so that what an ops person copies is what the tests ran.
func TestREADMEShowsDeployRecipes(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range deployRecipes {
		raw, err := os.ReadFile(filepath.Join("..", "..", "docs", "deploy", name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(readme), "\n"+string(raw)+"```\n") {
			t.Errorf("README.md does not show docs/deploy/%s as it is", name)
		}
	}
}
