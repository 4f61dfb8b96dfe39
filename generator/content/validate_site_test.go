package content

import (
	"strings"
	"testing"
)

const siteBase = "title: Karriere\nbase_url: https://karriere.example/\nlanguage: de\ncategories:\n  - key: tech\n    title: Tech\n"

// siteErrorCase is one case of TestParseSiteErrors.
type siteErrorCase struct {
	name string
	src  string
	want []string
}

// siteErrorCases returns the cases of TestParseSiteErrors; TestExportSchemaCases exports them
// for the editor schema check.
func siteErrorCases() []siteErrorCase {
	const p = "site.yaml:"
	withURL := func(u string) string { return strings.Replace(siteBase, "https://karriere.example/", u, 1) }
	return []siteErrorCase{
		{"empty", "", []string{p + "1:1: site.yaml is empty; it needs at least title, base_url, language and categories"}},
		{"blank", " \n\n", []string{p + "1:1: site.yaml is empty; it needs at least title, base_url, language and categories"}},
		{"broken yaml", siteBase + "  - key: sales\n   title: Sales\n",
			[]string{p + "8:4: line 8 is indented differently from the keys above it: keys of one level start in the same column"}},
		{"unclosed list", "language: de\ntitle: [Karriere\n", []string{p + "2:8: title: the bracket [ is not closed on this line: title: [Karriere]"}},
		// On the first line yaml.v3 names where it noticed the problem: the
		// end of the file.
		{"unclosed list on line 1", "title: [Karriere\n", []string{p + "1:8: title: the bracket [ is not closed on this line: title: [Karriere]"}},
		{"list instead of mapping", "- title\n", []string{p + "1:1: site.yaml must be a mapping of keys to values"}},
		{"invalid utf-8", siteBase + "title: \"K\xe4se\"\n", []string{p + "7:10: invalid YAML: text is not valid UTF-8"}},
		{"nul", siteBase + "title: \"Ä\x00\"\n", []string{p + "7:10: invalid YAML: character U+0000 is not allowed in YAML"}},
		{"missing keys", "title: Karriere\n", []string{
			p + "1:1: missing required key \"base_url\"",
			p + "1:1: missing required key \"categories\"",
			p + "1:1: missing required key \"language\"",
		}},
		{"base_url relative", withURL("/karriere/"),
			[]string{p + "2:11: base_url: \"/karriere/\" must be an absolute http or https URL such as https://karriere.example.de/"}},
		{"base_url without scheme", withURL("karriere.example"),
			[]string{p + "2:11: base_url: \"karriere.example\" must be an absolute http or https URL such as https://karriere.example.de/"}},
		{"base_url ftp", withURL("ftp://karriere.example/"),
			[]string{p + "2:11: base_url: \"ftp://karriere.example/\" must be an absolute http or https URL such as https://karriere.example.de/"}},
		{"base_url query", withURL("https://karriere.example/?utm=x"),
			[]string{p + "2:11: base_url: \"https://karriere.example/?utm=x\" must not carry a query or fragment"}},
		{"base_url empty query", withURL("https://karriere.example/?"),
			[]string{p + "2:11: base_url: \"https://karriere.example/?\" must not carry a query or fragment"}},
		{"base_url fragment", withURL("\"https://karriere.example/#jobs\""),
			[]string{p + "2:11: base_url: \"https://karriere.example/#jobs\" must not carry a query or fragment"}},
		{"base_url user", withURL("https://admin:geheim@karriere.example/"),
			[]string{p + "2:11: base_url: \"https://admin:geheim@karriere.example/\" must not carry a user name or password"}},
		{"language name", strings.Replace(siteBase, "language: de", "language: Deutsch", 1),
			[]string{p + "3:11: language: \"Deutsch\" is not a language tag like de or de-AT"}},
		{"language underscore", strings.Replace(siteBase, "language: de", "language: de_DE", 1),
			[]string{p + "3:11: language: \"de_DE\" is not a language tag like de or de-AT"}},
		{"host unknown", siteBase + "host: netlfy\n",
			[]string{p + "7:7: host: \"netlfy\" is not one of netlify, cloudflare-pages, github-pages, s3 (did you mean \"netlify\"?)"}},
		{"listing zero", siteBase + "listing: {page_size: 0}\n",
			[]string{p + "7:22: listing.page_size: 0 is out of range (1 to 1000)"}},
		{"listing too large", siteBase + "listing:\n  home_per_category: 1001\n",
			[]string{p + "8:22: listing.home_per_category: 1001 is out of range (1 to 1000)"}},
		{"listing not a number", siteBase + "listing: {location_category_min: \"3\"}\n",
			[]string{p + "7:34: listing.location_category_min: want a whole number, got \"3\""}},
		{"listing unknown key", siteBase + "listing: {page_sise: 20}\n",
			[]string{p + "7:11: unknown key \"listing.page_sise\" (did you mean \"listing.page_size\"?)"}},
		{"duplicate category", siteBase + "  - key: tech\n    title: Technik\n",
			[]string{p + "7:10: categories[1].key: category \"tech\" is defined twice (also at site.yaml:5:10)"}},
		{"bad category key", siteBase + "  - key: Tech_Dev\n    title: Technik\n",
			[]string{p + "7:10: categories[1].key: \"Tech_Dev\" must be lowercase letters, digits and hyphens"}},
		{"category key with umlaut", siteBase + "  - key: führung\n    title: Führung\n",
			[]string{p + "7:10: categories[1].key: \"führung\" must be lowercase letters, digits and hyphens"}},
		{"reserved category key", siteBase + "  - key: assets\n    title: Assets\n",
			[]string{p + "7:10: categories[1].key: \"assets\" is reserved for generated files"}},
		{"category without title", siteBase + "  - key: sales\n",
			[]string{p + "7:5: categories[1]: a category needs key and title"}},
		{"category without key", siteBase + "  - title: Sales\n",
			[]string{p + "7:5: categories[1]: a category needs key and title"}},
		{"category scalar", siteBase + "  - sales\n",
			[]string{p + "7:5: categories[1]: want a mapping of keys to values, got \"sales\""}},
		{"category unknown key", siteBase + "    titel: Technik\n",
			[]string{p + "7:5: unknown key \"categories[0].titel\" (did you mean \"categories[0].title\"?)"}},
		{"categories scalar", strings.Replace(siteBase, "categories:\n  - key: tech\n    title: Tech\n", "categories: tech\n", 1),
			[]string{p + "4:13: categories: want a list of categories, got \"tech\""}},
		{"categories empty", strings.Replace(siteBase, "categories:\n  - key: tech\n    title: Tech\n", "categories: []\n", 1),
			[]string{p + "4:1: categories: define at least one category"}},
		{"bad email", siteBase + "contact: {email: karriere-at-example.de, phone: \"+49 40 1\"}\n",
			[]string{p + "7:18: contact.email: \"karriere-at-example.de\" is not an e-mail address"}},
		{"email with name", siteBase + "contact:\n  email: \"Karriere <karriere@example.de>\"\n",
			[]string{p + "8:10: contact.email: \"Karriere <karriere@example.de>\" is not an e-mail address"}},
		{"bad phone", siteBase + "contact: {email: karriere@example.de, phone: \"040 / 12 34 ext. 5\"}\n",
			[]string{p + "7:46: contact.phone: \"040 / 12 34 ext. 5\" is not a phone number (digits, spaces, + ( ) / -)"}},
		{"indexnow key too short", siteBase + "indexnow: {key: abc123}\n",
			[]string{p + "7:17: indexnow.key: \"abc123\" is not an IndexNow key: 8 to 128 characters, each a letter a-z or A-Z, a digit or a hyphen (e.g. 32 random hexadecimal digits)"}},
		{"indexnow key with underscore", siteBase + "indexnow:\n  key: abc_12345678\n",
			[]string{p + "8:8: indexnow.key: \"abc_12345678\" is not an IndexNow key: 8 to 128 characters, each a letter a-z or A-Z, a digit or a hyphen (e.g. 32 random hexadecimal digits)"}},
		{"indexnow key too long", siteBase + "indexnow:\n  key: " + strings.Repeat("a", 129) + "\n",
			[]string{p + "8:8: indexnow.key: \"" + strings.Repeat("a", 129) + "\" is not an IndexNow key: 8 to 128 characters, each a letter a-z or A-Z, a digit or a hyphen (e.g. 32 random hexadecimal digits)"}},
		{"indexnow unknown key", siteBase + "indexnow: {keys: abcdefgh}\n",
			[]string{p + "7:11: missing required key \"indexnow.key\"", p + "7:12: unknown key \"indexnow.keys\" (did you mean \"indexnow.key\"?)"}},
		{"indexnow empty", siteBase + "indexnow: {}\n",
			[]string{p + "7:11: missing required key \"indexnow.key\""}},
		{"contact list", siteBase + "contact: [karriere@example.de]\n",
			[]string{p + "7:10: contact: want a mapping of keys to values, got a list"}},
		{"organization scalar", siteBase + "organization: Nordwind\n",
			[]string{p + "7:15: organization: want a mapping with name, url, logo and same_as, got \"Nordwind\""}},
		{"organization without name", siteBase + "organization: {url: \"https://nordwind.example/\"}\n",
			[]string{p + "7:15: organization: name is required"}},
		{"organization urls", siteBase + "organization: {name: N, url: nordwind.example, logo: \"ftp://n/\", same_as: [x]}\n", []string{
			p + "7:30: organization.url: \"nordwind.example\" is not an absolute http or https URL",
			p + "7:54: organization.logo: \"ftp://n/\" is not an absolute http or https URL",
			p + "7:76: organization.same_as: \"x\" is not an absolute http or https URL",
		}},
		{"defaults", siteBase + "defaults:\n  employment_type: FULLTIME\n  salary_currency: eur\n  hiring_organization: Nordwind\n  location: {locality: Hamburg, country: de}\n  lang: de\n", []string{
			p + "8:20: defaults.employment_type: \"FULLTIME\" is not one of FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, PER_DIEM, OTHER (did you mean \"FULL_TIME\"?)",
			p + "9:20: defaults.salary_currency: \"eur\" is not an ISO 4217 currency code (did you mean \"EUR\"?)",
			p + "10:24: defaults.hiring_organization: want confidential or a mapping with name and url, got \"Nordwind\"",
			p + "11:42: defaults.location.country: \"de\" is not an ISO 3166-1 alpha-2 country code (did you mean \"DE\"?)",
			p + "12:3: unknown key \"defaults.lang\"",
		}},
		{"unknown keys", siteBase + "titel: x\nbaseurl: y\n", []string{
			p + "7:1: unknown key \"titel\" (did you mean \"title\"?)",
			p + "8:1: unknown key \"baseurl\" (did you mean \"base_url\"?)",
		}},
		{"key set twice", siteBase + "title: Noch einmal\n", []string{p + "7:1: key \"title\" is set twice"}},
		{"crlf", strings.ReplaceAll(siteBase+"titel: x\n", "\n", "\r\n"),
			[]string{p + "7:1: unknown key \"titel\" (did you mean \"title\"?)"}},
		{"byte order mark", "\ufeff" + strings.Replace(siteBase, "language: de", "language: Ä", 1),
			[]string{p + "3:11: language: \"Ä\" is not a language tag like de or de-AT"}},
		{"byte order mark and control character on line 1", "\ufefftitle: \"\x01\"\n",
			[]string{p + "1:9: invalid YAML: character U+0001 is not allowed in YAML"}},
		{"control character in the site title", strings.Replace(siteBase, "title: Karriere", "title: \"\\aKarriere\"", 1),
			[]string{p + "1:8: title: control character U+0007 is not allowed"}},
		{"bidi isolate in a category", strings.Replace(siteBase, "title: Karriere", "title: \"Karriere\u2067\"", 1),
			[]string{p + "1:8: title: bidirectional control U+2067 is not allowed; remove it, it reorders the text around it"}},
		{"title over the field limit", strings.Replace(siteBase, "title: Karriere", "title: "+strings.Repeat("K", 2001), 1),
			[]string{p + "1:8: title: 2001 characters, the limit is 2000"}},
	}
}

