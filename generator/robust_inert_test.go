package generator

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"rolesite/generator/output"
	"rolesite/internal/testtree"
)

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
// and robots.txt, _redirects and _headers have their plain form.
func checkSiteInert(t *testing.T, dir, base string) {
	t.Helper()
	files := testtree.Files(t, dir)
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
		case rel == output.HeadersName:
			if _, errs := output.ParseHeaders(rel, data); errs != nil {
				t.Errorf("_headers does not read back: %v\n%s", errs, data)
			}
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
