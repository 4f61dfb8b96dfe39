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
	l.Warnf(Position{Path: "b.md", Line: 1, Column: 1}, "island")
	if l.Err() != nil {
		t.Fatal("a list of warnings must give a nil error")
	}
	l.Errorf(Position{Path: "b.md", Line: 2, Column: 1}, "second")
	l.Errorf(Position{Path: "a.md", Line: 9, Column: 3}, "first")
	l.Errorf(Position{Path: "a.md", Line: 9, Column: 3}, "first")
	l.Sort()
	want := "a.md:9:3: first\nb.md:1:1: warning: island\nb.md:2:1: second"
	if got := l.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := l.Err().Error(); got != "a.md:9:3: first\nb.md:2:1: second" {
		t.Errorf("Err() = %q", got)
	}
}
