package generator

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rolesite/internal/testtree"
)

// backendRole is the fixture's open Backend-Entwickler position.
const backendRole = "roles/backend-entwickler.md"

// editRole rewrites one line of a fixture role: old, which must be in it,
// becomes repl.
func editRole(t *testing.T, cfg Config, rel, old, repl string) string {
	t.Helper()
	path := filepath.Join(cfg.ContentDir, filepath.FromSlash(rel))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", rel, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), old, repl, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeContent writes a file under the content folder.
func writeContent(t *testing.T, cfg Config, rel, text string) string {
	t.Helper()
	path := filepath.Join(cfg.ContentDir, filepath.FromSlash(rel))
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// tomlBackend is the Backend-Entwickler role in TOML front matter, with
// the salary and dates given.
func tomlBackend(salary, dates string) string {
	return "+++\ntitle = \"Backend-Entwickler\"\ncategory = \"tech\"\n" +
		"description = \"Backend-Entwickler bauen APIs.\"\n" + salary + "\n" + dates + "\n+++\nText.\n"
}

// TestEditorMistakesFailTheBuild builds the fixture, then makes one
// mistake an editor makes in numbers or dates and builds again through
// Build, as cmd/build does: the build fails with exactly the message that
// shows the fix, and the output folder is left as it was.
func TestEditorMistakesFailTheBuild(t *testing.T) {
	tests := []struct {
		name string
		edit func(t *testing.T, cfg Config) string // returns the file's path
		want string                                // after "path:"
	}{
		{"salary with German thousands", func(t *testing.T, cfg Config) string {
			return editRole(t, cfg, backendRole, "salary: {min: 55000, max: 85000, unit: YEAR}", "salary: {min: 62.000, max: 92000, unit: YEAR}")
		}, "8:15: salary.min: 62.000 looks like a thousands separator: write 62000"},
		{"salary as German text", func(t *testing.T, cfg Config) string {
			return editRole(t, cfg, backendRole, "salary: {min: 55000, max: 85000, unit: YEAR}", "salary:\n  min: 62.000,00\n  max: 92000")
		}, "9:8: salary.min: want a number, got \"62.000,00\": write 62000 (digits only, a dot before cents)"},
		{"salary with English thousands", func(t *testing.T, cfg Config) string {
			return editRole(t, cfg, backendRole, "salary: {min: 55000, max: 85000, unit: YEAR}", "salary: {min: 55000, max: 92,000, unit: YEAR}")
		}, "8:27: salary.max: want a number, got \"92,000\": write 92000 (digits only, a dot before cents)"},
		{"salary in TOML with German thousands", func(t *testing.T, cfg Config) string {
			return writeContent(t, cfg, backendRole, tomlBackend("salary = {min = 62.000, max = 92000}", ""))
		}, "5:11: salary.min: 62.000 looks like a thousands separator: write 62000"},
		{"salary over the limit", func(t *testing.T, cfg Config) string {
			return editRole(t, cfg, backendRole, "salary: {min: 55000, max: 85000, unit: YEAR}", "salary: {min: 55000, max: 9.3e18, unit: YEAR}")
		}, "8:27: salary.max: 9.3e18 is more than 10000000 a year; check the figure"},
		{"salary with three decimals", func(t *testing.T, cfg Config) string {
			return editRole(t, cfg, backendRole, "salary: {min: 55000, max: 85000, unit: YEAR}", "salary: {min: 55000.999, max: 85000, unit: YEAR}")
		}, "8:15: salary.min: 55000.999 has 3 decimals; a salary has at most 2 (cents)"},
		{"valid_through year 1", func(t *testing.T, cfg Config) string {
			return editRole(t, cfg, backendRole, "valid_through: 2027-02-01", "valid_through: 0001-01-01")
		}, "12:16: valid_through: 0001-01-01 is not a plausible date (allowed: 1970-01-01 to 2200-12-31); write the real date, or remove valid_through to leave it unset"},
		{"date_posted year 1", func(t *testing.T, cfg Config) string {
			return editRole(t, cfg, backendRole, "date_posted: 2026-11-01\nvalid_through: 2027-02-01", "date_posted: 0001-01-01")
		}, "11:14: date_posted: 0001-01-01 is not a plausible date (allowed: 1970-01-01 to 2200-12-31); write the real date, or remove date_posted to leave it unset"},
		{"lastmod before 1970", func(t *testing.T, cfg Config) string {
			return editRole(t, cfg, backendRole, "weight: 10", "weight: 10\nlastmod: 1969-12-31")
		}, "20:10: lastmod: 1969-12-31 is not a plausible date (allowed: 1970-01-01 to 2200-12-31); write the real date, or remove lastmod to leave it unset"},
		{"TOML valid_through year 1", func(t *testing.T, cfg Config) string {
			return writeContent(t, cfg, backendRole, tomlBackend("", "date_posted = 2026-11-01\nvalid_through = 0001-01-01"))
		}, "7:1: valid_through: 0001-01-01 is not a plausible date (allowed: 1970-01-01 to 2200-12-31); write the real date, or remove valid_through to leave it unset"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fixture(t)
			mustBuild(t, cfg)
			before := testtree.Snapshot(t, cfg.OutDir)
			path := tt.edit(t, cfg)
			res, err := Build(context.Background(), cfg)
			if err == nil {
				t.Fatal("the build passed")
			}
			want := path + ":" + tt.want
			var got []string
			for _, d := range res.Diagnostics.Errors() {
				got = append(got, d.String())
			}
			if !slices.Equal(got, []string{want}) {
				t.Errorf("errors:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), want)
			}
			sameSnapshot(t, "the output of the failing build", before, testtree.Snapshot(t, cfg.OutDir))
		})
	}
}

// TestEditorMistakesWarn covers mistakes the build cannot know to be
// wrong: it warns with the fix and publishes what the content says.
func TestEditorMistakesWarn(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(t *testing.T, cfg Config) string
		want  string // after "path"
		check func(t *testing.T, cfg Config)
	}{
		{"description cut by a comment", func(t *testing.T, cfg Config) string {
			return editRole(t, cfg, backendRole, `description: "Backend-Entwickler bauen APIs und Dienste. Offene Position in München für einen Onlineshop."`,
				"description: Wir suchen #remote Entwickler")
		}, `:4:25: warning: description: "#remote Entwickler" is read as a YAML comment, so the value is "Wir suchen"; quote the value to keep it: description: "Wir suchen #remote Entwickler"`,
			func(t *testing.T, cfg Config) {
				p := parsePage(t, cfg.OutDir, "tech/backend-entwickler/index.html")
				if !strings.Contains(p.raw, `<meta name="description" content="Wir suchen">`) {
					t.Error("the page does not carry the description YAML read")
				}
			}},
		{"Notepad's .md.txt", func(t *testing.T, cfg Config) string {
			return writeContent(t, cfg, "roles/datenbank-admin.md.txt", "---\ntitle: Datenbank-Admin\ncategory: tech\ndescription: D\n---\nText.\n")
		}, ": warning: not built: only files ending in .md are roles (rename it to datenbank-admin.md)",
			func(t *testing.T, cfg Config) {
				if _, err := os.Stat(filepath.Join(cfg.OutDir, "tech", "datenbank-admin")); err == nil {
					t.Error("the misnamed file was built")
				}
			}},
		{"upper-case .MD", func(t *testing.T, cfg Config) string {
			return writeContent(t, cfg, "roles/datenbank-admin.MD", "---\ntitle: Datenbank-Admin\ncategory: tech\ndescription: D\n---\nText.\n")
		}, ": warning: not built: only files ending in .md are roles (rename it to datenbank-admin.md)", nil},
		{"yearly salary below the usual", func(t *testing.T, cfg Config) string {
			return editRole(t, cfg, backendRole, "salary: {min: 55000, max: 85000, unit: YEAR}", "salary: {min: 62, max: 92000, unit: YEAR}")
		}, ":8:15: warning: salary.min: 62 is below 10000, the usual least for unit YEAR; check the figure and the unit",
			func(t *testing.T, cfg Config) {
				p := parsePage(t, cfg.OutDir, "tech/backend-entwickler/index.html")
				if !strings.Contains(p.raw, "62\u202f–\u202f92.000\u00a0€ pro Jahr") {
					t.Error("the page does not show the band 62 – 92.000 € pro Jahr")
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fixture(t)
			path := tt.edit(t, cfg)
			res := mustBuild(t, cfg)
			want := path + tt.want
			var got []string
			for _, d := range res.Diagnostics.Warnings() {
				if d.Pos.Path == path {
					got = append(got, d.String())
				}
			}
			if !slices.Equal(got, []string{want}) {
				t.Errorf("warnings:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), want)
			}
			if tt.check != nil {
				tt.check(t, cfg)
			}
		})
	}
}

// TestSalaryOnThePage checks that a salary with cents reads in German on
// the role page and its card, and stays the exact number in the JSON-LD.
func TestSalaryOnThePage(t *testing.T) {
	cfg := fixture(t)
	editRole(t, cfg, backendRole, "salary: {min: 55000, max: 85000, unit: YEAR}", "salary: {min: 62000.5, max: 99999.99, unit: YEAR}")
	res := mustBuild(t, cfg)
	band := "62.000,50\u202f–\u202f99.999,99\u00a0€ pro Jahr"
	p := parsePage(t, cfg.OutDir, "tech/backend-entwickler/index.html")
	if !strings.Contains(p.raw, band) {
		t.Errorf("the role page does not show %q", band)
	}
	if c := parsePage(t, cfg.OutDir, "tech/index.html"); !strings.Contains(c.raw, band) {
		t.Errorf("the category page's card does not show %q", band)
	}
	jp := p.ofType("JobPosting")
	if len(jp) != 1 {
		t.Fatalf("%d JobPosting blocks", len(jp))
	}
	value := jp[0]["baseSalary"].(map[string]any)["value"].(map[string]any)
	if value["minValue"] != 62000.5 || value["maxValue"] != 99999.99 {
		t.Errorf("JSON-LD value %v, want minValue 62000.5 and maxValue 99999.99", value)
	}
	if !strings.Contains(strings.Join(p.rawJSONLD, ""), `"minValue":62000.5,"maxValue":99999.99`) {
		t.Errorf("JSON-LD does not carry the numbers as written:\n%s", strings.Join(p.rawJSONLD, "\n"))
	}
	for _, d := range res.Diagnostics.Warnings() {
		if strings.Contains(d.Message, "salary") {
			t.Errorf("unexpected warning: %v", d)
		}
	}
}

// TestWatchSeesMisnamedRole follows the watch path: a warm Builder told
// that a file appeared, as -watch tells it, warns about a role file that
// is not named .md, and stops once it is renamed.
func TestWatchSeesMisnamedRole(t *testing.T) {
	cfg := fixture(t)
	b := NewBuilder(cfg)
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	path := writeContent(t, cfg, "roles/datenbank-admin.md.txt", "---\ntitle: Datenbank-Admin\ncategory: tech\ndescription: D\n---\nText.\n")
	b.Changed([]string{path})
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := path + ": warning: not built: only files ending in .md are roles (rename it to datenbank-admin.md)"
	if !strings.Contains(res.Diagnostics.Error(), want) {
		t.Errorf("diagnostics\n%s\ndo not contain\n%s", res.Diagnostics, want)
	}
	renamed := filepath.Join(filepath.Dir(path), "datenbank-admin.md")
	if err := os.Rename(path, renamed); err != nil {
		t.Fatal(err)
	}
	b.Changed([]string{renamed})
	res, err = b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(res.Diagnostics.Error(), "not built") {
		t.Errorf("still warned after the rename:\n%s", res.Diagnostics)
	}
	if _, err := os.Stat(filepath.Join(cfg.OutDir, "tech", "datenbank-admin", "index.html")); err != nil {
		t.Errorf("the renamed role was not built: %v", err)
	}
}
