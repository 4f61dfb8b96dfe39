package generator

import (
	"context"
	"hash/maphash"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"sort"

	"golang.org/x/sync/errgroup"

	"rolesite/generator/content"
	"rolesite/generator/diag"
	"rolesite/generator/render"
)

// stamp tells whether a file changed since it was read: size, mtime and
// inode, as editors that save by rename change the inode.
type stamp struct {
	size  int64
	mtime int64
	ino   uint64
}

func stampOf(info os.FileInfo) stamp {
	return stamp{size: info.Size(), mtime: info.ModTime().UnixNano(), ino: inode(info)}
}

// parsed is one role file as the last build read it.
type parsed struct {
	stamp stamp
	slug  string
	role  *content.Role
	diags diag.List
	key   uint64 // hash of the file's bytes
}

// loader keeps the parsed files and templates between builds and reads
// again only what changed on disk.
type loader struct {
	roles       map[string]*parsed // by display path
	files       []content.RoleFile // as the last load listed them
	siteStamp   stamp
	site        *content.Site
	siteDiags   diag.List
	siteKey     uint64
	layouts     map[string]stamp
	rd          *render.Renderer
	layoutDiags diag.List
	layoutsKey  uint64
}

func newLoader() *loader { return &loader{roles: map[string]*parsed{}} }

// renderer returns the templates, parsed again only when a file in the
// layouts folder changed, and a key that changes with them.
func (l *loader) renderer(dir string, seed maphash.Seed) (*render.Renderer, uint64, diag.List) {
	stamps := layoutStamps(dir)
	if l.rd != nil || l.layoutDiags != nil {
		if maps.Equal(stamps, l.layouts) {
			return l.rd, l.layoutsKey, l.layoutDiags
		}
	}
	rd, errs := render.New(dir)
	l.rd, l.layoutDiags, l.layouts = rd, errs, stamps
	var h maphash.Hash
	h.SetSeed(seed)
	if rd != nil {
		for _, a := range rd.Assets() {
			h.WriteString(a.Path)
		}
	}
	names := make([]string, 0, len(stamps))
	for n := range stamps {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		s := stamps[n]
		h.WriteString(n)
		writeU64(&h, uint64(s.size))
		writeU64(&h, uint64(s.mtime))
	}
	l.layoutsKey = h.Sum64()
	return rd, l.layoutsKey, errs
}

// layoutStamps stamps each entry of the layouts folder.
func layoutStamps(dir string) map[string]stamp {
	stamps := map[string]stamp{}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if info, err := e.Info(); err == nil {
				stamps[e.Name()] = stampOf(info)
			}
		}
	}
	return stamps
}

// inputs returns the stamps of what the last load read, for the state key.
func (l *loader) inputs(head string) *inputs {
	in := &inputs{site: l.siteStamp, files: l.files, stamps: make([]stamp, len(l.files)), layouts: l.layouts, head: head}
	for i, f := range l.files {
		if p := l.roles[f.Path]; p != nil {
			in.stamps[i] = p.stamp
		}
	}
	return in
}

// load returns the assembled site, reading again only the files whose
// stamp changed, and a key of site.yaml's bytes.
//
// With drop, the loader keeps no role file's bytes (Role.Source and Body
// are nil): a one-shot build reads each file again when it renders its body.
func (l *loader) load(ctx context.Context, cfg Config, seed maphash.Seed, drop bool) (*content.Site, uint64, diag.List) {
	var errs diag.List
	sitePath := filepath.Join(cfg.ContentDir, "site.yaml")
	info, err := os.Stat(sitePath)
	if err != nil || l.site == nil || stampOf(info) != l.siteStamp {
		l.site, l.siteDiags = content.ReadSite(sitePath)
		if data, rerr := os.ReadFile(sitePath); rerr == nil {
			l.siteKey = maphash.Bytes(seed, data)
		}
		if err == nil {
			l.siteStamp = stampOf(info)
		} else {
			l.siteStamp = stamp{}
		}
	}
	errs.Append(l.siteDiags)

	files, ferrs := content.FindRoles(cfg.ContentDir)
	errs.Append(ferrs)
	l.files = files
	current := make(map[string]*parsed, len(files))
	var todo []content.RoleFile
	var todoStamps []stamp
	for _, f := range files {
		info, err := os.Stat(f.Path)
		if err != nil {
			todo = append(todo, f)
			todoStamps = append(todoStamps, stamp{})
			continue
		}
		st := stampOf(info)
		if p := l.roles[f.Path]; p != nil && p.stamp == st && p.slug == f.Slug {
			current[f.Path] = p
			continue
		}
		todo = append(todo, f)
		todoStamps = append(todoStamps, st)
	}
	results := make([]*parsed, len(todo))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range todo {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			role, diags := content.ReadRole(f, cfg.Limits)
			p := &parsed{stamp: todoStamps[i], slug: f.Slug, role: role, diags: diags}
			if role != nil {
				p.key = maphash.Bytes(seed, role.Source)
				if drop {
					role.Source, role.Body = nil, nil
				}
			}
			results[i] = p
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		errs.Errorf(diag.Position{Path: cfg.ContentDir}, "load cancelled: %v", err)
		return nil, 0, errs
	}
	for i, f := range todo {
		current[f.Path] = results[i]
	}
	l.roles = current
	var roles []*content.Role
	for _, f := range files {
		p := current[f.Path]
		errs.Append(p.diags)
		if p.role != nil {
			roles = append(roles, p.role)
		}
	}
	if l.site == nil {
		errs.Sort()
		return nil, 0, errs
	}
	site, aerrs := content.Assemble(l.site, roles, cfg.Drafts)
	errs.Append(aerrs)
	errs.Sort()
	if errs.HasErrors() {
		return nil, 0, errs
	}
	return site, l.siteKey, errs
}

// sourceKey returns the hash of a role file's bytes as last read.
func (l *loader) sourceKey(path string) uint64 {
	if p := l.roles[path]; p != nil {
		return p.key
	}
	return 0
}
