package content

import (
	"strings"
	"testing"
)

// roleErrorCase is one case of TestParseRoleErrors.
type roleErrorCase struct {
	name   string
	src    []byte
	limits Limits
	want   []string
}

// roleErrorCases returns the cases of TestParseRoleErrors; TestExportSchemaCases exports them
// for the editor schema check.
func roleErrorCases() []roleErrorCase {
	const p = "roles/x.md:"
	employmentList := "FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, PER_DIEM, OTHER"
	return []roleErrorCase{
		// Malformed front matter.
		{"yaml unclosed flow list", roleDoc(baseFM + "skills: [Go, PHP\n"),
			Limits{}, []string{p + "5:9: skills: the bracket [ is not closed on this line: skills: [Go, PHP]"}},
		{"yaml unclosed flow mapping", roleDoc(baseFM + "salary: {min: 1\n"),
			Limits{}, []string{p + "5:9: salary: the bracket { is not closed on this line: salary: {min: 1}"}},
		{"yaml mapping in a value", roleDoc(baseFM + "skills: a: b\n"),
			Limits{}, []string{p + "5:10: skills: a colon followed by a space inside a value starts a new key in YAML: put the value in quotes: skills: \"a: b\""}},
		{"yaml bad indentation", roleDoc(baseFM + "salary:\n  min: 1\n max: 2\n"),
			Limits{}, []string{p + "7:2: line 7 is indented differently from the keys above it: keys of one level start in the same column"}},
		{"yaml list item after mapping", roleDoc(baseFM + "- Go\n"),
			Limits{}, []string{p + "5:1: line 5 is a list item, but no key above it opens a list: write the key first (skills:) and indent the items under it"}},
		{"yaml key without colon", roleDoc("title: T\ncategory\ndescription: D\n"),
			Limits{}, []string{p + "3:1: line 3 has no colon: a key and its value are written category: ..."}},
		{"yaml unterminated string", roleDoc(baseFM + "skills: \"Go\n"),
			Limits{}, []string{p + "5:9: skills: the quote \" is never closed: close it at the end of the value: skills: \"Go\""}},
		{"yaml bad token", roleDoc(baseFM + "skills: @Go\n"),
			Limits{}, []string{p + "5:9: skills: a value that starts with @ must be in quotes: skills: \"@Go\""}},
		{"yaml tab indentation", roleDoc(baseFM + "\tskills: Go\n"),
			Limits{}, []string{p + "5:1: line 5 is indented with a tab: use spaces"}},
		{"yaml control character", roleDoc(baseFM + "skills: [Ä\x01]\n"),
			Limits{}, []string{p + "5:11: invalid YAML front matter: character U+0001 is not allowed in YAML"}},
		{"front matter is a list", roleDoc("- title\n- category\n"),
			Limits{}, []string{p + "2:1: front matter must be a mapping of keys to values"}},
		{"front matter is text", roleDoc("Backend-Entwickler\n"),
			Limits{}, []string{p + "2:1: front matter must be a mapping of keys to values"}},
		{"toml missing value", []byte("+++\ntitle = \"T\"\ncategory = \"tech\"\ndescription = \n+++\n"),
			Limits{}, []string{p + "4:15: invalid TOML front matter: expected value but found '\\n' instead"}},
		{"toml key set twice", tomlDoc("title = \"T\"\ntitle = \"U\"\n"),
			Limits{}, []string{p + "3:1: invalid TOML front matter: Key 'title' has already been defined."}},
		// BurntSushi/toml points at the blank before the x; the column
		// counts Ä as one character.
		{"toml column after Ä", tomlDoc("title = \"ÄÄÄ\" x\n"),
			Limits{}, []string{p + "2:14: invalid TOML front matter: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead"}},
		{"toml impossible date", tomlDoc(tomlBase + "date_posted = 2026-02-30\n"),
			Limits{}, []string{p + "5:15: invalid TOML front matter: invalid datetime: \"2026-02-30\""}},
		{"toml unknown key", tomlDoc(tomlBase + "titel = \"x\"\n"),
			Limits{}, []string{p + "5:1: unknown key \"titel\" (did you mean \"title\"?)"}},
		{"toml wrong bool", tomlDoc(tomlBase + "remote = \"yes\"\n"),
			Limits{}, []string{p + "5:1: remote: want true or false, got \"yes\""}},
		{"toml empty list item", tomlDoc(tomlBase + "skills = [\"Go\", \"\"]\n"),
			Limits{}, []string{p + "5:1: skills[1]: must not be empty"}},
		{"toml table", tomlDoc(tomlBase + "[salary]\nmin = \"viel\"\nmax = 2\n[location]\nlocality = \"Köln\"\ncountry = \"de\"\n"),
			Limits{}, []string{
				p + "6:1: salary.min: want a number, got \"viel\"",
				p + "10:1: location.country: \"de\" is not an ISO 3166-1 alpha-2 country code (did you mean \"DE\"?)",
			}},
		{"toml dotted keys", tomlDoc(tomlBase + "salary.min = 50000\nsalary.max = 40000\n"),
			Limits{}, []string{p + "5:1: salary: min 50000 is greater than max 40000"}},
		{"toml dates", tomlDoc(tomlBase + "date_posted = 2026-11-01\nvalid_through = 2026-10-01\n"),
			Limits{}, []string{p + "6:1: valid_through 2026-10-01 must be after date_posted 2026-11-01"}},
		// Found by FuzzParseRole (a panic): an empty key cannot be located,
		// so the first line of its table stands in.
		{"toml empty key", tomlDoc(tomlBase + "\"\" = 1\n"),
			Limits{}, []string{p + "2:1: unknown key \"\""}},
		{"toml quoted key", tomlDoc(tomlBase + "\"Größe\" = 1\n"),
			Limits{}, []string{p + "5:2: unknown key \"Größe\""}},

		// Wrong types: text.
		{"title list", roleDoc("title: [T]\ncategory: tech\ndescription: D\n"),
			Limits{}, []string{p + "2:8: title: want text, got a list"}},
		{"title mapping", roleDoc("title: {de: T}\ncategory: tech\ndescription: D\n"),
			Limits{}, []string{p + "2:8: title: want text, got a mapping"}},
		{"title null", roleDoc("title:\ncategory: tech\ndescription: D\n"),
			Limits{}, []string{p + "2:7: title: want text, got nothing"}},
		{"title bool", roleDoc("title: true\ncategory: tech\ndescription: D\n"),
			Limits{}, []string{p + "2:8: title: want text, got \"true\""}},
		{"title empty", roleDoc("title: \"  \"\ncategory: tech\ndescription: D\n"),
			Limits{}, []string{p + "2:8: title: must not be empty"}},
		{"title two lines", roleDoc("title: |\n  Backend\n  Entwickler\ncategory: tech\ndescription: D\n"),
			Limits{}, []string{p + "2:8: title: must be one line"}},
		{"category list", roleDoc("title: T\ncategory: [tech]\ndescription: D\n"),
			Limits{}, []string{p + "3:11: category: want text, got a list"}},
		{"description mapping", roleDoc("title: T\ncategory: tech\ndescription: {a: b}\n"),
			Limits{}, []string{p + "4:14: description: want text, got a mapping"}},
		// Wrong types: list.
		{"skills mapping", roleDoc(baseFM + "skills: {Go: 5}\n"),
			Limits{}, []string{p + "5:9: skills: want a list, got a mapping"}},
		{"skills nested list", roleDoc(baseFM + "skills: [Go, [PHP]]\n"),
			Limits{}, []string{p + "5:14: skills[1]: want text, got a list"}},
		{"skills null item", roleDoc(baseFM + "skills: [Go, ~]\n"),
			Limits{}, []string{p + "5:14: skills[1]: want text, got nothing"}},
		{"synonyms mapping", roleDoc(baseFM + "synonyms: {a: b}\n"),
			Limits{}, []string{p + "5:11: synonyms: want a list, got a mapping"}},
		{"related mapping", roleDoc(baseFM + "related: {a: b}\n"),
			Limits{}, []string{p + "5:10: related: want a list, got a mapping"}},
		{"aliases item list", roleDoc(baseFM + "aliases:\n  - [/a/]\n"),
			Limits{}, []string{p + "6:5: aliases[0]: want text, got a list"}},
		{"yaml alias as a value", roleDoc(baseFM + "skills: &s [Go]\nrelated: *s\n"),
			Limits{}, []string{p + "6:10: related: want a list, got an unsupported value"}},
		// Wrong types: bool.
		{"remote yes", roleDoc(baseFM + "remote: yes\n"),
			Limits{}, []string{p + "5:9: remote: want true or false, got \"yes\""}},
		{"draft quoted", roleDoc(baseFM + "draft: \"true\"\n"),
			Limits{}, []string{p + "5:8: draft: want true or false, got \"true\" (write it without quotes)"}},
		{"direct_apply list", roleDoc(baseFM + "direct_apply: [true]\n"),
			Limits{}, []string{p + "5:15: direct_apply: want true or false, got a list"}},
		// Wrong types: int.
		{"weight fraction", roleDoc(baseFM + "weight: 1.5\n"),
			Limits{}, []string{p + "5:9: weight: want a whole number, got \"1.5\""}},
		{"weight too big", roleDoc(baseFM + "weight: 99999999999\n"),
			Limits{}, []string{p + "5:9: weight: want a whole number, got \"99999999999\""}},
		{"experience_months text", roleDoc(baseFM + "experience_months: drei Jahre\n"),
			Limits{}, []string{p + "5:20: experience_months: want a whole number, got \"drei Jahre\""}},
		{"experience_months range", roleDoc(baseFM + "experience_months: 700\n"),
			Limits{}, []string{p + "5:20: experience_months: 700 is out of range (0 to 600)"}},
		// Wrong types: number.
		{"salary min text", roleDoc(baseFM + "salary: {min: 50k, max: 60000}\n"),
			Limits{}, []string{p + "5:15: salary.min: want a number, got \"50k\""}},
		{"salary max nan", roleDoc(baseFM + "salary: {min: 1, max: .nan}\n"),
			Limits{}, []string{p + "5:23: salary.max: want a number, got \".nan\""}},
		// Wrong types: date.
		{"impossible date", roleDoc(baseFM + "date_posted: 2026-02-30\n"),
			Limits{}, []string{p + "5:14: date_posted: \"2026-02-30\" is not a calendar date"}},
		{"month 13", roleDoc(baseFM + "lastmod: 2026-13-01\n"),
			Limits{}, []string{p + "5:10: lastmod: \"2026-13-01\" is not a calendar date"}},
		{"german date", roleDoc(baseFM + "date_posted: 01.11.2026\n"),
			Limits{}, []string{p + "5:14: date_posted: want a date like 2026-11-01, got \"01.11.2026\": write 2026-11-01"}},
		{"word as date", roleDoc(baseFM + "date_posted: morgen\n"),
			Limits{}, []string{p + "5:14: date_posted: want a date like 2026-11-01, got \"morgen\""}},
		{"date with time", roleDoc(baseFM + "date_posted: 2026-11-01T10:00:00Z\n"),
			Limits{}, []string{p + "5:14: date_posted: want a date like 2026-11-01, got \"2026-11-01T10:00:00Z\""}},
		{"date as number", roleDoc(baseFM + "date_posted: 20261101\n"),
			Limits{}, []string{p + "5:14: date_posted: want a date like 2026-11-01, got \"20261101\""}},
		{"date as list", roleDoc(baseFM + "date_posted: 2026-11-01\nvalid_through: [2027-01-01]\n"),
			Limits{}, []string{p + "6:16: valid_through: want a date like 2026-11-01, got a list"}},
		// Wrong types: mapping.
		{"salary scalar", roleDoc(baseFM + "salary: 50000\n"),
			Limits{}, []string{p + "5:9: salary: want a mapping of keys to values, got \"50000\""}},
		{"salary list", roleDoc(baseFM + "salary: [1, 2]\n"),
			Limits{}, []string{p + "5:9: salary: want a mapping of keys to values, got a list"}},
		{"location scalar", roleDoc(baseFM + "location: München\n"),
			Limits{}, []string{p + "5:11: location: want a mapping of keys to values, got \"München\""}},

		// Missing required keys.
		{"missing all", roleDoc("skills: [Go]\n"), Limits{}, []string{
			p + "2:1: missing required key \"category\"",
			p + "2:1: missing required key \"description\"",
			p + "2:1: missing required key \"title\"",
		}},
		{"missing title", roleDoc("category: tech\ndescription: D\n"),
			Limits{}, []string{p + "2:1: missing required key \"title\""}},
		{"missing description", roleDoc("title: T\ncategory: tech\n"),
			Limits{}, []string{p + "2:1: missing required key \"description\""}},
		{"empty front matter", []byte("---\n---\nBody.\n"), Limits{}, []string{
			p + "2:1: missing required key \"category\"",
			p + "2:1: missing required key \"description\"",
			p + "2:1: missing required key \"title\"",
		}},

		// Unknown keys and keys set twice.
		{"titel", roleDoc(baseFM + "titel: x\n"),
			Limits{}, []string{p + "5:1: unknown key \"titel\" (did you mean \"title\"?)"}},
		{"catgory", roleDoc("title: T\ncatgory: tech\ndescription: D\n"), Limits{}, []string{
			p + "2:1: missing required key \"category\"",
			p + "3:1: unknown key \"catgory\" (did you mean \"category\"?)",
		}},
		{"salery", roleDoc(baseFM + "salery: {mni: 1}\n"),
			Limits{}, []string{p + "5:1: unknown key \"salery\" (did you mean \"salary\"?)"}},
		{"salary.mni", roleDoc(baseFM + "salary: {mni: 1, max: 60000}\n"),
			Limits{}, []string{p + "5:10: unknown key \"salary.mni\" (did you mean \"salary.min\"?)"}},
		{"unknown key without hint", roleDoc(baseFM + "gehalt: 5\n"),
			Limits{}, []string{p + "5:1: unknown key \"gehalt\""}},
		{"unknown key column after Ä", roleDoc(baseFM + "location: {locality: Köln, lnad: DE}\n"), Limits{}, []string{
			p + "5:11: location: country is required (ISO 3166-1 alpha-2, e.g. DE)",
			p + "5:28: unknown key \"location.lnad\"",
		}},
		{"title twice", roleDoc(baseFM + "title: U\n"),
			Limits{}, []string{p + "5:1: key \"title\" is set twice"}},
		{"salary.min twice", roleDoc(baseFM + "salary: {min: 50000, min: 2, max: 60000}\n"),
			Limits{}, []string{p + "5:22: key \"salary.min\" is set twice"}},

		// Whole-file problems.
		{"empty file", []byte(""), Limits{},
			[]string{p + "1:1: file is empty; a role needs front matter between --- lines with at least title, category and description"}},
		{"blank file", []byte("\n  \r\n\t\n"), Limits{},
			[]string{p + "1:1: file is empty; a role needs front matter between --- lines with at least title, category and description"}},
		{"byte order mark only", []byte("\ufeff"), Limits{},
			[]string{p + "1:1: file is empty; a role needs front matter between --- lines with at least title, category and description"}},
		{"no front matter", []byte("# Backend-Entwickler\n\ntitle: T\n"), Limits{},
			[]string{p + "1:1: no front matter: a role file starts with a --- line, then title, category and description, then --- (did you forget to add --- or +++?)"}},
		{"yaml never closed", []byte("---\n" + baseFM + "Body.\n"), Limits{},
			[]string{p + "1:1: front matter opened with \"---\" is never closed (add a line \"---\" after the last key)"}},
		{"toml never closed", []byte("\n+++\n" + tomlBase), Limits{},
			[]string{p + "2:1: front matter opened with \"+++\" is never closed (add a line \"+++\" after the last key)"}},
		{"opening line only", []byte("---"), Limits{},
			[]string{p + "1:1: front matter opened with \"---\" is never closed (add a line \"---\" after the last key)"}},
		{"byte order mark", append([]byte("\ufeff"), roleDoc(baseFM+"titel: x\n")...),
			Limits{}, []string{p + "5:1: unknown key \"titel\" (did you mean \"title\"?)"}},
		{"crlf", []byte(strings.ReplaceAll(string(roleDoc(baseFM+"skills: [Go]\ntitel: x\n")), "\n", "\r\n")),
			Limits{}, []string{p + "6:1: unknown key \"titel\" (did you mean \"title\"?)"}},
		{"crlf broken yaml", []byte(strings.ReplaceAll(string(roleDoc(baseFM+"x: 1\nskills: [Go\n")), "\n", "\r\n")),
			Limits{}, []string{p + "6:9: skills: the bracket [ is not closed on this line: skills: [Go]"}},
		{"crlf toml", []byte(strings.ReplaceAll(string(tomlDoc(tomlBase+"titel = 1\n")), "\n", "\r\n")),
			Limits{}, []string{p + "5:1: unknown key \"titel\" (did you mean \"title\"?)"}},
		// yaml.v3 also breaks lines at a lone CR, NEL, LS and PS; the file's
		// lines end at \n only.
		{"lone cr", roleDoc("title: T\rcategory: tech\ndescription: D\ntitel: x\n"),
			Limits{}, []string{p + "4:1: unknown key \"titel\" (did you mean \"title\"?)"}},
		{"line separator in a value", roleDoc("title: \"A\u2028B\"\ncategory: tech\ndescription: D\nskills: [Go, ~]\n"),
			Limits{}, []string{p + "5:14: skills[1]: want text, got nothing"}},
		{"next line in a value", roleDoc("title: T\ncategory: tech\ndescription: \"a\u0085b\"\ntitel: x\n"),
			Limits{}, []string{p + "5:1: unknown key \"titel\" (did you mean \"title\"?)"}},
		{"leading blank lines", []byte("\n\n---\n" + baseFM + "titel: x\n---\n"),
			Limits{}, []string{p + "7:1: unknown key \"titel\" (did you mean \"title\"?)"}},
		{"invalid utf-8", roleDoc(baseFM + "skills: [Ä\xff]\n"),
			Limits{}, []string{p + "5:11: file is not valid UTF-8 here: a character was broken by copying or by a save in another encoding; type it again and save the file as UTF-8"}},
		{"invalid utf-8 in body", append(roleDoc(baseFM), "Grüße \xc3\x28\n"...),
			Limits{}, []string{p + "7:7: file is not valid UTF-8 here: a character was broken by copying or by a save in another encoding; type it again and save the file as UTF-8"}},
		{"nul in front matter", roleDoc(baseFM + "skills: [Ä\x00]\n"),
			Limits{}, []string{p + "5:11: file contains a NUL byte"}},
		{"nul in body", append(roleDoc(baseFM), "ab\x00"...),
			Limits{}, []string{p + "7:3: file contains a NUL byte"}},
		{"nul after byte order mark", []byte("\ufeff\x00---\n"),
			Limits{}, []string{p + "1:1: file contains a NUL byte"}},

		// Characters a page cannot show (written as escapes: YAML refuses
		// them raw), and names without a letter or digit.
		{"control character in title", roleDoc("title: \"Eink\\u0001ufer\"\ncategory: tech\ndescription: D\n"),
			Limits{}, []string{p + "2:8: title: control character U+0001 is not allowed"}},
		{"control characters", roleDoc(baseFM + "skills: [\"a\\vb\", \"c\\x7fd\", \"e\\Nf\"]\nlocation: {locality: \"\\r\", country: DE}\n"),
			Limits{}, []string{
				p + "5:10: skills[0]: control character U+000B is not allowed",
				p + "5:18: skills[1]: control character U+007F is not allowed",
				p + "5:28: skills[2]: control character U+0085 is not allowed",
				p + "6:22: location.locality: control character U+000D is not allowed",
			}},
		{"noncharacters", roleDoc("title: T\ncategory: tech\ndescription: \"D\\uFFFF\"\nsynonyms: [\"S\\uFDD0\", \"S\\U0010FFFE\"]\n"),
			Limits{}, []string{
				p + "4:14: description: noncharacter U+FFFF is not allowed",
				p + "5:12: synonyms: noncharacter U+FDD0 is not allowed",
				p + "5:23: synonyms: noncharacter U+10FFFE is not allowed",
			}},
		{"bidi override", roleDoc("title: \"\u202eT\"\ncategory: tech\ndescription: \"D\u2066x\u2069\"\n"),
			Limits{}, []string{
				p + "2:8: title: bidirectional control U+202E is not allowed; remove it, it reorders the text around it",
				p + "4:14: description: bidirectional control U+2066 is not allowed; remove it, it reorders the text around it",
			}},
		{"control character in toml", tomlDoc("title = \"T\\u0001\"\ncategory = \"tech\"\ndescription = \"D\"\n"),
			Limits{}, []string{p + "2:1: title: control character U+0001 is not allowed"}},
		{"title of a full stop", roleDoc("title: \".\"\ncategory: tech\ndescription: D\n"),
			Limits{}, []string{p + "2:8: title: \".\" has no letter or digit"}},
		{"invisible and symbol names", roleDoc(baseFM + "synonyms: [\"\u200b\", \"\u00ad\", \"\U0001F600\", \"--\", \"\u0308\"]\n"),
			Limits{}, []string{
				p + "5:12: synonyms: \"\\u200b\" has no letter or digit",
				p + "5:17: synonyms: \"\\u00ad\" has no letter or digit",
				p + "5:22: synonyms: \"\U0001F600\" has no letter or digit",
				p + "5:27: synonyms: \"--\" has no letter or digit",
				p + "5:33: synonyms: \"\u0308\" has no letter or digit",
			}},

		// Limits.
		{"3 MB file", append(roleDoc(baseFM), strings.Repeat("Text ", 3<<20/5)...),
			Limits{}, []string{p + "1:1: file is 3145778 bytes, the limit is 2097152"}},
		{"100,000-character title", roleDoc("title: " + strings.Repeat("Ä", 100_000) + "\ncategory: tech\ndescription: D\n"),
			Limits{}, []string{p + "2:8: title: 100000 characters, the limit is 120"}},
		{"title over the title limit", roleDoc("title: " + strings.Repeat("x", 121) + "\ncategory: tech\ndescription: D\n"),
			Limits{}, []string{p + "2:8: title: 121 characters, the limit is 120"}},
		{"synonym over the title limit", roleDoc(baseFM + "synonyms: [Go, " + strings.Repeat("y", 121) + "]\n"),
			Limits{}, []string{p + "5:16: synonyms: 121 characters, the limit is 120"}},
		{"custom file limit", roleDoc(baseFM), Limits{MaxFileBytes: 40},
			[]string{p + "1:1: file is 53 bytes, the limit is 40"}},
		{"custom title limit", roleDoc("title: Backend\ncategory: tech\ndescription: D\n"), Limits{MaxTitle: 5},
			[]string{p + "2:8: title: 7 characters, the limit is 5"}},
		{"custom field limit", roleDoc(baseFM + "skills: [Go, Kubernetes]\n"), Limits{MaxField: 5},
			[]string{p + "5:14: skills[1]: 10 characters, the limit is 5"}},
		{"description over 160", roleDoc("title: T\ncategory: tech\ndescription: " + strings.Repeat("ä", 161) + "\n"),
			Limits{}, []string{p + "4:14: description: 161 characters, at most 160 fit a search snippet"}},

		// Dates.
		{"valid_through before date_posted", roleDoc(baseFM + "date_posted: 2026-11-01\nvalid_through: 2026-10-31\n"),
			Limits{}, []string{p + "6:1: valid_through 2026-10-31 must be after date_posted 2026-11-01"}},
		{"valid_through equal to date_posted", roleDoc(baseFM + "date_posted: 2026-11-01\nvalid_through: 2026-11-01\n"),
			Limits{}, []string{p + "6:1: valid_through 2026-11-01 must be after date_posted 2026-11-01"}},
		{"valid_through without date_posted", roleDoc(baseFM + "valid_through: 2027-01-01\n"),
			Limits{}, []string{p + "5:1: valid_through is set but date_posted is not; an opening needs both"}},

		// Salary.
		{"salary min over max", roleDoc(baseFM + "salary: {min: 90000, max: 60000}\n"),
			Limits{}, []string{p + "5:9: salary: min 90000 is greater than max 60000"}},
		{"salary zero", roleDoc(baseFM + "salary: {min: 0, max: 60000}\n"),
			Limits{}, []string{p + "5:15: salary.min: 0 must be greater than 0"}},
		// A block mapping starts at its first key.
		{"salary negative", roleDoc(baseFM + "salary:\n  min: -5\n  max: -1.5\n"),
			Limits{}, []string{p + "6:8: salary.min: -5 must be greater than 0", p + "7:8: salary.max: -1.5 must be greater than 0"}},
		{"salary without min and max", roleDoc(baseFM + "salary: {currency: EUR}\n"),
			Limits{}, []string{p + "5:9: salary: set min and max"}},
		{"salary empty mapping", roleDoc(baseFM + "salary: {}\n"),
			Limits{}, []string{p + "5:9: salary: set min and max"}},
		{"currency unknown", roleDoc(baseFM + "salary: {min: 50000, max: 60000, currency: XYZ}\n"),
			Limits{}, []string{p + "5:44: salary.currency: \"XYZ\" is not an ISO 4217 currency code (e.g. EUR)"}},
		{"currency lowercase", roleDoc(baseFM + "salary: {min: 50000, max: 60000, currency: eur}\n"),
			Limits{}, []string{p + "5:44: salary.currency: \"eur\" is not an ISO 4217 currency code (did you mean \"EUR\"?)"}},
		{"currency symbol", roleDoc(baseFM + "salary: {min: 50000, max: 60000, currency: €}\n"),
			Limits{}, []string{p + "5:44: salary.currency: \"€\" is not an ISO 4217 currency code (did you mean \"EUR\"?)"}},
		{"salary unit lowercase", roleDoc(baseFM + "salary: {min: 50000, max: 60000, unit: year}\n"),
			Limits{}, []string{p + "5:40: salary.unit: \"year\" is not one of HOUR, DAY, WEEK, MONTH, YEAR (did you mean \"YEAR\"?)"}},

		// Location and countries.
		{"country unknown", roleDoc(baseFM + "location: {locality: Köln, country: XX}\n"),
			Limits{}, []string{p + "5:37: location.country: \"XX\" is not an ISO 3166-1 alpha-2 country code"}},
		{"country lowercase", roleDoc(baseFM + "location: {locality: Köln, country: de}\n"),
			Limits{}, []string{p + "5:37: location.country: \"de\" is not an ISO 3166-1 alpha-2 country code (did you mean \"DE\"?)"}},
		{"country name", roleDoc(baseFM + "location: {locality: Köln, country: Germany}\n"),
			Limits{}, []string{p + "5:37: location.country: \"Germany\" is not an ISO 3166-1 alpha-2 country code (did you mean \"DE\"?)"}},
		{"location without country and locality", roleDoc(baseFM + "location:\n  region: Bayern\n"), Limits{}, []string{
			p + "6:3: location: country is required (ISO 3166-1 alpha-2, e.g. DE)",
			p + "6:3: location: locality is required (the town or city)",
		}},
		{"location locality empty", roleDoc(baseFM + "location: {locality: \"\", country: DE}\n"),
			Limits{}, []string{p + "5:22: location.locality: must not be empty"}},

		// Employment type.
		{"employment type scalar", roleDoc(baseFM + "employment_type: FULLTIME\n"),
			Limits{}, []string{p + "5:18: employment_type: \"FULLTIME\" is not one of " + employmentList + " (did you mean \"FULL_TIME\"?)"}},
		{"employment type list", roleDoc(baseFM + "employment_type: [full_time, PARTTIME, Festanstellung]\n"), Limits{}, []string{
			p + "5:19: employment_type: \"full_time\" is not one of " + employmentList + " (did you mean \"FULL_TIME\"?)",
			p + "5:30: employment_type: \"PARTTIME\" is not one of " + employmentList + " (did you mean \"PART_TIME\"?)",
			p + "5:40: employment_type: \"Festanstellung\" is not one of " + employmentList,
		}},
		// Found by FuzzParseRole: a bad item shifted the positions of the
		// items after it.
		{"employment type after a bad item", roleDoc(baseFM + "employment_type: [{a: b}, FULLTIME]\n"), Limits{}, []string{
			p + "5:19: employment_type[0]: want text, got a mapping",
			p + "5:27: employment_type: \"FULLTIME\" is not one of " + employmentList + " (did you mean \"FULL_TIME\"?)",
		}},
		{"employment type empty", roleDoc(baseFM + "employment_type: []\n"),
			Limits{}, []string{p + "5:18: employment_type: name at least one type"}},

		// Remote.
		{"remote without applicant_countries", roleDoc(baseFM + "remote: true\n"),
			Limits{}, []string{p + "5:1: remote: true needs applicant_countries (e.g. [DE, AT]); Google drops remote jobs without them"}},
		{"applicant_countries without remote", roleDoc(baseFM + "applicant_countries: [DE]\n"),
			Limits{}, []string{p + "5:1: applicant_countries is only used with remote: true"}},
		{"applicant_countries scalar without remote", roleDoc(baseFM + "remote: false\napplicant_countries: DE\n"),
			Limits{}, []string{p + "6:1: applicant_countries is only used with remote: true"}},
		{"applicant_countries bad codes", roleDoc(baseFM + "remote: true\napplicant_countries: [de, XX, Österreich]\n"), Limits{}, []string{
			p + "6:23: applicant_countries: \"de\" is not an ISO 3166-1 alpha-2 country code (did you mean \"DE\"?)",
			p + "6:27: applicant_countries: \"XX\" is not an ISO 3166-1 alpha-2 country code",
			p + "6:31: applicant_countries: \"Österreich\" is not an ISO 3166-1 alpha-2 country code (did you mean \"AT\"?)",
		}},
		{"applicant_countries scalar code", roleDoc(baseFM + "remote: true\napplicant_countries: Deutschland\n"), Limits{}, []string{
			p + "6:22: applicant_countries: \"Deutschland\" is not an ISO 3166-1 alpha-2 country code (did you mean \"DE\"?)",
		}},

		// Education and experience.
		{"experience_in_place_of_education alone", roleDoc(baseFM + "experience_in_place_of_education: true\n"),
			Limits{}, []string{p + "5:1: experience_in_place_of_education needs both experience_months and education"}},
		{"experience_in_place_of_education without education", roleDoc(baseFM + "experience_months: 24\nexperience_in_place_of_education: true\n"),
			Limits{}, []string{p + "6:1: experience_in_place_of_education needs both experience_months and education"}},
		{"education unknown", roleDoc(baseFM + "education: Bachelor\n"),
			Limits{}, []string{p + "5:12: education: \"Bachelor\" is not one of high school, associate degree, bachelor degree, professional certificate, postgraduate degree"}},

		// Occupation code.
		{"occupation code five digits", roleDoc(baseFM + "occupation_code: 25120\n"),
			Limits{}, []string{p + "5:18: occupation_code: \"25120\" is not an ISCO-08 unit group (4 digits, e.g. \"2512\")"}},
		{"occupation code letters", roleDoc(baseFM + "occupation_code: SE-1\n"),
			Limits{}, []string{p + "5:18: occupation_code: \"SE-1\" is not an ISCO-08 unit group (4 digits, e.g. \"2512\")"}},
		{"occupation code not in table", roleDoc(baseFM + "occupation_code: \"9999\"\n"),
			Limits{}, []string{p + "5:18: warning: occupation_code: \"9999\" is not in Rolesite's ISCO-08 table; the JSON-LD carries the code without its name"}},

		// Hiring organization.
		{"hiring_organization name as scalar", roleDoc(baseFM + "hiring_organization: Beispiel AG\n"),
			Limits{}, []string{p + "5:22: hiring_organization: want confidential or a mapping with name and url, got \"Beispiel AG\""}},
		{"hiring_organization number", roleDoc(baseFM + "hiring_organization: 42\n"),
			Limits{}, []string{p + "5:22: hiring_organization: want confidential or a mapping with name and url, got \"42\""}},
		{"hiring_organization list", roleDoc(baseFM + "hiring_organization: [Beispiel AG]\n"),
			Limits{}, []string{p + "5:22: hiring_organization: want a mapping of keys to values, got a list"}},
		{"hiring_organization without name", roleDoc(baseFM + "hiring_organization: {url: \"https://shop.example/\"}\n"),
			Limits{}, []string{p + "5:22: hiring_organization: name is required (or write hiring_organization: confidential)"}},
		{"hiring_organization bad url", roleDoc(baseFM + "hiring_organization: {name: Shop AG, url: shop.example}\n"),
			Limits{}, []string{p + "5:43: hiring_organization.url: \"shop.example\" is not an absolute http or https URL"}},
		{"hiring_organization ftp logo", roleDoc(baseFM + "hiring_organization:\n  name: Shop AG\n  logo: ftp://shop.example/logo.png\n"),
			Limits{}, []string{p + "7:9: hiring_organization.logo: \"ftp://shop.example/logo.png\" is not an absolute http or https URL"}},
		{"hiring_organization same_as", roleDoc(baseFM + "hiring_organization:\n  name: Shop AG\n  same_as: [linkedin.com/shop]\n"),
			Limits{}, []string{p + "7:13: hiring_organization.same_as: \"linkedin.com/shop\" is not an absolute http or https URL"}},
	}
}

func TestParseRoleErrors(t *testing.T) {
	for _, tt := range roleErrorCases() {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := ParseRole("roles/x.md", "x", tt.src, tt.limits)
			diffMessages(t, messages(errs), tt.want)
		})
	}
}
