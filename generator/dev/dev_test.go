package dev

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"rolesite/generator"
	"rolesite/generator/serve"
	"rolesite/internal/testtree"
)

// Integration tests of Run: the real watcher (fsnotify and debounce), the
// incremental Builder and, with Serve, the dev server and its event stream,
// on a temporary copy of the fixture site. Every test ends by comparing
// public/ with a cold build of the same content.

const (
	devDebounce = 50 * time.Millisecond
	devWait     = 20 * time.Second // longest wait for an expected build (-race on a busy machine)
	// devQuiet is how long a test waits to see that no build comes: many
	// quiet periods, as the watcher's own tests do.
	devQuiet = 8 * devDebounce
	// devMaxSplit is how many builds one save may take: one, but on a loaded
	// machine a save's events can be more than a quiet period apart (the
	// watcher's tests allow the same). More than this is a bug.
	devMaxSplit = 2
)

// devBuild is one build as Run reported it.
type devBuild struct {
	res  *generator.Result
	err  error
	took time.Duration
}

// sseEvent is one Server-Sent Event of the dev server's stream.
type sseEvent struct{ name, data string }

// devSite is a running Run on a temporary fixture copy.
type devSite struct {
	cfg    generator.Config
	builds chan devBuild
	url    string        // with Serve: the server's URL, without the trailing slash
	events chan sseEvent // with Serve: the event stream of one connected browser
	// failing is whether the last build this test read failed; it tells
	// which events the stream must carry.
	failing bool
}

// tlogWriter sends log lines to t.Log.
type tlogWriter struct{ t testing.TB }

func (w tlogWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// startDev runs Run on cfg until the test ends and returns once the first
// build succeeded (and, with withServe, a browser's event stream is
// connected).
func startDev(t *testing.T, cfg generator.Config, withServe bool) *devSite {
	t.Helper()
	d := &devSite{cfg: cfg, builds: make(chan devBuild, 10000)}
	ctx, cancel := context.WithCancel(t.Context())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	// The first build waits in Report until the test's browser is
	// connected, so that its reload event reaches the browser, always.
	gate := make(chan struct{})
	dev := Config{
		Serve:    withServe,
		Addr:     "127.0.0.1:0",
		Debounce: devDebounce,
		Logger:   slog.New(slog.NewTextHandler(tlogWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})),
		Report: func(res *generator.Result, err error, took time.Duration) {
			select {
			case <-gate:
			case <-ctx.Done():
			}
			d.builds <- devBuild{res: res, err: err, took: took}
		},
		Ready:   func(url string) { urls <- url },
		Scratch: func(dir string) { d.cfg.OutDir = dir },
	}
	go func() { done <- Run(ctx, cfg, dev) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run returned %v", err)
			}
		case <-time.After(devWait):
			t.Errorf("Run did not return %s after its context was cancelled", devWait)
		}
	})

	if withServe {
		select {
		case u := <-urls:
			d.url = strings.TrimSuffix(u, "/")
		case err := <-done:
			t.Fatalf("Run returned before it served: %v", err)
		case <-time.After(devWait):
			t.Fatal("the server never listened")
		}
		d.events = connectEvents(t, ctx, d.url)
	}
	close(gate)
	select {
	case b := <-d.builds:
		if b.err != nil {
			t.Fatalf("first build: %v", b.err)
		}
		d.checkEvents(t, b)
	case err := <-done:
		t.Fatalf("Run returned before its first build: %v", err)
	case <-time.After(devWait):
		t.Fatal("no first build")
	}
	return d
}

