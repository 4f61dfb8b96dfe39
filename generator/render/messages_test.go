package render

import (
	"bytes"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"rolesite/generator/content"
	"rolesite/generator/diag"
	"rolesite/generator/render/i18n"
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

// TestBuiltinCatalogues: German and English have the same keys, each with
// plural forms in both or in neither and the same arguments; every key is
// used by a template or by the Go code, and every key the Go code uses is
// there.
func TestBuiltinCatalogues(t *testing.T) {
	r, errs := New("")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	files, err := i18n.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	parsed := map[string]*i18n.File{}
	for name, data := range files {
		f, errs := i18n.Parse(name, data)
		if len(errs) > 0 {
			t.Fatalf("%s: %v", name, errs)
		}
		parsed[strings.TrimSuffix(name, ".yaml")] = f
	}
	de, en := parsed["de"], parsed["en"]
	if a, b := i18n.Keys(de.Msgs), i18n.Keys(en.Msgs); !slices.Equal(a, b) {
		t.Errorf("de.yaml and en.yaml differ in keys:\nde %v\nen %v", a, b)
	}
	used := r.usedKeys()
	for _, k := range i18n.Keys(de.Msgs) {
		if !slices.Contains(used, k) {
			t.Errorf("built-in key %s is used by no template and not by the Go code", k)
		}
		if m := en.Msgs[k]; m != nil && m.Plural() != de.Msgs[k].Plural() {
			t.Errorf("%s has plural forms in one language only", k)
		}
	}
	for _, k := range used {
		if de.Msgs[k] == nil {
			t.Errorf("key %s is used but not in de.yaml", k)
		}
	}
	for _, lang := range []string{"de", "en", "en-US"} {
		for _, k := range i18n.Keys(parsed[lang].Msgs) {
			if de.Msgs[k] == nil {
				t.Errorf("%s.yaml: key %s is not in de.yaml", lang, k)
			}
		}
	}
	// The same arguments: a message with {1} in one language has it in the
	// other.
	loc := map[string]*i18n.Locale{}
	for _, lang := range []string{"de", "en"} {
		loc[lang], _ = r.catalogue.Locale(lang)
	}
	for _, k := range i18n.Keys(de.Msgs) {
		for n := 0; n <= 3; n++ {
			args := []any{1, "x", "y"}[:n]
			_, errDE := loc["de"].T(k, args...)
			_, errEN := loc["en"].T(k, args...)
			if (errDE == nil) != (errEN == nil) {
				t.Errorf("%s with %d arguments: de %v, en %v", k, n, errDE, errEN)
			}
		}
	}
}

// TestCheckLanguage: every form of German and English site.yaml may give
// has a catalogue; another language is an error at site.yaml's language
// key that names the file to add, unless layouts/i18n adds it.
func TestCheckLanguage(t *testing.T) {
	r, errs := New("")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	pos := diag.Position{Path: "site.yaml", Line: 3, Column: 11}
	for _, lang := range []string{"de", "de-DE", "de-AT", "de-CH", "en", "en-GB", "en-US", "en-IE"} {
		if errs := r.CheckLanguage(&content.Site{Language: lang, LanguagePos: pos}); len(errs) > 0 {
			t.Errorf("%s: %v", lang, errs)
		}
	}
	errs = r.CheckLanguage(&content.Site{Language: "fr-CA", LanguagePos: pos})
	if len(errs) != 1 || errs[0].Pos != pos || !strings.Contains(errs[0].String(), "layouts/i18n/fr.yaml") {
		t.Errorf("fr-CA: %v, want one error at %v naming layouts/i18n/fr.yaml", errs, pos)
	}
	// A site that goes on anyway renders no page.
	c := r.NewContext(&content.Site{Language: "fr"}, time.Now())
	var b bytes.Buffer
	if err := r.WriteHome(&b, c); err == nil || b.Len() > 0 {
		t.Errorf("home page of a language without catalogue: %v, %d bytes", err, b.Len())
	}
}

// TestAddedLanguage: a complete catalogue in layouts/i18n adds a language;
// its words are on the pages, the role page still written by the
// generated code, and the same as html/template writes.
func TestAddedLanguage(t *testing.T) {
	dir := t.TempDir()
	files, _ := i18n.Builtin()
	fr := strings.NewReplacer("Open position", "Poste ouvert", "Skip to content", "Aller au contenu",
		`format_decimal: "."`, `format_decimal: ","`, `format_group: ","`, `format_group: "\u202f"`,
		`format_money: "{1}{0}"`, `format_money: "{0}\u00a0{1}"`).Replace(string(files["en.yaml"]))
	if err := os.MkdirAll(filepath.Join(dir, "i18n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "i18n", "fr.yaml"), []byte(fr), 0o644); err != nil {
		t.Fatal(err)
	}
	fast, errs := New(dir)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	slow, _ := newRenderer(dir, false)
	site := cardSite()
	site.Language = "fr"
	if errs := fast.CheckLanguage(site); len(errs) > 0 {
		t.Fatal(errs)
	}
	french := func(s *content.Site) { s.Language = "fr" }
	got, want := renderAll(t, fast, french), renderAll(t, slow, french)
	for name, page := range want {
		if got[name] != page {
			t.Errorf("%s differs between the generated writer and html/template", name)
		}
	}
	for name, page := range got {
		for _, s := range []string{`lang="fr"`, "Aller au contenu"} {
			if !strings.Contains(page, s) {
				t.Errorf("%s has no %q", name, s)
			}
		}
		if strings.Contains(page, "Skip to content") || strings.Contains(page, "Zum Inhalt") {
			t.Errorf("%s has words of another language", name)
		}
	}
}
