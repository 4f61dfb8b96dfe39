package output

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Redirect is one permanent redirect, from an old path to the page that
// replaced it. From is a site-relative path as it appears in URLs, starting
// with "/"; To is such a path or an absolute http(s) URL.
type Redirect struct {
	From, To string
}

// RedirectWays says how the aliases of a site deployed to host (site.yaml's
// host) answer: from a rules file (_redirects) and/or from a redirect page
// at the alias path (a canonical link and a meta refresh). Each host reads
// its rules differently, so no one file gives a 301 on all of them:
//
//   - Netlify serves a file that exists at a rule's path instead of
//     applying the rule, unless the rule is forced with "301!" ("Shadowing",
//     https://docs.netlify.com/manage/routing/redirects/rewrites-proxies/#shadowing).
//   - Cloudflare Pages always applies its rules, "regardless of whether or
//     not an asset matches the incoming request", but its parser refuses
//     any status but 200, 301, 302, 303, 307 and 308, so "301!" drops the
//     rule (https://developers.cloudflare.com/pages/configuration/redirects/).
//   - GitHub Pages and S3 static website hosting read no rules file: only
//     a page at the alias path can redirect there.
//
// So for netlify and cloudflare-pages the rules file is written with plain
// 301 rules and no page at any alias path, which both hosts answer with a
// 301; for github-pages and s3 only the pages are written. A site that
// names no host gets both: a 301 on Cloudflare Pages, a redirect page
// elsewhere.
func RedirectWays(host string) (rulesFile, pages bool) {
	switch host {
	case "netlify", "cloudflare-pages":
		return true, false
	case "github-pages", "s3":
		return false, true
	}
	return true, true
}

// Redirects returns _redirects in the Netlify / Cloudflare Pages format, one
// rule a line, sorted by From, each a 301:
//
//	/jobs/backend-developer/ /tech-development/backend-entwickler/ 301
//
// A rule listed twice is written once. An empty path, a From that does not
// start with "/", a To that is neither a path nor an http(s) URL, white
// space or control characters, a rule to itself, or one From with two
// different targets is an error.
func Redirects(rules []Redirect) (File, error) {
	s := append([]Redirect(nil), rules...)
	sort.Slice(s, func(i, j int) bool {
		if s[i].From != s[j].From {
			return s[i].From < s[j].From
		}
		return s[i].To < s[j].To
	})
	var errs []error
	var b strings.Builder
	for i, r := range s {
		if i > 0 && s[i-1] == r {
			continue
		}
		if err := checkRedirect(r); err != nil {
			errs = append(errs, fmt.Errorf("redirect %q -> %q: %w", r.From, r.To, err))
			continue
		}
		if i > 0 && s[i-1].From == r.From {
			errs = append(errs, fmt.Errorf("redirect %q: two targets, %q and %q", r.From, s[i-1].To, r.To))
			continue
		}
		b.WriteString(r.From + " " + r.To + " 301\n")
	}
	if len(errs) > 0 {
		return File{}, joinCapped(errs)
	}
	return File{Path: "_redirects", Data: []byte(b.String())}, nil
}

func checkRedirect(r Redirect) error {
	for _, p := range []string{r.From, r.To} {
		if strings.IndexFunc(p, func(c rune) bool { return c <= ' ' || c == 0x7f }) >= 0 {
			return errors.New("white space or control character")
		}
	}
	switch {
	case !strings.HasPrefix(r.From, "/"):
		return errors.New(`from must start with "/"`)
	case !strings.HasPrefix(r.To, "/") && !strings.HasPrefix(r.To, "https://") && !strings.HasPrefix(r.To, "http://"):
		return errors.New(`to must start with "/" or be an http(s) URL`)
	case r.From == r.To:
		return errors.New("redirects to itself")
	}
	return nil
}

// Robots returns robots.txt: it allows every crawler everywhere and names
// the sitemap under baseURL (a missing final slash is added).
func Robots(baseURL string) File {
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	return File{Path: "robots.txt", Data: []byte("User-agent: *\nAllow: /\n\nSitemap: " + baseURL + "sitemap.xml\n")}
}
