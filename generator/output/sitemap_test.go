package output

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const testBase = "https://jobs.example.com/"

// xmlNode is any XML element, for structural checks.
type xmlNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []xmlNode  `xml:",any"`
	Text     string     `xml:",chardata"`
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// parseSitemap checks that data is a well-formed sitemap (rootName "urlset",
// entries "url") or sitemap index ("sitemapindex", "sitemap") that keeps the
// protocol's structural rules, and returns its entries.
func parseSitemap(t *testing.T, data []byte, rootName, entryName string) []URL {
	t.Helper()
	if !bytes.HasPrefix(data, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n")) {
		t.Errorf("%s: no XML declaration", rootName)
	}
	var root xmlNode
	if err := xml.Unmarshal(data, &root); err != nil {
		t.Fatalf("%s is not well-formed: %v", rootName, err)
	}
	if root.XMLName != (xml.Name{Space: sitemapNS, Local: rootName}) {
		t.Fatalf("root element %v, want %s in %s", root.XMLName, rootName, sitemapNS)
	}
	var urls []URL
	seen := map[string]bool{}
	for _, e := range root.Children {
		if e.XMLName.Local != entryName || e.XMLName.Space != sitemapNS {
			t.Errorf("unexpected element %v in <%s>", e.XMLName, rootName)
			continue
		}
		var u URL
		for i, c := range e.Children {
			switch {
			case i == 0 && c.XMLName.Local == "loc":
				u.Loc = c.Text
			case i == 1 && c.XMLName.Local == "lastmod":
				if !dateRE.MatchString(c.Text) {
					t.Errorf("lastmod %q is not YYYY-MM-DD", c.Text)
				}
				d, err := time.Parse(time.DateOnly, c.Text)
				if err != nil {
					t.Error(err)
				}
				u.LastMod = d
			default:
				t.Errorf("unexpected <%s> at position %d in <%s>", c.XMLName.Local, i, entryName)
			}
		}
		switch {
		case !strings.HasPrefix(u.Loc, testBase):
			t.Errorf("loc %q is not under %s", u.Loc, testBase)
		case len(u.Loc) >= 2048:
			t.Errorf("loc %q too long", u.Loc)
		case seen[u.Loc]:
			t.Errorf("loc %q listed twice", u.Loc)
		}
		seen[u.Loc] = true
		if n := len(urls); rootName == "urlset" && n > 0 && urls[n-1].Loc >= u.Loc {
			t.Errorf("locs not sorted: %q before %q", urls[n-1].Loc, u.Loc)
		}
		urls = append(urls, u)
	}
	if len(urls) == 0 {
		t.Errorf("<%s> without entries", rootName)
	}
	return urls
}

// xmllint validates data against schema (a file in testdata/) when xmllint
// is installed. With ROLESITE_XMLLINT=1 a missing xmllint fails the test.
func xmllint(t *testing.T, schema string, data []byte) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("ROLESITE_XMLLINT") == "1" {
			t.Fatalf("ROLESITE_XMLLINT=1 but xmllint is not on PATH (apt-get install -y libxml2-utils): %v", err)
		}
		t.Logf("xmllint not on PATH: %s not checked against the XSD", schema)
		return
	}
	f := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--noout", "--schema", filepath.Join("testdata", schema), f).CombinedOutput()
	if err != nil {
		t.Errorf("xmllint --schema %s: %v\n%s", schema, err, out)
	}
}

