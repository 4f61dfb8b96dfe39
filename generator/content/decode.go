package content

import (
	"math"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"rolesite/generator/diag"
)

// decoder reads typed values out of a yaml.Node tree and records an error
// at the node's position for every value of the wrong type or out of range.
type decoder struct {
	path   string
	errs   *diag.List
	pos    map[string]diag.Position
	limits Limits
	// bad holds the keys whose value had an error (a parent key too when
	// one of its keys had one), so that checks across keys can stay
	// silent about a key that already has its message.
	bad map[string]bool
	// levels, when not nil, records per mapping level the keys of its
	// table and the keys it has read functions for (see mapping).
	levels map[string]fieldLevel
}

// fieldLevel is what mapping saw at one level: the table's keys and the
// keys with read functions, both in order.
type fieldLevel struct {
	table, read []string
}

func (d *decoder) at(n *yaml.Node) diag.Position {
	return diag.Position{Path: d.path, Line: n.Line, Column: n.Column}
}

// add records an error at n's position: msg, a catalogue entry, with args.
func (d *decoder) add(n *yaml.Node, msg diag.Message, args ...any) {
	d.errs.Add(d.at(n), msg, args...)
}

// field is one key of a mapping and the function that reads its value.
type field struct {
	name string
	read func(key string, v *yaml.Node)
}

// mapping walks a mapping node: every key must be one of spec, the
// table of the level (else an "unknown key" error with a hint), none
// twice, and is read by the function of its name in fields. prefix names
// the parent key for positions ("salary.").
func (d *decoder) mapping(n *yaml.Node, prefix string, spec []Field, fields []field) {
	if d.levels != nil {
		d.recordLevel(prefix, spec, fields)
	}
	if n.Kind != yaml.MappingNode {
		d.add(n, diag.WantMapping, strings.TrimSuffix(prefix, "."), describe(n))
		return
	}
	names := fieldNames(spec)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if seen[key] {
			d.add(k, diag.KeySetTwice, prefix+key)
			continue
		}
		seen[key] = true
		var f *field
		for j := range fields {
			if fields[j].name == key && lookupField(spec, key) != nil {
				f = &fields[j]
				break
			}
		}
		if f == nil {
			d.add(k, diag.UnknownKey, prefix+key, prefixedHint(prefix, key, names))
			continue
		}
		d.pos[prefix+key] = d.at(k)
		before := len(*d.errs)
		f.read(prefix+key, v)
		if d.errs.Since(before).HasErrors() {
			if d.bad == nil {
				d.bad = map[string]bool{}
			}
			d.bad[prefix+key] = true
		}
	}
}

// recordLevel notes the keys of spec and of fields under prefix, with
// list indexes dropped ("categories[].").
func (d *decoder) recordLevel(prefix string, spec []Field, fields []field) {
	level := listIndex.ReplaceAllString(prefix, "[]")
	read := make([]string, len(fields))
	for i, f := range fields {
		read[i] = f.name
	}
	d.levels[level] = fieldLevel{table: fieldNames(spec), read: read}
}

// listIndex matches the index of a list item in a key path.
var listIndex = regexp.MustCompile(`\[[0-9]+\]`)

// describe names what n holds, for "want ..., got ..." messages: a kind of
// value, or a scalar as written.
func describe(n *yaml.Node) diag.Text {
	switch n.Kind {
	case yaml.MappingNode:
		return diag.T(diag.ValueMapping)
	case yaml.SequenceNode:
		return diag.T(diag.ValueList)
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return diag.T(diag.ValueNothing)
		}
		return diag.T(diag.ValueAsWritten, n.Value)
	}
	return diag.T(diag.ValueUnsupported)
}

// str reads a scalar as text. Numbers are taken as written ("20095").
func (d *decoder) str(key string, n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Tag == "!!bool" {
		d.add(n, diag.WantText, key, describe(n))
		return "", false
	}
	s := n.Value
	if !utf8.ValidString(s) {
		d.add(n, diag.TextNotUTF8, key)
		return "", false
	}
	if strings.ContainsRune(s, 0) {
		d.add(n, diag.TextHasNUL, key)
		return "", false
	}
	if msg := checkText(s); !msg.IsZero() {
		d.add(n, diag.TextBadCharacter, key, msg)
		return "", false
	}
	if d.limits.MaxField > 0 && utf8.RuneCountInString(s) > d.limits.MaxField {
		d.add(n, diag.TooLong, key, utf8.RuneCountInString(s), d.limits.MaxField)
		return "", false
	}
	return strings.TrimSpace(s), true
}

// required reads non-empty text.
func (d *decoder) required(key string, n *yaml.Node) (string, bool) {
	s, ok := d.str(key, n)
	if ok && s == "" {
		d.add(n, diag.EmptyValue, key)
		return "", false
	}
	return s, ok
}

