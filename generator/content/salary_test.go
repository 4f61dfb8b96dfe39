package content

import "testing"

// salaryCase is one case of TestParseRoleSalary.
type salaryCase struct {
	name string
	src  []byte
	want []string
}

// salaryCases returns the cases of TestParseRoleSalary; TestExportSchemaCases exports them
// for the editor schema check.
func salaryCases() []salaryCase {
	const p = "roles/x.md:"
	yamlSalary := func(s string) []byte { return roleDoc(baseFM + "salary: " + s + "\n") }
	tomlSalary := func(s string) []byte { return tomlDoc(tomlBase + "salary = " + s + "\n") }
	return []salaryCase{
		{"german thousands", yamlSalary("{min: 62.000, max: 92.000}"), []string{
			p + "5:15: salary.min: 62.000 looks like a thousands separator: write 62000",
			p + "5:28: salary.max: 92.000 looks like a thousands separator: write 92000",
		}},
		{"german thousands, small", yamlSalary("{min: 1.500, max: 2.500, unit: MONTH}"), []string{
			p + "5:15: salary.min: 1.500 looks like a thousands separator: write 1500",
			p + "5:27: salary.max: 2.500 looks like a thousands separator: write 2500",
		}},
		{"german thousands in toml", tomlSalary("{min = 62.000, max = 92.500}"), []string{
			p + "5:11: salary.min: 62.000 looks like a thousands separator: write 62000",
			p + "5:25: salary.max: 92.500 looks like a thousands separator: write 92500",
		}},
		{"german thousands in a toml table", tomlDoc(tomlBase + "[salary]\nmin = 62.000\nmax = 92000\n"), []string{
			p + "6:1: salary.min: 62.000 looks like a thousands separator: write 62000",
		}},
		{"german text with cents", yamlSalary("{min: 62.000,00, max: 92000}"), []string{
			p + "5:15: salary.min: want a number, got \"62.000,00\": write 62000 (digits only, a dot before cents)",
		}},
		{"german text with real cents", yamlSalary("{min: \"62.000,50\", max: 92000}"), []string{
			p + "5:15: salary.min: want a number, got \"62.000,50\": write 62000.50 (digits only, a dot before cents)",
		}},
		{"english thousands", yamlSalary("{min: 62,000, max: 92000}"), []string{
			p + "5:15: salary.min: want a number, got \"62,000\": write 62000 (digits only, a dot before cents)",
		}},
		{"english thousands in toml text", tomlSalary("{min = \"62,000.00\", max = 92000}"), []string{
			p + "5:11: salary.min: want a number, got \"62,000.00\": write 62000 (digits only, a dot before cents)",
		}},
		{"decimal comma", yamlSalary("{min: 18,5, max: 24, unit: HOUR}"), []string{
			p + "5:15: salary.min: want a number, got \"18,5\": write 18.5 (digits only, a dot before cents)",
		}},
		{"english thousands in a block mapping", roleDoc(baseFM + "salary:\n  min: 62,000\n  max: 92,000.00\n"), []string{
			p + "6:8: salary.min: want a number, got \"62,000\": write 62000 (digits only, a dot before cents)",
			p + "7:8: salary.max: want a number, got \"92,000.00\": write 92000 (digits only, a dot before cents)",
		}},
		{"blanks and euro sign", yamlSalary("{min: 62 000 €, max: 92000}"), []string{
			p + "5:15: salary.min: want a number, got \"62 000 €\": write 62000 (digits only, a dot before cents)",
		}},
		{"quoted number", yamlSalary("{min: \"62000\", max: 92000}"), []string{
			p + "5:15: salary.min: want a number, got \"62000\": write 62000 without quotes",
		}},
		{"three decimals", yamlSalary("{min: 55000.999, max: 60000}"), []string{
			p + "5:15: salary.min: 55000.999 has 3 decimals; a salary has at most 2 (cents)",
		}},
		{"below a cent", yamlSalary("{min: 0.004, max: 20, unit: HOUR}"), []string{
			p + "5:15: salary.min: 0.004 has 3 decimals; a salary has at most 2 (cents)",
		}},
		{"exponent below a cent", yamlSalary("{min: 1.5e-3, max: 20, unit: HOUR}"), []string{
			p + "5:15: salary.min: 1.5e-3 has 4 decimals; a salary has at most 2 (cents)",
		}},
		{"infinity", yamlSalary("{min: 50000, max: .inf}"), []string{
			p + "5:27: salary.max: want a number, got \".inf\"",
		}},
		{"infinity in toml", tomlSalary("{min = 50000, max = inf}"), []string{
			p + "5:24: salary.max: want a number, got \"inf\"",
		}},
		{"nan in toml", tomlSalary("{min = nan, max = 60000}"), []string{
			p + "5:11: salary.min: want a number, got \"NaN\"",
		}},
		{"over ten million a year", yamlSalary("{min: 50000, max: 1e9}"), []string{
			p + "5:27: salary.max: 1e9 is more than 10000000 a year; check the figure",
		}},
		{"over ten million a year by the hour", yamlSalary("{min: 50, max: 5000, unit: HOUR}"), []string{
			p + "5:24: salary.max: 5000 per HOUR is 10400000 a year, more than 10000000; check the figure and the unit",
		}},
		{"a huge figure", yamlSalary("{min: 9.3e18, max: 9.3e18}"), []string{
			p + "5:15: salary.min: 9.3e18 is more than 10000000 a year; check the figure",
			p + "5:28: salary.max: 9.3e18 is more than 10000000 a year; check the figure",
		}},
		{"yearly figure below the band", yamlSalary("{min: 62, max: 92}"), []string{
			p + "5:15: warning: salary.min: 62 is below 10000, the usual least for unit YEAR; check the figure and the unit",
			p + "5:24: warning: salary.max: 92 is below 10000, the usual least for unit YEAR; check the figure and the unit",
		}},
		{"yearly figure above the band", yamlSalary("{min: 450000, max: 920000}"), []string{
			p + "5:28: warning: salary.max: 920000 is above 500000, the usual most for unit YEAR; check the figure and the unit",
		}},
		{"monthly figure that is a year's", yamlSalary("{min: 62000, max: 92000, unit: MONTH}"), []string{
			p + "5:15: warning: salary.min: 62000 is above 40000, the usual most for unit MONTH; check the figure and the unit",
			p + "5:27: warning: salary.max: 92000 is above 40000, the usual most for unit MONTH; check the figure and the unit",
		}},
		{"hourly figure below the band", yamlSalary("{min: 5, max: 12, unit: HOUR}"), []string{
			p + "5:15: warning: salary.min: 5 is below 8, the usual least for unit HOUR; check the figure and the unit",
		}},
		{"daily figure above the band", yamlSalary("{min: 2000, max: 3000, unit: DAY}"), []string{
			p + "5:26: warning: salary.max: 3000 is above 2500, the usual most for unit DAY; check the figure and the unit",
		}},
		{"weekly figure below the band", yamlSalary("{min: 150, max: 900, unit: WEEK}"), []string{
			p + "5:15: warning: salary.min: 150 is below 200, the usual least for unit WEEK; check the figure and the unit",
		}},
		{"smallest figure", yamlSalary("{min: 0.01, max: 0.01, unit: HOUR}"), []string{
			p + "5:15: warning: salary.min: 0.01 is below 8, the usual least for unit HOUR; check the figure and the unit",
			p + "5:26: warning: salary.max: 0.01 is below 8, the usual least for unit HOUR; check the figure and the unit",
		}},
		{"no warning without a known unit", yamlSalary("{min: 62, max: 92, unit: Jahr}"), []string{
			p + "5:34: salary.unit: \"Jahr\" is not one of HOUR, DAY, WEEK, MONTH, YEAR",
		}},
		{"band edges", yamlSalary("{min: 10000, max: 500000}"), nil},
		{"cents", yamlSalary("{min: 18.50, max: 24.75, unit: HOUR}"), nil},
		{"underscores", yamlSalary("{min: 62_000, max: 92_000}"), nil},
		{"toml underscores and exponent", tomlSalary("{min = 62_000, max = 9.2e4}"), nil},
		{"ten million a year exactly", yamlSalary("{min: 10000000, max: 10000000}"), []string{
			p + "5:15: warning: salary.min: 10000000 is above 500000, the usual most for unit YEAR; check the figure and the unit",
			p + "5:30: warning: salary.max: 10000000 is above 500000, the usual most for unit YEAR; check the figure and the unit",
		}},
	}
}

