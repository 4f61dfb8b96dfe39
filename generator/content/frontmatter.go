package content

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"

	"rolesite/generator/diag"
)

// document is a role file split into its front matter, as a YAML node tree
// whose lines count from the start of the file, and its Markdown body.
type document struct {
	meta       *yaml.Node // a mapping node; nil when the file has no front matter
	body       []byte
	bodyOffset int
}

// utf8BOM is stripped from the start of a file; positions stay right because
// columns count characters on the line and the BOM is not shown.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// splitDocument parses src's front matter with adrg/frontmatter, as YAML
// between "---" lines or TOML between "+++" lines.
func splitDocument(path string, src []byte) (document, diag.List) {
	var errs diag.List
	text := bytes.TrimPrefix(src, utf8BOM)
	shift := len(src) - len(text)

	delimLine, delimEnd, delim := findOpening(text)
	if delim == "" {
		return document{body: text, bodyOffset: shift}, nil
	}
	var captured []byte
	capture := func(b []byte, _ any) error {
		captured = append([]byte(nil), b...)
		return nil
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture),
		frontmatter.NewFormat("+++", "+++", capture),
	}
	rest, err := frontmatter.Parse(bytes.NewReader(text), new(struct{}), formats...)
	if err != nil {
		errs.Errorf(diag.Position{Path: path, Line: delimLine, Column: 1}, "cannot read front matter: %v", err)
		return document{}, errs
	}
	if captured == nil {
		errs.Errorf(diag.Position{Path: path, Line: delimLine, Column: 1},
			"front matter opened with %q is never closed (add a line %q after the last key)", delim, delim)
		return document{}, errs
	}
	doc := document{body: rest, bodyOffset: shift + len(text) - len(rest)}
	// Lines of the captured block count from the line after the opening
	// delimiter.
	firstLine := delimLine + 1
	_ = delimEnd
	var meta *yaml.Node
	if delim == "---" {
		meta, errs = parseYAMLMeta(path, captured, firstLine)
	} else {
		meta, errs = parseTOMLMeta(path, captured, firstLine)
	}
	doc.meta = meta
	return doc, errs
}

// findOpening returns the 1-based line of the opening front-matter
// delimiter, the offset just after it, and the delimiter; the delimiter is
// empty when the first non-blank line is not one.
func findOpening(text []byte) (line, end int, delim string) {
	off := 0
	line = 1
	for off < len(text) {
		nl := bytes.IndexByte(text[off:], '\n')
		next := len(text)
		if nl >= 0 {
			next = off + nl + 1
		}
		trimmed := strings.TrimSpace(string(text[off:next]))
		switch trimmed {
		case "":
			off = next
			line++
			continue
		case "---", "+++":
			return line, next, trimmed
		}
		return 0, 0, ""
	}
	return 0, 0, ""
}

// parseYAMLMeta decodes a YAML block into a node tree with file lines.
func parseYAMLMeta(path string, block []byte, firstLine int) (*yaml.Node, diag.List) {
	var errs diag.List
	var root yaml.Node
	if err := yaml.Unmarshal(block, &root); err != nil {
		line, msg := yamlErrorLine(err)
		errs.Errorf(diag.Position{Path: path, Line: firstLine + max(line, 1) - 1, Column: 1}, "invalid YAML front matter: %s", msg)
		return nil, errs
	}
	if root.Kind == 0 { // empty block
		return &yaml.Node{Kind: yaml.MappingNode, Line: firstLine, Column: 1}, nil
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	shiftLines(doc, firstLine-1)
	if doc.Kind != yaml.MappingNode {
		errs.Errorf(diag.Position{Path: path, Line: doc.Line, Column: doc.Column}, "front matter must be a mapping of keys to values")
		return nil, errs
	}
	return doc, nil
}

// yamlErrorLine extracts the line of a yaml.v3 syntax error. yaml.v3 gives
// no structured position for syntax errors, only "yaml: line N: msg".
func yamlErrorLine(err error) (int, string) {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		if i := strings.Index(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
		return line, msg
	}
	return 0, msg
}

func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}

// parseTOMLMeta decodes a TOML block and turns it into the same node tree
// the YAML path gives, so one validator serves both. BurntSushi/toml reports
// no key positions, so each key's line is found by scanning the block.
func parseTOMLMeta(path string, block []byte, firstLine int) (*yaml.Node, diag.List) {
	var errs diag.List
	var m map[string]any
	if _, err := toml.Decode(string(block), &m); err != nil {
		line, col := 1, 1
		var perr toml.ParseError
		if errors.As(err, &perr) {
			line, col = perr.Position.Line, perr.Position.Col
			err = errors.New(perr.Message)
		}
		errs.Errorf(diag.Position{Path: path, Line: firstLine + line - 1, Column: max(col, 1)}, "invalid TOML front matter: %v", err)
		return nil, errs
	}
	lines := strings.Split(string(block), "\n")
	return tomlNode(m, lines, firstLine, 0), nil
}

// tomlNode converts a decoded TOML value to a yaml.Node. from is the index
// of the line where the search for this value's keys starts.
func tomlNode(v any, lines []string, firstLine, from int) *yaml.Node {
	switch v := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: firstLine + from, Column: 1}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		type keyAt struct {
			key       string
			line, col int
		}
		located := make([]keyAt, 0, len(keys))
		for _, k := range keys {
			l, c := findTOMLKey(lines, k, from)
			located = append(located, keyAt{k, l, c})
		}
		sort.Slice(located, func(i, j int) bool {
			if located[i].line != located[j].line {
				return located[i].line < located[j].line
			}
			return located[i].key < located[j].key
		})
		for _, k := range located {
			keyNode := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k.key, Line: firstLine + k.line, Column: k.col}
			val := tomlNode(v[k.key], lines, firstLine, k.line)
			if val.Kind == yaml.ScalarNode || val.Kind == yaml.SequenceNode {
				val.Line, val.Column = keyNode.Line, keyNode.Column
			}
			n.Content = append(n.Content, keyNode, val)
		}
		return n
	case []map[string]any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: firstLine + from, Column: 1}
		for _, e := range v {
			n.Content = append(n.Content, tomlNode(e, lines, firstLine, from))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: firstLine + from, Column: 1}
		for _, e := range v {
			c := tomlNode(e, lines, firstLine, from)
			n.Content = append(n.Content, c)
		}
		return n
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(v)}
	case int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(v)}
	case float64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: fmt.Sprint(v)}
	case time.Time:
		layout := time.RFC3339
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			layout = time.DateOnly
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: v.Format(layout)}
	default:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fmt.Sprint(v)}
	}
}

// findTOMLKey finds the first line at or after from that sets key, as
// "key =" or "[key]" or inside an inline table, and returns its 0-based
// index and 1-based column.
func findTOMLKey(lines []string, key string, from int) (int, int) {
	for i := from; i < len(lines); i++ {
		line := lines[i]
		for _, pat := range []string{"[" + key + "]", key} {
			idx := strings.Index(line, pat)
			for idx >= 0 {
				before := idx == 0 || strings.ContainsRune(" \t{,[.", rune(line[idx-1]))
				after := strings.TrimLeft(line[idx+len(pat):], " \t")
				if pat[0] == '[' || (before && strings.HasPrefix(after, "=")) {
					return i, len([]rune(line[:idx])) + 1
				}
				next := strings.Index(line[idx+1:], pat)
				if next < 0 {
					break
				}
				idx += 1 + next
			}
		}
	}
	if from < len(lines) {
		return from, 1
	}
	return max(len(lines)-1, 0), 1
}
