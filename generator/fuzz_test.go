package generator

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"rolesite/generator/content"
	"rolesite/generator/diag"
	"rolesite/internal/testtree"
)

// Fuzz targets of the whole build (ISSUE 5, item 5). The seed corpora under
// testdata/fuzz/ hold the sample site's roles, the bad inputs of the
// content tests and the hostile cases of robust_test.go; go test runs them
// as ordinary tests. To fuzz:
//
//	go test -run '^$' -fuzz '^FuzzRole$' -fuzztime 5m -parallel 1 ./generator
//	go test -run '^$' -fuzz '^FuzzAliasSlug$' -fuzztime 5m -parallel 1 ./generator

// fuzzSite is a small content folder for one fuzzed role: the fixture's
// roles and categories plus the sample site's categories, so that roles
// copied from content/roles find theirs.
type fuzzSite struct {
	root    string // holds content/, layouts/ and public/
	cfg     Config
	sources map[string][]byte // display path -> bytes, for positions
}

const fuzzCategories = `  - key: tech-development
    title: "Tech & Development"
    description: "Software."
  - key: e-commerce
    title: "E-Commerce"
    description: "Handel."
  - key: digital-marketing
    title: "Digital Marketing"
    description: "Marketing."
  - key: business-development-digital-sales
    title: "Business Development & Digital Sales"
    description: "Vertrieb."
  - key: information-technology
    title: "Information Technology"
    description: "IT."
`

func newFuzzSite(t *testing.T) *fuzzSite {
	t.Helper()
	root := t.TempDir()
	c := filepath.Join(root, "content")
	testtree.Copy(t, "testdata/fixture/content", c)
	sp := filepath.Join(c, "site.yaml")
	site, err := os.ReadFile(sp)
	if err != nil {
		t.Fatal(err)
	}
	site = append(site, fuzzCategories...)
	if err := os.WriteFile(sp, site, 0o644); err != nil {
		t.Fatal(err)
	}
	s := &fuzzSite{root: root, sources: map[string][]byte{}, cfg: Config{
		ContentDir: c,
		LayoutsDir: filepath.Join(root, "layouts"),
		OutDir:     filepath.Join(root, "public"),
		Now:        fixtureNow,
	}}
	filepath.WalkDir(c, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			s.sources[p], _ = os.ReadFile(p)
		}
		return nil
	})
	return s
}

// write adds a file to the content folder and remembers its bytes.
func (s *fuzzSite) write(t *testing.T, rel string, data []byte) string {
	t.Helper()
	p := filepath.Join(s.cfg.ContentDir, filepath.FromSlash(rel))
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	s.sources[p] = data
	return p
}

// outside snapshots every entry of root but the output folder.
func (s *fuzzSite) outside(t *testing.T) map[string]string {
	return (&sandbox{root: s.root, cfg: s.cfg}).outside(t)
}

// checkDiagPositions fails unless every diagnostic about a content file
// lies inside it: line 1 to the number of lines, column 1 to the line's
// characters plus one (a leading BOM not counted), or names the whole file
// (line and column 0: a bad or duplicate file name). A diagnostic about
// anything else may only be a warning.
func checkDiagPositions(t *testing.T, sources map[string][]byte, list diag.List) {
	t.Helper()
	for _, d := range list {
		if d.Message == "" {
			t.Errorf("%v: empty message", d)
		}
		src, ok := sources[d.Pos.Path]
		if !ok {
			if d.Severity == diag.Error {
				t.Errorf("%v: an error about no content file", d)
			}
			continue
		}
		lines := strings.Split(string(bytes.TrimPrefix(src, []byte("\ufeff"))), "\n")
		line, col := d.Pos.Line, d.Pos.Column
		if line == 0 && col == 0 {
			continue // the file as a whole, e.g. its name
		}
		if line < 1 || line > len(lines) {
			t.Errorf("%v: line %d outside 1 to %d", d, line, len(lines))
			continue
		}
		if width := utf8.RuneCountInString(lines[line-1]); col < 1 || col > width+1 {
			t.Errorf("%v: column %d outside 1 to %d", d, col, width+1)
		}
	}
}

