// Package minify makes a site's HTML, CSS, SVG and JSON files smaller
// without changing what they mean, with github.com/tdewolff/minify: white
// space that does not show, comments, optional quotes and end tags, the
// shortest form of a colour or a path. What a page says, links and shows
// stays, and so do a few things the build relies on (see New).
package minify

import (
	"bytes"
	"path"
	"regexp"

	min "github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/parse/v2/buffer"
)

// Minifier minifies files by the type their name gives. It is safe for
// concurrent use.
type Minifier struct {
	m *min.M
}

// types are the media types of the files Minifier minifies, by extension.
var types = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".svg":  "image/svg+xml",
	".json": "application/json",
}

// New returns a Minifier. Its HTML keeps the html, head and body tags
// and their end tags: the dev server puts its reload script before
// </body>, and <html lang> and an explicit <head> are what the checkers
// expect. JSON, in .json files and in <script type="application/ld+json">
// (JSON-LD), keeps its numbers as written: a salary of 55000 stays 55000,
// not 55e3, for every reader of structured data. Scripts other than JSON
// are left as they are.
func New() *Minifier {
	m := min.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true})
	m.Add("text/css", &css.Minifier{})
	m.Add("image/svg+xml", &svg.Minifier{})
	m.AddRegexp(regexp.MustCompile(`^application/([a-z0-9.-]+\+)?json$`), &json.Minifier{KeepNumbers: true})
	return &Minifier{m: m}
}

// File appends to dst the minified data of a file at path p, by its
// extension: .html, .css, .svg or .json. A file of another type is appended
// as it is.
func (m *Minifier) File(dst *bytes.Buffer, p string, data []byte) error {
	typ, ok := types[path.Ext(p)]
	if !ok {
		dst.Write(data)
		return nil
	}
	return m.m.Minify(typ, dst, buffer.NewReader(data))
}
