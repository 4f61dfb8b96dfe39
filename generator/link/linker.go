package link

import (
	"sort"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"rolesite/generator/diag"
)

// Page is what the Linker needs to know about the document it links. Pass it
// to the parser with NewContext.
type Page struct {
	// Self is the role whose page this is: its mentions stay plain text. Use
	// -1 for a page that is no role page.
	Self int
	// Resolve maps a site-internal link destination to the URL of the page
	// it names, or reports false when there is no such page. It receives
	// the destination as written (backslash escapes and entities decoded)
	// without its "?query" and "#fragment", which the Linker puts back
	// after the URL: "frontend-entwickler.md", "../roles/frontend-entwickler.md",
	// "/tech-development/". Relative paths are relative to the page's source
	// file; resolving them is up to Resolve. A nil Resolve leaves internal
	// links alone.
	Resolve func(dest string) (url string, ok bool)
}

// PageResult is what the Linker found on one page.
type PageResult struct {
	// Mentions are the roles the page links to, by a linked mention or by
	// an explicit link whose resolved URL is a role's URL, in order of first
	// appearance, without Self.
	Mentions []int
	// Problems are the links that point to no page or were removed as
	// unsafe, in document order.
	Problems []BadLink
}

// BadLink is a link the Linker could not keep as written.
type BadLink struct {
	// Offset is the byte offset of the link ("[" or "<") in the source given
	// to goldmark; diag.OffsetPosition turns it into a line and column.
	Offset int
	// Dest is the destination as written, backslash escapes and entities
	// decoded.
	Dest string
	// Unsafe is true for a javascript:, vbscript: or data: link (or image),
	// which the Linker replaced by its text; false for an internal link
	// that Resolve could not resolve, which stays as written.
	Unsafe bool
}

// Message is the catalogue entry that describes the problem; its one
// argument is Dest: `link to "x.md" points to no page` or
// `unsafe link "javascript:..." removed`.
func (b BadLink) Message() diag.Message {
	if b.Unsafe {
		return diag.UnsafeLink
	}
	return diag.BrokenLink
}

var (
	pageKey   = parser.NewContextKey()
	resultKey = parser.NewContextKey()
)

// NewContext returns a parser context that carries page to the Linker; pass
// it to the parser with parser.WithContext and read the result with Result
// after parsing.
func NewContext(page Page, opts ...parser.ContextOption) parser.Context {
	pc := parser.NewContext(opts...)
	pc.Set(pageKey, page)
	return pc
}

// Result returns what the Linker found while pc was parsed; the zero
// PageResult when the Linker did not run.
func Result(pc parser.Context) PageResult {
	if r, ok := pc.Get(resultKey).(*PageResult); ok {
		return *r
	}
	return PageResult{}
}

// transformPriority runs the Linker after goldmark's own transformers (the
// footnote transformer has 999; lower runs first).
const transformPriority = 1000

// Linker links mentions of roles in Markdown documents. It is a goldmark
// extension (register it with goldmark.WithExtensions) and the AST
// transformer behind it (register that with parser.WithASTTransformers and
// util.Prioritized(l, 1000) if you wire goldmark by hand).
//
// For each document it:
//   - links the first mention of each role found by the Index in the text
//     of paragraphs, lists, tables, emphasis and the like, except Self, and
//     except in headings, links, images, code and raw HTML. The link keeps
//     the text as written; its destination is url(role). A name may run
//     over several text nodes of one paragraph or emphasis (a soft line
//     break counts as a space), but not in and out of emphasis.
//   - passes every site-internal link destination (no scheme, not "//host",
//     not "#fragment") to Page.Resolve and replaces it with the URL returned,
//     its ?query and #fragment kept; a destination that does not resolve is
//     reported as a BadLink and left as written. When the URL is url(r) of a
//     role r, the link counts as the first mention of r. Image sources are
//     not resolved.
//   - replaces every link, autolink or image whose scheme is javascript:,
//     vbscript: or data: by its text, and reports it as a BadLink.
//
// A Linker is safe for concurrent use by several goldmark instances or
// goroutines as long as url and the Resolve functions are.
type Linker struct {
	ix     *Index
	urls   []string       // url(role) for every role
	byPath map[string]int // url(role) without query and fragment -> role
}

