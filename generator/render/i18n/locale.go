package i18n

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Locale is the merged catalogue of one site language (Set.Locale). It is
// read-only and safe for concurrent use.
type Locale struct {
	Tag  language.Tag
	Lang string // the site language as written: "en-GB"
	msgs map[string]*Message
	// Formats, read from the catalogue once.
	decimal, group string
	months         [12]string
	regions        display.Namer
}

func (l *Locale) init() {
	l.decimal, l.group = l.plain("format_decimal"), l.plain("format_group")
	for i := range l.months {
		l.months[i] = l.plain("month_" + strconv.Itoa(i+1))
	}
	l.regions = display.Regions(l.Tag)
}

// plain is the text of a message without arguments, or "".
func (l *Locale) plain(key string) string {
	s, _ := l.T(key)
	return s
}

// T returns message key with args: {{t "email_agency" .Site.AgencyName}}
// gives "E-Mail an Nordwind Recruiting GmbH". A message with plural forms
// takes the count as its first argument: {{t "count_open" 3}} gives
// "3 offene Positionen". Numbers are written as the language writes them.
func (l *Locale) T(key string, args ...any) (string, error) {
	m := l.msgs[key]
	if m == nil {
		return "", fmt.Errorf("no message %q for language %s", key, l.Lang)
	}
	t := m.forms[plural.Other]
	if m.plural {
		if len(args) == 0 {
			return "", fmt.Errorf("message %q has plural forms: give the count as its first argument", key)
		}
		n, ok := count(args[0])
		if !ok {
			return "", errors.New("message " + strconv.Quote(key) + ": the count is no whole number")
		}
		t = l.form(m, n)
	}
	if t.args > len(args) {
		return "", errors.New("message " + strconv.Quote(key) + " uses {" + strconv.Itoa(t.args-1) + "}, given " + strconv.Itoa(len(args)) + " arguments")
	}
	if len(t.parts) == 1 && t.parts[0].arg < 0 {
		return t.parts[0].lit, nil
	}
	// The errors are made without fmt, which would make every argument
	// escape to the heap.
	var strs [4]string
	texts := strs[:0]
	for i, a := range args {
		s, ok := l.arg(a)
		if !ok {
			return "", errors.New("message " + strconv.Quote(key) + ": argument {" + strconv.Itoa(i) + "} is neither text nor a number")
		}
		texts = append(texts, s)
	}
	return t.fill(texts...), nil
}

// fill writes t with args.
func (t *text) fill(args ...string) string {
	if len(t.parts) == 1 && t.parts[0].arg < 0 {
		return t.parts[0].lit
	}
	n := 0
	for _, p := range t.parts {
		if p.arg < 0 {
			n += len(p.lit)
		} else if p.arg < len(args) {
			n += len(args[p.arg])
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range t.parts {
		switch {
		case p.arg < 0:
			b.WriteString(p.lit)
		case p.arg < len(args):
			b.WriteString(args[p.arg])
		}
	}
	return b.String()
}

// format writes the message key, which has no plural forms, with args;
// a missing message or argument writes nothing in its place (the
// catalogues the renderer accepts have every key it uses).
func (l *Locale) format(key string, args ...string) string {
	m := l.msgs[key]
	if m == nil {
		return ""
	}
	return m.forms[plural.Other].fill(args...)
}

// form chooses the text of plural message m for count n.
func (l *Locale) form(m *Message, n int) *text {
	if n == 0 && m.zero != nil {
		return m.zero
	}
	abs := n
	if abs < 0 {
		abs = -abs
	}
	if f := plural.Cardinal.MatchPlural(l.Tag, abs, 0, 0, 0, 0); m.forms[f] != nil {
		return m.forms[f]
	}
	return m.forms[plural.Other]
}

func count(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	}
	return 0, false
}

// arg writes an argument: a text as it is, a number as the language
// writes it; ok is false for other values.
func (l *Locale) arg(v any) (s string, ok bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case int:
		return l.Number(float64(v)), true
	case int64:
		return l.Number(float64(v)), true
	case float64:
		return l.Number(v), true
	}
	return "", false
}

