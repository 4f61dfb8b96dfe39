// Package generator runs Rolesite's pipeline: load -> validate -> link ->
// render -> write. Each stage is its own package (content, link, render,
// output); this package wires them, keeps what a rebuild can reuse, and is
// what cmd/build and the watcher call.
package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"rolesite/generator/content"
	"rolesite/generator/diag"
	"rolesite/generator/feed"
	"rolesite/generator/link"
	"rolesite/generator/minify"
	"rolesite/generator/output"
	"rolesite/generator/render"
	"rolesite/generator/static"
	"rolesite/internal/fingerprint"
)

// Config says what to build. The zero value of each field is usable except
// ContentDir and OutDir.
type Config struct {
	ContentDir string // holds site.yaml and roles/
	LayoutsDir string // templates overriding the built-in ones; may be missing
	// StaticDir holds files published as they are, at the same paths in
	// the output folder (see package static); "" or a missing folder
	// publishes none. The command's default is the folder static beside
	// ContentDir.
	StaticDir string
	OutDir    string // the output folder
	// StateDir is where the builds' record of the output folder (manifest,
	// journals, lock) is kept; "" is output.DefaultStateDir(OutDir), in
	// the user cache folder.
	StateDir string
	// AssetGrace keeps the hashed assets (render.IsHashedAsset) that a
	// build no longer writes in the output folder, so that HTML cached at
	// the edge or in a browser never names a missing stylesheet: for that
	// build and every later one until AssetGrace has passed since, by
	// build time (Now). Zero keeps them for that one build; negative
	// removes them at once, as any other file.
	AssetGrace time.Duration
	BaseURL    string // overrides site.yaml's base_url when set
	Drafts     bool   // publish draft roles
	Check      bool   // validate and report; write nothing
	// Now is the build time. It decides which roles are open and is never
	// written into a page. Zero means the clock at each build.
	Now    time.Time
	Limits content.Limits
	// ChangesFile, when set, is where each build writes a ChangeReport: the
	// URLs added, updated and removed since the previous build.
	ChangesFile string
	// Durable makes every written file reach the disk (fsync) before the
	// build ends. Without it a kill leaves every file complete all the same;
	// only a power loss could lose the newest files.
	Durable bool
	// Lang, when set, is the language of messages whatever site.yaml says;
	// unset, it follows site.yaml's language (see MessageLang).
	Lang *diag.Lang
	// Minify writes the HTML pages, the stylesheet and the icon minified
	// (see package minify): white space, comments, optional quotes and
	// end tags left out; the same text, links and structured data.
	Minify bool
	// Precompress writes beside each HTML, CSS, SVG, XML, text and JSON
	// file its brotli (.br, quality 11) and gzip (.gz) encodings, each only
	// where it is smaller, made again only when the file changed (see
	// output.Options.Precompress).
	Precompress bool
	// Notify makes every build make its change report, as ChangesFile
	// does, for build -notify (see package notify): it records in the
	// state folder which pages carry a JobPosting, so that the next build
	// tells which postings ended, also without ChangesFile.
	Notify bool

	// fault, when set, fails changes to the output folder on purpose
	// (output.Options.Fault); tests set it.
	fault func(op, path string) error
}

// Result tells what a build did.
type Result struct {
	Diagnostics diag.List    // every error and warning, sorted
	Pages       int          // HTML pages in the site
	Files       int          // files in the site, with the encodings of Config.Precompress once written
	Rendered    int          // pages rendered by this build (the rest were unchanged)
	Stats       output.Stats // what the write changed; zero with Check
	Links       int          // mentions and role-file links turned into links
	Closed      []string     // slugs of openings whose valid_through has passed
	// NextChange is the earliest future moment at which a rebuild would
	// change the output (a role closes); zero when none.
	NextChange     time.Time
	NextChangeRole string
	// Changes is the change report, when Config.ChangesFile or
	// Config.Notify is set.
	Changes *ChangeReport
	// IndexNowKey is site.yaml's indexnow.key, or "" (Config.Notify
	// builds only).
	IndexNowKey string
	// InPlace reports that the output folder holds this build's whole
	// site, also when the build's error came after (the change report, or
	// a journal, could not be written or removed).
	InPlace bool
}

// ChangedURLs returns the site paths ("/tech/backend-entwickler/") of the
// pages the build wrote or removed.
func (r *Result) ChangedURLs() []string {
	var out []string
	for _, p := range r.Stats.Changed {
		switch {
		case p == "index.html":
			out = append(out, "/")
		case strings.HasSuffix(p, "/index.html"):
			out = append(out, "/"+strings.TrimSuffix(p, "index.html"))
		default:
			out = append(out, "/"+p)
		}
	}
	return out
}

