package generator

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"rolesite/generator/diag"
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

// unsafeLinkCases are links a browser would run: each fails the build.
var unsafeLinkCases = []struct {
	name string
	link string // the Markdown; its first byte is the reported position
	dest string // the destination as reported
}{
	{"javascript", "[a](javascript:alert(1))", "javascript:alert(1)"},
	{"mixed case", "[a](JaVaScRiPt:alert(1))", "JaVaScRiPt:alert(1)"},
	{"upper case", "[a](JAVASCRIPT:alert(1))", "JAVASCRIPT:alert(1)"},
	{"leading spaces", "[a](<  javascript:alert(1)>)", "  javascript:alert(1)"},
	{"leading tab entity", "[a](&#9;javascript:alert(1))", "\tjavascript:alert(1)"},
	{"decimal entity", "[a](&#106;avascript:alert(1))", "javascript:alert(1)"},
	{"hex entity", "[a](&#x6A;avascript:alert(1))", "javascript:alert(1)"},
	// goldmark reads a decimal reference with a leading zero as octal
	// (0152 = 106 = "j"); the linker decodes as the renderer does.
	{"octal-looking entity", "[a](&#0152;avascript:alert(1))", "javascript:alert(1)"},
	{"named colon", "[a](javascript&colon;alert(1))", "javascript:alert(1)"},
	{"tab inside", "[a](java&#x09;script:alert(1))", "java\tscript:alert(1)"},
	{"newline inside", "[a](java&#10;script:alert(1))", "java\nscript:alert(1)"},
	{"backslash escape", `[a](javascript\:alert(1))`, "javascript:alert(1)"},
	{"vbscript", "[a](vbscript:msgbox(1))", "vbscript:msgbox(1)"},
	{"vbscript case", "[a](VBScript:msgbox(1))", "VBScript:msgbox(1)"},
	{"data html", "[a](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html;base64,PHNjcmlwdD4="},
	{"data case", "[a](DaTa:text/html,x)", "DaTa:text/html,x"},
	{"data image", "![i](data:image/png;base64,iVBORw0KGgo=)", "data:image/png;base64,iVBORw0KGgo="},
	{"image javascript", "![i](javascript:alert(1))", "javascript:alert(1)"},
	{"autolink", "<javascript:alert(1)>", "javascript:alert(1)"},
	{"autolink case", "<JaVaScRiPt:alert(1)>", "JaVaScRiPt:alert(1)"},
	{"autolink vbscript", "<vbscript:msgbox(1)>", "vbscript:msgbox(1)"},
	{"autolink data", "<data:text/html,x>", "data:text/html,x"},
	{"reference", "[a][r]\n\n[r]: javascript:alert(1)", "javascript:alert(1)"},
	{"reference entity", "[a][r]\n\n[r]: &#106;avascript:alert(1)", "javascript:alert(1)"},
	{"collapsed reference", "[r][]\n\n[r]: <vbscript:msgbox(1)>", "vbscript:msgbox(1)"},
	{"with title", `[a](javascript:alert(1) "titel")`, "javascript:alert(1)"},
	{"in heading", "## [a](javascript:alert(1))", "javascript:alert(1)"},
	{"in table", "| a |\n| - |\n| [a](javascript:alert(1)) |", "javascript:alert(1)"},
	{"in emphasis", "*[a](javascript:alert(1))*", "javascript:alert(1)"},
	{"image in link", "[![i](data:image/png;base64,AA)](https://example.com/)", "data:image/png;base64,AA"},
	{"link in image alt", "![[a](javascript:alert(1))](/assets/x.png)", "javascript:alert(1)"},
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

// TestUnsafeLinksFailTheBuild: a link, autolink or image a browser would
// run (javascript:, vbscript:, data:, in any case, behind spaces or
// character references) is a build error at its position, and the output
// is not touched.
func TestUnsafeLinksFailTheBuild(t *testing.T) {
	for _, tt := range unsafeLinkCases {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fixture(t)
			mustBuild(t, cfg)
			before := snapshot(t, cfg.OutDir)
			prefix := "Ein Absatz davor, mit Ä.\n\nNoch eine Zeile: "
			role := hostileRole{Title: "Böse", Description: "Böse Beschreibung.", Open: true, Related: []string{"backend-entwickler"}, Body: prefix + tt.link + "\n"}
			path := writeHostile(t, cfg, role, nil)
			src := role.source()
			off := strings.Index(src, tt.link)
			if strings.HasPrefix(tt.name, "link in image") {
				off += strings.Index(tt.link, "[a]")
			} else if strings.HasPrefix(tt.name, "image in link") {
				off += 1
			} else if strings.HasPrefix(tt.name, "in heading") {
				off += 3
			} else if strings.HasPrefix(tt.name, "in table") {
				off += strings.Index(tt.link, "[a](")
			} else if strings.HasPrefix(tt.name, "in emphasis") {
				off++
			}
			want := diag.OffsetPosition(path, []byte(src), off).String() + ": " + fmt.Sprintf("unsafe link %q removed", tt.dest)
			res, err := Build(t.Context(), cfg)
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("build error %v, want a diag.List", err)
			}
			if got := res.Diagnostics.Errors().Error(); !strings.Contains(got, want) {
				t.Errorf("errors\n%s\ndo not contain\n%s", got, want)
			}
			if n := len(res.Diagnostics.Errors()); n != 1 {
				t.Errorf("%d errors, want 1: %v", n, res.Diagnostics.Errors())
			}
			after := snapshot(t, cfg.OutDir)
			if len(after) != len(before) {
				t.Errorf("a failing build changed the number of files: %d -> %d", len(before), len(after))
			}
			for p, s := range before {
				if after[p] != s {
					t.Errorf("a failing build changed %s", p)
				}
			}
		})
	}
}

