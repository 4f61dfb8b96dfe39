package generator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"rolesite/internal/testtree"
)

// coldTree builds cfg's content from scratch into a fresh folder.
func coldTree(t *testing.T, cfg Config) map[string][]byte {
	t.Helper()
	cold := cfg
	cold.OutDir = filepath.Join(t.TempDir(), "cold")
	mustBuild(t, cold)
	return testtree.Files(t, cold.OutDir)
}

func editFile(t *testing.T, path string, edit func(string) string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	next := edit(string(data))
	if next == string(data) {
		t.Fatalf("edit of %s changed nothing", path)
	}
	// A new mtime even on coarse clocks.
	if err := os.WriteFile(path, []byte(next), 0o644); err != nil {
		t.Fatal(err)
	}
	future := time.Now().Add(time.Second)
	os.Chtimes(path, future, future)
}

func TestIncrementalRebuilds(t *testing.T) {
	tests := []struct {
		name string
		edit func(t *testing.T, content string)
		// wantChanged are the files the rebuild must write or remove; no
		// other file may change.
		wantChanged []string
		maxRendered int
		// told are the paths in the content folder a watcher reports for
		// the edit; Dev passes them to Builder.Changed.
		told []string
	}{
		{
			name: "body edit",
			edit: func(t *testing.T, c string) {
				editFile(t, filepath.Join(c, "roles", "key-account-manager.md"), func(s string) string {
					return strings.Replace(s, "spricht mit", "arbeitet mit", 1)
				})
			},
			wantChanged: []string{"sales/key-account-manager/index.html"},
			maxRendered: 1,
			told:        []string{"roles/key-account-manager.md"},
		},
		{
			name: "title edit",
			edit: func(t *testing.T, c string) {
				editFile(t, filepath.Join(c, "roles", "key-account-manager.md"), func(s string) string {
					return strings.Replace(s, "title: Key Account Manager", "title: Key Account Managerin", 1)
				})
			},
			// Its page, the lists that show it, and every page that links it
			// or lists it as related or mentioning.
			// And the job-board feed: the open backend-entwickler's body links it.
			wantChanged: []string{"index.html", "jobs.xml", "sales/index.html", "sales/key-account-manager/index.html",
				"sales/account-manager/index.html", "tech/backend-entwickler/index.html"},
			told: []string{"roles/key-account-manager.md"},
		},
		{
			name: "role removed",
			edit: func(t *testing.T, c string) {
				os.Remove(filepath.Join(c, "roles", "key-account-manager.md"))
			},
			wantChanged: []string{"index.html", "jobs.xml", "sales/index.html", "sales/key-account-manager/index.html",
				"sales/account-manager/index.html", "tech/backend-entwickler/index.html", "sitemap.xml"},
			// Written, then removed before the build: the file is gone.
			told: []string{"roles/key-account-manager.md"},
		},
		{
			name: "role added in a new folder",
			edit: func(t *testing.T, c string) {
				os.MkdirAll(filepath.Join(c, "roles", "neu"), 0o755)
				os.WriteFile(filepath.Join(c, "roles", "neu", "sales-director.md"), []byte("---\ntitle: Sales Director\ncategory: sales\ndescription: Leitet den Vertrieb.\n---\nDer Sales Director führt jeden Account Manager.\n"), 0o644)
			},
			wantChanged: []string{"index.html", "sales/index.html", "sales/sales-director/index.html",
				"sales/account-manager/index.html", "sitemap.xml"},
			told: []string{"roles/neu", "roles/neu/sales-director.md"},
		},
		{
			name: "layout change",
			edit: func(t *testing.T, c string) {
				layouts := filepath.Join(filepath.Dir(c), "layouts")
				os.MkdirAll(layouts, 0o755)
				src, err := os.ReadFile("render/templates/404.html")
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(filepath.Join(layouts, "404.html"), []byte(strings.Replace(string(src), "<h1>", "<h1 class=\"x\">", 1)), 0o644)
			},
			wantChanged: nil, // every page: the layouts changed
			told:        []string{"../layouts/404.html"},
		},
		{
			name: "catalogue added",
			edit: func(t *testing.T, c string) {
				dir := filepath.Join(filepath.Dir(c), "layouts", "i18n")
				os.MkdirAll(dir, 0o755)
				os.WriteFile(filepath.Join(dir, "de.yaml"), []byte("badge_open: Jetzt offen\n"), 0o644)
			},
			wantChanged: nil, // every page: the layouts changed
			told:        []string{"../layouts/i18n", "../layouts/i18n/de.yaml"},
		},
		{
			name: "language change",
			edit: func(t *testing.T, c string) {
				editFile(t, filepath.Join(c, "site.yaml"), func(s string) string {
					return strings.Replace(s, "language: de", "language: en-GB", 1)
				})
			},
			wantChanged: nil, // every page: site.yaml changed
			told:        []string{"site.yaml"},
		},
	}
	for _, tt := range tests {
		for _, tell := range []bool{false, true} {
			if tell && tt.told == nil {
				continue
			}
			name := tt.name
			if tell {
				name += ", told by the watcher"
			}
			t.Run(name, func(t *testing.T) { incrementalCase(t, tt.edit, tt.wantChanged, tt.maxRendered, tt.told, tell) })
		}
	}
}