// Build runs the whole pipeline once. Content problems come back in
// Result.Diagnostics and as the error (a diag.List); the output folder is
// not touched then. Other errors (I/O, a held lock) come back as the error.
//
// Build is the first build of a Builder that builds once (see
// Builder.Build on its recorded state), and keeps no role file in memory
// once it is parsed.
func Build(ctx context.Context, cfg Config) (*Result, error) {
	return newOneShot(cfg).Build(ctx)
}

// newOneShot returns the Builder that Build uses: it builds once and keeps
// no role file in memory after parsing it.
func newOneShot(cfg Config) *Builder {
	b := NewBuilder(cfg)
	b.oneShot = true
	return b
}

// Builder builds a site again and again, reusing the work whose inputs did
// not change: files that did not change are not parsed again, bodies whose
// text and names did not change are not rendered again, and pages whose
// inputs did not change are neither rendered nor written. It is not safe
// for concurrent use.
type Builder struct {
	cfg     Config
	loader  *content.Loader
	layouts *layouts
	linker  *link.Stage
	seed    fingerprint.Seed  // of every key the stages keep in memory
	pages   map[string]uint64 // output path -> fingerprint of the inputs it was rendered from
	dates   gitCache
	// changed is what Changed told for the next build; nil: look at
	// every file.
	changed map[string]bool
	// oneShot: this Builder builds once (Build). It then keeps no role
	// file in memory after parsing it, and reads it again to render its
	// body, so that a large site's files are not all held at once.
	oneShot bool
	// readFile reads a role file again (os.ReadFile; a field for tests).
	readFile func(name string) ([]byte, error)
	// readStatic reads a static file for its copy (static.File.Read; a
	// field for tests).
	readStatic func(f static.File, w *bytes.Buffer) error
	// min minifies the pages (Config.Minify); nil when they are written
	// as rendered.
	min *minify.Minifier
}

// source returns the bytes of role r's file as the loader parsed them.
func (b *Builder) source(r *content.Role) ([]byte, error) {
	if !b.oneShot {
		if src := b.loader.Source(r.Path); src != nil {
			return src, nil
		}
		return nil, diag.FileError(r.Path, diag.RemovedWhileReading)
	}
	src, err := b.readFile(r.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, diag.FileError(r.Path, diag.RemovedWhileReading)
	case err != nil:
		return nil, diag.FileError(r.Path, diag.RoleUnreadable, diag.PathCause(err))
	case b.seed.Bytes(src) != b.loader.SourceKey(r.Path):
		return nil, diag.FileError(r.Path, diag.ChangedWhileReading)
	}
	return src, nil
}

// Changed tells the next Build which files changed since the last build
// began, as a file watcher reported them, so that it need not list the
// roles folder and look at every role file to find them: with 10,000
// roles that is most of the time a rebuild after one edit takes. Build
// looks at every file as usual when a path is not a role file the last
// build read (a new or removed file, site.yaml, a layout), when a role file
// is a symbolic link, or when Changed was not called since the last build.
// Paths are as the watcher reports them: the content folder joined with
// the path inside it.
//
// Paths told before a build that ends before it reads the content (a
// refused output folder, say) stay told for the next one.
func (b *Builder) Changed(paths []string) {
	if b.changed == nil {
		b.changed = make(map[string]bool, len(paths))
	}
	for _, p := range paths {
		b.changed[filepath.Clean(p)] = true
	}
}

// LookAtEverything makes the next Build look at every file, forgetting
// what Changed told since the last build: after a removal, a rename or lost
// watcher events, the changed files alone do not tell what changed.
func (b *Builder) LookAtEverything() { b.changed = nil }

// NewBuilder returns a Builder for cfg.
func NewBuilder(cfg Config) *Builder {
	if cfg.StateDir == "" && !cfg.Check {
		// Resolved once (symbolic links, the cache folder): the lock, the
		// recorded-state check, the warm-up and the session all name it.
		// When it cannot be told, each of them reports why.
		if dir, err := output.DefaultStateDir(cfg.OutDir); err == nil {
			cfg.StateDir = dir
		}
	}
	seed := fingerprint.NewSeed()
	b := &Builder{cfg: cfg, loader: content.NewLoader(seed), layouts: &layouts{seed: seed}, linker: link.NewStage(seed), seed: seed, pages: map[string]uint64{}, readFile: os.ReadFile, readStatic: static.File.Read}
	if cfg.Minify {
		b.min = minify.New()
		b.layouts.minify = b.min
	}
	return b
}

// Build builds the site. See the package function Build. A build stopped
// by ctx returns an *InterruptedError, whatever stage it was in.
//
// There is one way to build; what differs is the cache. A Builder's first
// build has no cache in memory, and its cache is what the output folder
// records: when that says the last build read exactly the inputs on disk
// now, at a build time for which no role opened or closed since, and every
// output file is as that build left it, the build returns that build's
// result (nothing read, rendered or written). Every later build reuses
// what the Builder kept of the build before.
func (b *Builder) Build(ctx context.Context) (*Result, error) {
	res, err := b.build(ctx)
	if err != nil && ctx.Err() != nil {
		// What the stages found so far is not the whole story: report
		// only the interruption and what it left behind.
		return &Result{Stats: res.Stats}, &InterruptedError{OutDir: b.cfg.OutDir, Check: b.cfg.Check, cause: ctx.Err()}
	}
	return res, err
}

