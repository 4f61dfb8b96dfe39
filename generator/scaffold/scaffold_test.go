package scaffold

import (
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"rolesite/generator"
	"rolesite/generator/content"
	"rolesite/internal/testtree"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// today is the build time of the tests, as SOURCE_DATE_EPOCH would give it.
var today = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// siteYAML is a small site.yaml in language lang.
func siteYAML(lang string) string {
	return "title: T\nbase_url: https://karriere.example/\nlanguage: " + lang + "\ncategories:\n" +
		"  - {key: tech-development, title: Tech, description: D}\n" +
		"  - {key: digital-marketing, title: Marketing, description: D}\n"
}

// newContent makes a content folder with site.yaml in lang and the given
// role files (path below roles/ -> text), and returns it.
func newContent(t *testing.T, lang string, roles map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	write(t, filepath.Join(dir, "site.yaml"), siteYAML(lang))
	for p, text := range roles {
		write(t, filepath.Join(dir, "roles", p), text)
	}
	return dir
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// tree records every path under dir with its bytes.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		out[p] = ""
		if !d.IsDir() {
			out[p] = testtree.Read(t, p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return out
}

// build runs the real build of contentDir into a new folder and returns
// the result, the error and the output folder.
func build(t *testing.T, contentDir string, drafts bool) (*generator.Result, error, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := generator.Build(context.Background(), generator.Config{
		ContentDir: contentDir, LayoutsDir: filepath.Join(t.TempDir(), "no-layouts"), OutDir: out, Drafts: drafts, Now: today,
	})
	return res, err, out
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		write(t, path, got)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the text written (go test -update rewrites it):\n%s", path, got)
	}
}

// TestNewRoleBuilds: the file -new writes builds through the real build in
// German and English sites with no diagnostic (a French one has no
// catalogue for its pages' words, and stops there), is not published, shows
// with -drafts, and once draft: true is deleted the build stops at the
// first placeholder.
func TestNewRoleBuilds(t *testing.T) {
	tests := []struct {
		lang, golden, placeholder string
	}{
		{"de", "new-de.md", content.PlaceholderGerman},
		{"de-AT", "", content.PlaceholderGerman},
		{"de-CH", "", content.PlaceholderGerman},
		{"en", "new-en.md", content.PlaceholderEnglish},
		{"en-GB", "", content.PlaceholderEnglish},
		{"fr", "", content.PlaceholderEnglish},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			dir := newContent(t, tt.lang, map[string]string{
				"backend-entwickler.md": "---\ntitle: Backend-Entwickler\ncategory: tech-development\ndescription: D\n---\nText.\n",
			})
			path, err := NewRole(context.Background(), dir, "tech-development/data-engineer", today)
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(dir, "roles", "data-engineer.md"); path != want {
				t.Errorf("wrote %s, want %s", path, want)
			}
			text := testtree.Read(t, path)
			if tt.golden != "" {
				golden(t, tt.golden, text)
			}
			if !strings.HasPrefix(text, "---\n# yaml-language-server: $schema=../schema/role.schema.json\n") {
				t.Errorf("first front-matter line is not the schema comment:\n%s", text)
			}
			for _, want := range []string{"\ntitle: Data Engineer ", "\ncategory: tech-development ", "\ndraft: true ",
				"\n# date_posted: 2026-11-26 ", "\n# related: [backend-entwickler] ", tt.placeholder} {
				if !strings.Contains(text, want) {
					t.Errorf("file lacks %q", want)
				}
			}

			res, err, out := build(t, dir, false)
			if tt.lang == "fr" {
				// English texts in the file, but no catalogue for the pages'
				// words: the build stops at site.yaml's language.
				if err == nil || len(res.Diagnostics) != 1 || res.Diagnostics[0].Code != "no-catalogue" {
					t.Errorf("build of a French site: %v\n%v; want the no-catalogue error", err, res.Diagnostics)
				}
				return
			}
			if err != nil || len(res.Diagnostics) != 0 {
				t.Fatalf("build: %v\n%v", err, res.Diagnostics)
			}
			if _, err := os.Stat(filepath.Join(out, "tech-development", "data-engineer", "index.html")); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the draft was published (stat: %v)", err)
			}
			// Published with -drafts, the two roles do not mention each
			// other yet: islands, warnings only.
			res, err, out = build(t, dir, true)
			if err != nil || res.Diagnostics.HasErrors() {
				t.Fatalf("build -drafts: %v\n%v", err, res.Diagnostics)
			}
			page := testtree.Read(t, filepath.Join(out, "tech-development", "data-engineer", "index.html"))
			if !strings.Contains(page, "<h1>Data Engineer</h1>") {
				t.Errorf("the draft's page lacks its heading")
			}

			// Publishing before filling in stops the build.
			write(t, path, regexp.MustCompile(`(?m)^draft: true .*\n`).ReplaceAllString(text, ""))
			res, err, _ = build(t, dir, false)
			if err == nil {
				t.Fatal("a role with placeholders was published")
			}
			msgs := res.Diagnostics.Error()
			for _, want := range []string{path + ":9:1: description: \"" + tt.placeholder, path + ":33:1: text: \"" + tt.placeholder} {
				if !strings.Contains(msgs, want) {
					t.Errorf("diagnostics\n%s\nlack %q", msgs, want)
				}
			}
		})
	}
}