// Number writes a figure as the language does: 55000 as "55.000" in
// German and "55,000" in English, 42.5 as "42,50" and "42.50", cents only
// when they are not zero. It rounds half up to cents on the figure's
// shortest exact decimal form, so 999.995 is "1.000" and 55000.999
// "55.001"; a figure that would round to 0 keeps all its decimals
// ("0,004"). Any size prints right: 9.3e18 is "9.300.000.000.000.000.000".
func (l *Locale) Number(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	whole, frac, _ := strings.Cut(strconv.FormatFloat(f, 'f', -1, 64), ".")
	if len(frac) > 2 {
		w, c := roundCents(whole, frac)
		if strings.Trim(w+c, "0") != "" {
			whole, frac = w, c
		}
	}
	var b strings.Builder
	b.WriteString(sign)
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(l.group)
		}
		b.WriteByte(whole[i])
	}
	if strings.Trim(frac, "0") != "" {
		if len(frac) == 1 {
			frac += "0"
		}
		b.WriteString(l.decimal + frac)
	}
	return b.String()
}

// roundCents rounds the decimal digits whole.frac half up to two
// decimals, carrying into whole: ("999", "995") is ("1000", "00").
func roundCents(whole, frac string) (string, string) {
	up := frac[2] >= '5'
	digits := []byte(whole + frac[:2])
	for i := len(digits) - 1; up && i >= 0; i-- {
		if digits[i] == '9' {
			digits[i] = '0'
			continue
		}
		digits[i]++
		up = false
	}
	if up {
		digits = append([]byte{'1'}, digits...)
	}
	n := len(digits)
	return string(digits[:n-2]), string(digits[n-2:])
}

// Salary writes a salary band with its currency (ISO 4217) and unit
// (schema.org's HOUR, DAY, WEEK, MONTH, YEAR): "55.000 – 85.000 € pro
// Jahr" in German, "€55,000 – 85,000 per year" in English. A currency
// without a symbol in the catalogue (currency_XYZ) is written as its
// code.
func (l *Locale) Salary(min, max float64, currency, unit string) string {
	band := l.Number(min)
	if max != min {
		band = l.format("format_range", band, l.Number(max))
	}
	sym := l.symbol(currency)
	money := l.format("format_money", band, sym)
	if m := l.unit(unit); m != nil {
		return m.forms[plural.Other].fill(money)
	}
	return money
}

// symbol is the currency's symbol (currency_EUR), or its code.
func (l *Locale) symbol(currency string) string {
	if m := l.msgs["currency_"+currency]; m != nil {
		return m.forms[plural.Other].fill()
	}
	return currency
}

// unit is the message of a salary unit (salary_YEAR), or nil.
func (l *Locale) unit(unit string) *Message { return l.msgs["salary_"+unit] }

// Date writes t as the language does: "31. Dezember 2026" in German, "31
// December 2026" in English, "December 31, 2026" in American English; ""
// for the zero time.
func (l *Locale) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return l.format("format_date", strconv.Itoa(t.Day()), l.months[t.Month()-1], strconv.Itoa(t.Year()))
}

// Country names a country by its ISO 3166 code in the language
// (golang.org/x/text/language/display): "DE" is "Deutschland" in German
// and "Germany" in English; a code it does not know stays as it is.
func (l *Locale) Country(code string) string {
	r, err := language.ParseRegion(code)
	if err != nil || l.regions == nil {
		return code
	}
	if n := l.regions.Name(r); n != "" {
		return n
	}
	return code
}

// List joins items with commas and the last with conjunction key
// (list_and, list_or): "A, B oder C".
func (l *Locale) List(key string, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return l.format(key, strings.Join(items[:len(items)-1], ", "), items[len(items)-1])
}
