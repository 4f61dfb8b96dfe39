package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"reflect"
	"strings"
)

// The functions in this file are what the generated role page writer
// (role_gen.go, see rolegen.go) calls for the escaper commands html/template
// inserts into the built-in templates, each writing the bytes that escaper
// writes for the value types the generator lets through.
// TestGeneratedRoleMatchesTemplates checks them with hostile text in every
// field of a role page.

// escapeHTML appends s as html/template's HTML, RCDATA and attribute
// escapers (_html_template_htmlescaper, _html_template_rcdataescaper,
// _html_template_attrescaper) write a plain string.
func escapeHTML(w *bytes.Buffer, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		w.WriteString(s[written:i])
		w.WriteString(repl)
		written = i + 1
	}
	w.WriteString(s[written:])
}

// filterURL is _html_template_urlfilter on a plain string: a URL whose
// scheme is other than http, https or mailto becomes "#ZgotmplZ". A
// template.URL value passes unchanged, which the generated code does
// without calling this.
func filterURL(s string) string {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		return "#ZgotmplZ"
	}
	return s
}

// normalizeURL is _html_template_urlnormalizer: it percent-encodes every
// byte but reserved and unreserved characters and valid escapes.
func normalizeURL(s string) string {
	var b []byte // nil while s needs no encoding
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0,
			'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s)+16)
		}
		const hex = "0123456789abcdef"
		b = append(b, s[written:i]...)
		b = append(b, '%', hex[c>>4], hex[c&15])
		written = i + 1
	}
	if b == nil {
		return s
	}
	return string(append(b, s[written:]...))
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	stringerType      = reflect.TypeFor[fmt.Stringer]()
)

// writeJSValue appends v as _html_template_jsvalescaper writes it: a
// template.JS as it is, a template.JSStr quoted, a fmt.Stringer (that is
// no json.Marshaler) as its string, anything else as json.Marshal makes it
// (<, >, & and U+2028/U+2029 escaped), with a blank either side when it
// starts or ends like an identifier. Where html/template would write a
// "/* error */null" comment into the page, it returns the error instead.
func writeJSValue(w *bytes.Buffer, v any) error {
	switch t := v.(type) {
	case template.JS:
		w.WriteString(string(t))
		return nil
	case template.JSStr:
		w.WriteString(`"` + string(t) + `"`)
		return nil
	}
	if v != nil {
		// html/template dereferences pointers until it meets a
		// json.Marshaler; the JSON is the same from the pointer, so only a
		// Stringer found on the way changes the value.
		rv := reflect.ValueOf(v)
		for !rv.Type().Implements(jsonMarshalerType) && rv.Kind() == reflect.Pointer && !rv.IsNil() {
			rv = rv.Elem()
		}
		if !rv.Type().Implements(jsonMarshalerType) && rv.Type().Implements(stringerType) {
			v = rv.Interface().(fmt.Stringer).String()
		}
	}
	start := w.Len()
	if err := json.NewEncoder(w).Encode(v); err != nil {
		w.Truncate(start)
		return fmt.Errorf("cannot write JSON: %w", err)
	}
	w.Truncate(w.Len() - 1) // Encode ends with a newline; Marshal does not
	if out := w.Bytes()[start:]; isJSIdentByte(out[0]) || isJSIdentByte(out[len(out)-1]) {
		w.Truncate(start)
		w.WriteByte(' ')
		if err := json.NewEncoder(w).Encode(v); err != nil {
			return err
		}
		w.Truncate(w.Len() - 1)
		w.WriteByte(' ')
	}
	return nil
}

// isJSIdentByte reports whether c, an ASCII byte of JSON, can be part of a
// JavaScript identifier (JSON starts and ends with ASCII).
func isJSIdentByte(c byte) bool {
	return c == '$' || c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// errNilPointer is the error of a template field reached through a nil
// pointer, at where (template:line:col).
func errNilPointer(where, field string) error {
	return fmt.Errorf("%s: nil pointer evaluating %s", where, field)
}

// errWrongType is the error of a value of type got where the template
// needs want.
func errWrongType(where, want, got string) error {
	return fmt.Errorf("%s: wrong type for value; expected %s; got %s", where, want, got)
}

// errAt puts where (template:line:col) before err.
func errAt(where string, err error) error {
	return fmt.Errorf("%s: %w", where, err)
}
