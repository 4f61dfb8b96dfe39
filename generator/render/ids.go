package render

import (
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"rolesite/generator/diag"
	"rolesite/internal/slug"
)

// FallbackID is the id of a heading whose text gives none (only
// punctuation or emoji), numbered like any other: abschnitt, abschnitt-1.
// It also starts the id of a heading whose own id would begin like an id
// the layouts compute: "FB Leitung" next to id="fb-{{.Key}}" gets
// abschnitt-fb-leitung.
const FallbackID = "abschnitt"

// PageIDs are the ids that the layouts give elements of their own (the
// skip link's target, the contact box, the lists of related roles), read
// from the templates in use, built-in or overridden. Heading ids in role
// bodies keep clear of them. A PageIDs is never changed after it is made,
// so it is safe for concurrent use.
type PageIDs struct {
	fixed    map[string]bool // id="inhalt"
	computed []string        // the fixed start of each computed id: "fb-" of id="fb-{{.Key}}"
	key      string
}

// idAttr finds id attributes in a template's text: quoted, single-quoted
// or bare, in any case (HTML attribute names are case-insensitive),
// after white space or a template action.
var idAttr = regexp.MustCompile(`(?i)(?:^|[\s}])id\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>=` + "`" + `]+))`)

// layoutIDs collects the ids of every HTML template in sources (name ->
// text; origin names the file for messages). A computed id must start with
// fixed text that no heading id is given otherwise; when it does not, the
// error names the template, its line and the fix.
func layoutIDs(sources, origin map[string]string) (*PageIDs, diag.List) {
	var errs diag.List
	ids := &PageIDs{fixed: map[string]bool{}}
	prefixes := map[string]bool{}
	for _, name := range sortedNames(sources) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		src := sources[name]
		for _, m := range idAttr.FindAllStringSubmatchIndex(src, -1) {
			start, end := valueSpan(m)
			value := src[start:end]
			action := strings.Index(value, "{{")
			if action < 0 {
				if value != "" {
					ids.fixed[value] = true
				}
				continue
			}
			prefix := value[:action]
			if moved := strings.Repeat(FallbackID+"-", len(prefix)/len(FallbackID)+1); strings.HasPrefix(moved, prefix) {
				pos := diag.OffsetPosition(origin[name], []byte(src), start)
				if prefix == "" {
					errs.Add(pos, diag.ComputedID, value, value)
				} else {
					errs.Add(pos, diag.IDLikeMovedHeading, value, prefix, FallbackID, value)
				}
				continue
			}
			prefixes[prefix] = true
		}
	}
	for p := range prefixes {
		ids.computed = append(ids.computed, p)
	}
	sort.Strings(ids.computed)
	fixed := make([]string, 0, len(ids.fixed))
	for id := range ids.fixed {
		fixed = append(fixed, id)
	}
	sort.Strings(fixed)
	ids.key = strings.Join(fixed, " ") + "\x00" + strings.Join(ids.computed, " ")
	return ids, errs
}

// valueSpan returns where the value of an idAttr match m is: whichever of
// its three groups matched.
func valueSpan(m []int) (start, end int) {
	for g := 1; g <= 3; g++ {
		if m[2*g] >= 0 {
			return m[2*g], m[2*g+1]
		}
	}
	return m[1], m[1]
}

// Reserved reports whether the layouts may give an element the id: it is
// one of their fixed ids or starts like one they compute.
func (p *PageIDs) Reserved(id string) bool {
	return p.fixed[id] || p.computedLike(id)
}

func (p *PageIDs) computedLike(id string) bool {
	for _, c := range p.computed {
		if strings.HasPrefix(id, c) {
			return true
		}
	}
	return false
}

// Key changes whenever the set changes; bodies rendered under another key
// must be rendered again.
func (p *PageIDs) Key() string { return p.key }

// Headings returns the id generator for one role body, for
// parser.WithIDs: each heading's text is turned into an id as slugs are
// (German letters spelled out, other scripts kept, see slug.ID), an id
// the layouts use or an earlier heading took gets -1, -2, ... appended.
func (p *PageIDs) Headings() parser.IDs {
	return &headingIDs{page: p, used: map[string]bool{}}
}

