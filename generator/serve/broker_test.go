package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const eventWait = 5 * time.Second

// event is one Server-Sent Event as a client parses it.
type event struct {
	name, data string
}

// stream is a client connected to the event stream.
type stream struct {
	events chan event // closed when the stream ends
	cancel context.CancelFunc
}

// connect opens the event stream of the server at base and returns once the
// server has subscribed it (it read the server's first, data-less block).
func connect(t *testing.T, client *http.Client, base string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	req, err := http.NewRequestWithContext(ctx, "GET", base+EventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := client.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" ||
		res.Header.Get("Cache-Control") != "no-store" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
		cancel()
		t.Fatalf("event stream: %s %v", res.Status, res.Header)
	}
	r := bufio.NewReader(res.Body)
	if _, ok := readEvent(r); !ok {
		cancel()
		t.Fatal("stream ended before its first block")
	}
	s := &stream{events: make(chan event, 64), cancel: cancel}
	go func() {
		defer close(s.events)
		defer res.Body.Close()
		for {
			ev, ok := readEvent(r)
			if !ok {
				return
			}
			if ev.name != "" || ev.data != "" {
				s.events <- ev
			}
		}
	}()
	t.Cleanup(cancel)
	return s
}

// readEvent reads one block up to a blank line; comments and retry: lines
// leave name and data empty.
func readEvent(r *bufio.Reader) (ev event, ok bool) {
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return ev, false
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			return ev, true
		case strings.HasPrefix(line, "event: "):
			ev.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			ev.data = strings.TrimPrefix(line, "data: ")
		}
	}
}

// next returns the stream's next event; ok is false when the stream ended.
func (s *stream) next(t *testing.T) (ev event, ok bool) {
	t.Helper()
	select {
	case ev, ok = <-s.events:
		return ev, ok
	case <-time.After(eventWait):
		t.Fatal("no event")
		return ev, false
	}
}

func (s *stream) want(t *testing.T, name, data string) {
	t.Helper()
	ev, ok := s.next(t)
	if !ok {
		t.Fatalf("stream ended, want %s %s", name, data)
	}
	if ev.name != name || ev.data != data {
		t.Fatalf("event %s %s, want %s %s", ev.name, ev.data, name, data)
	}
}

// none checks that no event comes within a short while.
func (s *stream) none(t *testing.T) {
	t.Helper()
	select {
	case ev, ok := <-s.events:
		t.Fatalf("unexpected event %v (open %v)", ev, ok)
	case <-time.After(100 * time.Millisecond):
	}
}

// failData is the data of the "fail" event Fail("Build failed", text) sends.
func failData(text string) string {
	b, _ := json.Marshal(failure{Title: "Build failed", Text: text})
	return string(b)
}

// newTestServer serves a site with a new broker on a real socket.
func newTestServer(t *testing.T) (*httptest.Server, *Broker) {
	t.Helper()
	b := NewBroker()
	ts := httptest.NewServer(New(site(t), b))
	t.Cleanup(func() {
		b.Close()
		ts.Close()
	})
	return ts, b
}

func TestBrokerReload(t *testing.T) {
	ts, b := newTestServer(t)
	s := connect(t, ts.Client(), ts.URL)
	b.Reload([]string{"/tech-development/backend-entwickler/"})
	s.want(t, "reload", `["/tech-development/backend-entwickler/"]`)
	b.Reload(nil)
	s.want(t, "reload", `[]`)
	b.Reload([]string{"/a/", "/b/"})
	s.want(t, "reload", `["/a/","/b/"]`)
}

func TestBrokerFail(t *testing.T) {
	ts, b := newTestServer(t)
	s := connect(t, ts.Client(), ts.URL)
	text := "content/roles/backend.md:4:1: unknown key \"titel\" (did you mean \"title\"?)\n<img src=x onerror=alert(1)>"
	b.Fail("Build failed", text)
	s.want(t, "fail", failData(text))

	// A page opened while the build fails gets the error at once.
	late := connect(t, ts.Client(), ts.URL)
	late.want(t, "fail", failData(text))

	// The next failure replaces it; a good build ends it.
	b.Fail("Build failed", "second error")
	s.want(t, "fail", failData("second error"))
	late.want(t, "fail", failData("second error"))
	b.Reload([]string{"/"})
	s.want(t, "reload", `["/"]`)
	late.want(t, "reload", `["/"]`)

	// Opened after the good build: no error.
	fresh := connect(t, ts.Client(), ts.URL)
	fresh.none(t)
	b.Reload(nil)
	fresh.want(t, "reload", "[]")
}

func TestBrokerDropsFullClient(t *testing.T) {
	b := NewBroker()
	defer b.Close()
	slow, _ := b.subscribe()
	fast, _ := b.subscribe()
	done := make(chan struct{})
	got := 0
	go func() {
		defer close(done)
		for range fast.ch {
			got++
		}
	}()
	start := time.Now()
	for i := range 1000 {
		b.Reload([]string{fmt.Sprintf("/%d/", i)})
		// Let the fast reader keep up; the slow one never reads.
		for len(fast.ch) > 0 {
			time.Sleep(time.Microsecond)
		}
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("1000 reloads took %v", d)
	}
	if n := b.clientCount(); n != 1 {
		t.Fatalf("%d clients, want 1: the slow one dropped", n)
	}
	// The slow client's channel holds what fit, then is closed.
	n := 0
	for range slow.ch {
		n++
	}
	if n != b.buffer {
		t.Errorf("slow client got %d events, want its buffer of %d", n, b.buffer)
	}
	b.Close()
	<-done
	if got != 1000 {
		t.Errorf("fast client got %d events, want 1000", got)
	}
	b.unsubscribe(slow) // no double close
}

