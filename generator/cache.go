package generator

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"time"

	"golang.org/x/sync/errgroup"

	"rolesite/generator/content"
	"rolesite/generator/diag"
	"rolesite/generator/link"
	"rolesite/generator/render"
	"rolesite/internal/fingerprint"
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
	// front is the hash of its front matter's bytes; 0 when the file had
	// problems, whose messages no key covers.
	front uint64
}

// loader keeps the parsed files and templates between builds and reads
// again only what changed on disk.
type loader struct {
	seed        fingerprint.Seed
	roles       map[string]*parsed // by display path
	files       []content.RoleFile // as the last load listed them
	findDiags   diag.List          // what listing them reported
	siteStamp   stamp
	site        *content.Site
	siteDiags   diag.List
	siteKey     uint64
	layouts     map[string]stamp
	rd          *render.Renderer
	layoutDiags diag.List
	layoutsKey  uint64
	// The last site assembled without errors, reused when a load finds
	// that only bodies changed (see load); nil after any other load.
	assembled      *content.Site
	assembledKey   uint64    // its assemblyKey
	assembledDiags diag.List // the warnings that load returned
}

func newLoader(seed fingerprint.Seed) *loader {
	return &loader{seed: seed, roles: map[string]*parsed{}}
}

// empty reports whether the loader holds nothing yet: no load or renderer
// ran.
func (l *loader) empty() bool {
	return l.site == nil && l.files == nil && l.rd == nil && l.layoutDiags == nil
}

// renderer returns the templates, parsed again only when a file in the
// layouts folder changed, and a key that changes with them.
func (l *loader) renderer(dir string) (*render.Renderer, uint64, diag.List) {
	stamps := layoutStamps(dir)
	if l.rd != nil || l.layoutDiags != nil {
		if maps.Equal(stamps, l.layouts) {
			return l.rd, l.layoutsKey, l.layoutDiags
		}
	}
	rd, errs := render.New(dir)
	l.rd, l.layoutDiags, l.layouts = rd, errs, stamps
	h := l.seed.New()
	if rd != nil {
		for _, a := range rd.Assets() {
			h.String(a.Path)
		}
	}
	names := make([]string, 0, len(stamps))
	for n := range stamps {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		h.String(n).Value(stamps[n])
	}
	l.layoutsKey = h.Sum()
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
// stamp changed, a key of site.yaml's bytes and the site's assemblyKey: a
// later load with the same key returns the same site, unchanged (the new
// bodies are read through source). The key is 0 when the site is not kept
// for reuse (with drop, or when a file had problems).
//
// With drop, the loader keeps no role file's bytes (Role.Source and Body
// are nil): a one-shot build reads each file again when it renders its body.
//
// changed, when not nil, names every role file that changed since the last
// load, as a watcher saw them (see Builder.Changed): the roles folder is
// not listed again and the other files are not looked at. It is ignored
// unless every path in it is a role file the last load read and none of
// those is a symbolic link.
//
// added maps role files to when git first saw them; files it does not
// know count from their modification time, for telling which of two
// clashing files is the newer.
func (l *loader) load(ctx context.Context, cfg Config, drop bool, changed map[string]bool, added map[string]time.Time) (*content.Site, uint64, uint64, diag.List) {
	var errs diag.List
	sitePath := filepath.Join(cfg.ContentDir, "site.yaml")
	info, err := os.Stat(sitePath)
	if err != nil || l.site == nil || stampOf(info) != l.siteStamp {
		l.site, l.siteDiags = content.ReadSite(sitePath)
		if data, rerr := os.ReadFile(sitePath); rerr == nil {
			l.siteKey = l.seed.Bytes(data)
		}
		if err == nil {
			l.siteStamp = stampOf(info)
		} else {
			l.siteStamp = stamp{}
		}
	}
	errs.Append(l.siteDiags)

	if !l.canTrust(changed) {
		changed = nil
		l.files, l.findDiags = content.FindRoles(cfg.ContentDir)
	}
	files := l.files
	errs.Append(l.findDiags)
	current := make(map[string]*parsed, len(files))
	var todo []content.RoleFile
	var todoStamps []stamp
	for _, f := range files {
		if p := l.roles[f.Path]; changed != nil && !changed[f.Path] && p != nil {
			current[f.Path] = p
			continue
		}
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
				p.key = l.seed.Bytes(role.Source)
				if len(diags) == 0 {
					p.front = l.seed.Bytes(role.Source[:role.BodyOffset])
				}
				if drop {
					role.Source, role.Body = nil, nil
				}
			}
			results[i] = p
			return nil
		})
	}
	if g.Wait() != nil {
		// Only ctx ends the reading early; the caller looks at it.
		return nil, 0, 0, errs
	}
	for i, f := range todo {
		current[f.Path] = results[i]
	}
	l.roles = current
	key := l.assemblyKey(cfg, files)
	if changed != nil && !drop && l.assembled != nil && key != 0 && key == l.assembledKey {
		// Only bodies changed: the assembled site stands. Its roles keep
		// the bytes they were parsed from; a body is read through the
		// loader (source), which has the new ones. The same problems as
		// then: the files read again had none, and neither site.yaml nor
		// the roles folder was read again.
		return l.assembled, l.siteKey, key, slices.Clone(l.assembledDiags)
	}
	l.assembled = nil
	var roles []*content.Role
	unreadable := map[string]bool{}
	since := make(map[string]time.Time, len(files))
	for _, f := range files {
		p := current[f.Path]
		errs.Append(p.diags)
		if p.role != nil {
			roles = append(roles, p.role)
		} else {
			unreadable[f.Slug] = true
		}
		if t, ok := added[f.Path]; ok {
			since[f.Path] = t
		} else {
			since[f.Path] = time.Unix(0, p.stamp.mtime)
		}
	}
	if l.site == nil {
		errs.Sort()
		return nil, 0, 0, errs
	}
	site, aerrs := content.Assemble(content.Parts{Site: l.site, Roles: roles, Unreadable: unreadable, Added: since, Drafts: cfg.Drafts, NameKey: link.NameKey})
	errs.Append(aerrs)
	errs.Sort()
	if errs.HasErrors() {
		return nil, 0, 0, errs
	}
	if drop {
		key = 0
	} else {
		l.assembled, l.assembledKey, l.assembledDiags = site, key, errs
	}
	return site, l.siteKey, key, errs
}

