package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"rolesite/internal/testtree"
)

// TestRunInitThenBuild: build -init writes a site that build then builds
// with exit 0 and no warning, and -new adds a draft that keeps it so.
func TestRunInitThenBuild(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(fixtureNow.Unix(), 10))
	dir := filepath.Join(t.TempDir(), "karriere")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"-init", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("-init: exit %d\n%s", code, stderr.String())
	}
	contentDir, out := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	want := "replace the example values, then build it: build -content " + contentDir + " -out " + out + "\n"
	if !strings.HasSuffix(stdout.String(), want) {
		t.Errorf("stdout %q, want it to end in %q", stdout.String(), want)
	}
	// -init writes a German site; the summary asserted is the English one.
	buildArgs := []string{"-content", contentDir, "-layouts", filepath.Join(dir, "layouts"), "-out", out, "-lang", "en"}
	for _, step := range []string{"first build", "after -new"} {
		stdout.Reset()
		stderr.Reset()
		if code := run(context.Background(), buildArgs, &stdout, &stderr); code != 0 || stderr.Len() != 0 {
			t.Fatalf("%s: exit %d\n%s", step, code, stderr.String())
		}
		if !strings.Contains(stdout.String(), "; 0 links, 0 warnings in ") {
			t.Errorf("%s: %s", step, stdout.String())
		}
		if step == "first build" {
			stdout.Reset()
			if code := run(context.Background(), []string{"-content", contentDir, "-new", "digital-marketing/seo-manager"}, &stdout, &stderr); code != 0 {
				t.Fatalf("-new: exit %d\n%s", code, stderr.String())
			}
			path := filepath.Join(contentDir, "roles", "seo-manager.md")
			if got, want := stdout.String(), path+" geschrieben: ein Entwurf; ersetzen Sie die Platzhalter in [ ] und löschen Sie dann draft: true, um die Rolle zu veröffentlichen (build -drafts zeigt sie bis dahin an)\n"; got != want { // the site -init wrote is German
				t.Errorf("-new printed %q, want %q", got, want)
			}
			if text, err := os.ReadFile(path); err != nil || !strings.Contains(string(text), "\n# date_posted: 2026-11-26 ") {
				t.Errorf("date_posted is not SOURCE_DATE_EPOCH's day: %v\n%s", err, text)
			}
		}
	}
}

// TestRunNewRefusals: the exit status and message of each refusal of -new
// and -init, in English (-lang en) and German (the fixture site's
// language), and that nothing is written.
func TestRunNewRefusals(t *testing.T) {
	s := newSite(t)
	taken := filepath.Join(s.content, "roles", "archiv", "data-scientist.md")
	if err := os.MkdirAll(filepath.Dir(taken), 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(s.content, "roles", "backend-entwickler.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(taken, src, 0o644); err != nil {
		t.Fatal(err)
	}
	existing := filepath.Join(s.content, "roles", "backend-entwickler.md")
	siteYAML := filepath.Join(s.content, "site.yaml")
	tests := []struct {
		args   []string
		code   int
		en, de string
	}{
		{[]string{"-new", "tech/backend-entwickler"}, 1,
			"build: -new tech/backend-entwickler: " + existing + " already exists; -new never overwrites a file: edit that one, or choose another slug\n",
			"Build: -new tech/backend-entwickler: " + existing + " gibt es schon; -new überschreibt nie eine Datei: bearbeiten Sie diese, oder wählen Sie einen anderen Slug\n"},
		{[]string{"-new", "tech/data-scientist"}, 1,
			`build: -new tech/data-scientist: slug "data-scientist" is taken by ` + taken + " (a slug names one role in all folders under roles/); choose another slug\n",
			`Build: -new tech/data-scientist: der Slug "data-scientist" ist schon durch ` + taken + " vergeben (ein Slug bezeichnet eine Rolle in allen Ordnern unter roles/); wählen Sie einen anderen Slug\n"},
		{[]string{"-new", "tehc/data-engineer"}, 2,
			`build: -new tehc/data-engineer: category "tehc" is not defined in ` + siteYAML + ` (did you mean "tech"?)` + "\n",
			`Build: -new tehc/data-engineer: der Fachbereich "tehc" ist in ` + siteYAML + ` nicht definiert (meinten Sie "tech"?)` + "\n"},
		{[]string{"-new", "tech/Data Engineer"}, 2,
			`build: -new tech/Data Engineer: slug "Data Engineer" is not valid: use lowercase letters a-z, digits and single hyphens, e.g. backend-entwickler (did you mean "data-engineer"?)` + "\n",
			`Build: -new tech/Data Engineer: der Slug "Data Engineer" ist ungültig: verwenden Sie Kleinbuchstaben a-z, Ziffern und einzelne Bindestriche, z. B. backend-entwickler (meinten Sie "data-engineer"?)` + "\n"},
		{[]string{"-new", "data-engineer"}, 2,
			`build: -new "data-engineer": want CATEGORY/SLUG, e.g. -new tech-development/data-engineer` + "\n",
			`Build: -new "data-engineer": erwartet wird FACHBEREICH/SLUG, z. B. -new tech-development/data-engineer` + "\n"},
		{[]string{"-init", filepath.Dir(s.content)}, 2,
			"build: -init " + filepath.Dir(s.content) + ": " + s.content + " already exists; -init writes a new site only into a folder without content/, site.yaml or roles/ (choose another folder)\n",
			"Build: -init " + filepath.Dir(s.content) + ": " + s.content + " gibt es schon; -init schreibt eine neue Website nur in einen Ordner ohne content/, site.yaml und roles/ (wählen Sie einen anderen Ordner)\n"},
	}
	for _, tt := range tests {
		for _, lang := range []string{"en", "de"} {
			t.Run(strings.Join(tt.args, " ")+" "+lang, func(t *testing.T) {
				before := safetyTree(t, s.content)
				args := []string{"-lang", lang}
				if tt.args[0] == "-new" {
					args = append(args, "-content", s.content)
				}
				var stdout, stderr bytes.Buffer
				code := run(context.Background(), append(args, tt.args...), &stdout, &stderr)
				want := tt.en
				if lang == "de" {
					want = tt.de
				}
				if code != tt.code || stderr.String() != want || stdout.Len() != 0 {
					t.Errorf("exit %d, stderr %q, stdout %q; want exit %d, stderr %q", code, stderr.String(), stdout.String(), tt.code, want)
				}
				testtree.Unchanged(t, before, safetyTree(t, s.content))
			})
		}
	}
}
