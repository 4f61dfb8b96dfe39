package content

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"rolesite/generator/diag"
)

// baseFM is the smallest valid front matter. With roleDoc it fills lines 2
// to 4, so a key added after it sits on line 5.
const baseFM = "title: T\ncategory: tech\ndescription: D\n"

// roleDoc wraps YAML front matter in --- lines and adds a body.
func roleDoc(fm string) []byte { return []byte("---\n" + fm + "---\nBody.\n") }

// tomlDoc wraps TOML front matter in +++ lines.
func tomlDoc(fm string) []byte { return []byte("+++\n" + fm + "+++\nBody.\n") }

const tomlBase = "title = \"T\"\ncategory = \"tech\"\ndescription = \"D\"\n"

// messages returns every diagnostic of l as "path:line:col: message",
// sorted.
func messages(l diag.List) []string {
	l = slices.Clone(l)
	l.Sort()
	out := make([]string, len(l))
	for i, d := range l {
		out[i] = d.String()
	}
	return out
}

func diffMessages(t *testing.T, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("got %d messages:\n\t%s\nwant %d:\n\t%s", len(got), strings.Join(got, "\n\t"), len(want), strings.Join(want, "\n\t"))
	}
}

// roleAcceptCase is one case of TestParseRoleAccepts.
type roleAcceptCase struct {
	name  string
	src   []byte
	check func(t *testing.T, r *Role)
}

// roleAcceptCases returns the cases of TestParseRoleAccepts; TestExportSchemaCases exports them
// for the editor schema check.
func roleAcceptCases() []roleAcceptCase {
	return []roleAcceptCase{
		{"front matter only", []byte("---\n" + baseFM + "---\n"), func(t *testing.T, r *Role) {
			if len(r.Body) != 0 {
				t.Errorf("body = %q, want empty", r.Body)
			}
		}},
		{"front matter only without a final newline", []byte("---\n" + baseFM + "---"), nil},
		{"byte order mark", append([]byte("\ufeff"), roleDoc(baseFM)...), func(t *testing.T, r *Role) {
			if r.Title != "T" || r.Pos["title"].Line != 2 {
				t.Errorf("title %q at %v", r.Title, r.Pos["title"])
			}
			if got := string(r.Source[r.BodyOffset:]); got != "Body.\n" {
				t.Errorf("body at BodyOffset = %q", got)
			}
		}},
		{"crlf", []byte(strings.ReplaceAll(string(roleDoc(baseFM+"skills: [Go]\ndate_posted: 2026-11-01\n")), "\n", "\r\n")), func(t *testing.T, r *Role) {
			if r.Title != "T" || r.Description != "D" || r.Skills[0] != "Go" || r.DatePosted.Day() != 1 {
				t.Errorf("values carry CR: %q %q %q %v", r.Title, r.Description, r.Skills, r.DatePosted)
			}
			if r.Pos["date_posted"].Line != 6 {
				t.Errorf("date_posted at %v, want line 6", r.Pos["date_posted"])
			}
			if got := string(r.Body); got != "Body.\r\n" {
				t.Errorf("body = %q", got)
			}
		}},
		{"toml", tomlDoc(tomlBase + "skills = [\"Go\"]\ndate_posted = 2026-11-01\nvalid_through = 2027-01-31\n[salary]\nmin = 50000\nmax = 60000.5\n"), func(t *testing.T, r *Role) {
			if r.Salary == nil || r.Salary.Max != 60000.5 || r.ValidThrough.Month() != 1 {
				t.Errorf("salary %+v, valid_through %v", r.Salary, r.ValidThrough)
			}
			if p := r.Pos["salary.max"]; p.Line != 10 || p.Column != 1 {
				t.Errorf("salary.max at %v, want line 10", p)
			}
		}},
		{"description of exactly 160 characters", roleDoc("title: T\ncategory: tech\ndescription: " + strings.Repeat("ü", 160) + "\n"), nil},
		{"salary with max only", roleDoc(baseFM + "salary: {max: 60000}\n"), func(t *testing.T, r *Role) {
			if r.Salary.Min != 60000 || r.Salary.Max != 60000 || r.Salary.Unit != "YEAR" {
				t.Errorf("salary %+v", r.Salary)
			}
		}},
		{"remote with countries", roleDoc(baseFM + "remote: true\napplicant_countries: [DE, AT]\n"), nil},
		{"experience in place of education", roleDoc(baseFM + "experience_months: 36\neducation: bachelor degree\nexperience_in_place_of_education: true\n"), nil},
		{"confidential employer", roleDoc(baseFM + "hiring_organization: confidential\n"), nil},
		{"scalar lists", roleDoc(baseFM + "skills: Go\nrelated: a\naliases: /jobs/a/\n"), func(t *testing.T, r *Role) {
			if p := r.Pos["related.0"]; p.Line != 6 || p.Column != 10 {
				t.Errorf("related.0 at %v, want 6:10", p)
			}
		}},
		{"number as title", roleDoc("title: 1860\ncategory: tech\ndescription: D\n"), nil},
	}
}

// TestParseRoleAccepts covers inputs that look odd but are fine.
func TestParseRoleAccepts(t *testing.T) {
	for _, tt := range roleAcceptCases() {
		t.Run(tt.name, func(t *testing.T) {
			r, errs := ParseRole("roles/x.md", "x", tt.src, Limits{})
			if len(errs) > 0 || r == nil {
				t.Fatalf("unexpected messages:\n%s", errs)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

// TestReadRoleReadError covers a read that fails after the role was found,
// which works as root too: a FIFO or a folder cannot be read as a file.
func TestReadRoleReadError(t *testing.T) {
	dir := t.TempDir()
	_, errs := ReadRole(RoleFile{Path: dir, Slug: "x"}, Limits{}, nil)
	want := []string{dir + ": cannot read role file: is a directory"}
	if got := messages(errs); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	_, errs = ReadRole(RoleFile{Path: filepath.Join(dir, "gone.md"), Slug: "gone"}, Limits{}, nil)
	if got := messages(errs); len(got) != 1 || !strings.HasSuffix(got[0], "gone.md: cannot read role file: no such file or directory") {
		t.Errorf("got %q", got)
	}
	// A FIFO is not a role file: FindRoles skips it rather than block on it.
	fifo := filepath.Join(dir, "roles", "pipe.md")
	os.MkdirAll(filepath.Dir(fifo), 0o755)
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	files, errs := FindRoles(dir)
	if len(files) != 0 || len(errs) != 0 {
		t.Errorf("FindRoles with a FIFO: files %v, messages %v", files, errs)
	}
}
