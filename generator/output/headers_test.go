package output

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// sampleRoot and sampleFolders are the top-level files and category
// folders of a site like the sample one.
var (
	sampleRoot    = []string{"index.html", "404.html", "sitemap.xml", "robots.txt", "_redirects", ".rolesite-manifest.json"}
	sampleFolders = []string{"tech", "sales"}
)

// TestDefaultHeaderRules: the file the build writes for a site, exactly.
func TestDefaultHeaderRules(t *testing.T) {
	got := string(FormatHeaders(DefaultHeaderRules(sampleRoot, sampleFolders)).Data)
	want := `# Response headers for Netlify and Cloudflare Pages, written by the build.
# Change them in layouts/_headers (see README.md, "Response headers").

/*
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self' https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'

/assets/:file
  Cache-Control: public, max-age=31536000, immutable

/
  Cache-Control: public, max-age=0, must-revalidate

/404.html
  Cache-Control: public, max-age=0, must-revalidate

/robots.txt
  Cache-Control: public, max-age=0, must-revalidate

/sitemap.xml
  Cache-Control: public, max-age=0, must-revalidate

/tech/*
  Cache-Control: public, max-age=0, must-revalidate

/sales/*
  Cache-Control: public, max-age=0, must-revalidate
`
	if got != want {
		t.Errorf("_headers:\n%s\nwant:\n%s", got, want)
	}
}

// TestDefaultHeadersPerPath: each kind of file the build writes gets, as
// Netlify matches the rules, the security headers and exactly one
// Cache-Control, immutable under /assets/ and revalidated elsewhere; no
// header is set by two rules for one path.
func TestDefaultHeadersPerPath(t *testing.T) {
	rules := DefaultHeaderRules(append(sampleRoot, "sitemap-1.xml", "feed.xml"), sampleFolders)
	m := NewHeaderMatcher(rules)
	for _, c := range []struct{ path, cache string }{
		{"/", CacheRevalidate},
		{"/index.html", ""}, // not a URL the pages link; the host's default
		{"/404.html", CacheRevalidate},
		{"/robots.txt", CacheRevalidate},
		{"/sitemap.xml", CacheRevalidate},
		{"/sitemap-1.xml", CacheRevalidate},
		{"/feed.xml", CacheRevalidate},
		{"/tech/", CacheRevalidate},
		{"/tech", CacheRevalidate},
		{"/tech/backend/", CacheRevalidate},
		{"/tech/backend/index.html", CacheRevalidate},
		{"/sales/feed.xml", CacheRevalidate},
		{"/assets/style.3f2a9c1d.css", CacheImmutable},
		{"/assets/favicon.0a1b2c3d.svg", CacheImmutable},
		{"/jobs/old-name/", ""}, // an alias page outside the categories
		{"/missing/", ""},
	} {
		got := map[string]string{}
		for _, h := range responseHeaders(m, rules, c.path) {
			got[h[0]] = h[1]
		}
		for i, r := range rules {
			for j := i + 1; j < len(rules); j++ {
				for _, h := range r.Headers {
					if _, ok := rules[j].Sets(h.Name); ok && m.Match(i, c.path) && m.Match(j, c.path) {
						t.Errorf("%s: %s set by %s and %s", c.path, h.Name, r.Path, rules[j].Path)
					}
				}
			}
		}
		if got["Cache-Control"] != c.cache {
			t.Errorf("%s: Cache-Control %q, want %q", c.path, got["Cache-Control"], c.cache)
		}
		if got["Content-Security-Policy"] != CSP || got["X-Content-Type-Options"] != "nosniff" || got["Referrer-Policy"] != ReferrerPolicy {
			t.Errorf("%s: security headers %v", c.path, got)
		}
	}
}

// TestWritesHeaders: the hosts that read _headers, and no host, get it.
func TestWritesHeaders(t *testing.T) {
	for host, want := range map[string]bool{"netlify": true, "cloudflare-pages": true, "": true, "github-pages": false, "s3": false} {
		if got := WritesHeaders(host); got != want {
			t.Errorf("WritesHeaders(%q) = %v", host, got)
		}
	}
}

