package content

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"rolesite/generator/diag"
)

// cutByComment warns about plain (unquoted) text values that YAML cut at
// " #": in `description: Wir suchen #remote Entwickler` everything from the
// # on is a comment, and the site would publish "Wir suchen".
//
// The rule: a plain text value on the line of its key or list dash, in a
// block (not a {...} or [...] flow), followed on that line by a comment
// that either comes after a single blank or starts with a letter or digit
// right after the # (a hashtag or a number: "#remote", "#1"). A comment
// after two or more blanks that starts with "# " is taken as meant
// (`title: Entwickler  # shown on the page`), and so is any comment after
// a number, a date, true or false, or a quoted value, whose text YAML
// keeps whole.
//
// root is the tree yaml.v3 parsed from lines.block, before its positions
// are moved to the file's; the warnings carry file positions.
func cutByComment(path string, lines *yamlLines, root *yaml.Node) diag.List {
	var warns diag.List
	var walk func(n *yaml.Node, key string)
	check := func(n *yaml.Node, key string) {
		cutValue(&warns, path, lines, n, key)
	}
	walk = func(n *yaml.Node, key string) {
		if n.Style&yaml.FlowStyle != 0 {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			prefix := key
			if prefix != "" {
				prefix += "."
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if v.Kind == yaml.ScalarNode {
					check(v, prefix+k.Value)
					continue
				}
				walk(v, prefix+k.Value)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				item := key + "[" + strconv.Itoa(i) + "]"
				if c.Kind == yaml.ScalarNode {
					check(c, item)
					continue
				}
				walk(c, item)
			}
		}
	}
	walk(root, "")
	return warns
}

// cutValue adds to warns the warning for one scalar value that the rule of
// cutByComment matches.
func cutValue(warns *diag.List, path string, lines *yamlLines, n *yaml.Node, key string) {
	if n.Style != 0 || n.Tag != "!!str" || n.LineComment == "" || n.Value == "" {
		return
	}
	if n.Line < 1 || n.Line > len(lines.starts) {
		return
	}
	start := lines.starts[n.Line-1]
	end := len(lines.block)
	if n.Line < len(lines.starts) {
		end = lines.starts[n.Line]
	}
	line := lines.block[start:end]
	// The value starts at its column, counted in characters.
	valueAt := 0
	for col := 1; col < n.Column && valueAt < len(line); col++ {
		_, size := utf8.DecodeRune(line[valueAt:])
		valueAt += size
	}
	rest := line[valueAt:]
	// A value on more than one line does not stand as written here.
	if !bytes.HasPrefix(rest, []byte(n.Value)) {
		return
	}
	after := rest[len(n.Value):]
	blanks := len(after) - len(bytes.TrimLeft(after, " \t"))
	if blanks == 0 || blanks >= len(after) || after[blanks] != '#' {
		return
	}
	comment := after[blanks+1:]
	next, _ := utf8.DecodeRune(comment)
	if blanks > 1 && !unicode.IsLetter(next) && !unicode.IsDigit(next) {
		return
	}
	fileLine, fileCol := lines.at(start + valueAt + len(n.Value) + blanks)
	whole := strings.TrimRight(string(rest), " \t\r\n\u0085\u2028\u2029")
	lead := strings.TrimLeft(string(line[:valueAt]), " \t")
	cut := strings.TrimRight(string(after[blanks:]), " \t\r\n\u0085\u2028\u2029")
	warns.Warn(diag.Position{Path: path, Line: fileLine, Column: fileCol}, diag.CutByComment,
		key, quote(cut), quote(n.Value), lead+strconv.Quote(whole))
}
