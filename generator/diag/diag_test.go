package diag

import "testing"

func TestOffsetPosition(t *testing.T) {
	src := []byte("a: 1\nÄb: x\n\nz")
	tests := []struct {
		offset    int
		line, col int
	}{
		{0, 1, 1},
		{3, 1, 4},
		{5, 2, 1},
		{7, 2, 2}, // after the two-byte Ä: one character
		{12, 3, 1},
		{13, 4, 1},
		{99, 4, 2},
	}
	for _, tt := range tests {
		p := OffsetPosition("f.md", src, tt.offset)
		if p.Line != tt.line || p.Column != tt.col {
			t.Errorf("offset %d: got %d:%d, want %d:%d", tt.offset, p.Line, p.Column, tt.line, tt.col)
		}
	}
}

func TestListSortAndErr(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list must give a nil error")
	}
	l.Warn(Position{Path: "b.md", Line: 1, Column: 1}, Island, "island")
	if l.Err() != nil {
		t.Fatal("a list of warnings must give a nil error")
	}
	l.Add(Position{Path: "b.md", Line: 2, Column: 1}, MissingKey, "second")
	l.Add(Position{Path: "a.md", Line: 9, Column: 3}, MissingKey, "first")
	l.Add(Position{Path: "a.md", Line: 9, Column: 3}, MissingKey, "first")
	l.Sort()
	want := "a.md:9:3: missing required key \"first\"\n" +
		"b.md:1:1: warning: no other role links to \"island\" (an island): name it in a related role's text or its related list\n" +
		"b.md:2:1: missing required key \"second\""
	if got := l.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := l.Err().Error(); got != "a.md:9:3: missing required key \"first\"\nb.md:2:1: missing required key \"second\"" {
		t.Errorf("Err() = %q", got)
	}
}

func TestListText(t *testing.T) {
	var l List
	l.Add(Position{Path: "content/roles/a.md", Line: 4, Column: 1}, UnknownKey, "titel", T(HintDidYouMean, "title"))
	l.Warn(Position{Path: "content/roles/a.md", Line: 7, Column: 1}, PositionClosed, "2026-01-31")
	tests := []struct {
		lang Lang
		want string
	}{
		{English, "content/roles/a.md:4:1: unknown key \"titel\" (did you mean \"title\"?)\n" +
			"content/roles/a.md:7:1: warning: position closed on 2026-01-31: the page stays as a role description, without JobPosting"},
		{German, "content/roles/a.md:4:1: unbekannter Schlüssel \"titel\" (meinten Sie \"title\"?)\n" +
			"content/roles/a.md:7:1: Warnung: die Stelle ist seit 2026-01-31 geschlossen: die Seite bleibt als Rollenbeschreibung erhalten, ohne JobPosting"},
	}
	for _, tt := range tests {
		if got := l.Text(tt.lang); got != tt.want {
			t.Errorf("Text(%s) =\n%s\nwant\n%s", tt.lang, got, tt.want)
		}
	}
	if l[0].Code != "unknown-key" || l[1].Code != "position-closed" {
		t.Errorf("codes %q, %q", l[0].Code, l[1].Code)
	}
}

func TestSiteLangAndParseLang(t *testing.T) {
	for tag, want := range map[string]Lang{"de": German, "de-AT": German, "de-CH": German, "DE": German, "de_CH": German,
		"en": English, "en-GB": English, "fr": English, "": English, "dex": English} {
		if got := SiteLang(tag); got != want {
			t.Errorf("SiteLang(%q) = %s, want %s", tag, got, want)
		}
	}
	for _, s := range []string{"de", "en"} {
		if l, err := ParseLang(s); err != nil || l.String() != s {
			t.Errorf("ParseLang(%q) = %s, %v", s, l, err)
		}
	}
	for _, s := range []string{"fr", "de-AT", "DE", ""} {
		if _, err := ParseLang(s); err == nil {
			t.Errorf("ParseLang(%q) accepted", s)
		}
	}
}
