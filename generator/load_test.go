package generator

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"rolesite/generator/content"
	"rolesite/generator/diag"
	"rolesite/generator/link"
	"rolesite/internal/synth"
	"rolesite/internal/testtree"
)

// The content tests that need a whole content folder: what the loader of
// every build reports and publishes.

// loadSite loads cfg's content folder with the loader a Builder builds
// with, as its first build does, and returns the site and every problem.
func loadSite(t testing.TB, cfg Config) (*content.Site, diag.List) {
	t.Helper()
	b := NewBuilder(cfg)
	site, _, _, errs := b.loader.Load(context.Background(), content.LoadConfig{Dir: cfg.ContentDir, Limits: cfg.Limits, Drafts: cfg.Drafts, NameKey: link.NameKey})
	if errs.HasErrors() != (site == nil) {
		t.Errorf("site is nil: %v, but has errors: %v", site == nil, errs.HasErrors())
	}
	return site, errs
}

// checkMessages runs a -check build of cfg's content folder and returns its
// messages, in the order the build sorted them, with the content folder cut off the paths and, when
// other is set, other replaced by OUT.
func checkMessages(t *testing.T, cfg Config, other string) []string {
	t.Helper()
	cfg.Check = true
	cfg.OutDir = filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), cfg)
	if res.Diagnostics.HasErrors() != (err != nil) {
		t.Errorf("error %v, but the messages have errors: %v", err, res.Diagnostics.HasErrors())
	}
	if _, serr := os.Stat(cfg.OutDir); !errors.Is(serr, os.ErrNotExist) {
		t.Errorf("a -check build made the output folder: %v", serr)
	}
	got := make([]string, len(res.Diagnostics))
	for i, d := range res.Diagnostics {
		m := strings.ReplaceAll(d.String(), cfg.ContentDir+string(filepath.Separator), "")
		if other != "" {
			m = strings.ReplaceAll(m, other, "OUT")
		}
		got[i] = filepath.ToSlash(m)
	}
	return got
}

func diffMessages(t *testing.T, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("got %d messages:\n\t%s\nwant %d:\n\t%s", len(got), strings.Join(got, "\n\t"), len(want), strings.Join(want, "\n\t"))
	}
}

// siteYAML defines the categories tech and sales.
const siteYAML = "title: Karriere\nbase_url: https://karriere.example/\nlanguage: de\ncategories:\n" +
	"  - key: tech\n    title: Tech\n  - key: sales\n    title: Sales\n"

// role returns a valid role file in category cat with extra front-matter
// lines, which start on line 5.
func role(title, cat, extra string) string {
	return "---\ntitle: " + title + "\ncategory: " + cat + "\ndescription: Die Rolle " + title + "\n" + extra + "---\nBody.\n"
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links unavailable: %v", err)
	}
}

// TestSampleSiteLoads loads the real content folder that ships with
// Rolesite.
func TestSampleSiteLoads(t *testing.T) {
	site, errs := loadSite(t, Config{ContentDir: "../content"})
	if len(errs) > 0 {
		t.Fatalf("the sample site has problems:\n%s", errs)
	}
	if got := len(site.Roles); got != 29 {
		t.Errorf("%d roles, want 29", got)
	}
	for _, c := range site.Categories {
		if len(c.Roles) == 0 {
			t.Errorf("category %q has no roles", c.Key)
		}
	}
	// A name links to one role only: titles and synonyms must be unique
	// across roles after case folding.
	owner := map[string]string{}
	for _, r := range site.Roles {
		for _, n := range r.Names() {
			key := strings.ToLower(strings.ToUpper(n)) // folds ſ, K (Kelvin) and friends too
			if prev, ok := owner[key]; ok && prev != r.Slug {
				t.Errorf("name %q is used by %s and %s", n, prev, r.Slug)
			}
			owner[key] = r.Slug
		}
		if r.Description == "" || len([]rune(r.Description)) > 160 {
			t.Errorf("%s: description of %d characters", r.Slug, len([]rune(r.Description)))
		}
	}
}