func TestParseSiteErrors(t *testing.T) {
	for _, tt := range siteErrorCases() {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := ParseSite("site.yaml", []byte(tt.src))
			diffMessages(t, messages(errs), tt.want)
		})
	}
}

func TestParseSiteAccepts(t *testing.T) {
	s, errs := ParseSite("site.yaml", []byte(strings.Replace(siteBase, "https://karriere.example/", "https://karriere.example/de", 1)+
		"contact: {email: karriere@example.de, phone: \"+49 (40) 123-45/6\"}\n"+
		"defaults: {hiring_organization: confidential, employment_type: [FULL_TIME, PART_TIME], salary_currency: CHF}\n"+
		"indexnow: {key: 12345678}\n"))
	if len(errs) > 0 {
		t.Fatalf("unexpected messages:\n%s", errs)
	}
	if s.IndexNowKey != "12345678" {
		t.Errorf("IndexNowKey = %q, want the digits as text", s.IndexNowKey)
	}
	if s.BaseURL != "https://karriere.example/de/" {
		t.Errorf("BaseURL = %q, want a trailing slash added", s.BaseURL)
	}
	if !s.Defaults.HiringOrganization.Confidential || len(s.Defaults.EmploymentType) != 2 || s.Defaults.SalaryCurrency != "CHF" {
		t.Errorf("defaults = %+v", s.Defaults)
	}
	if s.Listing != DefaultListing() {
		t.Errorf("listing = %+v, want the defaults %+v", s.Listing, DefaultListing())
	}
	s, errs = ParseSite("site.yaml", []byte(siteBase+"listing: {home_per_category: 3, page_size: 20}\n"))
	if want := (Listing{HomePerCategory: 3, PageSize: 20, LocationCategoryMin: 3}); len(errs) > 0 || s.Listing != want {
		t.Errorf("listing = %+v (%v), want %+v", s.Listing, errs, want)
	}
	if _, errs := ParseSite("site.toml", []byte(siteBase)); len(errs) != 1 || errs[0].String() != "site.toml:1:1: site configuration must be YAML" {
		t.Errorf("site.toml: %v", errs)
	}
}