// TestHeaderMatcher: patterns match as Netlify's headers-parser turns them
// into regular expressions.
func TestHeaderMatcher(t *testing.T) {
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{
		{"/", "/", true},
		{"/", "/a", false},
		{"/*", "/", true},
		{"/*", "/a/b/c.html", true},
		{"/assets/*", "/assets/a.css", true},
		{"/assets/*", "/assets/", true},
		{"/assets/*", "/assets", true},
		{"/assets/*", "/assetsx/a.css", true}, // the "/" before a * segment is optional
		{"/assets/:file", "/assetsx/a.css", false},
		{"/assets/:file", "/assets/a.css", true},
		{"/assets/:file", "/assets/a/b.css", false},
		{"/assets/*", "/ASSETS/a.css", true}, // Netlify matches without case
		{"/tech/*", "/tech/a/b/", true},
		{"/tech/*", "/technik/", true},
		{"/tech/*", "/tec/", false},
		{"/a", "/a/", true},
		{"/a/", "/a", true},
		{"/a.html", "/aXhtml", false}, // a dot is a dot
		{"/*.css", "/a.css", true},
		{"/*.css", "/x/a.css", true}, // a * in a segment crosses slashes too
		{"/sitemap*.xml", "/sitemap-2.xml", true},
		{"/:cat/", "/tech/", true},
		{"/:cat/", "/tech/x/", false},
		{"/:cat/:slug", "/tech/x/", true},
		{"/a(b)/", "/a(b)/", true},
		{"/a(b)/", "/ab/", false},
	} {
		m := NewHeaderMatcher([]HeaderRule{{Path: c.pattern}})
		if got := m.Match(0, c.path); got != c.want {
			t.Errorf("%s matches %s: %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
}

// responseHeaders returns the headers a response for urlPath gets from
// rules, as a host applies them: those of every rule that matches, in the
// file's order, a header that several rules set with their values joined
// by ", " (as Cloudflare Pages does).
func responseHeaders(m *HeaderMatcher, rules []HeaderRule, urlPath string) [][2]string {
	var out [][2]string
	index := map[string]int{}
	for i, r := range rules {
		if !m.Match(i, urlPath) {
			continue
		}
		for _, h := range r.Headers {
			key := strings.ToLower(h.Name)
			if j, ok := index[key]; ok {
				out[j][1] += ", " + h.Value
				continue
			}
			index[key] = len(out)
			out = append(out, [2]string{h.Name, h.Value})
		}
	}
	return out
}

// parse parses src as layouts/_headers and returns its diagnostics, one
// string each.
func parse(src string) ([]HeaderRule, []string) {
	rules, errs := ParseHeaders("layouts/_headers", []byte(src))
	var out []string
	for _, d := range errs {
		out = append(out, d.String())
	}
	return rules, out
}

// TestParseHeaders: a file in both hosts' syntax reads as its rules, with
// the position of every line; comments, blank lines, CRLF, tabs and a BOM
// are fine.
func TestParseHeaders(t *testing.T) {
	src := "\uFEFF# Site-wide\r\n/*\r\n  X-Frame-Options: DENY\r\n\t! Referrer-Policy\r\n\n  # more\n/assets/*.svg\n    Cache-Control:  public, max-age=60  \n    Link: </a>; rel=preload\n    link: </b>\n/:cat/ä/\n  X-U: ü:ö\n"
	rules, errs := parse(src)
	if errs != nil {
		t.Fatal(errs)
	}
	want := []HeaderRule{
		{Path: "/*", Line: 2, Headers: []Header{
			{Name: "X-Frame-Options", Value: "DENY", Line: 3, Column: 3},
			{Name: "Referrer-Policy", Detach: true, Line: 4, Column: 2},
		}},
		{Path: "/assets/*.svg", Line: 7, Headers: []Header{
			{Name: "Cache-Control", Value: "public, max-age=60", Line: 8, Column: 5},
			{Name: "Link", Value: "</a>; rel=preload", Line: 9, Column: 5},
			{Name: "link", Value: "</b>", Line: 10, Column: 5},
		}},
		{Path: "/:cat/ä/", Line: 11, Headers: []Header{{Name: "X-U", Value: "ü:ö", Line: 12, Column: 3}}},
	}
	if !reflect.DeepEqual(rules, want) {
		t.Errorf("rules:\n%+v\nwant:\n%+v", rules, want)
	}
	if v, ok := rules[1].Sets("LINK"); !ok || v != "</a>; rel=preload, </b>" {
		t.Errorf("Sets(LINK) = %q, %v", v, ok)
	}
}

// TestParseHeadersErrors: each mistake is reported at file:line:column with
// what to do, and no rules come back.
func TestParseHeadersErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"  X-A: b\n", `layouts/_headers:1:3: a header line before any path`},
		{"/*\nX-A: b\n", `layouts/_headers:2:1: "X-A: b": a line at the start of the line is a rule's path, which starts with "/"`},
		{"https://example.com/*\n  X-A: b\n", `layouts/_headers:1:1: "https://example.com/*": a line at the start of the line is a rule's path, which starts with "/" (Netlify reads no absolute URLs)`},
		{"/a b\n  X-A: b\n", `layouts/_headers:1:3: a path has no white space`},
		{"/a//b\n  X-A: b\n", `layouts/_headers:1:4: a path has no empty segment (//)`},
		{"/a?x=1\n  X-A: b\n", `layouts/_headers:1:3: a path has no ?`},
		{"/a#top\n  X-A: b\n", `layouts/_headers:1:3: a path has no #`},
		{"/*/x/*\n  X-A: b\n", `layouts/_headers:1:6: a second *: Cloudflare Pages reads one * per path`},
		{"/a/:1x/\n  X-A: b\n", `layouts/_headers:1:4: placeholder ":1x"`},
		{"/:a/:a/\n  X-A: b\n", `layouts/_headers:1:5: placeholder ":a"`},
		{"/a\n  X-A: b\n/b\n  X-B: c\n/a\n  X-C: d\n", `layouts/_headers:5:1: the path /a has a rule at line 1 already`},
		{"/a\n/b\n  X-B: c\n", `layouts/_headers:1:1: the rule /a sets no header`},
		{"/a\n  # only a comment\n", `layouts/_headers:1:1: the rule /a sets no header`},
		{"/a\n  X-A b\n", `layouts/_headers:2:3: want Name: value (or ! Name), got "X-A b"`},
		{"/a\n  X A: b\n", `layouts/_headers:2:3: "X A" is not a header name`},
		{"/a\n  : b\n", `layouts/_headers:2:3: "" is not a header name`},
		{"/a\n  !\n", `layouts/_headers:2:3: "" is not a header name`},
		{"/a\n  X-A:\n", `layouts/_headers:2:3: header X-A has no value, which Netlify refuses`},
		{"/a\n  X-A:   \n", `layouts/_headers:2:3: header X-A has no value`},
		{"/a\n  X-A: b\x01c\n", `layouts/_headers:2:9: control character U+0001 is not allowed`},
		{"/ä\n  X-A: b\u0085\n", `layouts/_headers:2:9: control character U+0085 is not allowed`},
		{"/a\n  X-A: ü\xff\n", `layouts/_headers:2:9: the line is not valid UTF-8`},
		{"/a\n  X-Ü: b\n", `layouts/_headers:2:3: "X-Ü" is not a header name`},
	} {
		rules, errs := parse(c.src)
		if len(errs) == 0 || !strings.HasPrefix(errs[0], c.want) {
			t.Errorf("%q:\n got %q\nwant %s...", c.src, errs, c.want)
		}
		if rules != nil {
			t.Errorf("%q: rules %v came back with errors", c.src, rules)
		}
	}
}

