package output

import (
	"encoding/xml"
	"path"
	"reflect"
	"strings"
	"testing"
)

// FuzzCheckPath: every accepted path stays inside the output folder and names
// no bookkeeping file.
func FuzzCheckPath(f *testing.F) {
	for _, s := range []string{"index.html", "a/b/index.html", "../x", "a/../b", "/abs", "a//b", `a\b`, ".rolesite.lock", "a/.rolesite-tmp-1", "…/ä.html", "..."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if checkPath(p) != nil {
			return
		}
		if path.Clean(p) != p || path.IsAbs(p) || p == "." || p == ".." || strings.HasPrefix(p, "../") ||
			strings.ContainsAny(p, "\\\x00") {
			t.Errorf("accepted %q", p)
		}
		for seg := range strings.SplitSeq(p, "/") {
			if seg == ".." || strings.HasPrefix(seg, ReservedPrefix) {
				t.Errorf("accepted %q", p)
			}
		}
	})
}

// FuzzSitemapLoc: a loc the sitemap accepts comes back unchanged from an XML
// parser.
func FuzzSitemapLoc(f *testing.F) {
	for _, s := range []string{"", "a/", "search/?q=a&b='c'", "b%C3%BCro/", "x<y>/", "a b", "%zz", "\"q\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tail string) {
		loc := testBase + tail
		files, err := Sitemap(testBase, []URL{{Loc: loc}})
		if err != nil {
			return
		}
		var set struct {
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(files[0].Data, &set); err != nil {
			t.Fatalf("loc %q: %v\n%s", loc, err, files[0].Data)
		}
		if len(set.URLs) != 1 || set.URLs[0].Loc != loc {
			t.Errorf("loc %q came back as %+v", loc, set.URLs)
		}
	})
}

// FuzzParseHeaders: ParseHeaders never panics; every problem it reports is
// at a line of the file and a column from 1; what it accepts compiles to a
// matcher in which each path matches itself, and written back by
// FormatHeaders (which leaves "!" lines out) reads back as the same rules.
func FuzzParseHeaders(f *testing.F) {
	for _, s := range []string{
		"/*\n  X-A: b\n",
		string(FormatHeaders(DefaultHeaderRules([]string{"index.html", "404.html"}, []string{"tech"})).Data),
		"# c\r\n/assets/*.svg\r\n\t! Cache-Control\r\n  Link: </a>; rel=preload\n",
		"/:cat/:slug/\n  X: 1\n  x: 2\n/a\n  Y: a:b\n",
		"  X-A: b\n/a b\n/a//b\n/*/*\n  X-A:\n  X A: b\n/a?b\n/:1\n/:a/:a\nnope\n",
		"\uFEFF/ä\n  X: \xff\n/b\n  X: \x01\n",
		"/a(b)[c]{d}.+$^|\\\n  X: 1\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		rules, errs := ParseHeaders("h", []byte(src))
		lines := strings.Count(src, "\n") + 1
		for _, d := range errs {
			if d.Pos.Path != "h" || d.Pos.Line < 1 || d.Pos.Line > lines || d.Pos.Column < 1 {
				t.Errorf("%q: reported at %v: %s", src, d.Pos, d)
			}
		}
		if errs.HasErrors() {
			if rules != nil {
				t.Errorf("%q: rules with errors", src)
			}
			return
		}
		m := NewHeaderMatcher(rules)
		var kept []HeaderRule
		for i, r := range rules {
			if !m.Match(i, r.Path) {
				t.Errorf("%q: the path %q does not match itself", src, r.Path)
			}
			k := HeaderRule{Path: r.Path}
			for _, h := range r.Headers {
				if !h.Detach {
					h.Line, h.Column = 0, 0
					k.Headers = append(k.Headers, h)
				}
			}
			if k.Headers != nil {
				kept = append(kept, k)
			}
		}
		back, errs := ParseHeaders("h", FormatHeaders(kept).Data)
		if errs != nil {
			t.Fatalf("%q: written back as\n%s\nit does not read: %v", src, FormatHeaders(kept).Data, errs)
		}
		if !reflect.DeepEqual(stripPos(back), kept) && !(len(back) == 0 && len(kept) == 0) {
			t.Errorf("%q: read back as %+v, want %+v", src, back, kept)
		}
	})
}
