package serve_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"rolesite/generator/serve"
	"rolesite/generator/watch"
)

// Example shows how cmd/build wires watch and serve for -watch -serve: build
// once, then rebuild on every batch of changes; a good build reloads the
// pages it changed, a failed one shows its error in the browser and keeps
// the last good site.
func Example() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	log := slog.Default()

	// build stands for the pipeline (load, link, render, write); it returns
	// the URL paths of the pages whose bytes changed.
	build := func(ctx context.Context) ([]string, error) { return nil, nil }

	broker := serve.NewBroker()
	defer broker.Close()
	rebuild := func(ctx context.Context, changes []watch.Change) {
		log.Info("rebuilding", "changes", len(changes))
		paths, err := build(ctx)
		if err != nil {
			log.Error("build failed", "err", err)
			broker.Fail("Build failed", err.Error())
			return
		}
		broker.Reload(paths) // nil: reload every page
	}

	var wg sync.WaitGroup
	errs := make(chan error, 2)
	wg.Go(func() {
		errs <- serve.ListenAndServe(ctx, "127.0.0.1:1717", serve.New("public", broker), func(url string) {
			log.Info("serving", "url", url)
		})
	})
	wg.Go(func() {
		errs <- watch.Run(ctx, watch.Config{
			Roots:  []string{"content", "layouts"},
			Logger: log,
			// The first build runs once every folder is watched: no edit
			// made during it is lost.
			Ready: func() { rebuild(ctx, nil) },
		}, rebuild)
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
}

// TestWatchAndServe runs the wiring of Example end to end: a save reloads
// the page in an open browser, a broken save shows the error, the fix
// reloads again.
func TestWatchAndServe(t *testing.T) {
	tmp := t.TempDir()
	content, public := filepath.Join(tmp, "content"), filepath.Join(tmp, "public")
	for _, d := range []string{content, public} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// A toy build: content/<slug>.txt becomes public/<slug>/index.html.
	build := func() ([]string, error) {
		entries, err := os.ReadDir(content)
		if err != nil {
			return nil, err
		}
		var paths []string
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(content, e.Name()))
			if err != nil {
				return nil, err
			}
			if strings.Contains(string(b), "ERROR") {
				return nil, errors.New(e.Name() + ":1:1: bad <content>")
			}
			slug := strings.TrimSuffix(e.Name(), ".txt")
			if err := os.MkdirAll(filepath.Join(public, slug), 0o755); err != nil {
				return nil, err
			}
			page := "<html><body>" + string(b) + "</body></html>"
			if err := os.WriteFile(filepath.Join(public, slug, "index.html"), []byte(page), 0o644); err != nil {
				return nil, err
			}
			paths = append(paths, "/"+slug+"/")
		}
		return paths, nil
	}

	ctx, cancel := context.WithCancel(t.Context())
	broker := serve.NewBroker()
	urls, ready := make(chan string, 1), make(chan struct{})
	var wg sync.WaitGroup
	defer func() {
		cancel()
		broker.Close()
		wg.Wait()
	}()
	rebuild := func(context.Context, []watch.Change) {
		if paths, err := build(); err != nil {
			broker.Fail("Build failed", err.Error())
		} else {
			broker.Reload(paths)
		}
	}
	wg.Go(func() {
		if err := serve.ListenAndServe(ctx, "127.0.0.1:0", serve.New(public, broker), func(u string) { urls <- u }); err != nil {
			t.Error(err)
		}
	})
	wg.Go(func() {
		cfg := watch.Config{Roots: []string{content}, Debounce: 50 * time.Millisecond, Ready: func() { close(ready) }}
		if err := watch.Run(ctx, cfg, rebuild); err != nil {
			t.Error(err)
		}
	})
	url := strings.TrimSuffix(<-urls, "/")
	<-ready

	// A browser with the page open.
	res, err := http.Get(url + serve.EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	lines := make(chan string, 100)
	go func() {
		defer close(lines)
		s := bufio.NewScanner(res.Body)
		for s.Scan() {
			if strings.HasPrefix(s.Text(), "event: ") || strings.HasPrefix(s.Text(), "data: ") {
				lines <- s.Text()
			}
		}
	}()
	want := func(event, data string) {
		t.Helper()
		for _, w := range []string{"event: " + event, "data: " + data} {
			select {
			case got := <-lines:
				if got != w {
					t.Fatalf("got %q, want %q", got, w)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("no %q", w)
			}
		}
	}

	save := func(text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(content, "backend.txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	save("Backend-Entwickler")
	want("reload", `["/backend/"]`)
	page, err := http.Get(url + "/backend/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if !strings.Contains(string(body), "Backend-Entwickler"+serve.ScriptTag+"</body>") {
		t.Errorf("page: %q", body)
	}

	save("ERROR")
	want("fail", `{"title":"Build failed","text":"backend.txt:1:1: bad \u003ccontent\u003e"}`)
	save("Backend-Entwicklerin")
	want("reload", `["/backend/"]`)
}
