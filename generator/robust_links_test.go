package generator

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"rolesite/generator/diag"
	"rolesite/internal/testtree"
)

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

// TestUnsafeLinksFailTheBuild: a link, autolink or image a browser would
// run (javascript:, vbscript:, data:, in any case, behind spaces or
// character references) is a build error at its position, and the output
// is not touched.
func TestUnsafeLinksFailTheBuild(t *testing.T) {
	for _, tt := range unsafeLinkCases {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fixture(t)
			mustBuild(t, cfg)
			before := testtree.Snapshot(t, cfg.OutDir)
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
			after := testtree.Snapshot(t, cfg.OutDir)
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
			before := testtree.Snapshot(t, cfg.OutDir)
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
			after := testtree.Snapshot(t, cfg.OutDir)
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