// InterruptedError is the error of a build whose context ended (Ctrl-C, a
// signal) before it finished. It blames no file: nothing was wrong with
// them.
type InterruptedError struct {
	OutDir string
	Check  bool  // a -check build, which writes nothing
	cause  error // the context's error
}

// Unwrap returns the context's error (context.Canceled, say).
func (e *InterruptedError) Unwrap() error { return e.cause }

func (e *InterruptedError) Error() string { return e.In(diag.English) }

// In says in lang that the build was interrupted and what the output
// folder holds.
func (e *InterruptedError) In(lang diag.Lang) string {
	if e.Check {
		return diag.InterruptedCheck.Format(lang)
	}
	// A build commits its files at once, and a cancelled one does not
	// commit.
	return diag.Interrupted.Format(lang, e.OutDir)
}

// stopped ends a build whose stage could not finish: a problem with a
// file (a diag.List) is reported with the content's problems, at that
// file; any other error comes back as it is.
func stopped(res *Result, err error) (*Result, error) {
	var list diag.List
	if errors.As(err, &list) {
		res.Diagnostics.Append(list)
		res.Diagnostics.Sort()
		return res, res.Diagnostics.Err()
	}
	return res, err
}

func (b *Builder) build(ctx context.Context) (*Result, error) {
	cfg := b.cfg
	if b.loader.Empty() && b.layouts.empty() {
		if res, ok := unchanged(ctx, cfg); ok {
			return res, nil
		}
	}
	start := time.Now()
	now := cfg.Now
	if now.IsZero() {
		now = start
	}
	now = now.UTC()
	res := &Result{}
	// The static folder's problems wait for its collisions with the
	// generated files, which need the whole plan, so that a build reports
	// them all at once; a build that stops before reports them too.
	var staticErrs diag.List
	fail := func() (*Result, error) {
		res.Diagnostics.Append(staticErrs)
		res.Diagnostics.Sort()
		return res, res.Diagnostics.Err()
	}
	if !cfg.Check {
		if err := output.CheckDir(cfg.OutDir, cfg.ContentDir, cfg.LayoutsDir, cfg.StaticDir); err != nil {
			return res, err
		}
		if err := CheckChangesFile(cfg); err != nil {
			return res, err
		}
	}
	if err := checkStaticDir(cfg); err != nil {
		return res, err
	}
	renderer, layoutsKey, rerrs := b.layouts.renderer(cfg.LayoutsDir)
	res.Diagnostics.Append(rerrs)
	// The static folder is listed (not read) on every build: a listing is
	// one stat per file, and a file whose stamp did not change is kept.
	statics, staticErrs := static.List(cfg.StaticDir)
	changed := b.changed
	b.changed = nil
	// The history is read before the content: when two files clash, the
	// one added later is blamed.
	history, warn := b.dates.get(ctx, cfg.ContentDir)
	site, siteKey, assemblyKey, lerrs := b.loader.Load(ctx, content.LoadConfig{
		Dir: cfg.ContentDir, Limits: cfg.Limits, Drafts: cfg.Drafts, NameKey: link.NameKey,
		Drop: b.oneShot, Changed: changed, Added: history.first,
	})
	res.Diagnostics.Append(lerrs)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if site != nil && renderer != nil {
		res.Diagnostics.Append(renderer.CheckLanguage(site))
	}
	if res.Diagnostics.HasErrors() || site == nil || renderer == nil {
		return fail()
	}
	if cfg.BaseURL != "" {
		// A copy: the loader's site stays as it returned it.
		over := *site
		over.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/") + "/"
		site = &over
	}
	var warm *warmup
	indexed := func() {
		if b.wantWarmup(cfg) {
			warm = startWarmup(ctx, cfg, b.outputOptions(now), site)
		}
	}
	committed := false
	defer func() {
		switch {
		case warm == nil:
		case committed:
			warm.release()
		default:
			warm.abandon()
		}
	}()
	linked, lkerrs, err := b.linker.Run(ctx, site, assemblyKey, renderer.PageIDs(), b.loader.SourceKey, b.source, indexed)
	res.Diagnostics.Append(lkerrs)
	if err != nil {
		res.Diagnostics.Append(staticErrs)
		return stopped(res, err)
	}
	if linked != nil {
		defer linked.Close()
	}
	if res.Diagnostics.HasErrors() {
		return fail()
	}
	res.Links = linked.Links
	b.expiry(res, site, now)
	jobFeedWarnings(res, site, now)
	if b.oneShot {
		// Every diagnostic that names a front-matter key is made: a
		// one-shot build lets the key positions go, a quarter of what it
		// holds per role, before it renders the pages.
		b.loader.Release(site)
		// The graph is built: the mentions by slug are only for the next
		// build's cache.
		linked.ForgetMentions()
	}

	dates := history.last
	if !warn.IsZero() {
		res.Diagnostics.Warn(diag.Position{Path: cfg.ContentDir}, warn.Msg, warn.Args...)
	}
	// Every page's key covers the base URL, site.yaml, the layouts and
	// what is done to the rendered bytes.
	pagesKey := b.seed.New().String(site.BaseURL).U64(siteKey).U64(layoutsKey).Bool(cfg.Minify).Bool(cfg.Precompress).Sum()
	// The sitemap and the other small files are made on the other core
	// while the pages are planned.
	var (
		extra    []output.File
		extraErr error
		made     = make(chan struct{})
	)
	rc := renderer.NewContext(site, now)
	go func() {
		defer close(made)
		extra, extraErr = extraFiles(renderer, rc, now, dates)
	}()
	plan := b.plan(rc, renderer, linked, pagesKey)
	// The feeds first: each renders every open position on one core,
	// while the pages after it take the others.
	feeds := b.feedJobs(rc, renderer, linked, pagesKey, dates)
	plan = append(feeds, plan...)
	<-made
	if err := extraErr; err != nil {
		return res, err
	}
	headers, ok, herrs := headersFile(cfg, site, plan, extra, b.layouts.headers)
	res.Diagnostics.Append(herrs)
	if res.Diagnostics.HasErrors() {
		return fail()
	}
	if ok {
		extra = append(extra, headers)
	}
	staticErrs.Append(static.Collisions(cfg.StaticDir, statics, generated(site, plan, extra)))
	if staticErrs.HasErrors() {
		return fail()
	}
	res.Diagnostics.Append(staticErrs) // warnings only
	copies := b.copies(statics, start)
	res.Pages, res.Files = len(plan)-len(feeds), len(plan)+len(extra)+len(copies)
	res.Diagnostics.Sort()
	if cfg.Check {
		return res, nil
	}
	var s *output.Session
	if warm != nil {
		if s = warm.session(); s == nil {
			warm.abandon()
			warm = nil
		}
	}
	if s == nil {
		unlock, err := output.Lock(cfg.OutDir, cfg.StateDir)
		if err != nil {
			return res, err
		}
		defer unlock()
	}
	var before map[string]bool
	if cfg.ChangesFile != "" || cfg.Notify {
		var err error
		if before, err = sitemapLocs(cfg.OutDir); err != nil {
			return res, err
		}
	}
	key := newInputs(b.loader, b.layouts, b.dates.head, statics).key(cfg, start)
	state := func(files int) []byte {
		res.Files = files
		if key == "" {
			return nil
		}
		state, _ := json.Marshal(newState(key, res, site, now))
		return state
	}
	stats, rendered, err := b.write(ctx, plan, copies, extra, state, s, now)
	committed = true // or aborted: the session is over either way
	res.Stats, res.Rendered = stats, rendered
	res.InPlace = err == nil || errors.Is(err, output.ErrCommitted)
	if err != nil {
		return stopped(res, err)
	}
	if cfg.ChangesFile == "" && !cfg.Notify {
		return res, nil
	}
	// The postings of the last build come from the state folder's record
	// when notifying: ChangesFile may be new, or not given every time.
	prevFrom, record := cfg.ChangesFile, ""
	if cfg.Notify {
		res.IndexNowKey = site.IndexNowKey
		record = cfg.stateFile(notifyRecordName)
		prevFrom = record
	}
	res.Changes = changeReport(site, now, before, readPrevJobs(prevFrom), res.Stats, res.ChangedURLs())
	for _, path := range []string{cfg.ChangesFile, record} {
		if path == "" {
			continue
		}
		if err := writeReport(path, res.Changes); err != nil {
			return res, diag.Wrap(err, diag.NewSiteInPlace, cfg.OutDir)
		}
	}
	return res, nil
}