// headingIDs is the parser.IDs of one document.
type headingIDs struct {
	page  *PageIDs
	used  map[string]bool
	moved []movedHeading // headings that did not get the id their text gives
}

// movedHeading is a heading whose id is not the one its text gives,
// because the layouts or an earlier heading have that.
type movedHeading struct {
	text, wanted, got string
}

// linkTarget matches what follows a link's or image's text in Markdown
// source: "(destination "title")" or "[label]".
var linkTarget = regexp.MustCompile(`\]\([^)]*\)|\]\[[^\]]*\]`)

// Generate returns a unique id for a heading whose (last) source line is
// value. Link destinations in it do not count: "Arbeiten mit
// [Go](https://go.dev)" gives arbeiten-mit-go.
func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	line := string(value)
	if strings.Contains(line, "](") || strings.Contains(line, "][") {
		line = linkTarget.ReplaceAllString(line, "]")
	}
	id := slug.ID(line)
	if id == "" {
		id = FallbackID
	}
	wanted := id
	for h.page.computedLike(id) {
		id = FallbackID + "-" + id
	}
	if !h.free(id) {
		base := id
		for n := 1; !h.free(id); n++ {
			id = base + "-" + strconv.Itoa(n)
		}
	}
	h.used[id] = true
	if id != wanted {
		h.moved = append(h.moved, movedHeading{text: strings.TrimSpace(string(value)), wanted: wanted, got: id})
	}
	return []byte(id)
}

// Put records an id the document sets itself.
func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }

func (h *headingIDs) free(id string) bool { return !h.used[id] && !h.page.Reserved(id) }

// BadFragment is an in-page link of a body (#id) that names nothing on
// the page or may mean two places.
type BadFragment struct {
	// Offset is the byte offset of the link in the body's source.
	Offset  int
	Message diag.Text
}

// CheckFragments reports the in-page links (#id) of a body parsed with
// pc, whose ids came from PageIDs.Headings: a link that names no heading
// of the body and no id of the layouts, and a link to an id of the
// layouts that a heading of the body would have had but for them (the
// writer may mean the heading). Links to "#" alone (the top) are fine.
func CheckFragments(doc ast.Node, pc parser.Context) []BadFragment {
	h, ok := pc.IDs().(*headingIDs)
	if !ok {
		return nil
	}
	var bad []BadFragment
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		l, ok := n.(*ast.Link)
		if !entering || !ok || len(l.Destination) < 2 || l.Destination[0] != '#' {
			return ast.WalkContinue, nil
		}
		if msg := h.fragmentProblem(string(l.Destination[1:])); !msg.IsZero() {
			bad = append(bad, BadFragment{Offset: nodeOffset(l), Message: msg})
		}
		return ast.WalkContinue, nil
	})
	return bad
}

// fragmentProblem returns what is wrong with a link to #frag, or the zero
// Text.
func (h *headingIDs) fragmentProblem(frag string) diag.Text {
	if unescaped, err := url.PathUnescape(frag); err == nil {
		frag = unescaped
	}
	if h.used[frag] {
		return diag.Text{}
	}
	if h.page.Reserved(frag) {
		for _, m := range h.moved {
			if m.wanted == frag {
				return diag.T(diag.AmbiguousFragment, "#"+frag, frag, m.text, m.got, m.got)
			}
		}
		return diag.Text{}
	}
	if id := slug.ID(frag); h.used[id] {
		return diag.T(diag.NoSuchFragment, "#"+frag, diag.T(diag.HintFragment, id))
	}
	ids := make([]string, 0, len(h.used))
	for id := range h.used {
		ids = append(ids, "#"+id)
	}
	if len(ids) == 0 {
		return diag.T(diag.NoSuchFragment, "#"+frag, diag.T(diag.HintNoHeadings))
	}
	sort.Strings(ids)
	return diag.T(diag.NoSuchFragment, "#"+frag, diag.T(diag.HintHeadings, strings.Join(ids, ", ")))
}

// nodeOffset returns the byte offset of n, or of its first child that has
// one, in the source.
func nodeOffset(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if p := c.Pos(); p >= 0 {
			return p
		}
	}
	return 0
}
