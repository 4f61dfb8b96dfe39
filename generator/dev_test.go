package generator

import (
	"rolesite/generator/diag"

	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolesite/generator/serve"
)

// Integration tests of Dev: the real watcher (fsnotify and debounce), the
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

// devBuild is one build as Dev reported it.
type devBuild struct {
	res  *Result
	err  error
	took time.Duration
}

// sseEvent is one Server-Sent Event of the dev server's stream.
type sseEvent struct{ name, data string }

// devSite is a running Dev on a temporary fixture copy.
type devSite struct {
	cfg    Config
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

// startDev runs Dev on cfg until the test ends and returns once the first
// build succeeded (and, with withServe, a browser's event stream is
// connected).
func startDev(t *testing.T, cfg Config, withServe bool) *devSite {
	t.Helper()
	d := &devSite{cfg: cfg, builds: make(chan devBuild, 10000)}
	ctx, cancel := context.WithCancel(t.Context())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	// The first build waits in Report until the test's browser is
	// connected, so that its reload event reaches the browser, always.
	gate := make(chan struct{})
	dev := DevConfig{
		Serve:    withServe,
		Addr:     "127.0.0.1:0",
		Debounce: devDebounce,
		Logger:   slog.New(slog.NewTextHandler(tlogWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})),
		Report: func(res *Result, err error, took time.Duration) {
			select {
			case <-gate:
			case <-ctx.Done():
			}
			d.builds <- devBuild{res: res, err: err, took: took}
		},
		Ready: func(url string) { urls <- url },
	}
	go func() { done <- Dev(ctx, cfg, dev) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Dev returned %v", err)
			}
		case <-time.After(devWait):
			t.Errorf("Dev did not return %s after its context was cancelled", devWait)
		}
	})

	if withServe {
		select {
		case u := <-urls:
			d.url = strings.TrimSuffix(u, "/")
		case err := <-done:
			t.Fatalf("Dev returned before it served: %v", err)
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
		t.Fatalf("Dev returned before its first build: %v", err)
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
			sameTree(t, readTree(t, d.cfg.OutDir), want)
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
			if builds[len(builds)-1].err == nil && maps.EqualFunc(readTree(t, d.cfg.OutDir), want, bytes.Equal) {
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
		sameTree(t, readTree(t, d.cfg.OutDir), coldTree(t, d.cfg))
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

// renameOver saves version n of the edited role by writing it to tmpName
// in the same folder and renaming that over the original.
func renameOver(tmpName string, n int) func(*testing.T, Config) {
	return func(t *testing.T, cfg Config) {
		p := filepath.Join(cfg.ContentDir, editedRole)
		next := editedText(t, cfg, n)
		tmp := filepath.Join(filepath.Dir(p), tmpName)
		devWriteFile(t, tmp, next)
		devMust(t, os.Rename(tmp, p))
	}
}

func devWriteFile(t *testing.T, path, text string) {
	t.Helper()
	devMust(t, os.WriteFile(path, []byte(text), 0o644))
}

func devReadFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The role every save pattern edits, and its page.
const (
	editedRole = "roles/key-account-manager.md"
	editedPage = "/sales/key-account-manager/"
)

// editedText is the role's file with one more sentence in its body, different
// on each call so that two saves never write the same bytes.
func editedText(t *testing.T, cfg Config, n int) string {
	return devReadFile(t, filepath.Join(cfg.ContentDir, editedRole)) + fmt.Sprintf("Neu aus dem Editor, Fassung %d.\n", n)
}

// devCase is one way of changing the content while Dev runs.
type devCase struct {
	name string
	// setup runs before Dev starts.
	setup func(t *testing.T, cfg Config)
	// change changes the content (with the paths of cfg).
	change func(t *testing.T, cfg Config)
	// then, if set, is a second change made once the first one is built.
	then func(t *testing.T, cfg Config)
	// noBuild: the change must not start a build.
	noBuild bool
	// oneSave: the change is one save of one file, which must end in one
	// build (devMaxSplit on a loaded machine).
	oneSave bool
	// wantText, if set, must be in the served page editedPage afterwards.
	wantText string
}

var devCases = []devCase{
	{
		name: "write in place",
		change: func(t *testing.T, cfg Config) {
			p := filepath.Join(cfg.ContentDir, editedRole)
			devWriteFile(t, p, editedText(t, cfg, 1))
		},
		oneSave:  true,
		wantText: "Fassung 1.",
	},
	{
		// vim with backupcopy=auto: a probe file 4913, the original renamed
		// to its backup, the new text written to a new file, the backup
		// removed. The swap file exists throughout.
		name: "vim rename save",
		change: func(t *testing.T, cfg Config) {
			p := filepath.Join(cfg.ContentDir, editedRole)
			dir := filepath.Dir(p)
			next := editedText(t, cfg, 2)
			swap := filepath.Join(dir, ".key-account-manager.md.swp")
			devWriteFile(t, swap, "b0VIM 9.1")
			probe := filepath.Join(dir, "4913")
			devWriteFile(t, probe, "")
			devMust(t, os.Remove(probe))
			devMust(t, os.Rename(p, p+"~"))
			devWriteFile(t, p, next)
			devMust(t, os.Chmod(p, 0o644))
			devMust(t, os.Remove(p+"~"))
			devWriteFile(t, swap, "b0VIM 9.1 saved")
		},
		oneSave:  true,
		wantText: "Fassung 2.",
	},
	{
		// VS Code's atomic save, renameio and most tools: the new text in a
		// temporary file in the same folder, renamed over the original.
		name:     "temp file renamed over",
		change:   renameOver(".key-account-manager.md.tmp", 3),
		oneSave:  true,
		wantText: "Fassung 3.",
	},
	{
		// The same with a temporary name no filter knows: it is created,
		// written and renamed away within one save.
		name:     "unknown temp file renamed over",
		change:   renameOver("key-account-manager.md.8f3a9c", 4),
		oneSave:  true,
		wantText: "Fassung 4.",
	},
	{
		// JetBrains "safe write": x___jb_tmp___ written, x renamed to
		// x___jb_old___, x___jb_tmp___ renamed to x, x___jb_old___ removed.
		name: "JetBrains safe write",
		change: func(t *testing.T, cfg Config) {
			p := filepath.Join(cfg.ContentDir, editedRole)
			next := editedText(t, cfg, 5)
			devWriteFile(t, p+"___jb_tmp___", next)
			devMust(t, os.Rename(p, p+"___jb_old___"))
			devMust(t, os.Rename(p+"___jb_tmp___", p))
			devMust(t, os.Remove(p+"___jb_old___"))
		},
		oneSave:  true,
		wantText: "Fassung 5.",
	},
	{
		// Emacs: a lock symlink .#x while the buffer is modified, the
		// original renamed to its backup x~, the new text written to x.
		name: "Emacs backup save",
		change: func(t *testing.T, cfg Config) {
			p := filepath.Join(cfg.ContentDir, editedRole)
			dir := filepath.Dir(p)
			next := editedText(t, cfg, 6)
			lock := filepath.Join(dir, ".#key-account-manager.md")
			devMust(t, os.Symlink("user@host.1234:1700000000", lock))
			devMust(t, os.Rename(p, p+"~"))
			devWriteFile(t, p, next)
			devMust(t, os.Remove(lock))
		},
		oneSave:  true,
		wantText: "Fassung 6.",
	},
	{
		name: "delete and recreate",
		change: func(t *testing.T, cfg Config) {
			p := filepath.Join(cfg.ContentDir, editedRole)
			next := editedText(t, cfg, 7)
			devMust(t, os.Remove(p))
			devWriteFile(t, p, next)
		},
		oneSave:  true,
		wantText: "Fassung 7.",
	},
	{
		name: "chmod and touch only",
		change: func(t *testing.T, cfg Config) {
			p := filepath.Join(cfg.ContentDir, editedRole)
			devMust(t, os.Chmod(p, 0o600))
			devMust(t, os.Chmod(p, 0o644))
			later := time.Now().Add(time.Hour)
			devMust(t, os.Chtimes(p, later, later))
		},
		noBuild: true,
	},
	{
		name: "editor swap and backup files only",
		change: func(t *testing.T, cfg Config) {
			dir := filepath.Join(cfg.ContentDir, "roles")
			for _, name := range []string{
				".key-account-manager.md.swp", ".key-account-manager.md.swo", "key-account-manager.md~",
				"4913", "#key-account-manager.md#", ".key-account-manager.md.tmp",
				"key-account-manager.md___jb_tmp___", "key-account-manager.md___jb_old___", ".DS_Store",
			} {
				devWriteFile(t, filepath.Join(dir, name), "---\ntitel: kaputt\n---\n")
				devWriteFile(t, filepath.Join(dir, name), "---\ntitel: noch kaputter\n---\n")
			}
			devMust(t, os.Symlink("user@host.1234:1700000000", filepath.Join(dir, ".#key-account-manager.md")))
			devMust(t, os.Remove(filepath.Join(dir, "4913")))
			devMust(t, os.Remove(filepath.Join(dir, ".key-account-manager.md.swo")))
		},
		noBuild: true,
	},
	{
		// A new folder, a folder in it and a role in that, made faster than
		// the watcher can add their watches.
		name: "new folder with a role",
		change: func(t *testing.T, cfg Config) {
			dir := filepath.Join(cfg.ContentDir, "roles", "neu", "vertrieb")
			devMust(t, os.MkdirAll(dir, 0o755))
			devWriteFile(t, filepath.Join(dir, "sales-director.md"),
				"---\ntitle: Sales Director\ncategory: sales\ndescription: Leitet den Vertrieb.\n---\nDer Sales Director führt jeden Key Account Manager.\n")
		},
		// The new folders are watched: a save in them alone rebuilds.
		then: func(t *testing.T, cfg Config) {
			p := filepath.Join(cfg.ContentDir, "roles", "neu", "vertrieb", "sales-director.md")
			devWriteFile(t, p, devReadFile(t, p)+"Und jeden Account Manager.\n")
		},
	},
	{
		name: "layout change",
		setup: func(t *testing.T, cfg Config) {
			devMust(t, os.MkdirAll(cfg.LayoutsDir, 0o755))
			src := devReadFile(t, "render/templates/404.html")
			devWriteFile(t, filepath.Join(cfg.LayoutsDir, "404.html"), src)
		},
		change: func(t *testing.T, cfg Config) {
			p := filepath.Join(cfg.LayoutsDir, "404.html")
			next := strings.Replace(devReadFile(t, p), "<h1>", `<h1 class="geaendert">`, 1)
			devWriteFile(t, p, next)
		},
		oneSave: true,
	},
	{
		name: "role removed",
		change: func(t *testing.T, cfg Config) {
			devMust(t, os.Remove(filepath.Join(cfg.ContentDir, editedRole)))
		},
		oneSave: true,
	},
}

func TestDevSavePatterns(t *testing.T) {
	for _, mode := range []struct {
		name  string
		serve bool
	}{{"watch", false}, {"serve", true}} {
		t.Run(mode.name, func(t *testing.T) {
			for _, tc := range devCases {
				t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
					runDevCase(t, tc, mode.serve)
				})
			}
		})
	}
}

func runDevCase(t *testing.T, tc devCase, withServe bool) {
	cfg := fixture(t)
	if tc.setup != nil {
		tc.setup(t, cfg)
	}
	d := startDev(t, cfg, withServe)
	before := snapshot(t, cfg.OutDir)
	tc.change(t, cfg)

	if tc.noBuild {
		d.none(t)
		if after := snapshot(t, cfg.OutDir); !maps.Equal(before, after) {
			t.Error("public/ changed without a build")
		}
		sameTree(t, readTree(t, cfg.OutDir), coldTree(t, cfg))
		// And the watcher still sees the next real save.
		devWriteFile(t, filepath.Join(cfg.ContentDir, editedRole), editedText(t, cfg, 99))
		d.waitSite(t, devWait)
		return
	}

	builds := d.waitSite(t, devWait)
	if tc.then != nil {
		tc.then(t, cfg)
		builds = d.waitSite(t, devWait)
	}
	if tc.oneSave && len(builds) > 1 {
		if len(builds) > devMaxSplit {
			t.Errorf("one save took %d builds, want 1: %s", len(builds), describeBuilds(builds))
		} else {
			t.Logf("one save split over %d builds (slow machine?): %s", len(builds), describeBuilds(builds))
		}
	}
	if withServe && tc.wantText != "" {
		page := d.get(t, editedPage)
		if !strings.Contains(page, tc.wantText) {
			t.Errorf("served page lacks %q", tc.wantText)
		}
		if !strings.Contains(page, serve.ScriptTag) {
			t.Error("served page lacks the live-reload script")
		}
		if disk := devReadFile(t, filepath.Join(cfg.OutDir, "sales", "key-account-manager", "index.html")); strings.Contains(disk, serve.ScriptTag) {
			t.Error("the live-reload script was written into public/")
		}
	}
	// Nothing more comes: the watcher has settled on the final content.
	d.none(t)
}

// TestDevBrokenThenFixed: a broken save fails the build with path:line:col
// errors and leaves public/ as it was (bytes and mtimes); the watcher goes
// on, and the next good save recovers.
func TestDevBrokenThenFixed(t *testing.T) {
	for _, withServe := range []bool{false, true} {
		t.Run(map[bool]string{false: "watch", true: "serve"}[withServe], func(t *testing.T) {
			cfg := fixture(t)
			d := startDev(t, cfg, withServe)
			p := filepath.Join(cfg.ContentDir, editedRole)
			good := devReadFile(t, p)
			before := snapshot(t, cfg.OutDir)

			devWriteFile(t, p, strings.Replace(good, "title:", "titel:", 1))
			b := d.next(t, devWait)
			if b.err == nil {
				t.Fatalf("a broken save built: %s", describeBuilds([]devBuild{b}))
			}
			wantErr := p + `:2:1: unknown key "titel" (did you mean "title"?)`
			if !strings.Contains(b.err.Error(), wantErr) {
				t.Errorf("errors\n%v\ndo not contain\n%s", b.err, wantErr)
			}
			if !maps.Equal(before, snapshot(t, cfg.OutDir)) {
				t.Error("a failed build changed public/")
			}
			if withServe {
				// The last good page is still served.
				if page := d.get(t, editedPage); !strings.Contains(page, "spricht mit") {
					t.Error("the last good page is not served while the build fails")
				}
				// A browser that connects now learns of the failure at once.
				late := connectEvents(t, t.Context(), d.url)
				select {
				case ev := <-late:
					if ev.name != "fail" || ev.data != germanFailure(b.err) {
						t.Errorf("a browser connecting to a failing build got %s %s", ev.name, ev.data)
					}
				case <-time.After(devWait):
					t.Error("a browser connecting to a failing build got no event")
				}
			}

			// A second broken save: still failing, still nothing written.
			devWriteFile(t, p, strings.Replace(good, "category: sales", "category: salse", 1))
			b = d.next(t, devWait)
			if b.err == nil || !strings.Contains(b.err.Error(), p+":3:") {
				t.Errorf("second broken save: want an error at %s:3:..., got %v", p, b.err)
			}
			if !maps.Equal(before, snapshot(t, cfg.OutDir)) {
				t.Error("a failed build changed public/")
			}

			devWriteFile(t, p, good+"Wieder gut.\n")
			builds := d.waitSite(t, devWait)
			if len(builds) > devMaxSplit {
				t.Errorf("the fix took %d builds: %s", len(builds), describeBuilds(builds))
			}
			d.none(t)
		})
	}
}

// TestDevBurst writes 1,000 new role files as fast as it can, half of them
// into a folder made during the burst (as a git checkout does): a few
// builds, and the site a cold build makes.
func TestDevBurst(t *testing.T) {
	const n = 1000
	cfg := fixture(t)
	d := startDev(t, cfg, false)
	roles := filepath.Join(cfg.ContentDir, "roles")
	start := time.Now()
	for i := range n {
		dir := roles
		if i >= n/2 {
			dir = filepath.Join(roles, "burst")
			if i == n/2 {
				devMust(t, os.Mkdir(dir, 0o755))
			}
		}
		devWriteFile(t, filepath.Join(dir, fmt.Sprintf("burst-%04d.md", i)),
			fmt.Sprintf("---\ntitle: Burst-Rolle %04d\ncategory: sales\ndescription: Rolle %d aus einem Checkout.\n---\nText der Rolle %d.\n", i, i, i))
	}
	// And an edit of an existing role in the middle of it all.
	devWriteFile(t, filepath.Join(cfg.ContentDir, editedRole), editedText(t, cfg, 1))
	t.Logf("wrote %d files in %s", n+1, time.Since(start).Round(time.Millisecond))

	builds := d.waitSite(t, 60*time.Second)
	builds = append(builds, d.settle(t)...)
	summary := make([]string, len(builds))
	for i, b := range builds {
		if b.err != nil {
			t.Errorf("build %d during the burst failed: %v", i+1, b.err)
			continue
		}
		summary[i] = fmt.Sprintf("%d written in %s", b.res.Stats.Written, b.took.Round(time.Millisecond))
	}
	t.Logf("the burst ended in %d builds: %s", len(builds), strings.Join(summary, ", "))
	// While changes keep coming the watcher builds once per 20 quiet
	// periods (1 s here), and changes made during a build join the next:
	// a few builds, not one per file.
	if len(builds) > 10 {
		t.Errorf("a burst of %d files took %d builds, want a few", n, len(builds))
	}
	if _, err := os.Stat(filepath.Join(cfg.OutDir, "sales", "burst-0999", "index.html")); err != nil {
		t.Error(err)
	}
}

// TestDevStopsCleanly: Dev returns nil soon after its context ends, with
// the server up and a browser connected.
func TestDevStopsCleanly(t *testing.T) {
	cfg := fixture(t)
	ctx, cancel := context.WithCancel(t.Context())
	urls := make(chan string, 1)
	built := make(chan error, 1)
	done := make(chan error, 1)
	go func() {
		done <- Dev(ctx, cfg, DevConfig{Serve: true, Addr: "127.0.0.1:0", Debounce: devDebounce,
			Ready:  func(u string) { urls <- u },
			Report: func(_ *Result, err error, _ time.Duration) { built <- err }})
	}()
	if err := <-built; err != nil {
		t.Fatal(err)
	}
	url := strings.TrimSuffix(<-urls, "/")
	events := connectEvents(t, ctx, url)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Dev returned %v", err)
		}
	case <-time.After(devWait):
		t.Fatal("Dev did not return")
	}
	// The browser's stream ended with it.
	for range events {
	}
	if _, err := http.Get(url + "/"); err == nil {
		t.Error("the server still answers after Dev returned")
	}
}

