package content

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"rolesite/generator/diag"
)

// Limits bound what one file may hold, so that a runaway file fails with a
// clear message instead of a slow build. Zero fields take the defaults.
type Limits struct {
	MaxFileBytes int // a whole role file; default 2 MiB
	MaxField     int // characters in one front-matter text value; default 2,000
	MaxTitle     int // characters in a title or synonym; default 120
}

// DefaultLimits are the limits used when a Limits field is zero.
var defaultLimits = Limits{MaxFileBytes: 2 << 20, MaxField: 2000, MaxTitle: 120}

func (l Limits) withDefaults() Limits {
	if l.MaxFileBytes == 0 {
		l.MaxFileBytes = defaultLimits.MaxFileBytes
	}
	if l.MaxField == 0 {
		l.MaxField = defaultLimits.MaxField
	}
	if l.MaxTitle == 0 {
		l.MaxTitle = defaultLimits.MaxTitle
	}
	return l
}

// maxDescription is Google's and DESIGN.md's limit for a meta description.
const maxDescription = 160

// roleSet records which optional fields a role set itself, so defaults
// fill only the others.
type roleSet struct {
	employmentType, location, hiringOrganization, salaryCurrency bool
}

// ParseRole reads one role file. slug comes from the file name; path is
// the display path used in messages. It checks everything that the file
// alone decides; Assemble checks what depends on other files.
func ParseRole(path, slug string, src []byte, limits Limits) (*Role, diag.List) {
	r, set, errs := parseRole(path, slug, src, limits.withDefaults(), nil)
	if r != nil {
		r.set = set
	}
	return r, errs
}

// parseRole is ParseRole without the defaults; levels, when not nil,
// receives the keys of every mapping level the decoder walked.
func parseRole(path, slug string, src []byte, limits Limits, levels map[string]fieldLevel) (*Role, roleSet, diag.List) {
	var errs diag.List
	var set roleSet
	filePos := diag.Position{Path: path, Line: 1, Column: 1}
	if len(src) > limits.MaxFileBytes {
		errs.Add(filePos, diag.FileTooLarge, len(src), limits.MaxFileBytes)
		return nil, set, errs
	}
	// Columns do not count a BOM, as editors do not show it.
	text := bytes.TrimPrefix(src, utf8BOM)
	shift := len(src) - len(text)
	if enc := textEncoding(src); enc != "" {
		errs.Add(filePos, diag.FileEncoding, enc)
		return nil, set, errs
	}
	if !utf8.Valid(src) {
		off := invalidUTF8Offset(src)
		errs.Add(diag.OffsetPosition(path, text, off-shift), diag.FileNotUTF8)
		return nil, set, errs
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		errs.Add(diag.OffsetPosition(path, text, i-shift), diag.FileHasNUL)
		return nil, set, errs
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(src, utf8BOM))) == 0 {
		errs.Add(filePos, diag.FileEmpty)
		return nil, set, errs
	}
	doc, derrs := splitDocument(path, src)
	if derrs.HasErrors() {
		return nil, set, derrs
	}
	errs.Append(derrs)
	if off, msg := disallowedInBody(doc.body); !msg.IsZero() {
		errs.Add(diag.OffsetPosition(path, text, doc.bodyOffset+off-shift), diag.BodyBadCharacter, msg)
	}
	if doc.meta == nil {
		errs.Add(filePos, diag.NoFrontMatter)
		return nil, set, errs
	}
	if p := checkBody(doc.body, defaultBodyLimits); p != nil {
		errs.Add(diag.OffsetPosition(path, text, doc.bodyOffset+p.offset-shift), diag.BodyProblem, p.message)
	}
	r := &Role{
		Slug:       slug,
		Path:       path,
		Source:     src,
		Body:       doc.body,
		BodyOffset: doc.bodyOffset,
		Pos:        map[string]diag.Position{},
	}
	d := &decoder{path: path, errs: &errs, pos: r.Pos, limits: limits, levels: levels}
	name := func(key string, n *yaml.Node) (string, bool) {
		// The title limit is the smaller one: check it before the general
		// field limit, so the message names the limit that applies.
		if n.Kind == yaml.ScalarNode && utf8.RuneCountInString(n.Value) > limits.MaxTitle {
			d.add(n, diag.TooLong, key, utf8.RuneCountInString(n.Value), limits.MaxTitle)
			return "", false
		}
		s, ok := d.required(key, n)
		if ok && strings.ContainsAny(s, "\n\r") {
			d.add(n, diag.NotOneLine, key)
			return "", false
		}
		if ok && !hasLetterOrDigit(s) {
			d.add(n, diag.NoLetterOrDigit, key, s)
			return "", false
		}
		return s, ok
	}
	var titlePos diag.Position
	var synonymPos []diag.Position
	d.mapping(doc.meta, "", roleFields, []field{
		{"title", func(k string, v *yaml.Node) {
			r.Title, _ = name(k, v)
			titlePos = d.at(v)
		}},
		{"category", func(k string, v *yaml.Node) { r.Category, _ = d.required(k, v) }},
		{"description", func(k string, v *yaml.Node) {
			s, ok := d.required(k, v)
			if ok && utf8.RuneCountInString(s) > maxDescription {
				d.add(v, diag.DescriptionTooLong, k, utf8.RuneCountInString(s), maxDescription)
			}
			r.Description = s
		}},
		{"synonyms", func(k string, v *yaml.Node) {
			items := v.Content
			if v.Kind != yaml.SequenceNode {
				items = []*yaml.Node{v}
			}
			if v.Kind == yaml.MappingNode {
				d.add(v, diag.WantList, k, describe(v))
				return
			}
			for _, c := range items {
				if s, ok := name(k, c); ok {
					r.Synonyms = append(r.Synonyms, s)
					synonymPos = append(synonymPos, d.at(c))
				}
			}
		}},
		{"skills", func(k string, v *yaml.Node) { r.Skills, _ = d.list(k, v) }},
		{"employment_type", func(k string, v *yaml.Node) {
			set.employmentType = true
			r.EmploymentType = d.employmentTypes(k, v)
		}},
		{"salary", func(k string, v *yaml.Node) { r.Salary = d.salary(k, v, &set.salaryCurrency) }},
		{"location", func(k string, v *yaml.Node) {
			set.location = true
			r.Location = d.location(k, v)
		}},
		{"remote", func(k string, v *yaml.Node) { r.Remote, _ = d.boolean(k, v) }},
		{"applicant_countries", func(k string, v *yaml.Node) {
			list, _ := d.list(k, v)
			for i, c := range list {
				if !isCode(countryCodes, c) {
					d.errs.Add(d.pos[k+"."+itoa(i)], diag.BadCountry, k, c, countryHint(c))
					continue
				}
				r.ApplicantCountries = append(r.ApplicantCountries, c)
			}
		}},
		{"hiring_organization", func(k string, v *yaml.Node) {
			set.hiringOrganization = true
			r.HiringOrganization = d.employer(k, v)
		}},
		{"date_posted", func(k string, v *yaml.Node) { r.DatePosted, _ = d.date(k, v) }},
		{"valid_through", func(k string, v *yaml.Node) { r.ValidThrough, _ = d.date(k, v) }},
		{"lastmod", func(k string, v *yaml.Node) { r.LastMod, _ = d.date(k, v) }},
		{"occupation_code", func(k string, v *yaml.Node) {
			s, ok := d.required(k, v)
			if ok && !isISCO08(s) {
				d.add(v, diag.BadOccupationCode, k, s)
				return
			}
			if ok && ISCO08Label(s) == "" {
				d.errs.Warn(d.at(v), diag.UnknownOccupationCode, k, s)
			}
			r.OccupationCode = s
		}},
		{"experience_months", func(k string, v *yaml.Node) {
			n, ok := d.integer(k, v)
			if ok && (n < 0 || n > 600) {
				d.add(v, diag.ExperienceOutOfRange, k, n)
				return
			}
			r.ExperienceMonths = n
		}},
		{"education", func(k string, v *yaml.Node) { r.Education, _ = d.enum(k, v, educationLevels) }},
		{"experience_in_place_of_education", func(k string, v *yaml.Node) { r.ExperienceInPlaceOfEducation, _ = d.boolean(k, v) }},
		{"direct_apply", func(k string, v *yaml.Node) { r.DirectApply, _ = d.boolean(k, v) }},
		{"apply_url", func(k string, v *yaml.Node) { r.ApplyURL, _ = d.absURL(k, v) }},
		{"related", func(k string, v *yaml.Node) { r.Related, _ = d.list(k, v) }},
		{"aliases", func(k string, v *yaml.Node) { r.Aliases, _ = d.list(k, v) }},
		{"draft", func(k string, v *yaml.Node) { r.Draft, _ = d.boolean(k, v) }},
		{"weight", func(k string, v *yaml.Node) { r.Weight, _ = d.integer(k, v) }},
	})
	for _, req := range requiredKeys(roleFields) {
		if _, ok := r.Pos[req.key]; !ok {
			errs.Add(diag.Position{Path: path, Line: doc.meta.Line, Column: 1}, diag.MissingKey, req.key)
		}
	}
	if !r.DatePosted.IsZero() && !r.ValidThrough.IsZero() && !r.ValidThrough.After(r.DatePosted) {
		errs.Add(r.KeyPos("valid_through"), diag.ValidThroughBeforePosted,
			r.ValidThrough.Format("2006-01-02"), r.DatePosted.Format("2006-01-02"))
	}
	// A key that is present but invalid has its own error: the checks
	// across keys below ask whether a key is written, not whether it
	// parsed, so that one mistake gives one message.
	has := func(key string) bool { _, ok := r.Pos[key]; return ok }
	if has("valid_through") && !d.bad["valid_through"] && !has("date_posted") {
		errs.Add(r.KeyPos("valid_through"), diag.ValidThroughAlone)
	}
	if r.Remote && !has("applicant_countries") {
		errs.Add(r.KeyPos("remote"), diag.RemoteNeedsCountries)
	}
	if !r.Remote && has("applicant_countries") && !d.bad["remote"] {
		errs.Add(r.KeyPos("applicant_countries"), diag.CountriesNeedRemote)
	}
	if r.ExperienceInPlaceOfEducation && (!has("experience_months") || !has("education")) {
		errs.Add(r.KeyPos("experience_in_place_of_education"), diag.ExperienceInPlaceAlone)
	}
	checkPlaceholders(r, &errs)
	r.NamePos = append([]diag.Position{titlePos}, synonymPos...)
	return r, set, errs
}

