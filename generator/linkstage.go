package generator

import (
	"bytes"
	"context"
	"path"
	"runtime"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"golang.org/x/sync/errgroup"

	"rolesite/generator/content"
	"rolesite/generator/diag"
	"rolesite/generator/link"
	"rolesite/generator/render"
)

// linkedSite is the link stage's result: each role's body HTML and its
// place in the role graph, by index into site.Roles.
type linkedSite struct {
	site     *content.Site
	bodies   []string
	mentions [][]int
	graph    link.Graph
}

func (l *linkedSite) roles(idx []int) []*content.Role {
	out := make([]*content.Role, len(idx))
	for i, j := range idx {
		out[i] = l.site.Roles[j]
	}
	return out
}

func (l *linkedSite) related(i int) []*content.Role     { return l.roles(l.graph.Outgoing[i]) }
func (l *linkedSite) mentionedIn(i int) []*content.Role { return l.roles(l.graph.Incoming[i]) }

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

// resolver returns the Resolve function for the page of role r: a link to
// another role's file (x.md, ../roles/x.md) becomes that role's URL; a site
// path, absolute or relative to the page, must name a page.
func (s *siteLinks) resolver(r *content.Role) func(string) (string, bool) {
	return func(dest string) (string, bool) {
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

// names lists every published role's title and synonyms for the index.
func names(site *content.Site) []link.Name {
	var out []link.Name
	for i, r := range site.Roles {
		for j, n := range r.Names() {
			var pos diag.Position
			if j < len(r.NamePos) {
				pos = r.NamePos[j]
			}
			out = append(out, link.Name{Text: n, Role: i, Pos: pos})
		}
	}
	return out
}

// linkSite renders every body with the cross-linker, then builds the graph.
func linkSite(ctx context.Context, site *content.Site) (*linkedSite, int, diag.List) {
	ix, errs := link.NewIndex(names(site))
	if errs.HasErrors() {
		return nil, 0, errs
	}
	n := len(site.Roles)
	ls := &linkedSite{site: site, bodies: make([]string, n), mentions: make([][]int, n)}
	linker := link.NewLinker(ix, func(i int) string { return site.Roles[i].URLPath() })
	sl := newSiteLinks(site)
	problems := make([]diag.List, n)
	g, gctx := errgroup.WithContext(ctx)
	workers := runtime.GOMAXPROCS(0)
	g.SetLimit(workers)
	chunk := (n + workers - 1) / max(workers, 1)
	for start := 0; start < n; start += max(chunk, 1) {
		end := min(start+chunk, n)
		g.Go(func() error {
			md := render.NewMarkdown(linker)
			var buf bytes.Buffer
			for i := start; i < end; i++ {
				if err := gctx.Err(); err != nil {
					return err
				}
				r := site.Roles[i]
				html, res, err := renderBody(md, &buf, r, i, sl)
				if err != nil {
					return err
				}
				ls.bodies[i], ls.mentions[i] = html, res.Mentions
				for _, p := range res.Problems {
					problems[i].Errorf(diag.OffsetPosition(r.Path, r.Source, r.BodyOffset+p.Offset), "%s", p.Message())
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		errs.Errorf(diag.Position{Path: site.Path}, "render bodies: %v", err)
		return nil, 0, errs
	}
	links := 0
	for i := range problems {
		errs.Append(problems[i])
		links += len(ls.mentions[i])
	}
	related := make([][]int, n)
	index := make(map[string]int, n)
	for i, r := range site.Roles {
		index[r.Slug] = i
	}
	for i, r := range site.Roles {
		for _, rel := range r.Related {
			if j, ok := index[rel]; ok {
				related[i] = append(related[i], j)
			}
		}
	}
	ls.graph = link.BuildGraph(n, related, ls.mentions)
	for _, i := range ls.graph.Islands() {
		r := site.Roles[i]
		errs.Warnf(r.KeyPos("title"), "no other role links to %q (an island): name it in a related role's text or its related list", r.Title)
	}
	return ls, links, errs
}

// renderBody converts one role body with the linker.
func renderBody(md goldmark.Markdown, buf *bytes.Buffer, r *content.Role, self int, sl *siteLinks) (string, link.PageResult, error) {
	buf.Reset()
	pc := link.NewContext(link.Page{Self: self, Resolve: sl.resolver(r)})
	if err := md.Convert(r.Body, buf, parser.WithContext(pc)); err != nil {
		return "", link.PageResult{}, err
	}
	return buf.String(), link.Result(pc), nil
}
