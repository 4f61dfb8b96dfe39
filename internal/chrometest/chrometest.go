// Package chrometest starts headless Chromium for the end-to-end tests
// (build tag e2e), driven over the DevTools protocol with chromedp. A
// missing browser fails the test, never skips it.
//
// CHROME_PATH names the browser binary; the default is /usr/bin/chromium
// (Debian's chromium package).
package chrometest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Path returns the browser binary, failing t when it is not there.
func Path(t testing.TB) string {
	t.Helper()
	p := os.Getenv("CHROME_PATH")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("the e2e test needs Chromium at %s (apt-get install chromium, or set CHROME_PATH): %v", p, err)
	}
	return p
}

// Start starts a headless Chromium with a fresh profile, waits at most
// wait for it, and returns a tab that runs initScript (when not empty) in
// every document before the document's own scripts. The browser is gone
// when the test's cleanups run.
func Start(t testing.TB, wait time.Duration, initScript string) context.Context {
	t.Helper()
	path := Path(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	// Cleanups run last in, first out: the browser ends before the
	// temporary folders are removed.
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	start, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	// The first action starts the browser; it must not carry the timeout,
	// or the browser would end with it: start it with no actions first.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("starting %s: %v", path, err)
		}
	case <-start.Done():
		t.Fatalf("%s did not start within %s", path, wait)
	}
	if initScript != "" {
		if _, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: initScript}); err != nil {
			t.Fatal(err)
		}
	}
	return ctx
}
