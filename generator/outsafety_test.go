package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"rolesite/generator/diag"
	"rolesite/generator/output"
	"rolesite/internal/testtree"
)

// Output safety (ISSUE 5, item 3): nothing is ever written or removed
// outside the output folder, whatever slugs, aliases and layout names say;
// an output folder that would hold the sources is refused before anything
// is touched; only files an earlier build wrote are pruned.

// sandbox is a fixture laid out inside a folder of its own, with sentinel
// files around the output folder:
//
//	root/outside.txt, root/victim/..., root/site/{content,layouts,public}, root/site/sentinel.txt
type sandbox struct {
	root string
	cfg  Config
}

func newSandbox(t *testing.T) *sandbox {
	t.Helper()
	root := t.TempDir()
	site := filepath.Join(root, "site")
	testtree.Copy(t, "testdata/fixture/content", filepath.Join(site, "content"))
	for name, data := range map[string]string{
		"outside.txt":                           "outside",
		"victim/index.html":                     "victim page",
		"victim/key-account-manager/index.html": "victim role",
		"victim/.rolesite-manifest.json":        `{"version":1,"complete":true,"files":[]}`,
		"site/sentinel.txt":                     "sentinel",
		"site/layouts/.keep":                    "",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return &sandbox{root: root, cfg: Config{
		ContentDir: filepath.Join(site, "content"),
		LayoutsDir: filepath.Join(site, "layouts"),
		OutDir:     filepath.Join(site, "public"),
		Now:        fixtureNow,
	}}
}

// outside records every file and folder of the sandbox outside the output
// folder: kind and mode, and the bytes and mtime of files.
func (s *sandbox) outside(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(s.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == s.cfg.OutDir {
			return fs.SkipDir
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		// A folder's mtime changes with its entries, which are listed
		// themselves (the output folder appears in the sandbox root).
		v := info.Mode().String()
		if !info.IsDir() {
			v += " " + info.ModTime().String()
		}
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			v += " " + string(data)
		} else if info.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(p)
			v += " -> " + target
		}
		rel, _ := filepath.Rel(s.root, p)
		out[rel] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameSnapshot(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	var diffs []string
	for p, v := range before {
		if w, ok := after[p]; !ok {
			diffs = append(diffs, "removed "+p)
		} else if w != v {
			diffs = append(diffs, "changed "+p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			diffs = append(diffs, "created "+p)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Errorf("%s: %s", what, strings.Join(diffs, ", "))
	}
}

// addRole writes a role file into the sandbox's content.
func (s *sandbox) addRole(t *testing.T, name, src string) string {
	t.Helper()
	p := filepath.Join(s.cfg.ContentDir, "roles", name)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// hostileAliases are aliases a role may try. ok ones build and put their
// page below the output folder; the others are errors at the alias.
var hostileAliases = []struct {
	alias string
	ok    bool
	msg   string // part of the error message
}{
	{"/jobs/alt/", true, ""},
	{"/jobs/alt", true, ""},
	{"/a/.../", false, "reserved"},
	{"/a/~b/", true, ""},
	{"/A-b_c.d~/", true, ""},
	{"/jobs..x/", true, ""},
	{"/a/b/c/d/e/f/g/h/i/j/", true, ""},
	{"/tech/neu/", true, ""},
	{"/tech/backend-entwickler/alt/", true, ""},
	{"/" + strings.Repeat("a", 255) + "/", true, ""},

	{"", false, "must not be empty"},
	{"/", false, "must name a path"},
	{"..", false, "must start with /"},
	{"/..", false, "leaves the site"},
	{"/../", false, "leaves the site"},
	{"/../../outside/", false, "leaves the site"},
	{"/jobs/../../../outside/", false, "leaves the site"},
	{"/jobs/../../../../../../../../tmp/x/", false, "leaves the site"},
	{"/./", false, "leaves the site"},
	{"/jobs/./x/", false, "leaves the site"},
	{"//evil.example/x/", false, "leaves the site"},
	{"https://evil.example/", false, "leaves the site"},
	{"file:///etc/passwd", false, "leaves the site"},
	{"jobs/x/", false, "must start with /"},
	{"/jobs//x/", false, "empty path segment"},
	{"/jobs/x?y=1", false, "query or fragment"},
	{"/jobs/x#y", false, "query or fragment"},
	{`/jobs\..\..\outside/`, false, "backslashes"},
	{"/jobs/x\x00/", false, "NUL"},
	{"/jobs/ x/", false, "spaces"},
	{"/jobs/x\t/", false, "control characters"},
	{"/jobs/%2e%2e/", false, "only letters"},
	{"/%2e%2e/%2e%2e/outside/", false, "only letters"},
	{"/jobs/%2F..%2F/", false, "only letters"},
	{"/jobs/ä/", false, "only letters"},
	{"/.rolesite-manifest.json/", false, "collides"},
	{"/.git/", false, "collides"},
	{"/assets/x/", false, "collides"},
	{"/sitemap.xml/", false, "collides"},
	{"/sitemap-2.xml/", false, "collides"},
	{"/index.html/", false, "collides"},
	{"/404.html/", false, "collides"},
	{"/robots.txt/", false, "collides"},
	{"/_redirects/", false, "collides"},
	{"/_headers/", false, "collides"},
	{"/tech/", false, "is already the page of category"},
	{"/tech/backend-entwickler/", false, "is already the page of"},
	{"/jobs/backend-developer/", false, "is already an alias of"},
	{"/TECH/", true, ""}, // another folder, on a case-sensitive file system
	// Below the first segment: bookkeeping names and page files.
	{"/jobs/.rolesite-journal/", false, "reserved"},
	{"/a/.rolesite.lock/", false, "reserved"},
	{"/a/.rolesite-tmp-1/", false, "reserved"},
	{"/a/.rolesite-manifest.json/", false, "reserved"},
	{"/a/.well-known/", false, "reserved"},
	{"/tech/backend-entwickler/index.html/", false, "index.html"},
	{"/tech/index.html/", false, "index.html"},
	{"/jobs/index.html/", false, "index.html"},
	{"/jobs/" + strings.Repeat("a", 256) + "/", false, "longer than 255"},
	{strings.Repeat("/abcdefghi", 201) + "/", false, "2000"}, // the field limit comes first
	{strings.Repeat("/abcdefghi", 199) + "/", true, ""},
}

// TestHostileAliasesStayInside builds each alias into a sandbox: an alias
// either is an error at its line (and the output is not touched) or its
// redirect page lands below the output folder; nothing outside changes.
func TestHostileAliasesStayInside(t *testing.T) {
	for _, tt := range hostileAliases {
		t.Run(fmt.Sprintf("%q", tt.alias), func(t *testing.T) {
			s := newSandbox(t)
			mustBuild(t, s.cfg)
			role := hostileRole{Title: "Umzug", Description: "Umgezogen.", Related: []string{"backend-entwickler"}, Aliases: []string{tt.alias}, Body: "Text.\n"}
			path := s.addRole(t, "umzug.md", role.source())
			before, beforeOut := s.outside(t), testtree.Snapshot(t, s.cfg.OutDir)
			res, err := Build(t.Context(), s.cfg)
			sameSnapshot(t, "outside the output folder", before, s.outside(t))
			if tt.ok {
				if err != nil {
					t.Fatalf("build: %v", err)
				}
				clean := "/" + strings.Trim(tt.alias, "/") + "/"
				page := filepath.Join(s.cfg.OutDir, filepath.FromSlash(clean), "index.html")
				if _, err := os.Stat(page); err != nil {
					t.Errorf("no redirect page for %q: %v", tt.alias, err)
				}
				checkSiteInert(t, s.cfg.OutDir, "https://jobs.test.example/")
				return
			}
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("build error %v, want a content error naming the alias", err)
			}
			errs := res.Diagnostics.Errors()
			if len(errs) != 1 || errs[0].Pos.Path != path || errs[0].Pos.Line != 6 || !strings.Contains(errs[0].Message, tt.msg) {
				t.Errorf("errors %v, want one at %s:6 containing %q", errs, path, tt.msg)
			}
			sameSnapshot(t, "the output folder of a failed build", beforeOut, testtree.Snapshot(t, s.cfg.OutDir))
		})
	}
}

// TestHostileSlugsStayInside: a role file name that is no valid slug is an
// error naming the file; a valid one puts its page below the output folder.
func TestHostileSlugsStayInside(t *testing.T) {
	long := strings.Repeat("a", 252)
	tests := []struct {
		name string // file name in roles/
		ok   bool
	}{
		{long + ".md", true},
		{"a-1.md", true},
		{"..md", true}, // hidden: not a role file
		{`..\..\x.md`, true},
		{"a..b.md", false},
		{"a.b.md", false},
		{"Upper.md", false},
		{"ümlaut.md", false},
		{"a b.md", false},
		{`a\b.md`, false},
		{"a%2f..%2fb.md", false},
		{"-a.md", false},
		{"a--b.md", false},
		{"a-.md", false},
		{"x\n.md", false},
		{"index.html.md", false},
		{".rolesite-manifest.json.md", true}, // hidden: not a role file at all
		{"....md", true},                     // hidden too
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.name), func(t *testing.T) {
			s := newSandbox(t)
			mustBuild(t, s.cfg)
			role := hostileRole{Title: "Schräg", Description: "Ein schräger Name.", Related: []string{"backend-entwickler"}, Body: "Text.\n"}
			path := s.addRole(t, tt.name, role.source())
			before, beforeOut := s.outside(t), testtree.Snapshot(t, s.cfg.OutDir)
			res, err := Build(t.Context(), s.cfg)
			sameSnapshot(t, "outside the output folder", before, s.outside(t))
			if tt.ok {
				if err != nil {
					t.Fatalf("build: %v", err)
				}
				if !strings.HasPrefix(tt.name, ".") {
					page := filepath.Join(s.cfg.OutDir, "tech", strings.TrimSuffix(tt.name, ".md"), "index.html")
					if _, err := os.Stat(page); err != nil {
						t.Errorf("no page: %v", err)
					}
				}
				return
			}
			errs := res.Diagnostics.Errors()
			if err == nil || len(errs) != 1 || errs[0].Pos.Path != path || !strings.Contains(errs[0].Message, "is not a valid slug") {
				t.Errorf("err %v, errors %v: want one naming %s as no valid slug", err, errs, path)
			}
			sameSnapshot(t, "the output folder of a failed build", beforeOut, testtree.Snapshot(t, s.cfg.OutDir))
		})
	}
}

// TestHostileCategoryKeys: category keys are the first folder of pages;
// one that could leave the output folder or hit a generated file is an
// error in site.yaml.
func TestHostileCategoryKeys(t *testing.T) {
	for _, key := range []string{"..", ".", "../x", "/tmp", "a/b", `a\b`, "assets", "sitemap", "_redirects", "_headers", "404", "robots", ".rolesite-x", "Tech", "tech.", "tech%2f..", "index.html"} {
		t.Run(fmt.Sprintf("%q", key), func(t *testing.T) {
			s := newSandbox(t)
			mustBuild(t, s.cfg)
			sp := filepath.Join(s.cfg.ContentDir, "site.yaml")
			data, _ := os.ReadFile(sp)
			edited := replaceLine(string(data), "- key: tech", "- key: "+yq(key))
			if edited == string(data) {
				t.Fatal("no edit")
			}
			os.WriteFile(sp, []byte(edited), 0o644)
			before, beforeOut := s.outside(t), testtree.Snapshot(t, s.cfg.OutDir)
			res, err := Build(t.Context(), s.cfg)
			if err == nil {
				t.Fatalf("category key %q built", key)
			}
			found := false
			for _, d := range res.Diagnostics.Errors() {
				if d.Pos.Path == sp && d.Pos.Line == 16 && strings.Contains(d.Message, "categories[0].key") {
					found = true
				}
			}
			if !found {
				t.Errorf("no error at %s:16 for the key: %v", sp, res.Diagnostics.Errors())
			}
			sameSnapshot(t, "outside the output folder", before, s.outside(t))
			sameSnapshot(t, "the output folder of a failed build", beforeOut, testtree.Snapshot(t, s.cfg.OutDir))
		})
	}
}

// TestHostileLayoutNames: files in the layouts folder only ever replace a
// built-in template by name; whatever they are called or point to, the
// build writes only below the output folder.
func TestHostileLayoutNames(t *testing.T) {
	s := newSandbox(t)
	mustBuild(t, s.cfg)
	before := s.outside(t)
	layouts := s.cfg.LayoutsDir
	for name, data := range map[string]string{
		"..html":                           "x",
		".html":                            "x",
		"-.html":                           "x",
		"index.html":                       "{{/* not a built-in name */}}",
		"sitemap.xml":                      "<x/>",
		".rolesite-manifest.json":          "{}",
		"..%2f..%2foutside.html":           "x",
		`..\..\outside.html`:               "x",
		"style.css.html":                   "x",
		"404.html.bak":                     "x",
		strings.Repeat("l", 250) + ".html": "x",
	} {
		if err := os.WriteFile(filepath.Join(layouts, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A layout that is a link out of the layouts folder, and a folder named
	// like a template.
	os.Symlink(filepath.Join(s.root, "outside.txt"), filepath.Join(layouts, "alias.html"))
	os.MkdirAll(filepath.Join(layouts, "role.html"), 0o755)
	before = s.outside(t)
	res, err := Build(t.Context(), s.cfg)
	if err != nil {
		t.Logf("build: %v", err)
	}
	_ = res
	sameSnapshot(t, "outside the output folder", before, s.outside(t))
	var stray []string
	for p := range testtree.Files(t, s.cfg.OutDir) {
		if strings.Contains(p, "outside") || strings.Contains(p, "..") || strings.Contains(p, "l"+strings.Repeat("l", 20)) {
			stray = append(stray, p)
		}
	}
	if len(stray) > 0 {
		t.Errorf("layout names became output paths: %v", stray)
	}
}

// TestOutDirRefused: an output folder that is or holds the content or
// layouts folder, lies inside one of them, or is the root or home folder is
// refused before anything is read or written.
func TestOutDirRefused(t *testing.T) {
	s := newSandbox(t)
	home := filepath.Join(s.root, "home")
	os.MkdirAll(home, 0o755)
	t.Setenv("HOME", home)
	site := filepath.Dir(s.cfg.ContentDir)
	os.Symlink(s.cfg.ContentDir, filepath.Join(s.root, "content-link"))
	os.Symlink(site, filepath.Join(s.root, "site-link"))
	tests := []struct {
		out, why string
	}{
		{s.cfg.ContentDir, "it is the content folder"},
		{s.cfg.ContentDir + "/", "it is the content folder"},
		{s.cfg.ContentDir + "/roles/..", "it is the content folder"},
		{filepath.Join(s.root, "content-link"), "it is the content folder"},
		{s.cfg.LayoutsDir, "it is the layouts folder"},
		{site, "it contains the content folder"},
		{filepath.Join(s.root, "site-link"), "it contains the content folder"},
		{filepath.Join(s.cfg.ContentDir, "roles"), "it is inside the content folder"},
		{filepath.Join(s.cfg.ContentDir, "public"), "it is inside the content folder"},
		{filepath.Join(s.cfg.LayoutsDir, "public"), "it is inside the layouts folder"},
		{filepath.Join(s.root, "site-link", "layouts", "x"), "it is inside the layouts folder"},
		{"/", "it is the root folder"},
		{home, "it is your home folder"},
		{s.root, "it contains your home folder"},
		{filepath.Dir(s.root), "it contains your home folder"},
	}
	for _, tt := range tests {
		t.Run(tt.out, func(t *testing.T) {
			before := s.outside(t)
			cfg := s.cfg
			cfg.OutDir = tt.out
			if tt.out == "/" {
				// Should the check ever go, the build must still not write
				// to /: a content folder that does not load stops it first.
				cfg.ContentDir = filepath.Join(s.root, "missing")
			}
			res, err := Build(t.Context(), cfg)
			want := fmt.Sprintf("refusing to write output to %q: %s", tt.out, tt.why)
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("Build with out %q: %v, want %s", tt.out, err, want)
			}
			var list diag.List
			if errors.As(err, &list) {
				t.Errorf("refusal came after the content was read: %v", err)
			}
			if res != nil && res.Pages != 0 {
				t.Errorf("refused build planned %d pages", res.Pages)
			}
			sameSnapshot(t, "refused build", before, s.outside(t))
			if lock := (Config{OutDir: tt.out}).stateFile(output.LockName); lock == "" {
				t.Errorf("no state folder for %s", tt.out)
			} else if _, err := os.Lstat(lock); err == nil {
				t.Errorf("refused build created %s", lock)
			}
		})
	}
}

// TestPruneOnlyOwnFiles: a rebuild removes only what an earlier build wrote
// (the manifest), never files put beside them, never through a symbolic
// link, and never a path a tampered manifest or journal names outside.
func TestPruneOnlyOwnFiles(t *testing.T) {
	t.Run("foreign files beside generated ones", func(t *testing.T) {
		s := newSandbox(t)
		mustBuild(t, s.cfg)
		foreign := []string{"google1234.html", "sales/notes.txt", "sales/key-account-manager/notes.txt",
			"sales/key-account-manager/extra/index.html", "tech/.well-known/x", ".rolesite-mine", "jobs/index.html"}
		for _, f := range foreign {
			p := filepath.Join(s.cfg.OutDir, filepath.FromSlash(f))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		os.Remove(filepath.Join(s.cfg.ContentDir, "roles", "key-account-manager.md"))
		before := s.outside(t)
		mustBuild(t, s.cfg)
		sameSnapshot(t, "outside", before, s.outside(t))
		for _, f := range foreign {
			data, err := os.ReadFile(filepath.Join(s.cfg.OutDir, filepath.FromSlash(f)))
			if err != nil || string(data) != "mine" {
				t.Errorf("foreign file %s: %q, %v", f, data, err)
			}
		}
		if _, err := os.Stat(filepath.Join(s.cfg.OutDir, "sales", "key-account-manager", "index.html")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("the removed role's page stayed: %v", err)
		}
	})

	t.Run("folder replaced by a link", func(t *testing.T) {
		s := newSandbox(t)
		mustBuild(t, s.cfg)
		// Drop the sales category and its roles; its folder in the output
		// becomes a link to a folder outside that holds the same names.
		sp := filepath.Join(s.cfg.ContentDir, "site.yaml")
		data, _ := os.ReadFile(sp)
		site := string(data)
		i := strings.Index(site, "  - key: sales")
		os.WriteFile(sp, []byte(site[:i]), 0o644)
		for _, r := range []string{"account-manager", "key-account-manager", "entwurf"} {
			os.Remove(filepath.Join(s.cfg.ContentDir, "roles", r+".md"))
		}
		if err := os.RemoveAll(filepath.Join(s.cfg.OutDir, "sales")); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(s.root, "victim"), filepath.Join(s.cfg.OutDir, "sales")); err != nil {
			t.Fatal(err)
		}
		before := s.outside(t)
		res, err := Build(t.Context(), s.cfg)
		t.Logf("build: %v (%+v)", err, res.Stats)
		sameSnapshot(t, "outside", before, s.outside(t))
	})

	t.Run("output file is a link", func(t *testing.T) {
		s := newSandbox(t)
		mustBuild(t, s.cfg)
		page := filepath.Join(s.cfg.OutDir, "sales", "index.html")
		os.Remove(page)
		os.Symlink(filepath.Join(s.root, "outside.txt"), page)
		before := s.outside(t)
		_, err := Build(t.Context(), s.cfg)
		t.Logf("build: %v", err)
		sameSnapshot(t, "outside", before, s.outside(t))
	})

	t.Run("tampered manifest", func(t *testing.T) {
		for _, p := range []string{"../outside.txt", "../../outside.txt", "/etc/hostname", "sales/../../outside.txt", `..\outside.txt`, "a/./b", "", ".rolesite.lock"} {
			t.Run(fmt.Sprintf("%q", p), func(t *testing.T) {
				s := newSandbox(t)
				mustBuild(t, s.cfg)
				m := s.cfg.stateFile(output.ManifestName)
				data, _ := os.ReadFile(m)
				line := fmt.Sprintf("\n{\"path\":%s,\"size\":7,\"sha256\":\"x\",\"mtime\":1},", yq(p))
				tampered := strings.Replace(string(data), "\"files\":[", "\"files\":["+line, 1)
				os.WriteFile(m, []byte(tampered), 0o644)
				before := s.outside(t)
				_, err := Build(t.Context(), s.cfg)
				if err == nil || !strings.Contains(err.Error(), "manifest") {
					t.Errorf("build with a manifest naming %q: %v, want an error about the manifest", p, err)
				}
				sameSnapshot(t, "outside", before, s.outside(t))
			})
		}
	})

	t.Run("tampered journal", func(t *testing.T) {
		for _, p := range []string{"../outside.txt", "/etc/hostname", "sales/../../outside.txt", "../victim/index.html"} {
			t.Run(fmt.Sprintf("%q", p), func(t *testing.T) {
				s := newSandbox(t)
				mustBuild(t, s.cfg)
				j := s.cfg.stateFile(output.JournalName)
				os.WriteFile(j, []byte(yq(p)+"\n"), 0o644)
				before := s.outside(t)
				_, err := Build(t.Context(), s.cfg)
				if err == nil || !strings.Contains(err.Error(), "journal") {
					t.Errorf("build with a journal naming %q: %v, want an error about the journal", p, err)
				}
				sameSnapshot(t, "outside", before, s.outside(t))
			})
		}
	})
}
