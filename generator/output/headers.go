package output

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"rolesite/generator/diag"
)

// _headers is the response-header file that Netlify and Cloudflare Pages
// read from the top of the published folder, and that neither serves. Both
// read the same syntax:
//
//	# a comment
//	/assets/*
//	  Cache-Control: public, max-age=31536000, immutable
//
// a path (pattern) at the start of a line, then the headers of every
// response whose path it matches, one "Name: value" per indented line:
//
//   - Netlify: https://docs.netlify.com/manage/routing/headers/ ("Syntax
//     for the _headers file"). Its parser (netlify/build,
//     packages/headers-parser) takes a line starting with "/" as a path,
//     refuses a header without a value, joins one header given twice in a
//     rule with ", ", and lets a later rule for the same path replace a
//     header of an earlier one. A path matches case-insensitively, with or
//     without a final "/"; "*" as a whole segment matches the rest of the
//     path including slashes (and nothing), in a segment any characters;
//     ":name" one segment. The "/" before a whole-segment "*" is optional
//     (packages/headers-parser/src/for_regexp.ts), so "/tech/*" matches
//     "/tech-jobs/" too.
//   - Cloudflare Pages: https://developers.cloudflare.com/pages/configuration/headers/.
//     A request matched by several rules gets the headers of all of them,
//     one header set by two of them with both values joined by ", " (its
//     docs show X-Robots-Tag: nosnippet, noindex). A path has at most one
//     splat "*"; a placeholder is ":" and a letter, then letters, digits or
//     "_", each name once. A line "! Name" drops a header an earlier rule
//     set, which Netlify does not read. A project reads at most 100 rules
//     (MaxHeaderRules) and lines of at most 2,000 characters
//     (MaxHeaderLine); past them it ignores the rest.
//
// So the file the build writes has one rule per path, never two rules
// that set the same header for one file, and no "!" lines: it means the
// same on both hosts.

// Limits of Cloudflare Pages' _headers (see above). Netlify documents none.
const (
	MaxHeaderRules = 100
	MaxHeaderLine  = 2000
)

// HeadersName is the file's name, at the top of the output folder and in
// the layouts folder.
const HeadersName = "_headers"

// The values of the headers the build sends (see DefaultHeaderRules).
const (
	// CSP is the Content-Security-Policy of every response. The pages load
	// one stylesheet and one icon, both under /assets/, and images that a
	// role's Markdown body names by URL (on any https host); they run no
	// script (JSON-LD, <script type="application/ld+json">, is data that
	// no browser executes), have no inline style, no form, no frame, no
	// <base>. Everything else is refused.
	CSP = "default-src 'none'; style-src 'self'; img-src 'self' https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
	// ReferrerPolicy sends other sites the origin alone, and nothing from
	// https to http.
	ReferrerPolicy = "strict-origin-when-cross-origin"
	// CacheImmutable is the Cache-Control of the files under /assets/,
	// whose names hold a hash of their bytes: a changed file gets a new
	// name, so a browser may keep one for a year without asking.
	CacheImmutable = "public, max-age=31536000, immutable"
	// CacheRevalidate is the Cache-Control of everything else the build
	// writes (pages, sitemaps, robots.txt, feeds): a browser or CDN may
	// keep a copy but asks whether it is still current before each use.
	CacheRevalidate = "public, max-age=0, must-revalidate"
)

// WritesHeaders reports whether a site deployed to host (site.yaml's
// host) gets a _headers file: Netlify and Cloudflare Pages read it, and a
// site that names no host gets it in case it is one of them. GitHub Pages
// sends headers of its own that no file changes, and S3 takes them as
// object metadata or from CloudFront's response headers policy; there it
// would be one more public file that means nothing.
func WritesHeaders(host string) bool {
	switch host {
	case "github-pages", "s3":
		return false
	}
	return true
}

// HeaderRule is one rule of a _headers file: a path pattern and the
// headers of every response whose path it matches.
type HeaderRule struct {
	Path    string
	Headers []Header
	// Line is where the path is in the file the rule was read from; 0 for
	// a rule the build made.
	Line int
}

// Header is one header line of a rule.
type Header struct {
	Name, Value string
	// Detach is a line "! Name": Cloudflare's way to drop a header that
	// another rule sets. The build reads it in layouts/_headers and never
	// writes one.
	Detach bool
	// Line and Column are where the line's name is in the file it was
	// read from; 0 for a header the build made.
	Line, Column int
}

