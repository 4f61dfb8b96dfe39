package i18n

import (
	"golang.org/x/text/language"
	"testing"
	"time"
)

func locale(t *testing.T, lang string) *Locale {
	t.Helper()
	s, errs := Load("")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	l, err := s.Locale(lang)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestNumber(t *testing.T) {
	de, en := locale(t, "de"), locale(t, "en-GB")
	tests := []struct {
		in     float64
		de, en string
	}{
		{0.01, "0,01", "0.01"}, // the smallest salary content accepts
		{0.1, "0,10", "0.10"},
		{0.004, "0,004", "0.004"}, // never rounded to nothing
		{1, "1", "1"},
		{42.5, "42,50", "42.50"},
		{999, "999", "999"},
		{1000, "1.000", "1,000"},
		{55000, "55.000", "55,000"},
		{55000.5, "55.000,50", "55,000.50"},
		{62000.05, "62.000,05", "62,000.05"},
		{85000.00, "85.000", "85,000"},
		{999.994, "999,99", "999.99"},
		{999.995, "1.000", "1,000"}, // carry into the thousands, cents gone
		{999.99, "999,99", "999.99"},
		{55000.999, "55.001", "55,001"},
		{99999.996, "100.000", "100,000"},
		{1234567.89, "1.234.567,89", "1,234,567.89"},
		{1e9, "1.000.000.000", "1,000,000,000"},
		{9.3e18, "9.300.000.000.000.000.000", "9,300,000,000,000,000,000"},
		{1e21, "1.000.000.000.000.000.000.000", "1,000,000,000,000,000,000,000"},
		{-1500, "-1.500", "-1,500"},
	}
	for _, tt := range tests {
		if got := de.Number(tt.in); got != tt.de {
			t.Errorf("de Number(%v) = %q, want %q", tt.in, got, tt.de)
		}
		if got := en.Number(tt.in); got != tt.en {
			t.Errorf("en Number(%v) = %q, want %q", tt.in, got, tt.en)
		}
	}
}

func TestSalary(t *testing.T) {
	tests := []struct {
		lang           string
		min, max       float64
		currency, unit string
		want           string
	}{
		{"de", 55000, 85000, "EUR", "YEAR", "55.000\u202f–\u202f85.000\u00a0€ pro Jahr"},
		{"de", 62000, 62000, "EUR", "YEAR", "62.000\u00a0€ pro Jahr"},
		{"de-AT", 62000, 62000, "EUR", "YEAR", "62.000\u00a0€ pro Jahr"},
		{"de", 18.5, 24, "CHF", "HOUR", "18,50\u202f–\u202f24\u00a0CHF pro Stunde"},
		{"de", 650, 999.995, "SEK", "DAY", "650\u202f–\u202f1.000\u00a0SEK pro Tag"},
		{"de", 4500, 6000.25, "USD", "MONTH", "4.500\u202f–\u202f6.000,25\u00a0US-$ pro Monat"},
		{"en", 62000, 62000, "EUR", "YEAR", "€62,000 per year"},
		{"en-GB", 55000, 85000, "EUR", "YEAR", "€55,000\u202f–\u202f85,000 per year"},
		{"en-GB", 18.5, 24, "CHF", "HOUR", "CHF\u00a018.50\u202f–\u202f24 per hour"},
		{"en-GB", 4500, 6000.25, "USD", "MONTH", "US$4,500\u202f–\u202f6,000.25 per month"},
		{"en-US", 4500, 4500, "USD", "WEEK", "$4,500 per week"},
		{"en", 650, 700, "SEK", "DAY", "SEK650\u202f–\u202f700 per day"},
	}
	for _, tt := range tests {
		if got := locale(t, tt.lang).Salary(tt.min, tt.max, tt.currency, tt.unit); got != tt.want {
			t.Errorf("%s Salary(%v, %v, %s, %s) = %q, want %q", tt.lang, tt.min, tt.max, tt.currency, tt.unit, got, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	d := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{
		"de": "31. Dezember 2026", "de-DE": "31. Dezember 2026", "de-AT": "31. Dezember 2026",
		"en": "31 December 2026", "en-GB": "31 December 2026", "en-US": "December 31, 2026",
	} {
		if got := locale(t, lang).Date(d); got != want {
			t.Errorf("%s Date = %q, want %q", lang, got, want)
		}
		if got := locale(t, lang).Date(time.Time{}); got != "" {
			t.Errorf("%s Date(zero) = %q, want \"\"", lang, got)
		}
	}
}

func TestCountry(t *testing.T) {
	de, en := locale(t, "de"), locale(t, "en")
	// The names the renderer wrote before the catalogue came from a table
	// of its own; they must stay the same.
	for code, want := range map[string]string{"DE": "Deutschland", "AT": "Österreich", "CH": "Schweiz",
		"NL": "Niederlande", "PL": "Polen", "ES": "Spanien", "PT": "Portugal", "FR": "Frankreich", "IT": "Italien", "BE": "Belgien", "LU": "Luxemburg"} {
		if got := de.Country(code); got != want {
			t.Errorf("de Country(%s) = %q, want %q", code, got, want)
		}
	}
	for code, want := range map[string]string{"DE": "Germany", "AT": "Austria", "GB": "United Kingdom", "XX": "XX", "": ""} {
		if got := en.Country(code); got != want {
			t.Errorf("en Country(%s) = %q, want %q", code, got, want)
		}
	}
	if got := de.List("list_or", []string{de.Country("DE"), de.Country("AT"), de.Country("CH")}); got != "Deutschland, Österreich oder Schweiz" {
		t.Errorf("de List = %q", got)
	}
	if got := en.List("list_and", []string{"A", "B"}); got != "A and B" {
		t.Errorf("en List = %q", got)
	}
}

func TestPlural(t *testing.T) {
	de, en := locale(t, "de"), locale(t, "en")
	tests := []struct {
		l    *Locale
		key  string
		n    int
		want string
	}{
		{de, "count_open", 0, "Keine offene Position"},
		{de, "count_open", 1, "1 offene Position"},
		{de, "count_open", 2, "2 offene Positionen"},
		{de, "count_open", 1500, "1.500 offene Positionen"},
		{de, "stat_open", 1, "offene Position"},
		{de, "stat_open", 0, "offene Positionen"}, // no zero form: CLDR's other
		{en, "count_open", 0, "No open positions"},
		{en, "count_open", 1, "1 open position"},
		{en, "count_open", 21, "21 open positions"},
		{en, "count_open", 1500, "1,500 open positions"},
		{en, "count_more_profiles", 1, "1 more role profile"},
	}
	for _, tt := range tests {
		got, err := tt.l.T(tt.key, tt.n)
		if err != nil || got != tt.want {
			t.Errorf("%s T(%s, %d) = %q, %v; want %q", tt.l.Lang, tt.key, tt.n, got, err, tt.want)
		}
	}
	// A language with more forms: Polish has one, few and many.
	f, errs := Parse("pl.yaml", []byte("n:\n  one: \"{0} oferta\"\n  few: \"{0} oferty\"\n  many: \"{0} ofert\"\n  other: \"{0} oferty\"\n"))
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	pl := &Locale{Tag: mustTag(t, "pl"), Lang: "pl", msgs: f.Msgs}
	pl.init()
	for n, want := range map[int]string{1: "1 oferta", 2: "2 oferty", 5: "5 ofert", 22: "22 oferty", 25: "25 ofert"} {
		if got, _ := pl.T("n", n); got != want {
			t.Errorf("pl T(n, %d) = %q, want %q", n, got, want)
		}
	}
}

func mustTag(t *testing.T, s string) language.Tag {
	t.Helper()
	tg, err := Tag(s)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func TestTErrors(t *testing.T) {
	de := locale(t, "de")
	for _, tt := range []struct {
		key  string
		args []any
	}{
		{"nope", nil},
		{"count_open", nil},           // a count is needed
		{"count_open", []any{"drei"}}, // a whole number
		{"email_agency", nil},         // {0} without an argument
	} {
		if got, err := de.T(tt.key, tt.args...); err == nil {
			t.Errorf("T(%s, %v) = %q, want an error", tt.key, tt.args, got)
		}
	}
}
