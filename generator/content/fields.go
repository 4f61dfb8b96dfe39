package content

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Kind is the type of value a front-matter or site.yaml key takes.
type Kind int

// The kinds of value a key takes.
const (
	KindText                  Kind = iota + 1 // text; a number is taken as written
	KindTextList                              // a list of text, or one text as a list of one
	KindNumber                                // a number, decimals allowed
	KindInteger                               // a whole number
	KindBoolean                               // true or false
	KindDate                                  // YYYY-MM-DD
	KindURL                                   // an absolute http or https URL
	KindMapping                               // a mapping with the keys in Fields
	KindMappingList                           // a list of mappings with the keys in Fields
	KindConfidentialOrMapping                 // the word confidential, or a mapping with the keys in Fields
)

// Field describes one key of role front matter or site.yaml: what the
// decoder accepts for it and what an editor is told about it. The decoder
// takes its known keys, its "did you mean" candidates and its required keys
// from these tables, and generator/schema turns them into JSON Schema, so
// the two cannot drift apart.
type Field struct {
	Name     string
	Kind     Kind
	Required bool // the key must be set (and, for text, not be empty)

	// Limits on text and on each item of a text list.
	MaxLength int      // characters; 0: only the general field limit
	Pattern   string   // a regular expression the value must match (RE2 and ECMA-262 alike)
	Values    []string // the value must be one of these
	// Items of a list must not be empty; numbers may be given instead of
	// text only where NumberAsText is set.
	NumberAsText bool
	Reserved     []string // values the key must not take
	// IsName marks a role name (title, synonyms): one line with a letter
	// or digit.
	IsName bool

	// Limits on lists.
	Nullable bool // an empty key (nothing after the colon) is an empty list
	MinItems int

	// Limits on numbers.
	Minimum, Maximum     *float64 // inclusive bounds
	ExclusiveMinimum     *float64 // the value must be greater
	MaxPerUnit           map[string]float64
	MaxPerUnitDefaultKey string // the unit assumed when unit is not set

	Fields      []Field  // the keys of a mapping (KindMapping, KindMappingList, KindConfidentialOrMapping)
	AnyRequired []string // a mapping must set at least one of these keys

	Description   string // one line in English
	DescriptionDE string // the same line in German
	Example       string // a valid value as YAML flow text, for leaves
}

// lookupField returns the field named name among fields, or nil.
func lookupField(fields []Field, name string) *Field {
	for i := range fields {
		if fields[i].Name == name {
			return &fields[i]
		}
	}
	return nil
}

// fieldNames returns the names of fields in table order.
func fieldNames(fields []Field) []string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	return names
}

// requiredNames returns the names of fields that must be set, in table
// order.
func requiredNames(fields []Field) []string {
	var out []string
	for _, f := range fields {
		if f.Required {
			out = append(out, f.Name)
		}
	}
	return out
}

// requiredKey names a key a mapping must set.
type requiredKey struct{ key string }

// requiredKeys returns requiredNames as requiredKey values.
func requiredKeys(fields []Field) []requiredKey {
	names := requiredNames(fields)
	out := make([]requiredKey, len(names))
	for i, name := range names {
		out[i] = requiredKey{name}
	}
	return out
}

// RoleFields returns the table of role front-matter keys. The caller owns
// the copy.
func RoleFields() []Field { return cloneFields(roleFields) }

// SiteFields returns the table of site.yaml keys. The caller owns the copy.
func SiteFields() []Field { return cloneFields(siteFields) }

func cloneFields(fields []Field) []Field {
	out := make([]Field, len(fields))
	for i, f := range fields {
		f.Values = append([]string(nil), f.Values...)
		f.Reserved = append([]string(nil), f.Reserved...)
		f.AnyRequired = append([]string(nil), f.AnyRequired...)
		if f.MaxPerUnit != nil {
			m := make(map[string]float64, len(f.MaxPerUnit))
			for k, v := range f.MaxPerUnit {
				m[k] = v
			}
			f.MaxPerUnit = m
		}
		f.Fields = cloneFields(f.Fields)
		out[i] = f
	}
	return out
}

