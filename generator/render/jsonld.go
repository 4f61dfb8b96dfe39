package render

import (
	"strings"
	"time"

	"rolesite/generator/content"
)

// The JSON-LD types below are encoded by html/template from Go values
// ({{.}} inside <script type="application/ld+json">), which JSON-encodes
// them and escapes <, >, &, U+2028 and U+2029: nothing from content can
// leave the script element. Field order is the output order.

const schemaContext = "https://schema.org"

type jobPosting struct {
	Context                       string                 `json:"@context"`
	Type                          string                 `json:"@type"`
	Title                         string                 `json:"title"`
	Description                   string                 `json:"description"`
	URL                           string                 `json:"url"`
	DatePosted                    string                 `json:"datePosted"`
	ValidThrough                  string                 `json:"validThrough,omitempty"`
	EmploymentType                []string               `json:"employmentType,omitempty"`
	HiringOrganization            organization           `json:"hiringOrganization"`
	JobLocation                   *place                 `json:"jobLocation,omitempty"`
	JobLocationType               string                 `json:"jobLocationType,omitempty"`
	ApplicantLocationRequirements []country              `json:"applicantLocationRequirements,omitempty"`
	BaseSalary                    *monetaryAmount        `json:"baseSalary,omitempty"`
	Identifier                    propertyValue          `json:"identifier"`
	DirectApply                   bool                   `json:"directApply"`
	OccupationalCategory          *categoryCode          `json:"occupationalCategory,omitempty"`
	Skills                        string                 `json:"skills,omitempty"`
	ExperienceRequirements        *experienceRequirement `json:"experienceRequirements,omitempty"`
	EducationRequirements         *credential            `json:"educationRequirements,omitempty"`
	ExperienceInPlaceOfEducation  *bool                  `json:"experienceInPlaceOfEducation,omitempty"`
}

type organization struct {
	Context string   `json:"@context,omitempty"`
	Type    string   `json:"@type"`
	Name    string   `json:"name"`
	URL     string   `json:"url,omitempty"`
	Logo    string   `json:"logo,omitempty"`
	SameAs  []string `json:"sameAs,omitempty"`
}

type place struct {
	Type    string        `json:"@type"`
	Address postalAddress `json:"address"`
}

type postalAddress struct {
	Type            string `json:"@type"`
	StreetAddress   string `json:"streetAddress,omitempty"`
	AddressLocality string `json:"addressLocality,omitempty"`
	AddressRegion   string `json:"addressRegion,omitempty"`
	PostalCode      string `json:"postalCode,omitempty"`
	AddressCountry  string `json:"addressCountry"`
}

type country struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type monetaryAmount struct {
	Type     string            `json:"@type"`
	Currency string            `json:"currency"`
	Value    quantitativeValue `json:"value"`
}

type quantitativeValue struct {
	Type     string  `json:"@type"`
	MinValue float64 `json:"minValue"`
	MaxValue float64 `json:"maxValue"`
	UnitText string  `json:"unitText"`
}

type propertyValue struct {
	Type  string `json:"@type"`
	Name  string `json:"name"`
	Value string `json:"value"`
}

type categoryCode struct {
	Type      string `json:"@type"`
	CodeValue string `json:"codeValue"`
	InCodeSet string `json:"inCodeSet"`
	Name      string `json:"name,omitempty"`
}

type experienceRequirement struct {
	Type               string `json:"@type"`
	MonthsOfExperience int    `json:"monthsOfExperience"`
}

type credential struct {
	Type               string `json:"@type"`
	CredentialCategory string `json:"credentialCategory"`
}

type breadcrumbList struct {
	Context         string     `json:"@context"`
	Type            string     `json:"@type"`
	ItemListElement []listItem `json:"itemListElement"`
}

type listItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item,omitempty"`
}

type webSite struct {
	Context    string `json:"@context"`
	Type       string `json:"@type"`
	Name       string `json:"name"`
	URL        string `json:"url"`
	InLanguage string `json:"inLanguage,omitempty"`
}

const isoDate = "2006-01-02"

