package content

import (
	"path"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCleanAlias: an alias CleanAlias accepts is a clean folder path below
// the site root whose page file, <alias>index.html, lies below any output
// folder, is not hidden (no segment starts with ".", so none names a
// .rolesite* bookkeeping file), collides with no page file (no index.html
// segment) and fits the file system; CleanAlias is idempotent on it.
// Seeds: testdata/fuzz/FuzzCleanAlias.
//
//	go test -run '^$' -fuzz '^FuzzCleanAlias$' -fuzztime 5m -parallel 1 ./generator/content
func FuzzCleanAlias(f *testing.F) {
	f.Add("/jobs/backend-developer/")
	f.Fuzz(func(t *testing.T, alias string) {
		clean, msg := CleanAlias(alias)
		if !msg.IsZero() {
			if clean != "" {
				t.Errorf("CleanAlias(%q) = %q with message %q", alias, clean, msg)
			}
			return
		}
		if !strings.HasPrefix(clean, "/") || !strings.HasSuffix(clean, "/") || clean == "/" {
			t.Fatalf("CleanAlias(%q) = %q: not a folder below /", alias, clean)
		}
		if strings.Trim(alias, "/") != strings.Trim(clean, "/") {
			t.Errorf("CleanAlias(%q) = %q: changed more than the slashes at its ends", alias, clean)
		}
		inner := strings.TrimSuffix(clean, "/")
		if path.Clean(inner) != inner || path.Clean("/x"+inner) != "/x"+inner {
			t.Errorf("CleanAlias(%q) = %q: not clean", alias, clean)
		}
		trimmed := strings.Trim(clean, "/")
		if len(trimmed) > maxAlias {
			t.Errorf("CleanAlias(%q): %d bytes", alias, len(trimmed))
		}
		for i, seg := range strings.Split(trimmed, "/") {
			if seg == "" || seg == "." || seg == ".." || strings.HasPrefix(seg, ".") || seg == "index.html" || len(seg) > 255 ||
				strings.ContainsAny(seg, "\\\x00%?#:@ \t\r\n") || !utf8.ValidString(seg) {
				t.Errorf("CleanAlias(%q) = %q: segment %q", alias, clean, seg)
			}
			if i == 0 && (reserved[seg] || generatedFile.MatchString(seg)) {
				t.Errorf("CleanAlias(%q) = %q: first segment %q is the generator's", alias, clean, seg)
			}
		}
		if again, msg := CleanAlias(clean); again != clean || !msg.IsZero() {
			t.Errorf("CleanAlias(%q) = %q, %q: not idempotent", clean, again, msg)
		}
		out := filepath.FromSlash("/srv/site/public")
		file := filepath.Join(out, filepath.FromSlash(trimmed), "index.html")
		rel, err := filepath.Rel(out, file)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
			t.Errorf("alias %q: page %s lies outside %s", alias, file, out)
		}
	})
}
