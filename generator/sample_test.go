package generator

import (
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"rolesite/generator/content"
	"rolesite/internal/testtree"
)

// buildSample builds the real sample site in content/ into a temp folder.
func buildSample(t *testing.T) (Config, *Result, *content.Site) {
	t.Helper()
	cfg := Config{ContentDir: "../content", LayoutsDir: "../layouts", StaticDir: "../static", OutDir: filepath.Join(t.TempDir(), "public"), Now: fixtureNow}
	res := mustBuild(t, cfg)
	site, errs := loadSite(t, cfg)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	return cfg, res, site
}

func TestSampleSiteEveryPageAndHrefResolves(t *testing.T) {
	cfg, res, site := buildSample(t)
	if len(site.Roles) < 26 {
		t.Errorf("the sample site has %d roles, want at least 26", len(site.Roles))
	}
	files := testtree.Files(t, cfg.OutDir)
	for _, r := range site.Roles {
		if _, ok := files[pagePath(r.URLPath())]; !ok {
			t.Errorf("no page for role %s", r.Slug)
		}
	}
	for _, c := range site.Categories {
		if _, ok := files[c.Key+"/index.html"]; !ok {
			t.Errorf("no page for category %s", c.Key)
		}
	}
	checked := 0
	for p, data := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		doc, err := html.Parse(strings.NewReader(string(data)))
		if err != nil {
			t.Fatal(err)
		}
		walk(doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			for _, key := range []string{"href", "src"} {
				v := attr(n, key)
				if v == "" || !strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "#") {
					continue
				}
				checked++
				u, err := url.Parse(v)
				if err != nil {
					t.Errorf("%s: bad URL %q", p, v)
					continue
				}
				if u.Path == "" { // a fragment on the same page
					if !strings.Contains(string(data), `id="`+u.Fragment+`"`) {
						t.Errorf("%s: fragment %q names no element", p, v)
					}
					continue
				}
				target := strings.TrimPrefix(u.Path, "/")
				if target == "" || strings.HasSuffix(target, "/") {
					target += "index.html"
				}
				if _, ok := files[target]; !ok {
					t.Errorf("%s: %s=%q resolves to no file", p, key, v)
				}
			}
		})
	}
	if checked < 500 {
		t.Errorf("only %d internal links checked", checked)
	}
	if res.Links < 100 {
		t.Errorf("the sample site gets only %d mention links", res.Links)
	}
}

