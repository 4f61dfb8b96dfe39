package diag

import (
	"errors"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/codes.golden and README.md's table of codes")

// entry is one catalogue declaration as catalog.go writes it.
type entry struct {
	name, code, en, de string
}

// catalogue reads every message(...) declaration of catalog.go.
func catalogue(t *testing.T) []entry {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "catalog.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []entry
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, v := range vs.Values {
				call, ok := v.(*ast.CallExpr)
				if !ok || len(call.Args) != 3 || !isIdent(call.Fun, "message") {
					t.Fatalf("%s: %s is not declared as message(code, en, de)", fset.Position(v.Pos()), vs.Names[i].Name)
				}
				var s [3]string
				for j, a := range call.Args {
					lit, ok := a.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Fatalf("%s: message arguments must be string literals", fset.Position(a.Pos()))
					}
					s[j], _ = strconv.Unquote(lit.Value)
				}
				out = append(out, entry{vs.Names[i].Name, s[0], s[1], s[2]})
			}
		}
	}
	return out
}

func isStringLit(e ast.Expr) bool {
	lit, ok := e.(*ast.BasicLit)
	return ok && lit.Kind == token.STRING
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// verbs lists the printf verbs of a format in order, with their flags
// ("%q", "%d", "%-5s"); %% is not a verb.
func verbs(format string) []string {
	return verbPattern.FindAllString(strings.ReplaceAll(format, "%%", ""), -1)
}

var verbPattern = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z]`)

func TestCatalog(t *testing.T) {
	entries := catalogue(t)
	if len(entries) < 50 {
		t.Fatalf("only %d catalogue entries found", len(entries))
	}
	kebab := regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	seen := map[string]string{}
	for _, e := range entries {
		if e.en == "" || e.de == "" {
			t.Errorf("%s (%s): a translation is missing", e.name, e.code)
		}
		if !kebab.MatchString(e.code) {
			t.Errorf("%s: code %q is not kebab-case", e.name, e.code)
		}
		if other, dup := seen[e.code]; dup {
			t.Errorf("%s and %s share the code %q", other, e.name, e.code)
		}
		seen[e.code] = e.name
		if en, de := verbs(e.en), verbs(e.de); !slices.Equal(en, de) {
			t.Errorf("%s (%s): verbs %v in English, %v in German", e.name, e.code, en, de)
		}
		if e.en == e.de && len(verbs(e.en)) == 0 {
			t.Errorf("%s (%s): the German text is the English one", e.name, e.code)
		}
	}
}

func TestVerbs(t *testing.T) {
	tests := []struct {
		format string
		want   []string
	}{
		{"unknown key %q%s", []string{"%q", "%s"}},
		{"100%% of %d", []string{"%d"}},
		{"%-5s and %.2f and %U", []string{"%-5s", "%.2f", "%U"}},
		{"no verbs", nil},
	}
	for _, tt := range tests {
		if got := verbs(tt.format); !slices.Equal(got, tt.want) {
			t.Errorf("verbs(%q) = %v, want %v", tt.format, got, tt.want)
		}
	}
}

// TestCodesGolden fails when a code is renamed or removed: codes are what
// scripts and CI annotations match on. Run with -update after adding one.
func TestCodesGolden(t *testing.T) {
	var codes []string
	for _, e := range catalogue(t) {
		codes = append(codes, e.code)
	}
	slices.Sort(codes)
	got := strings.Join(codes, "\n") + "\n"
	path := filepath.Join("testdata", "codes.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, old := range strings.Fields(string(want)) {
		if !slices.Contains(codes, old) {
			t.Errorf("code %q is gone: codes are stable; keep it, or run go test -update after a deliberate change", old)
		}
	}
	if got != string(want) {
		t.Errorf("testdata/codes.golden is stale: run go test ./generator/diag -update")
	}
}

const (
	tableStart = "<!-- codes:start (go generate ./generator/diag) -->"
	tableEnd   = "<!-- codes:end -->"
)

// codesTable renders the README's table of codes.
func codesTable(entries []entry) string {
	var b strings.Builder
	b.WriteString(tableStart + "\n\n| code | English | Deutsch |\n| --- | --- | --- |\n")
	cell := func(s string) string {
		return "`" + strings.NewReplacer("|", `\|`, "`", "'").Replace(strings.TrimSpace(s)) + "`"
	}
	for _, e := range entries {
		b.WriteString("| `" + e.code + "` | " + cell(e.en) + " | " + cell(e.de) + " |\n")
	}
	b.WriteString("\n" + tableEnd)
	return b.String()
}

