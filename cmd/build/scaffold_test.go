package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
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

// TestRunNewRefusals: the exit status and message of each refusal.
func TestRunNewRefusals(t *testing.T) {
	s := newSite(t)
	tests := []struct {
		arg  string
		code int
		want string
	}{
		{"tech/backend-entwickler", 1, "build: -new tech/backend-entwickler: " + filepath.Join(s.content, "roles", "backend-entwickler.md") + " already exists; -new never overwrites a file: edit that one, or choose another slug\n"},
		{"tehc/data-engineer", 2, `build: -new tehc/data-engineer: category "tehc" is not defined in ` + filepath.Join(s.content, "site.yaml") + ` (did you mean "tech"?)` + "\n"},
		{"tech/Data Engineer", 2, `build: -new tech/Data Engineer: slug "Data Engineer" is not valid: use lowercase letters a-z, digits and single hyphens, e.g. backend-entwickler (did you mean "data-engineer"?)` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			before := safetyTree(t, s.content)
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"-content", s.content, "-new", tt.arg}, &stdout, &stderr)
			if code != tt.code || stderr.String() != tt.want || stdout.Len() != 0 {
				t.Errorf("exit %d, stderr %q, stdout %q; want exit %d, stderr %q", code, stderr.String(), stdout.String(), tt.code, tt.want)
			}
			safetySame(t, before, safetyTree(t, s.content))
		})
	}
}