// TestNewRoleExamplesParse: every field the file comments out, with the
// comment sign removed, is a value the loader takes.
func TestNewRoleExamplesParse(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			dir := newContent(t, lang, nil)
			path, err := NewRole(context.Background(), dir, "digital-marketing/seo-manager", today)
			if err != nil {
				t.Fatal(err)
			}
			text := testtree.Read(t, path)
			uncommented := regexp.MustCompile(`(?m)^# ([a-z_]+: )`).ReplaceAllString(text, "$1")
			if strings.Count(uncommented, "\n# ") != strings.Count(text, "\n# ")-len(roleFields)+4 {
				t.Errorf("not every optional field was commented out:\n%s", text)
			}
			r, errs := content.ParseRole(path, "seo-manager", []byte(uncommented), content.Limits{})
			if len(errs) != 0 {
				t.Fatalf("uncommented examples: %v\n%s", errs, uncommented)
			}
			if r.Title != "SEO-Manager" || !r.Remote || r.Salary == nil || r.DatePosted != time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC) || r.Weight != 10 {
				t.Errorf("examples read as %+v", r)
			}
		})
	}
}

// TestNewRoleRefusals: each refusal has its exact message and writes
// nothing.
func TestNewRoleRefusals(t *testing.T) {
	existing := "---\ntitle: Data Engineer\ncategory: tech-development\ndescription: D\n---\nText.\n"
	tests := []struct {
		name  string
		roles map[string]string
		arg   string
		usage bool   // an ArgumentError
		want  string // with DIR for the content folder
	}{
		{"existing file", map[string]string{"data-engineer.md": existing}, "tech-development/data-engineer", false,
			"-new tech-development/data-engineer: DIR/roles/data-engineer.md already exists; -new never overwrites a file: edit that one, or choose another slug"},
		{"slug of a role in a sub-folder", map[string]string{"tech/data-engineer.md": existing}, "tech-development/data-engineer", false,
			`-new tech-development/data-engineer: slug "data-engineer" is taken by DIR/roles/tech/data-engineer.md (a slug names one role in all folders under roles/); choose another slug`},
		{"slug taken in another case", map[string]string{"tech/Data-Engineer.md": existing}, "tech-development/data-engineer", false,
			`-new tech-development/data-engineer: slug "data-engineer" is taken by DIR/roles/tech/Data-Engineer.md (a slug names one role in all folders under roles/); choose another slug`},
		{"unknown category, close", nil, "tech-developement/data-engineer", true,
			`-new tech-developement/data-engineer: category "tech-developement" is not defined in DIR/site.yaml (did you mean "tech-development"?)`},
		{"unknown category, far", nil, "sales/data-engineer", true,
			`-new sales/data-engineer: category "sales" is not defined in DIR/site.yaml (defined: tech-development, digital-marketing)`},
		{"bad slug with a suggestion", nil, "tech-development/Daten_Führung", true,
			`-new tech-development/Daten_Führung: slug "Daten_Führung" is not valid: use lowercase letters a-z, digits and single hyphens, e.g. backend-entwickler (did you mean "daten-fuehrung"?)`},
		{"slug with .md", nil, "tech-development/data-engineer.md", true,
			`-new tech-development/data-engineer.md: slug "data-engineer.md" is not valid: use lowercase letters a-z, digits and single hyphens, e.g. backend-entwickler (did you mean "data-engineer"?)`},
		{"bad slug without a suggestion", nil, "tech-development/--", true,
			`-new tech-development/--: slug "--" is not valid: use lowercase letters a-z, digits and single hyphens, e.g. backend-entwickler`},
		{"no category", nil, "data-engineer", true,
			`-new "data-engineer": want CATEGORY/SLUG, e.g. -new tech-development/data-engineer`},
		{"a folder in the slug", nil, "tech-development/sub/data-engineer", true,
			`-new "tech-development/sub/data-engineer": want CATEGORY/SLUG, e.g. -new tech-development/data-engineer`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newContent(t, "de", tt.roles)
			before := tree(t, dir)
			_, err := NewRole(context.Background(), dir, tt.arg, today)
			if err == nil {
				t.Fatal("no error")
			}
			if want := strings.ReplaceAll(tt.want, "DIR", dir); err.Error() != want {
				t.Errorf("error\n%s\nwant\n%s", err, want)
			}
			var usage *ArgumentError
			if errors.As(err, &usage) != tt.usage {
				t.Errorf("ArgumentError: %v, want %v", !tt.usage, tt.usage)
			}
			testtree.Unchanged(t, before, tree(t, dir))
		})
	}
}