// noOutput fails unless the output folder of a failed first build does not
// exist: a failing build writes nothing (robust_test.go and
// build_test.go check the same over an earlier build's output).
func noOutput(t *testing.T, dir string) {
	t.Helper()
	if _, err := os.Lstat(dir); err == nil {
		t.Errorf("a failed build created %s: %v", dir, testtree.Files(t, dir))
	}
}

// checkBuilt checks a successful build of the fuzz site: every file lies
// below the output folder (testtree.Files walks only there), HTML re-parses with
// no script but valid JSON-LD and no dangerous attribute, an open role's
// JobPosting title is its front-matter title.
func checkBuilt(t *testing.T, s *fuzzSite, role *content.Role, slugPath string) {
	t.Helper()
	files := testtree.Files(t, s.cfg.OutDir)
	for rel, data := range files {
		if strings.HasSuffix(rel, ".html") {
			checkPageInert(t.Errorf, rel, data)
		}
		if strings.HasSuffix(rel, ".xml") {
			checkXML(t, rel, data)
		}
	}
	if role == nil || role.Draft {
		return
	}
	page := slugPath + "index.html"
	if _, ok := files[page]; !ok {
		t.Fatalf("no page %s for the role", page)
	}
	p := parsePage(t, s.cfg.OutDir, page)
	jobs := p.ofType("JobPosting")
	if role.Open(fixtureNow) {
		if len(jobs) != 1 || jobs[0]["title"] != role.Title {
			t.Errorf("JobPosting %v, want one titled %q", jobs, role.Title)
		}
	} else if len(jobs) != 0 {
		t.Errorf("a role that is not open has a JobPosting")
	}
}

// FuzzRole builds a site with one arbitrary role file through the real
// Builder: it never panics, every diagnostic lies inside its file, a failed
// build creates no output folder, a successful one writes well-formed pages, and
// nothing outside the output folder changes.
func FuzzRole(f *testing.F) {
	f.Add([]byte("---\ntitle: Fuzz\ncategory: tech\ndescription: D.\nrelated: [backend-entwickler]\n---\nDer Backend-Entwickler.\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		s := newFuzzSite(t)
		path := s.write(t, "roles/fuzz.md", src)
		if !buildFuzzSite(t, s) {
			return
		}
		role, _ := content.ParseRole(path, "fuzz", src, content.Limits{})
		if role == nil {
			t.Fatal("the build passed but the role does not parse")
		}
		checkBuilt(t, s, role, role.URLPath()[1:])
	})
}

// FuzzAliasSlug gives a role an arbitrary file name (its slug) and alias.
// CleanAlias must accept only a path that stays below the site root and
// maps to a valid file below the output folder; and the build, whatever it
// decides, changes nothing outside the output folder, and puts an accepted
// alias's page where the alias says.
func FuzzAliasSlug(f *testing.F) {
	for _, a := range hostileAliases {
		f.Add("umzug", a.alias)
	}
	for _, slug := range []string{"backend-entwickler", "..", ".", "a..b", "x/y", `..\..\x`, "Upper", "index.html", strings.Repeat("a", 252)} {
		f.Add(slug, "/jobs/"+slug+"/")
	}
	f.Fuzz(func(t *testing.T, slug, alias string) {
		clean, msg := content.CleanAlias(alias)
		if msg.IsZero() {
			checkCleanAlias(t, alias, clean)
		} else if clean != "" {
			t.Errorf("CleanAlias(%q) = %q with message %q", alias, clean, msg)
		}
		// A name the file system can hold, in roles/.
		if slug == "" || slug == "." || slug == ".." || len(slug)+3 > 255 || strings.ContainsAny(slug, "/\x00") || !utf8.ValidString(slug) {
			return
		}
		s := newFuzzSite(t)
		role := hostileRole{Title: "Umzug", Description: "Umgezogen.", Related: []string{"backend-entwickler"}, Aliases: []string{alias}, Body: "Text.\n"}
		src := []byte(role.source())
		s.write(t, "roles/"+slug+".md", src)
		// The alias as the build sees it: YAML text is trimmed (and the
		// quoting makes invalid UTF-8 valid).
		if r, _ := content.ParseRole("x.md", "x", src, content.Limits{}); r != nil && len(r.Aliases) == 1 {
			clean, msg = content.CleanAlias(r.Aliases[0])
		}
		if !buildFuzzSite(t, s) {
			return
		}
		if strings.HasPrefix(slug, ".") {
			return // hidden: not a role
		}
		if !msg.IsZero() {
			t.Fatalf("alias %q built though CleanAlias says %s", alias, msg)
		}
		files := testtree.Files(t, s.cfg.OutDir)
		for _, p := range []string{"tech/" + slug + "/index.html", strings.TrimPrefix(clean, "/") + "index.html"} {
			if _, ok := files[p]; !ok {
				t.Errorf("no file %s", p)
			}
		}
		checkBuilt(t, s, nil, "")
	})
}

