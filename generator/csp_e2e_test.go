//go:build e2e

package generator

// The end-to-end test of the response headers: the sample site, served with
// the headers of its _headers file as Netlify applies them, in headless
// Chromium (Debian's chromium), driven over the DevTools protocol with
// chromedp. It runs only with the e2e build tag, and then it fails, never
// skips, when the browser is missing:
//
//	go test -tags e2e -run E2E ./generator/
//
// CHROME_PATH names another browser binary; the default is /usr/bin/chromium.

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rolesite/generator/output"
	"rolesite/internal/chrometest"
)

// cspWait bounds each wait for the browser.
const cspWait = 30 * time.Second

// hostServer serves dir on 127.0.0.1 as Netlify serves a published folder:
// "/a/" is a/index.html, a missing file is 404.html with status 404, and
// _headers and _redirects are not served. Every response gets the headers
// of the rules of dir/_headers that match its path (read with the build's
// parser, matched as Netlify matches them). extra are pages served at
// their paths besides the folder's files.
func hostServer(t *testing.T, dir string, extra map[string]string) *httptest.Server {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, output.HeadersName))
	if err != nil {
		t.Fatalf("the build wrote no _headers: %v", err)
	}
	rules, errs := output.ParseHeaders(output.HeadersName, raw)
	if len(errs) > 0 {
		t.Fatalf("the _headers the build wrote does not parse:\n%v", errs)
	}
	m := output.NewHeaderMatcher(rules)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean(r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
			p += "/"
		}
		file := strings.TrimPrefix(p, "/")
		if file == "" || strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		status := http.StatusOK
		data, ok := []byte(extra[p]), extra[p] != ""
		if !ok {
			var err error
			data, err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
			if err != nil || file == output.HeadersName || file == "_redirects" || strings.HasPrefix(path.Base(file), output.ReservedPrefix) {
				status, file = http.StatusNotFound, "404.html"
				if data, err = os.ReadFile(filepath.Join(dir, file)); err != nil {
					http.Error(w, err.Error(), http.StatusInternalServerError)
					return
				}
			}
		}
		// Every matching rule's headers; one that two rules set gets both
		// values, as Cloudflare Pages sends it (the build's rules never
		// set one twice for a path).
		for i, rule := range rules {
			if m.Match(i, r.URL.Path) {
				for _, h := range rule.Headers {
					w.Header().Add(h.Name, h.Value)
				}
			}
		}
		for name, vals := range w.Header() {
			w.Header()[name] = []string{strings.Join(vals, ", ")}
		}
		ct := mime.TypeByExtension(path.Ext(file))
		if ok {
			ct = "text/html; charset=utf-8"
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(status)
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// cspListener runs in every document before its scripts: it reports each
// Content-Security-Policy violation to the test (window.cspViolation,
// exposed by the test) and keeps it in window.__csp.
const cspListener = `(function () {
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", function (e) {
    var v = {directive: e.effectiveDirective, blocked: e.blockedURI, document: e.documentURI,
      source: e.sourceFile, line: e.lineNumber, sample: e.sample};
    window.__csp.push(v);
    if (window.cspViolation) { window.cspViolation(v); }
  });
})();`

// cspViolation is one securitypolicyviolation event.
type cspViolation struct {
	Directive string `json:"directive"`
	Blocked   string `json:"blocked"`
	Document  string `json:"document"`
	Source    string `json:"source"`
	Line      int    `json:"line"`
	Sample    string `json:"sample"`
}

// cspBrowser is a headless Chromium tab that records what the pages it
// loads report: CSP violations (as events, and as the browser logs them)
// and other errors in the browser log.
type cspBrowser struct {
	ctx        context.Context
	mu         sync.Mutex
	violations []cspViolation
	log        []chromedp.ConsoleMessage
}

func startCSPBrowser(t *testing.T) *cspBrowser {
	t.Helper()
	ctx := chrometest.Start(t, cspWait, cspListener)
	b := &cspBrowser{ctx: ctx}
	err := chromedp.Do(ctx, chromedp.ExposeFunc("cspViolation", func(_ context.Context, v cspViolation) (chromedp.Void, error) {
		b.mu.Lock()
		defer b.mu.Unlock()
		b.violations = append(b.violations, v)
		return chromedp.Void{}, nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.log = append(b.log, m)
			b.mu.Unlock()
		}
	}()
	return b
}

// load opens url, waits until the page (and the page a redirect page
// sends the browser on to, whose path is then wantPath) has loaded and
// the browser reports nothing new, and returns the document's response
// headers, what the page reported and the browser logged meanwhile.
func (b *cspBrowser) load(t *testing.T, url, wantPath string) (http.Header, []cspViolation, []chromedp.ConsoleMessage) {
	t.Helper()
	b.mu.Lock()
	b.violations, b.log = nil, nil
	b.mu.Unlock()
	ctx, cancel := context.WithTimeout(b.ctx, cspWait)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	header := http.Header{}
	for k, v := range resp.Headers {
		header.Set(k, fmt.Sprint(v))
	}
	// Ready: the document is the one wanted, loaded, with its stylesheet
	// and images; then nothing new for a while.
	ready := fmt.Sprintf(`location.pathname === %q && document.readyState === "complete" &&
		[...document.images].every(i => i.complete)`, wantPath)
	// An evaluation fails while a redirect page hands over to the next
	// document; the next one runs in it.
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+ready+")"))
		if err == nil && ok {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("%s: never showed %s loaded (last error: %v)", url, wantPath, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	last, quiet := -1, 0
	for quiet < 5 {
		time.Sleep(100 * time.Millisecond)
		b.mu.Lock()
		n := len(b.violations) + len(b.log)
		b.mu.Unlock()
		if n == last {
			quiet++
		} else {
			last, quiet = n, 0
		}
	}
	inPage, err := chromedp.Run(ctx, chromedp.Evaluate[[]cspViolation](`window.__csp || []`))
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	violations := append([]cspViolation(nil), b.violations...)
	if len(inPage) > len(violations) { // reported before the binding was there
		violations = inPage
	}
	return header, violations, append([]chromedp.ConsoleMessage(nil), b.log...)
}

// TestE2ECSP builds the sample site, serves it with its _headers applied
// and loads every kind of page in Chromium: each is served with the
// build's Content-Security-Policy, X-Content-Type-Options and
// Referrer-Policy, shows its stylesheet and images, and reports no CSP
// violation and no other error. A page with an inline script, an inline
// style, a style attribute and an image from an http host must report a
// violation of each, or the test could not fail.
func TestE2ECSP(t *testing.T) {
	cfg, _, site := buildSample(t)
	if site.Host != "" {
		t.Fatalf("the sample site sets host: %s; the test wants redirect pages and _headers both", site.Host)
	}
	const canaryPath = "/__csp-canary/"
	css := ""
	for _, a := range []string{"style", "favicon"} {
		matches, _ := filepath.Glob(filepath.Join(cfg.OutDir, "assets", a+".*"))
		if len(matches) != 1 {
			t.Fatalf("assets %s: %v", a, matches)
		}
		if a == "style" {
			css = "/assets/" + filepath.Base(matches[0])
		}
	}
	canary := `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>canary</title>
<link rel="stylesheet" href="` + css + `">
<style>body { color: red }</style>
</head><body><p style="color: blue">canary</p>
<script>document.title = "ran";</script>
<img src="http://127.0.0.2:9/x.png" alt="">
</body></html>`
	srv := hostServer(t, cfg.OutDir, map[string]string{canaryPath: canary})
	b := startCSPBrowser(t)

	var open, closed, alias, aliasTarget string
	for _, r := range site.Roles {
		switch {
		case r.Closed(fixtureNow) && closed == "":
			closed = r.URLPath()
		case r.Open(fixtureNow) && open == "":
			open = r.URLPath()
		}
		if len(r.Aliases) > 0 && alias == "" {
			alias, aliasTarget = r.Aliases[0], r.URLPath()
		}
	}
	if open == "" || closed == "" || alias == "" {
		t.Fatalf("the sample site lacks an open role (%q), a closed one (%q) or an alias (%q)", open, closed, alias)
	}
	pages := []struct{ kind, path, lands string }{
		{"home", "/", "/"},
		{"category", "/" + site.Categories[0].Key + "/", "/" + site.Categories[0].Key + "/"},
		{"open role", open, open},
		{"closed role", closed, closed},
		{"redirect page", alias, aliasTarget},
		{"404", "/gibt-es-nicht/", "/gibt-es-nicht/"},
	}
	for _, p := range pages {
		t.Run(p.kind, func(t *testing.T) {
			header, violations, log := b.load(t, srv.URL+p.path, p.lands)
			for name, want := range map[string]string{
				"Content-Security-Policy": output.CSP,
				"X-Content-Type-Options":  "nosniff",
				"Referrer-Policy":         output.ReferrerPolicy,
			} {
				if got := header.Get(name); got != want {
					t.Errorf("%s: %s %q, want %q", p.path, name, got, want)
				}
			}
			for _, v := range violations {
				t.Errorf("%s: CSP violation: %+v", p.path, v)
			}
			for _, m := range log {
				// The 404 page's own status is logged as a failed load.
				if p.kind == "404" && m.Source == "network" && strings.Contains(m.Text, "404") && strings.HasSuffix(m.URL, p.path) {
					continue
				}
				if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.Source == "security" || m.Source == "violation" {
					t.Errorf("%s: the browser logged %s (source %q, %s)", p.path, m, m.Source, m.URL)
				}
			}
			styled, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.styleSheets.length > 0 && document.styleSheets[0].cssRules.length > 10`))
			if err != nil || !styled {
				t.Errorf("%s: the stylesheet did not load (%v)", p.path, err)
			}
		})
	}

	t.Run("canary", func(t *testing.T) {
		_, violations, log := b.load(t, srv.URL+canaryPath, canaryPath)
		seen := map[string]bool{}
		for _, v := range violations {
			seen[v.Directive] = true
		}
		for _, d := range []string{"script-src-elem", "style-src-elem", "style-src-attr", "img-src"} {
			if !seen[d] {
				t.Errorf("the canary page reported no %s violation; it reported %+v", d, violations)
			}
		}
		logged := false
		for _, m := range log {
			if strings.Contains(m.Text, "Content Security Policy") {
				logged = true
			}
		}
		if !logged {
			t.Errorf("the browser logged no CSP violation for the canary page: %v", log)
		}
		title, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.title`))
		if err != nil || title != "canary" {
			t.Errorf("the canary's inline script ran: title %q (%v)", title, err)
		}
	})
}
