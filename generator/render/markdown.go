package render

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// NewMarkdown returns the Markdown converter for role bodies: CommonMark
// with GFM tables, strikethrough and autolinks, and heading IDs. Raw HTML
// is not passed through (goldmark's default: it is replaced by a comment).
// extra adds extensions such as the cross-linker.
func NewMarkdown(extra ...goldmark.Extender) goldmark.Markdown {
	exts := append([]goldmark.Extender{extension.Table, extension.Strikethrough, extension.Linkify}, extra...)
	return goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}
