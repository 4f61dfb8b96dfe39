package scaffold

import (
	"strings"

	"rolesite/generator/content"
)

// texts are the words of a role file in one language.
type texts struct {
	intro   []string          // comment lines at the top of a new role's file
	explain map[string]string // a one-line explanation of each front-matter key
	example map[string]string // the value shown for each key that is commented out
	// description is the placeholder of the meta description.
	description string
	// mark opens each placeholder: content.PlaceholderGerman or
	// content.PlaceholderEnglish.
	mark string
	// outline is the body: each heading ({{.Title}} and {{.A}}, the
	// article, stand for the role) with what its placeholder asks for.
	outline [][2]string
}

// sections returns the body's headings for a role of this title, each with
// its placeholder.
func (t *texts) sections(title string) []section {
	out := make([]section, len(t.outline))
	for i, h := range t.outline {
		heading := strings.NewReplacer("{{.Title}}", title, "{{.A}}", article(title)).Replace(h[0])
		out[i] = section{heading, t.mark + " " + h[1] + "]"}
	}
	return out
}

// section is one heading of a role's body and the text below it.
type section struct{ Heading, Text string }

// textsFor returns the texts for a site's language: German for de and
// its regional tags (de-AT, de-CH, ...), else English.
func textsFor(language string) *texts {
	primary, _, _ := strings.Cut(language, "-")
	if strings.EqualFold(primary, "de") {
		return &german
	}
	return &english
}

// sharedExamples are the example values that read the same in both
// languages.
var sharedExamples = map[string]string{
	"employment_type":                  "[FULL_TIME]",
	"salary":                           "{min: 50000, max: 70000, currency: EUR, unit: YEAR}",
	"location":                         `{locality: Hamburg, region: Hamburg, postal_code: "20095", country: DE}`,
	"remote":                           "true",
	"applicant_countries":              "[DE, AT, CH]",
	"occupation_code":                  `"2512"`,
	"experience_months":                "24",
	"education":                        "bachelor degree",
	"experience_in_place_of_education": "true",
	"direct_apply":                     "true",
	"weight":                           "10",
}

// withShared returns m with the shared examples added.
func withShared(m map[string]string) map[string]string {
	for k, v := range sharedExamples {
		m[k] = v
	}
	return m
}

var german = texts{
	intro: []string{
		"Neue Rolle, angelegt mit build -new. Zeilen mit # sind Kommentare; um ein Feld",
		"zu setzen, löschen Sie das # am Zeilenanfang. Auch den Titel dürfen Sie ändern.",
		"Veröffentlicht wird die Rolle erst, wenn draft: true gelöscht ist, und nur, wenn",
		"kein " + content.PlaceholderGerman + " ...] mehr im Text steht.",
	},
	explain: map[string]string{
		"title":                            "Name der Rolle: Überschrift und Stellentitel; Erwähnungen werden Links",
		"category":                         "Fachbereich: ein key aus site.yaml",
		"description":                      "Text für Suchergebnisse, höchstens 160 Zeichen",
		"draft":                            "true: nur mit -drafts gebaut, nicht veröffentlicht",
		"synonyms":                         "andere Namen der Rolle; auch sie werden zu Links hierher",
		"skills":                           "Fähigkeiten: auf der Seite und im JobPosting",
		"employment_type":                  "FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN ...; sonst aus site.yaml",
		"salary":                           "Gehalt brutto; unit: HOUR, DAY, WEEK, MONTH oder YEAR",
		"location":                         "Arbeitsort, country als Ländercode (DE, AT, CH); sonst aus site.yaml",
		"remote":                           "true: reine Remote-Stelle; dann auch applicant_countries",
		"applicant_countries":              "Länder, aus denen Bewerber arbeiten dürfen (nur mit remote)",
		"hiring_organization":              "Arbeitgeber; ohne dieses Feld: confidential, der Kunde bleibt ungenannt",
		"date_posted":                      "gesetzt: offene Stelle mit JobPosting für Google for Jobs",
		"valid_through":                    "ab diesem Tag ist die Stelle geschlossen (nur mit date_posted)",
		"lastmod":                          "letzte inhaltliche Änderung; sonst der letzte Git-Commit",
		"occupation_code":                  "ISCO-08-Berufsgruppe, vier Ziffern (2512: Softwareentwickler)",
		"experience_months":                "verlangte Berufserfahrung in Monaten",
		"education":                        "high school, associate degree, bachelor degree, professional certificate oder postgraduate degree",
		"experience_in_place_of_education": "true: Erfahrung ersetzt den Abschluss (braucht die beiden Felder davor)",
		"direct_apply":                     "true: Bewerbung direkt auf der Seite; sonst Kontakt zur Agentur",
		"related":                          "verwandte Rollen: ihre Dateinamen ohne .md",
		"aliases":                          "alte Adressen, die hierher weiterleiten",
		"weight":                           "Reihenfolge im Fachbereich: kleinere Zahlen zuerst",
	},
	example: withShared(map[string]string{
		"synonyms":            "[Anderer Name, English Name]",
		"skills":              "[Fähigkeit, Werkzeug, Methode]",
		"hiring_organization": `{name: "Kunde GmbH", url: "https://www.kunde.example/"}`,
		"aliases":             "[/jobs/alter-name/]",
	}),
	description: content.PlaceholderGerman + " ein bis zwei Sätze für Suchergebnisse, höchstens 160 Zeichen]",
	mark:        content.PlaceholderGerman,
	outline: [][2]string{
		{"Was macht ein {{.Title}}?", "Aufgaben und Alltag der Rolle, zwei bis drei Absätze"},
		{"Mit wem arbeitet ein {{.Title}} zusammen?", "Teams und andere Rollen; ihre Namen werden von selbst zu Links"},
		{"Was die stärksten Kandidatinnen und Kandidaten mitbringen", "Erfahrung, Kenntnisse und Haltung, gern als Liste"},
		{"Wie man einsteigt", "Ausbildung, Studium, Quereinstieg und die Schritte danach"},
		{"Wer einstellt", "Branchen und Arbeitgeber; bei einer offenen Stelle das Unternehmen, soweit es genannt werden darf"},
		{"Was das Gehalt bestimmt", "was das Gehalt bestimmt, gern mit einer Tabelle der Spannen"},
		{"Interesse?", "wie Kandidatinnen und Kandidaten Kontakt aufnehmen"},
	},
}

