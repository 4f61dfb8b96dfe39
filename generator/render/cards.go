package render

import (
	"errors"
	"html/template"
	"io"
	"strings"
	"sync"
	"sync/atomic"
)

// A role appears as a card in many lists: on the home page, on its
// category's page and on the page of every role that mentions it or that
// it mentions, about twenty times in all. Executing the card partials
// (rolecard, rolecard-summary) through html/template for each of them, with
// a reflective call for every field and every escaper, is most of the time
// spent in templates. A card's bytes depend only on its RoleLink and the
// partial, so the renderer executes each partial once per distinct card and
// splices the result in where the page calls the partial.
//
// This gives the same bytes only where the partial is called in HTML text
// (where html/template escapes it as if it were executed on its own). So
// the renderer first escapes every page as written and looks at the
// templates html/template derived: a partial called in any other context
// (inside an attribute, a script, a <title>) gets a derived copy, and then
// the card cache is not used at all.

// cardNames are the partials whose output is kept per card.
var cardNames = []string{"rolecard", "rolecard-summary"}

// cardFunc names the template function that stands in for partial name.
func cardFunc(name string) string {
	if name == "rolecard" {
		return "rolesiteCard"
	}
	return "rolesiteCardSummary"
}

type cardCache struct {
	set   *template.Template // the partials as written
	names []string           // the partials kept, of cardNames
	// cur is the table of the latest build (Renderer.NewContext). A card
	// looked up in a table of another build is rendered afresh: the same
	// bytes, only slower.
	cur atomic.Pointer[cardTable]
}

// cardTable holds one build's cards, by role path. Its map is built in
// NewContext and only read after; each slot has its own lock.
type cardTable struct {
	slots map[string]*cardSlot
	prev  *cardTable // the build before, whose cards a slot may take over
}

type cardSlot struct {
	mu   sync.Mutex
	link [2]RoleLink // what card i was rendered for
	html [2]template.HTML
	has  [2]bool
}

// newTable starts the table of a build of the roles at paths.
func (c *cardCache) newTable(paths []string) {
	t := &cardTable{slots: make(map[string]*cardSlot, len(paths))}
	slots := make([]cardSlot, len(paths))
	for i, p := range paths {
		t.slots[p] = &slots[i]
	}
	if prev := c.cur.Load(); prev != nil {
		prev.prev = nil // keep one build back, not all
		t.prev = prev
	}
	c.cur.Store(t)
}

// newCardCache returns the cache for pages, escaped here, when its card
// partials are only ever called in HTML text; nil otherwise.
func newCardCache(sources map[string]string, pages map[string]*template.Template, fm template.FuncMap) *cardCache {
	for kind, t := range pages {
		// Escaping happens before execution; an execution error on the
		// empty page is expected and changes nothing, an escaping error
		// (which every build will report) turns the cache off.
		var escErr *template.Error
		if err := t.Execute(io.Discard, &Page{Kind: kind, Site: &SiteView{}}); errors.As(err, &escErr) {
			return nil
		}
		defined := t.DefinedTemplates()
		for _, name := range cardNames {
			if strings.Contains(defined, `"`+name+`$htmltemplate_`) {
				return nil
			}
		}
	}
	set := template.New("").Funcs(fm)
	for _, name := range sortedNames(sources) {
		if strings.HasPrefix(name, "_") {
			if _, err := set.New(name).Parse(sources[name]); err != nil {
				return nil
			}
		}
	}
	c := &cardCache{set: set}
	for _, name := range cardNames {
		if set.Lookup(name) == nil {
			continue
		}
		// A partial that cannot run on its own in HTML text (it would end
		// in another context) is left as it is.
		if err := set.ExecuteTemplate(io.Discard, name, RoleLink{}); err != nil {
			continue
		}
		c.names = append(c.names, name)
	}
	if len(c.names) == 0 {
		return nil
	}
	return c
}

// funcs returns the template functions base with the card functions
// added.
func (c *cardCache) funcs(base template.FuncMap) template.FuncMap {
	fm := template.FuncMap{}
	for k, v := range base {
		fm[k] = v
	}
	for _, name := range c.names {
		fm[cardFunc(name)] = c.card(name)
	}
	return fm
}

// card returns the function that renders partial name for data, once per
// build and role (or across builds, while the role's card stays the same).
func (c *cardCache) card(name string) func(data any) (template.HTML, error) {
	k := 0
	if name != cardNames[0] {
		k = 1
	}
	execute := func(data any) (template.HTML, error) {
		var b strings.Builder
		if err := c.set.ExecuteTemplate(&b, name, data); err != nil {
			return "", err
		}
		return template.HTML(b.String()), nil
	}
	return func(data any) (template.HTML, error) {
		link, isLink := data.(RoleLink)
		t := c.cur.Load()
		if !isLink || t == nil {
			return execute(data)
		}
		s := t.slots[link.Path]
		if s == nil {
			return execute(data)
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.has[k] && s.link[k] == link {
			return s.html[k], nil
		}
		if t.prev != nil {
			if p := t.prev.slots[link.Path]; p != nil {
				p.mu.Lock()
				html, ok := p.html[k], p.has[k] && p.link[k] == link
				p.mu.Unlock()
				if ok {
					s.link[k], s.html[k], s.has[k] = link, html, true
					return html, nil
				}
			}
		}
		html, err := execute(data)
		if err != nil {
			return "", err
		}
		s.link[k], s.html[k], s.has[k] = link, html, true
		return html, nil
	}
}
