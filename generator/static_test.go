package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"rolesite/generator/diag"
	"rolesite/generator/static"
	"rolesite/internal/testtree"
)

// staticFiles are the static folder of the tests: a dot folder, a dot
// file, a binary file with a space and an umlaut in its name, files inside
// a category's and a role's page folders, and files that are never
// staticPublished (editor and OS noise, version control).
var staticFiles = map[string]string{
	".well-known/security.txt":          "Contact: mailto:security@test.example\nExpires: 2027-11-30T23:00:00.000Z\n",
	".htaccess":                         "ErrorDocument 404 /404.html\n",
	"downloads/Gehaltsbänder 2027.pdf":  "%PDF-1.7\x00\xff\xfe binary",
	"sales/flyer.pdf":                   "%PDF flyer",
	"tech/backend-entwickler/profil.md": "# not a role: published as it is\n",
	"downloads/.DS_Store":               "noise",
	".git/HEAD":                         "ref: refs/heads/main\n",
	"img/.logo.svg.swp":                 "swap",
}

// staticPublished are the paths of staticFiles that the build publishes.
var staticPublished = []string{".htaccess", ".well-known/security.txt", "downloads/Gehaltsbänder 2027.pdf", "sales/flyer.pdf", "tech/backend-entwickler/profil.md"}

// staticFixture is the fixture with a static folder beside its content,
// every file of it an hour old (so that its stamp vouches for it).
func staticFixture(t *testing.T) Config {
	t.Helper()
	cfg := fixture(t)
	cfg.StaticDir = filepath.Join(filepath.Dir(cfg.ContentDir), "static")
	testtree.Write(t, cfg.StaticDir, staticFiles)
	ageContent(t, cfg.StaticDir)
	ageContent(t, cfg.ContentDir)
	return cfg
}

// staticOut returns the output folder's files that are not pages or the
// generator's other files: what the static folder added.
func staticOut(t *testing.T, cfg Config) map[string]string {
	t.Helper()
	plain := cfg
	plain.StaticDir = ""
	generated := coldTree(t, plain)
	out := map[string]string{}
	for p, data := range testtree.Files(t, cfg.OutDir) {
		if _, ok := generated[p]; !ok {
			out[p] = string(data)
		}
	}
	return out
}

func TestStaticPublishedAsTheyAre(t *testing.T) {
	cfg := staticFixture(t)
	res := mustBuild(t, cfg)
	got := staticOut(t, cfg)
	want := map[string]string{}
	for _, p := range staticPublished {
		want[p] = staticFiles[p]
	}
	if !maps.Equal(got, want) {
		t.Errorf("published\n got %q\nwant %q", got, want)
	}
	plain := cfg
	plain.StaticDir, plain.OutDir = "", filepath.Join(t.TempDir(), "plain")
	without := mustBuild(t, plain)
	if res.Pages != without.Pages || res.Files != without.Files+len(staticPublished) || res.Stats.Written != res.Files {
		t.Errorf("pages %d, files %d, written %d; want %d pages, %d files, all written", res.Pages, res.Files, res.Stats.Written, without.Pages, without.Files+len(staticPublished))
	}
}

// editStatic changes a static file as an editor saves it, a while ago (so
// that its stamp vouches for it at once), with a modification time of its
// own.
func editStatic(t *testing.T, path string, edit func(string) string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(edit(string(data))), 0o644); err != nil {
		t.Fatal(err)
	}
	staticClock = staticClock.Add(time.Second)
	if err := os.Chtimes(path, staticClock, staticClock); err != nil {
		t.Fatal(err)
	}
}

// staticClock is the modification time editStatic gives the next file.
var staticClock = time.Now().Add(-time.Minute)

// countReads makes b count the static files it reads.
func countReads(b *Builder) *atomic.Int32 {
	var n atomic.Int32
	b.readStatic = func(f static.File, w *bytes.Buffer) error {
		n.Add(1)
		return f.Read(w)
	}
	return &n
}

// mtimes records the modification time of every file under dir.
func mtimes(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	for p := range testtree.Files(t, dir) {
		info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		out[p] = info.ModTime()
	}
	return out
}

