package slug

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

func TestMakeAndID(t *testing.T) {
	tests := []struct {
		in       string
		slug, id string
	}{
		{"Über uns", "ueber-uns", "ueber-uns"},
		{"Straße", "strasse", "strasse"},
		{"GROSSE ÄRZTE ÖFFNEN", "grosse-aerzte-oeffnen", "grosse-aerzte-oeffnen"},
		{"Großes ẞ", "grosses-ss", "grosses-ss"},
		{"Backend-Entwickler (m/w/d)", "backend-entwickler-m-w-d", "backend-entwickler-m-w-d"},
		{"  --Inhalt--  ", "inhalt", "inhalt"},
		{"Café Crème", "cafe-creme", "cafe-creme"},
		{"Søren Łukasz Æsir", "soren-lukasz-aesir", "soren-lukasz-aesir"},
		{"İstanbul", "istanbul", "istanbul"},
		{"Ａｂｃ ﬁle ²", "abc-file-2", "abc-file-2"},
		{"Zu\u0308rich", "zuerich", "zuerich"}, // decomposed ü
		{"Обзор работы", "", "обзор-работы"},
		{"Καλημέρα", "", "καλημέρα"},
		{"日本語 のページ", "", "日本語-のページ"},
		{"हिन्दी", "", "हिन्दी"},
		{"C++ & Go", "c-go", "c-go"},
		{"2026: Jahr", "2026-jahr", "2026-jahr"},
		{"😀 !!!", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.slug {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.slug)
		}
		if got := ID(tt.in); got != tt.id {
			t.Errorf("ID(%q) = %q, want %q", tt.in, got, tt.id)
		}
	}
}

var slugPattern = regexp.MustCompile(`^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$`)

// FuzzSlug checks the shape of both results on any text: a slug is
// lowercase ASCII words joined by single hyphens; an id has no white
// space, no hyphen at either end and none doubled; both are stable when
// applied again.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Über uns", "Straße", "İ", "Обзор", "a\u0301", "ﬁ²", "-", "x\x00y", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sl := Make(s)
		if !slugPattern.MatchString(sl) {
			t.Fatalf("Make(%q) = %q, not a slug", s, sl)
		}
		if again := Make(sl); again != sl {
			t.Fatalf("Make(Make(%q)) = %q, want %q", s, again, sl)
		}
		id := ID(s)
		if strings.IndexFunc(id, unicode.IsSpace) >= 0 || strings.HasPrefix(id, "-") || strings.HasSuffix(id, "-") || strings.Contains(id, "--") {
			t.Fatalf("ID(%q) = %q", s, id)
		}
		if again := ID(id); again != id {
			t.Fatalf("ID(ID(%q)) = %q, want %q", s, again, id)
		}
	})
}

// BenchmarkID turns a typical German heading into an id.
func BenchmarkID(b *testing.B) {
	for b.Loop() {
		ID("Was die stärksten Kandidatinnen und Kandidaten mitbringen")
	}
}
