package content

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"rolesite/generator/diag"
)

// mistake is a YAML mistake an editor commonly makes, found on the lines of
// a front-matter block after yaml.v3 refused it. yaml.v3 words its errors for
// people who know the grammar ("mapping values are not allowed in this
// context", often without a line); a mistake names what the editor did and
// how to fix it, at the character where it happened.
type mistake struct {
	kind mistakeKind
	line int // 1-based line in the block
	col  int // 1-based character column
	// key is the key of the line, where the mistake is in its value.
	key string
	// fix is the line as it should read, where one can be shown.
	fix string
	// char is the character the mistake is about (a quote, a bracket).
	char string
}

// mistakeKind names the mistake; each has a message in the catalogue.
type mistakeKind int

const (
	mistakeNone mistakeKind = iota
	// mistakeTab: a line indented with a tab; YAML allows spaces only.
	mistakeTab
	// mistakeColon: an unquoted ": " inside a value.
	mistakeColon
	// mistakeNoSpace: "key:value" without a space after the colon.
	mistakeNoSpace
	// mistakeUnclosedQuote: a value that opens a quote and never closes it.
	mistakeUnclosedQuote
	// mistakeQuoteThenText: a quoted part followed by more text ("A" B).
	mistakeQuoteThenText
	// mistakeReservedStart: a value starting with a character YAML reserves
	// (@, `, %, *, &, !, |, >) written without quotes.
	mistakeReservedStart
	// mistakeDashNoSpace: a list item "-Go" without a space after the dash.
	mistakeDashNoSpace
	// mistakeUnclosedList: a "[" or "{" list that is not closed on its line.
	mistakeUnclosedList
	// mistakeIndent: a line indented differently from the lines around it.
	mistakeIndent
	// mistakeNoColon: a line that is neither "key: value" nor a list item.
	mistakeNoColon
	// mistakeStrayItem: a list item with no key above it that opens a list.
	mistakeStrayItem
)

// findMistake looks for the first common mistake on the lines of block at
// or before the line yaml.v3 named (errLine <= 0: anywhere). It reads each
// line once.
func findMistake(block []byte) (mistake, bool) {
	lines := bytes.Split(block, []byte("\n"))
	// indents holds the indentation of the open mapping levels; a line
	// that is less indented closes levels, one more indented must follow
	// a key without a value.
	indents := []int{0}
	prevOpens := false       // the previous key line ended in "key:" with nothing after it
	listAt := map[int]bool{} // a list is open at this indentation
	inBlockScalar := -1
	for i, raw := range lines {
		lineNo := i + 1
		text := strings.TrimRight(string(raw), "\r")
		trimmed := strings.TrimLeft(text, " \t")
		indentText := text[:len(text)-len(trimmed)]
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		indent := len(indentText)
		if inBlockScalar >= 0 {
			if indent > inBlockScalar {
				continue
			}
			inBlockScalar = -1
		}
		if t := strings.IndexByte(indentText, '\t'); t >= 0 {
			// Always this mistake, whatever line yaml.v3 names: a tab
			// never indents YAML.
			return mistake{kind: mistakeTab, line: lineNo, col: t + 1}, true
		}
		item := strings.HasPrefix(trimmed, "- ") || trimmed == "-"
		if !item && strings.HasPrefix(trimmed, "-") && len(trimmed) > 1 && trimmed[1] != '-' {
			return mistake{kind: mistakeDashNoSpace, line: lineNo, col: indent + 1,
				fix: indentText + "- " + trimmed[1:]}, true
		}
		body := trimmed
		bodyCol := indent
		if item {
			body = strings.TrimLeft(trimmed[1:], " ")
			bodyCol = indent + (len(trimmed) - len(body))
		}
		key, value, valueCol, isKey := splitKeyLine(body)
		valueCol += bodyCol

		// Indentation: a deeper line must follow an opening key or a list
		// item; a list item needs a key above it.
		top := indents[len(indents)-1]
		switch {
		case indent > top:
			if !prevOpens && !item {
				if !isKey {
					continue // the next line of a plain value
				}
				return mistake{kind: mistakeIndent, line: lineNo, col: indent + 1, key: key}, true
			}
			indents = append(indents, indent)
		case indent < top:
			for len(indents) > 1 && indent < indents[len(indents)-1] {
				indents = indents[:len(indents)-1]
			}
			if indent != indents[len(indents)-1] {
				return mistake{kind: mistakeIndent, line: lineNo, col: indent + 1, key: key}, true
			}
		}
		switch {
		case item && prevOpens:
			listAt[indent] = true
		case item && !listAt[indent]:
			return mistake{kind: mistakeStrayItem, line: lineNo, col: indent + 1}, true
		case !item:
			listAt[indent] = false
		}
		prevOpens = false
		if item && isKey {
			// "- key: value" starts a mapping whose keys line up with key.
			indents = append(indents, bodyCol)
			listAt[bodyCol] = false
		}
		if !isKey {
			if nk, ok := noSpaceKey(body); ok && !item {
				return mistake{kind: mistakeNoSpace, line: lineNo, col: bodyCol + len(nk) + 1, key: nk,
					fix: text[:bodyCol] + nk + ": " + body[len(nk)+1:]}, true
			}
			if !item {
				word := strings.TrimRight(body, " :")
				return mistake{kind: mistakeNoColon, line: lineNo, col: bodyCol + 1,
					fix: text[:bodyCol] + word + ": ..."}, true
			}
			value, valueCol = body, bodyCol // a list item's value
		}
		if isKey && value == "" {
			prevOpens = true
			continue
		}
		if m, ok := valueMistake(text, key, value, valueCol); ok {
			m.line = lineNo
			return m, true
		}
		if value == "|" || value == ">" || strings.HasPrefix(value, "|") || strings.HasPrefix(value, ">") {
			inBlockScalar = indent
		}
	}
	return mistake{}, false
}

