// Package generator runs Rolesite's pipeline: load -> validate -> link ->
// render -> write. Each stage is its own package (content, link, render,
// output); this package wires them, keeps what a rebuild can reuse, and is
// what cmd/build and the watcher call.
package generator

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"rolesite/generator/content"
	"rolesite/generator/diag"
	"rolesite/generator/output"
	"rolesite/generator/render"
)

// Config says what to build. The zero value of each field is usable except
// ContentDir and OutDir.
type Config struct {
	ContentDir string // holds site.yaml and roles/
	LayoutsDir string // templates overriding the built-in ones; may be missing
	OutDir     string // the output folder
	BaseURL    string // overrides site.yaml's base_url when set
	Drafts     bool   // publish draft roles
	Check      bool   // validate and report; write nothing
	// Now is the build time. It decides which roles are open and is never
	// written into a page. Zero means time.Now().
	Now    time.Time
	Limits content.Limits
}

// Result tells what a build did.
type Result struct {
	Diagnostics diag.List    // every error and warning, sorted
	Pages       int          // HTML pages built
	Files       int          // files built in all
	Stats       output.Stats // what the write changed; zero with Check
	Links       int          // mentions turned into links
	Closed      []string     // slugs of openings whose valid_through has passed
	// NextChange is the earliest future moment at which a rebuild would
	// change the output (a role closes); zero when none.
	NextChange     time.Time
	NextChangeRole string
}

// Build runs the whole pipeline once. Content problems come back in
// Result.Diagnostics and as the error (a diag.List); public/ is not touched
// then. Other errors (I/O, a held lock) come back as the error.
func Build(ctx context.Context, cfg Config) (*Result, error) {
	return NewBuilder(cfg).Build(ctx)
}

// Builder builds a site again and again, reusing the work whose inputs did
// not change. It is not safe for concurrent use.
type Builder struct {
	cfg   Config
	cache cache
}

// NewBuilder returns a Builder for cfg.
func NewBuilder(cfg Config) *Builder {
	return &Builder{cfg: cfg, cache: newCache()}
}

// Build builds the site. See the package function Build.
func (b *Builder) Build(ctx context.Context) (*Result, error) {
	cfg := b.cfg
	now := cfg.Now
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC()
	res := &Result{}
	fail := func() (*Result, error) {
		res.Diagnostics.Sort()
		return res, res.Diagnostics.Err()
	}

	if !cfg.Check {
		if err := output.CheckDir(cfg.OutDir, cfg.ContentDir, cfg.LayoutsDir); err != nil {
			return res, err
		}
	}
	renderer, rerrs := b.cache.renderer(cfg.LayoutsDir)
	res.Diagnostics.Append(rerrs)
	site, lerrs := b.cache.load(ctx, cfg)
	res.Diagnostics.Append(lerrs)
	if res.Diagnostics.HasErrors() || site == nil {
		return fail()
	}
	if cfg.BaseURL != "" {
		if !strings.HasSuffix(cfg.BaseURL, "/") {
			cfg.BaseURL += "/"
		}
		site.BaseURL = cfg.BaseURL
	}

	// Link: names, bodies, graph.
	linked, links, lkerrs := b.cache.link(ctx, site)
	res.Diagnostics.Append(lkerrs)
	if res.Diagnostics.HasErrors() {
		return fail()
	}
	res.Links = links

	// Expiry report.
	for _, r := range site.Roles {
		if r.Closed(now) {
			res.Closed = append(res.Closed, r.Slug)
			res.Diagnostics.Warnf(r.KeyPos("valid_through"), "position closed on %s: the page stays as a role description, without JobPosting", r.ValidThrough.Format("2006-01-02"))
		} else if r.Open(now) && !r.ValidThrough.IsZero() {
			if res.NextChange.IsZero() || r.ClosesAt().Before(res.NextChange) {
				res.NextChange, res.NextChangeRole = r.ClosesAt(), r.Slug
			}
		}
	}

	dates, warn := gitDates(ctx, cfg.ContentDir)
	if warn != "" {
		res.Diagnostics.Warnf(diag.Position{Path: cfg.ContentDir}, "%s", warn)
	}
	files, pages, err := renderSite(ctx, renderer, site, linked, now, dates)
	if err != nil {
		return res, err
	}
	res.Pages, res.Files = pages, len(files)
	res.Diagnostics.Sort()
	if cfg.Check {
		return res, nil
	}
	unlock, err := output.Lock(cfg.OutDir)
	if err != nil {
		return res, err
	}
	defer unlock()
	stats, err := output.Write(ctx, cfg.OutDir, files)
	if err != nil {
		return res, err
	}
	res.Stats = stats
	return res, nil
}

