//go:build e2e

package dev

// The end-to-end test of live reload in a real browser: headless Chromium
// (Debian's chromium), driven over the DevTools protocol with chromedp.
// It runs only with the e2e build tag, and then it fails, never skips, when
// the browser is missing:
//
//	go test -tags e2e -run E2E ./generator/
//
// CHROME_PATH names another browser binary; the default is /usr/bin/chromium.

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rolesite/internal/chrometest"
	"rolesite/internal/testtree"
)

// e2eWait bounds each wait for the browser to show something.
const e2eWait = 30 * time.Second

// trackEventSource runs in every document before its scripts: it keeps the
// page's EventSource in window.__rolesiteEvents, so that the test can see
// when the live-reload stream is open (the server subscribes a browser
// before it answers, so from then on no rebuild is missed). It changes
// nothing else.
const trackEventSource = `(function () {
  var ES = window.EventSource;
  if (!ES || ES.rolesiteTracked) { return; }
  function Tracked(url, opts) {
    var s = new ES(url, opts);
    window.__rolesiteEvents = s;
    return s;
  }
  Tracked.prototype = ES.prototype;
  Tracked.CONNECTING = 0; Tracked.OPEN = 1; Tracked.CLOSED = 2;
  Tracked.rolesiteTracked = true;
  window.EventSource = Tracked;
})();`

// startBrowser starts a headless Chromium with a fresh profile and returns
// a tab that tracks the page's EventSource. The browser is gone when the
// test's cleanups run.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	return chrometest.Start(t, e2eWait, trackEventSource)
}

// waitPage polls a JavaScript condition in the tab until it is true. It
// survives the page reloading under it (an evaluation then fails, and the
// next one runs in the new page).
func waitPage(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(e2eWait)
	var lastErr error
	for {
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		ok, err := chromedp.Run(actx, chromedp.Evaluate[bool]("!!("+cond+")"))
		cancel()
		if err == nil && ok {
			return
		}
		lastErr = err
		if time.Now().After(deadline) {
			text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
			t.Fatalf("%s: not within %s (last error: %v)\npage text:\n%s", what, e2eWait, lastErr, text)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestE2ELiveReload opens a role page from the dev server, edits the role's
// Markdown file and sees the page change without reloading it by hand;
// breaks the file and sees the error overlay with path:line:col; fixes it
// and sees the page again, without the overlay.
func TestE2ELiveReload(t *testing.T) {
	cfg := fixture(t)
	d := startDev(t, cfg, true)
	ctx := startBrowser(t)

	if err := chromedp.Do(ctx, chromedp.Navigate(d.url+editedPage)); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, "the role page", `document.querySelector("h1") && document.querySelector("h1").textContent.includes("Key Account Manager")`)
	connected := `window.__rolesiteEvents && window.__rolesiteEvents.readyState === 1`
	waitPage(t, ctx, "the live-reload stream", connected)
	// Marks this document: a reload, which only the live-reload script
	// makes here, starts a new one without the mark.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.__rolesiteFirst = true`)); err != nil {
		t.Fatal(err)
	}

	// 1. An edit appears.
	p := filepath.Join(cfg.ContentDir, editedRole)
	good := testtree.Read(t, p)
	devWriteFile(t, p, good+"\nDieser Satz kam ohne Neuladen von Hand.\n")
	waitPage(t, ctx, "the edited text", `document.body.innerText.includes("Dieser Satz kam ohne Neuladen von Hand.")`)
	waitPage(t, ctx, "a reload by the live-reload script", `window.__rolesiteFirst === undefined`)
	waitPage(t, ctx, "the live-reload stream after the reload", connected)

	// 2. A broken save shows the overlay with the error, over the last
	// good page.
	devWriteFile(t, p, strings.Replace(good, "title:", "titel:", 1))
	wantErr := p + `:2:1: unbekannter Schlüssel "titel" (meinten Sie "title"?)` // the fixture is a German site
	overlay := `document.getElementById("rolesite-build-error")`
	waitPage(t, ctx, "the error overlay", overlay+` && `+overlay+`.textContent.includes(`+jsQuote(wantErr)+`)`)
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](overlay+`.innerText`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("overlay:\n%s", text)
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function (o) { var r = o.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(o).display !== "none"; })(`+overlay+`)`))
	if err != nil || !visible {
		t.Errorf("the overlay is not visible (%v)", err)
	}
	waitPage(t, ctx, "the last good page under the overlay", `document.body.innerText.includes("Dieser Satz kam ohne Neuladen von Hand.")`)

	// 3. The fix reloads the page, without the overlay.
	devWriteFile(t, p, good+"\nWieder gut, ohne Overlay.\n")
	waitPage(t, ctx, "the fixed page", `document.body.innerText.includes("Wieder gut, ohne Overlay.")`)
	waitPage(t, ctx, "no overlay", `!`+overlay)
}

// jsQuote quotes s as a JavaScript string literal.
func jsQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