// Sets returns the rule's value of the header name (any case), and
// whether it sets it. A header set twice in one rule has both values, as
// the hosts join them.
func (r HeaderRule) Sets(name string) (string, bool) {
	var vals []string
	for _, h := range r.Headers {
		if !h.Detach && strings.EqualFold(h.Name, name) {
			vals = append(vals, h.Value)
		}
	}
	return strings.Join(vals, ", "), len(vals) > 0
}

// DefaultHeaderRules returns the rules the build writes for a site whose
// top-level files are rootFiles (index.html, 404.html, robots.txt,
// sitemap.xml, ...; in any order) and whose category folders are folders
// (in site.yaml's order):
//
//   - "/*": X-Content-Type-Options: nosniff, Referrer-Policy
//     (ReferrerPolicy) and Content-Security-Policy (CSP), for every response,
//     the 404 page included;
//   - "/assets/:file", the files in /assets/ (Render.Assets: named by a
//     hash of their bytes): Cache-Control CacheImmutable;
//   - "/" (for index.html), each other root file (sorted), and
//     "/<folder>/*" for each category folder (its page and its roles'
//     pages): Cache-Control CacheRevalidate.
//
// No two rules match one path, as Netlify matches them (HeaderMatcher),
// and set one header: "/assets/:file" is one segment below /assets/ (a
// "/assets/*" would match "/assets-team/" too), and a folder whose name
// is the start of another top-level name ("tech" beside "tech-jobs" or
// "technik.html") gets no rule. A path that no rule gives Cache-Control (a
// page in such a folder, a redirect page at an alias outside the category
// folders, the 404 page at a missing path) gets the host's default, which
// is CacheRevalidate on both hosts. The bookkeeping files, _headers and
// _redirects get no rule: neither host serves them.
func DefaultHeaderRules(rootFiles, folders []string) []HeaderRule {
	rules := []HeaderRule{
		{Path: "/*", Headers: []Header{
			{Name: "X-Content-Type-Options", Value: "nosniff"},
			{Name: "Referrer-Policy", Value: ReferrerPolicy},
			{Name: "Content-Security-Policy", Value: CSP},
		}},
		{Path: "/assets/:file", Headers: []Header{{Name: "Cache-Control", Value: CacheImmutable}}},
	}
	revalidate := func(path string) {
		rules = append(rules, HeaderRule{Path: path, Headers: []Header{{Name: "Cache-Control", Value: CacheRevalidate}}})
	}
	seen := map[string]bool{}
	if slices.Contains(rootFiles, "index.html") {
		seen["/"] = true
		revalidate("/")
	}
	for _, f := range slices.Sorted(slices.Values(rootFiles)) {
		p := "/" + f
		if f == "index.html" || f == HeadersName || f == "_redirects" || strings.HasPrefix(f, ReservedPrefix) || strings.Contains(f, "/") || seen[p] {
			continue
		}
		seen[p] = true
		revalidate(p)
	}
	// Netlify's "/tech/*" matches every path that starts with "/tech"
	// ("/tech-jobs/", "/technik.html"), so a folder whose name starts
	// another top-level name gets no rule of its own.
	names := append([]string{"assets"}, rootFiles...)
	names = append(names, folders...)
	for _, f := range folders {
		p := "/" + f + "/*"
		if f == "assets" || seen[p] || slices.ContainsFunc(names, func(n string) bool {
			return len(n) > len(f) && strings.EqualFold(n[:len(f)], f)
		}) {
			continue
		}
		seen[p] = true
		revalidate(p)
	}
	return rules
}

// FormatHeaders returns rules as the _headers file, a blank line between
// rules. Detach lines are left out.
func FormatHeaders(rules []HeaderRule) File {
	var b strings.Builder
	b.WriteString("# Response headers for Netlify and Cloudflare Pages, written by the build.\n")
	b.WriteString("# Change them in layouts/_headers (see README.md, \"Response headers\").\n")
	for _, r := range rules {
		b.WriteString("\n" + r.Path + "\n")
		for _, h := range r.Headers {
			if !h.Detach {
				b.WriteString("  " + h.Name + ": " + h.Value + "\n")
			}
		}
	}
	return File{Path: HeadersName, Data: []byte(b.String())}
}

