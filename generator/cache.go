package generator

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"rolesite/generator/diag"
	"rolesite/generator/minify"
	"rolesite/generator/output"
	"rolesite/generator/render"
	"rolesite/generator/render/i18n"
	"rolesite/internal/filestamp"
	"rolesite/internal/fingerprint"
)

// layouts keeps the templates between builds and parses them again only
// when a file in the layouts folder changed; a change of layouts/_headers
// alone reads that file again and keeps the templates and their key, so
// that it renders no page again.
type layouts struct {
	seed   fingerprint.Seed
	stamps map[string]filestamp.Stamp // of every file in the folder, _headers too
	rd     *render.Renderer
	rdiags diag.List // of the templates
	diags  diag.List // rdiags, then those of headers
	key    uint64
	// minify, when set, minifies the assets before the pages name them
	// (Config.Minify).
	minify *minify.Minifier
	// headers is layouts/_headers as last read.
	headers userHeaders
}

// userHeaders is the layouts folder's _headers file: its rules, when it
// exists and parses.
type userHeaders struct {
	path  string // "" when there is no such file
	rules []output.HeaderRule
}

// empty reports whether no renderer was made yet.
func (l *layouts) empty() bool { return l.rd == nil && l.diags == nil }

// renderer returns the templates, parsed again only when a template in
// the layouts folder changed, and a key that changes with them; and reads
// layouts/_headers again when it changed (layouts.headers).
func (l *layouts) renderer(dir string) (*render.Renderer, uint64, diag.List) {
	stamps := layoutStamps(dir)
	if !l.empty() && maps.Equal(stamps, l.stamps) {
		return l.rd, l.key, l.diags
	}
	templates := func(m map[string]filestamp.Stamp) map[string]filestamp.Stamp {
		out := maps.Clone(m)
		delete(out, output.HeadersName)
		return out
	}
	fresh := l.empty() || !maps.Equal(templates(stamps), templates(l.stamps))
	if fresh {
		rd, errs := render.New(dir)
		if rd != nil && l.minify != nil {
			var failed string
			err := rd.MinifyAssets(func(p string, data []byte) ([]byte, error) {
				var b bytes.Buffer
				err := l.minify.File(&b, p, data)
				failed = p
				return b.Bytes(), err
			})
			if err != nil {
				errs.Add(diag.Position{Path: dir}, diag.MinifyFailed, failed, err)
				rd = nil
			}
		}
		l.rd, l.rdiags = rd, errs
		h := l.seed.New()
		if rd != nil {
			for _, a := range rd.Assets() {
				h.String(a.Path)
			}
		}
		for _, n := range slices.Sorted(maps.Keys(templates(stamps))) {
			h.String(n).Value(stamps[n])
		}
		l.key = h.Sum()
	}
	// Something changed: the templates, or else _headers.
	var herrs diag.List
	l.headers, herrs = readUserHeaders(dir)
	l.stamps = stamps
	l.diags = append(append(diag.List(nil), l.rdiags...), herrs...)
	if l.diags == nil {
		l.diags = diag.List{} // not empty(): a renderer was asked for
	}
	return l.rd, l.key, l.diags
}

// layoutStamps stamps every file of the layouts folder dir, of its feeds/
// folder (the feed templates, as "feeds/NAME") and of its i18n folder (the
// message catalogues, as "i18n/en.yaml"), which the templates' key covers.
func layoutStamps(dir string) map[string]filestamp.Stamp {
	stamps := filestamp.Dir(dir)
	if dir == "" {
		return stamps
	}
	for name, s := range filestamp.Dir(filepath.Join(dir, render.FeedsDir)) {
		stamps[render.FeedsDir+"/"+name] = s
	}
	for name, st := range filestamp.Dir(filepath.Join(dir, i18n.Dir)) {
		stamps[i18n.Dir+"/"+name] = st
	}
	return stamps
}

// readUserHeaders reads and parses dir/_headers (see MergeHeaders for what
// its rules do). A missing file (or dir) is no problem.
func readUserHeaders(dir string) (userHeaders, diag.List) {
	var errs diag.List
	if info, err := os.Stat(dir); dir == "" || err != nil || !info.IsDir() {
		return userHeaders{}, nil // render.New reports a layouts folder it cannot read
	}
	p := filepath.Join(dir, output.HeadersName)
	data, err := os.ReadFile(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return userHeaders{}, nil
	case err != nil:
		errs.Add(diag.Position{Path: p}, diag.LayoutUnreadable, err)
		return userHeaders{}, errs
	}
	rules, errs := output.ParseHeaders(p, data)
	return userHeaders{path: p, rules: rules}, errs
}