// TestLoadErrors covers the content folders a txtar archive cannot hold:
// symbolic links, unreadable files, a file too big to keep in the
// repository, file times. The others are testdata/sites/load-*.txtar (see
// TestSites).
func TestLoadErrors(t *testing.T) {
	outside := t.TempDir()
	testtree.Write(t, outside, map[string]string{"elsewhere.md": role("Elsewhere", "tech", "")})
	tests := []struct {
		name  string
		files map[string]string
		setup func(t *testing.T, dir string)
		want  []string
	}{
		{"symlink pointing outside", map[string]string{"site.yaml": siteYAML}, func(t *testing.T, dir string) {
			os.MkdirAll(filepath.Join(dir, "roles"), 0o755)
			symlink(t, filepath.Join(outside, "elsewhere.md"), filepath.Join(dir, "roles", "elsewhere.md"))
		}, []string{"roles/elsewhere.md: symbolic link points outside the content folder (to OUT/elsewhere.md); not followed"}},
		{"relative symlink climbing out", map[string]string{"site.yaml": siteYAML}, func(t *testing.T, dir string) {
			os.MkdirAll(filepath.Join(dir, "roles"), 0o755)
			rel, err := filepath.Rel(filepath.Join(dir, "roles"), filepath.Join(outside, "elsewhere.md"))
			if err != nil {
				t.Fatal(err)
			}
			symlink(t, rel, filepath.Join(dir, "roles", "up.md"))
		}, []string{"roles/up.md: symbolic link points outside the content folder (to OUT/elsewhere.md); not followed"}},
		{"broken symlink", map[string]string{"site.yaml": siteYAML}, func(t *testing.T, dir string) {
			os.MkdirAll(filepath.Join(dir, "roles"), 0o755)
			symlink(t, "missing.md", filepath.Join(dir, "roles", "gone.md"))
		}, []string{"roles/gone.md: broken symbolic link: no such file or directory"}},
		{"symlink loop", map[string]string{"site.yaml": siteYAML}, func(t *testing.T, dir string) {
			os.MkdirAll(filepath.Join(dir, "roles"), 0o755)
			symlink(t, "loop.md", filepath.Join(dir, "roles", "loop.md"))
		}, []string{"roles/loop.md: broken symbolic link: EvalSymlinks: too many links"}},
		{"symlink to a folder named x.md", map[string]string{"site.yaml": siteYAML, "folder/a.txt": ""}, func(t *testing.T, dir string) {
			os.MkdirAll(filepath.Join(dir, "roles"), 0o755)
			symlink(t, filepath.Join(dir, "folder"), filepath.Join(dir, "roles", "x.md"))
		}, []string{"roles/x.md: symbolic link to a folder ending in .md; a role must be a file"}},
		{"unreadable role", map[string]string{"site.yaml": siteYAML, "roles/secret.md": role("S", "tech", "")}, func(t *testing.T, dir string) {
			p := filepath.Join(dir, "roles", "secret.md")
			if os.Geteuid() == 0 {
				// root reads a file whatever its mode: replace it by a symlink
				// to itself, which no one can read.
				os.Remove(p)
				symlink(t, "secret.md", p)
				return
			}
			if err := os.Chmod(p, 0); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(p, 0o644) })
		}, nil}, // want depends on the user, set below
		{"file over the size limit", map[string]string{"site.yaml": siteYAML, "roles/big.md": role("Big", "tech", "") + strings.Repeat("x", 3<<20)}, nil,
			[]string{"roles/big.md:1:1: file is 3145795 bytes, the limit is 2097152"}},
		{"aliases", map[string]string{"site.yaml": siteYAML,
			"roles/a.md": role("A", "tech", "aliases:\n"+
				"  - jobs/a/\n"+ // line 6
				"  - /jobs/../a/\n"+
				"  - \"https://example.de/a/\"\n"+
				"  - //example.de/a/\n"+
				"  - \"/jobs/a/?ref=x\"\n"+ // line 10
				"  - \"/jobs/a/#top\"\n"+
				"  - /tech/b/\n"+
				"  - /sales\n"+
				"  - /jobs/shared/\n"+
				"  - /jobs/a b/\n"+ // line 15
				"  - /assets/a/\n"+
				"  - /sitemap.xml/\n"+
				"  - /\n"+
				"  - /jobs//a/\n"+
				"  - /jobs/ä/\n"+ // line 20
				"  - /jobs/own/\n"+
				"  - /jobs/own\n"),
			"roles/b.md": role("B", "tech", "aliases: [/jobs/shared/, /b-old/]\n"),
		}, func(t *testing.T, dir string) {
			// Of two roles claiming an alias, the newer file is blamed.
			old := time.Now().Add(-time.Hour)
			if err := os.Chtimes(filepath.Join(dir, "roles", "a.md"), old, old); err != nil {
				t.Fatal(err)
			}
		}, []string{
			"roles/a.md:6:5: aliases: \"jobs/a/\" must start with /",
			"roles/a.md:7:5: aliases: \"/jobs/../a/\" leaves the site: . and .. are not allowed in an alias",
			"roles/a.md:8:5: aliases: \"https://example.de/a/\" leaves the site: an alias is a path on this site, such as /jobs/old-name/",
			"roles/a.md:9:5: aliases: \"//example.de/a/\" leaves the site: an alias is a path on this site, such as /jobs/old-name/",
			"roles/a.md:10:5: aliases: \"/jobs/a/?ref=x\" must not carry a query or fragment",
			"roles/a.md:11:5: aliases: \"/jobs/a/#top\" must not carry a query or fragment",
			"roles/a.md:12:5: aliases: \"/tech/b/\" is already the page of roles/b.md",
			"roles/a.md:13:5: aliases: \"/sales\" is already the page of category \"sales\"",
			"roles/a.md:15:5: aliases: \"/jobs/a b/\" must not contain backslashes, spaces or control characters",
			"roles/a.md:16:5: aliases: \"/assets/a/\" collides with a file the generator writes",
			"roles/a.md:17:5: aliases: \"/sitemap.xml/\" collides with a file the generator writes",
			"roles/a.md:18:5: aliases: \"/\" must name a path such as /jobs/old-name/",
			"roles/a.md:19:5: aliases: \"/jobs//a/\" must not contain an empty path segment (//)",
			"roles/a.md:20:5: aliases: \"/jobs/ä/\" may contain only letters, digits, and - . _ ~ in each segment",
			"roles/a.md:22:5: aliases: \"/jobs/own\" is already an alias of roles/a.md",
			"roles/b.md:5:11: aliases: \"/jobs/shared/\" is already an alias of roles/a.md",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testtree.Write(t, t.TempDir(), tt.files)
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			want := tt.want
			if tt.name == "unreadable role" {
				want = []string{"roles/secret.md: cannot read role file: permission denied"}
				if os.Geteuid() == 0 {
					want = []string{"roles/secret.md: broken symbolic link: EvalSymlinks: too many links"}
				}
			}
			got := checkMessages(t, Config{ContentDir: dir}, outside)
			diffMessages(t, got, want)
		})
	}
}

