// Package i18n holds the message catalogues of the built-in templates:
// one YAML file per language (de.yaml, en.yaml, built in), a file per
// language and region for what a region writes differently (en-US.yaml),
// and what a site's layouts/i18n folder adds or overrides. A Locale is the
// catalogue of one site language, merged; it writes messages with their
// arguments and plural forms, and numbers, amounts of money and dates as
// the language writes them.
//
// A catalogue is a YAML mapping of message keys to texts. A text is a
// string, in which {0}, {1} … stand for the call's arguments and {{ for a
// brace; or a mapping of plural forms (zero, one, two, few, many, other),
// chosen by the first argument, a count, by the language's CLDR plural
// rules (golang.org/x/text/feature/plural), zero being exactly 0.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"rolesite/generator/diag"
)

//go:embed *.yaml
var builtin embed.FS

// BaseLanguage is the built-in language whose keys every other language
// must have.
const BaseLanguage = "de"

// Builtin returns the built-in catalogue files by name (de.yaml), for
// build -eject.
func Builtin() (map[string][]byte, error) {
	entries, err := fs.ReadDir(builtin, ".")
	if err != nil {
		return nil, fmt.Errorf("built-in catalogues: %w", err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		b, err := fs.ReadFile(builtin, e.Name())
		if err != nil {
			return nil, fmt.Errorf("built-in catalogues: %w", err)
		}
		out[e.Name()] = b
	}
	return out, nil
}

// Message is one text of a catalogue.
type Message struct {
	Key string
	Pos diag.Position // where the catalogue sets it
	// forms holds the text, in forms[plural.Other], or the text of each
	// plural form; zero, when set, is the text for exactly 0.
	forms  [6]*text
	zero   *text
	plural bool
}

// Plural reports whether m has plural forms (its first argument is a
// count).
func (m *Message) Plural() bool { return m.plural }

// text is a parsed text: literal parts and argument numbers in turn.
type text struct {
	parts []part
	args  int // 1 + the highest argument number used
}

// part is a literal (arg < 0) or an argument.
type part struct {
	lit string
	arg int
}

// File is one parsed catalogue file.
type File struct {
	Name string // the language tag its name gives: "de", "en-US"
	Path string // where it was read, for messages
	Msgs map[string]*Message
}

// formNames are the plural forms a catalogue may give, by YAML key.
var formNames = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other,
}

// Parse reads a catalogue file's bytes; path is where they come from, for
// positions. A problem is an error at its line and column; the messages
// that parse are kept.
func Parse(path string, data []byte) (*File, diag.List) {
	var errs diag.List
	f := &File{Path: path, Msgs: map[string]*Message{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		errs.Add(diag.Position{Path: path, Line: 1, Column: 1}, diag.CatalogueNotYAML, strings.TrimPrefix(err.Error(), "yaml: "))
		return f, errs
	}
	if len(doc.Content) == 0 {
		return f, errs // an empty file sets nothing
	}
	root := doc.Content[0]
	at := func(n *yaml.Node) diag.Position { return diag.Position{Path: path, Line: n.Line, Column: n.Column} }
	if root.Kind != yaml.MappingNode {
		errs.Add(at(root), diag.CatalogueNotMapping)
		return f, errs
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := k.Value
		if k.Kind != yaml.ScalarNode || !validKey(key) {
			errs.Add(at(k), diag.CatalogueBadKey, key)
			continue
		}
		if prev, ok := f.Msgs[key]; ok {
			errs.Add(at(k), diag.CatalogueKeyTwice, key, prev.Pos.Line)
			continue
		}
		m := &Message{Key: key, Pos: at(k)}
		switch v.Kind {
		case yaml.ScalarNode:
			t, err := parseText(v.Value)
			if err != nil {
				errs.Add(at(v), diag.CatalogueBadText, key, err.Error())
				continue
			}
			m.forms[plural.Other] = t
		case yaml.MappingNode:
			m.plural = true
			ok := true
			for j := 0; j+1 < len(v.Content); j += 2 {
				fk, fv := v.Content[j], v.Content[j+1]
				form, known := formNames[fk.Value]
				if !known || fv.Kind != yaml.ScalarNode {
					errs.Add(at(fk), diag.CatalogueBadForm, key, fk.Value)
					ok = false
					continue
				}
				t, err := parseText(fv.Value)
				if err != nil {
					errs.Add(at(fv), diag.CatalogueBadText, key, err.Error())
					ok = false
					continue
				}
				if fk.Value == "zero" {
					m.zero = t
				} else {
					m.forms[form] = t
				}
			}
			if m.forms[plural.Other] == nil {
				if ok {
					errs.Add(at(k), diag.CatalogueNoOther, key)
				}
				continue
			}
			if !ok {
				continue
			}
		default:
			errs.Add(at(v), diag.CatalogueBadValue, key)
			continue
		}
		f.Msgs[key] = m
	}
	return f, errs
}

// validKey reports whether key is a message key: letters, digits and _,
// starting with a letter.
func validKey(key string) bool {
	for i, c := range key {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '_'):
		default:
			return false
		}
	}
	return key != ""
}

// parseText splits s into literals and {n} arguments; {{ is a brace, and
// so is } alone.
func parseText(s string) (*text, error) {
	t := &text{}
	var lit strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '{' {
			lit.WriteByte(c)
			continue
		}
		if i+1 < len(s) && s[i+1] == '{' {
			lit.WriteByte('{')
			i++
			continue
		}
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return nil, fmt.Errorf("%q at byte %d opens no placeholder such as {0}; write {{ for a brace", "{", i+1)
		}
		n, err := strconv.Atoi(s[i+1 : i+end])
		if err != nil || n < 0 || n > 9 || s[i+1] == '+' || s[i+1] == '-' {
			return nil, fmt.Errorf("%q is no placeholder: write {0} to {9} for the arguments, {{ for a brace", s[i:i+end+1])
		}
		if lit.Len() > 0 {
			t.parts = append(t.parts, part{lit: lit.String(), arg: -1})
			lit.Reset()
		}
		t.parts = append(t.parts, part{arg: n})
		t.args = max(t.args, n+1)
		i += end
	}
	if lit.Len() > 0 || len(t.parts) == 0 {
		t.parts = append(t.parts, part{lit: lit.String(), arg: -1})
	}
	return t, nil
}

// Tag parses a catalogue file name (without .yaml) or a site language as
// a BCP 47 tag, canonical: "de", "en-US".
func Tag(s string) (language.Tag, error) {
	t, err := language.Parse(s)
	if err != nil {
		return language.Und, fmt.Errorf("%q is no language tag: %w", s, err)
	}
	return t, nil
}

// Keys returns the sorted keys of msgs.
func Keys(msgs map[string]*Message) []string {
	out := make([]string, 0, len(msgs))
	for k := range msgs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
