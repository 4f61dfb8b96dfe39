// Package diag carries positioned build problems: a Diagnostic names a file,
// a line and a column, and a List collects every problem of a build so that
// they are reported together, sorted by position.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Severity tells an error, which fails the build, from a warning, which does not.
type Severity int

const (
	// Error fails the build.
	Error Severity = iota
	// Warning is reported but the build goes on.
	Warning
)

// Position is a place in a source file. Line and Column count from 1;
// Column counts characters, not bytes. A zero Line means the whole file.
type Position struct {
	Path   string
	Line   int
	Column int
}

// String prints path:line:col, or path alone when the line is unknown.
func (p Position) String() string {
	if p.Line <= 0 {
		return p.Path
	}
	col := p.Column
	if col <= 0 {
		col = 1
	}
	return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, col)
}

// Diagnostic is one problem at one position. It carries its message
// rendered in every language, so that it stays a plain comparable value that
// the build state can save and restore.
type Diagnostic struct {
	Pos      Position
	Severity Severity
	Code     string // the catalogue code, e.g. "unknown-key"
	Message  string // the message in English
	German   string // the message in German
}

// String prints "path:line:col: message" in English, with "warning: "
// before the message of a warning.
func (d Diagnostic) String() string { return d.Text(English) }

// Text prints "path:line:col: message" in lang, with "warning: " (or
// "Warnung: ") before the message of a warning.
// A diagnostic without a path (a problem of the build as a whole) is the
// message alone.
func (d Diagnostic) Text(lang Lang) string {
	msg := d.MessageIn(lang)
	if d.Severity == Warning {
		msg = WarningPrefix.In(lang) + msg
	}
	if d.Pos.Path == "" {
		return msg
	}
	return d.Pos.String() + ": " + msg
}

// MessageIn returns the message alone in lang.
func (d Diagnostic) MessageIn(lang Lang) string {
	if lang == German && d.German != "" {
		return d.German
	}
	return d.Message
}

// List collects diagnostics. The zero value is an empty list ready to use.
type List []Diagnostic

// Add adds an error at pos: msg, a catalogue entry, formatted with args.
// An arg that is a Text is rendered in the same language as msg.
func (l *List) Add(pos Position, msg Message, args ...any) {
	*l = append(*l, newDiagnostic(pos, Error, msg, args))
}

// Warn adds a warning at pos, as Add does an error.
func (l *List) Warn(pos Position, msg Message, args ...any) {
	*l = append(*l, newDiagnostic(pos, Warning, msg, args))
}

func newDiagnostic(pos Position, sev Severity, msg Message, args []any) Diagnostic {
	return Diagnostic{
		Pos: pos, Severity: sev, Code: msg.code,
		Message: msg.Format(English, args...),
		German:  msg.Format(German, args...),
	}
}

// Append adds every diagnostic of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Since returns the diagnostics added after the list held n of them.
func (l List) Since(n int) List { return l[min(n, len(l)):] }

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns the errors only.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns the warnings only.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders the list by path, line, column, then message, and drops exact
// duplicates.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Pos.Path != b.Pos.Path {
			return a.Pos.Path < b.Pos.Path
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Column != b.Pos.Column {
			return a.Pos.Column < b.Pos.Column
		}
		return a.Message < b.Message
	})
	out := s[:0]
	for i, d := range s {
		if i > 0 && d == s[i-1] {
			continue
		}
		out = append(out, d)
	}
	*l = out
}

// Error prints every diagnostic on its own line in English, so a List can
// be returned as an error.
func (l List) Error() string { return l.Text(English) }

// Text prints every diagnostic on its own line in lang.
func (l List) Text(lang Lang) string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Text(lang))
	}
	return b.String()
}

// Err returns the list as an error when it holds at least one error, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l.Errors()
}

// OffsetPosition turns a byte offset into src into a Position with a
// character column. An offset past the end is clamped to the end.
func OffsetPosition(path string, src []byte, offset int) Position {
	if offset > len(src) {
		offset = len(src)
	}
	if offset < 0 {
		offset = 0
	}
	line, lineStart := 1, 0
	for i := 0; i < offset; i++ {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return Position{Path: path, Line: line, Column: utf8.RuneCount(src[lineStart:offset]) + 1}
}
