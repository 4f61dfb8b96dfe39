package render

import "testing"

func TestGermanNumber(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0.01, "0,01"}, // the smallest salary content accepts
		{0.1, "0,10"},
		{0.004, "0,004"}, // never rounded to nothing
		{1, "1"},
		{42.5, "42,50"},
		{999, "999"},
		{1000, "1.000"},
		{55000, "55.000"},
		{55000.5, "55.000,50"},
		{62000.05, "62.000,05"},
		{85000.00, "85.000"},
		{999.994, "999,99"},
		{999.995, "1.000"}, // carry into the thousands, cents gone
		{999.99, "999,99"},
		{55000.999, "55.001"},
		{99999.996, "100.000"},
		{1234567.89, "1.234.567,89"},
		{1e9, "1.000.000.000"},
		{9.3e18, "9.300.000.000.000.000.000"},
		{1e21, "1.000.000.000.000.000.000.000"},
		{-1500, "-1.500"},
	}
	for _, tt := range tests {
		if got := germanNumber(tt.in); got != tt.want {
			t.Errorf("germanNumber(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSalaryText(t *testing.T) {
	tests := []struct {
		min, max       float64
		currency, unit string
		want           string
	}{
		{55000, 85000, "EUR", "YEAR", "55.000\u202f–\u202f85.000\u00a0€ pro Jahr"},
		{62000, 62000, "EUR", "YEAR", "62.000\u00a0€ pro Jahr"},
		{18.5, 24, "CHF", "HOUR", "18,50\u202f–\u202f24\u00a0CHF pro Stunde"},
		{650, 999.995, "SEK", "DAY", "650\u202f–\u202f1.000\u00a0SEK pro Tag"},
		{4500, 6000.25, "USD", "MONTH", "4.500\u202f–\u202f6.000,25\u00a0US-$ pro Monat"},
	}
	for _, tt := range tests {
		if got := salaryText(tt.min, tt.max, tt.currency, tt.unit); got != tt.want {
			t.Errorf("salaryText(%v, %v, %s, %s) = %q, want %q", tt.min, tt.max, tt.currency, tt.unit, got, tt.want)
		}
	}
}