// expiry reports closed roles and the next moment a role closes.
func (b *Builder) expiry(res *Result, site *content.Site, now time.Time) {
	for _, r := range site.Roles {
		if r.Closed(now) {
			res.Closed = append(res.Closed, r.Slug)
			res.Diagnostics.Warn(r.KeyPos("valid_through"), diag.PositionClosed, r.ValidThrough.Format("2006-01-02"))
		} else if r.Open(now) && !r.ValidThrough.IsZero() {
			if res.NextChange.IsZero() || r.ClosesAt().Before(res.NextChange) {
				res.NextChange, res.NextChangeRole = r.ClosesAt(), r.Slug
			}
		}
	}
}

// job is one file to build: its output path, the fingerprint of every
// input its bytes depend on, and how to render it. A page's job names what
// generates it (owner), for a static file that collides with it. A static
// file's job renders by reading the file (see copies).
type job struct {
	path   string
	key    uint64
	render func(w *bytes.Buffer) error
	owner  diag.Text
	// size is the bytes a static file's render needs at once; 0 for a page.
	size int64
	// large: the file may be far larger than a page (a feed of every open
	// position), so its buffer is its own, not one that pages reuse.
	large bool
	// volatile: the file changed too close to the build for its stamp to
	// vouch for its bytes (racyWindow), so its key is not kept and the
	// next build reads it again.
	volatile bool
}

