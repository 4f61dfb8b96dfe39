package generator

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"

	"rolesite/generator/content"
	"rolesite/internal/testtree"
)

// TestSampleSiteInEnglish: the sample site built with language: en has
// no word of the German catalogue on any page, outside what the content
// says (the roles' titles, descriptions, bodies, skills; the categories;
// the site's title): every visible text, aria-label, alt and title of the
// built-in templates comes from the English catalogue.
func TestSampleSiteInEnglish(t *testing.T) {
	dir := t.TempDir()
	contentDir := filepath.Join(dir, "content")
	testtree.Copy(t, "../content", contentDir)
	siteYAML := filepath.Join(contentDir, "site.yaml")
	editFile(t, siteYAML, func(s string) string {
		if !strings.Contains(s, "\nlanguage: de\n") {
			t.Fatal("content/site.yaml has no language: de")
		}
		return strings.Replace(s, "\nlanguage: de\n", "\nlanguage: en\n", 1)
	})
	cfg := Config{ContentDir: contentDir, LayoutsDir: filepath.Join(dir, "layouts"), StaticDir: "../static", OutDir: filepath.Join(dir, "public"), Now: fixtureNow}
	mustBuild(t, cfg)
	site, errs := loadSite(t, cfg)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	german := germanWords(t)
	if len(german) < 80 {
		t.Fatalf("only %d German words to look for", len(german))
	}
	contentTexts := siteTexts(site)
	pages := 0
	for p, data := range testtree.Files(t, cfg.OutDir) {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		text := pageText(t, data)
		for _, c := range contentTexts {
			text = strings.ReplaceAll(text, c, "\x00")
		}
		text = cutTruncated(text, contentTexts)
		for _, w := range german {
			if containsWord(text, w) {
				t.Errorf("%s: German %q on an English page", p, w)
			}
		}
		// Words no catalogue has yet (a template's new text): German's
		// letters and its most common words.
		for _, w := range germanTells {
			if containsWord(text, w) || !unicode.IsLetter([]rune(w)[0]) && strings.Contains(text, w) {
				t.Errorf("%s: %q on an English page: a word of a template not in the catalogue?", p, w)
			}
		}
		if !strings.Contains(string(data), `<html lang="en">`) {
			t.Errorf("%s: not lang=en", p)
		}
	}
	if pages < 30 {
		t.Errorf("checked %d pages", pages)
	}
}

// cutTruncated replaces in text every start of a content text that a
// meta description cut short with "…" (a further list page's description
// is its category's, cut to leave room for the page number).
func cutTruncated(text string, contentTexts []string) string {
	for _, c := range contentTexts {
		const least = 20
		if len(c) <= least {
			continue
		}
		for from := 0; ; {
			i := strings.Index(text[from:], c[:least])
			if i < 0 {
				break
			}
			i += from
			n := least
			for n < len(c) && i+n < len(text) && text[i+n] == c[n] {
				n++
			}
			if rest := strings.TrimLeft(text[i+n:], " "); strings.HasPrefix(rest, "…") {
				text = text[:i] + "\x00" + rest[len("…"):]
				from = i + 1
			} else {
				from = i + n
			}
		}
	}
	return text
}

// germanTells are letters and words that English text does not have.
var germanTells = []string{"ä", "ö", "ü", "Ä", "Ö", "Ü", "ß", "und", "oder", "der", "die", "das", "Sie", "mit", "für", "bei", "alle", "nicht", "Stellen"}

// germanWords are the texts of the German catalogue that the English one
// writes otherwise, split at their arguments, of at least four letters.
func germanWords(t *testing.T) []string {
	read := func(lang string) map[string]any {
		data, err := os.ReadFile(filepath.Join("render", "i18n", lang+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]any{}
		if err := yaml.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	texts := func(v any) map[string]string {
		switch v := v.(type) {
		case string:
			return map[string]string{"": v}
		case map[string]any:
			out := map[string]string{}
			for f, s := range v {
				out[f], _ = s.(string)
			}
			return out
		}
		return nil
	}
	de, en := read("de"), read("en")
	arg := regexp.MustCompile(`\{\d\}`)
	seen := map[string]bool{}
	for key, v := range de {
		if strings.HasPrefix(key, "format_") || strings.HasPrefix(key, "currency_") || strings.HasPrefix(key, "list_") {
			continue
		}
		enTexts := texts(en[key])
		for form, s := range texts(v) {
			if enTexts[form] == s {
				continue // the same in both: "August", "LinkedIn"
			}
			for _, frag := range arg.Split(s, -1) {
				frag = strings.TrimFunc(frag, func(r rune) bool { return !unicode.IsLetter(r) })
				if utf8.RuneCountInString(frag) >= 4 {
					seen[frag] = true
				}
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// siteTexts are what the content says, longest first (so that a title is
// taken out before a part of it).
func siteTexts(site *content.Site) []string {
	var out []string
	add := func(s ...string) {
		for _, x := range s {
			if strings.TrimSpace(x) != "" {
				out = append(out, x)
			}
		}
	}
	add(site.Title, site.Organization.Name)
	for _, c := range site.Categories {
		add(c.Title, c.Description)
	}
	for _, r := range site.Roles {
		add(r.Title, r.Description, r.Location.Locality, r.Location.Region, r.HiringOrganization.Name)
		add(r.Skills...)
		add(r.Synonyms...)
	}
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// pageText is a page's visible text, its title and description, and its
// aria-label, alt and title attributes, each on a line; the role's body
// (.prose) and scripts left out.
func pageText(t *testing.T, data []byte) string {
	doc, err := html.Parse(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "script" || n.Data == "style" {
				return
			}
			for _, a := range n.Attr {
				switch {
				case a.Key == "class" && slices.Contains(strings.Fields(a.Val), "prose"):
					return
				case a.Key == "aria-label" || a.Key == "alt" || a.Key == "title":
					b.WriteString(a.Val + "\n")
				case a.Key == "content" && n.Data == "meta":
					b.WriteString(a.Val + "\n")
				}
			}
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data + "\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	return b.String()
}

// containsWord reports whether s has w where no letter goes on before or
// after it: "Januar" is not in "January".
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsLetter(before) && !unicode.IsLetter(after) {
			return true
		}
		i = start + 1
	}
}
