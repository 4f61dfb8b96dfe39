package render

import (
	"errors"
	"html/template"
	"maps"
	"slices"
	"strings"

	"rolesite/generator/content"
	"rolesite/generator/diag"
	"rolesite/generator/render/i18n"
)

// The words of every page come from the message catalogue of the site's
// language (package i18n): templates call {{t "key" args}}, the Go code
// here calls Context.msg. Each language's templates are parsed with their
// own t (pageSet); the generated role writer calls Context.t, which reads
// the catalogue at run time, so one generated writer serves every
// language and every override in layouts/i18n.

// codeKeys are the messages the renderer's Go code uses; with the keys the
// templates use, they are the keys every language must have.
var codeKeys = func() []string {
	keys := []string{
		"home_description", "category_title", "list_and", "list_or",
		"role_title_open", "role_title_open_remote", "role_title_open_in", "role_title_profile",
		"remote_full", "employer_confidential", "share_email",
		"notfound_title", "notfound_heading", "notfound_description",
		"page_of", "location_heading", "location_category_heading", "location_description",
		"location_description_category", "location_description_among", "feed_title", "feed_title_scope",
		"format_decimal", "format_group", "format_money", "format_range", "format_date",
		"currency_EUR", "currency_USD", "currency_GBP", "currency_CHF",
	}
	for _, t := range content.EmploymentTypes() {
		keys = append(keys, "employment_"+t)
	}
	for _, u := range content.SalaryUnits() {
		keys = append(keys, "salary_"+u)
	}
	for _, m := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"} {
		keys = append(keys, "month_"+m)
	}
	return keys
}()

// pageSet is the page templates parsed with one language's t.
type pageSet struct {
	pages map[string]*template.Template
	cards *cardCache // nil when the card partials are not cached
}

// translate writes a message of the site's language: {{t "badge_open"}} gives "Offene
// Position" on a German site and "Open position" on an English one; a
// message with plural forms takes the count first, {{t "count_open"
// .Home.OpenCount}} gives "12 offene Positionen"; further arguments fill
// {0}, {1} …: {{t "email_agency" .Site.AgencyName}}. The keys are listed
// below; layouts/i18n/<language>.yaml overrides or adds them.
func translate(key string, args ...any) (string, error) {
	// Only the signature counts: each language's templates are parsed
	// with the Locale's T in its place (funcsFor).
	return "", errNoLocale
}

// errNoLocale is what translate returns: it never runs.
var errNoLocale = errors.New("t runs with the catalogue of the site's language")

// funcsFor returns the template functions with t writing loc's messages.
func funcsFor(loc *i18n.Locale) template.FuncMap {
	fm := template.FuncMap{}
	for k, v := range funcs {
		fm[k] = v
	}
	fm["t"] = loc.T
	return fm
}

// t writes a message for the generated role writer (see rolegen.go).
func (c *Context) t(key string, args ...any) (string, error) {
	if c == nil || c.loc == nil {
		return "", errNoLocale
	}
	return c.loc.T(key, args...)
}

// msg is a message of the Go code (codeKeys), which every catalogue the
// renderer accepts has (see Renderer.CheckLanguage).
func (c *Context) msg(key string, args ...any) string {
	s, err := c.loc.T(key, args...)
	if err != nil {
		return key
	}
	return s
}

// usedKeys are the keys the renderer needs: those of its Go code and of
// its templates.
func (r *Renderer) usedKeys() []string {
	seen := map[string]bool{}
	for _, k := range codeKeys {
		seen[k] = true
	}
	for k := range r.templateKeys {
		seen[k] = true
	}
	return slices.Sorted(maps.Keys(seen))
}

// CheckLanguage reports a site language the catalogues cannot write: one
// without a catalogue, or whose catalogue lacks keys the templates use,
// at site.yaml's language key.
func (r *Renderer) CheckLanguage(site *content.Site) diag.List {
	var errs diag.List
	pos := site.LanguagePos
	if pos.Path == "" {
		pos = diag.Position{Path: "site.yaml"}
	}
	loc, err := r.catalogue.Locale(site.Language)
	if err != nil {
		tag, terr := i18n.Tag(site.Language)
		base := site.Language
		if terr == nil {
			b, _ := tag.Base()
			base = b.String()
		}
		errs.Add(pos, diag.NoCatalogue, site.Language, base, strings.Join(r.catalogue.Languages(), ", "))
		return errs
	}
	if missing := loc.Missing(r.usedKeys()); len(missing) > 0 {
		b, _ := loc.Tag.Base()
		errs.Add(pos, diag.LanguageMissingKeys, site.Language, strings.Join(missing, ", "), b.String())
	}
	return errs
}