// plan lists every page with its fingerprint. Fingerprints are cheap: a
// role page's covers its file, its body, its status and the cards of the
// roles it lists; a list page's covers the cards it shows.
func (b *Builder) plan(rc *render.Context, rd *render.Renderer, lk *link.Linked, siteKey uint64) []job {
	site := rc.Site
	// One Hash serves every key: its buffer is reused, one hash call per page.
	h := b.seed.New()
	cards := make([]uint64, len(site.Roles))
	for i, r := range site.Roles {
		cards[i] = rc.Card(r).Key(h.Reset())
	}
	key := func(kind string, parts ...uint64) uint64 {
		h.Reset().String(kind).U64(siteKey)
		for _, p := range parts {
			h.U64(p)
		}
		return h.Sum()
	}
	jobs := make([]job, 0, len(site.Roles)+len(site.Categories)+2)
	// A list page's key is its view: the cards it shows, its counts, its
	// links to other pages.
	home := h.Reset().Value(rc.Home()).Sum()
	jobs = append(jobs, job{path: "index.html", key: key("home", home), owner: diag.T(diag.OwnerHome), render: func(w *bytes.Buffer) error { return rd.WriteHome(w, rc) }})
	for _, cat := range site.Categories {
		for _, lp := range rc.CategoryPages(cat) {
			v := h.Reset().Value(lp).Sum()
			jobs = append(jobs, job{path: pagePath(lp.Path), key: key("list", v), owner: diag.T(diag.OwnerCategoryPage, cat.Key),
				render: func(w *bytes.Buffer) error { return rd.WriteList(w, rc, lp) }})
		}
	}
	for _, lp := range rc.LocationPages() {
		v := h.Reset().Value(lp).Sum()
		jobs = append(jobs, job{path: pagePath(lp.Path), key: key("list", v), owner: diag.T(diag.OwnerLocationPage, lp.Location.Name),
			render: func(w *bytes.Buffer) error { return rd.WriteList(w, rc, lp) }})
	}
	var parts []uint64
	for i, r := range site.Roles {
		parts = append(parts[:0], b.loader.SourceKey(r.Path), b.seed.String(r.Path), cards[i], lk.BodyKey(i), 0)
		// The page shows the first render.MaxRoleCards of each list and
		// how many more there are.
		for _, j := range render.Capped(lk.Graph.Outgoing[i]) {
			parts = append(parts, cards[j])
		}
		parts = append(parts, uint64(len(lk.Graph.Outgoing[i])), 1)
		for _, j := range render.Capped(lk.Graph.Incoming[i]) {
			parts = append(parts, cards[j])
		}
		parts = append(parts, uint64(len(lk.Graph.Incoming[i])))
		aliasPages := r.Aliases
		if _, pages := output.RedirectWays(site.Host); !pages {
			aliasPages = nil
		}
		jobs = append(jobs, job{path: pagePath(r.URLPath()), key: key("role", parts...), owner: diag.T(diag.OwnerRolePage, r.Path), render: func(w *bytes.Buffer) error {
			html, err := lk.BodyHTML(i)
			if err != nil {
				return err
			}
			return rd.WriteRole(w, rc, render.RoleInput{Role: r, BodyHTML: html, Related: lk.Related(i), MentionedIn: lk.MentionedIn(i)})
		}})
		for _, a := range aliasPages {
			jobs = append(jobs, job{path: pagePath(a), key: key("alias:"+a, cards[i]), owner: diag.T(diag.OwnerAlias, r.Path), render: func(w *bytes.Buffer) error { return rd.WriteAlias(w, rc, r) }})
		}
	}
	jobs = append(jobs, job{path: "404.html", key: key("404"), owner: diag.T(diag.OwnerNotFound), render: func(w *bytes.Buffer) error { return rd.WriteNotFound(w, rc) }})
	return jobs
}

