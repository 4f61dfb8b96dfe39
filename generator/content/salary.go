package content

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"rolesite/generator/diag"
)

// salaryBand is what a salary figure of one unit usually is, and how many
// of the unit make a year. A figure outside [low, high] is a warning; a
// figure whose year equivalent exceeds maxYearlySalary is an error.
type salaryBand struct {
	low, high float64
	perYear   float64
}

// salaryBands holds the usual figures for each unit, in the currencies the
// site serves (EUR, CHF, GBP, USD): from a part-time or entry wage to a
// senior executive's pay. A year has 52 weeks, 260 working days and 2,080
// working hours.
var salaryBands = map[string]salaryBand{
	"HOUR":  {low: 8, high: 500, perYear: 2080},
	"DAY":   {low: 40, high: 2500, perYear: 260},
	"WEEK":  {low: 200, high: 10000, perYear: 52},
	"MONTH": {low: 800, high: 40000, perYear: 12},
	"YEAR":  {low: 10000, high: 500000, perYear: 1},
}

// maxYearlySalary is the most a salary figure may come to in a year; above
// it a figure is a typing error, not a salary.
const maxYearlySalary = 10_000_000

// maxSalaryDecimals is the most decimals a salary figure may have: cents.
const maxSalaryDecimals = 2

// salary reads a role's salary mapping: min and max, currency and unit.
// Each figure is checked as written (see salaryFigure), then against the
// hard limit and the usual band of its unit.
func (d *decoder) salary(k string, v *yaml.Node, currencySet *bool) *Salary {
	s := &Salary{Unit: "YEAR"}
	var minNode, maxNode *yaml.Node
	var minOK, maxOK bool
	d.mapping(joinCommaFigures(v), k+".", lookupField(roleFields, "salary").Fields, []field{
		{"min", func(k string, v *yaml.Node) { minNode = v; s.Min, minOK = d.salaryFigure(k, v) }},
		{"max", func(k string, v *yaml.Node) { maxNode = v; s.Max, maxOK = d.salaryFigure(k, v) }},
		{"currency", func(k string, v *yaml.Node) {
			*currencySet = true
			s.Currency, _ = d.currency(k, v)
		}},
		{"unit", func(k string, v *yaml.Node) { s.Unit, _ = d.enum(k, v, salaryUnits) }},
	})
	if minNode == nil && maxNode == nil {
		if v.Kind == yaml.MappingNode {
			d.add(v, diag.SalaryNeedsMinMax, k)
		}
		return nil
	}
	if (minNode != nil && !minOK) || (maxNode != nil && !maxOK) {
		return nil
	}
	// An unknown unit has its own message; its figures get no band.
	band, known := salaryBands[s.Unit]
	good := true
	for _, f := range []struct {
		key   string
		node  *yaml.Node
		value float64
	}{{k + ".min", minNode, s.Min}, {k + ".max", maxNode, s.Max}} {
		if f.node != nil && !d.salaryInBand(f.key, f.node, f.value, s.Unit, band, known) {
			good = false
		}
	}
	if !good {
		return nil
	}
	switch {
	case minNode == nil:
		s.Min = s.Max
	case maxNode == nil:
		s.Max = s.Min
	}
	if s.Min > s.Max {
		d.add(v, diag.SalaryMinAboveMax, k, fmtNum(s.Min), fmtNum(s.Max))
		return nil
	}
	return s
}

// salaryInBand checks one figure against the hard limits (greater than 0,
// at most maxYearlySalary a year) and warns when it lies outside the usual
// band of its unit. It reports false for an error.
func (d *decoder) salaryInBand(key string, n *yaml.Node, f float64, unit string, band salaryBand, checkBand bool) bool {
	if f <= 0 {
		d.add(n, diag.SalaryNotPositive, key, n.Value)
		return false
	}
	if !checkBand {
		return true
	}
	if yearly := f * band.perYear; yearly > maxYearlySalary {
		if unit == "YEAR" {
			d.add(n, diag.SalaryTooHigh, key, n.Value, fmtNum(maxYearlySalary))
		} else {
			d.add(n, diag.SalaryTooHighPerUnit, key, n.Value, unit, fmtNum(yearly), fmtNum(maxYearlySalary))
		}
		return false
	}
	switch {
	case f < band.low:
		d.errs.Warn(d.at(n), diag.SalaryBelowBand, key, n.Value, fmtNum(band.low), unit)
	case f > band.high:
		d.errs.Warn(d.at(n), diag.SalaryAboveBand, key, n.Value, fmtNum(band.high), unit)
	}
	return true
}

// thousandsDot matches a figure written with a dot and exactly three
// decimals, as German writes thousands: 62.000, 1.500.
var thousandsDot = regexp.MustCompile(`^\+?[1-9][0-9]{0,2}\.[0-9]{3}$`)