// connectEvents opens the server's event stream as a browser would and
// returns once the server has subscribed it: the server subscribes a
// client before it sends the headers.
func connectEvents(t *testing.T, ctx context.Context, url string) chan sseEvent {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, "GET", url+serve.EventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/event-stream" {
		res.Body.Close()
		t.Fatalf("event stream: %s %v", res.Status, res.Header)
	}
	events := make(chan sseEvent, 1000)
	go func() {
		defer close(events)
		defer res.Body.Close()
		s := bufio.NewScanner(res.Body)
		s.Buffer(nil, 1<<20)
		var ev sseEvent
		for s.Scan() {
			line := s.Text()
			switch {
			case line == "":
				if ev.name != "" {
					events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return events
}

// next waits for the next build. Every build read here is checked against
// the event stream when the site is served.
func (d *devSite) next(t *testing.T, timeout time.Duration) devBuild {
	t.Helper()
	select {
	case b := <-d.builds:
		d.checkEvents(t, b)
		return b
	case <-time.After(timeout):
		t.Fatalf("no build within %s", timeout)
		return devBuild{}
	}
}

// checkEvents checks that a served build told the browser what it should:
// a failed build its errors, a good one the pages it changed (every page
// after a failure, to clear the overlay), and one that changed nothing
// nothing at all.
func (d *devSite) checkEvents(t *testing.T, b devBuild) {
	t.Helper()
	wasFailing := d.failing
	d.failing = b.err != nil
	if d.events == nil {
		return
	}
	var want sseEvent
	switch {
	case b.err != nil:
		want = sseEvent{"fail", germanFailure(b.err)}
	case len(b.res.ChangedURLs()) > 0 || wasFailing:
		data, _ := json.Marshal(append([]string{}, b.res.ChangedURLs()...))
		want = sseEvent{"reload", string(data)}
	default:
		return // nothing changed: no event; a later want would see a stray one
	}
	select {
	case ev, ok := <-d.events:
		if !ok {
			t.Fatal("the event stream ended")
		}
		if ev != want {
			t.Errorf("event after a build:\n got %s %s\nwant %s %s", ev.name, ev.data, want.name, want.data)
		}
	case <-time.After(devWait):
		t.Errorf("no %s event after a build", want.name)
	}
}

// waitSite waits until a good build leaves public/ exactly as a cold build
// of the content as it is now, and returns the builds it took. It fails the
// test when that does not happen within timeout.
func (d *devSite) waitSite(t *testing.T, timeout time.Duration) []devBuild {
	t.Helper()
	want := coldTree(t, d.cfg)
	deadline := time.Now().Add(timeout)
	var builds []devBuild
	for {
		left := time.Until(deadline)
		if left <= 0 {
			t.Logf("builds: %s", describeBuilds(builds))
			testtree.SameFiles(t, testtree.Files(t, d.cfg.OutDir), want, "a cold build")
			t.Fatalf("public/ is not a cold build's after %s", timeout)
		}
		select {
		case b := <-d.builds:
			d.checkEvents(t, b)
			builds = append(builds, b)
			// public/ shows the newest build, which may have reported
			// already: take every report that is in.
			for more := true; more; {
				select {
				case b := <-d.builds:
					d.checkEvents(t, b)
					builds = append(builds, b)
				default:
					more = false
				}
			}
			if builds[len(builds)-1].err == nil && maps.EqualFunc(testtree.Files(t, d.cfg.OutDir), want, bytes.Equal) {
				return builds
			}
		case <-time.After(left):
		}
	}
}

// settle takes the builds that still come until none comes for devQuiet
// (a burst may end in one more build than it needed), checks that they
// succeeded, and that public/ is still what a cold build makes.
func (d *devSite) settle(t *testing.T) []devBuild {
	t.Helper()
	var builds []devBuild
	for {
		select {
		case b := <-d.builds:
			d.checkEvents(t, b)
			if b.err != nil {
				t.Errorf("a late build failed: %v", b.err)
			}
			builds = append(builds, b)
			continue
		case <-time.After(devQuiet):
		}
		testtree.SameFiles(t, testtree.Files(t, d.cfg.OutDir), coldTree(t, d.cfg), "a cold build")
		return builds
	}
}

// none checks that no build comes within devQuiet, and that the event
// stream stays silent.
func (d *devSite) none(t *testing.T) {
	t.Helper()
	select {
	case b := <-d.builds:
		t.Errorf("unexpected build: %s", describeBuilds([]devBuild{b}))
	case <-time.After(devQuiet):
	}
	if d.events != nil {
		select {
		case ev := <-d.events:
			t.Errorf("unexpected event %s %s", ev.name, ev.data)
		default:
		}
	}
}

// describeBuilds prints builds for a failure message.
func describeBuilds(builds []devBuild) string {
	var parts []string
	for _, b := range builds {
		if b.err != nil {
			parts = append(parts, fmt.Sprintf("failed (%v)", b.err))
			continue
		}
		parts = append(parts, fmt.Sprintf("ok (%d written, %d removed: %v)", b.res.Stats.Written, b.res.Stats.Removed, b.res.Stats.Changed))
	}
	return fmt.Sprintf("%d: %s", len(builds), strings.Join(parts, "; "))
}

// get fetches a served page and returns its body.
func (d *devSite) get(t *testing.T, path string) string {
	t.Helper()
	res, err := http.Get(d.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", path, res.Status)
	}
	return string(body)
}

// devMust fails the test on an error from a file operation.
func devMust(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func devWriteFile(t *testing.T, path, text string) {
	t.Helper()
	devMust(t, os.WriteFile(path, []byte(text), 0o644))
}