// mentionPattern is an independent, regexp-based statement of the
// mention rule, to cross-check the linker on real text.
func mentionPattern(name string) *regexp.Regexp {
	words := strings.Fields(name)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}-])` + strings.Join(words, `\s+`) + `(?:s|es|n|en|in|innen)?(?:$|[^\p{L}\p{N}])`)
}

func TestSampleSiteRolePagesLinkEveryRoleTheyName(t *testing.T) {
	cfg, _, site := buildSample(t)
	type roleName struct {
		text string
		role *content.Role
	}
	var byLength []roleName
	for _, r := range site.Roles {
		for _, n := range r.Names() {
			byLength = append(byLength, roleName{n, r})
		}
	}
	sort.Slice(byLength, func(i, j int) bool { return len(byLength[i].text) > len(byLength[j].text) })
	for _, r := range site.Roles {
		var text strings.Builder
		for _, line := range strings.Split(string(r.Body), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "#") {
				text.WriteString(line + "\n")
			}
		}
		body := text.String()
		p := parsePage(t, cfg.OutDir, pagePath(r.URLPath()))
		linked := map[string]bool{}
		walk(p.doc, func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "div" && attr(n, "class") == "prose" {
				walk(n, func(a *html.Node) {
					if a.Type == html.ElementNode && a.Data == "a" {
						linked[attr(a, "href")] = true
					}
				})
			}
		})
		// Longer names first, masking what they match, so that "Key
		// Account Manager" is not also read as "Account Manager".
		named := map[*content.Role]bool{}
		masked := body
		for _, nm := range byLength {
			re := mentionPattern(nm.text)
			masked = re.ReplaceAllStringFunc(masked, func(m string) string {
				named[nm.role] = true
				return strings.Repeat("#", len(m))
			})
		}
		for _, other := range site.Roles {
			if other == r {
				continue
			}
			if named[other] && !linked[other.URLPath()] {
				t.Errorf("%s names %q but does not link %s", r.Slug, other.Title, other.URLPath())
			}
			if !named[other] && linked[other.URLPath()] {
				t.Errorf("%s links %s without naming it", r.Slug, other.URLPath())
			}
		}
	}
}

func TestSampleSiteHasEveryKindOfPage(t *testing.T) {
	_, res, site := buildSample(t)
	var open, described, closed, remote int
	for _, r := range site.Roles {
		switch {
		case r.Closed(fixtureNow):
			closed++
		case r.Open(fixtureNow):
			open++
		default:
			described++
		}
		if r.Remote {
			remote++
		}
	}
	if open < 15 || described < 2 || closed < 1 || remote < 1 {
		t.Errorf("open %d, descriptions %d, closed %d, remote %d", open, described, closed, remote)
	}
	if len(res.Closed) != closed {
		t.Errorf("the build reports %d closed roles, want %d", len(res.Closed), closed)
	}
}

// TestSampleSecurityTxt: the sample site publishes a security.txt (RFC
// 9116) from its static folder, as it is, that follows the RFC: fields of
// the form "Name: value", at least one Contact URI, exactly one Expires in
// RFC 3339, a Canonical URL that is where the file is published. Every
// address is in the reserved .example domain: the sample reaches no one.
func TestSampleSecurityTxt(t *testing.T) {
	cfg, _, site := buildSample(t)
	src := testtree.Read(t, "../static/.well-known/security.txt")
	if got := testtree.Read(t, filepath.Join(cfg.OutDir, ".well-known", "security.txt")); got != src {
		t.Errorf("published security.txt differs from static/.well-known/security.txt:\n%s", got)
	}
	fields := map[string][]string{}
	for i, line := range strings.Split(strings.TrimSuffix(src, "\n"), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, ": ")
		if !ok || name == "" || strings.TrimSpace(value) != value || value == "" {
			t.Errorf("line %d %q is not a field", i+1, line)
			continue
		}
		fields[strings.ToLower(name)] = append(fields[strings.ToLower(name)], value)
	}
	for name := range fields {
		switch name {
		case "contact", "expires", "preferred-languages", "canonical", "encryption", "acknowledgments", "policy", "hiring", "csaf":
		default:
			t.Errorf("field %q is not one of RFC 9116's", name)
		}
	}
	if len(fields["contact"]) == 0 {
		t.Error("no Contact")
	}
	if len(fields["expires"]) != 1 {
		t.Errorf("Expires %q, want exactly one", fields["expires"])
	} else if _, err := time.Parse(time.RFC3339, fields["expires"][0]); err != nil {
		t.Errorf("Expires: %v", err)
	}
	if want := site.BaseURL + ".well-known/security.txt"; !slices.Equal(fields["canonical"], []string{want}) {
		t.Errorf("Canonical %q, want %q", fields["canonical"], want)
	}
	for _, name := range []string{"contact", "canonical", "policy", "encryption"} {
		for _, v := range fields[name] {
			u, err := url.Parse(v)
			if err != nil || u.Scheme == "" {
				t.Errorf("%s %q is not a URI", name, v)
				continue
			}
			host := u.Hostname()
			if u.Scheme == "mailto" {
				_, host, _ = strings.Cut(u.Opaque, "@")
			}
			if !strings.HasSuffix(host, ".example") {
				t.Errorf("%s %q: not in the reserved .example domain", name, v)
			}
		}
	}
}
