package dev

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"rolesite/generator/diag"
	"rolesite/internal/testtree"
)

// wantStaticBuild checks that b is a good build that changed exactly the
// output files changed (written or removed), rendering no page: a static
// file's change touches nothing else.
func wantStaticBuild(t *testing.T, builds []devBuild, changed ...string) {
	t.Helper()
	var all []string
	for _, b := range builds {
		if b.err != nil {
			t.Fatalf("build failed: %v", b.err)
		}
		if b.res.Rendered != 0 {
			t.Errorf("a static change rendered %d pages", b.res.Rendered)
		}
		all = append(all, b.res.Stats.Changed...)
	}
	slices.Sort(all)
	if all = slices.Compact(all); !slices.Equal(all, changed) {
		t.Errorf("changed %q, want %q", all, changed)
	}
}

// TestDevStatic: a save, a new file (in a new dot folder) and a removal in
// the static folder each rebuild, change that file alone in the output,
// and tell the browser; the server serves the new bytes.
func TestDevStatic(t *testing.T) {
	cfg := fixture(t)
	testtree.Write(t, cfg.StaticDir, map[string]string{
		"downloads/stellenprofil.pdf": "%PDF-1.7 eins",
		"humans.txt":                  "Team: Nordwind\n",
	})
	d := startDev(t, cfg, true)
	if got := d.get(t, "/downloads/stellenprofil.pdf"); got != "%PDF-1.7 eins" {
		t.Fatalf("served %q", got)
	}

	pdf := filepath.Join(cfg.StaticDir, "downloads", "stellenprofil.pdf")
	devWriteFile(t, pdf, "%PDF-1.7 zwei")
	wantStaticBuild(t, d.waitSite(t, devWait), "downloads/stellenprofil.pdf")
	if got := d.get(t, "/downloads/stellenprofil.pdf"); got != "%PDF-1.7 zwei" {
		t.Errorf("served %q after the save", got)
	}

	devMust(t, os.MkdirAll(filepath.Join(cfg.StaticDir, ".well-known"), 0o755))
	devWriteFile(t, filepath.Join(cfg.StaticDir, ".well-known", "security.txt"), "Contact: mailto:security@example.org\n")
	wantStaticBuild(t, d.waitSite(t, devWait), ".well-known/security.txt")
	if got := d.get(t, "/.well-known/security.txt"); got != "Contact: mailto:security@example.org\n" {
		t.Errorf("served %q", got)
	}

	devMust(t, os.Remove(filepath.Join(cfg.StaticDir, "humans.txt")))
	wantStaticBuild(t, d.waitSite(t, devWait), "humans.txt")
	if _, err := os.Stat(filepath.Join(d.cfg.OutDir, "humans.txt")); !os.IsNotExist(err) {
		t.Errorf("the removed static file is still published: %v", err)
	}
	d.settle(t)
}

// TestDevStaticFolderMadeLater: a site without a static folder gets one
// while Run runs; its files are published, and later saves in it rebuild.
func TestDevStaticFolderMadeLater(t *testing.T) {
	cfg := fixture(t)
	d := startDev(t, cfg, false)
	testtree.Write(t, cfg.StaticDir, map[string]string{"robots-hinweis.txt": "eins"})
	builds := d.waitSite(t, devWait)
	wantStaticBuild(t, builds[len(builds)-1:], "robots-hinweis.txt")
	devWriteFile(t, filepath.Join(cfg.StaticDir, "robots-hinweis.txt"), "zwei")
	wantStaticBuild(t, d.waitSite(t, devWait), "robots-hinweis.txt")
	if got := testtree.Read(t, filepath.Join(cfg.OutDir, "robots-hinweis.txt")); got != "zwei" {
		t.Errorf("published %q", got)
	}
}

// TestDevStaticCollision: a static file that takes a generated file's path
// fails the build, naming both, and the previous site stays; removing it
// recovers.
func TestDevStaticCollision(t *testing.T) {
	cfg := fixture(t)
	d := startDev(t, cfg, false)
	robots := testtree.Read(t, filepath.Join(cfg.OutDir, "robots.txt"))
	p := filepath.Join(cfg.StaticDir, "robots.txt")
	testtree.Write(t, cfg.StaticDir, map[string]string{"robots.txt": "User-agent: *\nDisallow: /\n"})
	b := d.next(t, devWait)
	want := p + ": robots.txt ist auch eine Datei, die der Build schreibt (die robots-Datei, die die Sitemap nennt): bitte die Datei in static entfernen oder umbenennen"
	if b.err == nil || FailureText(b.err, diag.German) != want {
		t.Fatalf("build error %v, want %q", b.err, want)
	}
	if got := testtree.Read(t, filepath.Join(cfg.OutDir, "robots.txt")); got != robots {
		t.Errorf("robots.txt changed to %q", got)
	}
	devMust(t, os.Remove(p))
	d.waitSite(t, devWait)
}