// TestBrokerSlowClientOverHTTP connects a client that never reads its
// stream. Once the socket buffers and its event buffer are full, the broker
// drops it; Fail never blocks, and a reading client gets every event.
func TestBrokerSlowClientOverHTTP(t *testing.T) {
	ts, b := newTestServer(t)
	fast := connect(t, ts.Client(), ts.URL)

	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.(*net.TCPConn).SetReadBuffer(4096)
	io.WriteString(conn, "GET "+EventsPath+" HTTP/1.1\r\nHost: localhost\r\n\r\n")
	for deadline := time.Now().Add(eventWait); b.clientCount() != 2; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the slow client did not connect")
		}
	}

	big := strings.Repeat("x", 256<<10)
	sent := 0
	for b.clientCount() == 2 {
		if sent == 400 {
			t.Fatal("the slow client was never dropped")
		}
		start := time.Now()
		b.Fail("Build failed", fmt.Sprint(sent, big))
		if d := time.Since(start); d > time.Second {
			t.Fatalf("Fail blocked for %v", d)
		}
		ev, ok := fast.next(t)
		if !ok || ev.name != "fail" || !strings.HasPrefix(ev.data, fmt.Sprintf(`{"title":"Build failed","text":"%d`, sent)) {
			t.Fatalf("fast client: event %d is %.20q (open %v)", sent, ev.data, ok)
		}
		sent++
	}
	t.Logf("slow client dropped after %d events of %d KiB", sent, len(big)>>10)
	b.Reload([]string{"/"})
	fast.want(t, "reload", `["/"]`)
}

func TestBrokerCloseEndsStreams(t *testing.T) {
	ts, b := newTestServer(t)
	streams := []*stream{connect(t, ts.Client(), ts.URL), connect(t, ts.Client(), ts.URL)}
	b.Close()
	for i, s := range streams {
		if ev, ok := s.next(t); ok {
			t.Errorf("stream %d: event %v after Close", i, ev)
		}
	}
	b.Close() // twice is fine
	b.Reload(nil)
	b.Fail("Build failed", "after close")
	res, err := ts.Client().Get(ts.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("after Close: %s, want 503", res.Status)
	}
}

func TestBrokersAreIndependent(t *testing.T) {
	ts1, b1 := newTestServer(t)
	ts2, b2 := newTestServer(t)
	s1, s2 := connect(t, ts1.Client(), ts1.URL), connect(t, ts2.Client(), ts2.URL)
	b1.Fail("Build failed", "only one")
	s1.want(t, "fail", failData("only one"))
	s2.none(t)
	b2.Reload(nil)
	s2.want(t, "reload", "[]")
	s1.none(t)
}

func TestBroker200Clients(t *testing.T) {
	const n = 200
	ts, b := newTestServer(t)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	defer client.CloseIdleConnections()
	streams := make([]*stream, n)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []string
	for i := range n {
		wg.Go(func() {
			ctx, cancel := context.WithCancel(t.Context())
			defer func() {
				if streams[i] == nil {
					cancel()
				}
			}()
			req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+EventsPath, nil)
			res, err := client.Do(req)
			if err != nil {
				mu.Lock()
				errs = append(errs, err.Error())
				mu.Unlock()
				return
			}
			r := bufio.NewReader(res.Body)
			if _, ok := readEvent(r); !ok {
				return
			}
			s := &stream{events: make(chan event, 4), cancel: cancel}
			go func() {
				defer close(s.events)
				defer res.Body.Close()
				for {
					ev, ok := readEvent(r)
					if !ok {
						return
					}
					if ev.name != "" {
						s.events <- ev
					}
				}
			}()
			streams[i] = s
		})
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("%d clients failed to connect: %s", len(errs), errs[0])
	}
	if c := b.clientCount(); c != n {
		t.Fatalf("%d clients connected, want %d", c, n)
	}
	b.Fail("Build failed", "broken")
	b.Reload([]string{"/x/"})
	for i, s := range streams {
		if s == nil {
			t.Fatalf("client %d did not connect", i)
		}
		s.want(t, "fail", failData("broken"))
		s.want(t, "reload", `["/x/"]`)
	}
	// Closing ends every stream.
	b.Close()
	for i, s := range streams {
		if ev, ok := s.next(t); ok {
			t.Fatalf("client %d: %v after Close", i, ev)
		}
		s.cancel()
	}
}

func TestBrokerHead(t *testing.T) {
	ts, _ := newTestServer(t)
	res, err := ts.Client().Head(ts.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" {
		t.Errorf("HEAD events: %s %v", res.Status, res.Header)
	}
}

// clientCount returns the number of connected clients.
func (b *Broker) clientCount() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.clients)
}