// TestParseRoleSalary covers salary figures as an editor writes them: each
// case gives every message the file gets, warnings included.
func TestParseRoleSalary(t *testing.T) {
	for _, tt := range salaryCases() {
		t.Run(tt.name, func(t *testing.T) {
			r, errs := ParseRole("roles/x.md", "x", tt.src, Limits{})
			diffMessages(t, messages(errs), tt.want)
			if errs.HasErrors() {
				return
			}
			if r == nil || r.Salary == nil {
				t.Fatal("no salary")
			}
		})
	}
}

// TestParseRoleSalaryValue checks the figures a role keeps: exactly the
// numbers written, for the JSON-LD.
func TestParseRoleSalaryValue(t *testing.T) {
	tests := []struct {
		name     string
		src      []byte
		min, max float64
	}{
		{"yaml", roleDoc(baseFM + "salary: {min: 62000.5, max: 92000}\n"), 62000.5, 92000},
		{"toml", tomlDoc(tomlBase + "salary = {min = 62000.5, max = 9.2e4}\n"), 62000.5, 92000},
		{"max only", roleDoc(baseFM + "salary: {max: 60000}\n"), 60000, 60000},
		{"min only", roleDoc(baseFM + "salary: {min: 18.75, unit: HOUR}\n"), 18.75, 18.75},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, errs := ParseRole("roles/x.md", "x", tt.src, Limits{})
			if len(errs) > 0 {
				t.Fatalf("unexpected messages:\n%s", errs)
			}
			if r.Salary.Min != tt.min || r.Salary.Max != tt.max {
				t.Errorf("salary %v to %v, want %v to %v", r.Salary.Min, r.Salary.Max, tt.min, tt.max)
			}
		})
	}
}

func TestFigureFix(t *testing.T) {
	tests := []struct{ in, want string }{
		{"62.000", "62000"},
		{"62.000,00", "62000"},
		{"62.000,5", "62000.5"},
		{"1.234.567,89", "1234567.89"},
		{"62,000", "62000"},
		{"62,500", "62500"}, // three decimals after a comma: English thousands
		{"1,234,567.50", "1234567.50"},
		{"62,5", "62.5"},
		{"62 000", "62000"},
		{"62\u202f000\u00a0€", "62000"},
		{"€ 62.000", "62000"},
		{"62'000", "62000"},
		{"viel", ""},
		{"50k", ""},
		{"62.00.0", ""},
		{"62,0000", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := figureFix(tt.in); got != tt.want {
			t.Errorf("figureFix(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
