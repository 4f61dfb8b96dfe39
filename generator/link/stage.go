package link

import (
	"bytes"
	"context"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/sync/errgroup"

	"rolesite/generator/content"
	"rolesite/generator/diag"
	"rolesite/generator/render"
	"rolesite/internal/fingerprint"
)

// Linked is the link stage's result: each role's body and its place in
// the role graph, by index into site.Roles (display order). Close it when
// the pages are written.
type Linked struct {
	Graph Graph // by index into site.Roles
	Links int   // mentions and role-file links in all bodies

	site   *content.Site
	bodies []*body
	store  *bodyStore
	l      *Stage
	sl     *siteLinks
	ids    *render.PageIDs
	source func(*content.Role) ([]byte, error)
}

// bodyHTML returns the HTML of role i's body: from the store when this
// build rendered it, else rendered again (its fingerprint says it is what
// the build that cached it rendered; a page that shows it is written again
// only when something else on it changed).
func (l *Linked) BodyHTML(i int) (string, error) {
	if html, ok, err := l.store.get(i); ok || err != nil {
		return html, err
	}
	r := l.site.Roles[i]
	var used bool
	var buf bytes.Buffer
	src, err := l.source(r)
	if err != nil {
		return "", err
	}
	if _, _, err := renderBody(render.NewMarkdown(l.l.lk), l.ids, &buf, src[r.BodyOffset:], l.l.idOf[r.Slug], l.sl.resolver(r, &used)); err != nil {
		return "", diag.FileError(r.Path, diag.BodyUnrenderable, err)
	}
	return buf.String(), nil
}

// Close lets go of the bodies' store.
func (l *Linked) Close() error { return l.store.close() }

// BodyKey is the fingerprint of role i's body HTML.
func (l *Linked) BodyKey(i int) uint64 { return l.bodies[i].htmlHash }

// ForgetMentions drops the mentions by slug that only the next run of
// the Stage reads: a Stage that runs once need not hold them while the
// pages are written.
func (l *Linked) ForgetMentions() {
	for _, b := range l.bodies {
		b.mentions = nil
	}
}

func (l *Linked) roles(idx []int) []*content.Role {
	out := make([]*content.Role, len(idx))
	for i, j := range idx {
		out[i] = l.site.Roles[j]
	}
	return out
}

func (l *Linked) Related(i int) []*content.Role     { return l.roles(l.Graph.Outgoing[i]) }
func (l *Linked) MentionedIn(i int) []*content.Role { return l.roles(l.Graph.Incoming[i]) }

// body is one rendered role body, cached across builds.
type body struct {
	key      uint64   // hash of what the rendering read: the Markdown and the role's own URL
	htmlHash uint64   // hash of the rendered HTML, for page fingerprints
	mentions []string // slugs of the roles the body links, in order of first mention
	problems diag.List
	// resolved is set when the body has internal links, whose result depends
	// on the set of paths the site answers.
	resolved bool
}

// linker is the link stage's state that a rebuild can reuse: the name
// index and linker are rebuilt only when some role's names or URL change.
type Stage struct {
	seed     fingerprint.Seed
	namesKey uint64 // hash of every role's slug, URL and names
	pathsKey uint64 // hash of every path the site answers
	idsKey   string // the layouts' own ids the bodies were rendered around
	ix       *Index
	lk       *Linker
	ids      []*content.Role // link ids: roles sorted by slug
	idOf     map[string]int  // slug -> link id
	nameKeys map[string]uint64
	errs     diag.List
	// unrendered are the slugs whose names or URL changed in runs that
	// ended before the bodies rendered (a name two roles claim, say):
	// nameKeys has their new names, the bodies do not.
	unrendered map[string]bool
	bodies     map[string]*body // by role file path
	// scratch says where the bodies a run renders wait for their pages.
	Scratch ScratchConfig
	// last is what the previous run derived from its site alone or from
	// its mentions, reused while the site's key stays (only bodies
	// changed) and no body's mentions changed.
	last *lastLinks
}

type lastLinks struct {
	siteKey uint64 // the key of the site they were derived from
	sl      *siteLinks
	graph   Graph
	islands diag.List
}

func NewStage(seed fingerprint.Seed) *Stage {
	return &Stage{seed: seed, bodies: map[string]*body{}, Scratch: DefaultScratch()}
}