func float(v float64) *float64 { return &v }

// datePattern is YYYY-MM-DD with a year from earliestDate to latestDate
// (1970 to 2200); whether the day exists in its month is the date format's
// business.
const datePattern = `^(19[7-9][0-9]|20[0-9]{2}|21[0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`

// httpURLPattern is an absolute http or https URL with a host.
const httpURLPattern = `^https?://[^/?#\s]+`

// iscoPattern is an ISCO-08 unit group: 4 digits.
const iscoPattern = `^[0-9]{4}$`

// codeList splits a space-separated code list such as countryCodes.
func codeList(list string) []string { return strings.Fields(list) }

// maxPerUnit is, for each salary unit, the most one figure may be so
// that it comes to at most maxYearlySalary a year.
func maxPerUnit() map[string]float64 {
	m := make(map[string]float64, len(salaryBands))
	for unit, band := range salaryBands {
		m[unit] = maxYearlySalary / band.perYear
	}
	return m
}

// employerFields are the keys of an employer or of the agency.
func employerFields(nameDE string) []Field {
	return []Field{
		{Name: "name", Kind: KindText, Required: true, NumberAsText: true,
			Description: "The organization's name.", DescriptionDE: "Name des " + nameDE + ".", Example: `"Beispiel Shop AG"`},
		{Name: "url", Kind: KindURL,
			Description: "Its website: an absolute http or https URL.", DescriptionDE: "Website: absolute http- oder https-URL.", Example: `"https://shop.example/"`},
		{Name: "logo", Kind: KindURL,
			Description: "Its logo: an absolute http or https URL.", DescriptionDE: "Logo: absolute http- oder https-URL.", Example: `"https://shop.example/logo.png"`},
		{Name: "same_as", Kind: KindTextList, Nullable: true, Pattern: httpURLPattern,
			Description: "Profiles elsewhere (LinkedIn, Xing): absolute URLs.", DescriptionDE: "Profile anderswo (LinkedIn, Xing): absolute URLs.", Example: `["https://www.linkedin.com/company/example"]`},
	}
}

// employerKeys are the keys the decoder reads for any employer: the
// agency and hiring organizations have the same keys.
var employerKeys = employerFields("Arbeitgebers")

// locationFields are the keys of a location.
var locationFields = []Field{
	{Name: "locality", Kind: KindText, Required: true, NumberAsText: true,
		Description: "The town or city.", DescriptionDE: "Ort oder Stadt.", Example: "München"},
	{Name: "region", Kind: KindText, NumberAsText: true,
		Description: "The state or region.", DescriptionDE: "Bundesland oder Region.", Example: "Bayern"},
	{Name: "postal_code", Kind: KindText, NumberAsText: true,
		Description: "The postal code; quote it to keep leading zeros.", DescriptionDE: "Postleitzahl; in Anführungszeichen, damit führende Nullen bleiben.", Example: `"80331"`},
	{Name: "street", Kind: KindText, NumberAsText: true,
		Description: "Street and number.", DescriptionDE: "Straße und Hausnummer.", Example: `"Marienplatz 1"`},
	{Name: "country", Kind: KindText, Required: true, Values: codeList(countryCodes),
		Description: "ISO 3166-1 alpha-2 country code, e.g. DE.", DescriptionDE: "Ländercode nach ISO 3166-1 alpha-2, z. B. DE.", Example: "DE"},
}

