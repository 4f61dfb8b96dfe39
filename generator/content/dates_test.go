package content

import "testing"

// dateCase is one case of TestParseRoleDateRange.
type dateCase struct {
	name string
	src  []byte
	want []string
}

// dateCases returns the cases of TestParseRoleDateRange; TestExportSchemaCases exports them
// for the editor schema check.
func dateCases() []dateCase {
	const p = "roles/x.md:"
	const hint = " is not a plausible date (allowed: 1970-01-01 to 2200-12-31); write the real date, or remove "
	return []dateCase{
		{"valid_through year 1", roleDoc(baseFM + "date_posted: 2026-11-01\nvalid_through: 0001-01-01\n"), []string{
			p + "6:16: valid_through: 0001-01-01" + hint + "valid_through to leave it unset",
		}},
		{"date_posted year 1", roleDoc(baseFM + "date_posted: 0001-01-01\n"), []string{
			p + "5:14: date_posted: 0001-01-01" + hint + "date_posted to leave it unset",
		}},
		{"lastmod year 1", roleDoc(baseFM + "lastmod: 0001-01-01\n"), []string{
			p + "5:10: lastmod: 0001-01-01" + hint + "lastmod to leave it unset",
		}},
		{"quoted date before 1970", roleDoc(baseFM + "lastmod: \"1969-12-31\"\n"), []string{
			p + "5:10: lastmod: 1969-12-31" + hint + "lastmod to leave it unset",
		}},
		{"after 2200", roleDoc(baseFM + "date_posted: 2026-11-01\nvalid_through: 2201-01-01\n"), []string{
			p + "6:16: valid_through: 2201-01-01" + hint + "valid_through to leave it unset",
		}},
		{"toml valid_through year 1", tomlDoc(tomlBase + "date_posted = 2026-11-01\nvalid_through = 0001-01-01\n"), []string{
			p + "6:1: valid_through: 0001-01-01" + hint + "valid_through to leave it unset",
		}},
		{"toml date_posted year 1", tomlDoc(tomlBase + "date_posted = 0001-01-01\n"), []string{
			p + "5:1: date_posted: 0001-01-01" + hint + "date_posted to leave it unset",
		}},
		{"toml lastmod before 1970", tomlDoc(tomlBase + "lastmod = 1900-06-30\n"), []string{
			p + "5:1: lastmod: 1900-06-30" + hint + "lastmod to leave it unset",
		}},
		{"first day allowed", roleDoc(baseFM + "lastmod: 1970-01-01\n"), nil},
		{"last day allowed", roleDoc(baseFM + "date_posted: 2026-11-01\nvalid_through: 2200-12-31\n"), nil},
		{"toml last day allowed", tomlDoc(tomlBase + "date_posted = 2026-11-01\nvalid_through = 2200-12-31\n"), nil},
	}
}

// TestParseRoleDateRange covers dates that parse but cannot be meant:
// 0001-01-01 (Go's zero time, which read as "not set") and anything
// before 1970 or after 2200, in YAML and in TOML's native dates.
func TestParseRoleDateRange(t *testing.T) {
	for _, tt := range dateCases() {
		t.Run(tt.name, func(t *testing.T) {
			r, errs := ParseRole("roles/x.md", "x", tt.src, Limits{})
			diffMessages(t, messages(errs), tt.want)
			if !errs.HasErrors() && r == nil {
				t.Fatal("no role")
			}
		})
	}
}
