package i18n

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"rolesite/generator/diag"
	"rolesite/internal/editdist"
)

// Dir is the folder of the layouts folder that holds catalogues.
const Dir = "i18n"

// Set is every catalogue a site may use: the built-in ones and those of
// its layouts/i18n folder.
type Set struct {
	builtin map[string]*File // by tag: "de", "en", "en-US"
	layouts map[string]*File
}

// Load reads the built-in catalogues and those in layoutsDir/i18n (a
// missing folder is fine). A language a layouts file adds must have every
// key of the built-in German one.
func Load(layoutsDir string) (*Set, diag.List) {
	var errs diag.List
	s := &Set{builtin: map[string]*File{}, layouts: map[string]*File{}}
	files, err := Builtin()
	if err != nil {
		errs.Add(diag.Position{Path: "i18n"}, diag.BuiltinTemplates, err)
		return nil, errs
	}
	for name, data := range files {
		tag := strings.TrimSuffix(name, ".yaml")
		f, ferrs := Parse("built-in i18n/"+name, data)
		errs.Append(ferrs)
		f.Name = tag
		s.builtin[tag] = f
	}
	if layoutsDir == "" {
		return s, errs
	}
	dir := filepath.Join(layoutsDir, Dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			errs.Add(diag.Position{Path: dir}, diag.LayoutsUnreadable, err)
		}
		return s, errs
	}
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		if strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".md") {
			continue
		}
		stem, isYAML := strings.CutSuffix(name, ".yaml")
		tag, terr := Tag(stem)
		if e.IsDir() || !isYAML || terr != nil || tag.String() != stem {
			errs.Warn(diag.Position{Path: p}, diag.CatalogueNotRead)
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			errs.Add(diag.Position{Path: p}, diag.LayoutUnreadable, err)
			continue
		}
		f, ferrs := Parse(p, data)
		errs.Append(ferrs)
		f.Name = stem
		s.layouts[stem] = f
	}
	base := s.builtin[BaseLanguage]
	for _, tag := range slices.Sorted(maps.Keys(s.layouts)) {
		f := s.layouts[tag]
		t, _ := Tag(tag)
		b, _ := t.Base()
		if _, region := t.Region(); region == language.Exact && b.String() != tag {
			// A region's file changes single texts of its language.
			if s.builtin[b.String()] == nil && s.layouts[b.String()] == nil {
				errs.Add(diag.Position{Path: f.Path}, diag.CatalogueNoLanguage, tag, b.String(), b.String()+".yaml")
			}
			continue
		}
		if s.builtin[tag] != nil {
			continue // overrides single texts of a built-in language
		}
		var missing []string
		for _, k := range Keys(base.Msgs) {
			if f.Msgs[k] == nil {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			errs.Add(diag.Position{Path: f.Path}, diag.CatalogueMissingKeys, tag, strings.Join(missing, ", "), BaseLanguage+".yaml")
		}
	}
	return s, errs
}

// Unused warns of each key of a layouts file that used (the keys the
// templates and the renderer use) does not know, at its position.
func (s *Set) Unused(used func(key string) bool) diag.List {
	var errs diag.List
	base := Keys(s.builtin[BaseLanguage].Msgs)
	for _, tag := range slices.Sorted(maps.Keys(s.layouts)) {
		f := s.layouts[tag]
		for _, k := range Keys(f.Msgs) {
			if used(k) {
				continue
			}
			m := f.Msgs[k]
			if near := editdist.Nearest(k, base); near != "" && near != k {
				errs.Warn(m.Pos, diag.CatalogueUnusedNear, k, near)
			} else {
				errs.Warn(m.Pos, diag.CatalogueUnused, k)
			}
		}
	}
	return errs
}

// Has reports whether any catalogue of s has key.
func (s *Set) Has(key string) bool {
	for _, m := range []map[string]*File{s.builtin, s.layouts} {
		for _, f := range m {
			if f.Msgs[key] != nil {
				return true
			}
		}
	}
	return false
}

// Keys returns every key of s's catalogues, sorted.
func (s *Set) Keys() []string {
	all := map[string]*Message{}
	for _, m := range []map[string]*File{s.builtin, s.layouts} {
		for _, f := range m {
			for k, msg := range f.Msgs {
				all[k] = msg
			}
		}
	}
	return Keys(all)
}

// Lookup returns a message of the base language, built in or overridden,
// for the template check (which needs to know whether it has plural
// forms), or nil.
func (s *Set) Lookup(key string) *Message {
	for _, f := range []*File{s.layouts[BaseLanguage], s.builtin[BaseLanguage]} {
		if f != nil && f.Msgs[key] != nil {
			return f.Msgs[key]
		}
	}
	for _, tag := range slices.Sorted(maps.Keys(s.layouts)) {
		if m := s.layouts[tag].Msgs[key]; m != nil {
			return m
		}
	}
	return nil
}

// Languages returns the languages s has a catalogue for, sorted.
func (s *Set) Languages() []string {
	seen := map[string]bool{}
	for _, m := range []map[string]*File{s.builtin, s.layouts} {
		for tag := range m {
			if !strings.Contains(tag, "-") {
				seen[tag] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// ErrNoCatalogue says a site language has no catalogue.
var ErrNoCatalogue = errors.New("no message catalogue for the language")

// Locale returns the merged catalogue of site language lang: the built-in
// file of its language, the layouts file of it, then the same for the
// language and region (de-AT: de.yaml, layouts/i18n/de.yaml,
// de-AT.yaml, layouts/i18n/de-AT.yaml). A language without a catalogue is
// ErrNoCatalogue.
func (s *Set) Locale(lang string) (*Locale, error) {
	tag, err := Tag(lang)
	if err != nil {
		return nil, err
	}
	b, _ := tag.Base()
	base := b.String()
	if s.builtin[base] == nil && s.layouts[base] == nil {
		return nil, ErrNoCatalogue
	}
	l := &Locale{Tag: tag, Lang: lang, msgs: map[string]*Message{}}
	names := []string{base}
	if r, conf := tag.Region(); conf == language.Exact {
		names = append(names, base+"-"+r.String())
	}
	for _, name := range names {
		for _, f := range []*File{s.builtin[name], s.layouts[name]} {
			if f == nil {
				continue
			}
			for k, m := range f.Msgs {
				l.msgs[k] = m
			}
		}
	}
	l.init()
	return l, nil
}

// Missing returns the keys of keys that l has no message for, sorted.
func (l *Locale) Missing(keys []string) []string {
	var out []string
	for _, k := range keys {
		if l.msgs[k] == nil {
			out = append(out, k)
		}
	}
	return out
}
