package generator

import (
	"bytes"
	"maps"
	"slices"

	"rolesite/generator/diag"
	"rolesite/generator/minify"
	"rolesite/generator/render"
	"rolesite/internal/filestamp"
	"rolesite/internal/fingerprint"
)

// layouts keeps the templates between builds and parses them again only
// when a file in the layouts folder changed.
type layouts struct {
	seed   fingerprint.Seed
	stamps map[string]filestamp.Stamp
	rd     *render.Renderer
	diags  diag.List
	key    uint64
	// minify, when set, minifies the assets before the pages name them
	// (Config.Minify).
	minify *minify.Minifier
}

// empty reports whether no renderer was made yet.
func (l *layouts) empty() bool { return l.rd == nil && l.diags == nil }

// renderer returns the templates, parsed again only when a file in the
// layouts folder changed, and a key that changes with them.
func (l *layouts) renderer(dir string) (*render.Renderer, uint64, diag.List) {
	stamps := filestamp.Dir(dir)
	if !l.empty() && maps.Equal(stamps, l.stamps) {
		return l.rd, l.key, l.diags
	}
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
	l.rd, l.diags, l.stamps = rd, errs, stamps
	h := l.seed.New()
	if rd != nil {
		for _, a := range rd.Assets() {
			h.String(a.Path)
		}
	}
	for _, n := range slices.Sorted(maps.Keys(stamps)) {
		h.String(n).Value(stamps[n])
	}
	l.key = h.Sum()
	return rd, l.key, errs
}
