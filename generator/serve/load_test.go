package serve

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLoad is a small load test of the real server on 127.0.0.1, run only
// with ROLESITE_LOADTEST=1: 20 workers send GET requests over a mix of pages,
// assets, redirects and misses until 2,000 requests are done or 5 seconds
// have passed, while 10 browsers hold event streams and a rebuild reloads
// them every 100ms. It logs requests per second and the error count (a
// transport error or an unexpected status), and fails on any error.
func TestLoad(t *testing.T) {
	if os.Getenv("ROLESITE_LOADTEST") != "1" {
		t.Skip("set ROLESITE_LOADTEST=1 to run the load test")
	}
	const (
		maxRequests = 2000
		maxDuration = 5 * time.Second
		workers     = 20
		streams     = 10
	)
	b := NewBroker()
	defer b.Close()
	url, _ := listen(t, New(site(t), b))
	base := strings.TrimSuffix(url, "/")
	targets := []struct {
		path   string
		status int
	}{
		{"/", 200}, {"/tech-development/", 200}, {"/tech-development/backend/", 200},
		{"/sitemap.xml", 200}, {"/robots.txt", 200}, {"/assets/site.0123abcd.css", 200},
		{"/tech-development", 301}, {"/nope/", 404}, {"/%2e%2e/etc/passwd", 404}, {ScriptPath, 200},
	}

	client := &http.Client{
		Transport:     &http.Transport{MaxIdleConnsPerHost: workers + streams},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	defer client.CloseIdleConnections()
	for range streams {
		connect(t, client, base)
	}
	ctx, cancel := context.WithTimeout(t.Context(), maxDuration)
	defer cancel()
	go func() {
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				b.Reload([]string{"/tech-development/backend/"})
			}
		}
	}()

	var issued, done, failed atomic.Int64
	var firstErr sync.Once
	start := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for ctx.Err() == nil {
				n := issued.Add(1)
				if n > maxRequests {
					return
				}
				tg := targets[int(n)%len(targets)]
				res, err := client.Get(base + tg.path)
				if err == nil {
					_, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if err == nil && res.StatusCode != tg.status {
						err = &statusError{tg.path, res.StatusCode, tg.status}
					}
				}
				if err != nil {
					if ctx.Err() != nil {
						return // the time is up: not the server's fault
					}
					failed.Add(1)
					firstErr.Do(func() { t.Errorf("first error: %v", err) })
				}
				done.Add(1)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	t.Logf("%d requests in %v with %d workers (%d event streams open): %.0f requests/s, %d errors",
		done.Load(), elapsed.Round(time.Millisecond), workers, streams,
		float64(done.Load())/elapsed.Seconds(), failed.Load())
	if failed.Load() > 0 {
		t.Errorf("%d errors", failed.Load())
	}
}

type statusError struct {
	path      string
	got, want int
}

func (e *statusError) Error() string {
	return "GET " + e.path + ": status " + http.StatusText(e.got) + ", want " + http.StatusText(e.want)
}