// TestDevMissingContent: Dev reports a content folder it cannot watch instead of
// running deaf.
func TestDevMissingContent(t *testing.T) {
	cfg := fixture(t)
	cfg.ContentDir = filepath.Join(t.TempDir(), "missing")
	ctx, cancel := context.WithTimeout(t.Context(), devWait)
	defer cancel()
	err := Dev(ctx, cfg, DevConfig{Debounce: devDebounce})
	if err == nil || ctx.Err() != nil {
		t.Fatalf("Dev on a missing content folder: err %v (context %v)", err, ctx.Err())
	}
	if !strings.Contains(err.Error(), "missing") {
		t.Errorf("error %q does not name the folder", err)
	}
}

// TestDevLayoutsFolderMadeLater starts watching a site without a layouts
// folder, then makes one with an override: the watch takes it up without a
// restart, and later saves in it rebuild too.
func TestDevLayoutsFolderMadeLater(t *testing.T) {
	cfg := fixture(t)
	if _, err := os.Stat(cfg.LayoutsDir); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the fixture has a layouts folder: %v", err)
	}
	d := startDev(t, cfg, false)
	src := devReadFile(t, "render/templates/404.html")
	devMust(t, os.MkdirAll(cfg.LayoutsDir, 0o755))
	p := filepath.Join(cfg.LayoutsDir, "404.html")
	devWriteFile(t, p, strings.Replace(src, "<h1>", `<h1 class="neu">`, 1))
	page := filepath.Join(cfg.OutDir, "404.html")
	waitFor := func(want string) {
		t.Helper()
		deadline := time.Now().Add(devWait)
		for time.Now().Before(deadline) {
			if b := d.next(t, devWait); b.err != nil {
				t.Fatalf("build failed: %v", b.err)
			}
			if strings.Contains(devReadFile(t, page), want) {
				return
			}
		}
		t.Fatalf("404.html never showed %q", want)
	}
	waitFor(`<h1 class="neu">`)
	// Watched now: a save in the new folder alone rebuilds.
	devWriteFile(t, p, strings.Replace(src, "<h1>", `<h1 class="neuer">`, 1))
	waitFor(`<h1 class="neuer">`)
}

// germanFailure is the data of the "fail" event for err on the fixture, a
// German site: the overlay's heading and every diagnostic in German.
func germanFailure(err error) string {
	data, _ := json.Marshal(struct {
		Title string `json:"title"`
		Text  string `json:"text"`
	}{"Build fehlgeschlagen: die Seite zeigt den letzten erfolgreichen Stand.", FailureText(err, diag.German)})
	return string(data)
}

func TestFailureTextGerman(t *testing.T) {
	var list diag.List
	list.Add(diag.Position{Path: "content/roles/a.md", Line: 2, Column: 1}, diag.UnknownKey, "titel", diag.T(diag.HintDidYouMean, "title"))
	want := `content/roles/a.md:2:1: unbekannter Schlüssel "titel" (meinten Sie "title"?)`
	if got := FailureText(list, diag.German); got != want {
		t.Errorf("FailureText = %q, want %q", got, want)
	}
}