// feedJobs are the jobs of the job-board feeds (render.Feed): /jobs.xml,
// and /feeds/NAME.xml for each template layouts/feeds/NAME.xml. They are
// rendered again, from every open position's body, only when a position
// opened or closed or its file, body, URL or lastmod changed (or the site
// or the layouts did: siteKey); and written only when their bytes change.
func (b *Builder) feedJobs(rc *render.Context, rd *render.Renderer, lk *link.Linked, siteKey uint64, dates map[string]time.Time) []job {
	site := rc.Site
	h := b.seed.New().String("feeds").U64(siteKey)
	var open []int
	for i, r := range site.Roles {
		if !r.Open(rc.Now) {
			continue
		}
		open = append(open, i)
		h.String(r.Path).String(r.URLPath()).U64(b.loader.SourceKey(r.Path)).U64(lk.BodyKey(i)).Int(LastMod(r, rc.Now, dates).Unix())
	}
	common := h.Sum()
	paths, origins := rd.FeedPaths()
	jobs := make([]job, 0, len(paths))
	for k, p := range paths {
		owner := diag.T(diag.OwnerFeedTemplate, origins[k])
		if p == render.JobsFeedPath {
			owner = diag.T(diag.OwnerJobFeed)
		}
		jobs = append(jobs, job{path: p, key: b.seed.New().String(p).U64(common).Sum(), owner: owner, large: true, render: func(w *bytes.Buffer) error {
			in := make([]render.FeedInput, 0, len(open))
			for _, i := range open {
				r := site.Roles[i]
				in = append(in, render.FeedInput{Role: r, Body: func() (string, error) { return lk.BodyHTML(i) }, LastMod: LastMod(r, rc.Now, dates)})
			}
			return rd.WriteFeed(w, p, rc.NewFeed(in))
		}})
	}
	return jobs
}

// jobFeedWarnings warns of each open position that lacks a location field
// job boards require (Indeed's feed: city, postalcode and country; see
// render.Feed). A fully remote position names its country (from
// applicant_countries when its location has none) and remotetype instead
// of a city, and is not warned of for city or postal code.
func jobFeedWarnings(res *Result, site *content.Site, now time.Time) {
	for _, r := range site.Roles {
		if !r.Open(now) {
			continue
		}
		l := r.Location
		missing := []struct {
			key   string
			unset bool
		}{
			{"location.locality", l.Locality == "" && !r.Remote},
			{"location.postal_code", l.PostalCode == "" && !r.Remote},
			{"location.country", l.Country == "" && (!r.Remote || len(r.ApplicantCountries) == 0)},
		}
		for _, m := range missing {
			if m.unset {
				res.Diagnostics.Warn(r.KeyPos("location"), diag.JobFeedMissing, m.key)
			}
		}
	}
}

// generated lists every file the build generates, with what generates it,
// for the collisions of the static files with them.
func generated(site *content.Site, plan []job, extra []output.File) []static.Generated {
	gen := make([]static.Generated, 0, len(plan)+len(extra))
	for _, j := range plan {
		gen = append(gen, static.Generated{Path: j.path, Owner: j.owner})
	}
	for _, f := range extra {
		owner := diag.T(diag.OwnerSitemap) // sitemap.xml, sitemap-N.xml
		switch {
		case strings.HasPrefix(f.Path, "assets/"):
			owner = diag.T(diag.OwnerAsset)
		case f.Path == "robots.txt":
			owner = diag.T(diag.OwnerRobots)
		case f.Path == "_redirects":
			owner = diag.T(diag.OwnerRedirects)
		case f.Path == IndexNowKeyFile(site):
			owner = diag.T(diag.OwnerIndexNowKey)
		case path.Base(f.Path) == feed.File:
			owner = diag.T(diag.OwnerFeed, "/"+strings.TrimSuffix(f.Path, feed.File))
		}
		gen = append(gen, static.Generated{Path: f.Path, Owner: owner})
	}
	return gen
}

// copies are the jobs that publish the static files: each is kept while
// its stamp (size, modification and change time, inode) is the one the
// last build read it with, and read and put otherwise, which writes it
// only when its bytes changed. A file modified within racyWindow of the
// build's start is volatile, as the state's inputs are (see state.go): its
// stamp could stay the same across another edit in the same clock tick,
// so the next build reads it again.
func (b *Builder) copies(files []static.File, start time.Time) []job {
	if len(files) == 0 {
		return nil
	}
	racy := start.Add(-racyWindow).UnixNano()
	h := b.seed.New()
	jobs := make([]job, len(files))
	for i, f := range files {
		jobs[i] = job{
			path: f.Path, key: h.Reset().String("static").String(f.Path).Value(f.Stamp).Sum(),
			size: f.Stamp.Size, volatile: f.Stamp.MTime >= racy,
			render: func(w *bytes.Buffer) error { return b.readStatic(f, w) },
		}
	}
	return jobs
}

// notifyRecordName is the change report of the last Config.Notify build in
// the state folder: its job_postings tell the next build which postings
// ended.
const notifyRecordName = "notify-changes.json"

// NotifyQueueFile is the file in cfg's state folder where build -notify
// keeps what it has yet to send, or "" when the folder cannot be told.
func (cfg Config) NotifyQueueFile() string { return cfg.stateFile("notify-queue.json") }

