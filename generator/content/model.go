// Package content loads a Rolesite content folder: site.yaml and one
// Markdown file per role. It parses front matter (YAML or TOML), checks
// every field, applies the site's defaults and reports every problem with
// its file, line and column. It is the first pipeline stage; nothing here
// knows about links, templates or output files.
package content

import (
	"strings"
	"time"

	"rolesite/generator/diag"
	"rolesite/internal/slug"
)

// Site is a loaded, validated content folder.
type Site struct {
	Title        string
	BaseURL      string // absolute, ends in "/"
	Language     string
	Organization Organization
	Contact      Contact
	Defaults     Defaults
	Categories   []*Category
	// Roles holds every published role, ordered by category (in site.yaml
	// order), then weight, then title, then slug.
	Roles []*Role
	// Host is where the site is deployed (site.yaml's host, one of Hosts),
	// or empty when site.yaml does not say; it decides how aliases
	// redirect. HostPos is where site.yaml sets it.
	Host    string
	HostPos diag.Position
	// IndexNowKey is site.yaml's indexnow.key: the key that proves to
	// IndexNow that the site's owner sends its URLs (the build publishes it
	// as <key>.txt); empty when site.yaml sets none.
	IndexNowKey string
	// Listing is how many roles the lists show (site.yaml listing).
	Listing Listing
	// LanguagePos is where site.yaml sets language.
	LanguagePos diag.Position
	// Path is the display path of site.yaml.
	Path string
}

// Listing is site.yaml's listing: how long the lists of roles get.
type Listing struct {
	// HomePerCategory is how many open positions the home page shows of
	// each category before it links to the category page for the rest.
	HomePerCategory int
	// PageSize is how many roles a category or location page shows; the
	// rest follow on further pages (/<key>/seite/2/).
	PageSize int
	// LocationCategoryMin is how many open positions a category must have
	// at one locality for a page of its own there
	// (/standorte/<city>/<key>/).
	LocationCategoryMin int
}

// DefaultListing is the listing of a site.yaml that sets none.
func DefaultListing() Listing {
	return Listing{HomePerCategory: 6, PageSize: 50, LocationCategoryMin: 3}
}

// WithDefaults returns l with DefaultListing's number in place of each
// zero (a Site made without site.yaml, as tests make them).
func (l Listing) WithDefaults() Listing {
	d := DefaultListing()
	for _, f := range []struct {
		to  *int
		def int
	}{{&l.HomePerCategory, d.HomePerCategory}, {&l.PageSize, d.PageSize}, {&l.LocationCategoryMin, d.LocationCategoryMin}} {
		if *f.to <= 0 {
			*f.to = f.def
		}
	}
	return l
}

// MaxListing bounds each listing number: a page of more cards than this is
// larger than a page should be.
const MaxListing = 1000

// LocationSegment is the first path segment of the location pages in the
// site's language: "standorte" on German sites, "locations" otherwise.
func (s *Site) LocationSegment() string {
	if isGerman(s.Language) {
		return "standorte"
	}
	return "locations"
}

// PageSegment is the path segment before the number of a list's further
// pages: "seite" on German sites (/it/seite/2/), "page" otherwise.
func (s *Site) PageSegment() string {
	if isGerman(s.Language) {
		return "seite"
	}
	return "page"
}

// isGerman reports whether the language tag's primary subtag is de.
func isGerman(lang string) bool {
	return lang == "de" || strings.HasPrefix(lang, "de-")
}

// LocalitySlug is the URL segment of a locality: "München" -> "muenchen",
// "Frankfurt am Main" -> "frankfurt-am-main"; "" when it has no Latin
// letter or digit.
func LocalitySlug(locality string) string { return slug.Make(locality) }

// Organization is the agency that runs the site, or a role's employer.
type Organization struct {
	Name   string
	URL    string
	Logo   string
	SameAs []string
}

// Contact is the call to action shown on every role.
type Contact struct {
	Email string
	Phone string
}

