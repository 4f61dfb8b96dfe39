package dev

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolesite/generator"
	"rolesite/generator/output"
	"rolesite/internal/testtree"
)

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

// TestDevStopsCleanly: Run returns nil soon after its context ends, with
// the server up and a browser connected.
func TestDevStopsCleanly(t *testing.T) {
	cfg := fixture(t)
	ctx, cancel := context.WithCancel(t.Context())
	urls := make(chan string, 1)
	built := make(chan error, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, cfg, Config{Serve: true, Addr: "127.0.0.1:0", Debounce: devDebounce,
			Ready:  func(u string) { urls <- u },
			Report: func(_ *generator.Result, err error, _ time.Duration) { built <- err }})
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
			t.Errorf("Run returned %v", err)
		}
	case <-time.After(devWait):
		t.Fatal("Run did not return")
	}
	// The browser's stream ended with it.
	for range events {
	}
	if _, err := http.Get(url + "/"); err == nil {
		t.Error("the server still answers after Run returned")
	}
}

// TestDevMissingContent: Run reports a content folder it cannot watch instead of
// running deaf.
func TestDevMissingContent(t *testing.T) {
	cfg := fixture(t)
	cfg.ContentDir = filepath.Join(t.TempDir(), "missing")
	ctx, cancel := context.WithTimeout(t.Context(), devWait)
	defer cancel()
	err := Run(ctx, cfg, Config{Debounce: devDebounce})
	if err == nil || ctx.Err() != nil {
		t.Fatalf("Run on a missing content folder: err %v (context %v)", err, ctx.Err())
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
	src := testtree.Read(t, "../render/templates/404.html")
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
			if strings.Contains(testtree.Read(t, page), want) {
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

// TestDevServeLeavesOutputAlone: -serve -drafts builds into a scratch folder
// of its own. The output folder, which holds a deployed site, is not touched
// (no draft, no page, no state file in it), the draft is served, and the
// scratch folder is gone once Run returns.
func TestDevServeLeavesOutputAlone(t *testing.T) {
	cfg := fixture(t)
	cfg.Drafts = true
	testtree.Write(t, cfg.OutDir, map[string]string{
		"index.html": "the deployed home page",
		"notes.txt":  "an ops person's file",
	})
	before := testtree.Snapshot(t, cfg.OutDir)

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var scratch string
	urls := make(chan string, 1)
	built := make(chan error, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, cfg, Config{Serve: true, Addr: "127.0.0.1:0", Debounce: devDebounce,
			Scratch: func(dir string) { scratch = dir },
			Ready:   func(u string) { urls <- u },
			Report:  func(_ *generator.Result, err error, _ time.Duration) { built <- err }})
	}()
	if err := <-built; err != nil {
		t.Fatal(err)
	}
	url := strings.TrimSuffix(<-urls, "/")
	res, err := http.Get(url + "/sales/entwurf/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("the draft is not served: %s", res.Status)
	}
	if scratch == "" || strings.HasPrefix(scratch, cfg.OutDir) {
		t.Fatalf("built into %q, want a scratch folder outside %s", scratch, cfg.OutDir)
	}
	if _, err := os.Stat(filepath.Join(scratch, "sales", "entwurf", "index.html")); err != nil {
		t.Errorf("the scratch folder lacks the draft: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run returned %v", err)
	}
	if after := testtree.Snapshot(t, cfg.OutDir); !maps.Equal(before, after) {
		t.Errorf("the output folder changed under -serve:\nbefore %v\nafter  %v", before, after)
	}
	// Nor is the scratch folder's state left in the user cache folder.
	if def, err := output.DefaultStateDir(scratch); err != nil {
		t.Fatal(err)
	} else if _, err := os.Stat(def); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the scratch folder's state is left in %s", def)
	}
	if _, err := os.Stat(filepath.Dir(scratch)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the scratch folder is still there after Run returned: %v", err)
	}
}
