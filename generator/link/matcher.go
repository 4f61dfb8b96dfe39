package link

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// The matcher is our own Aho-Corasick automaton rather than a library.
//
// Decision: we weighed github.com/cloudflare/ahocorasick and
// github.com/petar-dambovaliev/aho-corasick. cloudflare's reports only which
// patterns occur (no positions, each pattern once per call), keeps a match
// counter inside the shared matcher (so it is not safe for concurrent use)
// and spends two 256-pointer arrays on every trie node, gigabytes for 10,000
// roles. petar-dambovaliev's (a port of BurntSushi's Rust crate, last changed
// in 2021) has leftmost-longest matching and positions, but folds ASCII case
// only (Ä would not match ä), has no notion of "a space matches any run of
// white space", and picks the leftmost-longest match before our boundary and
// inflection rules could reject it, so a candidate starting inside a word
// ("Java-Backend-Entwickler") would hide a valid mention that overlaps it.
// Wrapping either would mean normalising every text into a copy with an
// offset map and redoing the selection anyway. Our automaton is about 200
// lines without dependencies: a trie over symbols (the canonical caseless
// form of the text, see fold.go; a white space run is one symbol), built from the sorted names without maps and stored in
// two flat arrays in depth-first order (so the states of one name share
// cache lines even with 10,000 roles), with failure and dictionary links. A
// search reads each rune once, checks the start and end boundaries and the
// inflection endings of each candidate as the automaton reports it, and keeps
// the longest candidate per start position in a ring buffer as long as the
// longest name, so leftmost-longest selection happens on the fly: time
// O(text + candidates), memory O(longest name) per search, safe for
// concurrent use.

// Match is one mention found in a text: the byte range Start:End of the text
// (the inflection ending included) and the role it names.
type Match struct {
	Start, End int
	Role       int
}

// FindAll returns the mentions in text, in order, without overlaps. A mention
// is a name of a role, matched in canonical caseless form (NFC and NFD
// spellings alike, full case folding: "STRASSE" is "Straße"; see fold.go),
// where a space in the name matches any run of white space and U+2010,
// U+2011 and U+00AD match a hyphen. A mention is always whole characters of
// text: a character and the combining marks that follow it are one. It starts at the start of
// text or after a character that is not a letter, digit or hyphen, and it
// ends at the end of text or before a character that is not a letter or
// digit, optionally after a German inflection ending (-s, -es, -n, -en, -in,
// -innen). These boundary rules apply only where the name itself starts or
// ends with a letter or digit, so "Engineer (Demandware)" may be followed by
// anything. Where mentions overlap, the leftmost wins, then the longest.
func (ix *Index) FindAll(text string) []Match {
	return ix.m.find(text, -1, -1, nil, nil)
}

// Mentions reports whether text holds a mention, as FindAll finds them.
func (ix *Index) Mentions(text []byte) bool {
	// The search keeps no part of the text: read it in place.
	return len(ix.m.find(unsafe.String(unsafe.SliceData(text), len(text)), -1, -1, nil, nil)) > 0
}

// inflections are the German endings that may follow a name, longest first.
var inflections = [...]string{"innen", "in", "en", "es", "n", "s"}

// pattern is one distinct folded name.
type pattern struct {
	key       string // folded, white space collapsed
	role      int32
	n         int32 // length in symbols (runes, a space counts one)
	startWord bool  // first rune is a letter or digit: start boundary applies
	endWord   bool  // last rune is a letter or digit: end boundary applies
	endLetter bool  // last rune is a letter: inflection endings may follow
}

func newPattern(key string, role int) pattern {
	first, _ := utf8.DecodeRuneInString(key)
	last, _ := utf8.DecodeLastRuneInString(key)
	// The letter a name ends with may carry combining marks ("Café" in
	// NFD): inflections may follow it all the same.
	base := strings.TrimRightFunc(key, unicode.IsMark)
	baseLast, _ := utf8.DecodeLastRuneInString(base)
	return pattern{
		key:       key,
		role:      int32(role),
		n:         int32(utf8.RuneCountInString(key)),
		startWord: isWord(first),
		endWord:   isWord(last),
		endLetter: base != "" && unicode.IsLetter(baseLast),
	}
}