// NewLinker returns a Linker for the roles of ix; url gives the destination
// of a link to a role. url is called once per role, here.
func NewLinker(ix *Index, url func(role int) string) *Linker {
	l := &Linker{ix: ix, urls: make([]string, ix.roles), byPath: make(map[string]int, ix.roles)}
	for r := range l.urls {
		u := url(r)
		l.urls[r] = u
		p, _ := splitSuffix(u)
		if _, dup := l.byPath[p]; !dup {
			l.byPath[p] = r
		}
	}
	return l
}

// Extend implements goldmark.Extender.
func (l *Linker) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(l, transformPriority)))
}

// Transform implements parser.ASTTransformer. It reads the Page from pc
// (Self -1 and no Resolve when there is none) and stores the PageResult in
// pc for Result.
func (l *Linker) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	page, ok := pc.Get(pageKey).(Page)
	if !ok {
		page = Page{Self: -1}
	}
	res := &PageResult{}
	st := &linkState{l: l, page: page, src: reader.Source(), linked: map[int]bool{}, res: res}
	st.walk(doc, true)
	pc.Set(resultKey, res)
}

// linkState is the work on one document.
type linkState struct {
	l      *Linker
	page   Page
	src    []byte
	linked map[int]bool // roles that already have their link
	res    *PageResult

	// scratch, reused from run to run
	buf     []byte
	pieces  []piece
	matches []Match
	ring    []slot
}

// walk links the children of parent; mentions is false inside headings and
// links, where only link destinations are checked.
func (st *linkState) walk(parent ast.Node, mentions bool) {
	var run []*ast.Text
	for c := parent.FirstChild(); c != nil; {
		next := c.NextSibling()
		switch n := c.(type) {
		case *ast.Text:
			if mentions {
				run = append(run, n)
				if n.HardLineBreak() {
					st.linkRun(parent, run)
					run = run[:0]
				}
			}
			c = next
			continue
		case *ast.Link:
			if st.unsafe(n, n.Destination) {
				c = unwrap(parent, n) // its text may join the current run
				continue
			}
		case *ast.Image:
			if st.unsafe(n, n.Destination) {
				c = unwrap(parent, n)
				continue
			}
		case *ast.AutoLink:
			if st.unsafe(n, n.URL(st.src)) {
				s := ast.NewString(n.Label(st.src))
				s.SetRaw(true)
				parent.ReplaceChild(parent, n, s)
				c = s
				continue
			}
		}
		if len(run) > 0 {
			st.linkRun(parent, run)
			run = run[:0]
		}
		switch n := c.(type) {
		case *ast.Link:
			st.resolve(n)
			st.walk(n, false)
		case *ast.Image, *ast.Heading:
			st.walk(n, false)
		case *ast.AutoLink, *ast.CodeSpan, *ast.RawHTML,
			*ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			// no links or mentions inside
		default:
			st.walk(n, mentions)
		}
		c = next
	}
	if len(run) > 0 {
		st.linkRun(parent, run)
	}
}

// unwrap replaces n by its children and returns the node to continue with.
func unwrap(parent, n ast.Node) ast.Node {
	first := n.FirstChild()
	for c := first; c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	next := n.NextSibling()
	parent.RemoveChild(parent, n)
	if first != nil {
		return first
	}
	return next
}

// unsafe reports (and records) whether dest has a dangerous scheme.
func (st *linkState) unsafe(n ast.Node, dest []byte) bool {
	d := decodeDest(dest)
	if !dangerous(d) {
		return false
	}
	st.res.Problems = append(st.res.Problems, BadLink{Offset: st.offset(n), Dest: d, Unsafe: true})
	return true
}

// resolve rewrites an internal link destination through Page.Resolve.
func (st *linkState) resolve(n *ast.Link) {
	dest := decodeDest(n.Destination)
	if st.page.Resolve == nil || !internal(dest) {
		return
	}
	path, suffix := splitSuffix(dest)
	url, ok := st.page.Resolve(path)
	if !ok {
		st.res.Problems = append(st.res.Problems, BadLink{Offset: st.offset(n), Dest: dest})
		return
	}
	n.Destination = escapeDest(url + suffix)
	p, _ := splitSuffix(url)
	if role, ok := st.l.byPath[p]; ok && role != st.page.Self {
		st.mention(role)
	}
}

// mention records that the page links to role.
func (st *linkState) mention(role int) {
	if !st.linked[role] {
		st.linked[role] = true
		st.res.Mentions = append(st.res.Mentions, role)
	}
}

