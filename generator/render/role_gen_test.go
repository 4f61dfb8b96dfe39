package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"

	"rolesite/generator/content"
)

// builtinSources returns the built-in templates by file name.
func builtinSources(t testing.TB) map[string]string {
	t.Helper()
	entries, err := fs.ReadDir(builtin, "templates")
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{}
	for _, e := range entries {
		b, err := fs.ReadFile(builtin, "templates/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		sources[e.Name()] = string(b)
	}
	return sources
}

// TestRoleGenUpToDate fails when role_gen.go is not what go generate
// makes of the built-in templates: a template edited without running it.
func TestRoleGenUpToDate(t *testing.T) {
	want, err := GenerateRoleWriter()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("role_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("role_gen.go is stale: run go generate ./generator/render\n%s", firstDiff(string(got), string(want)))
	}
	if roleTemplatesSHA256 != roleTemplatesDigest(builtinSources(t)) {
		t.Errorf("roleTemplatesSHA256 does not match the built-in templates")
	}
}

// TestRoleGenFollowsTemplates edits role.html in memory, regenerates and
// checks that the code writes the new markup with the escaping
// html/template chose for each place, and that the digest that lets the
// renderer use the code changes with the template.
func TestRoleGenFollowsTemplates(t *testing.T) {
	sources := builtinSources(t)
	const added = `<p class="neu" data-status="{{.Role.Status}}"><a href="{{.Role.EmployerURL}}">{{.Role.Title}}</a></p>`
	if !strings.Contains(sources["role.html"], "<h1>{{.Heading}}</h1>\n") {
		t.Fatal("role.html has no <h1> line to add after")
	}
	sources["role.html"] = strings.Replace(sources["role.html"], "<h1>{{.Heading}}</h1>\n", "<h1>{{.Heading}}</h1>\n"+added+"\n", 1)
	src, err := generateRoleWriter(sources)
	if err != nil {
		t.Fatal(err)
	}
	builtinSrc, err := GenerateRoleWriter()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<p class=\"neu\" data-status=\"`,
		"escapeHTML(w, dot.Role.Status)",                               // attribute
		"escapeHTML(w, normalizeURL(filterURL(dot.Role.EmployerURL)))", // URL attribute
		"escapeHTML(w, dot.Role.Title)",                                // text
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("generated code lacks %s", want)
		}
		if want == `<p class=\"neu\" data-status=\"` && strings.Contains(string(builtinSrc), want) {
			t.Errorf("the built-in code has %s too", want)
		}
	}
	if roleTemplatesDigest(sources) == roleTemplatesSHA256 {
		t.Error("the digest does not change with role.html")
	}
	sources = builtinSources(t)
	sources["home.html"] += "<!-- changed -->"
	if roleTemplatesDigest(sources) != roleTemplatesSHA256 {
		t.Error("the digest changes with home.html, which role pages do not use")
	}
}

// TestRoleGenRefuses checks that a construct the generator does not
// translate stops it with the template, the place and the reason.
func TestRoleGenRefuses(t *testing.T) {
	for _, tt := range []struct{ action, want string }{
		{`{{printf "%s" .Heading}}`, `{{printf "%s" .Heading}}: function "printf" is not supported`},
		{`{{len .Role.Skills}}`, `{{len .Role.Skills}}: function "len" is not supported`},
		{`{{range .Site}}x{{end}}`, `{{range .Site}}x{{end}}: range over a *render.SiteView is not supported (only slices)`},
		{`<a href="{{.Site.Year}}">x</a>`, `{{.Site.Year}}: _html_template_urlfilter of a int is not supported`},
		{`{{$h := .Heading}}{{$h}}`, `{{$h := .Heading}}: variable declarations and assignments are not supported`},
		{`<a href="{{.Role.Body}}">x</a>`, `{{.Role.Body}}: _html_template_urlfilter of a template.HTML is not supported`},
		{`<p title="{{.Role.Body}}">x</p>`, `{{.Role.Body}}: _html_template_attrescaper of a template.HTML is not supported`},
		{`{{.Role.Nope}}`, `{{.Role.Nope}}: render.RoleView has no exported field Nope of its own`},
		{`{{.Site.Title.Len}}`, `{{.Site.Title.Len}}: field Len of a string is not supported (only fields of structs)`},
		{`{{with or .Role.Title .Role.Remote}}{{.}}{{end}}`, `{{or .Role.Title .Role.Remote}}: or gives a string or a bool; the generator needs one type`},
	} {
		t.Run(tt.action, func(t *testing.T) {
			sources := builtinSources(t)
			sources["role.html"] = strings.Replace(sources["role.html"], "<h1>{{.Heading}}</h1>", "<h1>"+tt.action+"</h1>", 1)
			_, err := generateRoleWriter(sources)
			if err == nil {
				t.Fatal("generated code for it")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), `template "main" at role.html:5:`) {
				t.Errorf("got  %v\nwant template \"main\" at role.html:5:...: %s", err, tt.want)
			}
		})
	}
}

// TestWriteJSValue compares writeJSValue with what html/template writes
// for {{.}} in a JSON script, for each kind of value it treats apart.
func TestWriteJSValue(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<script type="application/ld+json">{{.}}</script>`))
	type item struct {
		Name string `json:"name"`
	}
	for _, v := range []any{
		&item{Name: `</script><b>"x" & ü` + "\u2028"}, item{Name: "a"}, []string{"a", "<"},
		42, 1.5, true, nil, "text", template.JS("a+b"), template.JSStr(`x\"y`), stringerValue("s<"), &[]int{1},
	} {
		var want strings.Builder
		if err := tmpl.Execute(&want, v); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		got.WriteString(`<script type="application/ld+json">`)
		if err := writeJSValue(&got, v); err != nil {
			t.Fatalf("%#v: %v", v, err)
		}
		got.WriteString(`</script>`)
		if got.String() != want.String() {
			t.Errorf("%#v:\ngot  %s\nwant %s", v, got.String(), want.String())
		}
	}
	var b bytes.Buffer
	if err := writeJSValue(&b, func() {}); err == nil || b.Len() != 0 {
		t.Errorf("a value JSON cannot encode: err %v, wrote %q; want an error and nothing written", err, b.String())
	}
}

type stringerValue string

func (s stringerValue) String() string { return fmt.Sprintf("<%s>", string(s)) }

// TestGeneratedRoleNilPointer checks that a page missing a view the
// templates read is an error naming the field, as in html/template, not a
// panic.
func TestGeneratedRoleNilPointer(t *testing.T) {
	slow, _ := newRenderer("", false)
	c := slow.NewContext(&content.Site{}, time.Time{})
	for _, p := range []*Page{{}, {Site: &SiteView{}}} {
		var b bytes.Buffer
		got := writeRoleGenerated(&b, c, p)
		want := germanPages(t, slow)[KindRole].Execute(&b, p)
		if got == nil || want == nil {
			t.Fatalf("generated: %v; html/template: %v; want both to fail", got, want)
		}
		field := want.Error()[strings.LastIndex(want.Error(), "nil pointer evaluating "):]
		if !strings.HasSuffix(got.Error(), field) {
			t.Errorf("generated: %v\nhtml/template: %v", got, want)
		}
	}
}