// ParseHeaders reads a _headers file in the syntax both hosts read (see
// above), stricter than either, so that what it accepts means the same on
// both: a path line starts at the first column with "/" and has no white
// space, no "//" (Netlify reads it as "/"), no "?" or "#", at most one "*" and well-formed placeholders, each
// once; every other line that is not blank or a comment ("#" first) is
// indented and is "Name: value" (a header name and a value that is not
// empty) or "! Name"; every rule has at least one header, and no path has
// two rules. Every problem is reported at file:line:column; the rules come
// back only when there is none.
func ParseHeaders(file string, data []byte) ([]HeaderRule, diag.List) {
	var (
		rules []HeaderRule
		errs  diag.List
		first = map[string]int{} // path -> line of its rule
	)
	at := func(line int, s string, byteOff int) diag.Position {
		return diag.Position{Path: file, Line: line, Column: utf8.RuneCountInString(s[:byteOff]) + 1}
	}
	noHeaders := func() {
		if n := len(rules); n > 0 && len(rules[n-1].Headers) == 0 {
			errs.Add(diag.Position{Path: file, Line: rules[n-1].Line, Column: 1}, diag.HeadersNoHeader, rules[n-1].Path)
		}
	}
	// placeholder stands for a header line with a problem, so that its
	// rule is not reported as setting no header too.
	placeholder := func(n int, line string) {
		if len(rules) > 0 && (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) {
			rules[len(rules)-1].Headers = append(rules[len(rules)-1].Headers, Header{Line: n, Column: 1})
		}
	}
	text := strings.TrimPrefix(string(data), "\uFEFF")
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		line = strings.TrimSuffix(line, "\r")
		if !utf8.ValidString(line) {
			bad := 0
			for bad < len(line) {
				r, size := utf8.DecodeRuneInString(line[bad:])
				if r == utf8.RuneError && size == 1 {
					break
				}
				bad += size
			}
			errs.Add(at(n, line, bad), diag.HeadersNotUTF8)
			placeholder(n, line)
			continue
		}
		if j := strings.IndexFunc(line, func(c rune) bool { return c != '\t' && (c < ' ' || c == 0x7f || (c >= 0x80 && c < 0xa0)) }); j >= 0 {
			c, _ := utf8.DecodeRuneInString(line[j:])
			errs.Add(at(n, line, j), diag.ControlCharacter, c)
			placeholder(n, line)
			continue
		}
		body := strings.TrimLeft(line, " \t")
		if body == "" || strings.TrimSpace(body) == "" || strings.HasPrefix(body, "#") {
			continue
		}
		indent := len(line) - len(body)
		body = strings.TrimRight(body, " \t")
		if indent == 0 && !strings.HasPrefix(body, "/") && len(rules) > 0 {
			// Most likely a header line that lost its indent: reported,
			// and counted as a header of the rule above.
			errs.Add(at(n, line, 0), diag.HeadersPathSlash, body)
			rules[len(rules)-1].Headers = append(rules[len(rules)-1].Headers, Header{Line: n, Column: 1})
			continue
		}
		if indent == 0 {
			noHeaders()
			if p := checkHeaderPath(body); p.msg != (diag.Message{}) {
				errs.Add(at(n, line, p.off), p.msg, p.args...)
				// The rule is kept, so that its headers are not reported as
				// lines before any path.
			} else if prev, ok := first[body]; ok {
				errs.Add(at(n, line, 0), diag.HeadersRuleTwice, body, prev)
			} else {
				first[body] = n
			}
			rules = append(rules, HeaderRule{Path: body, Line: n})
			continue
		}
		if len(rules) == 0 {
			errs.Add(at(n, line, indent), diag.HeadersBeforePath)
			continue
		}
		h := Header{Line: n, Column: utf8.RuneCountInString(line[:indent]) + 1}
		if rest, ok := strings.CutPrefix(body, "!"); ok {
			h.Detach = true
			h.Name = strings.TrimLeft(rest, " \t")
			if !isToken(h.Name) {
				errs.Add(at(n, line, indent), diag.HeadersBadName, h.Name)
				placeholder(n, line)
				continue
			}
		} else {
			name, value, ok := strings.Cut(body, ":")
			h.Name, h.Value = strings.TrimRight(name, " \t"), strings.TrimSpace(value)
			switch {
			case !ok:
				errs.Add(at(n, line, indent), diag.HeadersWantColon, body)
				placeholder(n, line)
				continue
			case !isToken(h.Name):
				errs.Add(at(n, line, indent), diag.HeadersBadName, h.Name)
				placeholder(n, line)
				continue
			case h.Value == "":
				errs.Add(at(n, line, indent), diag.HeadersNoValue, h.Name)
				placeholder(n, line)
				continue
			}
		}
		rules[len(rules)-1].Headers = append(rules[len(rules)-1].Headers, h)
	}
	noHeaders()
	if errs.HasErrors() {
		return nil, errs
	}
	return rules, errs
}