// roleFields is the table of role front-matter keys.
var roleFields = []Field{
	{Name: "title", Kind: KindText, IsName: true, Required: true, MaxLength: defaultLimits.MaxTitle, NumberAsText: true,
		Description:   "The role's name: page heading and JobPosting title; mentions of it in other roles become links.",
		DescriptionDE: "Name der Rolle: Überschrift und JobPosting-Titel; Erwähnungen in anderen Rollen werden zu Links.", Example: "Backend-Entwickler"},
	{Name: "category", Kind: KindText, Required: true, NumberAsText: true,
		Description: "A category key from site.yaml.", DescriptionDE: "Ein Kategorie-Schlüssel (key) aus site.yaml.", Example: "tech-development"},
	{Name: "description", Kind: KindText, Required: true, MaxLength: maxDescription, NumberAsText: true,
		Description: "Meta description, at most 160 characters.", DescriptionDE: "Meta-Beschreibung, höchstens 160 Zeichen.", Example: `"Backend-Entwickler programmieren Server und Schnittstellen."`},
	{Name: "synonyms", Kind: KindTextList, IsName: true, MaxLength: defaultLimits.MaxTitle, NumberAsText: true,
		Description: "Other names of the role; mentions of them link here too.", DescriptionDE: "Weitere Namen der Rolle; auch ihre Erwähnungen verlinken hierher.", Example: "[Backend-Engineer, Backend Developer]"},
	{Name: "skills", Kind: KindTextList, Nullable: true, NumberAsText: true,
		Description: "Skills shown on the page and in JobPosting skills.", DescriptionDE: "Kenntnisse, auf der Seite und im JobPosting.", Example: "[Go, SQL]"},
	{Name: "employment_type", Kind: KindTextList, MinItems: 1, Values: employmentTypes,
		Description: "Types of employment (schema.org values).", DescriptionDE: "Beschäftigungsarten (schema.org-Werte).", Example: "[FULL_TIME]"},
	{Name: "salary", Kind: KindMapping, AnyRequired: []string{"min", "max"},
		Description: "Salary: min and max (plain numbers, at most 2 decimals), currency, unit.", DescriptionDE: "Gehalt: min und max (Zahlen ohne Tausenderpunkt, höchstens 2 Nachkommastellen), Währung, Einheit.",
		Fields: []Field{
			{Name: "min", Kind: KindNumber, ExclusiveMinimum: float(0), Maximum: float(maxYearlySalary), MaxPerUnit: maxPerUnit(), MaxPerUnitDefaultKey: "YEAR",
				Description: "Lowest figure: digits only, a dot before cents (62000, 18.50).", DescriptionDE: "Untergrenze: nur Ziffern, Punkt vor Cent (62000, 18.50), kein Tausenderpunkt.", Example: "55000"},
			{Name: "max", Kind: KindNumber, ExclusiveMinimum: float(0), Maximum: float(maxYearlySalary), MaxPerUnit: maxPerUnit(), MaxPerUnitDefaultKey: "YEAR",
				Description: "Highest figure: digits only, a dot before cents (85000, 24.00).", DescriptionDE: "Obergrenze: nur Ziffern, Punkt vor Cent (85000, 24.00), kein Tausenderpunkt.", Example: "85000"},
			{Name: "currency", Kind: KindText, Values: codeList(currencyCodes),
				Description: "ISO 4217 currency code; default from site.yaml.", DescriptionDE: "Währungscode nach ISO 4217; Standard aus site.yaml.", Example: "EUR"},
			{Name: "unit", Kind: KindText, Values: salaryUnits,
				Description: "What the figures are per; default YEAR.", DescriptionDE: "Zeiteinheit der Beträge; Standard YEAR.", Example: "YEAR"},
		}},
	{Name: "location", Kind: KindMapping, Fields: locationFields,
		Description: "Where the job is.", DescriptionDE: "Arbeitsort."},
	{Name: "remote", Kind: KindBoolean,
		Description: "true: a fully remote role; needs applicant_countries.", DescriptionDE: "true: vollständig remote; dann ist applicant_countries nötig.", Example: "true"},
	{Name: "applicant_countries", Kind: KindTextList, Nullable: true, Values: codeList(countryCodes),
		Description: "ISO 3166-1 alpha-2 codes of the countries candidates may work from (with remote: true).", DescriptionDE: "Ländercodes (ISO 3166-1 alpha-2), aus denen Bewerber arbeiten dürfen (mit remote: true).", Example: "[DE, AT]"},
	{Name: "hiring_organization", Kind: KindConfidentialOrMapping, Fields: employerFields("Arbeitgebers"),
		Description:   "confidential (default) for an undisclosed client, or the employer's name, url, logo, same_as; never the agency.",
		DescriptionDE: "confidential (Standard) für einen ungenannten Kunden, oder name, url, logo, same_as des Arbeitgebers; nie die Agentur."},
	{Name: "date_posted", Kind: KindDate,
		Description: "YYYY-MM-DD; set: an open position with JobPosting markup.", DescriptionDE: "JJJJ-MM-TT; gesetzt: eine offene Stelle mit JobPosting.", Example: "2026-11-01"},
	{Name: "valid_through", Kind: KindDate,
		Description: "YYYY-MM-DD after date_posted; from this day the position is closed.", DescriptionDE: "JJJJ-MM-TT nach date_posted; ab diesem Tag ist die Stelle geschlossen.", Example: "2027-02-01"},
	{Name: "lastmod", Kind: KindDate,
		Description: "YYYY-MM-DD; otherwise the last git commit of the file.", DescriptionDE: "JJJJ-MM-TT; sonst der letzte Git-Commit der Datei.", Example: "2026-11-20"},
	{Name: "occupation_code", Kind: KindText, Pattern: iscoPattern,
		Description: "ISCO-08 unit group, 4 digits; quote it.", DescriptionDE: "ISCO-08-Berufsgruppe, 4 Ziffern; in Anführungszeichen.", Example: `"2512"`},
	{Name: "experience_months", Kind: KindInteger, Minimum: float(0), Maximum: float(600),
		Description: "Months of experience required (0 to 600).", DescriptionDE: "Geforderte Berufserfahrung in Monaten (0 bis 600).", Example: "24"},
	{Name: "education", Kind: KindText, Values: educationLevels,
		Description: "Education required.", DescriptionDE: "Geforderter Abschluss.", Example: "bachelor degree"},
	{Name: "experience_in_place_of_education", Kind: KindBoolean,
		Description: "true: experience may replace the education; needs experience_months and education.", DescriptionDE: "true: Erfahrung ersetzt den Abschluss; braucht experience_months und education.", Example: "true"},
	{Name: "apply_url", Kind: KindURL,
		Description: "Where candidates apply (the client's applicant tracking system); default from site.yaml; unset: the contact e-mail.", DescriptionDE: "Wo man sich bewirbt (das Bewerbermanagement des Kunden); Standard aus site.yaml; nicht gesetzt: die Kontakt-E-Mail.", Example: `"https://jobs.example-kunde.de/bewerben/4711"`},
	{Name: "direct_apply", Kind: KindBoolean,
		Description: "true only when candidates complete the application on this site: needs an apply_url on the site's own host.", DescriptionDE: "true nur, wenn man die Bewerbung auf dieser Website abschließt: braucht ein apply_url auf dem Host der Website.", Example: "false"},
	{Name: "related", Kind: KindTextList, Nullable: true, NumberAsText: true,
		Description: "Slugs of roles to list as related.", DescriptionDE: "Slugs verwandter Rollen.", Example: "[frontend-entwickler]"},
	{Name: "aliases", Kind: KindTextList, Nullable: true, NumberAsText: true,
		Description: "Old paths that redirect here, e.g. /jobs/backend-developer/.", DescriptionDE: "Alte Pfade, die hierher umleiten, z. B. /jobs/backend-developer/.", Example: "[/jobs/backend-developer/]"},
	{Name: "draft", Kind: KindBoolean,
		Description: "true: built only with -drafts.", DescriptionDE: "true: nur mit -drafts gebaut.", Example: "false"},
	{Name: "weight", Kind: KindInteger, Minimum: float(-1 << 31), Maximum: float(1<<31 - 1),
		Description: "Order inside the category (then title).", DescriptionDE: "Reihenfolge in der Kategorie (danach Titel).", Example: "10"},
}

