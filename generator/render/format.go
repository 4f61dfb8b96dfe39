package render

import "strings"

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

// countryList names the countries of codes in the site's language, the
// last joined by list_or: "Deutschland, Österreich oder Schweiz".
func (c *Context) countryList(codes []string) string {
	names := make([]string, len(codes))
	for i, code := range codes {
		names[i] = c.loc.Country(code)
	}
	return c.loc.List("list_or", names)
}