// roleNamesKey hashes what a role contributes to the index.
func (l *Stage) roleNamesKey(r *content.Role) uint64 {
	return l.seed.New().String(r.Slug).String(r.URLPath()).Strings(r.Names()).Sum()
}

// siteLinks knows every path the site answers, so links in bodies can be
// checked and links to role files rewritten.
type siteLinks struct {
	paths  map[string]bool // "/", "/tech/", "/tech/x/", aliases, files
	bySlug map[string]string
}

func newSiteLinks(site *content.Site) *siteLinks {
	s := &siteLinks{paths: map[string]bool{"/": true, "/404.html": true, "/sitemap.xml": true, "/robots.txt": true},
		bySlug: make(map[string]string, len(site.Roles))}
	for _, c := range site.Categories {
		s.paths["/"+c.Key+"/"] = true
	}
	for _, r := range site.Roles {
		s.paths[r.URLPath()] = true
		s.bySlug[r.Slug] = r.URLPath()
		for _, a := range r.Aliases {
			s.paths[a] = true
		}
	}
	return s
}

// key covers every path the site answers.
func (s *siteLinks) key(seed fingerprint.Seed) uint64 { return seed.New().Value(s.paths).Sum() }

// resolver returns the Resolve function for the page of role r: a link to
// another role's file (x.md, ../roles/x.md) becomes that role's URL; a site
// path, absolute or relative to the page, must name a page. used is set
// when the body has such a
func (s *siteLinks) resolver(r *content.Role, used *bool) func(string) (string, bool) {
	return func(dest string) (string, bool) {
		*used = true
		if strings.HasSuffix(dest, ".md") {
			u, ok := s.bySlug[strings.TrimSuffix(path.Base(dest), ".md")]
			return u, ok
		}
		p := dest
		if !strings.HasPrefix(p, "/") {
			p = path.Join(r.URLPath(), p)
		}
		clean := path.Clean(p)
		if s.paths[clean] {
			return dest, true
		}
		if s.paths[clean+"/"] {
			return clean + "/", true
		}
		if strings.HasPrefix(clean, "/assets/") {
			return dest, true
		}
		return "", false
	}
}

// update rebuilds the name index when names changed and returns the slugs
// of the roles whose names or URL changed (nil on the first build: all).
func (l *Stage) update(site *content.Site) (changed map[string]bool, first bool) {
	keys := make(map[string]uint64, len(site.Roles))
	ids := append([]*content.Role(nil), site.Roles...)
	sort.Slice(ids, func(i, j int) bool { return ids[i].Slug < ids[j].Slug })
	all := l.seed.New()
	for _, r := range ids {
		k := l.roleNamesKey(r)
		keys[r.Slug] = k
		all.String(r.Slug).U64(k)
	}
	namesKey := all.Sum()
	first = l.ix == nil
	// The index's errors carry the names' positions, which the key does
	// not cover: with errors, the index is made again.
	if !first && namesKey == l.namesKey && len(l.errs) == 0 {
		l.ids = ids // same slugs and names: same ids, fresh role values
		return nil, false
	}
	changed = map[string]bool{}
	for slug, k := range keys {
		if l.nameKeys[slug] != k {
			changed[slug] = true
		}
	}
	for slug := range l.nameKeys {
		if _, ok := keys[slug]; !ok {
			changed[slug] = true
		}
	}
	l.ids, l.nameKeys, l.namesKey = ids, keys, namesKey
	l.idOf = make(map[string]int, len(ids))
	var names []Name
	for id, r := range ids {
		l.idOf[r.Slug] = id
		for j, n := range r.Names() {
			var pos diag.Position
			if j < len(r.NamePos) {
				pos = r.NamePos[j]
			}
			names = append(names, Name{Text: n, Role: id, Pos: pos})
		}
	}
	l.ix, l.errs = NewIndex(names)
	l.lk = NewLinker(l.ix, func(id int) string { return l.ids[id].URLPath() })
	return changed, first
}