// siteFields is the table of site.yaml keys.
var siteFields = []Field{
	{Name: "title", Kind: KindText, Required: true, NumberAsText: true,
		Description: "The site's name.", DescriptionDE: "Name der Website.", Example: `"Karriere bei Beispiel Recruiting"`},
	{Name: "base_url", Kind: KindURL, Required: true, Pattern: baseURLPattern,
		Description: "Absolute http(s) URL without query or fragment; every URL starts with it.", DescriptionDE: "Absolute http(s)-URL ohne Query und Fragment; jede URL beginnt damit.", Example: `"https://karriere.example.de/"`},
	{Name: "language", Kind: KindText, Required: true, Pattern: languagePattern.String(),
		Description: "BCP 47 language tag, e.g. de or de-AT.", DescriptionDE: "Sprachcode nach BCP 47, z. B. de oder de-AT.", Example: "de"},
	{Name: "host", Kind: KindText, Values: Hosts,
		Description:   "Where public/ is deployed; decides how old paths (aliases) redirect: netlify or cloudflare-pages (a 301 from _redirects), github-pages or s3 (a redirect page), unset: both; and whether _headers (response headers) is written: not for github-pages and s3.",
		DescriptionDE: "Wohin public/ veröffentlicht wird; bestimmt, wie alte Pfade (aliases) umleiten: netlify oder cloudflare-pages (301 aus _redirects), github-pages oder s3 (eine Weiterleitungsseite), nicht gesetzt: beides; und ob _headers (Antwort-Header) geschrieben wird: nicht für github-pages und s3.", Example: "netlify"},
	{Name: "organization", Kind: KindMapping, Fields: employerFields("Personaldienstleisters"),
		Description: "The agency that runs the site.", DescriptionDE: "Die Agentur, die die Website betreibt."},
	{Name: "contact", Kind: KindMapping,
		Description: "The call to action on every role.", DescriptionDE: "Kontakt auf jeder Rollenseite.",
		Fields: []Field{
			{Name: "email", Kind: KindText, Pattern: emailPattern,
				Description: "E-mail address.", DescriptionDE: "E-Mail-Adresse.", Example: "karriere@example.de"},
			{Name: "phone", Kind: KindText, Pattern: phonePattern, NumberAsText: true,
				Description: "Phone number: digits, spaces, + ( ) / -.", DescriptionDE: "Telefonnummer: Ziffern, Leerzeichen, + ( ) / -.", Example: `"+49 40 123456"`},
		}},
	{Name: "indexnow", Kind: KindMapping,
		Description: "IndexNow, which build -notify tells of every added, updated and removed page.", DescriptionDE: "IndexNow, dem build -notify jede hinzugekommene, geänderte und entfernte Seite meldet.",
		Fields: []Field{
			{Name: "key", Kind: KindText, Required: true, Pattern: indexNowKeyPattern.String(), NumberAsText: true,
				Description: "The IndexNow key: 8 to 128 letters, digits and hyphens; the build publishes it as <key>.txt.", DescriptionDE: "Der IndexNow-Schlüssel: 8 bis 128 Buchstaben, Ziffern und Bindestriche; der Build veröffentlicht ihn als <key>.txt.", Example: `"3f2a9c1e6b7d4e0fa1b2c3d4e5f60718"`},
		}},
	{Name: "defaults", Kind: KindMapping,
		Description: "Values a role falls back to where it sets none.", DescriptionDE: "Standardwerte für Rollen, die sie nicht selbst setzen.",
		Fields: []Field{
			{Name: "hiring_organization", Kind: KindConfidentialOrMapping, Fields: employerFields("Arbeitgebers"),
				Description: "confidential, or the employer's name, url, logo, same_as.", DescriptionDE: "confidential, oder name, url, logo, same_as des Arbeitgebers."},
			{Name: "employment_type", Kind: KindTextList, MinItems: 1, Values: employmentTypes,
				Description: "Types of employment (schema.org values).", DescriptionDE: "Beschäftigungsarten (schema.org-Werte).", Example: "FULL_TIME"},
			{Name: "location", Kind: KindMapping, Fields: locationFields,
				Description: "Where the jobs are.", DescriptionDE: "Arbeitsort."},
			{Name: "salary_currency", Kind: KindText, Values: codeList(currencyCodes),
				Description: "ISO 4217 currency code of salaries.", DescriptionDE: "Währungscode der Gehälter nach ISO 4217.", Example: "EUR"},
			{Name: "apply_url", Kind: KindURL,
				Description: "Where candidates apply when a role names no apply_url.", DescriptionDE: "Wo man sich bewirbt, wenn eine Rolle kein apply_url nennt.", Example: `"https://bewerbung.example.de/"`},
		}},
	{Name: "listing", Kind: KindMapping,
		Description: "How long the lists of roles get; each number 1 to 1000.", DescriptionDE: "Wie lang die Listen der Rollen werden; jede Zahl 1 bis 1000.",
		Fields: []Field{
			{Name: "home_per_category", Kind: KindInteger, Minimum: float(1), Maximum: float(MaxListing),
				Description: "Open positions the home page shows per category (default 6); a link leads to the rest.", DescriptionDE: "Offene Positionen je Fachbereich auf der Startseite (Standard 6); ein Link führt zu den übrigen.", Example: "6"},
			{Name: "page_size", Kind: KindInteger, Minimum: float(1), Maximum: float(MaxListing),
				Description: "Roles per category or location page (default 50); more follow on /<key>/seite/2/ and so on.", DescriptionDE: "Rollen je Fachbereichs- oder Standortseite (Standard 50); weitere folgen auf /<key>/seite/2/ usw.", Example: "50"},
			{Name: "location_category_min", Kind: KindInteger, Minimum: float(1), Maximum: float(MaxListing),
				Description: "Open positions a category needs at one locality for its own page there (default 3).", DescriptionDE: "Offene Positionen, die ein Fachbereich an einem Ort braucht, damit er dort eine eigene Seite bekommt (Standard 3).", Example: "3"},
		}},
	{Name: "categories", Kind: KindMappingList, Required: true, MinItems: 1,
		Description: "The categories (Fachbereiche), in home-page order.", DescriptionDE: "Die Fachbereiche, in der Reihenfolge der Startseite.",
		Fields: []Field{
			{Name: "key", Kind: KindText, Required: true, Pattern: keyPattern.String(), NumberAsText: true, Reserved: sortedKeys(reserved),
				Description: "URL segment: lowercase letters, digits and hyphens.", DescriptionDE: "URL-Teil: Kleinbuchstaben, Ziffern und Bindestriche.", Example: "tech-development"},
			{Name: "title", Kind: KindText, Required: true, NumberAsText: true,
				Description: "The category's heading.", DescriptionDE: "Überschrift des Fachbereichs.", Example: `"Tech & Development"`},
			{Name: "description", Kind: KindText, NumberAsText: true,
				Description: "Text on the category page.", DescriptionDE: "Text der Fachbereichsseite.", Example: `"Rollen, die Software bauen."`},
		}},
}