// assemblyKey is the key of what assembling the site reads: site.yaml, the
// configuration, and each role file's path, slug and front matter. It
// leaves out when each file was added, which decides only which of two
// clashing files a message blames; a clash is an error, and a site with
// errors is not kept. It is 0 when a file had problems.
func (l *loader) assemblyKey(cfg Config, files []content.RoleFile) uint64 {
	h := l.seed.New().U64(l.siteKey).Value(l.siteStamp).Bool(cfg.Drafts).Value(cfg.Limits)
	for _, f := range files {
		p := l.roles[f.Path]
		if p == nil || p.front == 0 {
			return 0
		}
		h.String(f.Path).String(f.Slug).U64(p.front)
	}
	return h.Sum()
}

// source returns the bytes of the role file at path as the last load read
// them, nil when it kept none.
func (l *loader) source(path string) []byte {
	if p := l.roles[path]; p != nil && p.role != nil {
		return p.role.Source
	}
	return nil
}

// canTrust reports whether the changed paths a watcher reported can stand
// in for listing and looking at every role file: each is a role file the
// last load read, and no role file is a symbolic link (whose changes show
// under another path).
func (l *loader) canTrust(changed map[string]bool) bool {
	if changed == nil || l.files == nil {
		return false
	}
	for p := range changed {
		if l.roles[p] == nil {
			return false
		}
		// Removed again since the watcher saw it written: only a listing
		// tells what is left.
		if _, err := os.Stat(p); err != nil {
			return false
		}
	}
	for _, f := range l.files {
		if f.Link {
			return false
		}
	}
	return true
}

// sourceKey returns the hash of a role file's bytes as last read.
func (l *loader) sourceKey(path string) uint64 {
	if p := l.roles[path]; p != nil {
		return p.key
	}
	return 0
}