// pathProblem is what is wrong with a path, and at which byte of it.
type pathProblem struct {
	msg  diag.Message
	args []any
	off  int
}

var placeholderName = regexp.MustCompile(`^:[A-Za-z][A-Za-z0-9_]*$`)

func checkHeaderPath(p string) pathProblem {
	if !strings.HasPrefix(p, "/") {
		return pathProblem{msg: diag.HeadersPathSlash, args: []any{p}}
	}
	if i := strings.IndexAny(p, " \t"); i >= 0 {
		return pathProblem{msg: diag.HeadersPathSpace, off: i}
	}
	if i := strings.Index(p, "//"); i >= 0 {
		return pathProblem{msg: diag.HeadersPathEmptySegment, off: i + 1}
	}
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		return pathProblem{msg: diag.HeadersPathQuery, args: []any{p[i : i+1]}, off: i}
	}
	if i := strings.Index(p, "*"); i >= 0 {
		if j := strings.Index(p[i+1:], "*"); j >= 0 {
			return pathProblem{msg: diag.HeadersTwoSplats, off: i + 1 + j}
		}
	}
	names := map[string]bool{}
	off := 0
	for seg := range strings.SplitSeq(p, "/") {
		if strings.HasPrefix(seg, ":") {
			if !placeholderName.MatchString(seg) || names[seg] {
				return pathProblem{msg: diag.HeadersBadPlaceholder, args: []any{seg}, off: off}
			}
			names[seg] = true
		}
		off += len(seg) + 1
	}
	return pathProblem{}
}

// isToken reports whether s is a header name: an HTTP token (RFC 9110,
// 5.6.2).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// HeaderMatcher tells which rules match a request path, as Netlify matches
// them (packages/headers-parser/src/for_regexp.ts in netlify/build): a
// path's segments (empty ones dropped) each become a pattern, ":name" one
// segment, "*" alone the rest of the path (or nothing), "*" in a segment
// any characters; the whole matches case-insensitively, with or without a
// final "/". Cloudflare Pages matches the patterns the build writes the
// same way.
type HeaderMatcher struct {
	rules []HeaderRule
	res   []*regexp.Regexp
}

// NewHeaderMatcher returns the matcher of rules, which ParseHeaders
// accepted or the build made.
func NewHeaderMatcher(rules []HeaderRule) *HeaderMatcher {
	m := &HeaderMatcher{rules: rules, res: make([]*regexp.Regexp, len(rules))}
	for i, r := range rules {
		m.res[i] = pathRegexp(r.Path)
	}
	return m
}

func pathRegexp(p string) *regexp.Regexp {
	var parts []string
	for seg := range strings.SplitSeq(p, "/") {
		seg = strings.TrimRight(seg, " \t")
		switch {
		case seg == "":
			continue
		case strings.HasPrefix(seg, ":"):
			parts = append(parts, `([^/]+)`)
		case seg == "*":
			parts = append(parts, `?(.*)`)
		default:
			pieces := strings.Split(seg, "*")
			for i, s := range pieces {
				pieces[i] = regexp.QuoteMeta(s)
			}
			parts = append(parts, strings.Join(pieces, `(.*)`))
		}
	}
	return regexp.MustCompile(`(?is)^/` + strings.Join(parts, "/") + `/?$`)
}

// Match reports whether rule i matches the request path urlPath.
func (m *HeaderMatcher) Match(i int, urlPath string) bool { return m.res[i].MatchString(urlPath) }

