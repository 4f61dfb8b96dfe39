package content

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"rolesite/generator/diag"
)

// The seed corpora under testdata/fuzz/ hold the sample site's files and
// the bad inputs of validate_test.go.

func FuzzParseRole(f *testing.F) {
	// Unicode: escapes of control characters, noncharacters and bidi
	// controls, names without a letter, NFD, ß and final sigma.
	for _, fm := range []string{
		`title: "Eink\u0001ufer"`, `title: "a\x85b"`, `title: "\u007f"`, "title: \"T\\uFFFE\"",
		`title: "\U0010FFFF"`, `title: "\uFDD0"`, "title: \"\u202eT\"", `title: "\u2066T\u2069"`,
		`title: "."`, "title: \"\u200b\"", "title: \"\u00ad\"", "title: \"\U0001F600\"",
		"title: Einka\u0308ufer", "title: STRASSENBAUER", "title: ΣΟΦΟΣ σοφος", "title: Key\u2011Account\u2011Manager",
		"title: \"\\tTab\\tT\"",
	} {
		f.Add([]byte("---\n" + fm + "\ncategory: tech\ndescription: \"D\\vE\"\nsynonyms: [\"\\u0000\", \"-\"]\n---\nBody\n"))
		f.Add([]byte("---\n" + fm + "\ncategory: tech\ndescription: D\n---\nBody\n"))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		const path = "roles/fuzz.md"
		r, errs := ParseRole(path, "fuzz", src, Limits{})
		checkPositions(t, path, src, errs)
		if errs.HasErrors() {
			return
		}
		if r == nil {
			t.Fatal("no errors but no role")
		}
		checkTexts(t, r)
		for _, n := range r.Names() {
			if !hasLetterOrDigit(n) {
				t.Errorf("name %q without a letter or digit passed", n)
			}
		}
		var keys diag.List
		for k, p := range r.Pos {
			keys.Add(p, diag.MissingKey, k)
		}
		for _, p := range r.NamePos {
			keys.Add(p, diag.MissingKey, "name")
		}
		checkPositions(t, path, src, keys)
		if r.Title == "" || r.Category == "" || r.Description == "" {
			t.Errorf("no errors but title %q, category %q, description %q", r.Title, r.Category, r.Description)
		}
		if n := utf8.RuneCountInString(r.Description); n > maxDescription {
			t.Errorf("description of %d characters passed", n)
		}
		for _, d := range []time.Time{r.DatePosted, r.ValidThrough, r.LastMod} {
			if d.IsZero() {
				continue
			}
			if back, err := time.Parse(time.DateOnly, d.Format(time.DateOnly)); err != nil || !back.Equal(d) {
				t.Errorf("date %v is not a calendar day", d)
			}
			if d.Before(earliestDate) || d.After(latestDate) {
				t.Errorf("date %v outside %v to %v passed", d, earliestDate, latestDate)
			}
		}
		if !r.ValidThrough.IsZero() && (r.DatePosted.IsZero() || !r.ValidThrough.After(r.DatePosted)) {
			t.Errorf("valid_through %v passed with date_posted %v", r.ValidThrough, r.DatePosted)
		}
		if s := r.Salary; s != nil {
			if !(s.Min > 0 && s.Min <= s.Max) || math.IsInf(s.Max, 0) {
				t.Errorf("salary %+v passed", *s)
			}
			if band, ok := salaryBands[s.Unit]; !ok || s.Max*band.perYear > maxYearlySalary {
				t.Errorf("salary %+v over the limit passed", *s)
			}
			for _, f := range []float64{s.Min, s.Max} {
				if cents := f * 100; math.Abs(cents-math.Round(cents)) > 1e-6*math.Max(1, cents) {
					t.Errorf("salary figure %v with more than 2 decimals passed", f)
				}
			}
		}
		if r.Remote && len(r.ApplicantCountries) == 0 {
			t.Error("remote role without applicant countries passed")
		}
		if r.BodyOffset < 0 || r.BodyOffset > len(src) || !bytes.Equal(src[r.BodyOffset:], r.Body) {
			t.Errorf("body %q is not the source from offset %d", r.Body, r.BodyOffset)
		}
	})
}

func FuzzParseSite(f *testing.F) {
	f.Fuzz(func(t *testing.T, src []byte) {
		const path = "content/site.yaml"
		s, errs := ParseSite(path, src)
		checkPositions(t, path, src, errs)
		if errs.HasErrors() {
			return
		}
		if s == nil {
			t.Fatal("no errors but no site")
		}
		if s.Title == "" || s.Language == "" || !languagePattern.MatchString(s.Language) {
			t.Errorf("no errors but title %q, language %q", s.Title, s.Language)
		}
		if msg := CheckBaseURL(s.BaseURL); !msg.IsZero() || !strings.HasSuffix(s.BaseURL, "/") {
			t.Errorf("base_url %q passed: %s", s.BaseURL, msg)
		}
		if len(s.Categories) == 0 {
			t.Error("no errors but no categories")
		}
		checkTexts(t, s)
		keys := map[string]bool{}
		var at diag.List
		for _, c := range s.Categories {
			at.Add(c.Pos, diag.MissingKey, c.Key)
			if !keyPattern.MatchString(c.Key) || reserved[c.Key] || keys[c.Key] || c.Title == "" {
				t.Errorf("category %+v passed", *c)
			}
			keys[c.Key] = true
		}
		checkPositions(t, path, src, at)
	})
}

// checkTexts fails when a text of v, a parsed role or site, holds a
// character that may not reach a page: a control character other than tab
// and newline, a noncharacter or a bidirectional control.
func checkTexts(t *testing.T, v any) {
	t.Helper()
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			for _, r := range v.String() {
				if r < 0x20 && r != '\t' && r != '\n' || 0x7f <= r && r <= 0x9f ||
					0xfdd0 <= r && r <= 0xfdef || r&0xfffe == 0xfffe ||
					0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069 {
					t.Errorf("%s %q holds U+%04X", path, v.String(), r)
				}
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Slice:
			if v.Type().Elem().Kind() == reflect.Uint8 {
				return // the file and its body, not front matter
			}
			for i := range v.Len() {
				walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(path+"."+v.Type().Field(i).Name, v.Field(i))
				}
			}
		}
	}
	walk("", reflect.ValueOf(v))
}

// checkPositions fails unless every diagnostic names path and a line and
// column inside src (or just after its end), counting columns in
// characters and not counting a leading BOM.
func checkPositions(t *testing.T, path string, src []byte, errs diag.List) {
	t.Helper()
	lines := strings.Split(string(bytes.TrimPrefix(src, utf8BOM)), "\n")
	for _, d := range errs {
		if d.Pos.Path != path {
			t.Errorf("%v: path is not %s", d, path)
		}
		if d.Message == "" {
			t.Errorf("%v: empty message", d)
		}
		line, col := d.Pos.Line, d.Pos.Column
		if line < 1 || line > len(lines)+1 {
			t.Errorf("%v: line %d outside 1 to %d", d, line, len(lines)+1)
			continue
		}
		width := 0
		if line <= len(lines) {
			width = utf8.RuneCountInString(lines[line-1])
		}
		if col < 1 || col > width+1 {
			t.Errorf("%v: column %d outside 1 to %d", d, col, width+1)
		}
	}
}