// baseURLPattern is an absolute http(s) URL without user, query or fragment.
const baseURLPattern = `^https?://[^/?#@\s]+(/[^?#]*)?$`

// emailPattern is what the decoder takes for an e-mail address: an @ and
// none of space, <, > and ".
const emailPattern = `^[^ <>"]*@[^ <>"]*$`

// phonePattern is digits, spaces, + ( ) / -.
const phonePattern = `^[+0-9 ()/-]+$`

// DatePattern is the pattern of a date value, exported for the schema.
const DatePattern = datePattern

// HTTPURLPattern is the pattern of a URL value, exported for the schema.
const HTTPURLPattern = httpURLPattern

// YAMLValue decodes YAML text, such as a table example, into plain Go
// values (maps, slices, strings, numbers, booleans); dates stay text.
func YAMLValue(src string) (any, error) {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		return nil, fmt.Errorf("yaml value %q: %w", src, err)
	}
	return plainValue(&n), nil
}

func plainValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return plainValue(n.Content[0])
	case yaml.SequenceNode:
		out := make([]any, len(n.Content))
		for i, c := range n.Content {
			out[i] = plainValue(c)
		}
		return out
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			out[n.Content[i].Value] = plainValue(n.Content[i+1])
		}
		return out
	}
	switch n.Tag {
	case "!!int", "!!float":
		var f float64
		if n.Decode(&f) == nil {
			return f
		}
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!null":
		return nil
	}
	return n.Value
}
