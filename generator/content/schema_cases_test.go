package content

import (
	"encoding/json"
	"os"
	"testing"
)

// schemaCase is one single-file input of the content tests, with the
// build's verdict, for quality/schema.mjs to check the editor schema
// against.
type schemaCase struct {
	Table    string   `json:"table"`
	Name     string   `json:"name"`
	File     string   `json:"file"` // "role" or "site"
	Source   string   `json:"source"`
	Rejected bool     `json:"rejected"` // the build reports an error (warnings do not count)
	Messages []string `json:"messages"`
}

// schemaCases collects every single-file case of the content test
// tables, and the table examples, each with what the parser says of it.
func schemaCases() []schemaCase {
	var out []schemaCase
	role := func(table, name string, src []byte, limits Limits) {
		_, errs := ParseRole("roles/x.md", "x", src, limits)
		out = append(out, schemaCase{table, name, "role", string(src), errs.HasErrors(), messages(errs)})
	}
	site := func(table, name, src string) {
		_, errs := ParseSite("site.yaml", []byte(src))
		out = append(out, schemaCase{table, name, "site", src, errs.HasErrors(), messages(errs)})
	}
	for _, c := range roleErrorCases() {
		role("TestParseRoleErrors", c.name, c.src, c.limits)
	}
	for _, c := range roleAcceptCases() {
		role("TestParseRoleAccepts", c.name, c.src, Limits{})
	}
	for _, c := range salaryCases() {
		role("TestParseRoleSalary", c.name, c.src, Limits{})
	}
	for _, c := range dateCases() {
		role("TestParseRoleDateRange", c.name, c.src, Limits{})
	}
	for _, c := range siteErrorCases() {
		site("TestParseSiteErrors", c.name, c.src)
	}
	role("TestFieldTableMatchesDecoder", "every role key", roleDoc(exampleDocument(roleFields)), Limits{})
	site("TestFieldTableMatchesDecoder", "every site key", exampleDocument(siteFields))
	return out
}

// TestExportSchemaCases writes schemaCases as JSON to the file named by
// ROLESITE_SCHEMA_CASES, for quality/schema.mjs:
//
//	ROLESITE_SCHEMA_CASES=cases.json go test -run TestExportSchemaCases ./generator/content/
func TestExportSchemaCases(t *testing.T) {
	cases := schemaCases()
	if len(cases) < 100 {
		t.Errorf("only %d cases; the test tables were not all found", len(cases))
	}
	path := os.Getenv("ROLESITE_SCHEMA_CASES")
	if path == "" {
		t.Skip("set ROLESITE_SCHEMA_CASES to a file to export the cases")
	}
	b, err := json.MarshalIndent(cases, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