// TestNewRoleBrokenSite: a site.yaml with errors stops -new with the
// loader's messages.
func TestNewRoleBrokenSite(t *testing.T) {
	dir := newContent(t, "de", nil)
	write(t, filepath.Join(dir, "site.yaml"), "title: T\nlanguage: de\n")
	before := tree(t, dir)
	_, err := NewRole(context.Background(), dir, "tech-development/data-engineer", today)
	want := filepath.Join(dir, "site.yaml") + `:1:1: missing required key "base_url"`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want one with %q", err, want)
	}
	testtree.Unchanged(t, before, tree(t, dir))
}

// TestNewRoleMakesRolesFolder: a content folder without roles/ gets one.
func TestNewRoleMakesRolesFolder(t *testing.T) {
	dir := newContent(t, "en", nil)
	path, err := NewRole(context.Background(), dir, "tech-development/data-engineer", today)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(testtree.Read(t, path), "# related: [other-role] ") {
		t.Errorf("no placeholder slug for related in a site without roles")
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "roles")); len(entries) != 1 {
		t.Errorf("roles/ holds %d entries, want the new file only", len(entries))
	}
}

// TestInitBuilds: the site -init writes builds with no diagnostic at all,
// writes its pages, and a second -init into the same folder refuses.
func TestInitBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "karriere")
	paths, err := Init(context.Background(), dir, today)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "content", "site.yaml"), filepath.Join(dir, "content", "roles", "backend-entwickler.md")}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("wrote %v, want %v", paths, want)
	}
	siteText, roleText := testtree.Read(t, want[0]), testtree.Read(t, want[1])
	golden(t, "init-site.yaml", siteText)
	golden(t, "init-backend-entwickler.md", roleText)
	if !strings.HasPrefix(siteText, "# yaml-language-server: $schema=schema/site.schema.json\n") {
		t.Errorf("site.yaml does not start with its schema comment")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%s holds %d entries, want content/ only", dir, len(entries))
	}

	out := filepath.Join(dir, "public")
	res, err := generator.Build(context.Background(), generator.Config{ContentDir: filepath.Join(dir, "content"), OutDir: out, LayoutsDir: filepath.Join(dir, "layouts"), Now: today})
	if err != nil || len(res.Diagnostics) != 0 {
		t.Fatalf("build: %v\n%v", err, res.Diagnostics)
	}
	if res.Pages != 5 { // home, two categories, the role, 404
		t.Errorf("%d pages, want 5", res.Pages)
	}
	page := testtree.Read(t, filepath.Join(out, "tech-development", "backend-entwickler", "index.html"))
	if !strings.Contains(page, "<h1>Backend-Entwickler</h1>") || strings.Contains(page, "JobPosting") {
		t.Errorf("the example role's page lacks its heading or claims a JobPosting")
	}

	before := tree(t, dir)
	_, err = Init(context.Background(), dir, today)
	wantErr := "-init " + dir + ": " + filepath.Join(dir, "content") + " already exists; -init writes a new site only into a folder without content/, site.yaml or roles/ (choose another folder)"
	var usage *ArgumentError
	if err == nil || err.Error() != wantErr || !errors.As(err, &usage) {
		t.Errorf("second -init: %v, want %q", err, wantErr)
	}
	testtree.Unchanged(t, before, tree(t, dir))
}

// TestInitRefusesContentFolder: -init into a content folder (holding
// site.yaml or roles/) refuses and writes nothing.
func TestInitRefusesContentFolder(t *testing.T) {
	for _, name := range []string{"site.yaml", "roles/x.md"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, name), "x")
			before := tree(t, dir)
			_, err := Init(context.Background(), dir, today)
			first, _, _ := strings.Cut(name, "/")
			want := "-init " + dir + ": " + filepath.Join(dir, first) + " already exists"
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %v, want it to start with %q", err, want)
			}
			testtree.Unchanged(t, before, tree(t, dir))
		})
	}
}

// TestWriteNewKeepsExisting: writeNew never replaces a file, even one made
// after the caller looked.
func TestWriteNewKeepsExisting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.md")
	write(t, path, "old")
	if err := writeNew(path, []byte("new")); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("error %v", err)
	}
	if got := testtree.Read(t, path); got != "old" {
		t.Errorf("file holds %q", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary file left: %d entries", len(entries))
	}
}