// MergeHeaders applies the rules of layouts/_headers (user, read from
// file) to the build's rules (built):
//
//   - a rule with the path of one of the build's rules changes that rule,
//     line by line: "Name: value" replaces the build's header of that name
//     (any case) in its place, or is added after the build's headers when
//     the build sets none, and a second line of the same name adds a value;
//     "! Name" drops the header (a warning when the build sets none);
//   - a rule with any other path is added after the build's rules, as it
//     is written; a "!" line in it is an error (only Cloudflare would read
//     it, and the build writes a file both hosts read alike).
//
// A rule of the build left with no header is not written.
func MergeHeaders(built, user []HeaderRule, file string) ([]HeaderRule, diag.List) {
	var errs diag.List
	out := make([]HeaderRule, len(built))
	index := map[string]int{}
	for i, r := range built {
		out[i] = HeaderRule{Path: r.Path, Line: r.Line, Headers: append([]Header(nil), r.Headers...)}
		index[r.Path] = i
	}
	var paths []string
	for _, r := range built {
		paths = append(paths, r.Path)
	}
	for _, u := range user {
		i, ok := index[u.Path]
		if !ok {
			for _, h := range u.Headers {
				if h.Detach {
					errs.Add(diag.Position{Path: file, Line: h.Line, Column: h.Column}, diag.HeadersDetachElsewhere, h.Name, u.Path, strings.Join(paths, " "))
				}
			}
			out = append(out, u)
			continue
		}
		r := &out[i]
		replaced := map[string]bool{}
		for _, h := range u.Headers {
			key := strings.ToLower(h.Name)
			switch {
			case h.Detach:
				kept := r.Headers[:0]
				for _, old := range r.Headers {
					if strings.ToLower(old.Name) != key {
						kept = append(kept, old)
					}
				}
				if len(kept) == len(r.Headers) && !replaced[key] {
					errs.Warn(diag.Position{Path: file, Line: h.Line, Column: h.Column}, diag.HeadersDetachNothing, h.Name, u.Path)
				}
				r.Headers = kept
				replaced[key] = true
			case !replaced[key]:
				replaced[key] = true
				at := -1
				kept := r.Headers[:0]
				for _, old := range r.Headers {
					switch {
					case strings.ToLower(old.Name) != key:
						kept = append(kept, old)
					case at < 0:
						at = len(kept)
						kept = append(kept, h)
					}
				}
				r.Headers = kept
				if at < 0 {
					r.Headers = append(r.Headers, h)
				}
			default:
				r.Headers = append(r.Headers, h)
			}
		}
	}
	kept := out[:0]
	for _, r := range out {
		if len(r.Headers) > 0 {
			kept = append(kept, r)
		}
	}
	return kept, errs
}

// HeaderOverlap is a header set by two rules for one request path: the
// hosts then send both values joined by ", " (and of two
// Content-Security-Policy values, a browser applies both).
type HeaderOverlap struct {
	Header  Header // the line of layouts/_headers
	Rule    string // its rule's path
	Other   string // the other rule's path
	Example string // a request path both match
}

// HeaderOverlaps returns, for each header of rules read from a file (one
// with a Line), each other rule that sets it to another value for one of
// urlPaths, the paths of the files the build writes. The build's own rules never overlap
// (DefaultHeaderRules); only paths that may are looked at.
func HeaderOverlaps(rules []HeaderRule, urlPaths []string) []HeaderOverlap {
	m := NewHeaderMatcher(rules)
	matched := make([][]bool, len(rules)) // rule -> which urlPaths it matches, once needed
	matches := func(i int) []bool {
		if matched[i] == nil {
			matched[i] = make([]bool, len(urlPaths))
			for k, p := range urlPaths {
				matched[i][k] = m.Match(i, p)
			}
		}
		return matched[i]
	}
	var out []HeaderOverlap
	for i, r := range rules {
		seen := map[string]bool{}
		for _, h := range r.Headers {
			key := strings.ToLower(h.Name)
			if h.Line == 0 || h.Detach || seen[key] {
				continue
			}
			seen[key] = true
			for j, o := range rules {
				if j == i {
					continue
				}
				// The same value twice means the same whichever way a
				// host combines them.
				if v, ok := o.Sets(h.Name); !ok || v == h.Value {
					continue
				}
				a, b := matches(i), matches(j)
				for k := range urlPaths {
					if a[k] && b[k] {
						out = append(out, HeaderOverlap{Header: h, Rule: r.Path, Other: o.Path, Example: urlPaths[k]})
						break
					}
				}
			}
		}
	}
	return out
}

// LongLine is a line of the written _headers longer than MaxHeaderLine:
// its length in characters, and where it was read from (0: the build made
// it).
type LongLine struct{ Line, Chars int }

// CheckHeaderLimits returns what Cloudflare Pages would not read of rules:
// whether there are more than MaxHeaderRules rules, and each line longer
// than MaxHeaderLine characters as FormatHeaders writes it.
func CheckHeaderLimits(rules []HeaderRule) (tooMany bool, long []LongLine) {
	for _, r := range rules {
		if n := utf8.RuneCountInString(r.Path); n > MaxHeaderLine {
			long = append(long, LongLine{Line: r.Line, Chars: n})
		}
		for _, h := range r.Headers {
			if n := 2 + utf8.RuneCountInString(h.Name) + 2 + utf8.RuneCountInString(h.Value); !h.Detach && n > MaxHeaderLine {
				long = append(long, LongLine{Line: h.Line, Chars: n})
			}
		}
	}
	return len(rules) > MaxHeaderRules, long
}