var english = texts{
	intro: []string{
		"New role, made with build -new. Lines starting with # are comments; to set a",
		"field, delete the # at the start of its line. The title may be changed too.",
		"The role is published only once draft: true is deleted, and only when no",
		content.PlaceholderEnglish + " ...] is left in the text.",
	},
	explain: map[string]string{
		"title":                            "name of the role: heading and job title; mentions of it become links",
		"category":                         "category: a key from site.yaml",
		"description":                      "text for search results, at most 160 characters",
		"draft":                            "true: built only with -drafts, not published",
		"synonyms":                         "other names of the role; they become links here too",
		"skills":                           "skills: on the page and in the JobPosting",
		"employment_type":                  "FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN ...; else from site.yaml",
		"salary":                           "gross pay; unit: HOUR, DAY, WEEK, MONTH or YEAR",
		"location":                         "place of work, country as a code (DE, AT, CH); else from site.yaml",
		"remote":                           "true: a fully remote role; then also applicant_countries",
		"applicant_countries":              "countries candidates may work from (only with remote)",
		"hiring_organization":              "the employer; without this field: confidential, the client is not named",
		"date_posted":                      "set: an open position with JobPosting for Google for Jobs",
		"valid_through":                    "from this day the position is closed (only with date_posted)",
		"lastmod":                          "last change of the content; else the last git commit",
		"occupation_code":                  "ISCO-08 unit group, four digits (2512: software developers)",
		"experience_months":                "experience asked for, in months",
		"education":                        "high school, associate degree, bachelor degree, professional certificate or postgraduate degree",
		"experience_in_place_of_education": "true: experience can replace the degree (needs the two fields above)",
		"direct_apply":                     "true: candidates apply on the page; else they contact the agency",
		"related":                          "related roles: their file names without .md",
		"aliases":                          "old addresses that redirect here",
		"weight":                           "order in the category: smaller numbers first",
	},
	example: withShared(map[string]string{
		"synonyms":            "[Other Name, Another Name]",
		"skills":              "[Skill, Tool, Method]",
		"hiring_organization": `{name: "Client Ltd", url: "https://www.client.example/"}`,
		"aliases":             "[/jobs/old-name/]",
	}),
	description: content.PlaceholderEnglish + " one or two sentences for search results, at most 160 characters]",
	mark:        content.PlaceholderEnglish,
	outline: [][2]string{
		{"What does {{.A}} {{.Title}} do?", "tasks and a working day of the role, two or three paragraphs"},
		{"Who does {{.A}} {{.Title}} work with?", "teams and other roles; their names become links by themselves"},
		{"What the strongest candidates bring", "experience, knowledge and attitude, a list is fine"},
		{"How to get in", "training, degrees, career changes and the steps after"},
		{"Who hires", "industries and employers; for an open position the company, as far as it may be named"},
		{"What decides the salary", "what decides the pay, a table of ranges is fine"},
		{"Interested?", "how candidates get in touch"},
	},
}

// article is "an" before a title that is spoken starting with a vowel
// ("an Account Manager", "an SEO Manager"), else "a".
func article(title string) string {
	if title == "" {
		return "a"
	}
	first, _, _ := strings.Cut(title, " ")
	first, _, _ = strings.Cut(first, "-")
	if first == strings.ToUpper(first) && len(first) > 1 { // an abbreviation, spelled out
		if strings.ContainsRune("AEFHILMNORSX", rune(first[0])) {
			return "an"
		}
		return "a"
	}
	if strings.ContainsRune("AEIOUaeiou", rune(first[0])) {
		return "an"
	}
	return "a"
}
