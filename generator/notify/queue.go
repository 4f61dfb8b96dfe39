package notify

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"rolesite/generator/diag"
	"rolesite/internal/atomicfile"
)

// QueueFormat is the "format" of every queue file Run writes.
const QueueFormat = "rolesite-notify-queue/1"

// queue is what waits to be sent, and the quota used on Day.
type queue struct {
	Format string `json:"format"`
	// Day is the UTC day (2006-01-02) that Sent counts; "" before the
	// first Indexing API request.
	Day string `json:"day"`
	// Sent is the Indexing API requests sent on Day.
	Sent int `json:"sent"`
	// IndexNow are the URLs IndexNow has yet to take, each once, oldest
	// first.
	IndexNow []string `json:"indexnow"`
	// Google are the postings the Indexing API has yet to take, one per
	// URL (the latest), oldest first.
	Google []Posting `json:"google"`
}

// readQueue reads the queue file at path; a missing file is an empty
// queue.
func readQueue(path string) (*queue, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &queue{Format: QueueFormat, IndexNow: []string{}, Google: []Posting{}}, nil
	}
	if err != nil {
		return nil, diag.Fail(err, diag.QueueRead, path)
	}
	q, err := parseQueue(data)
	if err != nil {
		return nil, diag.Fail(nil, diag.QueueNotOurs, path, err)
	}
	return q, nil
}

// parseQueue reads a queue file's bytes. It accepts only what write
// writes: the format mark, a day, a count that is not negative, absolute
// http(s) URLs each at most once per list, and postings of the two types.
func parseQueue(data []byte) (*queue, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var q queue
	if err := dec.Decode(&q); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("more than one JSON value")
	}
	if q.Format != QueueFormat {
		return nil, fmt.Errorf("format %q, want %q", q.Format, QueueFormat)
	}
	if q.Day != "" {
		if _, err := time.Parse(time.DateOnly, q.Day); err != nil {
			return nil, fmt.Errorf("day %q is not a date", q.Day)
		}
	}
	if q.Sent < 0 {
		return nil, fmt.Errorf("sent %d is negative", q.Sent)
	}
	seen := map[string]bool{}
	for _, u := range q.IndexNow {
		if err := checkURL(u, seen); err != nil {
			return nil, fmt.Errorf("indexnow: %w", err)
		}
	}
	clear(seen)
	for _, p := range q.Google {
		if err := checkURL(p.URL, seen); err != nil {
			return nil, fmt.Errorf("google: %w", err)
		}
		if p.Type != URLUpdated && p.Type != URLDeleted {
			return nil, fmt.Errorf("google: type %q of %s is neither %s nor %s", p.Type, p.URL, URLUpdated, URLDeleted)
		}
	}
	if q.IndexNow == nil {
		q.IndexNow = []string{}
	}
	if q.Google == nil {
		q.Google = []Posting{}
	}
	return &q, nil
}

// checkURL refuses u unless it is an absolute http(s) URL not in seen, and
// adds it.
func checkURL(u string, seen map[string]bool) error {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return fmt.Errorf("%q is not an absolute http or https URL", u)
	}
	if seen[u] {
		return fmt.Errorf("%s is listed twice", u)
	}
	seen[u] = true
	return nil
}

// addPages queues each of urls for IndexNow that is not queued yet.
func (q *queue) addPages(urls []string) {
	have := make(map[string]bool, len(q.IndexNow))
	for _, u := range q.IndexNow {
		have[u] = true
	}
	for _, u := range urls {
		if !have[u] {
			have[u] = true
			q.IndexNow = append(q.IndexNow, u)
		}
	}
}

// addPostings queues each of ps for the Indexing API. A posting replaces
// one queued for the same URL, which the service would only be told to
// forget or fetch again: a deletion after an update sends the deletion
// alone, an update after an update one update.
func (q *queue) addPostings(ps []Posting) {
	if len(ps) == 0 {
		return
	}
	latest := make(map[string]int, len(ps))
	for i, p := range ps {
		latest[p.URL] = i
	}
	kept := q.Google[:0]
	for _, p := range q.Google {
		if _, replaced := latest[p.URL]; !replaced {
			kept = append(kept, p)
		}
	}
	for i, p := range ps {
		if latest[p.URL] == i {
			kept = append(kept, p)
		}
	}
	q.Google = kept
}

// use counts the quota of day (time.DateOnly): a new day starts at 0.
func (q *queue) use(day string) {
	if q.Day != day {
		q.Day, q.Sent = day, 0
	}
}

// write replaces the queue file at path atomically: a new file beside it,
// synced, renamed over it.
func (q *queue) write(path string) error {
	data, err := json.MarshalIndent(q, "", "  ")
	if err != nil {
		return diag.Fail(err, diag.QueueWrite, path)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return diag.Fail(err, diag.QueueWrite, path)
	}
	if err := atomicfile.Write(path, append(data, '\n'), true); err != nil {
		return diag.Fail(err, diag.QueueWrite, path)
	}
	return nil
}
