package render

import (
	"bytes"
	"html/template"
	"regexp"
	"strings"
	"testing"
)

// execTemplate runs an html/template text with v: the escaping the
// functions of escape.go must write the same bytes as.
func execTemplate(t *testing.T, text string, v any) string {
	t.Helper()
	var b bytes.Buffer
	if err := template.Must(template.New("").Parse(text)).Execute(&b, v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestEscapeHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain text ü€", "plain text ü€"},
		{"</script><script>alert(1)</script>", "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"},
		{`a < b & c > d`, "a &lt; b &amp; c &gt; d"},
		{`"double" 'single'`, "&#34;double&#34; &#39;single&#39;"},
		{"1+1", "1&#43;1"},
		{"a\x00b", "a\uFFFDb"},
		{"&amp; stays text", "&amp;amp; stays text"},
		{"line\u2028sep\u2029para", "line\u2028sep\u2029para"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		escapeHTML(&b, tt.in)
		if got := b.String(); got != tt.want {
			t.Errorf("escapeHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// The same bytes as html/template in text and in an attribute.
		if ref := execTemplate(t, "{{.}}", tt.in); b.String() != ref {
			t.Errorf("escapeHTML(%q) = %q, html/template writes %q", tt.in, b.String(), ref)
		}
		if ref := execTemplate(t, `<p title="{{.}}">`, tt.in); `<p title="`+b.String()+`">` != ref {
			t.Errorf("escapeHTML(%q) in an attribute = %q, html/template writes %q", tt.in, b.String(), ref)
		}
	}
}

func TestFilterAndNormalizeURL(t *testing.T) {
	tests := []struct{ in, filtered, normalized string }{
		{"https://example.test/a", "https://example.test/a", "https://example.test/a"},
		{"HTTP://example.test/", "HTTP://example.test/", "HTTP://example.test/"},
		{"mailto:a@example.test", "mailto:a@example.test", "mailto:a@example.test"},
		{"/relative/path", "/relative/path", "/relative/path"},
		{"javascript:alert(1)", "#ZgotmplZ", "javascript:alert%281%29"},
		{"JaVaScRiPt:alert(1)", "#ZgotmplZ", "JaVaScRiPt:alert%281%29"},
		{"data:text/html,<b>", "#ZgotmplZ", "data:text/html,%3cb%3e"},
		{"https://example.test/a b/ü?x=\"1\"", "https://example.test/a b/ü?x=\"1\"", "https://example.test/a%20b/%c3%bc?x=%221%22"},
		{"%zz%41%4", "%zz%41%4", "%25zz%41%254"},
		{"a/b:c", "a/b:c", "a/b:c"},
	}
	for _, tt := range tests {
		if got := filterURL(tt.in); got != tt.filtered {
			t.Errorf("filterURL(%q) = %q, want %q", tt.in, got, tt.filtered)
		}
		if got := normalizeURL(tt.in); got != tt.normalized {
			t.Errorf("normalizeURL(%q) = %q, want %q", tt.in, got, tt.normalized)
		}
		// filter, normalize and attribute-escape is what html/template
		// does to a string in href.
		var b bytes.Buffer
		escapeHTML(&b, normalizeURL(filterURL(tt.in)))
		if ref := execTemplate(t, `<a href="{{.}}">`, tt.in); `<a href="`+b.String()+`">` != ref {
			t.Errorf("href %q: %q, html/template writes %q", tt.in, b.String(), ref)
		}
	}
}

// hostileTitles are texts that try to leave the element, attribute or
// script they are written into.
var hostileTitles = []struct {
	name, text string
	html       string // the text as the page's <h1> holds it
}{
	{"script end", `</script><script>alert(1)</script><!--<script>`,
		"&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--&lt;script&gt;"},
	{"upper-case script end", `</SCRIPT ><img src=x onerror=alert(1)>`,
		"&lt;/SCRIPT &gt;&lt;img src=x onerror=alert(1)&gt;"},
	{"markup and entities", `a < b && c > d &amp; &#60;`,
		"a &lt; b &amp;&amp; c &gt; d &amp;amp; &amp;#60;"},
	{"quotes", `"double" 'single' ` + "`back`",
		"&#34;double&#34; &#39;single&#39; `back`"},
	{"line separators", "eins\u2028zwei\u2029drei",
		"eins\u2028zwei\u2029drei"},
}

var scriptTag = regexp.MustCompile(`(?i)<script`)
var scriptEnd = regexp.MustCompile(`(?i)</script`)

// TestHostileTextEscaped renders the pages of a site whose role title,
// description, category title and site title are each hostile text, and
// checks the HTML holds it escaped and every JSON-LD script parses, holds
// it exactly and contains no character that could end the script.
func TestHostileTextEscaped(t *testing.T) {
	for _, h := range hostileTitles {
		t.Run(h.name, func(t *testing.T) {
			site := viewSite()
			r := roleOf(t, site, "backend-entwickler")
			r.Title = h.text
			r.Description = "Beschreibung: " + h.text
			r.HiringOrganization.Name = h.text
			r.Skills = []string{h.text}
			site.Categories[0].Title = "Kategorie " + h.text
			site.Organization.Name = "Agentur " + h.text
			pages := sitePages(t, site, "<p>Text</p>")
			for name, page := range pages {
				if n, m := len(scriptTag.FindAllStringIndex(page, -1)), len(scriptEnd.FindAllStringIndex(page, -1)); n != m || n != len(ldBlocks(t, page)) {
					t.Errorf("%s: %d <script, %d </script, %d JSON-LD scripts", name, n, m, len(ldBlocks(t, page)))
				}
				if strings.Contains(page, "<img src=x") || strings.Contains(page, "<!--<script") {
					t.Errorf("%s: hostile markup written as markup", name)
				}
				for _, block := range ldBlocks(t, page) {
					if i := strings.IndexAny(block, "<>&\u2028\u2029"); i >= 0 {
						t.Errorf("%s: JSON-LD holds %q raw: %.60q", name, block[i:i+1], block[i:])
					}
				}
				ldValues(t, page) // every block parses
			}

			role := pages["role backend-entwickler"]
			for _, want := range []string{
				"<h1>" + h.html + "</h1>",
				"<title>" + h.html + " – Job in Köln | Karriere</title>",
				`<meta name="description" content="Beschreibung: ` + h.html + `">`,
				`<meta property="og:title" content="` + h.html + `">`,
				"<li>" + h.html + "</li>",
			} {
				if !strings.Contains(role, want) {
					t.Errorf("role page lacks %q", want)
				}
			}
			vs := ldValues(t, role)
			jp := ldOf(vs, "JobPosting")
			if jp == nil {
				t.Fatal("no JobPosting")
			}
			for path, want := range map[string]string{
				"title":                               h.text,
				"skills":                              h.text,
				"hiringOrganization.name":             h.text,
				"identifier.name":                     "Agentur " + h.text,
				"description":                         "<p>Text</p>",
				"jobLocation.address.addressLocality": "Köln",
			} {
				if got, _ := at(jp, path); got != want {
					t.Errorf("JobPosting %s = %q, want %q", path, got, want)
				}
			}
			if got, _ := at(ldOf(vs, "BreadcrumbList"), "itemListElement.1.name"); got != "Kategorie "+h.text {
				t.Errorf("breadcrumb name %q, want %q", got, "Kategorie "+h.text)
			}
			home := ldValues(t, pages["home"])
			if got, _ := at(ldOf(home, "Organization"), "name"); got != "Agentur "+h.text {
				t.Errorf("Organization name %q, want %q", got, "Agentur "+h.text)
			}
		})
	}
}

// TestHostileBodyInJSONLD: the rendered body goes into the page as HTML
// and into the JobPosting's description as a JSON string, escaped there.
func TestHostileBodyInJSONLD(t *testing.T) {
	const body = "<p>a &amp; b &lt;/script&gt; \u2028</p>"
	site := viewSite()
	page := sitePages(t, site, body)["role backend-entwickler"]
	if !strings.Contains(page, "<div class=\"prose\">\n"+body+"\n</div>") {
		t.Error("the body is not in the page as it is")
	}
	blocks := ldBlocks(t, page)
	const want = `"description":"\u003cp\u003ea \u0026amp; b \u0026lt;/script\u0026gt; \u2028\u003c/p\u003e"`
	if len(blocks) == 0 || !strings.Contains(blocks[0], want) {
		t.Errorf("JobPosting lacks %s:\n%s", want, strings.Join(blocks, "\n"))
	}
	if got, _ := at(ldOf(ldValues(t, page), "JobPosting"), "description"); got != body {
		t.Errorf("description %q, want %q", got, body)
	}
}

// TestHostileURLsFiltered: a URL field with a scheme html/template does
// not allow becomes #ZgotmplZ in href.
func TestHostileURLsFiltered(t *testing.T) {
	site := viewSite()
	r := roleOf(t, site, "backend-entwickler")
	r.HiringOrganization.URL = "javascript:alert(1)"
	page := sitePages(t, site, "<p>x</p>")["role backend-entwickler"]
	if !strings.Contains(page, `<a href="#ZgotmplZ">`) {
		t.Error(`employer link not filtered to "#ZgotmplZ"`)
	}
	if strings.Contains(page, `href="javascript:`) {
		t.Error("javascript: URL in href")
	}
}
