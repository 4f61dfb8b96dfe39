package render

import (
	"strconv"
	"strings"
	"time"
)

// German labels for the visible page. The JSON-LD keeps schema.org's codes.
var employmentLabels = map[string]string{
	"FULL_TIME":  "Vollzeit",
	"PART_TIME":  "Teilzeit",
	"CONTRACTOR": "Freiberuflich",
	"TEMPORARY":  "Befristet",
	"INTERN":     "Praktikum",
	"VOLUNTEER":  "Ehrenamt",
	"PER_DIEM":   "Tageweise",
	"OTHER":      "Sonstige",
}

var unitLabels = map[string]string{
	"HOUR":  "pro Stunde",
	"DAY":   "pro Tag",
	"WEEK":  "pro Woche",
	"MONTH": "pro Monat",
	"YEAR":  "pro Jahr",
}

var currencySymbols = map[string]string{"EUR": "€", "CHF": "CHF", "USD": "US-$", "GBP": "£"}

var germanMonths = [...]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
	"August", "September", "Oktober", "November", "Dezember"}

// germanDate prints "1. November 2026".
func germanDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.Itoa(t.Day()) + ". " + germanMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// germanNumber prints 55000 as "55.000" and 42.5 as "42,50".
func germanNumber(f float64) string {
	whole := int64(f)
	frac := f - float64(whole)
	s := strconv.FormatInt(whole, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if frac > 0.004 {
		cents := strconv.FormatFloat(frac, 'f', 2, 64)
		b.WriteString("," + cents[2:])
	}
	return b.String()
}

// salaryText prints a band as "55.000 – 85.000 € pro Jahr".
func salaryText(min, max float64, currency, unit string) string {
	sym := currencySymbols[currency]
	if sym == "" {
		sym = currency
	}
	band := germanNumber(min)
	if max != min {
		band += "\u202f–\u202f" + germanNumber(max)
	}
	return band + "\u00a0" + sym + " " + unitLabels[unit]
}

// ogLocale turns a language tag into an Open Graph locale: de -> de_DE.
func ogLocale(lang string) string {
	parts := strings.Split(lang, "-")
	if len(parts) >= 2 && len(parts[1]) == 2 {
		return strings.ToLower(parts[0]) + "_" + strings.ToUpper(parts[1])
	}
	switch l := strings.ToLower(parts[0]); l {
	case "en":
		return "en_US"
	case "":
		return ""
	default:
		return l + "_" + strings.ToUpper(l)
	}
}

// countryNames are German names for the countries a remote role most
// often names; others print as their code.
var countryNames = map[string]string{"DE": "Deutschland", "AT": "Österreich", "CH": "Schweiz",
	"NL": "Niederlande", "PL": "Polen", "ES": "Spanien", "PT": "Portugal", "FR": "Frankreich", "IT": "Italien", "BE": "Belgien", "LU": "Luxemburg"}

func countryList(codes []string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		if n := countryNames[c]; n != "" {
			names[i] = n
		} else {
			names[i] = c
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " oder " + names[len(names)-1]
}
