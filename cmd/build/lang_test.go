package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// brokenSite is a copy of the fixture whose site.yaml language is lang and
// whose key-account-manager.md has a misspelt key and category.
func brokenSite(t *testing.T, lang string) (s site, bad string) {
	t.Helper()
	s = newSite(t)
	sitePath := filepath.Join(s.content, "site.yaml")
	src, err := os.ReadFile(sitePath)
	if err != nil {
		t.Fatal(err)
	}
	src = []byte(strings.Replace(string(src), "language: de\n", "language: "+lang+"\n", 1))
	if err := os.WriteFile(sitePath, src, 0o644); err != nil {
		t.Fatal(err)
	}
	bad = filepath.Join(s.content, "roles", "key-account-manager.md")
	data, err := os.ReadFile(bad)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), "title:", "titel:", 1)
	broken = strings.Replace(broken, "category: sales", "category: salse", 1)
	if err := os.WriteFile(bad, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	return s, bad
}

func TestRunMessagesInSiteLanguage(t *testing.T) {
	german := []string{
		`:2:1: der Pflichtschlüssel "title" fehlt`,
		`:2:1: unbekannter Schlüssel "titel" (meinten Sie "title"?)`,
		`:3:1: die Kategorie "salse" ist in site.yaml nicht definiert (meinten Sie "sales"?)`,
		"Build fehlgeschlagen: 3 Fehler; OUT bleibt unverändert",
	}
	english := []string{
		`:2:1: missing required key "title"`,
		`:2:1: unknown key "titel" (did you mean "title"?)`,
		`:3:1: category "salse" is not defined in site.yaml (did you mean "sales"?)`,
		"build failed: 3 error(s); OUT left unchanged",
	}
	tests := []struct {
		name, siteLang string
		flags          []string
		want           []string
	}{
		{"de", "de", nil, german},
		{"de-AT", "de-AT", nil, german},
		{"de-CH", "de-CH", nil, german},
		{"en", "en", nil, english},
		{"en-GB", "en-GB", nil, english},
		{"-lang en over de", "de", []string{"-lang", "en"}, english},
		{"-lang de over en", "en-GB", []string{"-lang", "de"}, german},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, bad := brokenSite(t, tt.siteLang)
			args := append([]string{"-content", s.content, "-layouts", s.layouts, "-out", s.out}, tt.flags...)
			code, stdout, stderr := runCmd(t, args...)
			if code != 1 {
				t.Fatalf("exit %d, want 1\n%s%s", code, stdout, stderr)
			}
			var want []string
			for i, w := range tt.want {
				if i < len(tt.want)-1 {
					want = append(want, bad+w)
				} else {
					want = append(want, strings.Replace(w, "OUT", s.out, 1))
				}
			}
			if got := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, strings.Join(want, "\n"))
			}
		})
	}
}

func TestRunSummaryInGerman(t *testing.T) {
	s := newSite(t)
	code, stdout, stderr := runCmd(t, "-content", s.content, "-layouts", s.layouts, "-out", s.out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 2 || lines[0] != "nächste Änderung: 2027-02-01T00:00:00Z (backend-entwickler schließt)" ||
		!strings.HasPrefix(lines[1], "10 Seiten (21 Dateien) nach "+s.out+" erzeugt: 21 geschrieben, 0 unverändert, 0 entfernt; 5 Links, 1 Warnungen in ") {
		t.Errorf("stdout:\n%s", stdout)
	}
	if !strings.Contains(stderr, ": Warnung: ") {
		t.Errorf("the warning is not in German:\n%s", stderr)
	}
}

func TestRunFormatJSON(t *testing.T) {
	s, bad := brokenSite(t, "de")
	code, stdout, stderr := runCmd(t, s.args("-format", "json")...)
	if code != 1 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	want := []jsonDiagnostic{
		{File: bad, Line: 2, Col: 1, Severity: "error", Code: "missing-key", Message: `missing required key "title"`},
		{File: bad, Line: 2, Col: 1, Severity: "error", Code: "unknown-key", Message: `unknown key "titel" (did you mean "title"?)`},
		{File: bad, Line: 3, Col: 1, Severity: "error", Code: "unknown-category", Message: `category "salse" is not defined in site.yaml (did you mean "sales"?)`},
	}
	if len(lines) != len(want)+1 {
		t.Fatalf("stderr has %d lines, want %d:\n%s", len(lines), len(want)+1, stderr)
	}
	for i, w := range want {
		var got jsonDiagnostic
		dec := json.NewDecoder(strings.NewReader(lines[i]))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("line %d %q: %v", i+1, lines[i], err)
		}
		if got != w {
			t.Errorf("line %d = %+v, want %+v", i+1, got, w)
		}
	}
	if lines[3] != "build failed: 3 error(s); "+s.out+" left unchanged" {
		t.Errorf("last line %q", lines[3])
	}
}

func TestRunFormatGitHub(t *testing.T) {
	s := newSite(t)
	dir := filepath.Join(s.content, "roles", "a,b:c")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "rabatt.md")
	role := "---\ntitle: Rabatt\ncategory: sales\ndescription: Rabatt-Rolle\n100%: ja\n---\nText\n"
	if err := os.WriteFile(bad, []byte(role), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, "-content", s.content, "-layouts", s.layouts, "-out", s.out, "-format", "github")
	if code != 1 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	file := strings.NewReplacer(":", "%3A", ",", "%2C").Replace(bad)
	want := "::error file=" + file + ",line=5,col=1,title=unknown-key::unbekannter Schlüssel \"100%25\"\n" +
		"Build fehlgeschlagen: 1 Fehler; " + s.out + " bleibt unverändert\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got := githubData("50% off\r\nnext"); got != "50%25 off%0D%0Anext" {
		t.Errorf("githubData = %q", got)
	}
	if got := githubProperty("a:b,c%\n"); got != "a%3Ab%2Cc%25%0A" {
		t.Errorf("githubProperty = %q", got)
	}
}

func TestRunBadLangAndFormat(t *testing.T) {
	tests := []struct {
		flags []string
		want  string
	}{
		{[]string{"-lang", "fr"}, `build: -lang: "fr" is not a message language: use de or en` + "\n"},
		{[]string{"-lang", "de-AT"}, `build: -lang: "de-AT" is not a message language: use de or en` + "\n"},
		{[]string{"-format", "xml"}, `build: -format: "xml" is not an output format: use text, json or github` + "\n"},
	}
	for _, tt := range tests {
		code, _, stderr := runCmd(t, tt.flags...)
		if code != 2 || stderr != tt.want {
			t.Errorf("%v: exit %d, stderr %q; want 2, %q", tt.flags, code, stderr, tt.want)
		}
	}
}