// TestParseHeadersRoundTrip: what FormatHeaders writes reads back as the
// same rules.
func TestParseHeadersRoundTrip(t *testing.T) {
	rules := DefaultHeaderRules(sampleRoot, sampleFolders)
	back, errs := ParseHeaders("_headers", FormatHeaders(rules).Data)
	if errs != nil {
		t.Fatal(errs)
	}
	if !reflect.DeepEqual(stripPos(back), rules) {
		t.Errorf("read back:\n%+v\nwant:\n%+v", back, rules)
	}
}

func stripPos(rules []HeaderRule) []HeaderRule {
	out := make([]HeaderRule, len(rules))
	for i, r := range rules {
		out[i] = HeaderRule{Path: r.Path}
		for _, h := range r.Headers {
			h.Line, h.Column = 0, 0
			out[i].Headers = append(out[i].Headers, h)
		}
	}
	return out
}

// TestMergeHeaders: layouts/_headers replaces a header of the build's rule
// in its place, adds one, drops one, and adds rules after the build's.
func TestMergeHeaders(t *testing.T) {
	built := DefaultHeaderRules([]string{"index.html"}, nil)
	user, errs := parse(`/*
  content-security-policy: default-src 'self'
  Permissions-Policy: camera=()
  Permissions-Policy: microphone=()
  ! Referrer-Policy
/assets/:file
  ! Cache-Control
/downloads/*
  Content-Disposition: attachment
`)
	if errs != nil {
		t.Fatal(errs)
	}
	merged, derrs := MergeHeaders(built, user, "layouts/_headers")
	if derrs != nil {
		t.Fatal(derrs)
	}
	got := string(FormatHeaders(merged).Data)
	want := `# Response headers for Netlify and Cloudflare Pages, written by the build.
# Change them in layouts/_headers (see README.md, "Response headers").

/*
  X-Content-Type-Options: nosniff
  content-security-policy: default-src 'self'
  Permissions-Policy: camera=()
  Permissions-Policy: microphone=()

/
  Cache-Control: public, max-age=0, must-revalidate

/downloads/*
  Content-Disposition: attachment
`
	if got != want {
		t.Errorf("merged:\n%s\nwant:\n%s", got, want)
	}
	if built[0].Headers[1].Name != "Referrer-Policy" || len(built[1].Headers) != 1 {
		t.Errorf("the build's rules changed: %+v", built)
	}
}