// TestREADMECodes fails when README.md's table of codes is not the one
// catalog.go gives; -update (go generate) rewrites it.
func TestREADMECodes(t *testing.T) {
	path := filepath.Join("..", "..", "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	i, j := strings.Index(s, tableStart), strings.Index(s, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q ... %q block", tableStart, tableEnd)
	}
	want := codesTable(catalogue(t))
	if s[i:j+len(tableEnd)] == want {
		return
	}
	if !*update {
		t.Fatal("README.md's table of codes is stale: run go generate ./generator/diag")
	}
	s = s[:i] + want + s[j+len(tableEnd):]
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDiagnosticsUseCatalogue walks the module's Go sources and fails on a
// diagnostic whose message is not a catalogue value: a List's Add or Warn,
// or a T, whose message argument is not a name declared in catalog.go (or a
// field or method that holds one), and any message(...) call outside
// catalog.go.
func TestDiagnosticsUseCatalogue(t *testing.T) {
	names := map[string]bool{}
	for _, e := range catalogue(t) {
		names[e.name] = true
	}
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		inDiag := f.Name.Name == "diag"
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var msg ast.Expr
			switch fun := call.Fun.(type) {
			case *ast.Ident:
				if inDiag && fun.Name == "message" && filepath.Base(path) != "catalog.go" {
					t.Errorf("%s: message(...) outside catalog.go", fset.Position(call.Pos()))
				}
				if inDiag && fun.Name == "T" && len(call.Args) > 0 {
					msg = call.Args[0]
				}
			case *ast.SelectorExpr:
				switch {
				case isIdent(fun.X, "diag") && fun.Sel.Name == "T" && len(call.Args) > 0:
					msg = call.Args[0]
				case (fun.Sel.Name == "Add" || fun.Sel.Name == "Warn" || fun.Sel.Name == "add") && len(call.Args) >= 2 && !isStringLit(call.Args[0]):
					// A diagnostic's first argument is a position; a
					// logger's (slog's Warn) is a string.
					msg = call.Args[1]
				}
			}
			if msg == nil {
				return true
			}
			checked++
			switch m := msg.(type) {
			case *ast.SelectorExpr:
				if isIdent(m.X, "diag") && !names[m.Sel.Name] {
					t.Errorf("%s: diag.%s is not in the catalogue", fset.Position(m.Pos()), m.Sel.Name)
				}
				return true // a field such as msgs.invalid or warn.Msg holds a catalogue value
			case *ast.CallExpr:
				return true // a method such as BadLink.Message returning one
			case *ast.Ident:
				if inDiag && !names[m.Name] && m.Name != "msg" {
					t.Errorf("%s: %s is not in the catalogue", fset.Position(m.Pos()), m.Name)
				}
				return true
			}
			t.Errorf("%s: a diagnostic's message must be a catalogue value, not %T", fset.Position(msg.Pos()), msg)
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 80 {
		t.Errorf("only %d diagnostic calls found: is the walk still looking at the sources?", checked)
	}
}

func TestTextRendersNestedArguments(t *testing.T) {
	hint := T(HintDidYouMean, "title")
	if got := UnknownKey.Format(German, "titel", hint); got != `unbekannter Schlüssel "titel" (meinten Sie "title"?)` {
		t.Errorf("German: %q", got)
	}
	if got := UnknownKey.Format(English, "titel", Text{}); got != `unknown key "titel"` {
		t.Errorf("zero hint: %q", got)
	}
}

// TestFailureWrap: a Failure renders its cause in the reader's language,
// after its text (Fail) or inside it (Wrap), and errors.Is sees the cause.
func TestFailureWrap(t *testing.T) {
	cause := Fail(fs.ErrPermission, LockFailed, "public")
	tests := []struct {
		name   string
		err    Failure
		en, de string
	}{
		{"fail", cause, "lock public: permission denied", "public kann nicht gesperrt werden: permission denied"},
		{"wrap", Wrap(cause, PreviousSiteKept, "public"),
			"lock public: permission denied; public still holds the previous site",
			"public kann nicht gesperrt werden: permission denied; public enthält weiterhin die vorige Website"},
		{"fail without cause", Fail(nil, InterruptedCheck), "interrupted; nothing written", "abgebrochen; nichts geschrieben"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.en {
				t.Errorf("English %q, want %q", got, tt.en)
			}
			if got := ErrorIn(tt.err, German); got != tt.de {
				t.Errorf("German %q, want %q", got, tt.de)
			}
			if tt.err.Err != nil && !errors.Is(tt.err, fs.ErrPermission) {
				t.Error("errors.Is does not find the cause")
			}
		})
	}
}
