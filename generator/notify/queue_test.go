package notify

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestParseQueue: the parser takes what write writes and refuses, with a
// reason, anything else.
func TestParseQueue(t *testing.T) {
	for _, tt := range []struct{ name, data, err string }{
		{"empty queue", `{"format":"rolesite-notify-queue/1","day":"","sent":0,"indexnow":[],"google":[]}`, ""},
		{"full", `{"format":"rolesite-notify-queue/1","day":"2026-12-04","sent":3,"indexnow":["https://a.example/"],"google":[{"url":"https://a.example/x/","type":"URL_DELETED"}]}`, ""},
		{"null lists", `{"format":"rolesite-notify-queue/1","day":"","sent":0,"indexnow":null,"google":null}`, ""},
		{"not JSON", `{`, "unexpected EOF"},
		{"two values", `{"format":"rolesite-notify-queue/1"} {}`, "more than one JSON value"},
		{"no format", `{"day":""}`, `format "", want "rolesite-notify-queue/1"`},
		{"unknown key", `{"format":"rolesite-notify-queue/1","extra":1}`, `unknown field "extra"`},
		{"bad day", `{"format":"rolesite-notify-queue/1","day":"2026-13-01"}`, `day "2026-13-01" is not a date`},
		{"negative", `{"format":"rolesite-notify-queue/1","sent":-1}`, "sent -1 is negative"},
		{"relative URL", `{"format":"rolesite-notify-queue/1","indexnow":["/a/"]}`, `indexnow: "/a/" is not an absolute http or https URL`},
		{"twice", `{"format":"rolesite-notify-queue/1","indexnow":["https://a.example/","https://a.example/"]}`, "indexnow: https://a.example/ is listed twice"},
		{"posting twice", `{"format":"rolesite-notify-queue/1","google":[{"url":"https://a.example/","type":"URL_UPDATED"},{"url":"https://a.example/","type":"URL_DELETED"}]}`, "google: https://a.example/ is listed twice"},
		{"bad type", `{"format":"rolesite-notify-queue/1","google":[{"url":"https://a.example/","type":"URL_GONE"}]}`, `google: type "URL_GONE" of https://a.example/ is neither`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseQueue([]byte(tt.data))
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Fatalf("error %v, want %q", err, tt.err)
			}
		})
	}
}

// TestQueueWriteRead: a written queue reads back the same.
func TestQueueWriteRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "notify-queue.json")
	q := &queue{Format: QueueFormat, Day: "2026-12-04", Sent: 7, IndexNow: []string{"https://a.example/"}, Google: []Posting{{"https://a.example/x/", URLUpdated}}}
	if err := q.write(path); err != nil {
		t.Fatal(err)
	}
	got, err := readQueue(path)
	if err != nil || !reflect.DeepEqual(got, q) {
		t.Fatalf("read back %+v, %v", got, err)
	}
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*tmp*"))
	if len(matches) != 0 {
		t.Errorf("temporary files left: %q", matches)
	}
}

// FuzzParseQueue: the parser never panics, and what it accepts writes
// back to bytes it accepts as the same queue.
func FuzzParseQueue(f *testing.F) {
	f.Add([]byte(`{"format":"rolesite-notify-queue/1","day":"2026-12-04","sent":3,"indexnow":["https://a.example/"],"google":[{"url":"https://a.example/x/","type":"URL_DELETED"}]}`))
	f.Add([]byte(`{"format":"rolesite-notify-queue/1","google":[{"url":"http://[::1]/","type":"URL_UPDATED"}]}`))
	f.Add([]byte(`{"format":"rolesite-notify-queue/1","indexnow":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := parseQueue(data)
		if err != nil {
			return
		}
		out, err := json.Marshal(q)
		if err != nil {
			t.Fatal(err)
		}
		again, err := parseQueue(out)
		if err != nil {
			t.Fatalf("refuses what it wrote: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(q, again) {
			t.Fatalf("round trip changed the queue:\n%+v\n%+v", q, again)
		}
	})
}
