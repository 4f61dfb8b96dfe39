package content

import "testing"

func TestLocalitySlug(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"München", "muenchen"},
		{"Düsseldorf", "duesseldorf"},
		{"Frankfurt am Main", "frankfurt-am-main"},
		{"Halle (Saale)", "halle-saale"},
		{"Besançon", "besancon"},
		{"Straße", "strasse"},
		{"東京", ""},
	} {
		if got := LocalitySlug(tt.in); got != tt.want {
			t.Errorf("LocalitySlug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestListingSegments(t *testing.T) {
	for _, tt := range []struct{ lang, loc, page string }{
		{"de", "standorte", "seite"},
		{"de-AT", "standorte", "seite"},
		{"en", "locations", "page"},
		{"fr", "locations", "page"},
		{"dea", "locations", "page"},
	} {
		s := &Site{Language: tt.lang}
		if s.LocationSegment() != tt.loc || s.PageSegment() != tt.page {
			t.Errorf("%s: %s, %s; want %s, %s", tt.lang, s.LocationSegment(), s.PageSegment(), tt.loc, tt.page)
		}
	}
}