// JobPosting builds the JobPosting of an open role. bodyHTML is the role's
// rendered body, the same HTML the page shows.
func newJobPosting(site *content.Site, r *content.Role, pageURL, bodyHTML string) *jobPosting {
	jp := &jobPosting{
		Context:        schemaContext,
		Type:           "JobPosting",
		Title:          r.Title,
		Description:    bodyHTML,
		URL:            pageURL,
		DatePosted:     r.DatePosted.Format(isoDate),
		EmploymentType: r.EmploymentType,
		DirectApply:    r.DirectApply,
	}
	if !r.ValidThrough.IsZero() {
		jp.ValidThrough = r.ValidThrough.Format(isoDate)
	}
	if r.HiringOrganization.Confidential || r.HiringOrganization.Name == "" {
		jp.HiringOrganization = organization{Type: "Organization", Name: "confidential"}
	} else {
		o := r.HiringOrganization
		jp.HiringOrganization = organization{Type: "Organization", Name: o.Name, URL: o.URL, Logo: o.Logo, SameAs: o.SameAs}
	}
	if r.Remote {
		jp.JobLocationType = "TELECOMMUTE"
		for _, c := range r.ApplicantCountries {
			jp.ApplicantLocationRequirements = append(jp.ApplicantLocationRequirements, country{Type: "Country", Name: c})
		}
	}
	if !r.Location.IsZero() {
		l := r.Location
		jp.JobLocation = &place{Type: "Place", Address: postalAddress{
			Type: "PostalAddress", StreetAddress: l.Street, AddressLocality: l.Locality,
			AddressRegion: l.Region, PostalCode: l.PostalCode, AddressCountry: l.Country,
		}}
	}
	if s := r.Salary; s != nil {
		jp.BaseSalary = &monetaryAmount{Type: "MonetaryAmount", Currency: s.Currency, Value: quantitativeValue{
			Type: "QuantitativeValue", MinValue: s.Min, MaxValue: s.Max, UnitText: s.Unit,
		}}
	}
	idName := site.Organization.Name
	if idName == "" {
		idName = site.Title
	}
	jp.Identifier = propertyValue{Type: "PropertyValue", Name: idName, Value: r.Slug}
	if r.OccupationCode != "" {
		jp.OccupationalCategory = &categoryCode{Type: "CategoryCode", CodeValue: r.OccupationCode,
			InCodeSet: content.ISCO08Set, Name: content.ISCO08Label(r.OccupationCode)}
	}
	if len(r.Skills) > 0 {
		jp.Skills = strings.Join(r.Skills, ", ")
	}
	if r.ExperienceMonths > 0 {
		jp.ExperienceRequirements = &experienceRequirement{Type: "OccupationalExperienceRequirements", MonthsOfExperience: r.ExperienceMonths}
	}
	if r.Education != "" {
		jp.EducationRequirements = &credential{Type: "EducationalOccupationalCredential", CredentialCategory: r.Education}
	}
	if r.ExperienceInPlaceOfEducation && jp.ExperienceRequirements != nil && jp.EducationRequirements != nil {
		t := true
		jp.ExperienceInPlaceOfEducation = &t
	}
	return jp
}

func newBreadcrumbs(crumbs []Crumb) *breadcrumbList {
	bl := &breadcrumbList{Context: schemaContext, Type: "BreadcrumbList"}
	for i, c := range crumbs {
		item := listItem{Type: "ListItem", Position: i + 1, Name: c.Name}
		if i < len(crumbs)-1 {
			item.Item = c.URL
		}
		bl.ItemListElement = append(bl.ItemListElement, item)
	}
	return bl
}

func newOrganization(site *content.Site) *organization {
	o := site.Organization
	name := o.Name
	if name == "" {
		name = site.Title
	}
	url := o.URL
	if url == "" {
		url = site.BaseURL
	}
	return &organization{Context: schemaContext, Type: "Organization", Name: name, URL: url, Logo: o.Logo, SameAs: o.SameAs}
}

func newWebSite(site *content.Site) *webSite {
	return &webSite{Context: schemaContext, Type: "WebSite", Name: site.Title, URL: site.BaseURL, InLanguage: site.Language}
}

// dateOf formats a date for JSON-LD and the sitemap.
func dateOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(isoDate)
}