// IndexNowKeyFile is the output path of site's IndexNow key file,
// "<key>.txt" at the site's root, or "" when site.yaml sets no key.
func IndexNowKeyFile(site *content.Site) string {
	if site.IndexNowKey == "" {
		return ""
	}
	return site.IndexNowKey + ".txt"
}

// extraFiles are the small files rebuilt every time: assets, sitemap,
// feeds, robots.txt, the IndexNow key file, _redirects. _headers, made from
// all the others and the pages, comes after them (headersFile).
func extraFiles(rd *render.Renderer, rc *render.Context, now time.Time, dates map[string]time.Time) ([]output.File, error) {
	site := rc.Site
	var files []output.File
	for _, a := range rd.Assets() {
		files = append(files, output.File{Path: a.Path, Data: a.Data})
	}
	sitemap, err := output.Sitemap(site.BaseURL, sitemapURLs(site, now, dates))
	if err != nil {
		return nil, fmt.Errorf("sitemap: %w", err)
	}
	files = append(files, sitemap...)
	feeds, err := feedFiles(rc, now, dates)
	if err != nil {
		return nil, err
	}
	files = append(files, feeds...)
	files = append(files, output.Robots(site.BaseURL))
	if site.IndexNowKey != "" {
		files = append(files, output.File{Path: IndexNowKeyFile(site), Data: []byte(site.IndexNowKey)})
	}
	var redirects []output.Redirect
	for _, r := range site.Roles {
		for _, a := range r.Aliases {
			redirects = append(redirects, output.Redirect{From: a, To: r.URLPath()})
		}
	}
	if rules, _ := output.RedirectWays(site.Host); rules && len(redirects) > 0 {
		red, err := output.Redirects(redirects)
		if err != nil {
			return nil, fmt.Errorf("_redirects: %w", err)
		}
		files = append(files, red)
	}
	return files, nil
}

// write renders and writes the pages whose fingerprint changed, keeps the
// others, copies the static files whose stamp changed (copies), writes the
// extra files and commits. Pages are rendered and written on all cores and
// their bytes dropped at once, so memory stays flat however large the
// site; the static files read at once hold at most maxCopyBytes between
// them (or one file, when it is larger).
//
// s is a session begun already (see warmup), or nil to begin one. Nothing
// of the site changes until the session commits: when the write fails
// before, the output folder holds the previous site and the error says so.
// state, given the number of files written and kept, returns the state to
// record with them.
func (b *Builder) write(ctx context.Context, plan, copies []job, extra []output.File, state func(files int) []byte, s *output.Session, now time.Time) (output.Stats, int, error) {
	if s == nil {
		var err error
		if s, err = output.BeginWith(ctx, b.cfg.OutDir, b.outputOptions(now)); err != nil {
			return output.Stats{}, 0, err
		}
	}
	jobs := plan
	if len(copies) > 0 {
		jobs = slices.Concat(plan, copies)
	}
	keys := make([]uint64, len(jobs))
	rendered := make([]bool, len(jobs))
	// Put does not keep the bytes: each page is rendered into a buffer
	// that the next page reuses. A static file is read into a buffer of
	// its own, so that no large file's buffer stays in the pool.
	bufs := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	mem := semaphore.NewWeighted(maxCopyBytes)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0) + 1)
	for i, j := range jobs {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			if prev, ok := b.pages[j.path]; ok && prev == j.key {
				err := s.Keep(j.path)
				if err == nil {
					keys[i] = j.key
					return nil
				}
				if !errors.Is(err, output.ErrStale) {
					return err
				}
			}
			var buf *bytes.Buffer
			if i < len(plan) && !j.large {
				buf = bufs.Get().(*bytes.Buffer)
				defer bufs.Put(buf)
				buf.Reset()
			} else {
				n := min(max(j.size, 1), maxCopyBytes)
				if err := mem.Acquire(gctx, n); err != nil {
					return err
				}
				defer mem.Release(n)
				buf = new(bytes.Buffer)
			}
			if err := j.render(buf); err != nil {
				return err
			}
			data := buf.Bytes()
			if b.min != nil && i < len(plan) { // a static file is published as it is
				small := bufs.Get().(*bytes.Buffer)
				defer bufs.Put(small)
				small.Reset()
				if err := b.min.File(small, j.path, data); err != nil {
					return diag.Fail(nil, diag.MinifyFailed, j.path, err)
				}
				data = small.Bytes()
			}
			if _, err := s.Put(j.path, data); err != nil {
				return err
			}
			keys[i], rendered[i] = j.key, true
			return nil
		})
	}
	for _, f := range extra {
		g.Go(func() error {
			_, err := s.Put(f.Path, f.Data)
			return err
		})
	}
	err := g.Wait()
	if err == nil {
		err = s.SetState(state(s.Files()))
	}
	if err != nil {
		if aerr := s.Abort(); aerr != nil {
			err = errors.Join(err, aerr)
		}
		return output.Stats{}, 0, b.previousSite(err)
	}
	stats, err := s.Commit()
	if errors.Is(err, output.ErrCommitUnfinished) {
		b.pages = map[string]uint64{}
		return output.Stats{}, 0, diag.Wrap(err, diag.SitesMixed, b.cfg.OutDir)
	}
	if errors.Is(err, output.ErrCommitted) {
		err = diag.Wrap(err, diag.NewSiteInPlace, b.cfg.OutDir)
	} else if err != nil {
		return output.Stats{}, 0, b.previousSite(err)
	}
	pages := make(map[string]uint64, len(jobs))
	n := 0
	for i, j := range jobs {
		if !j.volatile {
			pages[j.path] = keys[i]
		}
		if rendered[i] && i < len(plan) {
			n++
		}
	}
	b.pages = pages
	return stats, n, err
}

