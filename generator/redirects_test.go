package generator

import (
	"bufio"
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"rolesite/internal/testtree"
)

// hostHandler answers from dir as host does, by each host's documentation
// (the citations are beside output.RedirectWays): Netlify applies a rule of
// _redirects only where no file exists at its path, unless the rule is
// forced with "!"; Cloudflare Pages always applies its rules but drops a
// rule whose status is not a number it permits; GitHub Pages and S3 read
// no rules file and serve files only.
func hostHandler(t *testing.T, host, dir string) http.Handler {
	t.Helper()
	type rule struct {
		to     string
		status int
		forced bool
	}
	rules := map[string]rule{}
	if host == "netlify" || host == "cloudflare-pages" {
		if raw, err := os.ReadFile(filepath.Join(dir, "_redirects")); err == nil {
			sc := bufio.NewScanner(bytes.NewReader(raw))
			for sc.Scan() {
				f := strings.Fields(sc.Text())
				if len(f) != 3 || strings.HasPrefix(f[0], "#") {
					continue
				}
				code, forced := f[2], false
				if host == "netlify" {
					code, forced = strings.CutSuffix(code, "!")
				}
				status, err := strconv.Atoi(code)
				if err != nil || !slices.Contains([]int{301, 302, 303, 307, 308}, status) {
					continue // Cloudflare: "Valid status codes are ..."; the rule is skipped
				}
				if _, seen := rules[f[0]]; !seen {
					rules[f[0]] = rule{f[1], status, forced || host == "cloudflare-pages"}
				}
			}
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		file := filepath.Join(dir, filepath.FromSlash(req.URL.Path))
		if strings.HasSuffix(req.URL.Path, "/") {
			file = filepath.Join(file, "index.html")
		}
		data, err := os.ReadFile(file)
		r, hasRule := rules[req.URL.Path]
		if hasRule && (r.forced || err != nil) {
			http.Redirect(w, req, r.to, r.status)
			return
		}
		if err != nil {
			http.NotFound(w, req)
			return
		}
		w.Write(data)
	})
}

// TestAliasRedirectsPerHost builds the fixture, whose Backend-Entwickler has
// the alias /jobs/backend-developer/, with each value of site.yaml's host,
// and asks each host for the alias: the host the site names answers with a
// 301 where it reads a rules file, else with the redirect page (a canonical
// link and a meta refresh to the role).
func TestAliasRedirectsPerHost(t *testing.T) {
	const alias, target = "/jobs/backend-developer/", "/tech/backend-entwickler/"
	hosts := []string{"netlify", "cloudflare-pages", "github-pages", "s3"}
	// What each host answers for the alias of a site built for siteHost.
	want := map[string]map[string]string{
		"netlify":          {"netlify": "301", "cloudflare-pages": "301", "github-pages": "404", "s3": "404"},
		"cloudflare-pages": {"netlify": "301", "cloudflare-pages": "301", "github-pages": "404", "s3": "404"},
		"github-pages":     {"netlify": "page", "cloudflare-pages": "page", "github-pages": "page", "s3": "page"},
		"s3":               {"netlify": "page", "cloudflare-pages": "page", "github-pages": "page", "s3": "page"},
		// No host named: the rules file and the pages. Netlify serves the
		// page, which shadows the rule; Cloudflare Pages applies the rule.
		"": {"netlify": "page", "cloudflare-pages": "301", "github-pages": "page", "s3": "page"},
	}
	for _, siteHost := range append([]string{""}, hosts...) {
		t.Run("host="+siteHost, func(t *testing.T) {
			cfg := fixture(t)
			if siteHost != "" {
				site := filepath.Join(cfg.ContentDir, "site.yaml")
				if err := os.WriteFile(site, []byte(testtree.Read(t, site)+"host: "+siteHost+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			mustBuild(t, cfg)
			for _, host := range hosts {
				rec := httptest.NewRecorder()
				hostHandler(t, host, cfg.OutDir).ServeHTTP(rec, httptest.NewRequest("GET", alias, nil))
				got := strconv.Itoa(rec.Code)
				body := rec.Body.String()
				switch {
				case rec.Code == http.StatusMovedPermanently && rec.Header().Get("Location") != target:
					got = "301 to " + rec.Header().Get("Location")
				case rec.Code == http.StatusOK && strings.Contains(body, `<link rel="canonical" href="https://jobs.test.example`+target+`">`) &&
					strings.Contains(body, `http-equiv="refresh" content="0; url=`+target+`"`):
					got = "page"
				}
				if got != want[siteHost][host] {
					t.Errorf("%s answers %s for %s, want %s", host, got, alias, want[siteHost][host])
				}
			}
		})
	}
}
