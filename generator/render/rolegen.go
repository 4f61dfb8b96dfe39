package render

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"reflect"

	"rolesite/generator/render/internal/tmplgen"
)

// Role pages are nearly all of a site's pages, and executing role.html
// through html/template costs a reflective call for every field, function
// and escaper on the page. So role_gen.go holds Go code generated from the
// built-in templates a role page is made of (roleTemplates): html/template
// escapes them, and tmplgen translates the escaped parse trees into code
// that writes the same bytes. While none of those templates is overridden
// in layouts/, and the embedded ones are the ones role_gen.go was
// generated from (roleTemplatesSHA256), the renderer writes role pages with
// it; otherwise through html/template.
//
// After editing one of those templates, run go generate in this folder;
// TestRoleGenUpToDate fails until role_gen.go matches the templates.

//go:generate go run -tags rolegen ./internal/rolegen -o role_gen.go

// roleTemplates are the built-in templates role_gen.go is generated from.
var roleTemplates = []string{"_base.html", "_partials.html", "role.html"}

// roleGenCommand regenerates role_gen.go; its header names it.
const roleGenCommand = "go generate ./generator/render (rolegen.go)"

// GenerateRoleWriter returns the source of role_gen.go for the built-in
// templates.
func GenerateRoleWriter() ([]byte, error) {
	sources := map[string]string{}
	entries, err := fs.ReadDir(builtin, "templates")
	if err != nil {
		return nil, fmt.Errorf("built-in templates: %w", err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(builtin, "templates/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("built-in templates: %w", err)
		}
		sources[e.Name()] = string(b)
	}
	return generateRoleWriter(sources)
}

// generateRoleWriter returns the source of role_gen.go for the templates
// in sources (file name -> text), parsed as the renderer parses them.
func generateRoleWriter(sources map[string]string) ([]byte, error) {
	origin := map[string]string{}
	for name := range sources {
		origin[name] = name
	}
	pages, errs := parsePages(sources, origin, funcs, nil, nil)
	if errs.HasErrors() {
		return nil, fmt.Errorf("parse templates: %v", errs)
	}
	role := pages[KindRole]
	// Escaping happens on the first execution; an execution error on the
	// empty page is expected, an escaping error is not.
	var escErr *template.Error
	if err := role.Execute(io.Discard, &Page{Kind: KindRole, Site: &SiteView{}}); errors.As(err, &escErr) {
		return nil, fmt.Errorf("escape role.html: %w", err)
	}
	return tmplgen.Generate(tmplgen.Spec{
		Package:    "render",
		PkgPath:    reflect.TypeFor[Page]().PkgPath(),
		Command:    roleGenCommand,
		Constraint: "!rolegen",
		Set:        role,
		Entry:      role.Name(),
		Func:       "writeRoleGenerated",
		Dot:        reflect.TypeFor[*Page](),
		Env:        "c *Context",
		EnvFuncs:   map[string]string{"t": "c.t"},
		Cache:      &tmplgen.Cache{Template: "rolecard", Dot: reflect.TypeFor[RoleLink](), Call: "c.cachedCard(w, %s, %s)"},
		Funcs:      funcs,
		DigestName: "roleTemplatesSHA256",
		Digest:     roleTemplatesDigest(sources),
	})
}

// roleTemplatesDigest is the SHA-256 of roleTemplates in sources.
func roleTemplatesDigest(sources map[string]string) string {
	h := sha256.New()
	for _, name := range roleTemplates {
		fmt.Fprintf(h, "%s\x00%d\x00%s", name, len(sources[name]), sources[name])
	}
	return hex.EncodeToString(h.Sum(nil))
}