// TestStaticIncremental: a Builder kept across edits (as -watch keeps one)
// reads no static file whose stamp did not change, rewrites only the files
// whose bytes changed, and prunes the removed ones; after each edit the
// output is a cold build's.
func TestStaticIncremental(t *testing.T) {
	cfg := staticFixture(t)
	b := NewBuilder(cfg)
	reads := countReads(b)
	mustBuildWith(t, b)
	if n := reads.Swap(0); n != int32(len(staticPublished)) {
		t.Errorf("first build read %d static files, want %d", n, len(staticPublished))
	}
	steps := []struct {
		name    string
		edit    func(t *testing.T)
		reads   int32
		changed []string // written or removed
	}{
		{"nothing changed", func(*testing.T) {}, 0, nil},
		{"a page's input changed", func(t *testing.T) {
			editFile(t, filepath.Join(cfg.ContentDir, "roles", "key-account-manager.md"), func(s string) string { return s + "\nNeu.\n" })
		}, 0, []string{"sales/key-account-manager/index.html"}},
		{"a static file edited", func(t *testing.T) {
			editStatic(t, filepath.Join(cfg.StaticDir, ".well-known", "security.txt"), func(s string) string { return s + "Preferred-Languages: de\n" })
		}, 1, []string{".well-known/security.txt"}},
		{"a static file saved with the same bytes", func(t *testing.T) {
			editStatic(t, filepath.Join(cfg.StaticDir, "sales", "flyer.pdf"), func(s string) string { return s })
		}, 1, nil},
		{"a static file added in a new folder", func(t *testing.T) {
			testtree.Write(t, cfg.StaticDir, map[string]string{"downloads/2027/neu.pdf": "neu"})
			ageContent(t, filepath.Join(cfg.StaticDir, "downloads", "2027"))
		}, 1, []string{"downloads/2027/neu.pdf"}},
		{"a static file removed", func(t *testing.T) {
			if err := os.Remove(filepath.Join(cfg.StaticDir, "downloads", "Gehaltsbänder 2027.pdf")); err != nil {
				t.Fatal(err)
			}
		}, 0, []string{"downloads/Gehaltsbänder 2027.pdf"}},
		{"the static folder removed", func(t *testing.T) {
			if err := os.RemoveAll(cfg.StaticDir); err != nil {
				t.Fatal(err)
			}
		}, 0, []string{".htaccess", ".well-known/security.txt", "downloads/2027/neu.pdf", "sales/flyer.pdf", "tech/backend-entwickler/profil.md"}},
	}
	for _, st := range steps {
		before := mtimes(t, cfg.OutDir)
		st.edit(t)
		res := mustBuildWith(t, b)
		if n := reads.Swap(0); n != st.reads {
			t.Errorf("%s: read %d static files, want %d", st.name, n, st.reads)
		}
		if !slices.Equal(res.Stats.Changed, st.changed) && !(len(st.changed) == 0 && len(res.Stats.Changed) == 0) {
			t.Errorf("%s: changed %q, want %q", st.name, res.Stats.Changed, st.changed)
		}
		after := mtimes(t, cfg.OutDir)
		for p, m := range after {
			if !slices.Contains(st.changed, p) && before[p] != m && before[p] != (time.Time{}) {
				t.Errorf("%s: %s was rewritten", st.name, p)
			}
		}
		testtree.SameFiles(t, testtree.Files(t, cfg.OutDir), coldTree(t, cfg), st.name+": a cold build")
	}
	if _, err := os.Stat(filepath.Join(cfg.OutDir, "downloads")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the folders of the removed static files stay: %v", err)
	}
}

