package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"rolesite/generator/diag"
)

var update = flag.Bool("update", false, "rewrite the committed schema in content/schema")

// committedDir is the schema the sample site's files point at.
var committedDir = filepath.Join("..", "..", "content", "schema")

// TestCommittedSchemaIsCurrent fails when content/schema differs from
// what the field tables make: run go generate ./generator/schema/ (or
// this test with -update) after changing generator/content/fields.go.
func TestCommittedSchemaIsCurrent(t *testing.T) {
	if *update {
		if err := Write(committedDir); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		file string
		make func() ([]byte, error)
	}{{RoleFile, Role}, {SiteFile, Site}} {
		t.Run(tt.file, func(t *testing.T) {
			want, err := tt.make()
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(committedDir, tt.file))
			if err != nil {
				t.Fatalf("%v (run go generate ./generator/schema/)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("content/schema/%s is stale: run go generate ./generator/schema/", tt.file)
			}
		})
	}
}

// TestSchemaShape checks what an editor relies on in both documents: the
// dialect, closed mappings at every level, required keys and the limits
// taken from the tables.
func TestSchemaShape(t *testing.T) {
	role := decode(t, Role)
	site := decode(t, Site)
	for name, doc := range map[string]map[string]any{"role": role, "site": site} {
		if doc["$schema"] != Draft {
			t.Errorf("%s: $schema = %v", name, doc["$schema"])
		}
		closedEverywhere(t, name, doc)
	}
	checks := []struct {
		name string
		got  any
		want any
	}{
		{"role required", role["required"], []any{"title", "category", "description"}},
		{"site required", site["required"], []any{"title", "base_url", "language", "categories"}},
		{"description maxLength", at(role, "properties", "description", "maxLength"), 160.0},
		{"title maxLength", at(role, "properties", "title", "maxLength"), 120.0},
		{"occupation_code pattern", at(role, "properties", "occupation_code", "pattern"), "^[0-9]{4}$"},
		{"salary.min exclusiveMinimum", at(role, "properties", "salary", "properties", "min", "exclusiveMinimum"), 0.0},
		{"salary.max maximum", at(role, "properties", "salary", "properties", "max", "maximum"), 10000000.0},
		{"date_posted format", at(role, "properties", "date_posted", "format"), "date"},
		{"base_url format", at(site, "properties", "base_url", "format"), "uri"},
		{"category key pattern", at(site, "properties", "categories", "items", "properties", "key", "pattern"), "^[a-z0-9]+(?:-[a-z0-9]+)*$"},
		{"category required", at(site, "properties", "categories", "items", "required"), []any{"key", "title"}},
		{"hiring_organization confidential", at(role, "properties", "hiring_organization", "anyOf", "0", "const"), "confidential"},
	}
	for _, c := range checks {
		if g, _ := json.Marshal(c.got); string(g) != mustJSON(t, c.want) {
			t.Errorf("%s = %s, want %s", c.name, g, mustJSON(t, c.want))
		}
	}
	if desc, _ := at(role, "properties", "salary", "description").(string); !strings.Contains(desc, "Gehalt") {
		t.Errorf("salary description %q is not the German line", desc)
	}
	// The hourly limit: 10,000,000 a year over 2,080 hours.
	var hour any
	for _, c := range at(role, "properties", "salary", "allOf").([]any) {
		if at(c.(map[string]any), "if", "properties", "unit", "const") == "HOUR" {
			hour = at(c.(map[string]any), "then", "properties", "max", "maximum")
		}
	}
	if h, ok := hour.(float64); !ok || h*2080 < 9999999.99 || h*2080 > 10000000.01 {
		t.Errorf("salary max per HOUR = %v, want 10000000/2080", hour)
	}
}

func decode(t *testing.T, make func() ([]byte, error)) map[string]any {
	t.Helper()
	b, err := make()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// at walks doc along keys; a number key indexes a list.
func at(doc map[string]any, keys ...string) any {
	var cur any = doc
	for _, k := range keys {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[k]
		case []any:
			i := int(k[0] - '0')
			if i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	return cur
}

// closedEverywhere fails for an object schema with properties that does
// not set additionalProperties: false.
func closedEverywhere(t *testing.T, path string, v any) {
	switch n := v.(type) {
	case map[string]any:
		if _, ok := n["properties"]; ok && n["type"] == "object" && n["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties is not false", path)
		}
		for k, c := range n {
			closedEverywhere(t, path+"."+k, c)
		}
	case []any:
		for _, c := range n {
			closedEverywhere(t, path+"[]", c)
		}
	}
}

func TestWrite(t *testing.T) {
	earlier, err := Role()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name            string
		setup           func(t *testing.T, dir string)
		wantErr, wantDE string
	}{
		{"creates the folder", func(t *testing.T, dir string) {}, "", ""},
		{"overwrites an earlier schema", func(t *testing.T, dir string) {
			mkfile(t, filepath.Join(dir, RoleFile), bytes.Replace(earlier, []byte("Gehalt"), []byte("Lohn"), 1))
		}, "", ""},
		{"leaves other files alone", func(t *testing.T, dir string) {
			mkfile(t, filepath.Join(dir, "notes.txt"), []byte("mine"))
		}, "", ""},
		{"refuses a file it did not write", func(t *testing.T, dir string) {
			mkfile(t, filepath.Join(dir, SiteFile), []byte(`{"title": "hand-made"}`))
		}, "site.schema.json: not a schema written by build -schema; refusing to overwrite it (move it away or choose another folder)",
			"site.schema.json: kein Schema von build -schema; es wird nicht überschrieben (verschieben Sie die Datei oder wählen Sie einen anderen Ordner)"},
		{"refuses a folder of that name", func(t *testing.T, dir string) {
			if err := os.MkdirAll(filepath.Join(dir, RoleFile), 0o755); err != nil {
				t.Fatal(err)
			}
		}, "role.schema.json: not a regular file; refusing to replace it", "role.schema.json: keine gewöhnliche Datei; sie wird nicht ersetzt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "schema")
			tt.setup(t, dir)
			before := snapshot(t, dir)
			err := Write(dir)
			if tt.wantErr != "" {
				if err == nil || !strings.HasSuffix(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if de := diag.ErrorIn(err, diag.German); !strings.HasSuffix(de, tt.wantDE) {
					t.Errorf("German: %q, want it to end in %q", de, tt.wantDE)
				}
				if after := snapshot(t, dir); after != before {
					t.Errorf("a refused write changed the folder:\n%s\nwas:\n%s", after, before)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(dir, RoleFile))
			if err != nil || !bytes.Equal(got, earlier) {
				t.Errorf("role.schema.json not current (err %v)", err)
			}
			if b, err := os.ReadFile(filepath.Join(dir, "notes.txt")); err == nil && string(b) != "mine" {
				t.Errorf("notes.txt changed: %q", b)
			}
		})
	}
}

func mkfile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot lists dir's files with their sizes.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			b.WriteString(p + " " + info.Mode().String() + " " + strconv.FormatInt(info.Size(), 10) + "\n")
		}
		return nil
	})
	return b.String()
}
