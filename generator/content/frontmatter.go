package content

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
	found := false // captured is nil for an empty block, so track the close itself
	capture := func(b []byte, _ any) error {
		captured = append([]byte(nil), b...)
		found = true
		return nil
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture),
		frontmatter.NewFormat("+++", "+++", capture),
	}
	rest, err := frontmatter.Parse(bytes.NewReader(text), new(struct{}), formats...)
	if err != nil {
		errs.Add(diag.Position{Path: path, Line: delimLine, Column: 1}, diag.FrontMatterUnreadable, err)
		return document{}, errs
	}
	if !found {
		errs.Add(diag.Position{Path: path, Line: delimLine, Column: 1},
			diag.FrontMatterUnclosed, delim, delim)
		return document{}, errs
	}
	// rest is the tail of adrg's own copy of the input: take the same bytes
	// from text instead, so that a role keeps one copy of its file, not two.
	body := rest
	if off := len(text) - len(rest); off >= 0 && bytes.Equal(text[off:], rest) {
		body = text[off:len(text):len(text)]
	}
	doc := document{body: body, bodyOffset: shift + len(text) - len(rest)}
	// Lines of the captured block count from the line after the opening
	// delimiter.
	firstLine := delimLine + 1
	_ = delimEnd
	var meta *yaml.Node
	if delim == "---" {
		meta, errs = parseYAMLMeta(path, captured, firstLine, frontMatterYAMLMessages)
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

// yamlMessages are the messages parseYAMLMeta reports: a role's front
// matter and site.yaml name the problem each in its own words.
type yamlMessages struct {
	invalid    diag.Message // a syntax error, "%s" the parser's reason
	notMapping diag.Message // the document is not a mapping
}

var (
	frontMatterYAMLMessages = yamlMessages{invalid: diag.BadYAML, notMapping: diag.FrontMatterNotMapping}
	siteYAMLMessages        = yamlMessages{invalid: diag.SiteBadYAML, notMapping: diag.SiteNotMapping}
)

// parseYAMLMeta decodes a YAML block into a node tree with file lines. Its
// warnings name text values that a comment cut short (see cutByComment).
func parseYAMLMeta(path string, block []byte, firstLine int, msgs yamlMessages) (*yaml.Node, diag.List) {
	var errs diag.List
	lines := newYAMLLines(block, firstLine)
	// yaml.v3 reports unreadable characters without a position: find them
	// first.
	if off, reason := unreadableYAML(block); !reason.IsZero() {
		line, col := lines.at(off)
		errs.Add(diag.Position{Path: path, Line: line, Column: col}, msgs.invalid, reason)
		return nil, errs
	}
	var root yaml.Node
	if err := yaml.Unmarshal(block, &root); err != nil {
		line, msg := yamlErrorLine(err)
		if m, ok := findMistake(block); ok && (line <= 0 || m.line <= line || m.kind == mistakeTab || m.kind == mistakeIndent) {
			fileLine, col := lines.pos(m.line, m.col)
			errs.Add(diag.Position{Path: path, Line: fileLine, Column: col}, diag.YAMLMistake, m.message(fileLine))
			return nil, errs
		}
		fileLine, _ := lines.pos(max(line, 1), 1)
		errs.Add(diag.Position{Path: path, Line: fileLine, Column: 1}, msgs.invalid, msg)
		return nil, errs
	}
	if root.Kind == 0 { // empty block
		return &yaml.Node{Kind: yaml.MappingNode, Line: firstLine, Column: 1}, nil
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	warns := cutByComment(path, lines, doc)
	lines.remap(doc)
	if doc.Kind != yaml.MappingNode {
		errs.Add(diag.Position{Path: path, Line: doc.Line, Column: doc.Column}, msgs.notMapping)
		return nil, errs
	}
	return doc, warns
}

// yamlErrorLine extracts the 1-based line of a yaml.v3 syntax error.
// yaml.v3 gives no structured position for syntax errors, only
// "yaml: line N: msg", and for parser (not scanner) errors N is the 0-based
// line of its mark, one less than the line it means.
func yamlErrorLine(err error) (int, string) {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		if i := strings.Index(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
	}
	if yamlParserProblems[msg] {
		line++
	}
	return line, msg
}

// yamlParserProblems are the messages of yaml.v3's parser errors
// (parserc.go), whose line yaml.v3 prints 0-based.
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// unreadableYAML returns the offset of the first byte yaml.v3 refuses to
// read (invalid UTF-8 or a character YAML does not allow) and why; the
// reason is the zero Text when every byte is readable.
func unreadableYAML(block []byte) (int, diag.Text) {
	for i := 0; i < len(block); {
		r, size := utf8.DecodeRune(block[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return i, diag.T(diag.YAMLNotUTF8)
		case r == 0x09 || r == 0x0A || r == 0x0D || (r >= 0x20 && r <= 0x7E) || r == 0x85 ||
			(r >= 0xA0 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000:
		default:
			return i, diag.T(diag.YAMLBadCharacter, r)
		}
		i += size
	}
	return 0, diag.Text{}
}

// yamlLines maps yaml.v3's positions in a block to the file's. yaml.v3
// breaks lines at \n, \r\n, a lone \r, NEL, LS and PS and counts columns
// in characters; the file's lines break at \n only. Every yaml line lies
// inside one file line, so each maps to a file line and the column where it
// starts.
type yamlLines struct {
	block    []byte
	fileLine []int // by yaml line - 1
	fileCol  []int
	starts   []int // byte offset of each yaml line
}

func newYAMLLines(block []byte, firstLine int) *yamlLines {
	l := &yamlLines{block: block}
	line, col := firstLine, 1
	l.add(0, line, col)
	for i := 0; i < len(block); {
		r, size := utf8.DecodeRune(block[i:])
		if r == '\r' && i+1 < len(block) && block[i+1] == '\n' {
			r, size = '\n', 2
		}
		i += size
		switch r {
		case '\n':
			line, col = line+1, 1
			l.add(i, line, col)
		case '\r', '\u0085', '\u2028', '\u2029':
			col++
			l.add(i, line, col)
		default:
			col++
		}
	}
	return l
}

func (l *yamlLines) add(start, line, col int) {
	l.starts = append(l.starts, start)
	l.fileLine = append(l.fileLine, line)
	l.fileCol = append(l.fileCol, col)
}

// pos turns yaml.v3's 1-based line and column into the file's.
func (l *yamlLines) pos(line, col int) (int, int) {
	i := min(max(line, 1), len(l.fileLine)) - 1
	return l.fileLine[i], l.fileCol[i] + max(col, 1) - 1
}

// at turns a byte offset in the block into the file's line and column.
func (l *yamlLines) at(off int) (int, int) {
	i := sort.SearchInts(l.starts, off+1) - 1
	return l.fileLine[i], l.fileCol[i] + utf8.RuneCount(l.block[l.starts[i]:off])
}

// remap moves every node of a tree to its position in the file.
func (l *yamlLines) remap(n *yaml.Node) {
	n.Line, n.Column = l.pos(n.Line, n.Column)
	for _, c := range n.Content {
		l.remap(c)
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
			// Position.Col counts bytes and is off by one at a line's
			// start; Position.Start is a byte offset, after a BOM that
			// BurntSushi/toml skips.
			line, col = perr.Position.Line, 1
			start := perr.Position.Start
			if bytes.HasPrefix(block, utf8BOM) {
				start += len(utf8BOM)
			}
			if p := diag.OffsetPosition(path, block, start); p.Line == line {
				col = p.Column
			}
			err = errors.New(perr.Message)
		}
		errs.Add(diag.Position{Path: path, Line: firstLine + line - 1, Column: max(col, 1)}, diag.BadTOML, err)
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
			if k.line < len(lines) {
				keepWrittenNumber(val, lines[k.line], k.col, v[k.key])
			}
			placeAt(val, keyNode.Line, keyNode.Column)
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

// placeAt gives n and its list items, which TOML does not locate, the
// position of the key that holds them. Tables keep their own lines.
func placeAt(n *yaml.Node, line, col int) {
	if n.Kind == yaml.MappingNode {
		return
	}
	n.Line, n.Column = line, col
	for _, c := range n.Content {
		placeAt(c, line, col)
	}
}

// findTOMLKey finds the first line at or after from that sets key, as
// "key =" or "[key]" or inside an inline table, also dotted ("key.sub =")
// or quoted ("\"key\" ="), and returns its 0-based index and 1-based column.
func findTOMLKey(lines []string, key string, from int) (int, int) {
	for i := from; i < len(lines); i++ {
		line := lines[i]
		for _, pat := range []string{"[" + key + "]", key} {
			if pat == "" { // an empty quoted key, ""
				continue
			}
			idx := strings.Index(line, pat)
			for idx >= 0 {
				before := idx == 0 || strings.ContainsRune(" \t{,[.\"'", rune(line[idx-1]))
				after := strings.TrimLeft(line[idx+len(pat):], " \t\"'")
				if pat[0] == '[' || (before && (strings.HasPrefix(after, "=") || strings.HasPrefix(after, "."))) {
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

// keepWrittenNumber gives a number's node the number as the TOML source
// writes it ("62.000", not "62"), so that checks can look at what the
// editor typed. line is the line of the number's key, which starts at the
// 1-based column col. The node keeps the decoded form unless the written
// token decodes to the same number.
func keepWrittenNumber(n *yaml.Node, line string, col int, decoded any) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		return
	}
	runes := []rune(line)
	if col < 1 || col > len(runes) {
		return
	}
	_, after, ok := strings.Cut(string(runes[col-1:]), "=")
	if !ok {
		return
	}
	after = strings.TrimLeft(after, " \t")
	end := strings.IndexAny(after, " \t,}]#")
	if end < 0 {
		end = len(after)
	}
	written := after[:end]
	f, err := strconv.ParseFloat(strings.ReplaceAll(written, "_", ""), 64)
	if err != nil {
		return
	}
	switch v := decoded.(type) {
	case int64:
		if f != float64(v) || strings.ContainsAny(written, ".eE") {
			return
		}
	case float64:
		if f != v {
			return
		}
	default:
		return
	}
	n.Value = written
}
