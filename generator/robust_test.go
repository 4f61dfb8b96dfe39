package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// Hostile text (ISSUE 5, item 2): text from content never becomes markup,
// script or a dangerous URL in the output, and a link that a browser would
// run is a build error, never published.

// hostileStrings are the payloads every text field of a role and of
// site.yaml carries in TestHostileFieldsStayInert. Each is one line and
// short enough for a title (the limit is 120 characters).
var hostileStrings = []string{
	`</script><script>alert(1)</script>`,
	`<!-- <script>alert(2)</script> -->`,
	`]]><![CDATA[<script>alert(3)</script>]]>`,
	`"'><img src=x onerror=alert(4)> ` + "`",
	"Zeile\u2028Trenner\u2029Absatz alert(5)",
	`{{.Site}} ${alert(6)} \u003cscript\x3c/script \u2028`,
	`javascript:alert(7)`,
	` JaVaScRiPt:alert(8)//`,
	`&lt;script&gt;alert(9)&lt;/script&gt; &amp; &#x3C;`,
	`</title></textarea><style>*{x:expression(alert(10))}</style>`,
	`<svg/onload=alert(11)><math><mi xlink:href="javascript:alert(11)">`,
	`data:text/html;base64,PHNjcmlwdD5hbGVydCgxMik8L3NjcmlwdD4=`,
	"\u202eRTL\ufeffBOM\u200b<scr\u0000ipt>alert(13)",
	`<a href="vbscript:msgbox(14)">x</a><iframe src=javascript:alert(14)>`,
}

// hostileBodies carry raw HTML, comments, CDATA and URLs that look
// dangerous but are not links a browser follows: they build.
var hostileBodies = map[string]string{
	"script block":    "<script>alert(1)</script>\n\nText.\n",
	"script inline":   "Text <script>alert(1)</script> und </script> Ende.\n",
	"unclosed script": "Text\n\n<script>\nalert(1)\n",
	"comment":         "Text <!-- <script>alert(1)</script> --> und <!-- offen\n\nweiter\n",
	"cdata":           "Text <![CDATA[ <script>alert(1)</script> ]]> und ]]> Ende.\n",
	"processing":      "<?php echo '<script>alert(1)</script>'; ?>\n\nText.\n",
	"raw links":       `Text <a href="javascript:alert(1)">a</a> <img src=x onerror="alert(1)"> <iframe src="data:text/html,<script>alert(1)</script>"></iframe>` + "\n",
	"html block":      "<div onclick=\"alert(1)\">\n<a href=\"vbscript:msgbox(1)\">x</a>\n</div>\n",
	"style":           "<style>body{background:url(javascript:alert(1))}</style>\n\nText.\n",
	"svg":             "<svg><script>alert(1)</script></svg>\n\n<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>\n",
	"scheme as text":  "Bitte nicht javascript:alert(1) oder vbscript:msgbox(1) oder data:text/html,x eintippen.\n",
	"scheme in code":  "`[x](javascript:alert(1))` und\n\n```\n<javascript:alert(1)>\n[y](data:text/html,x)\n```\n",
	"escaped link":    `\[x\](javascript:alert(1)) und \<javascript:alert(1)\>` + "\n",
	"link titles":     `[a](/tech/backend-entwickler/ "\" onmouseover=\"alert(1)") [b](https://example.com/ 'x'' onclick=alert(1)')` + "\n",
	"odd safe urls":   `[a](https://example.com/"><script>alert(1)</script>) [b](<https://example.com/a b>) <https://example.com/?q="'><x>` + "\n",
	// goldmark reads &#0000106; as octal 0106, "F": the href is the
	// harmless unknown scheme "Favascript:", not javascript:.
	"padded entity": "[a](&#0000106;avascript:alert(1))\n",
	"mail and tel":  "[Mail](mailto:jobs@test.example?subject=%3Cscript%3E) [Tel](tel:+4940555000) <jobs@test.example>\n",
	"linkify":       "Siehe www.example.com/<script>alert(1)</script> und https://example.com/\"onmouseover=alert(1)\n",
	"entities":      "&lt;script&gt;alert(1)&lt;/script&gt; &#60;script&#62; &#x3c;/script&#x3e; &amp;lt;\n",
	// U+0085 (NEL), a C1 control, is refused in a body: it would make the
	// page invalid HTML (content.TestBodyControlCharacters).
	"separators":      "Zeile\u2028Trenner\u2029Absatz und </script\u2028>\n",
	"template syntax": "{{.Site.Title}} {{template \"base\" .}} ${alert(1)} <%= alert(1) %>\n",
	"image raw alt":   `![<script>alert(1)</script>"onerror="alert(1)](/assets/bild.png)` + "\n",
	"nested emphasis": "***<script>***alert(1)***</script>***\n",
	"setext heading":  "<script>alert(1)</script>\n===\n",
	"json breakers":   "\"}]}</script><script>alert(1)</script>{\"@type\":\"JobPosting\",\"title\":\"x\"}\n",
}