// Run renders the bodies that need it and builds the graph. siteKey is the
// key of site without its bodies (0: none): a run with the key of the last
// one reuses what that derived from the roles' names and paths. source
// returns a role's file as the loader parsed it (the body is at
// BodyOffset); the roles' own Source and Body are not read, srcKey(path)
// is the key of those bytes.
//
// indexed, when not nil, is called once the name index is built without
// errors, before the bodies render. Heading ids keep clear of ids.
//
// Problems in the content come back in the list. A body stage that could
// not finish comes back as the error: a diag.List naming the role file
// that could not be read or rendered, the context's error, or an error
// naming the temporary folder the bodies could not wait in.
func (l *Stage) Run(ctx context.Context, site *content.Site, siteKey uint64, ids *render.PageIDs, srcKey func(path string) uint64, source func(*content.Role) ([]byte, error), indexed func()) (*Linked, diag.List, error) {
	var errs diag.List
	last := l.last
	l.last = nil
	sameSite := last != nil && siteKey != 0 && last.siteKey == siteKey
	var (
		changed             map[string]bool
		first, pathsChanged bool
		sl                  *siteLinks
		pathsKey            uint64
	)
	if sameSite {
		// The same roles with the same front matter: the same names and
		// paths.
		sl = last.sl
	} else {
		changed, first = l.update(site)
		if len(l.unrendered) > 0 && !first {
			changed = maps.Clone(changed)
			if changed == nil {
				changed = map[string]bool{}
			}
			maps.Copy(changed, l.unrendered)
		}
		// Until the bodies render, what changed is not in them.
		l.unrendered = changed
	}
	errs.Append(l.errs)
	if errs.HasErrors() {
		return nil, errs, nil
	}
	if indexed != nil {
		indexed()
	}
	if !sameSite {
		sl = newSiteLinks(site)
		pathsKey = sl.key(l.seed)
		pathsChanged = pathsKey != l.pathsKey
	}
	// Other layout ids can move heading ids: every body renders again.
	idsChanged := ids.Key() != l.idsKey

	// A mini index of the changed roles' new names finds the bodies that
	// may mention them now.
	var changedIx *Index
	if !first && len(changed) > 0 {
		var names []Name
		for slug := range changed {
			if id, ok := l.idOf[slug]; ok {
				for _, n := range l.ids[id].Names() {
					names = append(names, Name{Text: n, Role: 0})
				}
			}
		}
		changedIx, _ = NewIndex(names)
	}

	n := len(site.Roles)
	bodies := make([]*body, n)
	stale := make([]bool, n)
	var scan []int // bodies that may mention a changed name
	for i, r := range site.Roles {
		key := bodyKey(l.seed, r, srcKey(r.Path))
		b := l.bodies[r.Path]
		stale[i] = first || idsChanged || b == nil || b.key != key || (pathsChanged && b.resolved) || changed[r.Slug]
		if !stale[i] && len(changed) > 0 {
			for _, m := range b.mentions {
				if changed[m] {
					stale[i] = true
					break
				}
			}
			if !stale[i] && changedIx != nil {
				scan = append(scan, i)
			}
		}
		if stale[i] {
			bodies[i] = &body{key: key}
		} else {
			bodies[i] = b
		}
	}
	// Looking for the changed names in every other body is the long part of
	// a rename: share it among the cores.
	parallel(len(scan), func(k int) {
		i := scan[k]
		r := site.Roles[i]
		// A file that cannot be read again renders again, which says why.
		if src, err := source(r); err != nil || changedIx.Mentions(src[r.BodyOffset:]) {
			stale[i] = true
			bodies[i] = &body{key: bodies[i].key}
		}
	})
	var todo []int
	var before [][]string // the mentions of the bodies in todo, as last rendered
	for i, r := range site.Roles {
		if stale[i] {
			todo = append(todo, i)
			if b := l.bodies[r.Path]; b != nil && sameSite {
				before = append(before, b.mentions)
			}
		}
	}
	store := newBodyStore(n, len(todo), l.Scratch)
	if err := l.render(ctx, site, sl, ids, bodies, todo, store, source); err != nil {
		store.close()
		return nil, errs, err
	}
	// The bodies are rendered for these paths and ids; a build that stops
	// before here leaves the keys of the bodies it keeps.
	l.idsKey = ids.Key()
	l.unrendered = nil
	if !sameSite {
		l.pathsKey = pathsKey
	}
	seen := make(map[string]bool, n)
	for i, r := range site.Roles {
		l.bodies[r.Path] = bodies[i]
		seen[r.Path] = true
	}
	for p := range l.bodies {
		if !seen[p] {
			delete(l.bodies, p)
		}
	}
	// Only bodies changed, and none links other roles than before: the
	// graph stands.
	if !(sameSite && len(before) == len(todo) && sameMentions(bodies, todo, before)) {
		graph, islands := l.graph(site, bodies)
		last = &lastLinks{graph: graph, islands: islands}
	}
	last.siteKey, last.sl = siteKey, sl
	l.last = last
	ls := &Linked{site: site, bodies: bodies, Graph: last.graph, store: store, l: l, sl: sl, ids: ids, source: source}
	for _, b := range bodies {
		ls.Links += len(b.mentions)
		errs.Append(b.problems)
	}
	errs.Append(last.islands)
	return ls, errs, nil
}

