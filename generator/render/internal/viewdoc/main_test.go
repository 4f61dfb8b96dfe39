package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTemplatesDocUpToDate fails when docs/TEMPLATES.md is not what the
// code says: run go generate ./generator/render.
func TestTemplatesDocUpToDate(t *testing.T) {
	got, err := generate(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "docs", "TEMPLATES.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("docs/TEMPLATES.md is stale: run go generate ./generator/render")
	}
	for _, must := range []string{"`{{.Role.ValidThroughISO}}`", "`{{.Home.OpenCount}}`", "| `mailto` |", "| `rolecard` | _partials.html | . is a RoleLink |", "`{{range .Category.Open}}{{.Title}}{{end}}`", "## Feed templates", "`{{range .Jobs}}{{.ReferenceNumber}}{{end}}`", "| `cdata` |"} {
		if !bytes.Contains(got, []byte(must)) {
			t.Errorf("docs/TEMPLATES.md lacks %s", must)
		}
	}
}

// TestEveryFieldDocumented: a view field without a doc comment, or a
// partial without its "receives" comment, stops the generator.
func TestEveryFieldDocumented(t *testing.T) {
	dir := t.TempDir()
	src := "package render\n\n// Page is what templates get.\ntype Page struct {\n\tTitle string // the title\n\tHeading string\n}\n\nvar funcs = map[string]any{}\n"
	os.WriteFile(filepath.Join(dir, "a.go"), []byte(src), 0o644)
	os.Mkdir(filepath.Join(dir, "templates"), 0o755)
	_, err := generate(dir)
	if err == nil || !strings.Contains(err.Error(), "Page.Heading has no doc comment") {
		t.Errorf("err = %v, want Page.Heading named", err)
	}
	os.WriteFile(filepath.Join(dir, "templates", "_p.html"), []byte(`{{define "x"}}y{{end}}`), 0o644)
	_, err = generate(dir)
	if err == nil || !strings.Contains(err.Error(), `{{define "x"}} opens with no`) {
		t.Errorf("err = %v, want the partial named", err)
	}
}