// splitKeyLine splits "key: value" into its parts; valueCol is the
// 0-based character offset of the value in s. ok is false when s does not
// start with a plain key followed by ": " or a final ":".
func splitKeyLine(s string) (key, value string, valueCol int, ok bool) {
	i := 0
	for i < len(s) && isKeyByte(s[i]) {
		i++
	}
	if i == 0 || i >= len(s) || s[i] != ':' {
		return "", "", 0, false
	}
	if i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\t' {
		return "", "", 0, false
	}
	rest := s[i+1:]
	value = strings.TrimLeft(rest, " \t")
	if c := strings.Index(value, " #"); c >= 0 && !strings.HasPrefix(value, `"`) && !strings.HasPrefix(value, "'") {
		value = value[:c]
	}
	value = strings.TrimRight(value, " \t")
	return s[:i], value, utf8.RuneCountInString(s[:len(s)-len(strings.TrimLeft(rest, " \t"))]), true
}

// noSpaceKey reports "key:value" with a known key and no space.
func noSpaceKey(s string) (string, bool) {
	i := 0
	for i < len(s) && isKeyByte(s[i]) {
		i++
	}
	if i == 0 || i+1 >= len(s) || s[i] != ':' || s[i+1] == ' ' || s[i+1] == '/' {
		return "", false
	}
	return s[:i], true
}

func isKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// valueMistake checks the value of one line. line is the whole line, for
// the fix; valueCol the value's 0-based character offset in it.
func valueMistake(line, key, value string, valueCol int) (mistake, bool) {
	if value == "" {
		return mistake{}, false
	}
	prefix := lineBefore(line, valueCol)
	switch c := value[0]; c {
	case '"', '\'':
		end := closingQuote(value, c)
		if end < 0 {
			return mistake{kind: mistakeUnclosedQuote, col: valueCol + 1, key: key, char: string(c),
				fix: prefix + value + string(c)}, true
		}
		if rest := strings.TrimSpace(value[end+1:]); rest != "" && !strings.HasPrefix(rest, "#") {
			return mistake{kind: mistakeQuoteThenText, col: valueCol + utf8.RuneCountInString(value[:end+1]) + 1, key: key,
				fix: prefix + quoteYAML(value)}, true
		}
		return mistake{}, false
	case '[', '{':
		closer := byte(']')
		if c == '{' {
			closer = '}'
		}
		if strings.LastIndexByte(value, closer) < 0 {
			return mistake{kind: mistakeUnclosedList, col: valueCol + 1, key: key, char: string(c),
				fix: prefix + value + string(closer)}, true
		}
		return mistake{}, false
	case '@', '`', '%', '*', '&', '!':
		return mistake{kind: mistakeReservedStart, col: valueCol + 1, key: key, char: string(c),
			fix: prefix + quoteYAML(value)}, true
	case '|', '>':
		if len(value) > 1 && strings.Trim(value[1:], "+-0123456789 ") != "" {
			return mistake{kind: mistakeReservedStart, col: valueCol + 1, key: key, char: string(c),
				fix: prefix + quoteYAML(value)}, true
		}
		return mistake{}, false
	}
	if i := strings.Index(value, ": "); i >= 0 || strings.HasSuffix(value, ":") {
		if i < 0 {
			i = len(value) - 1
		}
		return mistake{kind: mistakeColon, col: valueCol + utf8.RuneCountInString(value[:i]) + 1, key: key,
			fix: prefix + quoteYAML(value)}, true
	}
	return mistake{}, false
}