func TestLoadPublishes(t *testing.T) {
	files := map[string]string{
		"site.yaml":                siteYAML + "defaults: {employment_type: PART_TIME, location: {locality: Hamburg, country: DE}}\n",
		"roles/z-first.md":         role("Zeta", "tech", "weight: -1\n"),
		"roles/b.md":               role("Beta", "tech", "related: [deep]\naliases: [/old/b]\n"),
		"roles/a.md":               role("Alpha", "tech", ""),
		"roles/sub/deeper/deep.md": role("Deep", "sales", "employment_type: CONTRACTOR\n"),
		"roles/draft.md":           role("Draft", "sales", "draft: true\n"),
		"shared/linked.md":         role("Linked", "sales", ""),
	}
	dir := testtree.Write(t, t.TempDir(), files)
	symlink(t, filepath.Join(dir, "shared", "linked.md"), filepath.Join(dir, "roles", "linked.md"))

	slugs := func(rs []*content.Role) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Slug)
		}
		return out
	}
	site, errs := loadSite(t, Config{ContentDir: dir})
	if len(errs) > 0 {
		t.Fatalf("unexpected messages:\n%s", errs)
	}
	if s := slugs(site.Roles); !slices.Equal(s, []string{"z-first", "a", "b", "deep", "linked"}) {
		t.Errorf("roles = %v", s)
	}
	if s := slugs(site.Categories[1].Roles); !slices.Equal(s, []string{"deep", "linked"}) {
		t.Errorf("sales roles = %v", s)
	}
	for _, r := range site.Roles {
		switch r.Slug {
		case "deep":
			if !slices.Equal(r.EmploymentType, []string{"CONTRACTOR"}) {
				t.Errorf("deep employment type = %v", r.EmploymentType)
			}
		case "a":
			if !slices.Equal(r.EmploymentType, []string{"PART_TIME"}) || r.Location.Locality != "Hamburg" || !r.HiringOrganization.Confidential {
				t.Errorf("defaults not applied to a: %+v", r)
			}
		case "b":
			if !slices.Equal(r.Aliases, []string{"/old/b/"}) {
				t.Errorf("b aliases = %v", r.Aliases)
			}
		}
	}

	site, errs = loadSite(t, Config{ContentDir: dir, Drafts: true})
	if len(errs) > 0 {
		t.Fatalf("unexpected messages with drafts:\n%s", errs)
	}
	if s := slugs(site.Categories[1].Roles); !slices.Equal(s, []string{"deep", "draft", "linked"}) {
		t.Errorf("sales roles with drafts = %v", s)
	}
}

