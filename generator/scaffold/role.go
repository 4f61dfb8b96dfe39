package scaffold

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"rolesite/generator/content"
	"rolesite/generator/diag"
)

// roleFields are the front-matter keys in the order a role file lists them.
var roleFields = []string{
	"title", "category", "description", "draft", "synonyms", "skills", "employment_type", "salary",
	"location", "remote", "applicant_countries", "hiring_organization", "date_posted", "valid_through",
	"lastmod", "occupation_code", "experience_months", "education", "experience_in_place_of_education",
	"direct_apply", "related", "aliases", "weight",
}

// role is what a role file is written from.
type role struct {
	texts       *texts
	intro       []string
	title       string
	category    string
	description string
	draft       bool
	today       time.Time
	related     string // an example slug for related
	sections    []section
}

// frontMatterLine is one line of front matter: set, or commented out.
type frontMatterLine struct {
	Set  bool
	Text string
}

// commentColumn is where the explanations start, so that they line up.
const commentColumn = 44

// render writes the role file's text.
func (r role) render() ([]byte, error) {
	title, err := yamlScalar(r.title)
	if err != nil {
		return nil, err
	}
	description, err := yamlScalar(r.description)
	if err != nil {
		return nil, err
	}
	set := map[string]string{"title": title, "category": r.category, "description": description}
	if r.draft {
		set["draft"] = "true"
	}
	examples := map[string]string{
		"draft":         "true",
		"date_posted":   r.today.Format(time.DateOnly),
		"valid_through": r.today.AddDate(0, 3, 0).Format(time.DateOnly),
		"lastmod":       r.today.Format(time.DateOnly),
		"related":       "[" + r.related + "]",
	}
	var lines []frontMatterLine
	for _, key := range roleFields {
		value, isSet := set[key]
		if !isSet {
			value = examples[key]
			if value == "" {
				value = r.texts.example[key]
			}
		}
		kv := key + ": " + value
		width := utf8.RuneCountInString(kv)
		if !isSet {
			width += 2 // the "# " before it
		}
		pad := max(2, commentColumn-width)
		lines = append(lines, frontMatterLine{Set: isSet, Text: kv + strings.Repeat(" ", pad) + "# " + r.texts.explain[key]})
	}
	var buf bytes.Buffer
	err = templates.ExecuteTemplate(&buf, "role.md.tmpl", map[string]any{
		"Schema":   schemaLine(RoleSchemaRef),
		"Intro":    r.intro,
		"Fields":   lines,
		"Sections": r.sections,
	})
	if err != nil {
		return nil, fmt.Errorf("write the role file: %w", err)
	}
	return buf.Bytes(), nil
}

// NewRole writes the file of a new role, named by arg as CATEGORY/SLUG,
// into the roles folder of contentDir and returns its path. The role is a
// draft: title from the slug (TitleFromSlug), the category set, every other
// field commented out with an example (date_posted today), placeholders for
// the description and the body's sections, all explained in the site's
// language. today is the build time's day (SOURCE_DATE_EPOCH when set).
//
// It refuses, writing nothing, an argument that is not CATEGORY/SLUG, a bad
// slug, a category site.yaml does not define (an ArgumentError each), a
// site.yaml with errors (a diag.List), an existing file, and a slug a role
// in any folder under roles/ has already.
func NewRole(ctx context.Context, contentDir, arg string, today time.Time) (string, error) {
	category, slug, ok := strings.Cut(arg, "/")
	if !ok || category == "" || slug == "" || strings.Contains(slug, "/") {
		return "", argError(diag.NewWantCategorySlug, arg)
	}
	if !content.ValidSlug(slug) {
		var hint diag.Text
		if s := slugSuggestion(slug); s != "" {
			hint = diag.T(diag.HintDidYouMean, s)
		}
		return "", argError(diag.NewBadSlug, arg, slug, diag.T(diag.SlugRule), hint)
	}
	site, errs := content.ReadSite(filepath.Join(contentDir, "site.yaml"))
	if errs.HasErrors() {
		return "", errs.Errors()
	}
	var keys []string
	for _, c := range site.Categories {
		keys = append(keys, c.Key)
	}
	if !slices.Contains(keys, category) {
		return "", argError(diag.NewUnknownCategory, arg, category, site.Path, content.HintOrList(category, keys))
	}
	rolesDir := filepath.Join(contentDir, "roles")
	path := filepath.Join(rolesDir, slug+".md")
	if _, err := os.Lstat(path); err == nil {
		return "", diag.Fail(nil, diag.NewFileExists, arg, path)
	}
	related := "andere-rolle"
	if textsFor(site.Language) == &english {
		related = "other-role"
	}
	if _, err := os.Stat(rolesDir); err == nil {
		files, ferrs := content.FindRoles(contentDir)
		if ferrs.HasErrors() {
			return "", ferrs.Errors()
		}
		for _, f := range files {
			if strings.EqualFold(f.Slug, slug) {
				return "", diag.Fail(nil, diag.NewSlugTaken, arg, slug, f.Path)
			}
		}
		if len(files) > 0 {
			related = files[0].Slug
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", diag.Fail(err, diag.NewFailed, arg)
	}
	t := textsFor(site.Language)
	title := TitleFromSlug(slug)
	text, err := role{
		texts: t, intro: t.intro, title: title, category: category, description: t.description,
		draft: true, today: today.UTC(), related: related, sections: t.sections(title),
	}.render()
	if err != nil {
		return "", err
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if err := os.MkdirAll(rolesDir, 0o755); err != nil {
		return "", diag.Fail(err, diag.NewFailed, arg)
	}
	if err := writeNew(path, text); err != nil {
		return "", diag.Fail(err, diag.NewFailed, arg)
	}
	return path, nil
}

// slugSuggestion returns s made into a valid slug (lowercase, umlauts
// spelled out, other characters as hyphens, ".md" dropped), or "" when
// that gives nothing valid.
func slugSuggestion(s string) string {
	s = strings.TrimSuffix(strings.ToLower(s), ".md")
	s = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss").Replace(s)
	var b strings.Builder
	for _, r := range s {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			b.WriteRune(r)
		} else if !strings.HasSuffix(b.String(), "-") {
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-")
	if !content.ValidSlug(out) {
		return ""
	}
	return out
}
