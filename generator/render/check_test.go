package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolesite/generator/diag"
)

// TestTemplateFieldsChecked: a field chain that names no field of the view
// type it is applied to fails when the templates load, in branches that do
// not run too, at the layouts file, line and column of the chain, with the
// nearest field as a hint; values of unknown type are not looked into.
func TestTemplateFieldsChecked(t *testing.T) {
	tests := []struct {
		name    string
		file    string // the built-in template edited into layouts/
		replace [2]string
		bad     string // the chain reported, as written
		want    string // the message; "" for no error
	}{
		{"closed branch", "role.html", [2]string{`{{template "contact" .}}`, `{{template "contact" .}}{{if eq .Role.Status "closed"}}{{.Role.ValidUntil}}{{end}}`},
			".Role.ValidUntil", "RoleView has no field ValidUntil (did you mean ValidThrough?)"},
		{"partial, per caller's type", "_partials.html", [2]string{`{{define "rolecard"}}{{/* . is a RoleLink */}}`, `{{define "rolecard"}}{{/* . is a RoleLink */}}{{.Titel}}`},
			".Titel", "RoleLink has no field Titel (did you mean Title?)"},
		{"range variable", "_partials.html", [2]string{`{{$c.Name}}</span>`, `{{$c.Nam}}</span>`},
			"$c.Nam", "Crumb has no field Nam (did you mean Name?)"},
		{"with", "home.html", [2]string{`{{define "main"}}`, `{{define "main"}}{{with .Site}}{{.AgencyNmae}}{{end}}`},
			".AgencyNmae", "SiteView has no field AgencyNmae (did you mean AgencyName?)"},
		{"no near name", "404.html", [2]string{`{{define "main"}}`, `{{define "main"}}{{.Site.Qqqqzzzz}}`},
			".Site.Qqqqzzzz", "SiteView has no field Qqqqzzzz (docs/TEMPLATES.md lists the fields)"},
		{"unknown type not looked into", "404.html", [2]string{`{{define "main"}}`, `{{define "main"}}{{range .JSONLD}}{{.Anything}}{{end}}{{with $x := .Role}}{{$x.Title}}{{end}}`},
			"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := builtin.ReadFile("templates/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(src), tt.replace[0]) {
				t.Fatalf("%s has no %q", tt.file, tt.replace[0])
			}
			edited := strings.Replace(string(src), tt.replace[0], tt.replace[1], 1)
			dir := t.TempDir()
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			_, errs := New(dir)
			if tt.want == "" {
				if len(errs) > 0 {
					t.Fatalf("errors: %v", errs)
				}
				return
			}
			if len(errs) != 1 {
				t.Fatalf("got %d diagnostics, want 1: %v", len(errs), errs)
			}
			d := errs[0]
			off := strings.Index(edited, tt.bad)
			line := strings.Count(edited[:off], "\n") + 1
			col := off - strings.LastIndex(edited[:off], "\n")
			if d.Pos.Path != path || d.Pos.Line != line || d.Pos.Column != col {
				t.Errorf("at %s:%d:%d, want %s:%d:%d", d.Pos.Path, d.Pos.Line, d.Pos.Column, path, line, col)
			}
			if got := d.MessageIn(diag.English); got != tt.want {
				t.Errorf("message %q, want %q", got, tt.want)
			}
			if d.Severity != diag.Error {
				t.Errorf("%v is not an error", d)
			}
		})
	}
}

// TestExecErrorNamesLayoutsFile: an error while a template runs (what no
// load-time check can rule out: an index past the end) names the layouts
// file, line and column.
func TestExecErrorNamesLayoutsFile(t *testing.T) {
	src, err := builtin.ReadFile("templates/home.html")
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), `{{define "main"}}`, `{{define "main"}}{{index .Home.Categories 99}}`, 1)
	dir := t.TempDir()
	path := filepath.Join(dir, "home.html")
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	rd, errs := New(dir)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	var buf bytes.Buffer
	err = rd.WriteHome(&buf, rd.NewContext(cardSite(), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)))
	off := strings.Index(edited, "index .Home")
	line := strings.Count(edited[:off], "\n") + 1
	col := off - strings.LastIndex(edited[:off], "\n")
	want := fmt.Sprintf("%s:%d:%d: executing", path, line, col)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want it to contain %q", err, want)
	}
}