// lineBefore returns the first col characters of line.
func lineBefore(line string, col int) string {
	i := 0
	for n := 0; n < col && i < len(line); n++ {
		_, size := utf8.DecodeRuneInString(line[i:])
		i += size
	}
	return line[:i]
}

// closingQuote returns the index of the quote that closes value (which
// starts with q), or -1. In double quotes a backslash escapes; in single
// quotes a doubled quote does.
func closingQuote(value string, q byte) int {
	for i := 1; i < len(value); i++ {
		switch {
		case q == '"' && value[i] == '\\':
			i++
		case value[i] == q && q == '\'' && i+1 < len(value) && value[i+1] == '\'':
			i++
		case value[i] == q:
			return i
		}
	}
	return -1
}

// quoteYAML writes s as a quoted YAML scalar: in single quotes when it
// holds a double quote and no single one, which reads best, else in
// double quotes.
func quoteYAML(s string) string {
	if strings.Contains(s, `"`) && !strings.Contains(s, "'") {
		return "'" + s + "'"
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// textEncoding names the encoding a file that is not UTF-8 was most likely
// saved in ("UTF-16", "Windows-1252 (Latin-1)"), or "" when it cannot tell.
func textEncoding(src []byte) string {
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}), bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		return "UTF-16"
	}
	// UTF-16 without a byte-order mark: ASCII text with every other byte NUL.
	if len(src) >= 4 {
		zeros := 0
		n := min(len(src), 512)
		for i := 0; i < n; i++ {
			if src[i] == 0 {
				zeros++
			}
		}
		if zeros*3 >= n {
			return "UTF-16"
		}
	}
	// Latin-1 / Windows-1252: invalid UTF-8 and not one valid multi-byte
	// sequence (a UTF-8 file with one stray byte is not Latin-1), with
	// every high byte a letter or sign German text uses in Windows-1252.
	if utf8.Valid(src) {
		return ""
	}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if size > 1 {
			return "" // real UTF-8 text with a broken part
		}
		if r == utf8.RuneError && !latinByte(src[i]) {
			return ""
		}
		i += size
	}
	return "Windows-1252 (Latin-1)"
}

// latinByte reports whether c is a byte Windows-1252 uses for a letter or
// a sign German text has: letters from 0xC0, °, §, the quotes and dashes.
func latinByte(c byte) bool {
	switch {
	case c >= 0xC0:
		return c != 0xD7 && c != 0xF7
	case c == 0x80, c == 0x84, c == 0x93, c == 0x94, c == 0x96, c == 0x97, c == 0xB0, c == 0xA7, c == 0xB2, c == 0xB3, c == 0xB5:
		return true
	}
	return false
}

// message is the mistake's message; fileLine is the mistake's line in the
// file.
func (m mistake) message(fileLine int) diag.Text {
	switch m.kind {
	case mistakeTab:
		return diag.T(diag.YAMLTab, fileLine)
	case mistakeColon:
		return diag.T(diag.YAMLColonInValue, m.key, m.fix)
	case mistakeNoSpace:
		return diag.T(diag.YAMLNoSpaceAfterColon, m.key, m.fix)
	case mistakeUnclosedQuote:
		return diag.T(diag.YAMLUnclosedQuote, m.key, m.char, m.fix)
	case mistakeQuoteThenText:
		return diag.T(diag.YAMLTextAfterQuote, m.key, m.fix)
	case mistakeReservedStart:
		return diag.T(diag.YAMLReservedStart, m.key, m.char, m.fix)
	case mistakeDashNoSpace:
		return diag.T(diag.YAMLDashNoSpace, m.fix)
	case mistakeUnclosedList:
		return diag.T(diag.YAMLUnclosedBracket, m.key, m.char, m.fix)
	case mistakeNoColon:
		return diag.T(diag.YAMLNoColon, fileLine, m.fix)
	case mistakeStrayItem:
		return diag.T(diag.YAMLStrayListItem, fileLine)
	case mistakeIndent:
		return diag.T(diag.YAMLIndent, fileLine)
	}
	return diag.Text{}
}