// TestStaticJustSaved: a static file saved moments before a build is read
// again by the next one, as its stamp cannot vouch for it yet (the same
// rule as the recorded state's, racyWindow); once it is old it is kept.
func TestStaticJustSaved(t *testing.T) {
	cfg := staticFixture(t)
	b := NewBuilder(cfg)
	reads := countReads(b)
	mustBuildWith(t, b)
	reads.Store(0)
	p := filepath.Join(cfg.StaticDir, "sales", "flyer.pdf")
	if err := os.WriteFile(p, []byte("neu"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustBuildWith(t, b)
	mustBuildWith(t, b)
	if n := reads.Swap(0); n != 2 {
		t.Errorf("two builds after a save read %d static files, want the saved one twice", n)
	}
	old := time.Now().Add(-time.Minute)
	os.Chtimes(p, old, old)
	mustBuildWith(t, b)
	mustBuildWith(t, b)
	if n := reads.Swap(0); n != 1 {
		t.Errorf("two builds once the file is old read %d static files, want 1", n)
	}
}

// TestStaticOneShotBuilds: what cmd/build does (a new process each time):
// an edit, an addition and a removal in the static folder each reach the
// output, and the unchanged shortcut of a new process sees them; a file
// of the output folder the generator did not write stays.
func TestStaticOneShotBuilds(t *testing.T) {
	ctx := context.Background()
	cfg := staticFixture(t)
	mustBuild(t, cfg)
	testtree.Write(t, cfg.OutDir, map[string]string{"notes.txt": "an ops person's file"})
	if _, ok := unchanged(ctx, cfg); !ok {
		t.Fatal("the shortcut is not taken after a build of unchanged content")
	}
	edits := []struct {
		name string
		edit func(t *testing.T)
	}{
		{"edited", func(t *testing.T) {
			p := filepath.Join(cfg.StaticDir, "sales", "flyer.pdf")
			os.WriteFile(p, []byte("%PDF neu"), 0o644)
			old := time.Now().Add(-time.Minute)
			os.Chtimes(p, old, old)
		}},
		{"copied over, keeping size and time", func(t *testing.T) {
			p := filepath.Join(cfg.StaticDir, "sales", "flyer.pdf")
			info, _ := os.Stat(p)
			os.WriteFile(p, []byte("%PDF NEU"), 0o644)
			os.Chtimes(p, info.ModTime(), info.ModTime())
		}},
		{"added", func(t *testing.T) {
			testtree.Write(t, cfg.StaticDir, map[string]string{"humans.txt": "Team\n"})
			ageContent(t, cfg.StaticDir)
		}},
		{"removed", func(t *testing.T) { os.Remove(filepath.Join(cfg.StaticDir, ".htaccess")) }},
	}
	for _, e := range edits {
		e.edit(t)
		if _, ok := unchanged(ctx, cfg); ok {
			t.Fatalf("%s: the shortcut is taken after a static file changed", e.name)
		}
		mustBuild(t, cfg)
		got := testtree.Files(t, cfg.OutDir)
		if string(got["notes.txt"]) != "an ops person's file" {
			t.Errorf("%s: notes.txt, which the generator did not write, changed or went", e.name)
		}
		delete(got, "notes.txt")
		testtree.SameFiles(t, got, coldTree(t, cfg), e.name+": a cold build")
		if _, ok := unchanged(ctx, cfg); !ok {
			t.Errorf("%s: the shortcut is not taken after the build", e.name)
		}
	}
}

// TestStaticChangeReport: the change report lists static files among the
// output files added, updated and removed; the URL lists, which feed the
// indexing APIs, stay those of the pages.
func TestStaticChangeReport(t *testing.T) {
	cfg := staticFixture(t)
	cfg.ChangesFile = filepath.Join(t.TempDir(), "changes.json")
	read := func() ChangeReport {
		t.Helper()
		var rep ChangeReport
		data, err := os.ReadFile(cfg.ChangesFile)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &rep); err != nil {
			t.Fatal(err)
		}
		return rep
	}
	mustBuild(t, cfg)
	rep := read()
	for _, p := range staticPublished {
		if !slices.Contains(rep.Files.Added, p) {
			t.Errorf("files.added lacks %s: %q", p, rep.Files.Added)
		}
	}
	for _, u := range rep.Added {
		if strings.Contains(u.URL, ".well-known") || strings.HasSuffix(u.URL, ".pdf") {
			t.Errorf("the URL list names a static file: %s", u.URL)
		}
	}

	editFile(t, filepath.Join(cfg.StaticDir, ".well-known", "security.txt"), func(s string) string { return s + "Preferred-Languages: de\n" })
	if err := os.Remove(filepath.Join(cfg.StaticDir, "sales", "flyer.pdf")); err != nil {
		t.Fatal(err)
	}
	testtree.Write(t, cfg.StaticDir, map[string]string{"humans.txt": "Team\n"})
	mustBuild(t, cfg)
	rep = read()
	want := FileChanges{Added: []string{"humans.txt"}, Updated: []string{".well-known/security.txt"}, Removed: []string{"sales/flyer.pdf"}}
	if !slices.Equal(rep.Files.Added, want.Added) || !slices.Equal(rep.Files.Updated, want.Updated) || !slices.Equal(rep.Files.Removed, want.Removed) {
		t.Errorf("files %+v, want %+v", rep.Files, want)
	}
	if len(rep.Added)+len(rep.Updated)+len(rep.Removed) != 0 {
		t.Errorf("a change of static files alone lists URLs: %+v %+v %+v", rep.Added, rep.Updated, rep.Removed)
	}
}

// staticProblems builds cfg, which must fail, and returns its diagnostics
// in English with the static folder cut from their paths.
func staticProblems(t *testing.T, cfg Config) []string {
	t.Helper()
	res, err := Build(context.Background(), cfg)
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("build error %v, want the problems of the static folder", err)
	}
	var out []string
	for _, d := range res.Diagnostics.Errors() {
		out = append(out, strings.TrimPrefix(d.String(), cfg.StaticDir+string(filepath.Separator)))
	}
	return out
}

