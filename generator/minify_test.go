package generator

import (
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"rolesite/generator/serve"
	"rolesite/internal/testtree"
)

// inline elements: the white space around them is text, and no space is
// seen at their tags.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Code: true, atom.Data: true, atom.Em: true,
	atom.I: true, atom.Small: true, atom.Span: true, atom.Strong: true, atom.Time: true, atom.Sup: true, atom.Sub: true,
}

// assetName matches the hash in an asset's name, which minifying changes.
var assetName = regexp.MustCompile(`/assets/(style|favicon)\.[0-9a-f]{8}\.`)

// pageMeaning is what a reader, a crawler and a browser take from a page:
// every element with its attributes in document order, the words of the
// text as they are separated, and every JSON-LD block as parsed JSON.
type pageMeaning struct {
	Elements []string
	Words    []string
	JSONLD   []any
}

func meaningOf(t *testing.T, name string, data []byte) pageMeaning {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var m pageMeaning
	var text strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if n.Parent != nil && n.Parent.DataAtom == atom.Script {
				var v any
				if err := json.Unmarshal([]byte(n.Data), &v); err != nil {
					t.Errorf("%s: JSON-LD does not parse: %v", name, err)
				}
				m.JSONLD = append(m.JSONLD, v)
				return
			}
			text.WriteString(n.Data)
			return
		case html.ElementNode:
			var attrs []string
			for _, a := range n.Attr {
				v := assetName.ReplaceAllString(a.Val, "/assets/$1.HASH.")
				if a.Key == "content" && attr(n, "name") == "viewport" {
					v = strings.ReplaceAll(v, ", ", ",")
				}
				attrs = append(attrs, a.Key+"="+v)
			}
			slices.Sort(attrs)
			m.Elements = append(m.Elements, n.Data+" "+strings.Join(attrs, " "))
			if !inline[n.DataAtom] {
				text.WriteString(" ")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
		if n.Type == html.ElementNode && !inline[n.DataAtom] {
			text.WriteString(" ")
		}
	}
	visit(doc)
	m.Words = strings.Fields(text.String())
	return m
}

// TestMinifiedSampleMeansTheSame builds the sample site with and without
// -minify: every page has the same elements, attributes, words and JSON-LD,
// the minified site is smaller, and the dev server still finds </body> to
// put its reload script before.
func TestMinifiedSampleMeansTheSame(t *testing.T) {
	cfg := Config{ContentDir: "../content", LayoutsDir: "../layouts", OutDir: filepath.Join(t.TempDir(), "plain"), Now: fixtureNow}
	mustBuild(t, cfg)
	plain := testtree.Files(t, cfg.OutDir)
	cfg.OutDir, cfg.Minify = filepath.Join(t.TempDir(), "min"), true
	mustBuild(t, cfg)
	small := testtree.Files(t, cfg.OutDir)

	renamed := func(files map[string][]byte) map[string][]byte {
		out := map[string][]byte{}
		for p, data := range files {
			out[assetName.ReplaceAllString("/"+p, "/assets/$1.HASH.")[1:]] = data
		}
		return out
	}
	plain, small = renamed(plain), renamed(small)
	if got, want := slices.Sorted(maps.Keys(small)), slices.Sorted(maps.Keys(plain)); !slices.Equal(got, want) {
		t.Fatalf("minified site has files %v, want %v", got, want)
	}
	var before, after, pages int
	for p, data := range plain {
		min := small[p]
		before, after = before+len(data), after+len(min)
		if len(min) > len(data) {
			t.Errorf("%s: minified %d bytes, plain %d", p, len(min), len(data))
		}
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		want, got := meaningOf(t, p, data), meaningOf(t, p, min)
		if !reflect.DeepEqual(got.Elements, want.Elements) {
			t.Errorf("%s: elements differ\n%s", p, firstDiff(want.Elements, got.Elements))
		}
		if !reflect.DeepEqual(got.Words, want.Words) {
			t.Errorf("%s: words differ\n%s", p, firstDiff(want.Words, got.Words))
		}
		if !reflect.DeepEqual(got.JSONLD, want.JSONLD) {
			t.Errorf("%s: JSON-LD differs:\n got %v\nwant %v", p, got.JSONLD, want.JSONLD)
		}
		injected := string(serve.Inject(min))
		if !strings.HasSuffix(injected, serve.ScriptTag+"</body></html>") {
			t.Errorf("%s: the reload script does not go before </body>: ...%s", p, injected[max(0, len(injected)-120):])
		}
	}
	if pages < 30 || after >= before {
		t.Errorf("%d pages, %d bytes minified of %d", pages, after, before)
	}
	t.Logf("%d files: %d bytes minified, %d plain (%.1f%%)", len(plain), after, before, 100*float64(after)/float64(before))
}

func firstDiff(want, got []string) string {
	for i := range max(len(want), len(got)) {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			return fmt.Sprintf("at %d:\n  want %q\n  got  %q", i, w, g)
		}
	}
	return ""
}