// salaryFigure reads a salary figure. It looks at the figure as written in
// the source, not at the number it parses to, so that 62.000 (German for
// 62,000) is an error that shows the fix instead of the salary 62.
func (d *decoder) salaryFigure(key string, n *yaml.Node) (float64, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
			switch fix := figureFix(n.Value); {
			case fix == strings.TrimSpace(n.Value):
				d.add(n, diag.SalaryQuoted, key, describe(n), fix)
				return 0, false
			case fix != "":
				d.add(n, diag.SalaryWrittenAs, key, describe(n), fix)
				return 0, false
			}
		}
		d.add(n, diag.WantNumber, key, describe(n))
		return 0, false
	}
	written := strings.ReplaceAll(n.Value, "_", "")
	if thousandsDot.MatchString(written) {
		d.add(n, diag.ThousandsSeparator, key, n.Value, strings.TrimPrefix(strings.ReplaceAll(written, ".", ""), "+"))
		return 0, false
	}
	v, err := strconv.ParseFloat(written, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		d.add(n, diag.WantNumber, key, describe(n))
		return 0, false
	}
	if dec := decimals(written, v); dec > maxSalaryDecimals {
		d.add(n, diag.SalaryDecimals, key, n.Value, dec, maxSalaryDecimals)
		return 0, false
	}
	return v, true
}

// decimals counts the decimals of a number: as written when it has no
// exponent (62.50 has 2), else of its shortest exact form (1.5e-3 has 4).
func decimals(written string, v float64) int {
	if strings.ContainsAny(written, "eE") {
		written = strconv.FormatFloat(v, 'f', -1, 64)
	}
	_, frac, ok := strings.Cut(written, ".")
	if !ok {
		return 0
	}
	return len(frac)
}

var (
	// germanFigure: 62.000, 62.000,00, 1.234.567,5, 62,50.
	germanFigure = regexp.MustCompile(`^(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,([0-9]{1,2}))?$`)
	// englishFigure: 62,000, 62,000.00, 1,234,567.
	englishFigure = regexp.MustCompile(`^[0-9]{1,3}(?:,[0-9]{3})+(?:\.([0-9]{1,2}))?$`)
	// plainFigure: 62000, 62000.5, once grouping blanks are gone.
	plainFigure = regexp.MustCompile(`^[0-9]+(?:\.([0-9]{1,2}))?$`)
)

// figureFix returns how to write text that an editor meant as a salary
// figure ("62.000,00", "62,000", "62 000 €") as a YAML or TOML number
// ("62000"), or "" when the text is no such figure. Cents stay unless
// they are zero. "62,500" is read as English for 62500: a German salary
// with three decimals is no salary.
func figureFix(text string) string {
	s := strings.TrimSpace(text)
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "€"), "€"))
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "'", "", "’", "").Replace(s)
	var whole, cents string
	if m := englishFigure.FindStringSubmatch(s); m != nil {
		whole, _, _ = strings.Cut(s, ".")
		whole, cents = strings.ReplaceAll(whole, ",", ""), m[1]
	} else if m := germanFigure.FindStringSubmatch(s); m != nil {
		whole, _, _ = strings.Cut(s, ",")
		whole, cents = strings.ReplaceAll(whole, ".", ""), m[1]
	} else if m := plainFigure.FindStringSubmatch(s); m != nil {
		whole, _, _ = strings.Cut(s, ".")
		cents = m[1]
	} else {
		return ""
	}
	if strings.Trim(cents, "0") == "" {
		return whole
	}
	return whole + "." + cents
}

// joinCommaFigures undoes what a comma does to a figure inside a flow
// mapping: YAML reads {min: 62,000} as min: 62 and a key "000" without a
// value. Such a key, written right after a number on its line, joins the
// number again as the text "62,000", which salaryFigure then reports with
// its fix. Other mappings come back as they are; v is never changed.
func joinCommaFigures(v *yaml.Node) *yaml.Node {
	if v.Kind != yaml.MappingNode || v.Style&yaml.FlowStyle == 0 {
		return v
	}
	out := *v
	out.Content = make([]*yaml.Node, 0, len(v.Content))
	joined := false
	for i := 0; i+1 < len(v.Content); i += 2 {
		key, val := v.Content[i], v.Content[i+1]
		if n := len(out.Content); n >= 2 && commaTail(out.Content[n-1], key, val) {
			figure := *out.Content[n-1]
			figure.Tag, figure.Value = "!!str", figure.Value+","+key.Value
			out.Content[n-1] = &figure
			joined = true
			continue
		}
		out.Content = append(out.Content, key, val)
	}
	if !joined {
		return v
	}
	return &out
}

// commaTail reports whether key, with the null value val, is the digits
// after a comma that directly follows the number (or joined figure) prev.
func commaTail(prev, key, val *yaml.Node) bool {
	if prev.Kind != yaml.ScalarNode || key.Kind != yaml.ScalarNode || val.Tag != "!!null" || val.Value != "" {
		return false
	}
	if prev.Tag != "!!int" && prev.Tag != "!!float" && !(prev.Tag == "!!str" && strings.Contains(prev.Value, ",")) {
		return false
	}
	if key.Value == "" || strings.Trim(key.Value, "0123456789") != "" {
		return false
	}
	return key.Line == prev.Line && key.Column == prev.Column+utf8.RuneCountInString(prev.Value)+1
}