// list reads a sequence of text, or a single scalar as a list of one.
func (d *decoder) list(key string, n *yaml.Node) ([]string, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		s, ok := d.required(key, n)
		if !ok {
			return nil, false
		}
		d.pos[key+".0"] = d.at(n)
		return []string{s}, true
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, true
	}
	if n.Kind != yaml.SequenceNode {
		d.add(n, diag.WantList, key, describe(n))
		return nil, false
	}
	out := make([]string, 0, len(n.Content))
	ok := true
	for i, c := range n.Content {
		s, good := d.required(key+"["+strconv.Itoa(i)+"]", c)
		if !good {
			ok = false
			continue
		}
		// Keyed by the index in out, which skips bad items, so that
		// callers find the position of out[i] under key.i.
		d.pos[key+"."+strconv.Itoa(len(out))] = d.at(c)
		out = append(out, s)
	}
	return out, ok
}

func (d *decoder) boolean(key string, n *yaml.Node) (bool, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		var b bool
		if err := n.Decode(&b); err == nil {
			return b, true
		}
	}
	var quoted diag.Text
	if n.Kind == yaml.ScalarNode && (n.Value == "true" || n.Value == "false") {
		quoted = diag.T(diag.HintUnquote)
	}
	d.add(n, diag.WantBool, key, describe(n), quoted)
	return false, false
}

func (d *decoder) integer(key string, n *yaml.Node) (int, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!int" {
		v, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		if err == nil && v >= math.MinInt32 && v <= math.MaxInt32 {
			return int(v), true
		}
	}
	d.add(n, diag.WantWholeNumber, key, describe(n))
	return 0, false
}

// earliestDate and latestDate bound the dates front matter may give. A
// date outside them is a typing error; 0001-01-01 in particular is Go's
// zero time, which would read as "not set" and keep a position open.
var (
	earliestDate = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	latestDate   = time.Date(2200, 12, 31, 0, 0, 0, 0, time.UTC)
)

// date reads an ISO date, YYYY-MM-DD, that is a real calendar day between
// earliestDate and latestDate.
func (d *decoder) date(key string, n *yaml.Node) (time.Time, bool) {
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!timestamp" || n.Tag == "!!str") {
		v := strings.TrimSpace(n.Value)
		if t, err := time.Parse(time.DateOnly, v); err == nil {
			if t.Before(earliestDate) || t.After(latestDate) {
				d.add(n, diag.ImplausibleDate, key, v, earliestDate.Format(time.DateOnly), latestDate.Format(time.DateOnly), key)
				return time.Time{}, false
			}
			return t, true
		}
		if len(v) == 10 && v[4] == '-' && v[7] == '-' {
			d.add(n, diag.BadDate, key, v)
			return time.Time{}, false
		}
	}
	if iso, ok := germanDate(n); ok {
		d.add(n, diag.GermanDate, key, describe(n), iso)
		return time.Time{}, false
	}
	d.add(n, diag.WantDate, key, describe(n))
	return time.Time{}, false
}

// germanDate reads a scalar written as German dates are, day.month.year
// (01.11.2026, 1.11.2026), and returns it as the ISO date to write instead.
// It reports false for anything else, a day that is not in the calendar
// included, so that the hint never names a date the editor did not mean.
func germanDate(n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		return "", false
	}
	t, err := time.Parse("2.1.2006", strings.TrimSpace(n.Value))
	if err != nil {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// absURL reads an absolute http or https URL.
func (d *decoder) absURL(key string, n *yaml.Node) (string, bool) {
	s, ok := d.required(key, n)
	if !ok {
		return "", false
	}
	if reason := checkAbsURL(s); !reason.IsZero() {
		d.add(n, diag.BadURL, key, reason)
		return "", false
	}
	return s, true
}

// checkAbsURL returns why s is not an absolute http(s) URL, or the zero
// Text.
func checkAbsURL(s string) diag.Text {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return diag.T(diag.NotAbsoluteURL, s)
	}
	return diag.Text{}
}

// enum reads text that must be one of values.
func (d *decoder) enum(key string, n *yaml.Node, values []string) (string, bool) {
	s, ok := d.required(key, n)
	if !ok {
		return "", false
	}
	if !oneOf(values, s) {
		d.add(n, diag.NotOneOf, key, s, strings.Join(values, ", "), hint(s, values))
		return "", false
	}
	return s, true
}

// sortedKeys returns the keys of m in order, for deterministic messages.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// prefixedHint suggests the closest key, named with its parent as the
// message names the unknown one: "salary.min" for "salary.mni".
func prefixedHint(prefix, key string, names []string) diag.Text {
	if h := suggest(key, names); h != "" {
		return diag.T(diag.HintDidYouMean, prefix+h)
	}
	return diag.Text{}
}