// Defaults fill a role's missing fields.
type Defaults struct {
	HiringOrganization Employer
	EmploymentType     []string
	Location           Location
	SalaryCurrency     string
	ApplyURL           string
}

// Category is a Fachbereich: a group of roles with its own page.
type Category struct {
	Key         string
	Title       string
	Description string
	Pos         diag.Position
	Roles       []*Role // published roles in display order
}

// Location is a postal address; Country is ISO 3166-1 alpha-2.
type Location struct {
	Locality   string
	Region     string
	PostalCode string
	Street     string
	Country    string
}

// IsZero reports whether no field is set.
func (l Location) IsZero() bool { return l == Location{} }

// Salary is a pay band.
type Salary struct {
	Min      float64
	Max      float64
	Currency string // ISO 4217
	Unit     string // HOUR, DAY, WEEK, MONTH or YEAR
}

// Employer is the hiring organization of a role: a named client or an
// undisclosed one (Confidential).
type Employer struct {
	Confidential bool
	Organization
}

// DisplayName returns the employer's name as JSON-LD carries it:
// "confidential" for an undisclosed client.
func (e Employer) DisplayName() string {
	if e.Confidential || e.Name == "" {
		return "confidential"
	}
	return e.Name
}

// Role is one role file, with the site's defaults applied.
type Role struct {
	Slug string
	// Path is the display path of the file, as errors print it.
	Path string

	Title          string
	Category       string
	Description    string
	Synonyms       []string
	Skills         []string
	EmploymentType []string
	Salary         *Salary
	Location       Location
	Remote         bool
	// ApplicantCountries are ISO 3166-1 alpha-2 codes, for remote roles.
	ApplicantCountries []string
	HiringOrganization Employer
	DatePosted         time.Time // zero: a role description, not an opening
	ValidThrough       time.Time // zero: no end date
	LastMod            time.Time // from front matter; zero when unset
	OccupationCode     string    // ISCO-08 unit group
	ExperienceMonths   int
	Education          string
	// ExperienceInPlaceOfEducation: experience can stand in for Education.
	ExperienceInPlaceOfEducation bool
	DirectApply                  bool
	// ApplyURL is where candidates apply (the client's applicant tracking
	// system), absolute; site.yaml's defaults.apply_url when the role sets
	// none; "" for the contact e-mail.
	ApplyURL string
	Related  []string
	Aliases  []string
	Draft    bool
	Weight   int

	// Body is the Markdown body; BodyOffset is its byte offset in Source.
	Body       []byte
	BodyOffset int
	Source     []byte

	// Pos holds the position of each front-matter key that was set, by
	// key path ("title", "salary.min", "related.2").
	Pos map[string]diag.Position
	// NamePos are the positions of the title and each synonym, in order.
	NamePos []diag.Position

	set     roleSet // which defaultable fields the file set itself
	urlPath string  // URLPath, once Assemble fixed it
}

// KeyPos returns the position of a front-matter key, or the file's first
// line when the key was not set.
func (r *Role) KeyPos(key string) diag.Position {
	if p, ok := r.Pos[key]; ok {
		return p
	}
	return diag.Position{Path: r.Path, Line: 1, Column: 1}
}

// Names returns the title followed by the synonyms.
func (r *Role) Names() []string {
	return append([]string{r.Title}, r.Synonyms...)
}

// Open reports whether the role is an open position at time now: it has a
// date_posted and its valid_through, if any, has not passed.
func (r *Role) Open(now time.Time) bool {
	return !r.DatePosted.IsZero() && !r.Closed(now)
}

// Closed reports whether the role was an opening whose valid_through lies
// before now (valid_through is read as midnight UTC of that day, the moment
// the JobPosting's validThrough names).
func (r *Role) Closed(now time.Time) bool {
	return !r.DatePosted.IsZero() && !r.ValidThrough.IsZero() && !now.Before(r.ClosesAt())
}

// ClosesAt is the moment the role closes: valid_through at midnight UTC.
// It is zero when the role has no valid_through.
func (r *Role) ClosesAt() time.Time { return r.ValidThrough }
