package generator

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"rolesite/generator/diag"
	"rolesite/internal/testtree"
)

// Unicode (ISSUE 5, item 5): names are matched in canonical caseless form,
// and text a page cannot show is a build error.

// writeRoles writes roles/<slug>.md for each source.
func writeRoles(t *testing.T, cfg Config, roles map[string]string) {
	t.Helper()
	for slug, src := range roles {
		if err := os.WriteFile(filepath.Join(cfg.ContentDir, "roles", slug+".md"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// roleSource is a role of category tech with title and body.
func roleSource(title, body string) string {
	return "---\ntitle: " + title + "\ncategory: tech\ndescription: Eine Rolle.\n---\n" + body
}

// bodyLinks returns href -> text of the links in the <main> body text of a
// written page (the article, not the lists of related roles).
func bodyLinks(t *testing.T, dir, rel string) map[string]string {
	t.Helper()
	p := parsePage(t, dir, rel)
	links := map[string]string{}
	walk(p.doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "p" {
			walk(n, func(a *html.Node) {
				if a.Type == html.ElementNode && a.Data == "a" {
					links[attr(a, "href")] = textOf(a)
				}
			})
		}
	})
	return links
}

func TestUnicodeMentionsAreLinked(t *testing.T) {
	cfg := fixture(t)
	writeRoles(t, cfg, map[string]string{
		"einkaeufer":          roleSource("Einkäufer", "Text.\n"),
		"strassenbauer":       roleSource("Straßenbauer", "Text.\n"),
		"key-account-manager": roleSource("Key-Account-Manager", "Text.\n"),
		"griechisch":          roleSource("ΣΟΦΟΣ", "Text.\n"),
		"texter": roleSource("Texter",
			"Mit dem Einka\u0308ufer und dem STRASSENBAUER.\n\n"+
				"Der Key\u2011Account\u2011Manager und σοφος.\n"),
	})
	mustBuild(t, cfg)
	got := bodyLinks(t, cfg.OutDir, "tech/texter/index.html")
	want := map[string]string{
		"/tech/einkaeufer/":          "Einka\u0308ufer",
		"/tech/strassenbauer/":       "STRASSENBAUER",
		"/tech/key-account-manager/": "Key\u2011Account\u2011Manager",
		"/tech/griechisch/":          "σοφος",
	}
	for href, text := range want {
		if got[href] != text {
			t.Errorf("link to %s wraps %q, want %q (links: %q)", href, got[href], text, got)
		}
	}
	// The NFD text is published as written, not normalised.
	raw, err := os.ReadFile(filepath.Join(cfg.OutDir, "tech", "texter", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), ">Einka\u0308ufer</a>") {
		t.Error("the mention in NFD is not wrapped as written")
	}
}

func TestUnicodeErrorsFailTheBuild(t *testing.T) {
	tests := []struct {
		name  string
		roles map[string]string
		want  []string // messages, path relative to the roles folder
	}{
		{"NFC and NFD titles", map[string]string{
			"einkaeufer":     roleSource("Einkäufer", ""),
			"einkaeufer-nfd": roleSource("Einka\u0308ufer", ""),
		}, []string{
			`einkaeufer-nfd.md:2:8: name "Einka` + "\u0308" + `ufer" is already a name of Einkäufer (at einkaeufer.md:2:8): mentions could not tell the two roles apart; choose another name here`,
		}},
		{"ß and SS", map[string]string{
			"strassenbauer": roleSource("Straßenbauer", ""),
			"strasse":       "---\ntitle: Tiefbauer\nsynonyms: [STRASSENBAUER]\ncategory: tech\ndescription: D\n---\n",
		}, []string{
			`strasse.md:3:12: name "STRASSENBAUER" is already a name of Straßenbauer (at strassenbauer.md:2:8): mentions could not tell the two roles apart; choose another name here`,
		}},
		{"full stop as title", map[string]string{"punkt": roleSource(`"."`, "")},
			[]string{`punkt.md:2:8: title: "." has no letter or digit`}},
		{"zero-width title", map[string]string{"leer": roleSource(`"\u200b"`, "")},
			[]string{`leer.md:2:8: title: "\u200b" has no letter or digit`}},
		{"control character", map[string]string{"steuer": roleSource(`"Eink\u0001ufer"`, "")},
			[]string{`steuer.md:2:8: title: control character U+0001 is not allowed`}},
		{"noncharacter", map[string]string{"nicht": roleSource(`"T\uFFFF"`, "")},
			[]string{`nicht.md:2:8: title: noncharacter U+FFFF is not allowed`}},
		{"bidi override", map[string]string{"bidi": roleSource(`"\u202eT"`, "")},
			[]string{`bidi.md:2:8: title: bidirectional control U+202E is not allowed; remove it, it reorders the text around it`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fixture(t)
			mustBuild(t, cfg)
			before := testtree.Snapshot(t, cfg.OutDir)
			writeRoles(t, cfg, tt.roles)
			// Of two clashing names the newer file's is blamed: make the
			// first role of each pair (einkaeufer, strassenbauer) the older.
			old := time.Now().Add(-time.Hour)
			for _, slug := range []string{"einkaeufer", "strassenbauer"} {
				if _, ok := tt.roles[slug]; ok {
					if err := os.Chtimes(filepath.Join(cfg.ContentDir, "roles", slug+".md"), old, old); err != nil {
						t.Fatal(err)
					}
				}
			}
			res, err := Build(t.Context(), cfg)
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("want a diag.List error, got %v", err)
			}
			var got []string
			for _, d := range res.Diagnostics.Errors() {
				got = append(got, strings.ReplaceAll(d.String(), filepath.Join(cfg.ContentDir, "roles")+string(filepath.Separator), ""))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			sameSnapshot(t, "the output of a failing build", before, testtree.Snapshot(t, cfg.OutDir))
		})
	}
}
