package generator

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"rolesite/generator/content"
	"rolesite/generator/diag"
	"rolesite/generator/output"
	"rolesite/generator/static"
	"rolesite/internal/filestamp"
	"rolesite/internal/fingerprint"
)

// A build records with the output's manifest (output.Session.SetState) what
// it read: a key over every input's stamp (size, modification time, inode;
// for a static file its change time too), the list of the static files,
// the configuration, the generator binary and the git HEAD of the content,
// plus the figures of its Result and the span of build times for which the
// open/closed status of every role stays the same. Build, the one-shot
// build of a new process, first compares that key with the inputs on disk
// and checks that the output is as the build left it (output.Intact: one
// stat per file); when both hold it reports the recorded result and does
// nothing else: no file is parsed, rendered or written.
//
// The key trusts stamps as a warm Builder does. An input whose modification
// time is not clearly older than the build that read it (racyWindow) could
// be edited again within the same clock tick without changing its stamp,
// so a build that read such a file records no state; the next build reads
// everything and records it (git's "racily clean" rule).

// stateVersion changes whenever what the state means changes.
const stateVersion = 3

// racyWindow: inputs modified less than this before a build started (or
// after) keep the build from recording its state.
const racyWindow = 2 * time.Second

// savedState is the JSON recorded with the manifest.
type savedState struct {
	Version int    `json:"v"`
	Key     string `json:"key"`
	// The result holds for build times in [ValidFrom, ValidUntil) (Unix
	// nanoseconds; 0: unbounded): no role opens or closes in between.
	ValidFrom      int64       `json:"valid_from,omitempty"`
	ValidUntil     int64       `json:"valid_until,omitempty"`
	NextChangeRole string      `json:"next_change_role,omitempty"`
	Pages          int         `json:"pages"`
	Files          int         `json:"files"`
	Links          int         `json:"links"`
	Closed         []string    `json:"closed,omitempty"`
	Diagnostics    []savedDiag `json:"diagnostics,omitempty"`
}

type savedDiag struct {
	Path     string        `json:"path"`
	Line     int           `json:"line,omitempty"`
	Column   int           `json:"col,omitempty"`
	Severity diag.Severity `json:"severity"`
	Code     string        `json:"code"`
	Message  string        `json:"msg"`
	German   string        `json:"de"`
}

// newInputs returns the stamps of what the last build read, for the state
// key.
func newInputs(l *content.Loader, lay *layouts, head string, statics []static.File) *inputs {
	site, files, stamps := l.Stamps()
	return &inputs{site: site, files: files, stamps: stamps, layouts: lay.stamps, head: head, static: statics}
}

// inputs is what the state key covers.
type inputs struct {
	site    filestamp.Stamp
	files   []content.RoleFile
	stamps  []filestamp.Stamp // by files
	layouts map[string]filestamp.Stamp
	head    string        // git HEAD of the content folder, "" outside git
	static  []static.File // the static folder's files, with their stamps
}

// executableSum identifies the running generator: the SHA-256 of its
// binary, so that a new build of it (other templates, other code) never
// trusts an older one's state. "" when the binary cannot be read.
var executableSum = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
})

// key hashes in with the configuration and the binary. It is "" when the
// inputs cannot be trusted: the binary is unknown, or an input changed too
// close to start.
func (in *inputs) key(cfg Config, start time.Time) string {
	exe := executableSum()
	if exe == "" {
		return ""
	}
	limit := start.Add(-racyWindow).UnixNano()
	racy := func(s filestamp.Stamp) bool { return s.MTime >= limit }
	if racy(in.site) {
		return ""
	}
	for _, s := range in.stamps {
		if racy(s) {
			return ""
		}
	}
	for _, s := range in.layouts {
		if racy(s) {
			return ""
		}
	}
	for _, f := range in.static {
		if racy(f.Stamp.Stamp) {
			return ""
		}
	}
	h := fingerprint.NewStable().Int(stateVersion).String(exe)
	addConfig(h, cfg)
	return h.String(in.head).Value(in.site).Value(in.files).Value(in.stamps).Value(in.layouts).Value(in.static).Stable()
}

// addConfig adds to h what of cfg a recorded result depends on. Left out
// on purpose (TestStateKeyCoversConfig names them): Check and ChangesFile,
// with which no recorded result is used; Now, as the state says for which
// build times it holds; Durable and Lang, on which no output depends (the
// state keeps each message in both languages); StateDir, as the state is
// read from that folder itself; and fault, set by tests.
func addConfig(h *fingerprint.Hash, cfg Config) {
	h.String(cfg.ContentDir).String(cfg.LayoutsDir).String(cfg.StaticDir).String(cfg.OutDir).String(cfg.BaseURL).Bool(cfg.Drafts).Value(cfg.Limits).Int(int64(cfg.AssetGrace))
	h.Bool(cfg.Minify).Bool(cfg.Precompress)
}

