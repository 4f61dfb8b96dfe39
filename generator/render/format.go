package render

import (
	"math"
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

// germanNumber prints a figure as German writes it: 55000 as "55.000",
// 42.5 as "42,50", cents only when they are not zero. It rounds half up
// to cents on the figure's shortest exact decimal form, so 999.995 prints
// "1.000" and 55000.999 "55.001"; a figure that would round to 0 keeps
// all its decimals ("0,004"). Any size prints right: 9.3e18 is
// "9.300.000.000.000.000.000".
func germanNumber(f float64) string {
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
			b.WriteByte('.')
		}
		b.WriteByte(whole[i])
	}
	if strings.Trim(frac, "0") != "" {
		if len(frac) == 1 {
			frac += "0"
		}
		b.WriteString("," + frac)
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
