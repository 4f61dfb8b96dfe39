package content

import (
	"unicode"
	"unicode/utf8"

	"rolesite/generator/diag"
)

// goldmark (v1.8.7) spends time that grows with the square of the input on
// a few Markdown constructs (docs/perf/markdown-guards.md): a 2 MiB body of
// unclosed link openers would hold a build for hours. checkBody scans a
// body once, in linear time, and estimates from above the work goldmark's
// slow loops would do on it; past a budget it refuses the body with the
// position of the construct, before anything is rendered. The budgets keep
// goldmark's worst case under about 0.1 s per construct, far above what
// any ordinary role body reaches.

// bodyLimits are the budgets checkBody holds a body to.
type bodyLimits struct {
	// nesting bounds how deep blockquotes and lists nest on one line
	// (each open container is matched again for every line inside it).
	nesting int
	// destinations bounds the bytes goldmark rereads for link
	// destinations: after "](" it reads on to the next space or the end of
	// the line, for every "](", closed or not.
	destinations int
	// delimiters bounds the emphasis delimiters goldmark walks past: a
	// closing * _ or ~ run that finds no opener of its kind walks every
	// opener of the paragraph.
	delimiters int
	// brackets bounds the nodes goldmark walks when a "]" closes a "[":
	// it looks for links in everything between them.
	brackets int
	// definitions bounds the lines goldmark copies while it removes link
	// reference definitions from a paragraph: the rest of the paragraph
	// once per definition.
	definitions int
}

// defaultBodyLimits are the budgets of a build.
var defaultBodyLimits = bodyLimits{nesting: 100, destinations: 1 << 25, delimiters: 1 << 22, brackets: 1 << 24, definitions: 1 << 22}

// bodyProblem is a body that checkBody refuses: offset is the byte offset
// of the construct in the body.
type bodyProblem struct {
	offset  int
	message diag.Text
}

// checkBody reports the first construct of body whose cost to render runs
// over its budget, or nil.
func checkBody(body []byte, limits bodyLimits) *bodyProblem {
	s := bodyScan{body: body, limits: limits, firstLongDest: -1}
	for start := 0; start < len(body); {
		end := start
		for end < len(body) && body[end] != '\n' {
			end++
		}
		if p := s.line(start, end); p != nil {
			return p
		}
		start = end + 1
	}
	return s.endParagraph()
}

// bodyScan is checkBody's state: the current paragraph (a run of lines
// without a blank one, which is as far as goldmark's inline state reaches)
// and the work counted so far.
type bodyScan struct {
	body   []byte
	limits bodyLimits

	destinations  int // bytes reread after "](" in the whole body
	firstLongDest int // offset of the first "](" that reads on for long, or -1 when none yet
	longDests     int // how many do
	delimiters    int // openers walked in the whole body
	brackets      int // nodes walked by "]" in the whole body
	definitions   int // lines copied in the whole body

	// The paragraph.
	paraStart  int
	openers    []delimiterRun // emphasis openers not yet closed
	openByChar [3]int         // of openers, how many per * _ ~
	firstWalk  int            // offset of the paragraph's first closer that walked openers, -1 when none
	squares    []int          // offsets of the "[" not yet closed
	firstNest  int            // offset of the paragraph's first "[" a "]" closed far away, -1 when none
	defs       int            // link reference definitions
	firstDef   int
	lines      int
}

// delimiterRun is an emphasis opener: its character's index and offset.
type delimiterRun struct {
	char   int
	offset int
}

// line scans body[start:end], one line without its newline.
func (s *bodyScan) line(start, end int) *bodyProblem {
	b := s.body
	if isBlank(b[start:end]) {
		return s.endParagraph()
	}
	if s.lines == 0 {
		s.paraStart, s.firstWalk, s.firstNest, s.firstDef = start, -1, -1, -1
	}
	s.lines++
	if p := s.nesting(start, end); p != nil {
		return p
	}
	if isDefinitionLine(b[start:end]) {
		if s.defs == 0 {
			s.firstDef = start
		}
		s.defs++
	}
	// Pending "](" awaiting the space or line end where goldmark's scan
	// of the destination stops: their count and the sum of their offsets,
	// so that each stop settles all of them at once.
	var pending, pendingSum, pendingFirst int
	var angled, angledSum, angledFirst int // "](<" awaiting ">"
	settle := func(at int, n, sum, first *int) {
		if *n == 0 {
			return
		}
		cost := *n*at - *sum
		s.destinations += cost
		if cost >= 256**n || at-*first >= 1024 {
			if s.longDests == 0 {
				s.firstLongDest = *first
			}
			s.longDests += *n
		}
		*n, *sum = 0, 0
	}
	for i := start; i < end; i++ {
		c := b[i]
		switch {
		case c == '\\' && i+1 < end && isASCIIPunct(b[i+1]):
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
			settle(i, &pending, &pendingSum, &pendingFirst)
		case c == '>':
			settle(i, &angled, &angledSum, &angledFirst)
		}
		switch c {
		case '[':
			s.squares = append(s.squares, i)
		case ']':
			if n := len(s.squares); n > 0 {
				open := s.squares[n-1]
				s.squares = s.squares[:n-1]
				if i-open >= 1024 && s.firstNest < 0 {
					s.firstNest = open
					if len(s.squares) > 0 {
						s.firstNest = s.squares[0] // the outermost of a nest
					}
				}
				s.brackets += i - open
			}
			if i+1 < end && b[i+1] == '(' {
				j := i + 2
				for j < end && (b[j] == ' ' || b[j] == '\t') {
					j++
				}
				if j < end && b[j] == '<' {
					if angled == 0 {
						angledFirst = i
					}
					angled++
					angledSum += i
				} else {
					if pending == 0 {
						pendingFirst = i
					}
					pending++
					pendingSum += i
				}
			}
		case '*', '_', '~':
			j := i
			for j < end && b[j] == c {
				j++
			}
			s.delimiter(c, i, j)
			i = j - 1
		}
	}
	settle(end, &pending, &pendingSum, &pendingFirst)
	settle(end, &angled, &angledSum, &angledFirst)
	if s.destinations > s.limits.destinations {
		return &bodyProblem{s.or(s.firstLongDest), diag.T(diag.BodyLongDestination, s.longDests)}
	}
	if s.delimiters > s.limits.delimiters {
		at := s.or(s.firstWalk)
		return &bodyProblem{at, diag.T(diag.BodyDelimiters, string(s.body[at]), len(s.openers))}
	}
	if s.brackets > s.limits.brackets {
		return &bodyProblem{s.or(s.firstNest), diag.T(diag.BodyBrackets)}
	}
	return nil
}