func (d *decoder) employmentTypes(k string, v *yaml.Node) []string {
	list, _ := d.list(k, v)
	var out []string
	for i, t := range list {
		if !oneOf(employmentTypes, t) {
			d.errs.Add(d.pos[k+"."+itoa(i)], diag.NotOneOf, k, t, strings.Join(employmentTypes, ", "), hint(strings.ToUpper(t), employmentTypes))
			continue
		}
		out = append(out, t)
	}
	if len(list) == 0 {
		d.add(v, diag.NoEmploymentType, k)
	}
	return out
}

func (d *decoder) currency(k string, v *yaml.Node) (string, bool) {
	s, ok := d.required(k, v)
	if !ok {
		return "", false
	}
	if !isCode(currencyCodes, s) || len(s) != 3 {
		h := diag.T(diag.HintExample, "EUR")
		symbols := map[string]string{"€": "EUR", "$": "USD", "£": "GBP", "Fr.": "CHF"}
		if up := strings.ToUpper(s); up != s && isCode(currencyCodes, up) && len(up) == 3 {
			h = diag.T(diag.HintDidYouMean, up)
		} else if code, ok := symbols[s]; ok {
			h = diag.T(diag.HintDidYouMean, code)
		}
		d.add(v, diag.BadCurrency, k, s, h)
		return "", false
	}
	return s, true
}

func (d *decoder) location(k string, v *yaml.Node) Location {
	var l Location
	d.mapping(v, k+".", locationFields, []field{
		{"locality", func(k string, v *yaml.Node) { l.Locality, _ = d.required(k, v) }},
		{"region", func(k string, v *yaml.Node) { l.Region, _ = d.required(k, v) }},
		{"postal_code", func(k string, v *yaml.Node) { l.PostalCode, _ = d.required(k, v) }},
		{"street", func(k string, v *yaml.Node) { l.Street, _ = d.required(k, v) }},
		{"country", func(k string, v *yaml.Node) {
			s, ok := d.required(k, v)
			if ok && (len(s) != 2 || !isCode(countryCodes, s)) {
				d.add(v, diag.BadCountry, k, s, countryHint(s))
				return
			}
			l.Country = s
		}},
	})
	// A key that is set but wrong has its own message already.
	if v.Kind == yaml.MappingNode {
		if _, ok := d.pos[k+".country"]; !ok {
			d.add(v, diag.MissingCountry, k)
		}
		if _, ok := d.pos[k+".locality"]; !ok {
			d.add(v, diag.MissingLocality, k)
		}
	}
	return l
}

func (d *decoder) employer(k string, v *yaml.Node) Employer {
	if v.Kind == yaml.ScalarNode {
		s, ok := d.str(k, v)
		if ok && s != "confidential" {
			d.add(v, diag.BadHiringOrganization, k, describe(v))
		}
		return Employer{Confidential: true}
	}
	var e Employer
	d.mapping(v, k+".", employerKeys, []field{
		{"name", func(k string, v *yaml.Node) { e.Name, _ = d.required(k, v) }},
		{"url", func(k string, v *yaml.Node) { e.URL, _ = d.absURL(k, v) }},
		{"logo", func(k string, v *yaml.Node) { e.Logo, _ = d.absURL(k, v) }},
		{"same_as", func(k string, v *yaml.Node) {
			list, _ := d.list(k, v)
			for i, u := range list {
				if reason := checkAbsURL(u); !reason.IsZero() {
					d.errs.Add(d.pos[k+"."+itoa(i)], diag.BadURL, k, reason)
					continue
				}
				e.SameAs = append(e.SameAs, u)
			}
		}},
	})
	if v.Kind == yaml.MappingNode && e.Name == "" {
		if k == "organization" { // the agency itself cannot be confidential
			d.add(v, diag.MissingName, k)
		} else {
			d.add(v, diag.MissingEmployerName, k)
		}
	}
	return e
}

// countryHint suggests the country code s most likely means, or is the
// zero Text.
func countryHint(s string) diag.Text {
	up := strings.ToUpper(s)
	if up != s && isCode(countryCodes, up) && len(up) == 2 {
		return diag.T(diag.HintDidYouMean, up)
	}
	switch strings.ToLower(s) {
	case "de", "deu", "germany", "deutschland":
		return diag.T(diag.HintDidYouMean, "DE")
	case "at", "aut", "austria", "österreich":
		return diag.T(diag.HintDidYouMean, "AT")
	case "ch", "che", "switzerland", "schweiz":
		return diag.T(diag.HintDidYouMean, "CH")
	}
	return diag.Text{}
}

func isISCO08(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func invalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}
