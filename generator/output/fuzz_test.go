package output

import (
	"encoding/xml"
	"path"
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
