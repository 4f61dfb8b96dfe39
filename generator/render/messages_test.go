package render

import (
	"html/template"
	"testing"
)

// germanPages returns r's page templates for a German site.
func germanPages(t testing.TB, r *Renderer) map[string]*template.Template {
	t.Helper()
	loc, err := r.catalogue.Locale("de")
	if err != nil {
		t.Fatal(err)
	}
	ps, err := r.pageSet(loc)
	if err != nil {
		t.Fatal(err)
	}
	return ps.pages
}