// checkSitemapFiles checks the output of Sitemap and returns every URL it
// lists, in order, and the number of sitemap files (0 when not an index).
func checkSitemapFiles(t *testing.T, files []File, cfg SitemapConfig) (urls []URL, parts int) {
	t.Helper()
	maxURLs, maxBytes := cfg.MaxURLs, cfg.MaxBytes
	if maxURLs == 0 {
		maxURLs = MaxSitemapURLs
	}
	if maxBytes == 0 {
		maxBytes = MaxSitemapBytes
	}
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	if len(byPath) != len(files) || files[0].Path != "sitemap.xml" {
		t.Fatalf("files %v: want sitemap.xml first, no duplicates", paths(files))
	}
	main := byPath["sitemap.xml"]
	checkPart := func(name string, data []byte) []URL {
		if len(data) > maxBytes {
			t.Errorf("%s: %d bytes > %d", name, len(data), maxBytes)
		}
		xmllint(t, "sitemap.xsd", data)
		u := parseSitemap(t, data, "urlset", "url")
		if len(u) > maxURLs {
			t.Errorf("%s: %d URLs > %d", name, len(u), maxURLs)
		}
		return u
	}
	if !bytes.Contains(main, []byte("<sitemapindex")) {
		if len(files) != 1 {
			t.Errorf("files %v besides a plain sitemap.xml", paths(files))
		}
		return checkPart("sitemap.xml", main), 0
	}
	xmllint(t, "siteindex.xsd", main)
	index := parseSitemap(t, main, "sitemapindex", "sitemap")
	if len(index) != len(files)-1 {
		t.Errorf("index lists %d sitemaps, %d files returned", len(index), len(files)-1)
	}
	for i, e := range index {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		if e.Loc != testBase+name {
			t.Errorf("index entry %d: loc %q, want %q", i, e.Loc, testBase+name)
		}
		data, ok := byPath[name]
		if !ok {
			t.Fatalf("index names %s, not returned", name)
		}
		part := checkPart(name, data)
		var newest time.Time
		for _, u := range part {
			if u.LastMod.After(newest) {
				newest = u.LastMod
			}
		}
		if !e.LastMod.Equal(newest) {
			t.Errorf("%s: index lastmod %v, newest in it %v", name, e.LastMod, newest)
		}
		if len(urls) > 0 && urls[len(urls)-1].Loc >= part[0].Loc {
			t.Errorf("%s does not continue the order of the one before", name)
		}
		urls = append(urls, part...)
	}
	return urls, len(index)
}

func paths(files []File) []string {
	var ps []string
	for _, f := range files {
		ps = append(ps, f.Path)
	}
	return ps
}

