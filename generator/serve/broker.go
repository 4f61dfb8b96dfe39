package serve

import (
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"time"
)

// Broker fans reload and build-error events out to the browsers connected to
// its event stream (Server-Sent Events). It is a value, not a package global:
// two brokers, and two servers, can live in one process. Its methods are safe
// for concurrent use; Reload and Fail never block, whatever the clients do.
//
// A client that does not keep up (its buffer of pending events is full) is
// dropped: its stream ends, and the browser's EventSource reconnects and
// reloads the page, so it misses nothing that matters.
type Broker struct {
	mu      sync.Mutex
	clients map[*client]struct{}
	failure *message // the fail event of the current failing build, nil while builds are good
	closed  bool

	buffer       int           // events a client may have pending before it is dropped
	writeTimeout time.Duration // longest a write to one client may block
	keepAlive    time.Duration // a comment is sent after this much silence
}

// message is one Server-Sent Event; data is JSON, so it has no newline.
type message struct {
	event, data string
}

// client is one connected stream. Only the Broker closes ch, under its lock,
// when it drops the client, unsubscribes it or closes.
type client struct {
	ch chan message
}

// NewBroker returns a Broker without clients, whose builds are good.
func NewBroker() *Broker {
	return &Broker{
		clients:      make(map[*client]struct{}),
		buffer:       16,
		writeTimeout: 10 * time.Second,
		keepAlive:    30 * time.Second,
	}
}

// Reload tells every client that the pages at these URL paths changed (for
// example "/tech-development/backend-entwickler/"); a page whose path is among
// them reloads. Empty paths reload every page. Reload also ends a failing
// state: clients showing the error overlay reload whatever the paths.
func (b *Broker) Reload(changedPaths []string) {
	if changedPaths == nil {
		changedPaths = []string{}
	}
	data, _ := json.Marshal(changedPaths) // []string always marshals
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failure = nil
	b.broadcast(message{event: "reload", data: string(data)})
}

// Fail tells every client that the build is failing: they show title and
// errText in an overlay until the next Reload. Clients that connect while
// the build is failing get them as soon as they connect.
func (b *Broker) Fail(title, errText string) {
	data, _ := json.Marshal(failure{Title: title, Text: errText}) // strings always marshal
	m := message{event: "fail", data: string(data)}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failure = &m
	b.broadcast(m)
}

// failure is the data of a "fail" event: the overlay's heading and the
// error text, both already in the site's language.
type failure struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Close ends every stream; clients that connect later are refused with 503.
// Close may be called more than once.
func (b *Broker) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.closed = true
	for c := range b.clients {
		close(c.ch)
	}
	b.clients = nil
}

// broadcast sends m to every client without blocking and drops the clients
// whose buffer is full. b.mu must be held.
func (b *Broker) broadcast(m message) {
	for c := range b.clients {
		select {
		case c.ch <- m:
		default:
			delete(b.clients, c)
			close(c.ch)
		}
	}
}

// subscribe adds a client; ok is false once the broker is closed. A client
// that joins a failing build finds the error in its channel.
func (b *Broker) subscribe() (c *client, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, false
	}
	c = &client{ch: make(chan message, b.buffer)}
	if b.failure != nil {
		c.ch <- *b.failure
	}
	b.clients[c] = struct{}{}
	return c, true
}

// unsubscribe removes a client unless it was dropped already.
func (b *Broker) unsubscribe(c *client) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.clients[c]; ok {
		delete(b.clients, c)
		close(c.ch)
	}
}

// ServeHTTP serves the event stream: "reload" events whose data is a JSON
// array of URL paths, and "fail" events whose data is a JSON object with
// the overlay's title and the error text. The stream ends when the client goes, when it is dropped for
// falling behind, when a write to it blocks for too long, or on Close.
func (b *Broker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no") // ask proxies not to buffer the stream
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	c, ok := b.subscribe()
	if !ok {
		http.Error(w, "server is shutting down", http.StatusServiceUnavailable)
		return
	}
	defer b.unsubscribe(c)

	rc := http.NewResponseController(w)
	// Ending the response writes too; a deadline set for an earlier write
	// must not cut it.
	defer rc.SetWriteDeadline(time.Time{})
	write := func(s string) error {
		// A client that stopped reading must not hold this goroutine
		// forever; recorders in tests do not support deadlines.
		_ = rc.SetWriteDeadline(time.Now().Add(b.writeTimeout))
		if _, err := io.WriteString(w, s); err != nil {
			return err
		}
		return rc.Flush()
	}
	w.WriteHeader(http.StatusOK)
	if write("retry: 1000\n: connected\n\n") != nil {
		return
	}
	ping := time.NewTicker(b.keepAlive)
	defer ping.Stop()
	for {
		var s string
		select {
		case <-r.Context().Done():
			return
		case m, ok := <-c.ch:
			if !ok {
				return
			}
			s = "event: " + m.event + "\ndata: " + m.data + "\n\n"
		case <-ping.C:
			s = ": ping\n\n"
		}
		if write(s) != nil {
			return
		}
	}
}
