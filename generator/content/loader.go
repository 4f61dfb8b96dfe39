package content

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"golang.org/x/sync/errgroup"

	"rolesite/generator/diag"
	"rolesite/internal/filestamp"
	"rolesite/internal/fingerprint"
)

// Loader is the content stage as a build runs it again and again: it keeps
// site.yaml and every role file as it last parsed them, and the site it
// last assembled, and reads again only what changed on disk (by each
// file's stamp, or as a watcher told). It is not safe for concurrent use.
type Loader struct {
	seed      fingerprint.Seed
	roles     map[string]*parsed // by display path
	files     []RoleFile         // as the last load listed them
	findDiags diag.List          // what listing them reported
	siteStamp filestamp.Stamp
	site      *Site
	siteDiags diag.List
	siteKey   uint64
	// The last site assembled without errors, returned again while its
	// assemblyKey holds (see Load).
	assembled      *Site
	assembledKey   uint64    // its assemblyKey
	assembledDiags diag.List // the warnings that Load returned
	released       bool      // Release was called: the parsed roles are gone
}

// parsed is one role file as the last load read it.
type parsed struct {
	stamp filestamp.Stamp
	slug  string
	role  *Role
	diags diag.List
	key   uint64 // hash of the file's bytes
	// front is the hash of its front matter's bytes; 0 when the file had
	// problems, whose messages no key covers.
	front uint64
}

// NewLoader returns an empty Loader whose keys are made with seed.
func NewLoader(seed fingerprint.Seed) *Loader {
	return &Loader{seed: seed, roles: map[string]*parsed{}}
}

// LoadConfig says what a Load reads and how.
type LoadConfig struct {
	Dir     string // the content folder: site.yaml and roles/
	Limits  Limits
	Drafts  bool                     // publish draft roles
	NameKey func(name string) string // see Parts.NameKey
	// Drop keeps no role file's bytes (Role.Source and Body are nil): a
	// build that loads once reads each file again when it renders its body.
	Drop bool
	// Changed, when not nil, names every role file that changed since the
	// last load, as a watcher saw them: the roles folder is not listed
	// again and the other files are not looked at. It is ignored unless
	// every path in it is a role file the last load read and none of those
	// is a symbolic link.
	Changed map[string]bool
	// Added maps role files to when git first saw them; files it does not
	// know count from their modification time, for telling which of two
	// clashing files is the newer.
	Added map[string]time.Time
}

// Empty reports whether the Loader has loaded nothing yet.
func (l *Loader) Empty() bool { return l.site == nil && l.files == nil }

// Stamps returns the stamps of what the last load read: site.yaml, and
// each role file it listed (a zero stamp for one it could not stat).
func (l *Loader) Stamps() (site filestamp.Stamp, files []RoleFile, stamps []filestamp.Stamp) {
	stamps = make([]filestamp.Stamp, len(l.files))
	for i, f := range l.files {
		if p := l.roles[f.Path]; p != nil {
			stamps[i] = p.stamp
		}
	}
	return l.siteStamp, l.files, stamps
}

// Release lets go of every parsed role and of the key positions of site's
// roles, a quarter of what a role holds, keeping each file's stamp and
// SourceKey: a Loader that loads once calls it when every message that
// names a key is made, before the pages render. A later Load reads every
// file again.
func (l *Loader) Release(site *Site) {
	for _, r := range site.Roles {
		r.Pos, r.NamePos = nil, nil
	}
	for _, p := range l.roles {
		p.role = nil
	}
	l.assembled, l.released = nil, true
}