// renderSite renders every page and file of the site.
func renderSite(ctx context.Context, rd *render.Renderer, site *content.Site, lk *linkedSite, now time.Time, dates map[string]time.Time) ([]output.File, int, error) {
	rc := rd.NewContext(site, now)
	roles := site.Roles
	roleFiles := make([]output.File, len(roles))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, r := range roles {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			in := render.RoleInput{Role: r, BodyHTML: lk.bodies[i], Related: lk.related(i), MentionedIn: lk.mentionedIn(i)}
			data, err := rd.Role(rc, in)
			if err != nil {
				return err
			}
			roleFiles[i] = output.File{Path: pagePath(r.URLPath()), Data: data}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, 0, err
	}
	files := make([]output.File, 0, len(roles)+len(site.Categories)+16)
	home, err := rd.Home(rc)
	if err != nil {
		return nil, 0, err
	}
	files = append(files, output.File{Path: "index.html", Data: home})
	for _, cat := range site.Categories {
		data, err := rd.Category(rc, cat)
		if err != nil {
			return nil, 0, err
		}
		files = append(files, output.File{Path: pagePath("/" + cat.Key + "/"), Data: data})
	}
	files = append(files, roleFiles...)
	notFound, err := rd.NotFound(rc)
	if err != nil {
		return nil, 0, err
	}
	files = append(files, output.File{Path: "404.html", Data: notFound})
	pages := len(files)
	var redirects []output.Redirect
	for _, r := range roles {
		for _, a := range r.Aliases {
			data, err := rd.Alias(rc, r)
			if err != nil {
				return nil, 0, err
			}
			files = append(files, output.File{Path: pagePath(a), Data: data})
			redirects = append(redirects, output.Redirect{From: a, To: r.URLPath()})
			pages++
		}
	}
	for _, a := range rd.Assets() {
		files = append(files, output.File{Path: a.Path, Data: a.Data})
	}
	sitemap, err := output.Sitemap(site.BaseURL, sitemapURLs(site, rc, now, dates))
	if err != nil {
		return nil, 0, fmt.Errorf("sitemap: %w", err)
	}
	files = append(files, sitemap...)
	files = append(files, output.Robots(site.BaseURL))
	if len(redirects) > 0 {
		red, err := output.Redirects(redirects)
		if err != nil {
			return nil, 0, fmt.Errorf("_redirects: %w", err)
		}
		files = append(files, red)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, pages, nil
}

// pagePath maps a site path ending in "/" to its index.html file.
func pagePath(urlPath string) string {
	return strings.TrimPrefix(urlPath, "/") + "index.html"
}

// LastMod is a role's true last change: front matter lastmod, else the
// file's last commit, else date_posted; a closed role moves to the day it
// closed when that is later.
func LastMod(r *content.Role, now time.Time, dates map[string]time.Time) time.Time {
	t := r.LastMod
	if t.IsZero() {
		t = dates[r.Path]
	}
	if t.IsZero() {
		t = r.DatePosted
	}
	if r.Closed(now) && r.ValidThrough.After(t) {
		t = r.ValidThrough
	}
	return t
}

func sitemapURLs(site *content.Site, rc *render.Context, now time.Time, dates map[string]time.Time) []output.URL {
	urls := make([]output.URL, 0, len(site.Roles)+len(site.Categories)+1)
	var newest time.Time
	for _, cat := range site.Categories {
		var catNewest time.Time
		for _, r := range cat.Roles {
			lm := LastMod(r, now, dates)
			urls = append(urls, output.URL{Loc: rc.Abs(r.URLPath()), LastMod: lm})
			if lm.After(catNewest) {
				catNewest = lm
			}
		}
		urls = append(urls, output.URL{Loc: rc.Abs("/" + cat.Key + "/"), LastMod: catNewest})
		if catNewest.After(newest) {
			newest = catNewest
		}
	}
	urls = append(urls, output.URL{Loc: site.BaseURL, LastMod: newest})
	return urls
}