// TestMergeHeadersProblems: a "!" line outside the build's rules is an
// error, one that drops nothing a warning.
func TestMergeHeadersProblems(t *testing.T) {
	built := DefaultHeaderRules([]string{"index.html"}, []string{"tech"})
	user, errs := parse("/tech/*\n  ! X-Nothing\n/other/*\n  ! Cache-Control\n")
	if errs != nil {
		t.Fatal(errs)
	}
	_, merrs := MergeHeaders(built, user, "layouts/_headers")
	want := []string{
		"layouts/_headers:2:3: warning: ! X-Nothing drops nothing: the build's rule /tech/* sets no such header",
		"layouts/_headers:4:3: ! Cache-Control: a ! line drops a header from one of the build's own rules (/* /assets/:file / /tech/*), and /other/* is none of them: Netlify reads no ! lines, so the build writes none",
	}
	var got []string
	for _, d := range merrs {
		got = append(got, d.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestHeaderOverlaps: a header of layouts/_headers that another rule sets
// for one of the site's files is found, with a path both match; a header
// set for files no other rule sets it for is not.
func TestHeaderOverlaps(t *testing.T) {
	built := DefaultHeaderRules([]string{"index.html", "404.html"}, []string{"tech"})
	user, errs := parse("/tech/secret/*\n  Content-Security-Policy: default-src 'self'\n  X-Robots-Tag: noindex\n/*\n  Cache-Control: no-store\n/nothing-here/*\n  Content-Security-Policy: default-src 'self'\n")
	if errs != nil {
		t.Fatal(errs)
	}
	merged, _ := MergeHeaders(built, user, "layouts/_headers")
	urls := []string{"/", "/404.html", "/tech/", "/tech/secret/", "/assets/style.1.css"}
	var got []string
	for _, o := range HeaderOverlaps(merged, urls) {
		got = append(got, fmt.Sprintf("%d:%s %s/%s %s", o.Header.Line, o.Header.Name, o.Rule, o.Other, o.Example))
	}
	want := []string{
		"5:Cache-Control /*//assets/:file /assets/style.1.css",
		"5:Cache-Control /*// /",
		"5:Cache-Control /*//404.html /404.html",
		"5:Cache-Control /*//tech/* /tech/",
		"2:Content-Security-Policy /tech/secret/*//* /tech/secret/",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("overlaps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if o := HeaderOverlaps(built, urls); o != nil {
		t.Errorf("the build's own rules overlap: %+v", o)
	}
}

// TestCheckHeaderLimits: Cloudflare's 100 rules and 2,000 characters a
// line, the line as written ("  Name: value").
func TestCheckHeaderLimits(t *testing.T) {
	rules := DefaultHeaderRules([]string{"index.html"}, nil)
	if tooMany, long := CheckHeaderLimits(rules); tooMany || long != nil {
		t.Errorf("the build's rules: %v %v", tooMany, long)
	}
	for len(rules) < MaxHeaderRules {
		rules = append(rules, HeaderRule{Path: fmt.Sprintf("/r%d", len(rules)), Headers: []Header{{Name: "X", Value: "y"}}})
	}
	if tooMany, _ := CheckHeaderLimits(rules); tooMany {
		t.Errorf("%d rules are too many", len(rules))
	}
	rules = append(rules, HeaderRule{Path: "/" + strings.Repeat("p", MaxHeaderLine), Line: 7, Headers: []Header{
		{Name: "X", Value: strings.Repeat("v", MaxHeaderLine-5), Line: 8},
		{Name: "X", Value: strings.Repeat("v", MaxHeaderLine-4), Line: 9},
	}})
	tooMany, long := CheckHeaderLimits(rules)
	if want := []LongLine{{Line: 7, Chars: MaxHeaderLine + 1}, {Line: 9, Chars: MaxHeaderLine + 1}}; !tooMany || !reflect.DeepEqual(long, want) {
		t.Errorf("101 rules and long lines: %v %v, want true %v", tooMany, long, want)
	}
}

// TestDefaultHeadersPrefixFolders: Netlify's "/tech/*" matches whatever
// starts with "/tech", so a folder whose name starts another top-level
// name gets no rule, and no path gets Cache-Control from two rules.
func TestDefaultHeadersPrefixFolders(t *testing.T) {
	root := []string{"index.html", "404.html", "robots.txt", "sitemap.xml"}
	folders := []string{"a", "tech", "tech-jobs", "index", "rob", "sales"}
	rules := DefaultHeaderRules(root, folders)
	var got []string
	for _, r := range rules {
		got = append(got, r.Path)
	}
	want := []string{"/*", "/assets/:file", "/", "/404.html", "/robots.txt", "/sitemap.xml", "/tech-jobs/*", "/sales/*"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rules %q, want %q", got, want)
	}
	m := NewHeaderMatcher(rules)
	paths := []string{"/", "/assets/style.1.css", "/index.html"}
	for _, f := range append(root, folders...) {
		paths = append(paths, "/"+f, "/"+f+"/", "/"+f+"/x/")
	}
	for _, p := range paths {
		n := 0
		for i, r := range rules {
			if _, ok := r.Sets("Cache-Control"); ok && m.Match(i, p) {
				n++
			}
		}
		if n > 1 {
			t.Errorf("%s: Cache-Control from %d rules", p, n)
		}
	}
}