// Load returns the assembled site, reading again only the files whose
// stamp changed, a key of site.yaml's bytes and the site's assemblyKey: a
// later load with the same key returns the same site, unchanged (the new
// bodies are read through Source). The key is 0 when the site is not kept
// for reuse (with Drop, or when a file had problems).
func (l *Loader) Load(ctx context.Context, cfg LoadConfig) (*Site, uint64, uint64, diag.List) {
	drop, changed, added := cfg.Drop, cfg.Changed, cfg.Added
	if l.released {
		l.roles, l.files, l.released = map[string]*parsed{}, nil, false
	}
	var errs diag.List
	sitePath := filepath.Join(cfg.Dir, "site.yaml")
	info, err := os.Stat(sitePath)
	if err != nil || l.site == nil || filestamp.Of(info) != l.siteStamp {
		var data []byte
		l.site, data, l.siteDiags = readSite(sitePath)
		if data != nil {
			l.siteKey = l.seed.Bytes(data)
		}
		if err == nil {
			l.siteStamp = filestamp.Of(info)
		} else {
			l.siteStamp = filestamp.Stamp{}
		}
	}
	errs.Append(l.siteDiags)

	if !l.canTrust(changed) {
		changed = nil
		l.files, l.findDiags = FindRoles(cfg.Dir)
	}
	files := l.files
	errs.Append(l.findDiags)
	current := make(map[string]*parsed, len(files))
	var todo []RoleFile
	var todoInfos []fs.FileInfo // nil where the stat failed
	for _, f := range files {
		if p := l.roles[f.Path]; changed != nil && !changed[f.Path] && p != nil {
			current[f.Path] = p
			continue
		}
		info, err := os.Stat(f.Path)
		if err != nil {
			todo = append(todo, f)
			todoInfos = append(todoInfos, nil)
			continue
		}
		if p := l.roles[f.Path]; p != nil && p.stamp == filestamp.Of(info) && p.slug == f.Slug {
			current[f.Path] = p
			continue
		}
		todo = append(todo, f)
		todoInfos = append(todoInfos, info)
	}
	results := make([]*parsed, len(todo))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range todo {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			var st filestamp.Stamp
			if info := todoInfos[i]; info != nil {
				st = filestamp.Of(info)
			}
			role, diags := ReadRole(f, cfg.Limits, todoInfos[i])
			p := &parsed{stamp: st, slug: f.Slug, role: role, diags: diags}
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
	var key uint64 // a site loaded with Drop is not kept for reuse
	if !drop {
		key = l.assemblyKey(cfg, files)
	}
	if changed != nil && l.assembled != nil && key != 0 && key == l.assembledKey {
		// Only bodies changed: the assembled site stands. Its roles keep
		// the bytes they were parsed from; a body is read through the
		// loader (Source), which has the new ones. The same problems as
		// then: the files read again had none, and neither site.yaml nor
		// the roles folder was read again.
		return l.assembled, l.siteKey, key, slices.Clone(l.assembledDiags)
	}
	l.assembled = nil
	var roles []*Role
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
			since[f.Path] = time.Unix(0, p.stamp.MTime)
		}
	}
	if l.site == nil {
		errs.Sort()
		return nil, 0, 0, errs
	}
	site, aerrs := Assemble(Parts{Site: l.site, Roles: roles, Unreadable: unreadable, Added: since, Drafts: cfg.Drafts, NameKey: cfg.NameKey})
	errs.Append(aerrs)
	errs.Sort()
	if errs.HasErrors() {
		return nil, 0, 0, errs
	}
	if !drop {
		l.assembled, l.assembledKey, l.assembledDiags = site, key, errs
	}
	return site, l.siteKey, key, errs
}

// assemblyKey is the key of what assembling the site reads: site.yaml, the
// configuration, and each role file's path, slug and front matter. It
// leaves out when each file was added, which decides only which of two
// clashing files a message blames; a clash is an error, and a site with
// errors is not kept. It is 0 when a file had problems.
func (l *Loader) assemblyKey(cfg LoadConfig, files []RoleFile) uint64 {
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

// Source returns the bytes of the role file at path as the last load read
// them, nil when it kept none.
func (l *Loader) Source(path string) []byte {
	if p := l.roles[path]; p != nil && p.role != nil {
		return p.role.Source
	}
	return nil
}

// canTrust reports whether the changed paths a watcher reported can stand
// in for listing and looking at every role file: each is a role file the
// last load read, and no role file is a symbolic link (whose changes show
// under another path).
func (l *Loader) canTrust(changed map[string]bool) bool {
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

// SourceKey returns the hash of a role file's bytes as last read.
func (l *Loader) SourceKey(path string) uint64 {
	if p := l.roles[path]; p != nil {
		return p.key
	}
	return 0
}