// TestStaticCollisions: static files that take a generated file's path, a
// generated file's folder, or a name the output cannot hold are errors at
// the static file naming what generates the path, all reported at once,
// with -check as without; nothing is written.
func TestStaticCollisions(t *testing.T) {
	for _, check := range []bool{false, true} {
		cfg := staticFixture(t)
		cfg.Check = check
		testtree.Write(t, cfg.StaticDir, map[string]string{
			"robots.txt":                         "User-agent: *\nDisallow: /\n",
			"tech/backend-entwickler/index.html": "<p>mine</p>",
			"jobs/backend-developer/index.html":  "<p>old</p>",
			"sitemap.xml/x":                      "a folder where the sitemap goes",
			"Index.html":                         "case",
			".rolesite-manifest.json":            "{}",
		})
		if err := os.Symlink("/etc/passwd", filepath.Join(cfg.StaticDir, "passwd")); err != nil {
			t.Fatal(err)
		}
		os.RemoveAll(filepath.Join(cfg.StaticDir, "sales")) // the fixture's sales/flyer.pdf
		testtree.Write(t, cfg.StaticDir, map[string]string{"sales": "a file where the category's folder goes"})
		got := staticProblems(t, cfg)
		want := []string{
			`.rolesite-manifest.json: the name ".rolesite-manifest.json" is reserved for the generator's own files (.rolesite*): rename it`,
			"Index.html: differs from index.html (which the build writes: the home page) only in case or in how a letter is encoded; a file system that ignores case (macOS, Windows) holds only one of them: rename one",
			"jobs/backend-developer/index.html: jobs/backend-developer/index.html is also a file the build writes (an alias of " + filepath.Join(cfg.ContentDir, "roles", "backend-entwickler.md") + "): remove or rename the static file",
			"passwd: symbolic link (to /etc/passwd): files in the static folder are copied as they are, and links are not followed; put the file itself here",
			"robots.txt: robots.txt is also a file the build writes (the robots file, which names the sitemap): remove or rename the static file",
			`sales: the build writes sales/index.html (the page of category "sales"), which needs a folder here: rename the static file`,
			"sitemap.xml: sitemap.xml is a file the build writes (the sitemap), so it cannot be a folder of static files: rename the folder",
			"tech/backend-entwickler/index.html: tech/backend-entwickler/index.html is also a file the build writes (the page of " + filepath.Join(cfg.ContentDir, "roles", "backend-entwickler.md") + "): remove or rename the static file",
		}
		if !slices.Equal(got, want) {
			t.Errorf("check %v: problems\n got %q\nwant %q", check, got, want)
		}
		if _, err := os.Stat(cfg.OutDir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("check %v: the failed build made the output folder: %v", check, err)
		}
	}
}

// TestStaticWithContentProblems: the static folder's problems are reported
// with the content's, in one build.
func TestStaticWithContentProblems(t *testing.T) {
	cfg := staticFixture(t)
	testtree.Write(t, cfg.StaticDir, map[string]string{".rolesite": "x"})
	editFile(t, filepath.Join(cfg.ContentDir, "roles", "key-account-manager.md"), func(s string) string {
		return strings.Replace(s, "category: sales", "category: gibt-es-nicht", 1)
	})
	res, err := Build(context.Background(), cfg)
	if err == nil {
		t.Fatal("the build succeeded")
	}
	var paths []string
	for _, d := range res.Diagnostics.Errors() {
		paths = append(paths, d.Pos.Path)
	}
	if !slices.Contains(paths, filepath.Join(cfg.StaticDir, ".rolesite")) || !slices.Contains(paths, filepath.Join(cfg.ContentDir, "roles", "key-account-manager.md")) {
		t.Errorf("problems at %q, want the static file's and the role's", paths)
	}
}