// maxCopyBytes bounds the bytes of the static files a build holds at once.
const maxCopyBytes = 256 << 20

// previousSite adds to err, the error of a write that did not commit, that
// the output folder holds the previous site. The fingerprints of the pages
// stay those of the previous site, which is what the folder holds.
func (b *Builder) previousSite(err error) error {
	var list diag.List
	if errors.As(err, &list) || b.cfg.OutDir == "" {
		return err // a content problem, reported at its file
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err // reported as an InterruptedError
	}
	return diag.Wrap(err, diag.PreviousSiteKept, b.cfg.OutDir)
}

// outputOptions are the options of the build's output session. A Builder
// that builds once (a deploy's build) commits by exchanging the output
// folder whole, so that not even a kill during the commit mixes two
// sites; a Builder that rebuilds on every save (the dev loop) commits
// through the journal, which costs nothing per unchanged file. now is the
// build time, the clock of the assets' grace.
func (b *Builder) outputOptions(now time.Time) output.Options {
	opts := output.Options{Durable: b.cfg.Durable, Fault: b.cfg.fault, Exchange: b.oneShot, State: b.cfg.StateDir, Precompress: b.cfg.Precompress}
	if b.cfg.AssetGrace >= 0 {
		opts.Grace = output.Grace{Match: hashedAssetOrEncoding, For: b.cfg.AssetGrace, Now: now}
	}
	return opts
}

// stateFile is the path of the file name in cfg's state folder, or "" when
// the folder cannot be told.
func (cfg Config) stateFile(name string) string {
	dir := cfg.StateDir
	if dir == "" {
		var err error
		if dir, err = output.DefaultStateDir(cfg.OutDir); err != nil {
			return ""
		}
	}
	return filepath.Join(dir, name)
}

// hashedAssetOrEncoding reports whether p is a hashed asset
// (render.IsHashedAsset) or a precompressed encoding of one, which stay
// with it for its grace.
func hashedAssetOrEncoding(p string) bool {
	p = strings.TrimSuffix(strings.TrimSuffix(p, output.BrotliSuffix), output.GzipSuffix)
	return render.IsHashedAsset(p)
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

func sitemapURLs(site *content.Site, now time.Time, dates map[string]time.Time) []output.URL {
	abs := func(p string) string { return strings.TrimSuffix(site.BaseURL, "/") + p }
	urls := make([]output.URL, 0, len(site.Roles)+len(site.Categories)+1)
	var newest time.Time
	for _, cat := range site.Categories {
		var catNewest time.Time
		for _, r := range cat.Roles {
			lm := LastMod(r, now, dates)
			urls = append(urls, output.URL{Loc: abs(r.URLPath()), LastMod: lm})
			if lm.After(catNewest) {
				catNewest = lm
			}
		}
		for n := range render.PageCount(len(cat.Roles), site.Listing.WithDefaults().PageSize) {
			urls = append(urls, output.URL{Loc: abs(render.ListPath("/"+cat.Key+"/", site.PageSegment(), n+1)), LastMod: catNewest})
		}
		if catNewest.After(newest) {
			newest = catNewest
		}
	}
	urls = append(urls, output.URL{Loc: site.BaseURL, LastMod: newest})
	list := func(first string, roles []*content.Role) {
		var newest time.Time
		for _, r := range roles {
			if lm := LastMod(r, now, dates); lm.After(newest) {
				newest = lm
			}
		}
		for n := range render.PageCount(len(roles), site.Listing.WithDefaults().PageSize) {
			urls = append(urls, output.URL{Loc: abs(render.ListPath(first, site.PageSegment(), n+1)), LastMod: newest})
		}
	}
	for _, l := range render.Locations(site, now) {
		list(l.Path, l.Roles)
		for _, lc := range l.Categories {
			list(lc.Path, lc.Roles)
		}
	}
	sort.Slice(urls, func(i, j int) bool { return urls[i].Loc < urls[j].Loc })
	return urls
}