// TestHostileURLFieldsFail: URL fields of content accept only absolute
// http(s) URLs, so no dangerous scheme reaches an href or JSON-LD.
func TestHostileURLFieldsFail(t *testing.T) {
	tests := []struct {
		name     string
		role     func(*hostileRole)
		site     func(string) string
		wantLine int
		wantMsg  string
	}{
		{name: "hiring organization url", role: func(r *hostileRole) { r.Org, r.HiringOrganizationURL = "Firma", "javascript:alert(1)" },
			wantMsg: `hiring_organization.url: "javascript:alert(1)" is not an absolute http or https URL`},
		{name: "hiring organization url data", role: func(r *hostileRole) { r.Org, r.HiringOrganizationURL = "Firma", " DATA:text/html,x" },
			wantMsg: `hiring_organization.url:`},
		{name: "hiring organization logo", role: func(r *hostileRole) {
			r.Org, r.HiringOrganizationURL, r.HiringOrganizationLogo = "Firma", "https://firma.example/", "vbscript:msgbox(1)"
		}, wantMsg: `hiring_organization.logo:`},
		{name: "site organization url", site: func(s string) string {
			return replaceLine(s, `url: "https://www.test.example/"`, `url: "javascript:alert(1)//https://x"`)
		}, wantMsg: `organization.url:`},
		{name: "site logo", site: func(s string) string {
			return replaceLine(s, `logo: "https://www.test.example/logo.png"`, `logo: "data:image/svg+xml,<svg onload=alert(1)>"`)
		}, wantMsg: `organization.logo:`},
		{name: "site same_as", site: func(s string) string {
			return replaceLine(s, `same_as: ["https://www.linkedin.com/company/test-example"]`, `same_as: ["JavaScript:alert(1)"]`)
		}, wantMsg: `same_as:`},
		{name: "base_url", site: func(s string) string {
			return replaceLine(s, `base_url: "https://jobs.test.example/"`, `base_url: "javascript://jobs.test.example/%0aalert(1)"`)
		}, wantMsg: `base_url:`},
		{name: "contact email", site: func(s string) string {
			return strings.Replace(s, `email: "jobs@test.example"`, `email: "jobs@test.example\"><script>alert(1)</script>"`, 1)
		}, wantMsg: `contact.email:`},
		{name: "contact phone", site: func(s string) string {
			return strings.Replace(s, `phone: "+49 40 555000"`, `phone: "javascript:alert(1)"`, 1)
		}, wantMsg: `contact.phone:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fixture(t)
			mustBuild(t, cfg)
			before := snapshot(t, cfg.OutDir)
			role := hostileRole{Title: "Böse", Description: "Böse.", Open: true, Related: []string{"backend-entwickler"}, Body: "Text.\n"}
			if tt.role != nil {
				tt.role(&role)
			}
			writeHostile(t, cfg, role, tt.site)
			res, err := Build(t.Context(), cfg)
			if err == nil {
				t.Fatalf("a hostile URL built")
			}
			got := res.Diagnostics.Errors().Error()
			if !strings.Contains(got, tt.wantMsg) {
				t.Errorf("errors\n%s\ndo not contain %q", got, tt.wantMsg)
			}
			for _, d := range res.Diagnostics.Errors() {
				if d.Pos.Line < 1 || d.Pos.Column < 1 {
					t.Errorf("error without line and column: %s", d)
				}
			}
			after := snapshot(t, cfg.OutDir)
			for p, s := range before {
				if after[p] != s {
					t.Errorf("a failing build changed %s", p)
				}
			}
			if len(after) != len(before) {
				t.Errorf("a failing build changed the number of files")
			}
		})
	}
}

// textOfFirst returns the text of the first element named tag.
func textOfFirst(doc *html.Node, tag string) string {
	var out *html.Node
	walk(doc, func(n *html.Node) {
		if out == nil && n.Type == html.ElementNode && n.Data == tag {
			out = n
		}
	})
	if out == nil {
		return ""
	}
	return textOf(out)
}

// dangerousURL reports whether a browser would run u: after leading
// spaces and control characters, with tabs and newlines removed and in any
// case, it starts javascript:, vbscript: or data:.
func dangerousURL(u string) bool {
	u = strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
	u = strings.ToLower(u)
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") || strings.HasPrefix(u, "data:")
}

// textAttrs hold text, not URLs or markup: content may start with
// "javascript:" there and stay harmless.
var textAttrs = map[string]bool{"alt": true, "title": true, "aria-label": true, "content": true}

// forbiddenElements never come from the templates or from Markdown.
var forbiddenElements = map[string]bool{
	"iframe": true, "frame": true, "frameset": true, "object": true, "embed": true, "applet": true,
	"base": true, "form": true, "svg": true, "math": true, "textarea": true, "input": true, "button": true,
	"template": true, "noscript": true, "xmp": true, "plaintext": true, "listing": true,
}

// checkSiteInert checks every file of a build under dir: HTML pages hold no
// script but JSON-LD, every JSON-LD block is valid JSON without a raw "<" or
// line separator, no attribute starts a dangerous scheme or handles an
// event, no element from content appears; the sitemap is well-formed XML
// and robots.txt and _redirects have their plain form.
func checkSiteInert(t *testing.T, dir, base string) {
	t.Helper()
	files := readTree(t, dir)
	if len(files) == 0 {
		t.Fatal("the build wrote no files")
	}
	for rel, data := range files {
		switch {
		case strings.HasSuffix(rel, ".html"):
			checkPageInert(t.Errorf, rel, data)
		case strings.HasSuffix(rel, ".xml"):
			checkXML(t, rel, data)
		case rel == "robots.txt":
			want := "User-agent: *\nAllow: /\n\nSitemap: " + base + "sitemap.xml\n"
			if string(data) != want {
				t.Errorf("robots.txt = %q, want %q", data, want)
			}
		case rel == "_redirects":
			checkRedirects(t, data, files)
		}
	}
}

func checkPageInert(errorf func(string, ...any), rel string, data []byte) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		errorf("%s does not parse: %v", rel, err)
		return
	}
	scripts := 0
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if forbiddenElements[n.Data] {
			errorf("%s: a <%s> element", rel, n.Data)
		}
		if n.Data == "script" {
			scripts++
			if attr(n, "type") != "application/ld+json" || len(n.Attr) != 1 {
				errorf("%s: a script that is not JSON-LD: %v %.80q", rel, n.Attr, textOf(n))
				return
			}
			raw := textOf(n)
			if strings.ContainsAny(raw, "<\u2028\u2029") {
				errorf("%s: JSON-LD holds a raw <, U+2028 or U+2029: %.200q", rel, raw)
			}
			var v map[string]any
			if err := json.Unmarshal([]byte(raw), &v); err != nil {
				errorf("%s: JSON-LD is not valid JSON: %v\n%.300s", rel, err, raw)
			}
		}
		if n.Data == "style" {
			errorf("%s: a <style> element", rel)
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if a.Namespace != "" || strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" || key == "formaction" {
				errorf("%s: <%s %s=%q>: attribute must not come from content", rel, n.Data, a.Key, a.Val)
			}
			val := a.Val
			if n.Data == "meta" && strings.EqualFold(attr(n, "http-equiv"), "refresh") && key == "content" {
				_, u, ok := strings.Cut(strings.ToLower(val), "url=")
				if !ok || dangerousURL(u) || !strings.HasPrefix(strings.TrimSpace(u), "/") {
					errorf("%s: meta refresh %q does not lead to a site path", rel, val)
				}
				continue
			}
			if textAttrs[key] {
				continue
			}
			if dangerousURL(val) {
				errorf("%s: <%s %s=%q> starts a dangerous scheme", rel, n.Data, a.Key, val)
			}
			// A payload inside an http(s) URL is only a path; elsewhere it
			// would be text that became markup.
			if key != "href" && key != "src" && (strings.Contains(val, "alert(") || strings.Contains(val, "msgbox(")) {
				errorf("%s: <%s %s=%q> carries a payload", rel, n.Data, a.Key, val)
			}
		}
	})
	if n := bytes.Count(bytes.ToLower(data), []byte("</script")); n != scripts {
		errorf("%s: %d </script in the page, %d script elements", rel, n, scripts)
	}
}

// checkXML reads every token of an XML file strictly.
func checkXML(t *testing.T, rel string, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Errorf("%s is not well-formed XML: %v", rel, err)
			return
		}
	}
	var set struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &set); err != nil {
		t.Errorf("%s: %v", rel, err)
	}
	for _, u := range set.URLs {
		if !strings.HasPrefix(u.Loc, "https://jobs.test.example/") || strings.ContainsAny(u.Loc, "<>\"' \t\n") {
			t.Errorf("%s: loc %q", rel, u.Loc)
		}
	}
}

// checkRedirects checks that every rule of _redirects is "FROM TO 301"
// between two site paths, and that FROM has its redirect page.
func checkRedirects(t *testing.T, data []byte, files map[string][]byte) {
	t.Helper()
	if !utf8.Valid(data) || !bytes.HasSuffix(data, []byte("\n")) {
		t.Errorf("_redirects is not UTF-8 lines: %q", data)
	}
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		f := strings.Split(line, " ")
		if len(f) != 3 || f[2] != "301" || !strings.HasPrefix(f[0], "/") || !strings.HasPrefix(f[1], "/") ||
			strings.HasPrefix(f[0], "//") || strings.HasPrefix(f[1], "//") || strings.Contains(line, "/../") || strings.Contains(line, "/./") {
			t.Errorf("_redirects rule %q", line)
			continue
		}
		if _, ok := files[strings.TrimPrefix(f[0], "/")+"index.html"]; !ok {
			t.Errorf("_redirects: %s has no redirect page", f[0])
		}
		if _, ok := files[strings.TrimPrefix(f[1], "/")+"index.html"]; !ok {
			t.Errorf("_redirects: target %s is no page", f[1])
		}
	}
}

// TestInertCheckCatches makes sure checkPageInert reports what it looks for.
func TestInertCheckCatches(t *testing.T) {
	const head = `<!doctype html><html><head><title>x</title><script type="application/ld+json">{"a":1}</script></head><body>`
	bad := map[string]string{
		"script":          `<script>alert(1)</script>`,
		"typed script":    `<script type="text/javascript">x</script>`,
		"json-ld breaker": `<script type="application/ld+json">{"a":"</script><script>alert(1)</script>"}</script>`,
		"raw < in json":   `<script type="application/ld+json">{"a":"<b>"}</script>`,
		"invalid json":    `<script type="application/ld+json">{"a":</script>`,
		"javascript href": `<a href="javascript:alert(1)">x</a>`,
		"spaced scheme":   `<a href=" &#9;JaVa&#10;Script:alert(1)">x</a>`,
		"data src":        `<img src="DATA:text/html,x" alt="">`,
		"vbscript":        `<a href="vbscript:msgbox(1)">x</a>`,
		"handler":         `<p onclick="x()">x</p>`,
		"iframe":          `<iframe></iframe>`,
		"svg":             `<svg></svg>`,
		"style":           `<style>p{}</style>`,
		"style attribute": `<p style="x">y</p>`,
		"payload class":   `<p class="alert(1)">x</p>`,
		"bad refresh":     `<meta http-equiv="refresh" content="0; url=javascript:alert(1)">`,
	}
	for name, b := range bad {
		var got []string
		checkPageInert(func(f string, args ...any) { got = append(got, fmt.Sprintf(f, args...)) }, name, []byte(head+b+"</body></html>"))
		if len(got) == 0 {
			t.Errorf("%s: not reported", name)
		}
	}
	var got []string
	good := head + `<h1>&lt;script&gt;alert(1)</h1><a href="https://x.example/alert(1)" title="javascript:alert(1)">x</a><meta name="description" content="javascript:x"><meta http-equiv="refresh" content="0; url=/a/"></body></html>`
	checkPageInert(func(f string, args ...any) { got = append(got, fmt.Sprintf(f, args...)) }, "good", []byte(good))
	if len(got) > 0 {
		t.Errorf("a harmless page is reported: %v", got)
	}
}