// buildFuzzSite builds s once and checks what every fuzzed build must
// hold: nothing outside the output folder changes, every diagnostic points
// into a source, and a failed build fails on content and writes nothing.
// It reports whether the build succeeded.
func buildFuzzSite(t *testing.T, s *fuzzSite) bool {
	t.Helper()
	before := s.outside(t)
	res, err := NewBuilder(s.cfg).Build(context.Background())
	sameSnapshot(t, "outside the output folder", before, s.outside(t))
	if res == nil {
		t.Fatalf("no result (err %v)", err)
	}
	checkDiagPositions(t, s.sources, res.Diagnostics)
	if err != nil {
		if !res.Diagnostics.HasErrors() {
			t.Fatalf("build failed without a content error: %v", err)
		}
		noOutput(t, s.cfg.OutDir)
		return false
	}
	return true
}

// checkCleanAlias checks an alias CleanAlias accepted.
func checkCleanAlias(t *testing.T, alias, clean string) {
	t.Helper()
	if !strings.HasPrefix(clean, "/") || !strings.HasSuffix(clean, "/") || clean == "/" {
		t.Fatalf("CleanAlias(%q) = %q: not a folder path below /", alias, clean)
	}
	inner := strings.TrimSuffix(clean, "/")
	if path.Clean(inner) != inner || path.Clean("/x/"+inner) != "/x"+inner {
		t.Errorf("CleanAlias(%q) = %q: not clean", alias, clean)
	}
	for _, seg := range strings.Split(strings.Trim(clean, "/"), "/") {
		if seg == "" || seg == "." || seg == ".." || strings.HasPrefix(seg, ".") || seg == "index.html" || len(seg) > 255 ||
			strings.ContainsAny(seg, "\\\x00%?#: \t\r\n") || !utf8.ValidString(seg) {
			t.Errorf("CleanAlias(%q) = %q: segment %q", alias, clean, seg)
		}
	}
	if again, msg := content.CleanAlias(clean); again != clean || !msg.IsZero() {
		t.Errorf("CleanAlias(%q) = %q, %q; not idempotent", clean, again, msg)
	}
	out := filepath.Join("/srv", "public")
	file := filepath.Join(out, filepath.FromSlash(pagePath(clean)))
	if rel, err := filepath.Rel(out, file); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.Base(file) != "index.html" {
		t.Errorf("alias %q maps to %s, outside %s", alias, file, out)
	}
	if strings.HasPrefix(pagePath(clean), ".") || strings.Contains(pagePath(clean), "/.") {
		t.Errorf("alias %q maps to a hidden path %s", alias, pagePath(clean))
	}
}

