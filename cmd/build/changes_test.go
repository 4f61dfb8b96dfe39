package main

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rolesite/generator"
	"rolesite/generator/diag"
	"rolesite/internal/testtree"
)

// TestRunRefusesChangesFile: a -changes path that would overwrite an input,
// a published file or a file the build did not write is refused with exit
// 2 before anything is read or written; the content, layouts and output
// trees (and everything beside them) stay byte for byte as they were.
func TestRunRefusesChangesFile(t *testing.T) {
	type reason struct{ en, de string }
	t.Setenv("SOURCE_DATE_EPOCH", "1795694400") // 2026-11-26
	const hint = "; name a file outside the content, layouts, static and output folders"
	const hintDE = "; nennen Sie eine Datei außerhalb der Ordner für Inhalte, Layouts, static und Ausgabe"
	// inside and is give a reason in both languages; %[1]s is root.
	inside := func(kind, dir string) reason {
		return reason{`it is inside the ` + kind + ` folder "%[1]s/` + dir + `"` + hint, `die Datei läge im ` + kind + `-Ordner "%[1]s/` + dir + `"` + hintDE}
	}
	is := func(kind, dir string) reason {
		return reason{`it is the ` + kind + ` folder "%[1]s/` + dir + `"` + hint, `das ist der ` + kind + `-Ordner "%[1]s/` + dir + `"` + hintDE}
	}
	notReport := reason{`the file exists and is not a change report the build wrote (no "format": "rolesite-change-report/1"); name a new file, or delete this one if it is no longer needed`,
		`die Datei gibt es schon, und sie ist kein Änderungsbericht eines Builds (kein "format": "rolesite-change-report/1"); nennen Sie eine neue Datei, oder löschen Sie diese, wenn sie nicht mehr gebraucht wird`}
	tests := []struct {
		name string
		// setup prepares root (content/, layouts/, public/ built once
		// unless fresh) and returns the -changes path.
		setup func(t *testing.T, root string) string
		fresh bool   // public/ does not exist yet
		why   reason // the message after the quoted path
	}{
		{name: "site.yaml", setup: func(t *testing.T, root string) string { return filepath.Join(root, "content", "site.yaml") },
			why: inside("content", "content")},
		{name: "role file", setup: func(t *testing.T, root string) string {
			return filepath.Join(root, "content", "roles", "backend-entwickler.md")
		}, why: inside("content", "content")},
		{name: "new file inside content", setup: func(t *testing.T, root string) string { return filepath.Join(root, "content", "changes.json") },
			why: inside("content", "content")},
		{name: "content folder itself", setup: func(t *testing.T, root string) string { return filepath.Join(root, "content") },
			why: is("content", "content")},
		{name: "inside layouts", setup: func(t *testing.T, root string) string { return filepath.Join(root, "layouts", "changes.json") },
			why: inside("layouts", "layouts")},
		{name: "published home page", setup: func(t *testing.T, root string) string { return filepath.Join(root, "public", "index.html") },
			why: inside("output", "public")},
		{name: "new file inside out", setup: func(t *testing.T, root string) string { return filepath.Join(root, "public", "changes.json") },
			why: inside("output", "public")},
		{name: "equal to out", setup: func(t *testing.T, root string) string { return filepath.Join(root, "public") },
			why: is("output", "public")},
		{name: "equal to out not built yet", fresh: true, setup: func(t *testing.T, root string) string { return filepath.Join(root, "public") },
			why: is("output", "public")},
		{name: "inside out not built yet", fresh: true, setup: func(t *testing.T, root string) string { return filepath.Join(root, "public", "index.html") },
			why: inside("output", "public")},
		{name: "other case inside out not built yet", fresh: true, setup: func(t *testing.T, root string) string {
			return filepath.Join(root, "PUBLIC", "index.html")
		}, why: inside("output", "public")},
		{name: "dotted path into content", setup: func(t *testing.T, root string) string {
			return filepath.Join(root, "layouts") + "/../content/roles/x.json"
		}, why: inside("content", "content")},
		{name: "symbolic link to site.yaml", setup: func(t *testing.T, root string) string {
			link := filepath.Join(root, "changes.json")
			mustSymlink(t, filepath.Join(root, "content", "site.yaml"), link)
			return link
		}, why: inside("content", "content")},
		{name: "through a linked folder into content", setup: func(t *testing.T, root string) string {
			mustSymlink(t, filepath.Join(root, "content", "roles"), filepath.Join(root, "reports"))
			return filepath.Join(root, "reports", "changes.json")
		}, why: inside("content", "content")},
		{name: "symbolic link to a missing file", setup: func(t *testing.T, root string) string {
			link := filepath.Join(root, "changes.json")
			mustSymlink(t, filepath.Join(root, "gone.json"), link)
			return link
		}, why: reason{`it is a symbolic link to a missing file; name the report file itself`, `das ist ein symbolischer Link auf eine fehlende Datei; nennen Sie die Berichtsdatei selbst`}},
		{name: "existing foreign file", setup: func(t *testing.T, root string) string {
			return writeFile(t, filepath.Join(root, "notes.json"), "meeting notes\n")
		}, why: notReport},
		{name: "foreign json with a job_postings key", setup: func(t *testing.T, root string) string {
			return writeFile(t, filepath.Join(root, "feed.json"), `{"job_postings": [], "owner": "marketing"}`)
		}, why: notReport},
		{name: "existing folder", setup: func(t *testing.T, root string) string {
			dir := filepath.Join(root, "reports")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			return dir
		}, why: reason{`it is a folder; name a file in it, e.g. "%[1]s/reports/changes.json"`, `das ist ein Ordner; nennen Sie eine Datei darin, z. B. "%[1]s/reports/changes.json"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := safetySite(t)
			content, layouts, out := filepath.Join(root, "content"), filepath.Join(root, "layouts"), filepath.Join(root, "public")
			args := []string{"-content", content, "-layouts", layouts, "-out", out}
			if !tt.fresh {
				if code, _, stderr := runCmd(t, args...); code != 0 {
					t.Fatalf("first build: exit %d\n%s", code, stderr)
				}
			}
			changes := tt.setup(t, root)
			// The sample site is German; -lang en gives English.
			wantEN := "build: refusing to write the change report to \"" + changes + "\": " + strings.ReplaceAll(tt.why.en, "%[1]s", root) + "\n"
			wantDE := "Build: der Änderungsbericht wird nicht nach \"" + changes + "\" geschrieben: " + strings.ReplaceAll(tt.why.de, "%[1]s", root) + "\n"
			for _, mode := range [][]string{nil, {"-check"}, {"-lang", "en"}, {"-check", "-lang", "en"}} {
				before := safetyTree(t, root)
				code, stdout, stderr := runCmd(t, append(append(args, mode...), "-changes", changes)...)
				if code != 2 {
					t.Errorf("%v: exit %d, want 2", mode, code)
				}
				want := wantDE
				if slices.Contains(mode, "en") {
					want = wantEN
				}
				if stderr != want {
					t.Errorf("%v: stderr\n%s\nwant\n%s", mode, stderr, want)
				}
				if stdout != "" {
					t.Errorf("%v: stdout %q", mode, stdout)
				}
				testtree.Unchanged(t, before, safetyTree(t, root))
			}
		})
	}
}

// TestRunChangesFileAllowed: a new file outside the three folders is
// written; the next build replaces the report it wrote, and a report of
// an earlier version (without "format") is replaced too.
func TestRunChangesFileAllowed(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795694400")
	root := safetySite(t)
	changes := filepath.Join(root, "reports", "changes.json")
	if err := os.Mkdir(filepath.Dir(changes), 0o755); err != nil {
		t.Fatal(err)
	}
	args := []string{"-content", filepath.Join(root, "content"), "-layouts", filepath.Join(root, "layouts"),
		"-out", filepath.Join(root, "public"), "-changes", changes}
	readReport := func() generator.ChangeReport {
		t.Helper()
		data, err := os.ReadFile(changes)
		if err != nil {
			t.Fatal(err)
		}
		var rep generator.ChangeReport
		if err := json.Unmarshal(data, &rep); err != nil {
			t.Fatalf("report: %v\n%s", err, data)
		}
		return rep
	}

	if code, _, stderr := runCmd(t, args...); code != 0 {
		t.Fatalf("new file: exit %d\n%s", code, stderr)
	}
	rep := readReport()
	if rep.Format != generator.ReportFormat || len(rep.Added) != 8 || len(rep.JobPostings) == 0 {
		t.Errorf("first report: format %q, %d added, %d postings", rep.Format, len(rep.Added), len(rep.JobPostings))
	}

	if code, _, stderr := runCmd(t, args...); code != 0 {
		t.Fatalf("previous report: exit %d\n%s", code, stderr)
	}
	if rep := readReport(); len(rep.Added)+len(rep.Updated)+len(rep.Removed) != 0 {
		t.Errorf("unchanged rebuild reported %+v", rep)
	}

	// A report as earlier versions wrote it, naming a posting that is
	// open no more: replaced, and its posting reported as ended.
	ended := "https://jobs.test.example/tech/ended/"
	earlier := `{"base_url": "https://jobs.test.example/", "added": [], "updated": [], "removed": [], "job_postings": ["` + ended + `"]}`
	writeFile(t, changes, earlier)
	if code, _, stderr := runCmd(t, args...); code != 0 {
		t.Fatalf("earlier report: exit %d\n%s", code, stderr)
	}
	if rep := readReport(); rep.Format != generator.ReportFormat {
		t.Errorf("earlier report not replaced: format %q", rep.Format)
	}
	entries, err := os.ReadDir(filepath.Dir(changes))
	if err != nil || len(entries) != 1 {
		t.Errorf("reports folder holds %v (%v), want changes.json alone", entries, err)
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
}

func writeFile(t *testing.T, path, data string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBuildRefusesChangesFile: generator.Build itself refuses, so a watch
// rebuild or another caller of the library cannot overwrite an input.
func TestBuildRefusesChangesFile(t *testing.T) {
	root := safetySite(t)
	cfg := generator.Config{ContentDir: filepath.Join(root, "content"), LayoutsDir: filepath.Join(root, "layouts"),
		OutDir: filepath.Join(root, "public"), ChangesFile: filepath.Join(root, "content", "site.yaml"), Now: fixtureNow}
	before := safetyTree(t, root)
	_, err := generator.Build(context.Background(), cfg)
	want := `refusing to write the change report to "` + cfg.ChangesFile + `": it is inside the content folder "` + cfg.ContentDir + `"`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Build: %v, want %s", err, want)
	}
	testtree.Unchanged(t, before, safetyTree(t, root))
	var buf bytes.Buffer
	english := diag.English // the site is German; the text asserted is English
	cfg.Lang = &english
	if code := report(&buf, &buf, &options{cfg: cfg}, nil, err, 0); code != 1 || !strings.Contains(buf.String(), "build: "+want) {
		t.Errorf("report: exit %d\n%s", code, buf.String())
	}
}

// TestRunInterrupted: Ctrl-C before the build is done says so and blames
// no file; the output folder is as it was.
func TestRunInterrupted(t *testing.T) {
	s := newSite(t)
	if code, _, stderr := runCmd(t, s.args()...); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	before := snapshot(t, s.out)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, s.args("-base-url", "https://other.example/"), &stdout, &stderr)
	if want := "build: interrupted; " + s.out + " still holds the previous site\n"; code != 1 || stderr.String() != want {
		t.Errorf("exit %d, stderr\n%s\nwant exit 1 and\n%s", code, stderr.String(), want)
	}
	stderr.Reset()
	code = run(ctx, s.args("-base-url", "https://other.example/", "-lang", "de"), &stdout, &stderr)
	if want := "Build: abgebrochen; " + s.out + " enthält weiterhin die vorige Website\n"; code != 1 || stderr.String() != want {
		t.Errorf("-lang de: exit %d, stderr\n%s\nwant exit 1 and\n%s", code, stderr.String(), want)
	}
	stderr.Reset()
	code = run(ctx, s.args("-check", "-lang", "de"), &stdout, &stderr)
	if want := "Build: abgebrochen; nichts geschrieben\n"; code != 1 || stderr.String() != want {
		t.Errorf("-check -lang de: exit %d, stderr\n%s\nwant exit 1 and\n%s", code, stderr.String(), want)
	}
	if !maps.Equal(before, snapshot(t, s.out)) {
		t.Error("an interrupted build changed the output")
	}
}

// TestRunChangesWriteFails: when the change report cannot be written after
// the new site is in place, the error and the summary say the folder holds
// the new site (not that it is unchanged, nor that it is half written).
func TestRunChangesWriteFails(t *testing.T) {
	s := newSite(t)
	report := filepath.Join(t.TempDir(), "missing", "changes.json")
	for _, lang := range []string{"en", "de"} {
		t.Run(lang, func(t *testing.T) {
			os.RemoveAll(s.out)
			code, _, stderr := runCmd(t, append(s.args("-changes", report), "-lang", lang)...)
			want := map[string]string{
				"en": "; " + s.out + " holds the new site\nbuild failed: 1 error(s) after the new site was in place; " + s.out + " holds the new site\n",
				"de": "; " + s.out + " enthält die neue Website\nBuild fehlgeschlagen: 1 Fehler, nachdem die neue Website fertig war; " + s.out + " enthält die neue Website\n",
			}[lang]
			if code != 1 || !strings.HasSuffix(stderr, want) {
				t.Errorf("exit %d, stderr\n%s\nwant exit 1 and an end of\n%s", code, stderr, want)
			}
			if _, err := os.Stat(filepath.Join(s.out, "index.html")); err != nil {
				t.Errorf("the new site is not in place: %v", err)
			}
		})
	}
}
