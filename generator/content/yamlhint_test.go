package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"rolesite/generator/diag"
)

// TestYAMLMistakes checks the message of each common mistake an editor
// makes in front matter, in both languages through the catalogue, at the
// position of the mistake in the file.
func TestYAMLMistakes(t *testing.T) {
	const head = "title: Backend-Entwickler\ncategory: tech\n" // lines 2 and 3 of the file
	// fm makes a role file of front matter, which starts on line 2.
	fm := func(yaml string) []byte { return roleDoc(yaml) }
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "---\ntitle: Käse\n---\n" {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	tests := []struct {
		name   string
		src    []byte
		pos    string // line:col
		en, de string
	}{
		{"tab indentation", fm(head + "salary:\n\tmin: 55000\n"), "5:1",
			"line 5 is indented with a tab: use spaces",
			"Zeile 5 ist mit einem Tabulator eingerückt: bitte Leerzeichen verwenden"},
		{"unquoted colon", fm("title: Backend: Entwickler (m/w/d)\ncategory: tech\n"), "2:15",
			`title: a colon followed by a space inside a value starts a new key in YAML: put the value in quotes: title: "Backend: Entwickler (m/w/d)"`,
			`title: ein Doppelpunkt mit Leerzeichen im Wert beginnt in YAML einen neuen Schlüssel: setzen Sie den Wert in Anführungszeichen: title: "Backend: Entwickler (m/w/d)"`},
		{"colon at the end", fm(head + "description: Ihre Aufgaben:\n"), "4:27",
			`description: a colon followed by a space inside a value starts a new key in YAML: put the value in quotes: description: "Ihre Aufgaben:"`,
			`description: ein Doppelpunkt mit Leerzeichen im Wert beginnt in YAML einen neuen Schlüssel: setzen Sie den Wert in Anführungszeichen: description: "Ihre Aufgaben:"`},
		{"no space after the colon", fm("title:Backend-Entwickler\ncategory: tech\n"), "2:6",
			"title: a space is missing after the colon: title: Backend-Entwickler",
			"title: nach dem Doppelpunkt fehlt ein Leerzeichen: title: Backend-Entwickler"},
		{"unclosed quote", fm("title: \"Backend-Entwickler\ncategory: tech\n"), "2:8",
			`title: the quote " is never closed: close it at the end of the value: title: "Backend-Entwickler"`,
			`title: das Anführungszeichen " wird nicht geschlossen: schließen Sie es am Ende des Werts: title: "Backend-Entwickler"`},
		{"text after the closing quote", fm("title: \"Senior\" Backend-Entwickler\ncategory: tech\n"), "2:16",
			`title: text follows the closing quote: put the whole value in quotes: title: '"Senior" Backend-Entwickler'`,
			`title: nach dem schließenden Anführungszeichen folgt noch Text: setzen Sie den ganzen Wert in Anführungszeichen: title: '"Senior" Backend-Entwickler'`},
		{"reserved first character", fm(head + "description: @Home-Office möglich\n"), "4:14",
			`description: a value that starts with @ must be in quotes: description: "@Home-Office möglich"`,
			`description: ein Wert, der mit @ beginnt, muss in Anführungszeichen stehen: description: "@Home-Office möglich"`},
		{"star as first character", fm(head + "description: *Top-Arbeitgeber\n"), "4:14",
			`description: a value that starts with * must be in quotes: description: "*Top-Arbeitgeber"`,
			`description: ein Wert, der mit * beginnt, muss in Anführungszeichen stehen: description: "*Top-Arbeitgeber"`},
		{"dash without space", fm(head + "skills:\n  - Go\n  -PHP\n"), "6:3",
			"a space is missing after the dash of the list item:   - PHP",
			"nach dem Strich des Listeneintrags fehlt ein Leerzeichen:   - PHP"},
		{"unclosed bracket", fm(head + "skills: [Go, PHP\n"), "4:9",
			"skills: the bracket [ is not closed on this line: skills: [Go, PHP]",
			"skills: die Klammer [ wird in dieser Zeile nicht geschlossen: skills: [Go, PHP]"},
		{"wrong indentation", fm(head + "salary:\n  min: 55000\n   max: 85000\n"), "6:4",
			"line 6 is indented differently from the keys above it: keys of one level start in the same column",
			"Zeile 6 ist anders eingerückt als die Schlüssel darüber: Schlüssel einer Ebene beginnen in derselben Spalte"},
		{"key indented under a value", fm(head + "  description: Wir suchen\n"), "4:3",
			"line 4 is indented differently from the keys above it: keys of one level start in the same column",
			"Zeile 4 ist anders eingerückt als die Schlüssel darüber: Schlüssel einer Ebene beginnen in derselben Spalte"},
		{"no colon", fm(head + "description\n"), "4:1",
			"line 4 has no colon: a key and its value are written description: ...",
			"in Zeile 4 fehlt der Doppelpunkt: Schlüssel und Wert werden so geschrieben: description: ..."},
		{"list item without a key", fm(head + "- Go\n"), "4:1",
			"line 4 is a list item, but no key above it opens a list: write the key first (skills:) and indent the items under it",
			"Zeile 4 ist ein Listeneintrag, aber darüber steht kein Schlüssel, der eine Liste beginnt: schreiben Sie zuerst den Schlüssel (skills:) und rücken Sie die Einträge darunter ein"},
		{"UTF-16 file", utf16, "1:1",
			"the file is saved as UTF-16, not UTF-8: open it in your editor and save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)",
			"die Datei ist als UTF-16 gespeichert, nicht als UTF-8: öffnen Sie sie im Editor und speichern Sie sie als UTF-8 (im Editor von Windows: Speichern unter, Codierung: UTF-8)"},
		{"Windows-1252 file", []byte("---\ntitle: K\xe4se f\xfcr M\xfcnchen\ncategory: tech\ndescription: D\n---\n"), "1:1",
			"the file is saved as Windows-1252 (Latin-1), not UTF-8: open it in your editor and save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)",
			"die Datei ist als Windows-1252 (Latin-1) gespeichert, nicht als UTF-8: öffnen Sie sie im Editor und speichern Sie sie als UTF-8 (im Editor von Windows: Speichern unter, Codierung: UTF-8)"},
		{"value cut by a comment", fm(baseFM + "skills: Go #remote\n"), "5:12",
			`warning: skills: "#remote" is read as a YAML comment, so the value is "Go"; quote the value to keep it: skills: "Go #remote"`,
			`Warnung: skills: "#remote" wird als YAML-Kommentar gelesen, der Wert ist also "Go"; setzen Sie den Wert in Anführungszeichen, um ihn zu behalten: skills: "Go #remote"`},
		{"a list where a value belongs", fm("title: [Backend, Entwickler]\ncategory: tech\ndescription: D\n"), "2:8",
			"title: want text, got a list",
			"title: erwartet wird Text, angegeben ist eine Liste"},
		{"German date", fm(baseFM + "date_posted: 01.11.2026\n"), "5:14",
			`date_posted: want a date like 2026-11-01, got "01.11.2026": write 2026-11-01`,
			`date_posted: erwartet wird ein Datum wie 2026-11-01, angegeben ist "01.11.2026": schreiben Sie 2026-11-01`},
		{"thousands separator", fm(baseFM + "salary:\n  min: 62.000\n  max: 85000\n"), "6:8",
			"salary.min: 62.000 looks like a thousands separator: write 62000",
			"salary.min: 62.000 sieht nach einem Tausenderpunkt aus: schreiben Sie 62000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := ParseRole("x.md", "x", tt.src, Limits{})
			if len(errs) != 1 {
				t.Fatalf("got %d diagnostics, want 1: %v", len(errs), errs)
			}
			if want := "x.md:" + tt.pos + ": " + tt.en; errs[0].Text(diag.English) != want {
				t.Errorf("English:\ngot  %s\nwant %s", errs[0].Text(diag.English), want)
			}
			if want := "x.md:" + tt.pos + ": " + tt.de; errs[0].Text(diag.German) != want {
				t.Errorf("German:\ngot  %s\nwant %s", errs[0].Text(diag.German), want)
			}
		})
	}
}