// newState describes a successful build of site at now for key.
func newState(key string, res *Result, site *content.Site, now time.Time) *savedState {
	st := &savedState{
		Version: stateVersion, Key: key,
		NextChangeRole: res.NextChangeRole,
		Pages:          res.Pages, Files: res.Files, Links: res.Links,
		Closed: res.Closed,
	}
	if !res.NextChange.IsZero() {
		st.ValidUntil = res.NextChange.UnixNano()
	}
	for _, r := range site.Roles {
		if r.Closed(now) {
			st.ValidFrom = max(st.ValidFrom, r.ClosesAt().UnixNano())
		}
	}
	for _, d := range res.Diagnostics {
		st.Diagnostics = append(st.Diagnostics, savedDiag{d.Pos.Path, d.Pos.Line, d.Pos.Column, d.Severity, d.Code, d.Message, d.German})
	}
	return st
}

// result is the Result of a build that found nothing to do.
func (st *savedState) result() *Result {
	res := &Result{
		Pages: st.Pages, Files: st.Files, Links: st.Links, Closed: st.Closed,
		NextChangeRole: st.NextChangeRole,
		Stats:          output.Stats{Unchanged: st.Files, Changed: []string{}, Added: []string{}, Updated: []string{}, Deleted: []string{}},
		InPlace:        true, // the folder holds the site it recorded
	}
	if st.ValidUntil != 0 {
		res.NextChange = time.Unix(0, st.ValidUntil).UTC()
	}
	for _, d := range st.Diagnostics {
		res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{
			Pos: diag.Position{Path: d.Path, Line: d.Line, Column: d.Column}, Severity: d.Severity,
			Code: d.Code, Message: d.Message, German: d.German})
	}
	return res
}

// holds reports whether the recorded result holds at build time now.
func (st *savedState) holds(now time.Time) bool {
	t := now.UnixNano()
	return st.ValidFrom <= t && (st.ValidUntil == 0 || t < st.ValidUntil)
}

// unchanged is the cache of a Builder's first build: the recorded result of the last build when
// neither the inputs nor the output changed since and no role opened or
// closed; ok is false otherwise, and the caller builds.
func unchanged(ctx context.Context, cfg Config) (res *Result, ok bool) {
	if cfg.Check || cfg.OutDir == "" || cfg.ChangesFile != "" {
		return nil, false
	}
	start := time.Now()
	now := cfg.Now
	if now.IsZero() {
		now = start
	}
	if _, err := os.Lstat(cfg.stateFile(output.ManifestName)); err != nil {
		return nil, false
	}
	if err := output.CheckDir(cfg.OutDir, cfg.ContentDir, cfg.LayoutsDir, cfg.StaticDir); err != nil {
		return nil, false
	}
	if err := checkStaticDir(cfg); err != nil {
		return nil, false
	}
	in, ok := readInputs(ctx, cfg)
	if !ok {
		return nil, false
	}
	key := in.key(cfg, start)
	if key == "" {
		return nil, false
	}
	unlock, err := output.Lock(cfg.OutDir, cfg.StateDir)
	if err != nil {
		return nil, false
	}
	defer unlock()
	raw, ok := output.Intact(cfg.OutDir, cfg.StateDir, now)
	if !ok {
		return nil, false
	}
	var st savedState
	if err := json.Unmarshal(raw, &st); err != nil || st.Version != stateVersion || st.Key != key || !st.holds(now.UTC()) {
		return nil, false
	}
	return st.result(), true
}

// readInputs stamps every input as a build would read it. ok is false when
// listing the role files reported anything.
func readInputs(ctx context.Context, cfg Config) (*inputs, bool) {
	in := &inputs{layouts: layoutStamps(cfg.LayoutsDir)}
	info, err := os.Stat(filepath.Join(cfg.ContentDir, "site.yaml"))
	if err != nil {
		return nil, false
	}
	in.site = filestamp.Of(info)
	files, ferrs := content.FindRoles(cfg.ContentDir)
	if len(ferrs) > 0 {
		return nil, false
	}
	in.files = files
	in.stamps = make([]filestamp.Stamp, len(files))
	for i, f := range files {
		info, err := os.Stat(f.Path)
		if err != nil {
			return nil, false
		}
		in.stamps[i] = filestamp.Of(info)
	}
	statics, serrs := static.List(cfg.StaticDir)
	if len(serrs) > 0 {
		return nil, false
	}
	in.static = statics
	in.head = gitHead(ctx, cfg.ContentDir)
	return in, true
}

// gitHead returns the commit checked out in dir's repository, or "".
func gitHead(ctx context.Context, dir string) string {
	out, err := exec.CommandContext(ctx, "git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