// TestWriteFuzzSeeds writes the seed corpora of FuzzRole, FuzzAliasSlug,
// content's FuzzCleanAlias and link's FuzzLink and FuzzFindAll from the
// sample site, the content tests' bad inputs and this package's hostile
// cases. Run it after changing those:
//
//	ROLESITE_WRITE_SEEDS=1 go test -run '^TestWriteFuzzSeeds$' ./generator
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("ROLESITE_WRITE_SEEDS") != "1" {
		t.Skip("set ROLESITE_WRITE_SEEDS=1 to rewrite the seed corpora")
	}
	write := func(dir, name string, args ...any) {
		t.Helper()
		var b strings.Builder
		b.WriteString("go test fuzz v1\n")
		for _, a := range args {
			switch v := a.(type) {
			case []byte:
				fmt.Fprintf(&b, "[]byte(%q)\n", v)
			case string:
				fmt.Fprintf(&b, "string(%q)\n", v)
			case int:
				fmt.Fprintf(&b, "int(%d)\n", v)
			default:
				t.Fatalf("seed argument %T", a)
			}
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const (
		role      = "testdata/fuzz/FuzzRole"
		aliasSlug = "testdata/fuzz/FuzzAliasSlug"
		clean     = "content/testdata/fuzz/FuzzCleanAlias"
		linkFuzz  = "link/testdata/fuzz/FuzzLink"
		findAll   = "link/testdata/fuzz/FuzzFindAll"
	)
	for _, d := range []string{role, aliasSlug, clean, linkFuzz, findAll} {
		os.RemoveAll(d)
	}

	// The sample site.
	samples, _ := filepath.Glob("../content/roles/*.md")
	var names []string
	var bodies []string
	for _, p := range samples {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		slug := strings.TrimSuffix(filepath.Base(p), ".md")
		write(role, "sample-"+slug, src)
		r, _ := content.ParseRole(p, slug, src, content.Limits{})
		if r == nil {
			t.Fatalf("%s does not parse", p)
		}
		names = append(names, r.Names()...)
		bodies = append(bodies, string(r.Body))
		for i, a := range r.Aliases {
			write(aliasSlug, fmt.Sprintf("sample-%s-%d", slug, i), slug, a)
			write(clean, fmt.Sprintf("sample-%s-%d", slug, i), a)
		}
	}
	if len(names) > 50 {
		names = names[:50]
	}
	for i, body := range bodies {
		slug := strings.TrimSuffix(filepath.Base(samples[i]), ".md")
		write(linkFuzz, "sample-"+slug, body, i%7-1)
		write(findAll, "sample-"+slug, strings.Join(names, "\n"), body)
	}

	// The content tests' bad inputs.
	bad, _ := filepath.Glob("content/testdata/fuzz/FuzzParseRole/*")
	for _, p := range bad {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(role, filepath.Base(p)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Hostile text, bodies and links.
	for i, h := range hostileStrings {
		h = strings.ReplaceAll(h, "\x00", "")
		r := hostileRole{Title: clip("Böse "+h, 120), Description: clip("Beschreibung "+h, 160), Synonyms: []string{clip("Synonym "+h, 120)},
			Skills: []string{h}, Org: "Firma " + h, Locality: "Ort " + h, Region: "Region " + h, Street: "Straße " + h, Postal: "PLZ " + h,
			Open: true, Related: []string{"backend-entwickler"}, Aliases: []string{"/jobs/boese/"}, Body: hostileBody(h)}
		write(role, fmt.Sprintf("hostile-fields-%02d", i), []byte(r.source()))
		write(linkFuzz, fmt.Sprintf("hostile-body-%02d", i), hostileBody(h), 0)
	}
	for _, tt := range unsafeLinkCases {
		name := strings.ReplaceAll(tt.name, " ", "-")
		r := hostileRole{Title: "Böse", Description: "Böse.", Open: true, Related: []string{"backend-entwickler"}, Body: "Text: " + tt.link + "\n"}
		write(role, "unsafe-"+name, []byte(r.source()))
		write(linkFuzz, "unsafe-"+name, tt.link+"\n", -1)
	}
	for name, body := range hostileBodies {
		name = strings.ReplaceAll(name, " ", "-")
		r := hostileRole{Title: "Böse", Description: "Böse.", Open: true, Related: []string{"backend-entwickler"}, Body: body}
		write(role, "hostile-body-"+name, []byte(r.source()))
		write(linkFuzz, "hostile-body-"+name, body, 1)
	}
	for i, a := range hostileAliases {
		write(aliasSlug, fmt.Sprintf("hostile-%02d", i), "umzug", a.alias)
		write(clean, fmt.Sprintf("hostile-%02d", i), a.alias)
	}
	for _, slug := range []string{"backend-entwickler", "..", ".", "a..b", "x/y", `..\..\x`, "Upper", "index.html", ".rolesite-x", "ümlaut"} {
		write(aliasSlug, "slug-"+strings.NewReplacer("/", "_", `\`, "_", ".", "dot").Replace(slug), slug, "/jobs/x/")
	}
}
