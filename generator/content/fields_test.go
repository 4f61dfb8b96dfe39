package content

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// exampleValue returns f's example as YAML flow text; mappings are built
// from their sub-fields, so every key of every level is set.
func exampleValue(f Field) string {
	switch f.Kind {
	case KindMapping, KindConfidentialOrMapping:
		return exampleMapping(f.Fields)
	case KindMappingList:
		return "[" + exampleMapping(f.Fields) + "]"
	}
	return f.Example
}

func exampleMapping(fields []Field) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = f.Name + ": " + exampleValue(f)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// exampleDocument returns block YAML that sets every key of fields, at
// every level, to its example.
func exampleDocument(fields []Field) string {
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(f.Name + ": " + exampleValue(f) + "\n")
	}
	return b.String()
}

// tableLevels returns every mapping level of fields by the path the
// decoder records for it ("", "salary.", "categories[].").
func tableLevels(prefix string, fields []Field, into map[string][]string) {
	into[prefix] = fieldNames(fields)
	for _, f := range fields {
		switch f.Kind {
		case KindMapping, KindConfidentialOrMapping:
			tableLevels(prefix+f.Name+".", f.Fields, into)
		case KindMappingList:
			tableLevels(prefix+f.Name+"[].", f.Fields, into)
		}
	}
}

// TestFieldTableMatchesDecoder parses documents that set every key of the
// tables and checks, at every mapping level, that the decoder has a read
// function for exactly the keys of the table: a key added to one and not
// the other fails here.
func TestFieldTableMatchesDecoder(t *testing.T) {
	tests := []struct {
		name   string
		fields []Field
		parse  func(src string, levels map[string]fieldLevel) []string
	}{
		{"role", roleFields, func(src string, levels map[string]fieldLevel) []string {
			_, _, errs := parseRole("roles/x.md", "x", roleDoc(src), defaultLimits, levels)
			return messages(errs)
		}},
		{"site", siteFields, func(src string, levels map[string]fieldLevel) []string {
			_, errs := parseSite("site.yaml", []byte(src), levels)
			return messages(errs)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			levels := map[string]fieldLevel{}
			if msgs := tt.parse(exampleDocument(tt.fields), levels); len(msgs) > 0 {
				t.Fatalf("the table's examples are not accepted:\n%s", strings.Join(msgs, "\n"))
			}
			want := map[string][]string{}
			tableLevels("", tt.fields, want)
			for level, names := range want {
				got, ok := levels[level]
				if !ok {
					t.Errorf("level %q of the table is never read by the decoder", level)
					continue
				}
				if !slices.Equal(sorted(got.read), sorted(names)) {
					t.Errorf("level %q: decoder reads %v, table lists %v", level, got.read, names)
				}
				if !slices.Equal(got.table, names) {
					t.Errorf("level %q: decoder checks keys %v, table lists %v", level, got.table, names)
				}
			}
			for level := range levels {
				if _, ok := want[level]; !ok {
					t.Errorf("decoder reads level %q, which the table does not describe", level)
				}
			}
		})
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestFieldTableValues checks each table entry on its own: patterns
// compile, examples satisfy them, and every key has both descriptions.
func TestFieldTableValues(t *testing.T) {
	var walk func(prefix string, fields []Field)
	walk = func(prefix string, fields []Field) {
		for _, f := range fields {
			key := prefix + f.Name
			if f.Description == "" || f.DescriptionDE == "" {
				t.Errorf("%s: needs a description in English and German", key)
			}
			if f.Pattern != "" {
				re, err := regexp.Compile(f.Pattern)
				if err != nil {
					t.Errorf("%s: pattern: %v", key, err)
				} else if f.Kind != KindTextList && !re.MatchString(strings.Trim(f.Example, `"`)) {
					t.Errorf("%s: example %s does not match %s", key, f.Example, f.Pattern)
				}
			}
			if f.Kind == KindText && len(f.Values) > 0 && !slices.Contains(f.Values, strings.Trim(f.Example, `"`)) {
				t.Errorf("%s: example %s is not one of the values", key, f.Example)
			}
			walk(key+".", f.Fields)
		}
	}
	walk("", roleFields)
	walk("site:", siteFields)
	if re := regexp.MustCompile(datePattern); !re.MatchString("1970-01-01") || !re.MatchString("2200-12-31") ||
		re.MatchString("1969-12-31") || re.MatchString("2201-01-01") || re.MatchString("0001-01-01") {
		t.Errorf("datePattern %s does not bound dates to %v..%v", datePattern, earliestDate, latestDate)
	}
}