// TestYAMLMistakesNotInSampleRoles guards against false alarms: the
// sample site's valid front matter shows no mistake, so a mistake found
// in a broken file is not a harmless line above the real one.
func TestYAMLMistakesNotInSampleRoles(t *testing.T) {
	files, _ := filepath.Glob("../../content/roles/*.md")
	files = append(files, "../../content/site.yaml")
	if len(files) < 10 {
		t.Fatalf("found %d sample files", len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		block := src
		if strings.HasSuffix(f, ".md") {
			parts := strings.SplitN(string(src), "---\n", 3)
			if len(parts) < 3 {
				t.Fatalf("%s: no front matter", f)
			}
			block = []byte(parts[1])
		}
		if m, ok := findMistake(block); ok {
			t.Errorf("%s: line %d: false alarm %v: %s", f, m.line+1, m.kind, m.message(m.line))
		}
	}
}

func TestTextEncoding(t *testing.T) {
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "---\ntitle: Käse\n" {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	tests := []struct {
		name string
		src  []byte
		want string
	}{
		{"UTF-8", []byte("---\ntitle: Käse\n---\n"), ""},
		{"UTF-16 with BOM", utf16, "UTF-16"},
		{"UTF-16 without BOM", utf16[2:], "UTF-16"},
		{"Latin-1", []byte("---\ntitle: K\xe4se f\xfcr M\xfcnchen\n---\n"), "Windows-1252 (Latin-1)"},
		{"Windows-1252 quotes", []byte("---\ntitle: \x84Gro\xdfartig\x93\n---\n"), "Windows-1252 (Latin-1)"},
		{"UTF-8 with one broken byte", []byte("---\ntitle: Käse \xff\n---\n"), ""},
		{"binary", []byte{0x01, 0x81, 0x8d}, ""},
	}
	for _, tt := range tests {
		if got := textEncoding(tt.src); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func FuzzFindMistake(f *testing.F) {
	f.Add([]byte("title: a: b\n"))
	f.Add([]byte("salary:\n\tmin: 1\n"))
	f.Add([]byte("- key: a\n  title: b\n   x: c\n"))
	f.Add([]byte("description: |\n  a: b\n  - c\ntitle: \"x\n"))
	f.Fuzz(func(t *testing.T, block []byte) {
		m, ok := findMistake(block)
		if !ok {
			return
		}
		lines := strings.Split(string(block), "\n")
		if m.line < 1 || m.line > len(lines) {
			t.Fatalf("line %d outside 1 to %d", m.line, len(lines))
		}
		if n := utf8.RuneCountInString(lines[m.line-1]); m.col < 1 || m.col > n+1 {
			t.Fatalf("col %d outside line %q", m.col, lines[m.line-1])
		}
		if m.message(m.line).In(diag.English) == "" || m.message(m.line).In(diag.German) == "" {
			t.Fatal("empty message")
		}
	})
}

func TestBodyControlCharacters(t *testing.T) {
	const fm = "---\ntitle: T\ncategory: tech\ndescription: D\n---\n"
	tests := []struct {
		name, body, want string
	}{
		{"U+0001", "Grüße\n  Ein\x01kauf\n", "x.md:7:6: control character U+0001 is not allowed in the text: it would make the page invalid HTML; delete it (it is often invisible: retype the words around it)"},
		{"U+0085", "Text \u0085 mehr\n", "x.md:6:6: control character U+0085 is not allowed in the text: it would make the page invalid HTML; delete it (it is often invisible: retype the words around it)"},
		{"U+FFFF", "Text \uffff\n", "x.md:6:6: noncharacter U+FFFF is not allowed in the text: it would make the page invalid HTML; delete it (it is often invisible: retype the words around it)"},
		{"CR line endings and form feed pass", "Zeile\r\nZeile\f\n", ""},
		{"bidi controls pass in prose", "Text \u202e\n", ""},
	}
	for _, tt := range tests {
		_, errs := ParseRole("x.md", "x", []byte(fm+tt.body), Limits{})
		if got := errs.Error(); got != tt.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tt.name, got, tt.want)
		}
	}
}