// TestCatalogueEditRebuilds: a message changed in a layouts/i18n file
// that the build read before (the folder's own stamp unchanged) renders
// the pages again, as a cold build does.
func TestCatalogueEditRebuilds(t *testing.T) {
	cfg := fixture(t)
	dir := filepath.Join(cfg.LayoutsDir, "i18n")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "de.yaml")
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("badge_open: Offen A\n")
	b := NewBuilder(cfg)
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	write("badge_open: Offen B\n")
	later := time.Now().Add(2 * time.Second)
	os.Chtimes(p, later, later)
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.Rendered == 0 {
		t.Error("a changed catalogue rendered no page")
	}
	files := testtree.Files(t, cfg.OutDir)
	if !strings.Contains(string(files["index.html"]), "Offen B") || strings.Contains(string(files["index.html"]), "Offen A") {
		t.Error("the home page does not show the changed message")
	}
	testtree.SameFiles(t, files, coldTree(t, cfg), "a cold build")
}

// incrementalCase builds the fixture, makes an edit and builds again with
// the same Builder, told which files changed when tell is set; the output
// must equal a cold build's.
func incrementalCase(t *testing.T, edit func(t *testing.T, content string), wantChanged []string, maxRendered int, told []string, tell bool) {
	cfg := fixture(t)
	b := NewBuilder(cfg)
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	edit(t, cfg.ContentDir)
	if tell {
		var paths []string
		for _, p := range told {
			paths = append(paths, filepath.Join(cfg.ContentDir, p))
		}
		b.Changed(paths)
	}
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	testtree.SameFiles(t, testtree.Files(t, cfg.OutDir), coldTree(t, cfg), "a cold build")
	if wantChanged != nil {
		sort.Strings(wantChanged)
		if got := strings.Join(res.Stats.Changed, " "); got != strings.Join(wantChanged, " ") {
			t.Errorf("changed files:\n got %s\nwant %s", got, strings.Join(wantChanged, " "))
		}
	}
	if maxRendered > 0 && res.Rendered > maxRendered {
		t.Errorf("rendered %d pages, want at most %d", res.Rendered, maxRendered)
	}
	// And a rebuild with nothing changed renders and writes nothing.
	again, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if again.Rendered != 0 || again.Stats.Written != 0 || again.Stats.Removed != 0 {
		t.Errorf("unchanged rebuild rendered %d, wrote %d, removed %d", again.Rendered, again.Stats.Written, again.Stats.Removed)
	}
}

func TestIncrementalRecoversAfterFailure(t *testing.T) {
	cfg := fixture(t)
	b := NewBuilder(cfg)
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	good := testtree.Files(t, cfg.OutDir)
	path := filepath.Join(cfg.ContentDir, "roles", "account-manager.md")
	orig, _ := os.ReadFile(path)
	editFile(t, path, func(s string) string { return strings.Replace(s, "title:", "titel:", 1) })
	if _, err := b.Build(context.Background()); err == nil {
		t.Fatal("a broken file built")
	}
	testtree.SameFiles(t, testtree.Files(t, cfg.OutDir), good, "a cold build")
	editFile(t, path, func(string) string { return string(orig) + "\nNoch ein Satz.\n" })
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	testtree.SameFiles(t, testtree.Files(t, cfg.OutDir), coldTree(t, cfg), "a cold build")
}

func TestKeepNoticesHandEditedOutput(t *testing.T) {
	cfg := fixture(t)
	b := NewBuilder(cfg)
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(cfg.OutDir, "sales", "index.html")
	os.Remove(page)
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(page); err != nil {
		t.Errorf("a page deleted by hand was not written again: %v", err)
	}
}

// TestChangedTrustsTheWatcher checks that a Builder told which files
// changed looks at no other role file, and looks at all of them again
// when a role file is a symbolic link or it is not told.
func TestChangedTrustsTheWatcher(t *testing.T) {
	cfg := fixture(t)
	b := NewBuilder(cfg)
	mustBuildWith(t, b)
	told := filepath.Join(cfg.ContentDir, "roles", "key-account-manager.md")
	untold := filepath.Join(cfg.ContentDir, "roles", "account-manager.md")
	editFile(t, told, func(s string) string { return s + "\nNachtrag eins.\n" })
	editFile(t, untold, func(s string) string { return s + "\nNachtrag zwei.\n" })
	b.Changed([]string{told})
	res := mustBuildWith(t, b)
	if got := strings.Join(res.Stats.Changed, " "); got != "sales/key-account-manager/index.html" {
		t.Errorf("told of one file, the build changed %q", got)
	}
	// Only a body changed: the site is not assembled again, and the
	// build reports what a full one does.
	full := NewBuilder(cfg)
	full.cfg.OutDir = filepath.Join(t.TempDir(), "full")
	want := mustBuildWith(t, full)
	if len(want.Diagnostics) == 0 {
		t.Fatal("the fixture has no warnings to compare")
	}
	if got, want := fmt.Sprint(res.Diagnostics), fmt.Sprint(want.Diagnostics); got != want {
		t.Errorf("diagnostics of a build told of a body edit:\n%s\nwant\n%s", got, want)
	}
	// Not told: every file is looked at, and the other edit shows.
	res = mustBuildWith(t, b)
	if got := strings.Join(res.Stats.Changed, " "); got != "sales/account-manager/index.html" {
		t.Errorf("not told, the build changed %q", got)
	}
	testtree.SameFiles(t, testtree.Files(t, cfg.OutDir), coldTree(t, cfg), "a cold build")

	// Told twice before a build: both files are read again.
	editFile(t, told, func(s string) string { return s + "\nNachtrag vier.\n" })
	editFile(t, untold, func(s string) string { return s + "\nNachtrag fünf.\n" })
	b.Changed([]string{told})
	b.Changed([]string{untold})
	res = mustBuildWith(t, b)
	if got := strings.Join(res.Stats.Changed, " "); got != "sales/account-manager/index.html sales/key-account-manager/index.html" {
		t.Errorf("told of two files in two calls, the build changed %q", got)
	}

	// A role file that is a symbolic link changes under its target's
	// name: the Builder then looks at every file whatever it is told.
	target := filepath.Join(cfg.ContentDir, "linked.md")
	if err := os.Rename(untold, target); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", "linked.md"), untold); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	mustBuildWith(t, b)
	editFile(t, target, func(s string) string { return s + "\nNachtrag drei.\n" })
	b.Changed([]string{told})
	res = mustBuildWith(t, b)
	if got := strings.Join(res.Stats.Changed, " "); got != "sales/account-manager/index.html" {
		t.Errorf("with a linked role file, the build changed %q", got)
	}
}

func mustBuildWith(t *testing.T, b *Builder) *Result {
	t.Helper()
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}
