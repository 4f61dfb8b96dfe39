package output

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"
)

// URL is one page in the sitemap.
type URL struct {
	// Loc is the page's absolute, percent-encoded URL, the same string as
	// its canonical link; it must start with the site's base URL.
	Loc string
	// LastMod is when the page's content last changed; zero leaves
	// <lastmod> out. Only its UTC date is written.
	LastMod time.Time
}

// Protocol limits of one sitemap file (sitemaps.org).
const (
	MaxSitemapURLs  = 50_000
	MaxSitemapBytes = 52_428_800 // 50 MiB, uncompressed
)

// SitemapConfig sets the limits of one sitemap file. The zero value uses the
// protocol's limits; tests lower them to exercise the split.
type SitemapConfig struct {
	MaxURLs  int // <url> entries per file; 0 means MaxSitemapURLs
	MaxBytes int // bytes per file; 0 means MaxSitemapBytes
}

// Sitemap is SitemapConfig{}.Sitemap: the sitemap with the protocol's limits.
func Sitemap(baseURL string, urls []URL) ([]File, error) {
	return SitemapConfig{}.Sitemap(baseURL, urls)
}

// Sitemap returns sitemap.xml listing urls, sorted by Loc, each Loc once
// (with the newest LastMod given for it). When the URLs do not fit in one
// file of c's limits, sitemap.xml is instead a sitemap index over
// sitemap-1.xml, sitemap-2.xml, ..., which are returned too; each index
// entry's <lastmod> is the newest in its file. baseURL is the site's
// absolute http(s) URL; a missing final slash is added. A Loc that is not
// absolute under baseURL, not percent-encoded, has a fragment or is 2,048
// characters or longer is an error, and so is an empty urls.
func (c SitemapConfig) Sitemap(baseURL string, urls []URL) ([]File, error) {
	base, err := normalizeBase(baseURL)
	if err != nil {
		return nil, fmt.Errorf("sitemap: %w", err)
	}
	entries := sortURLs(urls)
	if len(entries) == 0 {
		return nil, errors.New("sitemap: no URLs")
	}
	var errs []error
	for _, u := range entries {
		if err := checkLoc(base, u.Loc); err != nil {
			errs = append(errs, fmt.Errorf("sitemap: URL %q: %w", u.Loc, err))
		}
	}
	if len(errs) > 0 {
		return nil, joinCapped(errs)
	}

	maxURLs, maxBytes := c.MaxURLs, c.MaxBytes
	if maxURLs <= 0 {
		maxURLs = MaxSitemapURLs
	}
	if maxBytes <= 0 {
		maxBytes = MaxSitemapBytes
	}
	parts, err := splitSitemap(entries, maxURLs, maxBytes)
	if err != nil {
		return nil, fmt.Errorf("sitemap: %w", err)
	}
	if len(parts) == 1 {
		return []File{{Path: "sitemap.xml", Data: parts[0].data}}, nil
	}
	if len(parts) > MaxSitemapURLs {
		return nil, fmt.Errorf("sitemap: %d sitemap files exceed the %d an index may list", len(parts), MaxSitemapURLs)
	}
	files := make([]File, 0, len(parts)+1)
	index := make([]URL, len(parts))
	for i, p := range parts {
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		files = append(files, File{Path: name, Data: p.data})
		index[i] = URL{Loc: base + name, LastMod: p.newest}
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<sitemapindex xmlns="` + sitemapNS + `">` + "\n")
	for _, u := range index {
		writeEntry(&b, "sitemap", u)
	}
	b.WriteString("</sitemapindex>\n")
	return append([]File{{Path: "sitemap.xml", Data: b.Bytes()}}, files...), nil
}

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// sitemapPart is one finished sitemap file.
type sitemapPart struct {
	data   []byte
	newest time.Time // newest LastMod in it; zero when none has one
}

// splitSitemap streams entries into as few <urlset> files as the limits allow.
func splitSitemap(entries []URL, maxURLs, maxBytes int) ([]sitemapPart, error) {
	const (
		header = xml.Header + `<urlset xmlns="` + sitemapNS + `">` + "\n"
		footer = "</urlset>\n"
	)
	var (
		parts []sitemapPart
		cur   *bytes.Buffer
		n     int
		part  sitemapPart
		one   bytes.Buffer
	)
	finish := func() {
		cur.WriteString(footer)
		part.data = cur.Bytes()
		parts = append(parts, part)
	}
	for _, u := range entries {
		one.Reset()
		writeEntry(&one, "url", u)
		if cur != nil && (n == maxURLs || cur.Len()+one.Len()+len(footer) > maxBytes) {
			finish()
			cur = nil
		}
		if cur == nil {
			if len(header)+one.Len()+len(footer) > maxBytes {
				return nil, fmt.Errorf("URL %q does not fit in a sitemap of %d bytes", u.Loc, maxBytes)
			}
			cur, n, part = new(bytes.Buffer), 0, sitemapPart{}
			cur.WriteString(header)
		}
		cur.Write(one.Bytes())
		n++
		if u.LastMod.After(part.newest) {
			part.newest = u.LastMod
		}
	}
	finish()
	return parts, nil
}

// writeEntry writes one <url> or <sitemap> element.
func writeEntry(b *bytes.Buffer, elem string, u URL) {
	b.WriteString("  <" + elem + ">\n    <loc>")
	xml.EscapeText(b, []byte(u.Loc)) // cannot fail on a bytes.Buffer
	b.WriteString("</loc>\n")
	if !u.LastMod.IsZero() {
		b.WriteString("    <lastmod>" + u.LastMod.UTC().Format(time.DateOnly) + "</lastmod>\n")
	}
	b.WriteString("  </" + elem + ">\n")
}

// sortURLs returns urls sorted by Loc, each Loc once with its newest LastMod.
func sortURLs(urls []URL) []URL {
	s := append([]URL(nil), urls...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].Loc < s[j].Loc })
	out := s[:0]
	for _, u := range s {
		if n := len(out); n > 0 && out[n-1].Loc == u.Loc {
			if u.LastMod.After(out[n-1].LastMod) {
				out[n-1].LastMod = u.LastMod
			}
			continue
		}
		out = append(out, u)
	}
	return out
}

// normalizeBase checks that base is an absolute http(s) URL without query or
// fragment and returns it ending in a slash.
func normalizeBase(base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("base URL %q: %w", base, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(base, "#") {
		return "", fmt.Errorf("base URL %q: want an absolute http or https URL without user, query or fragment", base)
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base, nil
}

// Sitemap bounds on <loc> length, in bytes (a valid loc is ASCII).
const (
	minLoc = 12   // sitemap.xsd tLoc minLength
	maxLoc = 2047 // "shorter than 2,048 characters"
)

// checkLoc reports why loc cannot be a sitemap <loc> under base.
func checkLoc(base, loc string) error {
	if !strings.HasPrefix(loc, base) {
		return fmt.Errorf("does not start with the base URL %q", base)
	}
	if len(loc) < minLoc || len(loc) > maxLoc {
		return fmt.Errorf("length %d outside %d..%d", len(loc), minLoc, maxLoc)
	}
	for i := 0; i < len(loc); i++ {
		c := loc[i]
		switch {
		case c <= ' ' || c >= 0x7f || strings.IndexByte(`"<>\^`+"`{|}", c) >= 0:
			return fmt.Errorf("byte %q at %d is not percent-encoded", c, i)
		case c == '#':
			return errors.New("has a fragment")
		case c == '%' && (i+2 >= len(loc) || !isHex(loc[i+1]) || !isHex(loc[i+2])):
			return fmt.Errorf("bad percent escape at %d", i)
		}
	}
	if _, err := url.Parse(loc); err != nil {
		return err
	}
	return nil
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