// yq quotes s as a YAML double-quoted scalar (JSON is a subset).
func yq(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// hostileRole is a role whose every text field can be set.
type hostileRole struct {
	Title, Description     string
	Synonyms, Skills       []string
	Org                    string // hiring organization name; "" is confidential
	Locality, Region       string
	Street, Postal         string
	Open                   bool // date_posted and valid_through: a JobPosting
	Related                []string
	Aliases                []string
	Body                   string
	ExtraFrontMatter       string
	Category               string // "tech" when empty
	HiringOrganizationURL  string
	HiringOrganizationLogo string
}

func (h hostileRole) source() string {
	var b strings.Builder
	list := func(key string, vs []string) {
		if len(vs) == 0 {
			return
		}
		q := make([]string, len(vs))
		for i, v := range vs {
			q[i] = yq(v)
		}
		fmt.Fprintf(&b, "%s: [%s]\n", key, strings.Join(q, ", "))
	}
	cat := h.Category
	if cat == "" {
		cat = "tech"
	}
	fmt.Fprintf(&b, "---\ntitle: %s\ncategory: %s\ndescription: %s\n", yq(h.Title), cat, yq(h.Description))
	list("synonyms", h.Synonyms)
	list("skills", h.Skills)
	if h.Org != "" || h.HiringOrganizationURL != "" {
		fmt.Fprintf(&b, "hiring_organization:\n  name: %s\n", yq(h.Org))
		if h.HiringOrganizationURL != "" {
			fmt.Fprintf(&b, "  url: %s\n", yq(h.HiringOrganizationURL))
		}
		if h.HiringOrganizationLogo != "" {
			fmt.Fprintf(&b, "  logo: %s\n", yq(h.HiringOrganizationLogo))
		}
	}
	if h.Locality != "" {
		fmt.Fprintf(&b, "location:\n  locality: %s\n  country: DE\n", yq(h.Locality))
		if h.Region != "" {
			fmt.Fprintf(&b, "  region: %s\n", yq(h.Region))
		}
		if h.Street != "" {
			fmt.Fprintf(&b, "  street: %s\n", yq(h.Street))
		}
		if h.Postal != "" {
			fmt.Fprintf(&b, "  postal_code: %s\n", yq(h.Postal))
		}
	}
	if h.Open {
		b.WriteString("date_posted: 2026-11-01\nvalid_through: 2027-01-31\n")
	}
	list("related", h.Related)
	list("aliases", h.Aliases)
	b.WriteString(h.ExtraFrontMatter)
	b.WriteString("---\n")
	b.WriteString(h.Body)
	return b.String()
}

// hostileBody puts s into every Markdown construct that shows text.
func hostileBody(s string) string {
	return "## " + s + "\n\n" +
		s + "\n\n" +
		"*" + s + "* und **" + s + "** und ~~" + s + "~~\n\n" +
		"- " + s + "\n- Punkt zwei\n\n" +
		"> " + s + "\n\n" +
		"| Kopf | Wert |\n| --- | --- |\n| " + strings.ReplaceAll(s, "|", `\|`) + " | x |\n\n" +
		"`" + strings.ReplaceAll(s, "`", "") + "`\n\n" +
		"```html\n" + s + "\n</script>\n```\n\n" +
		"    " + s + "\n\n" +
		"[Backend](/tech/backend-entwickler/ " + yq(s) + ") und ![" + strings.ReplaceAll(s, "]", "") + "](/assets/bild.png)\n\n" +
		"<div>" + s + "</div>\n\n" +
		"Text <span onclick=\"alert(0)\">" + s + "</span> Ende.\n"
}

// writeHostile writes roles/boese.md and applies edit to site.yaml.
func writeHostile(t *testing.T, cfg Config, role hostileRole, siteEdit func(string) string) string {
	t.Helper()
	path := filepath.Join(cfg.ContentDir, "roles", "boese.md")
	if err := os.WriteFile(path, []byte(role.source()), 0o644); err != nil {
		t.Fatal(err)
	}
	if siteEdit != nil {
		sp := filepath.Join(cfg.ContentDir, "site.yaml")
		data, err := os.ReadFile(sp)
		if err != nil {
			t.Fatal(err)
		}
		edited := siteEdit(string(data))
		if edited == string(data) {
			t.Fatal("site.yaml edit changed nothing")
		}
		if err := os.WriteFile(sp, []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// replaceLine replaces the first line of s equal to old (white space
// around it aside) by repl, keeping its indentation.
func replaceLine(s, old, repl string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == old {
			lines[i] = l[:len(l)-len(strings.TrimLeft(l, " "))] + repl
			return strings.Join(lines, "\n")
		}
	}
	return s
}

// clip shortens s to at most n runes.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func TestHostileFieldsStayInert(t *testing.T) {
	for i, h := range hostileStrings {
		// A NUL or a bidi override cannot be written in front matter (each
		// is an error of its own, see the content tests); keep the rest of
		// the payload.
		h = strings.NewReplacer("\x00", "", "\u202e", "").Replace(h)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			cfg := fixture(t)
			title := clip("Böse "+h, 120)
			role := hostileRole{
				Title:       title,
				Description: clip("Beschreibung "+h, 160),
				Synonyms:    []string{clip("Synonym "+h, 120)},
				Skills:      []string{h, "Go"},
				Org:         "Firma " + h,
				Locality:    "Ort " + h,
				Region:      "Region " + h,
				Street:      "Straße " + h,
				Postal:      "PLZ " + h,
				Open:        true,
				Related:     []string{"backend-entwickler"},
				Aliases:     []string{"/jobs/boese/"},
				Body:        hostileBody(h),
			}
			siteTitle := "Karriere " + h
			agency := "Agentur " + h
			catTitle := "Tech " + h
			catDesc := "Software " + h
			writeHostile(t, cfg, role, func(s string) string {
				s = replaceLine(s, `title: "Karriere bei Test Recruiting"`, "title: "+yq(siteTitle))
				s = replaceLine(s, `name: "Test Recruiting GmbH"`, "name: "+yq(agency))
				s = replaceLine(s, `title: "Tech & Development"`, "title: "+yq(catTitle))
				return replaceLine(s, `description: "Rollen, die Software bauen."`, "description: "+yq(catDesc))
			})
			res, err := Build(t.Context(), cfg)
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			_ = res
			checkSiteInert(t, cfg.OutDir, "https://jobs.test.example/")
			p := parsePage(t, cfg.OutDir, "tech/boese/index.html")
			jp := p.ofType("JobPosting")
			if len(jp) != 1 {
				t.Fatalf("%d JobPosting blocks, want 1", len(jp))
			}
			if jp[0]["title"] != title {
				t.Errorf("JobPosting title %q, want the front-matter title %q", jp[0]["title"], title)
			}
			if org, _ := jp[0]["hiringOrganization"].(map[string]any); org["name"] != "Firma "+h {
				t.Errorf("hiringOrganization %v, want name %q", org, "Firma "+h)
			}
			if loc, _ := jp[0]["jobLocation"].(map[string]any); loc != nil {
				addr, _ := loc["address"].(map[string]any)
				for k, want := range map[string]string{"addressLocality": "Ort " + h, "addressRegion": "Region " + h, "streetAddress": "Straße " + h, "postalCode": "PLZ " + h} {
					if addr[k] != want {
						t.Errorf("address %s = %q, want %q", k, addr[k], want)
					}
				}
			} else {
				t.Errorf("no jobLocation")
			}
			crumbs := p.ofType("BreadcrumbList")
			if len(crumbs) != 1 {
				t.Fatalf("%d BreadcrumbList blocks", len(crumbs))
			}
			items, _ := crumbs[0]["itemListElement"].([]any)
			if len(items) != 3 || items[1].(map[string]any)["name"] != catTitle || items[2].(map[string]any)["name"] != title {
				t.Errorf("breadcrumb names do not round-trip: %v", items)
			}
			if got := textOfFirst(p.doc, "h1"); got != title {
				t.Errorf("h1 %q, want %q", got, title)
			}
			if got := textOfFirst(p.doc, "title"); !strings.HasPrefix(got, title) || !strings.HasSuffix(got, siteTitle) {
				t.Errorf("<title> %q does not hold the role title and the site title", got)
			}
			home := parsePage(t, cfg.OutDir, "index.html")
			if org := home.ofType("Organization"); len(org) != 1 || org[0]["name"] != agency {
				t.Errorf("home Organization %v, want name %q", org, agency)
			}
			if ws := home.ofType("WebSite"); len(ws) != 1 || ws[0]["name"] != siteTitle {
				t.Errorf("home WebSite %v, want name %q", ws, siteTitle)
			}
			cat := parsePage(t, cfg.OutDir, "tech/index.html")
			if got := textOfFirst(cat.doc, "h1"); got != catTitle {
				t.Errorf("category h1 %q, want %q", got, catTitle)
			}
			if !strings.Contains(textOf(cat.doc), catDesc) {
				t.Errorf("category page does not show its description as text")
			}
		})
	}
}

// TestHostileBodiesStayInert builds bodies that carry raw HTML, comments,
// CDATA and URLs that look dangerous but are not links a browser follows.
func TestHostileBodiesStayInert(t *testing.T) {
	for name, body := range hostileBodies {
		t.Run(name, func(t *testing.T) {
			cfg := fixture(t)
			role := hostileRole{Title: "Böse", Description: "Böse Beschreibung.", Open: true, Related: []string{"backend-entwickler"}, Body: body}
			writeHostile(t, cfg, role, nil)
			if _, err := Build(t.Context(), cfg); err != nil {
				t.Fatalf("build: %v", err)
			}
			checkSiteInert(t, cfg.OutDir, "https://jobs.test.example/")
			p := parsePage(t, cfg.OutDir, "tech/boese/index.html")
			if jp := p.ofType("JobPosting"); len(jp) != 1 || jp[0]["title"] != "Böse" {
				t.Errorf("JobPosting %v", jp)
			}
		})
	}
}