// matcher is an Aho-Corasick automaton over folded runes. State 0 is the
// root. States are numbered in depth-first order, so that the states along a
// name, and their edges, lie next to each other in memory: a mention costs a
// few cache lines even when the automaton is far larger than the cache.
type matcher struct {
	states []state // one more than there are states, to end the last edge list
	edges  []edge
	root   [128]int32 // the root's transitions on ASCII, 0 for none
	// first marks the bytes that start a rune whose first symbol is the
	// first symbol of some pattern: in the root state the search skips
	// every other byte.
	first  [256]bool
	pats   []pattern
	maxLen int        // longest pattern in symbols
	table  *foldTable // the symbols of each character
}

// state is one state of the automaton. Its outgoing edges, sorted by label,
// are edges[s.edges:next.edges] where next is the following state.
type state struct {
	edges int32
	fail  int32
	out   int32 // pattern that ends here, or -1
	dict  int32 // nearest state on the failure chain with out >= 0, or -1
}

type edge struct {
	label  rune
	target int32
}

// buildMatcher builds the automaton from patterns sorted by key.
func buildMatcher(pats []pattern) matcher {
	// Trie with first-child/next-sibling lists. Because the keys are sorted,
	// a new child always goes after the last child of its parent, and the
	// children of a node end up sorted by label.
	label := []rune{0}
	firstChild := []int32{-1}
	lastChild := []int32{-1}
	sibling := []int32{-1}
	outOld := []int32{-1}
	path := []int32{0}
	var prev []rune
	maxLen := 0
	for pi, p := range pats {
		key := []rune(p.key)
		maxLen = max(maxLen, len(key))
		lcp := 0
		for lcp < len(prev) && lcp < len(key) && prev[lcp] == key[lcp] {
			lcp++
		}
		path = path[:lcp+1]
		for _, c := range key[lcp:] {
			parent := path[len(path)-1]
			id := int32(len(label))
			label = append(label, c)
			firstChild = append(firstChild, -1)
			lastChild = append(lastChild, -1)
			sibling = append(sibling, -1)
			outOld = append(outOld, -1)
			if lastChild[parent] < 0 {
				firstChild[parent] = id
			} else {
				sibling[lastChild[parent]] = id
			}
			lastChild[parent] = id
			path = append(path, id)
		}
		outOld[path[len(path)-1]] = int32(pi)
		prev = key
	}

	// Number the states in depth-first preorder, then lay out the edges of
	// each state in that order.
	n := len(label)
	order := make([]int32, 0, n) // old ids in new order
	newID := make([]int32, n)
	stack := []int32{0}
	for len(stack) > 0 {
		old := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		newID[old] = int32(len(order))
		order = append(order, old)
		// Push children last to first, so the first is numbered next.
		top := len(stack)
		for c := firstChild[old]; c >= 0; c = sibling[c] {
			stack = append(stack, c)
		}
		for i, j := top, len(stack)-1; i < j; i, j = i+1, j-1 {
			stack[i], stack[j] = stack[j], stack[i]
		}
	}
	m := matcher{
		states: make([]state, n+1),
		edges:  make([]edge, 0, n-1),
		pats:   pats,
		maxLen: maxLen,
		table:  symbolTable(),
	}
	for s, old := range order {
		m.states[s] = state{edges: int32(len(m.edges)), out: outOld[old], dict: -1}
		for c := firstChild[old]; c >= 0; c = sibling[c] {
			m.edges = append(m.edges, edge{label[c], newID[c]})
		}
	}
	m.states[n].edges = int32(len(m.edges))
	for _, e := range m.edgesOf(0) {
		if e.label < 128 {
			m.root[e.label] = e.target
		}
		// Any byte of invalid UTF-8 reads as RuneError.
		if e.label == utf8.RuneError {
			for c := utf8.RuneSelf; c < 256; c++ {
				m.first[c] = true
			}
		}
	}
	if n > 1 {
		// Every character whose first symbol starts a pattern; the
		// characters beyond the table (four bytes) are not sorted out.
		var b [utf8.UTFMax]byte
		for r := rune(0); r < 0x10000; r++ {
			if 0xD800 <= r && r <= 0xDFFF {
				continue
			}
			sym := m.table.one[r]
			if sym < 0 {
				sym = m.table.many[-1-sym][0]
			}
			if m.child(0, sym) >= 0 {
				utf8.EncodeRune(b[:], r)
				m.first[b[0]] = true
			}
		}
		for c := 0xF0; c <= 0xF4; c++ {
			m.first[c] = true
		}
	}

	// Failure and dictionary links, breadth first: a state's failure link
	// points to a shallower state, whose links are then already set.
	queue := make([]int32, 1, n)
	for i := 0; i < len(queue); i++ {
		s := queue[i]
		for _, e := range m.edgesOf(s) {
			t := e.target
			queue = append(queue, t)
			f := int32(0)
			if s != 0 {
				f = m.step(m.states[s].fail, e.label)
			}
			m.states[t].fail = f
			if m.states[f].out >= 0 {
				m.states[t].dict = f
			} else {
				m.states[t].dict = m.states[f].dict
			}
		}
	}
	return m
}