// TestStaticCheckWritesNothing: -check of a good site with a static
// folder counts its files and writes nothing.
func TestStaticCheckWritesNothing(t *testing.T) {
	cfg := staticFixture(t)
	cfg.Check = true
	res := mustBuild(t, cfg)
	plain := cfg
	plain.StaticDir = ""
	if want := mustBuild(t, plain).Files + len(staticPublished); res.Files != want {
		t.Errorf("-check counts %d files, want %d", res.Files, want)
	}
	if _, err := os.Stat(cfg.OutDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("-check made the output folder: %v", err)
	}
}

// TestStaticFolderRefused: a static folder that is, holds or lies in the
// content or layouts folder would publish site.yaml, the role files or the
// templates: refused, in -check too; and the output folder and the change
// report may not lie in the static folder (the site would publish itself,
// the report would be published).
func TestStaticFolderRefused(t *testing.T) {
	base := staticFixture(t)
	root := filepath.Dir(base.ContentDir)
	os.MkdirAll(base.LayoutsDir, 0o755)
	tests := []struct {
		name string
		cfg  func(cfg *Config)
		want string
	}{
		{"the content folder", func(c *Config) { c.StaticDir = c.ContentDir },
			`refusing to publish the static folder %q: it is the content folder %q, and every file in it would be published; give the static folder a place of its own, beside the content folder`},
		{"inside the content folder", func(c *Config) { c.StaticDir = filepath.Join(c.ContentDir, "roles") },
			`refusing to publish the static folder %q: it is inside the content folder %q, and every file in it would be published; give the static folder a place of its own, beside the content folder`},
		{"holding the content folder", func(c *Config) { c.StaticDir = root; c.OutDir = filepath.Join(t.TempDir(), "out") },
			`refusing to publish the static folder %q: it contains the content folder %q, and every file in it would be published; give the static folder a place of its own, beside the content folder`},
		{"the layouts folder", func(c *Config) { c.StaticDir = c.LayoutsDir },
			`refusing to publish the static folder %q: it is the layouts folder %q, and every file in it would be published; give the static folder a place of its own, beside the content folder`},
	}
	for _, tt := range tests {
		for _, check := range []bool{false, true} {
			cfg := base
			cfg.Check = check
			tt.cfg(&cfg)
			other := cfg.ContentDir
			if strings.Contains(tt.name, "layouts") {
				other = cfg.LayoutsDir
			}
			_, err := Build(context.Background(), cfg)
			if want := fmt.Sprintf(tt.want, cfg.StaticDir, other); err == nil || err.Error() != want {
				t.Errorf("%s (check %v): %v\nwant %s", tt.name, check, err, want)
			}
		}
	}

	cfg := base
	cfg.OutDir = filepath.Join(cfg.StaticDir, "public")
	if _, err := Build(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "it is inside the static folder") {
		t.Errorf("output folder in the static folder: %v", err)
	}
	cfg = base
	cfg.ChangesFile = filepath.Join(cfg.StaticDir, "changes.json")
	if err := CheckChangesFile(cfg); err == nil || !strings.Contains(err.Error(), "it is inside the static folder") {
		t.Errorf("change report in the static folder: %v", err)
	}
	// A static folder that does not exist publishes nothing: no problem.
	cfg = base
	cfg.StaticDir = filepath.Join(cfg.ContentDir, "static")
	mustBuild(t, cfg)
}

// TestStaticReadRaces: a static file that changes while the build reads it
// fails the build at the file (build again), and the output folder keeps
// the previous site.
func TestStaticReadRaces(t *testing.T) {
	cfg := staticFixture(t)
	mustBuild(t, cfg)
	before := testtree.Files(t, cfg.OutDir)
	p := filepath.Join(cfg.StaticDir, ".well-known", "security.txt")
	editFile(t, p, func(s string) string { return s + "Preferred-Languages: de\n" })
	b := newOneShot(cfg)
	b.readStatic = func(f static.File, w *bytes.Buffer) error {
		if f.Src == p {
			os.WriteFile(p, []byte("meanwhile"), 0o644)
		}
		return f.Read(w)
	}
	_, err := b.Build(context.Background())
	if want := p + ": changed while the build read it: build again"; err == nil || err.Error() != want {
		t.Errorf("build error %v, want %q", err, want)
	}
	testtree.SameFiles(t, testtree.Files(t, cfg.OutDir), before, "the previous site")
}