// TestSynthSiteLoads checks that a synthetic site loads with no errors and
// has the shape package synth promises.
func TestSynthSiteLoads(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, 200, 1); err != nil {
		t.Fatal(err)
	}
	site, errs := loadSite(t, Config{ContentDir: dir})
	if errs.HasErrors() {
		t.Fatalf("synthetic site has errors:\n%s", errs)
	}
	if len(site.Roles) != 200 {
		t.Errorf("%d published roles, want 200", len(site.Roles))
	}
	if len(site.Categories) < 5 || len(site.Categories) > 8 {
		t.Errorf("%d categories, want 5 to 8", len(site.Categories))
	}
	var remote, described, closed, aliased int
	for _, r := range site.Roles {
		words := len(strings.Fields(string(r.Body)))
		if words < 600 || words > 900 {
			t.Errorf("%s: %d words in the body", r.Slug, words)
		}
		if r.Remote {
			remote++
		}
		if r.DatePosted.IsZero() {
			described++
		}
		if r.Closed(synth.Now) {
			closed++
		}
		if len(r.Aliases) > 0 {
			aliased++
		}
	}
	if remote == 0 || described == 0 || closed == 0 || aliased == 0 {
		t.Errorf("remote %d, described %d, closed %d, with aliases %d: want some of each", remote, described, closed, aliased)
	}
}

// TestLoadCancelled stops a build before it reads the content: it reports
// the interruption and no content problem, and writes nothing.
func TestLoadCancelled(t *testing.T) {
	dir := testtree.Write(t, t.TempDir(), map[string]string{"site.yaml": siteYAML, "roles/a.md": role("A", "tech", "")})
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Build(ctx, Config{ContentDir: dir, OutDir: out})
	var intr *InterruptedError
	if !errors.As(err, &intr) || !errors.Is(err, context.Canceled) || len(res.Diagnostics) != 0 {
		t.Errorf("error %v, messages %v; want an InterruptedError and no message", err, res.Diagnostics)
	}
	if entries, _ := os.ReadDir(out); len(entries) > 0 {
		t.Errorf("a cancelled build wrote %d files", len(entries))
	}
}
