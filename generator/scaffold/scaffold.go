// Package scaffold writes the files an editor starts from: the file of a
// new role (build -new CATEGORY/SLUG), with every front-matter field set or
// commented out and explained in the site's language, and a whole new site
// (build -init DIR) that builds without a warning on the first try.
//
// A new role is a draft whose description and text are placeholders
// (content.PlaceholderGerman, content.PlaceholderEnglish): it builds, is not
// published, and the loader refuses it once draft: true is removed while a
// placeholder is left.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"

	"go.yaml.in/yaml/v3"

	"rolesite/generator/diag"
)

// SchemaDir is the folder inside the content folder that holds the JSON
// Schemas of site.yaml and of role front matter. The first comment line of
// each written file points an editor's YAML support there.
const SchemaDir = "schema"

// RoleSchemaRef is the schema reference written into a role file in roles/
// (relative to that file); SiteSchemaRef the one written into site.yaml.
const (
	RoleSchemaRef = "../" + SchemaDir + "/role.schema.json"
	SiteSchemaRef = SchemaDir + "/site.schema.json"
)

// schemaLine is the comment that names a file's schema for YAML editors.
func schemaLine(ref string) string { return "# yaml-language-server: $schema=" + ref }

// ArgumentError is a mistake in what the command was asked to do (a bad
// slug, an unknown category, a folder that is not empty): the command's
// usage, not the content.
// Its text is a catalogue message: ErrorIn renders it in either language.
type ArgumentError struct{ diag.Failure }

// argError makes an ArgumentError of a catalogue message.
func argError(msg diag.Message, args ...any) error {
	return &ArgumentError{diag.Fail(nil, msg, args...)}
}

//go:embed templates
var templateFS embed.FS

// templates are the file texts; yaml quotes a value for YAML.
var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"yaml": yamlScalar,
}).ParseFS(templateFS, "templates/*.tmpl"))

// yamlScalar writes s as one YAML scalar: plain when YAML reads it as that
// text, else in double quotes (which an editor can add an apostrophe to,
// unlike single quotes).
func yamlScalar(s string) (string, error) {
	out, err := yaml.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("quote %q for YAML: %w", s, err)
	}
	plain := strings.TrimSuffix(string(out), "\n")
	if strings.ContainsAny(plain, "'\"\n") {
		return strconv.Quote(s), nil
	}
	return plain, nil
}

// writeNew writes data into a new file at path, never over an existing one:
// the text goes into a hidden temporary file beside it (which the loader
// skips) and is linked to path only when complete, so path either does not
// exist or holds the whole text.
func writeNew(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".new-*"+filepath.Ext(path))
	if err != nil {
		return diag.Fail(err, diag.WriteFailed, path)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return diag.Fail(err, diag.WriteFailed, path)
	}
	if err := tmp.Close(); err != nil {
		return diag.Fail(err, diag.WriteFailed, path)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return diag.Fail(err, diag.WriteFailed, path)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return diag.Fail(nil, diag.AppearedMeanwhile, path)
		}
		return diag.Fail(err, diag.WriteFailed, path)
	}
	return nil
}
