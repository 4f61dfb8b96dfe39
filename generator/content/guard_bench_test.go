package content_test

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"rolesite/generator/content"
	"rolesite/generator/link"
	"rolesite/generator/render"
)

// construct is a Markdown construct repeated to fill a body, and what the
// build does with a 2 MiB body of it.
type construct struct {
	name string
	// fill returns a body of about n bytes; body cuts it to n.
	fill func(n int) string
	// refuse is the start of the message a body of it gets past the guard's
	// budget, and at the line:col of the body (line 1 is the body's first);
	// empty when every size builds.
	refuse, at string
}

// body returns a body of at most n bytes of c.
func (c construct) body(n int) string {
	b := c.fill(n)
	return b[:min(len(b), n)]
}

// repeat fills with unit over and over.
func repeat(unit string) func(int) string {
	return func(n int) string { return strings.Repeat(unit, max(1, n/len(unit))) }
}

// constructs are the candidates for goldmark's superlinear behaviour.
var constructs = []construct{
	{name: "plain-text", fill: repeat("Erfahrung mit Go und SQL. ")},
	{name: "link-openers", fill: repeat("[a]("), refuse: `body: link destination after "](" runs on`, at: "1:3"},
	{name: "link-openers-angle", fill: repeat("[a](<"), refuse: `body: link destination after "](" runs on`, at: "1:3"},
	{name: "image-openers", fill: repeat("![a]("), refuse: `body: link destination after "](" runs on`, at: "1:4"},
	{name: "links-closed", fill: repeat("[Go](https://go.dev/) ")},
	{name: "bracket-pairs", fill: repeat("[a]")},
	{name: "brackets-open", fill: repeat("[")},
	{name: "brackets-nested", fill: func(n int) string { return strings.Repeat("[", n/2) + strings.Repeat("]", n/2) },
		refuse: `body: brackets: "[" closed by a "]" far away`, at: "1:1"},
	{name: "emphasis-star-underscore", fill: repeat("*a_"), refuse: `body: emphasis delimiter "_" finds no opener`, at: "1:3"},
	{name: "emphasis-underscore-star", fill: repeat("_a*"), refuse: `body: emphasis delimiter "*" finds no opener`, at: "1:3"},
	{name: "emphasis-star-tilde", fill: repeat("*a~"), refuse: `body: emphasis delimiter "~" finds no opener`, at: "1:3"},
	{name: "emphasis-over-lines", fill: repeat("*a_\n"), refuse: `body: emphasis delimiter "_" finds no opener`, at: "1:3"},
	{name: "emphasis-pairs", fill: repeat("*a* _b_ ~~c~~ ")},
	{name: "strong-openers", fill: repeat("**a")},
	{name: "strong-mixed", fill: repeat("**a__"), refuse: `body: emphasis delimiter "_" finds no opener`, at: "1:4"},
	{name: "backtick-runs", fill: func(n int) string {
		var b strings.Builder
		for k := 1; b.Len() < n; k++ {
			b.WriteString(strings.Repeat("`", k) + "a")
		}
		return b.String()
	}},
	{name: "autolink-openers", fill: repeat("<a")},
	{name: "autolink-urls", fill: repeat("<http://a")},
	{name: "table-rows", fill: func(n int) string { return "| a | b |\n| - | - |\n" + strings.Repeat("| *x* | [y](z.md) |\n", n/20) }},
	{name: "table-columns", fill: func(n int) string {
		return strings.Repeat("|a", n/6) + "|\n" + strings.Repeat("|-", n/6) + "|\n" + strings.Repeat("|b", n/6) + "|\n"
	}},
	{name: "blockquotes-nested", fill: func(n int) string { return strings.Repeat(">", n) + "a\n" },
		refuse: "body: blockquotes and lists nested", at: "1:1"},
	{name: "lists-nested", fill: func(n int) string { return strings.Repeat("- + ", n/4) + "a\n" },
		refuse: "body: blockquotes and lists nested", at: "1:1"},
	{name: "lists-indented", fill: func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			b.WriteString(strings.Repeat("  ", i) + "- a\n")
		}
		return b.String()
	}, refuse: "body: blockquotes and lists nested", at: "101:1"},
	{name: "link-definitions", fill: func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "[a%d]: /u\n", i)
		}
		return b.String()
	}, refuse: "body: link reference definitions", at: "1:1"},
	{name: "entities", fill: repeat("&amp;&#123;&auml;")},
}

// productionMarkdown is goldmark as a build sets it up: render.NewMarkdown
// with the cross-linker, here over two names.
func productionMarkdown() goldmark.Markdown {
	ix, _ := link.NewIndex([]link.Name{{Text: "Backend-Entwickler", Role: 0}, {Text: "Koch", Role: 1}})
	return render.NewMarkdown(link.NewLinker(ix, func(id int) string { return "/tech/role-" + strconv.Itoa(id) + "/" }))
}

// renderBody converts body as a build does.
func renderBody(md goldmark.Markdown, body []byte) error {
	var buf bytes.Buffer
	pc := link.NewContext(link.Page{Self: -1, Resolve: func(string) (string, bool) { return "/", true }})
	return md.Convert(body, &buf, parser.WithContext(pc))
}

// roleFile is a role file with the given body.
func roleFile(body string) []byte {
	return []byte("---\ntitle: Probe\ncategory: tech\ndescription: A probe.\n---\n" + body)
}

// benchSizes are the 1x, 2x and 4x body sizes: 8, 16 and 32 KiB, so that
// CI runs every construct once (-benchtime=1x) in a few seconds, or from
// ROLESITE_BENCH_MD_KIB KiB up (64 shows the quadratic ones clearly; 512
// reaches 2 MiB, which only the guarded benchmark finishes).
func benchSizes(b *testing.B) []int {
	base := 8
	if v := os.Getenv("ROLESITE_BENCH_MD_KIB"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("ROLESITE_BENCH_MD_KIB=%q: want a number of KiB", v)
		}
		base = n
	}
	return []int{base << 10, 2 * base << 10, 4 * base << 10}
}

// BenchmarkMarkdownConstruct renders a body of each construct with
// goldmark alone, without the guard: how goldmark's time grows with size.
func BenchmarkMarkdownConstruct(b *testing.B) {
	md := productionMarkdown()
	for _, c := range constructs {
		for _, n := range benchSizes(b) {
			body := []byte(c.body(n))
			b.Run(fmt.Sprintf("%s/%dKiB", c.name, n>>10), func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					if err := renderBody(md, body); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkGuardedConstruct does what a build does with a role file of
// each construct: parse it, guard included, and render the body when the
// guard lets it through.
func BenchmarkGuardedConstruct(b *testing.B) {
	md := productionMarkdown()
	for _, c := range constructs {
		for _, n := range benchSizes(b) {
			src := roleFile(c.body(n))
			b.Run(fmt.Sprintf("%s/%dKiB", c.name, n>>10), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					r, errs := content.ParseRole("probe.md", "probe", src, content.Limits{MaxFileBytes: len(src)})
					if errs.HasErrors() {
						continue
					}
					if err := renderBody(md, r.Body); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
