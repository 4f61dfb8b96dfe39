package generator

import (
	"bytes"
	"context"
	"runtime"

	"golang.org/x/sync/errgroup"

	"rolesite/generator/content"
	"rolesite/generator/diag"
	"rolesite/generator/render"
)

// linkedSite is the link stage's result: each role's body HTML and its
// place in the role graph, by index into site.Roles.
type linkedSite struct {
	site     *content.Site
	bodies   []string
	outgoing [][]int
	incoming [][]int
}

func (l *linkedSite) roles(idx []int) []*content.Role {
	out := make([]*content.Role, len(idx))
	for i, j := range idx {
		out[i] = l.site.Roles[j]
	}
	return out
}

func (l *linkedSite) related(i int) []*content.Role     { return l.roles(l.outgoing[i]) }
func (l *linkedSite) mentionedIn(i int) []*content.Role { return l.roles(l.incoming[i]) }

func (c *cache) link(ctx context.Context, site *content.Site) (*linkedSite, int, diag.List) {
	var errs diag.List
	n := len(site.Roles)
	ls := &linkedSite{site: site, bodies: make([]string, n), outgoing: make([][]int, n), incoming: make([][]int, n)}
	index := map[string]int{}
	for i, r := range site.Roles {
		index[r.Slug] = i
	}
	md := render.NewMarkdown()
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, r := range site.Roles {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := md.Convert(r.Body, &buf); err != nil {
				return err
			}
			ls.bodies[i] = buf.String()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		errs.Errorf(diag.Position{Path: site.Path}, "render bodies: %v", err)
		return nil, 0, errs
	}
	for i, r := range site.Roles {
		for _, rel := range r.Related {
			if j, ok := index[rel]; ok {
				ls.outgoing[i] = append(ls.outgoing[i], j)
				ls.incoming[j] = append(ls.incoming[j], i)
			}
		}
	}
	return ls, 0, errs
}
