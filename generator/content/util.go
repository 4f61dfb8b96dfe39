package content

import "strconv"

func itoa(i int) string { return strconv.Itoa(i) }

// fmtNum prints a number without a needless fraction.
func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
