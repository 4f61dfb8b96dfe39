package generator

import (
	"context"

	"rolesite/generator/content"
	"rolesite/generator/diag"
	"rolesite/generator/render"
)

// cache keeps what one build can hand to the next.
type cache struct{}

func newCache() cache { return cache{} }

func (c *cache) renderer(layouts string) (*render.Renderer, diag.List) {
	return render.New(layouts)
}

func (c *cache) load(ctx context.Context, cfg Config) (*content.Site, diag.List) {
	return content.Load(ctx, content.Options{Dir: cfg.ContentDir, Drafts: cfg.Drafts, Limits: cfg.Limits})
}

func (c *cache) link(ctx context.Context, site *content.Site) (*linkedSite, int, diag.List) {
	return linkSite(ctx, site)
}