// nesting refuses a line whose blockquotes and lists nest deeper than
// the nesting limit: "> > >", "- + -", or list markers indented step by step.
func (s *bodyScan) nesting(start, end int) *bodyProblem {
	b := s.body
	depth, i := 0, start
	indent := 0
	for i < end && (b[i] == ' ' || b[i] == '\t') {
		indent++
		i++
	}
	for i < end {
		n := listMarker(b[i:end])
		if b[i] == '>' {
			n = 1
		}
		if n == 0 {
			break
		}
		depth++
		i += n
		for i < end && (b[i] == ' ' || b[i] == '\t') {
			i++
		}
	}
	if depth > 0 {
		depth += indent / 2 // each nested list indents its items by two or more
	}
	if depth > s.limits.nesting {
		return &bodyProblem{start, diag.T(diag.BodyNesting, depth, s.limits.nesting)}
	}
	return nil
}

// listMarker returns the length of the list marker at the start of line
// with the space after it ("- ", "1. ", "2) "), or 0.
func listMarker(line []byte) int {
	i := 0
	switch {
	case len(line) > 0 && (line[0] == '-' || line[0] == '+' || line[0] == '*'):
		i = 1
	default:
		for i < len(line) && i < 9 && line[i] >= '0' && line[i] <= '9' {
			i++
		}
		if i == 0 || i >= len(line) || (line[i] != '.' && line[i] != ')') {
			return 0
		}
		i++
	}
	if i < len(line) && line[i] != ' ' && line[i] != '\t' {
		return 0
	}
	return i
}

// delimiter counts the run of c at body[i:j]: a run that can close and
// finds an opener of its character closes it (goldmark drops the openers
// in between); one that finds none walks all of them.
func (s *bodyScan) delimiter(c byte, i, j int) {
	before, after := ' ', ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRune(s.body[:i])
	}
	if j < len(s.body) {
		after, _ = utf8.DecodeRune(s.body[j:])
	}
	left := !isSpaceRune(after) && (!isPunctRune(after) || isSpaceRune(before) || isPunctRune(before))
	right := !isSpaceRune(before) && (!isPunctRune(before) || isSpaceRune(after) || isPunctRune(after))
	canOpen, canClose := left, right
	if c == '_' {
		canOpen = left && (!right || isPunctRune(before))
		canClose = right && (!left || isPunctRune(after))
	}
	k := delimiterIndex(c)
	if canClose {
		if s.openByChar[k] > 0 {
			for {
				top := s.openers[len(s.openers)-1]
				s.openers = s.openers[:len(s.openers)-1]
				s.openByChar[top.char]--
				s.delimiters++
				if top.char == k {
					break
				}
			}
			return
		}
		if len(s.openers) > 0 && s.firstWalk < 0 {
			s.firstWalk = i
		}
		s.delimiters += len(s.openers)
	}
	if canOpen {
		s.openers = append(s.openers, delimiterRun{k, i})
		s.openByChar[k]++
	}
}

func delimiterIndex(c byte) int {
	switch c {
	case '*':
		return 0
	case '_':
		return 1
	}
	return 2
}

// endParagraph settles the paragraph that ends at a blank line or the end
// of the body.
func (s *bodyScan) endParagraph() *bodyProblem {
	if s.lines == 0 {
		return nil
	}
	s.definitions += s.defs * s.lines
	if s.definitions > s.limits.definitions {
		return &bodyProblem{s.firstDef, diag.T(diag.BodyDefinitions, s.defs, s.lines)}
	}
	s.openers, s.squares = s.openers[:0], s.squares[:0]
	s.openByChar = [3]int{}
	s.defs, s.lines = 0, 0
	return nil
}

// or returns offset, or the paragraph's start when offset is -1 (the
// budget ran out on many small costs, none of them far-reaching).
func (s *bodyScan) or(offset int) int {
	if offset < 0 {
		return s.paraStart
	}
	return offset
}

// isDefinitionLine reports whether line may start a link reference
// definition: up to three spaces, "[", a label, "]:".
func isDefinitionLine(line []byte) bool {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	if i >= len(line) || line[i] != '[' {
		return false
	}
	for i++; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case ']':
			return i+1 < len(line) && line[i+1] == ':'
		}
	}
	return false
}

func isBlank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

func isASCIIPunct(c byte) bool {
	return c < utf8.RuneSelf && unicode.IsPunct(rune(c)) || c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' || c == '`' || c == '|' || c == '~'
}

func isSpaceRune(r rune) bool { return unicode.IsSpace(r) }

func isPunctRune(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }
