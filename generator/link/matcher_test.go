package link

import (
	"fmt"
	"strings"
	"testing"

	"rolesite/generator/diag"
)

// found renders matches as "text=role" for compact comparison.
func found(text string, ms []Match) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, fmt.Sprintf("%s=%d", text[m.Start:m.End], m.Role))
	}
	return strings.Join(parts, " | ")
}

func TestFindAll(t *testing.T) {
	names := func(ns ...string) []Name {
		var out []Name
		for i, n := range ns {
			for _, alt := range strings.Split(n, ";") {
				out = append(out, Name{Text: alt, Role: i})
			}
		}
		return out
	}
	tests := []struct {
		name  string
		names []Name
		text  string
		want  string
	}{
		{"empty index", nil, "Backend-Entwickler", ""},
		{"empty text", names("Backend-Entwickler"), "", ""},
		{"whole text", names("Backend-Entwickler"), "Backend-Entwickler", "Backend-Entwickler=0"},
		{"all inflections", names("Entwickler"),
			"Entwickler Entwicklers Entwickleres Entwicklern Entwickleren Entwicklerin Entwicklerinnen Entwicklere",
			"Entwickler=0 | Entwicklers=0 | Entwickleres=0 | Entwicklern=0 | Entwickleren=0 | Entwicklerin=0 | Entwicklerinnen=0"},
		{"inflection in capitals", names("Entwickler"), "ENTWICKLERINNEN", "ENTWICKLERINNEN=0"},
		{"not inside a word", names("Manager"), "Teammanager Managerkreis", ""},
		{"start rules", names("Entwickler"), "-Entwickler xEntwickler 1Entwickler /Entwickler (Entwickler)",
			"Entwickler=0 | Entwickler=0"},
		{"end rules", names("Entwickler"), "Entwickler- Entwickler1 Entwickler. Entwicklerä", "Entwickler=0 | Entwickler=0"},
		{"non-breaking and soft hyphens are hyphens", names("Entwickler"), "Java\u2011Entwickler Java\u00adEntwickler", ""},
		{"digits end a name", names("Level 2"), "Level 2s Level 2, Level 23", "Level 2=0"},
		{"name ending in punctuation", names("Engineer (Demandware)"), "Engineer (Demandware)s", "Engineer (Demandware)=0"},
		{"name starting with punctuation", names(".NET-Entwickler"), "ASP.NET-Entwickler", ".NET-Entwickler=0"},
		{"unicode folding", names("Äußerer Dienst"), "ÄUßERER DIENST äußerer dienst", "ÄUßERER DIENST=0 | äußerer dienst=0"},
		{"ß matches SS and ẞ", names("Straßenbauer"), "STRASSENBAUER, Strassenbauerin, STRAẞENBAUERN",
			"STRASSENBAUER=0 | Strassenbauerin=0 | STRAẞENBAUERN=0"},
		{"SS in the name matches ß", names("STRASSENBAUER"), "Straßenbauer", "Straßenbauer=0"},
		{"ß is not half of SS", names("Stras"), "Straße Strasse", ""},
		{"NFD text, NFC name", names("Einkäufer"), "Einka\u0308ufer, EINKA\u0308UFERIN", "Einka\u0308ufer=0 | EINKA\u0308UFERIN=0"},
		{"NFC text, NFD name", names("Einka\u0308ufer"), "Einkäufer", "Einkäufer=0"},
		{"combining mark ends no mention", names("Einka"), "Einka\u0308 Einka", "Einka=0"},
		{"name ending in a mark takes endings", names("Cafe\u0301"), "Cafés", "Cafés=0"},
		{"marks in canonical order", names("q\u0323\u0307"), "q\u0307\u0323 Q\u0323\u0307", "q\u0307\u0323=0 | Q\u0323\u0307=0"},
		{"final sigma", names("ΣΟΦΟΣ"), "σοφος σοφοσ", "σοφος=0 | σοφοσ=0"},
		{"ypogegrammeni", names("ᾳ"), "αι Α\u0345 ᾼ", "αι=0 | Α\u0345=0 | ᾼ=0"},
		{"hyphen-like characters", names("Key-Account-Manager"),
			"Key\u2011Account\u2011Manager; Key\u2010Account-Manager; Key\u00adAccount\u00adManager",
			"Key\u2011Account\u2011Manager=0 | Key\u2010Account-Manager=0 | Key\u00adAccount\u00adManager=0"},
		{"hyphen-like in the name", names("Key\u2011Account"), "Key-Account", "Key-Account=0"},
		{"ligature folds", names("Officer"), "O\uFB03cer", "O\uFB03cer=0"},
		{"supplementary plane", names("\U00010400x"), "\U00010428X", "\U00010428X=0"},
		{"kelvin sign and long s fold", names("Kiosk"), "\u212Aio\u017Fk", "\u212Aio\u017Fk=0"},
		{"white space runs", names("Key  Account\tManager"), "Key\n\t Account   Manager", "Key\n\t Account   Manager=0"},
		{"space needs space", names("Key Account"), "KeyAccount Key-Account", ""},
		{"leftmost then longest", names("Account Manager", "Key Account Manager"),
			"Key Account Manager, Account Manager", "Key Account Manager=1 | Account Manager=0"},
		{"leftmost beats longest", names("Account Manager", "Manager Team Lead"),
			"Account Manager Team Lead", "Account Manager=0"},
		{"longer candidate with later end", names("Key Account", "Key Account Manager Nord", "Manager"),
			"Key Account Manager Nord", "Key Account Manager Nord=1"},
		{"fallback to shorter when longer fails the end rule", names("Key Account", "Key Account Manager"),
			"Key Account Managerkreis", "Key Account=0"},
		{"exact name beats inflected shorter name", names("Entwickler", "Entwicklerin"), "Entwicklerin", "Entwicklerin=1"},
		{"continue after a match", names("A B", "B C"), "A B C", "A B=0"},
		{"invalid start does not hide a later match", names("Backend-Entwickler", "Java-Backend"),
			"XJava-Backend-Entwickler", ""},
		{"repeated", names("UX-Designer"), "UX-Designer UX-Designer", "UX-Designer=0 | UX-Designer=0"},
		{"nested names", names("a", "a a", "a a a"), "a a a a a", "a a a=2 | a a=1"},
		{"invalid utf-8", names("Entwickler"), "\xffEntwickler\xfe", "Entwickler=0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, diags := NewIndex(tt.names)
			if len(diags) > 0 {
				t.Fatal(diags)
			}
			if got := found(tt.text, ix.FindAll(tt.text)); got != tt.want {
				t.Errorf("FindAll(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestFindAllSampleSite runs the matcher over the names of the sample site.
func TestFindAllSampleSite(t *testing.T) {
	ix, diags := NewIndex(testNames())
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	text := "Key Account Managerin, Account Director, IT-Security Officers, Demandware / Salesforce Commerce Cloud Engineer, " +
		"Salesforce Commerce Cloud Engineer (Demandware), e-commerce projektmanager, UX-Designerinnen, Java-UI-Designer"
	want := "Key Account Managerin=4 | Account Director=5 | IT-Security Officers=6 | " +
		"Demandware / Salesforce Commerce Cloud Engineer=8 | Salesforce Commerce Cloud Engineer (Demandware)=8 | " +
		"e-commerce projektmanager=11 | UX-Designerinnen=9"
	if got := found(text, ix.FindAll(text)); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestNewIndexDuplicates(t *testing.T) {
	pos := func(file string, line int) diag.Position {
		return diag.Position{Path: "content/roles/" + file, Line: line, Column: 8}
	}
	tests := []struct {
		name  string
		names []Name
		want  []string // diagnostics, in order
	}{
		{"distinct", []Name{{"Account Manager", 0, pos("a.md", 2)}, {"Key Account Manager", 1, pos("k.md", 2)}}, nil},
		{"same role twice", []Name{{"Account Manager", 0, pos("a.md", 2)}, {"account  manager", 0, pos("a.md", 3)}}, nil},
		{"empty names ignored", []Name{{"", 0, pos("a.md", 2)}, {" \t", 1, pos("b.md", 2)}}, nil},
		{"two roles", []Name{{"Account Manager", 0, pos("a.md", 2)}, {"Account Manager", 1, pos("x.md", 3)}}, []string{
			`content/roles/x.md:3:8: name "Account Manager" is claimed by two roles (also at content/roles/a.md:2:8)`,
			`content/roles/a.md:2:8: name "Account Manager" is claimed by two roles (also at content/roles/x.md:3:8)`,
		}},
		{"after folding and white space", []Name{{"IT-Einkäufer", 0, pos("a.md", 2)}, {" it-EINKÄUFER ", 1, pos("b.md", 4)}}, []string{
			`content/roles/b.md:4:8: name "it-EINKÄUFER" is claimed by two roles (also at content/roles/a.md:2:8)`,
			`content/roles/a.md:2:8: name "IT-Einkäufer" is claimed by two roles (also at content/roles/b.md:4:8)`,
		}},
		{"NFC and NFD", []Name{{"Einkäufer", 0, pos("a.md", 2)}, {"Einka\u0308ufer", 1, pos("b.md", 2)}}, []string{
			`content/roles/b.md:2:8: name "Einkäufer" is claimed by two roles (also at content/roles/a.md:2:8)`,
			`content/roles/a.md:2:8: name "Einkäufer" is claimed by two roles (also at content/roles/b.md:2:8)`,
		}},
		{"ß and SS", []Name{{"Straßenbauer", 0, pos("a.md", 2)}, {"STRASSENBAUER", 1, pos("b.md", 3)}}, []string{
			`content/roles/b.md:3:8: name "STRASSENBAUER" is claimed by two roles (also at content/roles/a.md:2:8)`,
			`content/roles/a.md:2:8: name "Straßenbauer" is claimed by two roles (also at content/roles/b.md:3:8)`,
		}},
		{"hyphen and U+2011", []Name{{"Key-Account", 0, pos("a.md", 2)}, {"Key\u2011Account", 1, pos("b.md", 2)}}, []string{
			`content/roles/b.md:2:8: name "Key‑Account" is claimed by two roles (also at content/roles/a.md:2:8)`,
			`content/roles/a.md:2:8: name "Key-Account" is claimed by two roles (also at content/roles/b.md:2:8)`,
		}},
		{"three roles", []Name{{"UX", 0, pos("a.md", 2)}, {"UX", 1, pos("b.md", 2)}, {"ux", 2, pos("c.md", 2)}}, []string{
			`content/roles/b.md:2:8: name "UX" is claimed by two roles (also at content/roles/a.md:2:8)`,
			`content/roles/a.md:2:8: name "UX" is claimed by two roles (also at content/roles/b.md:2:8)`,
			`content/roles/c.md:2:8: name "ux" is claimed by two roles (also at content/roles/a.md:2:8)`,
			`content/roles/a.md:2:8: name "UX" is claimed by two roles (also at content/roles/c.md:2:8)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := NewIndex(tt.names)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	// The first claimant keeps the name.
	ix, _ := NewIndex([]Name{{"UX", 3, pos("a.md", 2)}, {"UX", 1, pos("b.md", 2)}})
	if got := ix.FindAll("UX"); len(got) != 1 || got[0].Role != 3 {
		t.Errorf("FindAll after duplicate = %v, want role 3", got)
	}
}
