package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"rolesite/generator/diag"
)

// TestRunUsageErrorsInBothLanguages runs the command with mistakes in its
// command line and checks the exact message in each language: -lang when
// given, else the language of the site in -content (German in the fixture),
// else English.
func TestRunUsageErrorsInBothLanguages(t *testing.T) {
	cases := []struct {
		name    string
		flags   []string
		english string
		german  string
	}{
		{"unknown flag", []string{"-bogus"},
			"flag provided but not defined: -bogus (build -h lists the flags)",
			"unbekannte Option -bogus (build -h listet die Optionen auf)"},
		{"missing value", []string{"-out"},
			"flag needs an argument: -out",
			"die Option -out braucht einen Wert"},
		{"bad bool", []string{"-drafts=maybe"},
			`invalid value "maybe" for flag -drafts`,
			`ungültiger Wert "maybe" für die Option -drafts`},
		{"unexpected argument", []string{"extra"},
			`unexpected argument "extra" (flags start with -)`,
			`unerwartetes Argument "extra" (Optionen beginnen mit -)`},
		{"check with watch", []string{"-check", "-watch"},
			"-check cannot be combined with -watch or -serve",
			"-check lässt sich nicht mit -watch oder -serve verbinden"},
		{"base url", []string{"-base-url", "ftp://x"},
			`-base-url: "ftp://x" must be an absolute http or https URL such as https://karriere.example.de/`,
			`-base-url: "ftp://x" muss eine absolute http- oder https-URL sein, etwa https://karriere.example.de/`},
		{"format", []string{"-format", "xml"},
			`-format: "xml" is not an output format: use text, json or github`,
			`-format: "xml" ist kein Ausgabeformat: bitte text, json oder github verwenden`},
		{"lang", []string{"-lang", "fr"},
			`-lang: "fr" is not a message language: use de or en`,
			`-lang: "fr" ist keine Sprache für Meldungen: bitte de oder en verwenden`},
		{"-new with -out", []string{"-new", "sales/x", "-out", "x"},
			"-new writes a role file and builds nothing: it takes -content and -lang only, not -out",
			"-new schreibt eine Rollendatei und erzeugt nichts: es nimmt nur -content und -lang, nicht -out"},
		{"-init with -out", []string{"-init", "x", "-out", "y"},
			"-init writes a new site into its folder and builds nothing: it takes -lang only, not -content, -out",
			"-init schreibt eine neue Website in seinen Ordner und erzeugt nichts: es nimmt nur -lang, nicht -content, -out"},
	}
	for _, tt := range cases {
		s := newSite(t) // German
		missing := filepath.Join(t.TempDir(), "none")
		for _, run := range []struct {
			how   string
			flags []string
			want  string
		}{
			{"site language", append([]string{"-content", s.content}, tt.flags...), tt.german},
			{"-lang en", append([]string{"-lang", "en", "-content", s.content}, tt.flags...), tt.english},
			{"-lang de, no site", append([]string{"-lang", "de", "-content", missing}, tt.flags...), tt.german},
			{"no site", append([]string{"-content", missing}, tt.flags...), tt.english},
		} {
			if tt.name == "lang" && run.how != "site language" && run.how != "no site" {
				continue // a -lang of its own decides nothing here
			}
			t.Run(tt.name+"/"+run.how, func(t *testing.T) {
				code, stdout, stderr := runCmd(t, run.flags...)
				if want := "build: " + run.want + "\n"; code != 2 || stderr != want || stdout != "" {
					t.Errorf("exit %d, stdout %q, stderr %q; want 2, %q", code, stdout, stderr, want)
				}
			})
		}
	}
}

func TestRunBadSourceDateEpoch(t *testing.T) {
	s := newSite(t)
	for _, tt := range []struct{ lang, want string }{
		{"de", `build: SOURCE_DATE_EPOCH="soon" ist keine Anzahl von Sekunden` + "\n"},
		{"en", `build: SOURCE_DATE_EPOCH="soon" is not a number of seconds` + "\n"},
	} {
		t.Setenv("SOURCE_DATE_EPOCH", "soon")
		code, _, stderr := runCmd(t, "-content", s.content, "-lang", tt.lang)
		if code != 2 || stderr != tt.want {
			t.Errorf("-lang %s: exit %d, stderr %q; want 2, %q", tt.lang, code, stderr, tt.want)
		}
	}
}

// TestUsageLang: the language of a command-line mistake comes from the
// last -lang, else the -content site's language, reading each flag's value
// as the flag package does (a value flag takes the next argument, a boolean
// one does not), so a -lang after other flags counts.
func TestUsageLang(t *testing.T) {
	s := newSite(t) // German
	tests := []struct {
		args []string
		want diag.Lang
	}{
		{[]string{"-content", s.content, "-bogus"}, diag.German},
		{[]string{"-content", s.content, "-out", "x", "-lang", "en", "-bogus"}, diag.English},
		{[]string{"-content", s.content, "-drafts", "-lang", "en", "-bogus"}, diag.English},
		{[]string{"-content", s.content, "-serve", "-lang=en", "-bogus"}, diag.English},
		{[]string{"-content", s.content, "-out", "-lang", "en"}, diag.German}, // -lang is -out's value
		{[]string{"-lang", "en", "-content", s.content, "-lang", "de", "-x"}, diag.German},
		{[]string{"-content", s.content, "extra", "-lang", "en"}, diag.German}, // flags end at "extra"
		{[]string{"-out", "x", "-bogus"}, diag.English},                        // no site in ./content
	}
	for _, tt := range tests {
		if got := usageLang(tt.args); got != tt.want {
			t.Errorf("usageLang(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

// TestREADMEFlags: the README's synopsis and flag table name every flag of
// the command, and the command's doc comment every flag too.
func TestREADMEFlags(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section, _, _ := strings.Cut(string(readme[strings.Index(string(readme), "\n## Flags\n"):]), "\nExit status:")
	synopsis, table, ok := strings.Cut(section, "| flag | default | what it does |")
	if !ok {
		t.Fatal("README.md's Flags section has no flag table")
	}
	source, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	doc, _, _ := strings.Cut(string(source), "package main")
	fs, _, _ := defineFlags(&options{})
	fs.VisitAll(func(f *flag.Flag) {
		name := "-" + f.Name
		flagAt := regexp.MustCompile(`(^|[\s\[|])` + regexp.QuoteMeta(name) + `([\s\]=]|$)`)
		if !flagAt.MatchString(synopsis) {
			t.Errorf("README.md's synopsis lacks %s", name)
		}
		if !regexp.MustCompile("\n\\| `" + regexp.QuoteMeta(name) + "[ `]").MatchString(table) {
			t.Errorf("README.md's flag table has no row for %s", name)
		}
		if !flagAt.MatchString(doc) {
			t.Errorf("main.go's doc comment lacks %s", name)
		}
	})
}
