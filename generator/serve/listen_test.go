package serve

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// listen runs ListenAndServe on a free port and returns its URL and a
// function that stops it and returns its error.
func listen(t *testing.T, h http.Handler) (url string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	urls, done := make(chan string, 1), make(chan error, 1)
	go func() { done <- ListenAndServe(ctx, "127.0.0.1:0", h, func(u string) { urls <- u }) }()
	select {
	case url = <-urls:
	case err := <-done:
		cancel()
		t.Fatalf("ListenAndServe: %v", err)
	}
	stopped := false
	var err error
	stop = func() error {
		if !stopped {
			stopped = true
			cancel()
			select {
			case err = <-done:
			case <-time.After(2 * shutdownTimeout):
				t.Fatal("ListenAndServe did not return after the context was done")
			}
		}
		return err
	}
	t.Cleanup(func() { stop() })
	return url, stop
}

func TestListenAndServe(t *testing.T) {
	b := NewBroker()
	defer b.Close()
	url, stop := listen(t, New(site(t), b))
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, "/") || strings.HasSuffix(url, ":0/") {
		t.Fatalf("url %q", url)
	}
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "Karriere") || !strings.Contains(string(body), ScriptTag) {
		t.Fatalf("GET /: %s %q", res.Status, body)
	}

	// An open event stream does not hold up the shutdown.
	s := connect(t, http.DefaultClient, strings.TrimSuffix(url, "/"))
	start := time.Now()
	if err := stop(); err != nil {
		t.Errorf("ListenAndServe = %v, want nil", err)
	}
	if d := time.Since(start); d > shutdownTimeout/2 {
		t.Errorf("shutdown took %v", d)
	}
	if ev, ok := s.next(t); ok {
		t.Errorf("event %v after shutdown", ev)
	}
	if _, err := http.Get(url); err == nil {
		t.Error("server still answers after shutdown")
	}
}

func TestListenAndServeAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	called := false
	err = ListenAndServe(t.Context(), ln.Addr().String(), http.NotFoundHandler(), func(string) { called = true })
	if err == nil || !strings.Contains(err.Error(), "address already in use") || called {
		t.Errorf("ListenAndServe on a used port = %v (ready called: %v)", err, called)
	}
}

func TestWithPort(t *testing.T) {
	tests := map[string]string{
		"":               "127.0.0.1:" + DefaultPort,
		"127.0.0.1":      "127.0.0.1:" + DefaultPort,
		"localhost":      "localhost:" + DefaultPort,
		"::1":            "[::1]:" + DefaultPort,
		"[::1]":          "[::1]:" + DefaultPort,
		"127.0.0.1:0":    "127.0.0.1:0",
		"127.0.0.1:8080": "127.0.0.1:8080",
		":8080":          ":8080",
		"[::1]:9000":     "[::1]:9000",
	}
	for in, want := range tests {
		if got := withPort(in); got != want {
			t.Errorf("withPort(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestURLOf(t *testing.T) {
	tests := map[string]string{
		"127.0.0.1:1717": "http://127.0.0.1:1717/",
		"0.0.0.0:1717":   "http://localhost:1717/",
		"[::]:1717":      "http://localhost:1717/",
		"[::1]:1717":     "http://[::1]:1717/",
	}
	for in, want := range tests {
		addr, err := net.ResolveTCPAddr("tcp", in)
		if err != nil {
			t.Fatal(err)
		}
		if got := urlOf(addr); got != want {
			t.Errorf("urlOf(%s) = %q, want %q", in, got, want)
		}
	}
}
