package diag

import (
	"fmt"
	"strings"
)

// Lang is a language messages are written in.
type Lang int

const (
	// English is the default language of messages.
	English Lang = iota
	// German is used for sites whose language has the primary subtag de.
	German
)

// String returns the language's primary subtag: "en" or "de".
func (l Lang) String() string {
	if l == German {
		return "de"
	}
	return "en"
}

// SiteLang returns the message language for a site's BCP 47 language tag:
// German when its primary subtag is de ("de", "de-AT", "DE_ch"), else
// English.
func SiteLang(tag string) Lang {
	primary, _, _ := strings.Cut(strings.TrimSpace(tag), "-")
	primary, _, _ = strings.Cut(primary, "_")
	if strings.EqualFold(primary, "de") {
		return German
	}
	return English
}

// ParseLang reads the value of a -lang flag: exactly "de" or "en".
func ParseLang(s string) (Lang, error) {
	switch s {
	case "de":
		return German, nil
	case "en":
		return English, nil
	}
	return English, Fail(nil, BadLangFlag, s)
}

// Message is one entry of the catalogue (catalog.go): a stable,
// language-neutral code and a printf format per language, with the same
// verbs in the same order. Messages are made only in the catalogue, so a
// Message value always is one of its entries; its fields cannot be changed.
type Message struct {
	code, en, de string
}

// message declares a catalogue entry. It is called only in catalog.go.
func message(code, en, de string) Message { return Message{code: code, en: en, de: de} }

// Code returns the message's stable code, e.g. "unknown-key".
func (m Message) Code() string { return m.code }

// In returns the message's format in lang.
func (m Message) In(lang Lang) string {
	if lang == German {
		return m.de
	}
	return m.en
}

// Format renders the message in lang with args; an arg that is a Text, a
// Message or an error is rendered in lang first (see ErrorIn).
func (m Message) Format(lang Lang, args ...any) string {
	format := m.In(lang)
	if len(args) == 0 {
		return format
	}
	rendered := make([]any, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case interface{ In(Lang) string }:
			rendered[i] = a.In(lang)
		case error:
			rendered[i] = ErrorIn(a, lang)
		default:
			rendered[i] = a
		}
	}
	return fmt.Sprintf(format, rendered...)
}

// Text is a message with its arguments, not yet rendered: a hint such as
// ` (did you mean "title"?)` or the reason a helper gives, passed as an
// argument of another message and rendered in the same language. The zero
// Text renders as "".
type Text struct {
	Msg  Message
	Args []any
}

// T makes a Text of msg and args.
func T(msg Message, args ...any) Text { return Text{Msg: msg, Args: args} }

// IsZero reports whether t is the zero Text: no message at all.
func (t Text) IsZero() bool { return t.Msg == (Message{}) }

// In renders t in lang.
func (t Text) In(lang Lang) string {
	if t.IsZero() {
		return ""
	}
	return t.Msg.Format(lang, t.Args...)
}

// String renders t in English.
func (t Text) String() string { return t.In(English) }