// sameMentions reports whether each body at todo mentions the roles in
// before, in order.
func sameMentions(bodies []*body, todo []int, before [][]string) bool {
	for k, i := range todo {
		if !slices.Equal(bodies[i].mentions, before[k]) {
			return false
		}
	}
	return true
}

// parallel calls f(0) ... f(n-1) on all cores.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

// bodyKey covers what a body's rendering reads besides the names: the
// file's bytes (by their hash) and the role's own URL and path.
func bodyKey(seed fingerprint.Seed, r *content.Role, src uint64) uint64 {
	return seed.New().String(r.URLPath()).String(r.Path).U64(src).Sum()
}

// render converts the bodies at todo on all cores, each worker with its
// own goldmark instance and buffer.
func (l *Stage) render(ctx context.Context, site *content.Site, sl *siteLinks, ids *render.PageIDs, bodies []*body, todo []int, store *bodyStore, source func(*content.Role) ([]byte, error)) error {
	if len(todo) == 0 {
		return nil
	}
	workers := min(runtime.GOMAXPROCS(0), len(todo))
	g, gctx := errgroup.WithContext(ctx)
	next := make(chan int)
	for range workers {
		g.Go(func() error {
			md := render.NewMarkdown(l.lk)
			var buf bytes.Buffer
			for i := range next {
				r := site.Roles[i]
				b := bodies[i]
				src, err := source(r)
				if err != nil {
					return err
				}
				res, fragments, err := renderBody(md, ids, &buf, src[r.BodyOffset:], l.idOf[r.Slug], sl.resolver(r, &b.resolved))
				if err != nil {
					return diag.FileError(r.Path, diag.BodyUnrenderable, err)
				}
				b.htmlHash = l.seed.Bytes(buf.Bytes())
				if err := store.put(i, buf.Bytes()); err != nil {
					return err
				}
				for _, m := range res.Mentions {
					b.mentions = append(b.mentions, l.ids[m].Slug)
				}
				for _, p := range res.Problems {
					b.problems.Add(diag.OffsetPosition(r.Path, src, r.BodyOffset+p.Offset), p.Message(), p.Dest)
				}
				for _, f := range fragments {
					b.problems.Add(diag.OffsetPosition(r.Path, src, r.BodyOffset+f.Offset), diag.BadFragment, f.Message)
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		defer close(next)
		for _, i := range todo {
			select {
			case next <- i:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	})
	return g.Wait()
}

// graph builds the role graph in display order from the bodies' mentions
// and the explicit related roles, and reports islands.
func (l *Stage) graph(site *content.Site, bodies []*body) (Graph, diag.List) {
	n := len(site.Roles)
	index := make(map[string]int, n)
	for i, r := range site.Roles {
		index[r.Slug] = i
	}
	related := make([][]int, n)
	mentions := make([][]int, n)
	for i, r := range site.Roles {
		for _, rel := range r.Related {
			if j, ok := index[rel]; ok {
				related[i] = append(related[i], j)
			}
		}
		for _, m := range bodies[i].mentions {
			if j, ok := index[m]; ok {
				mentions[i] = append(mentions[i], j)
			}
		}
	}
	graph := BuildGraph(n, related, mentions)
	var islands diag.List
	for _, i := range graph.Islands() {
		r := site.Roles[i]
		islands.Warn(r.KeyPos("title"), diag.Island, r.Title)
	}
	return graph, islands
}

// renderBody converts one role body with the linker into buf, its heading
// ids clear of ids, and reports its in-page links that name nothing.
func renderBody(md goldmark.Markdown, ids *render.PageIDs, buf *bytes.Buffer, body []byte, self int, resolve func(string) (string, bool)) (PageResult, []render.BadFragment, error) {
	buf.Reset()
	pc := NewContext(Page{Self: self, Resolve: resolve}, parser.WithIDs(ids.Headings()))
	doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	fragments := render.CheckFragments(doc, pc)
	if err := md.Renderer().Render(buf, body, doc); err != nil {
		return PageResult{}, nil, err
	}
	return Result(pc), fragments, nil
}
