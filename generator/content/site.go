package content

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"rolesite/generator/diag"
)

var keyPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// indexNowKeyPattern is an IndexNow key as the protocol defines it: 8 to
// 128 characters, each a letter a-z or A-Z, a digit or a hyphen.
var indexNowKeyPattern = regexp.MustCompile(`^[a-zA-Z0-9-]{8,128}$`)

// languagePattern accepts a BCP 47 language tag such as "de" or "de-AT".
var languagePattern = regexp.MustCompile(`^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$`)

// ParseSite reads site.yaml. path is the display path used in messages.
func ParseSite(path string, src []byte) (*Site, diag.List) { return parseSite(path, src, nil) }

// parseSite is ParseSite; levels, when not nil, receives the keys of
// every mapping level the decoder walked (see decoder.levels).
func parseSite(path string, src []byte, levels map[string]fieldLevel) (*Site, diag.List) {
	var errs diag.List
	s := &Site{Path: path, Defaults: Defaults{HiringOrganization: Employer{Confidential: true}, SalaryCurrency: "EUR"}, Listing: DefaultListing()}
	filePos := diag.Position{Path: path, Line: 1, Column: 1}
	if !strings.HasSuffix(path, ".yaml") && !strings.HasSuffix(path, ".yml") {
		errs.Add(filePos, diag.SiteNotYAML)
		return nil, errs
	}
	if len(strings.TrimSpace(string(src))) == 0 {
		errs.Add(filePos, diag.SiteEmpty)
		return nil, errs
	}
	// Columns do not count a BOM, as editors do not show it.
	root, perrs := parseYAMLMeta(path, bytes.TrimPrefix(src, utf8BOM), 1, siteYAMLMessages)
	if perrs.HasErrors() {
		return nil, perrs
	}
	errs.Append(perrs)
	d := &decoder{path: path, errs: &errs, pos: map[string]diag.Position{}, limits: defaultLimits, levels: levels}
	d.mapping(root, "", siteFields, []field{
		{"title", func(k string, v *yaml.Node) { s.Title, _ = d.required(k, v) }},
		{"base_url", func(k string, v *yaml.Node) {
			u, ok := d.required(k, v)
			if !ok {
				return
			}
			if reason := CheckBaseURL(u); !reason.IsZero() {
				d.add(v, diag.BadBaseURL, k, reason)
				return
			}
			if !strings.HasSuffix(u, "/") {
				u += "/"
			}
			s.BaseURL = u
		}},
		{"language", func(k string, v *yaml.Node) {
			l, ok := d.required(k, v)
			if ok && !languagePattern.MatchString(l) {
				d.add(v, diag.BadLanguage, k, l)
				return
			}
			s.Language = l
			s.LanguagePos = d.at(v)
		}},
		{"host", func(k string, v *yaml.Node) {
			s.Host, _ = d.enum(k, v, Hosts)
			s.HostPos = d.at(v)
		}},
		{"organization", func(k string, v *yaml.Node) {
			if v.Kind != yaml.MappingNode {
				d.add(v, diag.BadOrganization, k, describe(v))
				return
			}
			s.Organization = d.employer(k, v).Organization
		}},
		{"contact", func(k string, v *yaml.Node) {
			d.mapping(v, k+".", lookupField(siteFields, "contact").Fields, []field{
				{"email", func(k string, v *yaml.Node) {
					e, ok := d.required(k, v)
					if ok && (!strings.Contains(e, "@") || strings.ContainsAny(e, " <>\"")) {
						d.add(v, diag.BadEmail, k, e)
						return
					}
					s.Contact.Email = e
				}},
				{"phone", func(k string, v *yaml.Node) {
					p, ok := d.required(k, v)
					if ok && strings.Trim(p, "+0123456789 ()/-") != "" {
						d.add(v, diag.BadPhone, k, p)
						return
					}
					s.Contact.Phone = p
				}},
			})
		}},
		{"indexnow", func(k string, v *yaml.Node) {
			d.mapping(v, k+".", lookupField(siteFields, "indexnow").Fields, []field{
				{"key", func(k string, v *yaml.Node) {
					key, ok := d.required(k, v)
					if ok && !indexNowKeyPattern.MatchString(key) {
						d.add(v, diag.BadIndexNowKey, k, key)
						return
					}
					s.IndexNowKey = key
				}},
			})
			if _, set := d.pos[k+".key"]; !set && v.Kind == yaml.MappingNode {
				d.add(v, diag.MissingKey, k+".key")
			}
		}},
		{"defaults", func(k string, v *yaml.Node) {
			d.mapping(v, k+".", lookupField(siteFields, "defaults").Fields, []field{
				{"hiring_organization", func(k string, v *yaml.Node) { s.Defaults.HiringOrganization = d.employer(k, v) }},
				{"employment_type", func(k string, v *yaml.Node) { s.Defaults.EmploymentType = d.employmentTypes(k, v) }},
				{"location", func(k string, v *yaml.Node) { s.Defaults.Location = d.location(k, v) }},
				{"salary_currency", func(k string, v *yaml.Node) { s.Defaults.SalaryCurrency, _ = d.currency(k, v) }},
				{"apply_url", func(k string, v *yaml.Node) { s.Defaults.ApplyURL, _ = d.absURL(k, v) }},
			})
		}},
		{"listing", func(k string, v *yaml.Node) {
			count := func(k string, v *yaml.Node, to *int) {
				n, ok := d.integer(k, v)
				if !ok {
					return
				}
				if n < 1 || n > MaxListing {
					d.add(v, diag.ListingOutOfRange, k, n, MaxListing)
					return
				}
				*to = n
			}
			d.mapping(v, k+".", lookupField(siteFields, "listing").Fields, []field{
				{"home_per_category", func(k string, v *yaml.Node) { count(k, v, &s.Listing.HomePerCategory) }},
				{"page_size", func(k string, v *yaml.Node) { count(k, v, &s.Listing.PageSize) }},
				{"location_category_min", func(k string, v *yaml.Node) { count(k, v, &s.Listing.LocationCategoryMin) }},
			})
		}},
		{"categories", func(k string, v *yaml.Node) {
			if v.Kind != yaml.SequenceNode {
				d.add(v, diag.WantCategoryList, k, describe(v))
				return
			}
			seen := map[string]diag.Position{}
			for i, c := range v.Content {
				cat := &Category{Pos: d.at(c)}
				prefix := k + "[" + itoa(i) + "]."
				d.mapping(c, prefix, lookupField(siteFields, "categories").Fields, []field{
					{"key", func(k string, v *yaml.Node) {
						key, ok := d.required(k, v)
						if ok && !keyPattern.MatchString(key) {
							d.add(v, diag.BadCategoryKey, k, key)
							return
						}
						if reserved[key] {
							d.add(v, diag.ReservedCategoryKey, k, key)
							return
						}
						if prev, dup := seen[key]; dup {
							d.add(v, diag.CategoryTwice, k, key, prev)
							return
						}
						seen[key] = d.at(v)
						cat.Key = key
					}},
					{"title", func(k string, v *yaml.Node) { cat.Title, _ = d.required(k, v) }},
					{"description", func(k string, v *yaml.Node) { cat.Description, _ = d.required(k, v) }},
				})
				if c.Kind != yaml.MappingNode {
					continue
				}
				if cat.Key == "" || cat.Title == "" {
					// A key or title that is set but wrong has its own message.
					_, hasKey := d.pos[prefix+"key"]
					_, hasTitle := d.pos[prefix+"title"]
					if !hasKey || !hasTitle {
						d.add(c, diag.CategoryIncomplete, strings.TrimSuffix(prefix, "."))
					}
					continue
				}
				s.Categories = append(s.Categories, cat)
			}
		}},
	})
	for _, req := range requiredNames(siteFields) {
		if _, ok := d.pos[req]; !ok {
			errs.Add(diag.Position{Path: path, Line: root.Line, Column: 1}, diag.MissingKey, req)
		}
	}
	if len(s.Categories) == 0 && d.pos["categories"] != (diag.Position{}) && !errs.HasErrors() {
		errs.Add(d.pos["categories"], diag.NoCategories)
	}
	return s, errs
}

// reserved are top-level names the generator writes itself.
var reserved = map[string]bool{"assets": true, "sitemap": true, "_redirects": true, "_headers": true, "404": true, "robots": true}

// CheckBaseURL returns why u cannot be the site's base URL, or the zero
// Text.
func CheckBaseURL(u string) diag.Text {
	p, err := url.Parse(u)
	switch {
	case err != nil || p.Host == "" || (p.Scheme != "http" && p.Scheme != "https"):
		return diag.T(diag.BaseURLNotAbsolute, u)
	case p.RawQuery != "" || p.ForceQuery || p.Fragment != "" || strings.Contains(u, "#"):
		return diag.T(diag.BaseURLHasQuery, u)
	case p.User != nil:
		return diag.T(diag.BaseURLHasUser, u)
	}
	return diag.Text{}
}