func day(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestSitemapGolden(t *testing.T) {
	urls := []URL{
		{Loc: testBase + "tech-development/backend-entwickler/", LastMod: day("2024-03-10T23:30:00+01:00")},
		{Loc: testBase},
		{Loc: testBase + "tech-development/", LastMod: day("2024-03-10T00:30:00+02:00")},
		{Loc: testBase + "search/?q=a&b='c'"},
		{Loc: testBase + "tech-development/backend-entwickler/", LastMod: day("2023-01-01T00:00:00Z")},
		{Loc: testBase + "b%C3%BCro/", LastMod: day("2024-01-31T12:00:00Z")},
	}
	files, err := Sitemap(testBase, urls)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 {
		t.Fatalf("files %v, want sitemap.xml only", paths(files))
	}
	got, _ := checkSitemapFiles(t, files, SitemapConfig{})
	if len(got) != 5 {
		t.Errorf("%d URLs, want 5 (one duplicate dropped)", len(got))
	}
	golden := filepath.Join("testdata", "sitemap.golden.xml")
	if *update {
		if err := os.WriteFile(golden, files[0].Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(files[0].Data, want) {
		t.Errorf("sitemap.xml differs from %s (run with -update to accept):\n%s", golden, files[0].Data)
	}

	// The order of the input does not matter.
	for range 5 {
		shuffled := append([]URL(nil), urls...)
		rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := Sitemap(strings.TrimSuffix(testBase, "/"), shuffled)
		if err != nil || !bytes.Equal(again[0].Data, want) {
			t.Fatalf("shuffled input gives other bytes (%v):\n%s", err, again[0].Data)
		}
	}
}

// manyURLs returns n distinct URLs under testBase, shuffled, with lastmods
// spread over 2024 and some left out.
func manyURLs(n int) []URL {
	urls := make([]URL, n)
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range urls {
		urls[i].Loc = fmt.Sprintf("%scategory-%02d/role-%06d/", testBase, i%20, i)
		if i%7 != 0 {
			urls[i].LastMod = start.AddDate(0, 0, (i*37)%366)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(n, func(i, j int) { urls[i], urls[j] = urls[j], urls[i] })
	return urls
}

func TestSitemapSplit(t *testing.T) {
	// Size of one plain sitemap of the first 10 URLs, to aim byte limits.
	ten := sortURLs(manyURLs(10))
	one, err := Sitemap(testBase, ten)
	if err != nil {
		t.Fatal(err)
	}
	size := len(one[0].Data)

	const split = -1 // wantParts: some split, count not fixed
	tests := []struct {
		name      string
		n         int
		cfg       SitemapConfig
		wantParts int // 0: a plain sitemap
	}{
		{"under the URL limit", 10, SitemapConfig{MaxURLs: 11}, 0},
		{"at the URL limit", 10, SitemapConfig{MaxURLs: 10}, 0},
		{"one over the URL limit", 11, SitemapConfig{MaxURLs: 10}, 2},
		{"URL limit, many parts", 25, SitemapConfig{MaxURLs: 3}, 9},
		{"URL limit 1", 4, SitemapConfig{MaxURLs: 1}, 4},
		{"at the byte limit", 10, SitemapConfig{MaxBytes: size}, 0},
		{"one byte under", 10, SitemapConfig{MaxBytes: size - 1}, 2},
		{"byte limit, many parts", 100, SitemapConfig{MaxBytes: 1000}, split},
		{"both limits", 100, SitemapConfig{MaxURLs: 7, MaxBytes: 700}, split},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			urls := manyURLs(tt.n)
			if tt.n == 10 {
				urls = ten
			}
			files, err := tt.cfg.Sitemap(testBase, urls)
			if err != nil {
				t.Fatal(err)
			}
			got, parts := checkSitemapFiles(t, files, tt.cfg)
			if tt.wantParts == split && parts < 2 || tt.wantParts != split && parts != tt.wantParts {
				t.Errorf("%d sitemap files, want %d (-1: at least 2)", parts, tt.wantParts)
			}
			if want := sortURLs(urls); len(got) != len(want) {
				t.Errorf("%d URLs listed, want %d", len(got), len(want))
			} else {
				for i := range want {
					if got[i].Loc != want[i].Loc || !got[i].LastMod.Equal(truncDay(want[i].LastMod)) {
						t.Errorf("URL %d = %+v, want %+v", i, got[i], want[i])
					}
				}
			}
		})
	}
}

func truncDay(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func TestSitemap50001(t *testing.T) {
	urls := manyURLs(50_001)
	files, err := Sitemap(testBase, urls)
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(files); !reflect.DeepEqual(got, []string{"sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"}) {
		t.Fatalf("files %v", got)
	}
	got, parts := checkSitemapFiles(t, files, SitemapConfig{})
	if parts != 2 || len(got) != 50_001 {
		t.Errorf("%d parts, %d URLs; want 2 parts, 50001 URLs", parts, len(got))
	}
	if n := bytes.Count(files[1].Data, []byte("<url>")); n != 50_000 {
		t.Errorf("sitemap-1.xml has %d URLs, want 50000", n)
	}

	// 50,000 fit in one file.
	files, err = Sitemap(testBase, urls[:50_000])
	if err != nil || len(files) != 1 {
		t.Fatalf("50000 URLs: %v, %v", paths(files), err)
	}
}

func TestSitemapErrors(t *testing.T) {
	long := testBase + strings.Repeat("a", 2048-len(testBase)) // 2048 characters
	tests := []struct {
		name string
		base string
		urls []URL
		cfg  SitemapConfig
		want string
	}{
		{"no URLs", testBase, nil, SitemapConfig{}, "no URLs"},
		{"relative base", "/", []URL{{Loc: "/"}}, SitemapConfig{}, "absolute http"},
		{"base with query", testBase + "?x=1", []URL{{Loc: testBase}}, SitemapConfig{}, "absolute http"},
		{"ftp base", "ftp://example.com/", []URL{{Loc: "ftp://example.com/"}}, SitemapConfig{}, "absolute http"},
		{"other host", testBase, []URL{{Loc: "https://evil.example.com/"}}, SitemapConfig{}, "does not start with the base URL"},
		{"relative loc", testBase, []URL{{Loc: "/a/"}}, SitemapConfig{}, "does not start with the base URL"},
		{"space", testBase, []URL{{Loc: testBase + "a b/"}}, SitemapConfig{}, "not percent-encoded"},
		{"umlaut", testBase, []URL{{Loc: testBase + "büro/"}}, SitemapConfig{}, "not percent-encoded"},
		{"bad escape", testBase, []URL{{Loc: testBase + "a%zz/"}}, SitemapConfig{}, "bad percent escape"},
		{"fragment", testBase, []URL{{Loc: testBase + "a/#top"}}, SitemapConfig{}, "fragment"},
		{"too long", testBase, []URL{{Loc: long}}, SitemapConfig{}, "length 2048"},
		{"does not fit", testBase, []URL{{Loc: testBase + "a/"}}, SitemapConfig{MaxBytes: 100}, "does not fit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.cfg.Sitemap(tt.base, tt.urls)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	// 2047 characters are fine.
	if _, err := Sitemap(testBase, []URL{{Loc: long[:2047]}}); err != nil {
		t.Errorf("2047 characters: %v", err)
	}
}
