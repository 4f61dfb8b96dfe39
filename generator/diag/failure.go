package diag

import (
	"errors"
	"io/fs"
)

// Failure is an error whose sentence is a catalogue Text, so that the
// command can print it in the reader's language, wrapping the cause it
// reports. The cause (an OS error, say) follows the text after a colon, in
// its own words unless it is a Failure too. Err may be nil.
type Failure struct {
	Text Text
	Err  error
	// inline: Text holds Err as its first argument (see Wrap), so it is
	// not repeated after the text.
	inline bool
}

// Fail makes a Failure of msg and args that wraps err (nil for none).
func Fail(err error, msg Message, args ...any) Failure {
	return Failure{Text: T(msg, args...), Err: err}
}

// Wrap makes a Failure whose msg holds the cause itself, as its first
// verb, followed by args: for messages that add to what went wrong, such as
// "%s; public still holds the previous site". The cause is rendered in the
// reader's language where it has one (see ErrorIn).
func Wrap(err error, msg Message, args ...any) Failure {
	return Failure{Text: T(msg, append([]any{err}, args...)...), Err: err, inline: true}
}

// Error renders the failure in English.
func (f Failure) Error() string { return f.In(English) }

// In renders the failure in lang.
func (f Failure) In(lang Lang) string {
	s := f.Text.In(lang)
	if f.Err != nil && !f.inline {
		s += ": " + ErrorIn(f.Err, lang)
	}
	return s
}

// Unwrap returns the cause.
func (f Failure) Unwrap() error { return f.Err }

// ErrorIn renders err in lang: a Failure, a List or any error with an
// In(Lang) method in that language, any other error as its Error text.
func ErrorIn(err error, lang Lang) string {
	switch e := err.(type) {
	case interface{ In(Lang) string }:
		return e.In(lang)
	case List:
		return e.Text(lang)
	}
	return err.Error()
}

// FileError is a problem with the file at path that stops the build, as a
// List error, so that it is reported with the content's problems.
func FileError(path string, msg Message, args ...any) error {
	var l List
	l.Add(Position{Path: path}, msg, args...)
	return l
}

// PathCause is the cause of a failed file operation without the file's
// name, for a message that names the file itself (or whose file has a
// random name that says nothing to a reader).
func PathCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