// edgesOf returns the outgoing edges of s.
func (m *matcher) edgesOf(s int32) []edge {
	return m.edges[m.states[s].edges:m.states[s+1].edges]
}

// child returns the target of the edge of s labelled c, or -1.
func (m *matcher) child(s int32, c rune) int32 {
	es := m.edgesOf(s)
	for len(es) > 8 { // c, if there, stays in es
		mid := len(es) / 2
		if es[mid].label < c {
			es = es[mid+1:]
		} else {
			es = es[:mid+1]
		}
	}
	for _, e := range es {
		if e.label == c {
			return e.target
		}
	}
	return -1
}

// step returns the state after reading c in state s.
func (m *matcher) step(s int32, c rune) int32 {
	for s != 0 {
		if t := m.child(s, c); t >= 0 {
			return t
		}
		s = m.states[s].fail
	}
	if c < 128 {
		return m.root[c]
	}
	return max(m.child(0, c), 0)
}

// slot is what the search remembers about one symbol of the text, while a
// name starting there may still be reported.
type slot struct {
	start    int  // byte offset of the symbol
	boundary bool // a name may start here
	found    bool // best holds a candidate
	best     Match
	bestLen  int32
}

// find appends the mentions in text to dst. before and after are the
// characters just outside text (-1 for none), for the boundary rules; ring is
// scratch space that may be nil.
func (m *matcher) find(text string, before, after rune, dst []Match, ring []slot) []Match {
	size := m.maxLen
	if size == 0 {
		return dst
	}
	if cap(ring) < size {
		ring = make([]slot, size)
	}
	ring = ring[:size]
	lastEnd := 0
	settle := func(s *slot) {
		if s.found && s.start >= lastEnd {
			dst = append(dst, s.best)
			lastEnd = s.best.End
		}
	}

	state := int32(0)
	prev := before
	sym, cur := 0, 0 // symbols read, and sym % size
	inSpace := false
	// afterSegment: the character at i follows a segment that ended
	// before it, so it starts a segment of its own.
	afterSegment := before < 0
	var buf [8]rune
	for i := 0; i < len(text); {
		if state == 0 && !m.first[text[i]] {
			// No name is in progress, and none starts here: every name
			// still to be found starts after i. Settle the candidates
			// found so far, start the ring afresh and skip to the next
			// byte that may start a name.
			for f := max(sym-size+1, 0); f < sym; f++ {
				settle(&ring[f%size])
			}
			sym, cur = 0, 0
			j := i + 1
			for j < len(text) && !m.first[text[j]] {
				j++
			}
			if j == len(text) {
				return dst
			}
			prev, _ = utf8.DecodeLastRuneInString(text[:j])
			inSpace = isSpace(prev)
			afterSegment = false
			i = j
		}
		r, w := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(text[i:])
		}
		end := i + w
		starts := afterSegment || startsSegment(text, i)
		syms := buf[:1]
		if isSpace(r) {
			// A space is a segment of its own; marks after it start one.
			afterSegment = false
			if inSpace {
				prev = r
				i = end
				continue
			}
			inSpace, buf[0] = true, ' '
		} else {
			inSpace, afterSegment = false, true
			if end < len(text) && text[end] >= utf8.RuneSelf {
				end = segmentEnd(text, i)
			}
			switch {
			case end > i+w:
				syms = appendSymbols(buf[:0], text[i:end], m.table)
			case r < utf8.RuneSelf:
				buf[0] = asciiSymbol(r)
			case r < 0x10000 && m.table.one[r] >= 0:
				buf[0] = m.table.one[r]
			default:
				syms = appendSymbols(buf[:0], text[i:end], m.table)
			}
		}
		for k, c := range syms {
			if k == 0 && starts {
				ring[cur] = slot{start: i, boundary: !isWord(prev) && !isHyphen(prev)}
			} else {
				ring[cur] = slot{start: -1} // no mention starts inside a segment
			}
			state = m.step(state, c)
			o := state
			if k < len(syms)-1 {
				o = 0 // nor ends inside one
			} else if m.states[o].out < 0 {
				o = m.states[o].dict
			}
			for ; o > 0; o = m.states[o].dict {
				p := &m.pats[m.states[o].out]
				at := &ring[(cur-int(p.n)+1+size)%size] // the slot of its first symbol
				if at.start < 0 || p.startWord && !at.boundary {
					continue
				}
				e, ok := matchEnd(text, end, p, after)
				if !ok {
					continue
				}
				if !at.found || e > at.best.End || e == at.best.End && p.n > at.bestLen {
					at.found, at.bestLen = true, p.n
					at.best = Match{Start: at.start, End: e, Role: int(p.role)}
				}
			}
			next := cur + 1
			if next == size {
				next = 0
			}
			// No candidate can start at symbol sym-size+1, in slot next, any more.
			if sym >= size-1 && ring[next].found {
				settle(&ring[next])
			}
			sym, cur = sym+1, next
		}
		prev = r
		if end > i+w {
			prev, _ = utf8.DecodeLastRuneInString(text[i:end])
		}
		i = end
	}
	for f := max(sym-size+1, 0); f < sym; f++ {
		settle(&ring[f%size])
	}
	return dst
}

// matchEnd checks the end boundary of a name that ends at byte end of text
// and returns the end of the mention, inflection ending included.
func matchEnd(text string, end int, p *pattern, after rune) (int, bool) {
	if !p.endWord || !isWord(runeAt(text, end, after)) {
		return end, true
	}
	if !p.endLetter {
		return 0, false
	}
	for _, suf := range inflections {
		e := end + len(suf)
		if e <= len(text) && equalFoldASCII(text[end:e], suf) && !isWord(runeAt(text, e, after)) {
			return e, true
		}
	}
	return 0, false
}

// runeAt returns the rune at byte i of text, or after at the end.
func runeAt(text string, i int, after rune) rune {
	if i >= len(text) {
		return after
	}
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r
}

// equalFoldASCII reports whether s equals the lower-case ASCII word lower,
// ignoring ASCII case.
func equalFoldASCII(s, lower string) bool {
	for i := 0; i < len(lower); i++ {
		if s[i]|0x20 != lower[i] {
			return false
		}
	}
	return true
}