// offset returns the byte offset of n in the source.
func (st *linkState) offset(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if p := c.Pos(); p >= 0 {
			return p
		}
	}
	return 0
}

// piece is one text node of a run and its place in the run's text.
type piece struct {
	node   *ast.Text
	lo, hi int     // byte range in the run's text
	rawAt  []int32 // decoded offset -> raw offset, -1 inside an escape; nil: identity
}

// linkRun links the mentions in a run of adjacent text nodes of parent.
func (st *linkState) linkRun(parent ast.Node, run []*ast.Text) {
	st.buf, st.pieces = st.buf[:0], st.pieces[:0]
	for _, t := range run {
		raw := t.Segment.Value(st.src)
		lo := len(st.buf)
		var at []int32
		if t.IsRaw() || !needsDecode(raw) {
			st.buf = append(st.buf, raw...)
		} else {
			st.buf, at = decodeText(st.buf, raw)
		}
		st.pieces = append(st.pieces, piece{node: t, lo: lo, hi: len(st.buf), rawAt: at})
		if t.SoftLineBreak() || t.HardLineBreak() {
			st.buf = append(st.buf, '\n')
		}
	}
	before := st.runeBefore(run[0])
	after := st.runeAfter(run[len(run)-1])
	if st.ring == nil {
		st.ring = make([]slot, st.l.ix.m.maxLen)
	}
	// The search keeps no part of the text: look at the scratch buffer in
	// place rather than copy it.
	st.matches = st.l.ix.m.find(unsafe.String(unsafe.SliceData(st.buf), len(st.buf)), before, after, st.matches[:0], st.ring)

	// Keep the first mention of each other role; the others stay text.
	keep := st.matches[:0]
	for _, m := range st.matches {
		if m.Role == st.page.Self || st.linked[m.Role] {
			continue
		}
		i, j := st.pieceAt(m.Start), st.pieceAt(m.End-1)
		if !st.pieces[i].splittable(m.Start) || !st.pieces[j].splittable(m.End) {
			continue // a boundary inside an entity's expansion: leave it
		}
		st.mention(m.Role)
		keep = append(keep, m)
	}
	// Wrap right to left, so that splitting never moves what is still to do.
	for k := len(keep) - 1; k >= 0; k-- {
		st.wrap(parent, keep[k])
	}
}

// pieceAt returns the index of the piece that holds byte off of the run's
// text (off is never in the gap after a line break).
func (st *linkState) pieceAt(off int) int {
	return sort.Search(len(st.pieces), func(i int) bool { return st.pieces[i].hi > off })
}

// splittable reports whether the node can be split at off.
func (p *piece) splittable(off int) bool {
	return p.rawAt == nil || off-p.lo >= len(p.rawAt) || p.rawAt[off-p.lo] >= 0
}

// split cuts the node of p at off of the run's text: p keeps the left part,
// the right part (with p's line break flags) is inserted after it and
// returned.
func (p *piece) split(parent ast.Node, off int) *ast.Text {
	rawOff := off - p.lo
	if p.rawAt != nil {
		rawOff = int(p.rawAt[off-p.lo])
	}
	t := p.node
	seg := t.Segment
	right := ast.NewTextSegment(text.NewSegment(seg.Start+rawOff, seg.Stop))
	right.SetRaw(t.IsRaw())
	right.SetSoftLineBreak(t.SoftLineBreak())
	right.SetHardLineBreak(t.HardLineBreak())
	t.Segment = seg.WithStop(seg.Start + rawOff)
	t.SetSoftLineBreak(false)
	t.SetHardLineBreak(false)
	parent.InsertAfter(parent, t, right)
	p.hi = off
	return right
}

// wrap puts the text of m into a link to its role.
func (st *linkState) wrap(parent ast.Node, m Match) {
	i, j := st.pieceAt(m.Start), st.pieceAt(m.End-1)
	last := st.pieces[j].node
	if pj := &st.pieces[j]; m.End < pj.hi {
		pj.split(parent, m.End)
	} else if last.SoftLineBreak() || last.HardLineBreak() {
		// Keep the line break out of the link.
		brk := ast.NewTextSegment(text.NewSegment(last.Segment.Stop, last.Segment.Stop))
		brk.SetSoftLineBreak(last.SoftLineBreak())
		brk.SetHardLineBreak(last.HardLineBreak())
		last.SetSoftLineBreak(false)
		last.SetHardLineBreak(false)
		parent.InsertAfter(parent, last, brk)
	}
	first := st.pieces[i].node
	if pi := &st.pieces[i]; m.Start > pi.lo {
		first = pi.split(parent, m.Start)
		if i == j {
			last = first
		}
	}
	link := ast.NewLink()
	link.Destination = escapeDest(st.l.urls[m.Role])
	link.SetPos(first.Segment.Start)
	parent.InsertBefore(parent, first, link)
	for c := ast.Node(first); c != nil; {
		next := c.NextSibling()
		link.AppendChild(link, c)
		if c == last {
			break
		}
		c = next
	}
}

// runeBefore returns the character rendered just before n within its
// paragraph (or other block), or -1.
func (st *linkState) runeBefore(n ast.Node) rune {
	for p := n; ; p = p.Parent() {
		if s := p.PreviousSibling(); s != nil {
			return st.lastRune(s)
		}
		if par := p.Parent(); par == nil || par.Type() != ast.TypeInline {
			return -1
		}
	}
}

// runeAfter returns the character rendered just after n within its block,
// or -1.
func (st *linkState) runeAfter(n ast.Node) rune {
	if t, ok := n.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
		return '\n'
	}
	for p := n; ; p = p.Parent() {
		if s := p.NextSibling(); s != nil {
			return st.firstRune(s)
		}
		if par := p.Parent(); par == nil || par.Type() != ast.TypeInline {
			return -1
		}
	}
}

// lastRune returns the last character that n renders, or -1.
func (st *linkState) lastRune(n ast.Node) rune {
	var v []byte
	switch n := n.(type) {
	case *ast.Text:
		if n.SoftLineBreak() || n.HardLineBreak() {
			return '\n'
		}
		v = st.textValue(n)
	case *ast.String:
		v = n.Value
	case *ast.AutoLink:
		v = n.Label(st.src)
	default:
		if c := n.LastChild(); c != nil {
			return st.lastRune(c)
		}
		return -1
	}
	if len(v) == 0 {
		return -1
	}
	r, _ := utf8.DecodeLastRune(v)
	return r
}

// firstRune returns the first character that n renders, or -1.
func (st *linkState) firstRune(n ast.Node) rune {
	var v []byte
	switch n := n.(type) {
	case *ast.Text:
		v = st.textValue(n)
		if len(v) == 0 && (n.SoftLineBreak() || n.HardLineBreak()) {
			return '\n'
		}
	case *ast.String:
		v = n.Value
	case *ast.AutoLink:
		v = n.Label(st.src)
	default:
		if c := n.FirstChild(); c != nil {
			return st.firstRune(c)
		}
		return -1
	}
	if len(v) == 0 {
		return -1
	}
	r, _ := utf8.DecodeRune(v)
	return r
}

// textValue returns the text that t renders, without its line break.
func (st *linkState) textValue(t *ast.Text) []byte {
	raw := t.Segment.Value(st.src)
	if t.IsRaw() || !needsDecode(raw) {
		return raw
	}
	v, _ := decodeText(nil, raw)
	return v
}

// internal reports whether dest is a path on this site: not empty, no
// scheme, not protocol-relative ("//host"), not only a "#fragment" or
// "?query".
func internal(dest string) bool {
	if dest == "" || dest[0] == '#' || dest[0] == '?' || strings.HasPrefix(dest, "//") {
		return false
	}
	return !hasScheme(dest)
}

// hasScheme reports whether dest starts with a URL scheme ("mailto:").
func hasScheme(dest string) bool {
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// dangerous reports whether a browser would run dest as a javascript:,
// vbscript: or data: URL. Like the URL standard, it ignores leading spaces
// and control characters, tabs and newlines anywhere, and case.
func dangerous(dest string) bool {
	var scheme [len("javascript")]byte
	n := 0
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case n == 0 && c <= ' ', c == '\t' || c == '\n' || c == '\r':
		case c == ':':
			s := string(scheme[:n])
			return s == "javascript" || s == "vbscript" || s == "data"
		case n == len(scheme):
			return false // longer than any dangerous scheme
		default:
			scheme[n] = c | 0x20
			n++
		}
	}
	return false
}

// splitSuffix splits dest before its "?query" or "#fragment".
func splitSuffix(dest string) (path, suffix string) {
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		return dest[:i], dest[i:]
	}
	return dest, ""
}
