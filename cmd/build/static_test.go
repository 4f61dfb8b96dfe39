package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"rolesite/generator"
	"rolesite/generator/diag"
	"rolesite/internal/testbuf"
	"rolesite/internal/testtree"
)

func TestStaticBeside(t *testing.T) {
	for in, want := range map[string]string{
		"content":           "static",
		"content/":          "static",
		"site/content":      filepath.Join("site", "static"),
		"/srv/karriere/www": "/srv/karriere/static",
		"../content":        filepath.Join("..", "static"),
		".":                 filepath.Join("..", "static"),
		"..":                filepath.Join("..", "..", "static"),
		"/":                 "/static",
	} {
		if got := staticBeside(in); got != want {
			t.Errorf("staticBeside(%q) = %q, want %q", in, got, want)
		}
	}
}

// The static folder defaults to the folder static beside the content
// folder, wherever that is; -static names another.
func TestParseFlagsStatic(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "static"},
		{[]string{"-content", "/srv/agentur/content"}, "/srv/agentur/static"},
		{[]string{"-content", "/srv/agentur/content", "-static", "/srv/shared/files"}, "/srv/shared/files"},
		{[]string{"-static=public-files"}, "public-files"},
	} {
		o, err := parseFlags(tt.args, io.Discard)
		if err != nil {
			t.Fatalf("%q: %v", tt.args, err)
		}
		if o.cfg.StaticDir != tt.want {
			t.Errorf("%q: static folder %q, want %q", tt.args, o.cfg.StaticDir, tt.want)
		}
	}
	if _, err := parseFlags([]string{"-new", "sales/x", "-static", "s"}, io.Discard); err == nil || !strings.Contains(err.Error(), "not -static") {
		t.Errorf("-new with -static: %v", err)
	}
}

// TestRunStatic builds the fixture with a static folder beside its
// content: the files are published, counted in the summary, and a static
// file at a generated file's path fails the build (exit 1), naming both,
// with and without -check, leaving the output as it was.
func TestRunStatic(t *testing.T) {
	s := newSite(t)
	staticDir := filepath.Join(filepath.Dir(s.content), "static")
	testtree.Write(t, staticDir, map[string]string{
		".well-known/security.txt": "Contact: mailto:security@test.example\n",
		"downloads/profil.pdf":     "%PDF",
	})
	code, stdout, stderr := runCmd(t, s.args()...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	m := summary.FindStringSubmatch(stdout)
	if m == nil || m[1] != "10" || m[2] != "23" {
		t.Errorf("summary %q, want 10 pages and 23 files (21 generated with _headers, a location page, 4 feeds and jobs.xml, 2 static)", stdout)
	}
	if got := testtree.Read(t, filepath.Join(s.out, ".well-known", "security.txt")); got != "Contact: mailto:security@test.example\n" {
		t.Errorf("published %q", got)
	}
	before := snapshot(t, s.out)

	testtree.Write(t, staticDir, map[string]string{"sales/index.html": "<p>mine</p>"})
	want := filepath.Join(staticDir, "sales", "index.html") + `: sales/index.html is also a file the build writes (the page of category "sales"): remove or rename the static file` + "\n"
	for _, extra := range [][]string{nil, {"-check"}} {
		code, stdout, stderr = runCmd(t, s.args(extra...)...)
		if code != 1 || !strings.Contains(stderr, "\n"+want) || summary.MatchString(stdout) {
			t.Errorf("%q: exit %d, stderr %q; want 1, %q", extra, code, stderr, want)
		}
	}
	testtree.Unchanged(t, before, snapshot(t, s.out))

	// -static names another folder; the one beside the content is then
	// not published.
	other := testtree.Write(t, filepath.Join(t.TempDir(), "files"), map[string]string{"humans.txt": "Team\n"})
	if code, _, stderr := runCmd(t, s.args("-static", other)...); code != 0 {
		t.Fatalf("-static %s: exit %d\n%s", other, code, stderr)
	}
	if _, err := os.Stat(filepath.Join(s.out, "humans.txt")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(s.out, ".well-known")); !os.IsNotExist(err) {
		t.Errorf("the files of the other static folder stay: %v", err)
	}
}

func TestWatchingLine(t *testing.T) {
	dir := t.TempDir()
	content := testtree.Write(t, filepath.Join(dir, "content"), map[string]string{"site.yaml": "language: de\n"})
	layouts, static := filepath.Join(dir, "layouts"), filepath.Join(dir, "static")
	en := diag.English
	tests := []struct {
		make   []string
		en, de string
	}{
		{nil, "watching C for changes (no L or S folder)", "Änderungen in C werden überwacht (kein Ordner L oder S)"},
		{[]string{static}, "watching C and S for changes (no L folder)", "Änderungen in C und S werden überwacht (kein Ordner L)"},
		{[]string{layouts}, "watching C, L and S for changes", "Änderungen in C, L und S werden überwacht"},
	}
	names := strings.NewReplacer(content, "C", layouts, "L", static, "S")
	for _, tt := range tests {
		for _, d := range tt.make {
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		cfg := generator.Config{ContentDir: content, LayoutsDir: layouts, StaticDir: static}
		if got := names.Replace(watchingLine(cfg)); got != tt.de {
			t.Errorf("German: %q, want %q", got, tt.de)
		}
		cfg.Lang = &en
		if got := names.Replace(watchingLine(cfg)); got != tt.en {
			t.Errorf("English: %q, want %q", got, tt.en)
		}
	}
}

// TestRunWatchStatic: -watch names the static folder it watches and
// rebuilds on a save in it.
func TestRunWatchStatic(t *testing.T) {
	s := newSite(t)
	staticDir := filepath.Join(filepath.Dir(s.content), "static")
	testtree.Write(t, staticDir, map[string]string{"humans.txt": "eins"})
	ctx, cancel := context.WithCancel(t.Context())
	var out, stderr testbuf.Buffer
	exit := make(chan int, 1)
	go func() { exit <- run(ctx, s.args("-watch"), &out, &stderr) }()
	defer func() {
		cancel()
		if code := <-exit; code != 0 {
			t.Errorf("exit %d after Ctrl-C\n%s", code, stderr.String())
		}
	}()
	waitFor(t, &out, regexp.MustCompile(`(?m)^watching .*content and .*static for changes \(no .*layouts folder\)$`))
	waitFor(t, &out, summary)
	if err := os.WriteFile(filepath.Join(staticDir, "humans.txt"), []byte("zwei"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &out, regexp.MustCompile(`built 10 pages \(22 files\) into .+: 1 written, 21 unchanged`))
	if got := testtree.Read(t, filepath.Join(s.out, "humans.txt")); got != "zwei" {
		t.Errorf("published %q", got)
	}
}
