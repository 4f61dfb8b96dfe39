package content

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"rolesite/generator/diag"
)

// The seed corpora under testdata/fuzz/ hold the sample site's files and
// the bad inputs of validate_test.go.

func FuzzParseRole(f *testing.F) {
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
		}
		if !r.ValidThrough.IsZero() && (r.DatePosted.IsZero() || !r.ValidThrough.After(r.DatePosted)) {
			t.Errorf("valid_through %v passed with date_posted %v", r.ValidThrough, r.DatePosted)
		}
		if s := r.Salary; s != nil {
			if !(s.Min > 0 && s.Min <= s.Max) || math.IsInf(s.Max, 0) {
				t.Errorf("salary %+v passed", *s)
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
