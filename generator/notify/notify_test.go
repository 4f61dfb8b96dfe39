package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"rolesite/generator"
	"rolesite/generator/diag"
)

const (
	testBase = "https://karriere.example/"
	testKey  = "3f2a9c1e6b7d4e0fa1b2c3d4e5f60718"
)

// rig is a run's configuration against fake IndexNow, token and publish
// servers, with a fake clock.
type rig struct {
	idx, tok, pub *server
	acc           *account
	clk           *clock
	cfg           Config
}

// newRig starts the servers; idx and pub script IndexNow's and the
// publish endpoint's answers.
func newRig(t *testing.T, idx, pub []reply) *rig {
	t.Helper()
	r := &rig{acc: newAccount(t), clk: &clock{now: time.Date(2026, 12, 4, 21, 0, 0, 0, time.UTC)}}
	r.idx, r.pub = newServer(t, idx...), newServer(t, pub...)
	r.tok = tokenServer(t, r.acc)
	r.cfg = Config{
		BaseURL: testBase, IndexNowKey: testKey, IndexNowEndpoint: r.idx.URL + "/indexnow",
		Credentials: r.acc.path, TokenURL: r.tok.URL + "/token", PublishURL: r.pub.URL + "/v3/urlNotifications:publish",
		Quota: DefaultQuota, Queue: filepath.Join(t.TempDir(), "state", "notify-queue.json"),
		Now: r.clk.Now, Sleep: r.clk.Sleep,
	}
	return r
}

// indexNowBodies checks every IndexNow request (method, path, content
// type, host, key, keyLocation) and returns their URL lists.
func indexNowBodies(t *testing.T, s *server) [][]string {
	t.Helper()
	var lists [][]string
	for _, r := range s.requests() {
		if r.Method != http.MethodPost || r.Path != "/indexnow" || r.ContentType != "application/json; charset=utf-8" || r.Auth != "" {
			t.Errorf("IndexNow request %s %s (%q, auth %q), want POST /indexnow application/json; charset=utf-8 without auth", r.Method, r.Path, r.ContentType, r.Auth)
		}
		var body indexNowRequest
		dec := json.NewDecoder(bytes.NewReader(r.Body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&body); err != nil {
			t.Fatalf("IndexNow body %s: %v", r.Body, err)
		}
		if body.Host != "karriere.example" || body.Key != testKey || body.KeyLocation != testBase+testKey+".txt" {
			t.Errorf("IndexNow host %q key %q keyLocation %q", body.Host, body.Key, body.KeyLocation)
		}
		lists = append(lists, body.URLList)
	}
	return lists
}

// bearer is the Authorization of a token the token server gave.
var bearer = regexp.MustCompile(`^Bearer test-token-[0-9]+$`)

// published checks every publish request (method, path, content type,
// Bearer token of the token server) and returns their bodies.
func published(t *testing.T, s *server) []Posting {
	t.Helper()
	var out []Posting
	for _, r := range s.requests() {
		if r.Method != http.MethodPost || r.Path != "/v3/urlNotifications:publish" || r.ContentType != "application/json; charset=utf-8" {
			t.Errorf("publish request %s %s (%q)", r.Method, r.Path, r.ContentType)
		}
		if !bearer.MatchString(r.Auth) {
			t.Errorf("publish Authorization %q, want Bearer test-token-N from the token server", r.Auth)
		}
		var p Posting
		dec := json.NewDecoder(bytes.NewReader(r.Body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p); err != nil {
			t.Fatalf("publish body %s: %v", r.Body, err)
		}
		out = append(out, p)
	}
	return out
}

// readBack returns the queue file's contents.
func readBack(t *testing.T, path string) *queue {
	t.Helper()
	q, err := readQueue(path)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestFromReport(t *testing.T) {
	u := func(p string) string { return testBase + p }
	rep := &generator.ChangeReport{
		BaseURL: testBase,
		Added:   []generator.ChangedURL{{URL: u("tech/neu/"), JobPosting: true}, {URL: u("vertrieb/")}},
		Updated: []generator.ChangedURL{{URL: testBase}, {URL: u("tech/geaendert/"), JobPosting: true}, {URL: u("tech/abgelaufen/"), JobPostingEnded: true}},
		Removed: []generator.ChangedURL{{URL: u("tech/entfernt/"), JobPostingEnded: true}, {URL: u("alt/")}},
	}
	got := FromReport(rep)
	want := Batch{
		Pages: []string{u("tech/neu/"), u("vertrieb/"), testBase, u("tech/geaendert/"), u("tech/abgelaufen/"), u("tech/entfernt/"), u("alt/")},
		Postings: []Posting{
			{u("tech/neu/"), URLUpdated}, {u("tech/geaendert/"), URLUpdated},
			{u("tech/abgelaufen/"), URLDeleted}, {u("tech/entfernt/"), URLDeleted},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FromReport:\n got %+v\nwant %+v", got, want)
	}
	if b := FromReport(nil); b.Pages != nil || b.Postings != nil {
		t.Errorf("FromReport(nil) = %+v", b)
	}
}

// TestRunSends: added, updated and removed pages go to IndexNow in one
// POST, the postings to the Indexing API with one token, and the queue is
// empty after.
func TestRunSends(t *testing.T) {
	for _, status := range []int{200, 202} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			r := newRig(t, []reply{{status: status}}, nil)
			batch := Batch{
				Pages:    []string{testBase + "a/", testBase + "b/", testBase + "c/"},
				Postings: []Posting{{testBase + "a/", URLUpdated}, {testBase + "c/", URLDeleted}},
			}
			rep, err := Run(t.Context(), r.cfg, batch)
			if err != nil {
				t.Fatal(err)
			}
			if want := (Report{IndexNowURLs: 3, IndexNowPosts: 1, Updated: 1, Deleted: 1}); rep != want {
				t.Errorf("report %+v, want %+v", rep, want)
			}
			if got := indexNowBodies(t, r.idx); !reflect.DeepEqual(got, [][]string{batch.Pages}) {
				t.Errorf("IndexNow got %q", got)
			}
			if got := published(t, r.pub); !reflect.DeepEqual(got, batch.Postings) {
				t.Errorf("published %+v", got)
			}
			if n := len(r.tok.requests()); n != 1 {
				t.Errorf("%d token requests, want 1", n)
			}
			q := readBack(t, r.cfg.Queue)
			if len(q.IndexNow)+len(q.Google) != 0 || q.Sent != 2 || q.Day != "2026-12-04" {
				t.Errorf("queue after %+v", q)
			}
		})
	}
}

// TestRunTokenURIFromKeyFile: without a token URL override the key file's
// token_uri is where the JWT goes, and its audience.
func TestRunTokenURIFromKeyFile(t *testing.T) {
	r := newRig(t, nil, nil)
	r.acc.write(t, r.tok.URL+"/token")
	r.cfg.TokenURL = ""
	r.cfg.IndexNowKey = ""
	if _, err := Run(t.Context(), r.cfg, Batch{Postings: []Posting{{testBase + "a/", URLUpdated}}}); err != nil {
		t.Fatal(err)
	}
	if n := len(r.tok.requests()); n != 1 {
		t.Errorf("%d token requests, want 1", n)
	}
	if len(r.idx.requests()) != 0 {
		t.Error("IndexNow was told without a key")
	}
}

// TestRunSplitsIndexNow: more than 10,000 URLs take one POST per 10,000.
func TestRunSplitsIndexNow(t *testing.T) {
	r := newRig(t, nil, nil)
	r.cfg.Credentials = ""
	var pages []string
	for i := range MaxURLsPerPost*2 + 5 {
		pages = append(pages, fmt.Sprintf("%srolle-%05d/", testBase, i))
	}
	rep, err := Run(t.Context(), r.cfg, Batch{Pages: pages})
	if err != nil {
		t.Fatal(err)
	}
	lists := indexNowBodies(t, r.idx)
	if len(lists) != 3 || len(lists[0]) != MaxURLsPerPost || len(lists[1]) != MaxURLsPerPost || len(lists[2]) != 5 {
		t.Fatalf("POST sizes %d", len(lists))
	}
	if !reflect.DeepEqual(append(append(lists[0], lists[1]...), lists[2]...), pages) {
		t.Error("the POSTs do not carry every URL once, in order")
	}
	if rep.IndexNowURLs != len(pages) || rep.IndexNowPosts != 3 || rep.Waiting != 0 {
		t.Errorf("report %+v", rep)
	}
}

// TestRunIndexNowRefused: a status IndexNow documents as a refusal fails
// the run with its meaning, keeps the URLs queued, and the next run sends
// them.
func TestRunIndexNowRefused(t *testing.T) {
	for _, tt := range []struct {
		status int
		says   string
	}{
		{400, "bad request"},
		{403, "forbidden: the key is not valid; " + testBase + testKey + ".txt must be live"},
		{422, "unprocessable: the URLs do not belong to karriere.example"},
		{404, "an unexpected answer (404 Not Found: nope)"},
	} {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			r := newRig(t, []reply{{status: tt.status, body: "nope"}}, nil)
			r.cfg.Credentials = ""
			pages := []string{testBase + "a/", testBase + "b/"}
			rep, err := Run(t.Context(), r.cfg, Batch{Pages: pages})
			if err == nil || !strings.Contains(err.Error(), tt.says) || !strings.Contains(err.Error(), fmt.Sprintf("answered %d for 2 URLs", tt.status)) {
				t.Fatalf("error %v, want %q", err, tt.says)
			}
			if de := diag.ErrorIn(err, diag.German); !strings.Contains(de, fmt.Sprintf("antwortete %d für 2 URLs", tt.status)) {
				t.Errorf("German: %s", de)
			}
			if len(r.idx.requests()) != 1 || rep.Waiting != 2 {
				t.Errorf("%d requests, report %+v; want 1 and 2 waiting", len(r.idx.requests()), rep)
			}
			if q := readBack(t, r.cfg.Queue); !reflect.DeepEqual(q.IndexNow, pages) {
				t.Errorf("queue %q", q.IndexNow)
			}
			// The next run, with nothing new, sends the queue.
			rep, err = Run(t.Context(), r.cfg, Batch{})
			if err != nil || rep.IndexNowURLs != 2 || rep.Waiting != 0 {
				t.Fatalf("second run: %+v, %v", rep, err)
			}
			if lists := indexNowBodies(t, r.idx); len(lists) != 2 || !reflect.DeepEqual(lists[1], pages) {
				t.Errorf("second run sent %q", lists)
			}
		})
	}
}

// TestRunQuota: the Indexing API gets at most Quota requests per UTC day,
// counted across runs; the rest waits and goes out on later days.
func TestRunQuota(t *testing.T) {
	r := newRig(t, nil, nil)
	r.cfg.IndexNowKey = ""
	r.cfg.Quota = 2
	var batch Batch
	for i := range 5 {
		batch.Postings = append(batch.Postings, Posting{fmt.Sprintf("%sr%d/", testBase, i), URLUpdated})
	}
	steps := []struct {
		advance time.Duration
		batch   Batch
		sent    int // total publish requests after the run
		waiting int
	}{
		{0, batch, 2, 3},
		{2 * time.Hour, Batch{}, 2, 3},    // 23:00 the same day: quota spent
		{90 * time.Minute, Batch{}, 4, 1}, // 00:30 the next UTC day
		{time.Hour, Batch{}, 4, 1},        // the same day again
		{24 * time.Hour, Batch{}, 5, 0},
	}
	for i, st := range steps {
		r.clk.now = r.clk.now.Add(st.advance)
		rep, err := Run(t.Context(), r.cfg, st.batch)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got := len(r.pub.requests()); got != st.sent || rep.Waiting != st.waiting {
			t.Errorf("step %d (%s): %d sent, %d waiting; want %d, %d", i, r.clk.now.Format(time.RFC3339), got, rep.Waiting, st.sent, st.waiting)
		}
	}
	if got := published(t, r.pub); !reflect.DeepEqual(got, batch.Postings) {
		t.Errorf("published %+v, want every posting once in order", got)
	}
	// Each run that sends gets its own token; the two that sent nothing
	// asked for none.
	if n := len(r.tok.requests()); n != 3 {
		t.Errorf("%d token requests, want 3", n)
	}
}

// TestRunQueueDeduplicates: a queued URL is told once, as its latest
// change says: a deletion after an update sends the deletion only.
func TestRunQueueDeduplicates(t *testing.T) {
	r := newRig(t, nil, nil)
	r.cfg.IndexNowKey = ""
	r.cfg.Quota = 0 // queue everything
	a, b, c := testBase+"a/", testBase+"b/", testBase+"c/"
	for _, batch := range []Batch{
		{Postings: []Posting{{a, URLUpdated}, {b, URLUpdated}}},
		{Postings: []Posting{{a, URLDeleted}, {c, URLUpdated}}},
		{Postings: []Posting{{c, URLUpdated}, {b, URLUpdated}}},
	} {
		if _, err := Run(t.Context(), r.cfg, batch); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(r.pub.requests()) + len(r.tok.requests()); n != 0 {
		t.Fatalf("%d requests with a quota of 0", n)
	}
	r.cfg.Quota = 10
	if _, err := Run(t.Context(), r.cfg, Batch{}); err != nil {
		t.Fatal(err)
	}
	want := []Posting{{a, URLDeleted}, {c, URLUpdated}, {b, URLUpdated}}
	if got := published(t, r.pub); !reflect.DeepEqual(got, want) {
		t.Errorf("published %+v, want %+v", got, want)
	}
}

// TestRunRetryAfter: 429 with Retry-After waits as long as asked, then
// sends again; 503 without it backs off exponentially.
func TestRunRetryAfter(t *testing.T) {
	r := newRig(t, []reply{{status: 429, retryAfter: "7"}, {status: 503}}, []reply{{status: 429, retryAfter: time.Date(2026, 12, 4, 21, 0, 20, 0, time.UTC).Format(http.TimeFormat)}})
	rep, err := Run(t.Context(), r.cfg, Batch{Pages: []string{testBase}, Postings: []Posting{{testBase + "a/", URLUpdated}}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.IndexNowURLs != 1 || rep.Updated != 1 || rep.Waiting != 0 {
		t.Errorf("report %+v", rep)
	}
	// IndexNow: 7s as asked, then 2s (the second retry's backoff); the
	// publish: until 21:00:20, 11s after the clock then stood at 21:00:09.
	if want := []time.Duration{7 * time.Second, 2 * time.Second, 11 * time.Second}; !reflect.DeepEqual(r.clk.slept, want) {
		t.Errorf("slept %v, want %v", r.clk.slept, want)
	}
	if len(indexNowBodies(t, r.idx)) != 3 || len(published(t, r.pub)) != 2 {
		t.Errorf("%d IndexNow, %d publish requests; want 3 and 2", len(r.idx.requests()), len(r.pub.requests()))
	}
}

// TestRunGivesUp: 500 three times gives up, keeps the queue, and says so;
// a Retry-After too long gives up at once.
func TestRunGivesUp(t *testing.T) {
	r := newRig(t, []reply{{status: 500}, {status: 500}, {status: 500}}, []reply{{status: 503, retryAfter: "3600"}})
	batch := Batch{Pages: []string{testBase}, Postings: []Posting{{testBase + "a/", URLUpdated}}}
	rep, err := Run(t.Context(), r.cfg, batch)
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{"answered 500 for 1 URLs: the server failed on all 3 tries (500 Internal Server Error)", "asks to wait 1h0m0s before trying again, longer than 2m0s"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if len(r.idx.requests()) != 3 || len(r.pub.requests()) != 1 || rep.Waiting != 2 {
		t.Errorf("%d IndexNow, %d publish requests, %d waiting; want 3, 1, 2", len(r.idx.requests()), len(r.pub.requests()), rep.Waiting)
	}
	if want := []time.Duration{time.Second, 2 * time.Second}; !reflect.DeepEqual(r.clk.slept, want) {
		t.Errorf("slept %v, want %v", r.clk.slept, want)
	}
	q := readBack(t, r.cfg.Queue)
	if !reflect.DeepEqual(q.IndexNow, batch.Pages) || !reflect.DeepEqual(q.Google, batch.Postings) || q.Sent != 0 {
		t.Errorf("queue %+v", q)
	}
}

// TestRunGoogleRefused: the publish's refusals and a failed token request
// fail the run and keep the posting.
func TestRunGoogleRefused(t *testing.T) {
	for _, tt := range []struct {
		name  string
		pub   []reply
		token bool // the token server refuses
		says  string
	}{
		{name: "403", pub: []reply{{status: 403, body: `{"error":{"message":"Permission denied"}}`}}, says: "the service account notify@rolesite-test.iam.gserviceaccount.com is not an owner of the site in Search Console (403 Forbidden: {\"error\":{\"message\":\"Permission denied\"}})"},
		{name: "429 thrice", pub: []reply{{status: 429}, {status: 429}, {status: 429}}, says: "over quota (429 Too Many Requests)"},
		{name: "500 thrice", pub: []reply{{status: 500}, {status: 500}, {status: 500}}, says: "answered 500 for URL_DELETED https://karriere.example/a/: the server failed on all 3 tries (500 Internal Server Error)"},
		{name: "token refused", token: true, says: "get an access token for notify@rolesite-test.iam.gserviceaccount.com from "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t, nil, tt.pub)
			r.cfg.IndexNowKey = ""
			if tt.token {
				r.tok.mu.Lock()
				r.tok.handle = func(w http.ResponseWriter, _ request) {
					http.Error(w, `{"error":"invalid_grant"}`, http.StatusBadRequest)
				}
				r.tok.mu.Unlock()
			}
			posting := Posting{testBase + "a/", URLDeleted}
			rep, err := Run(t.Context(), r.cfg, Batch{Postings: []Posting{posting}})
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("error %v, want %q", err, tt.says)
			}
			if tt.token && (len(r.tok.requests()) != 1 || len(r.pub.requests()) != 0) {
				t.Errorf("%d token, %d publish requests after a refused token; want 1 and 0", len(r.tok.requests()), len(r.pub.requests()))
			}
			if q := readBack(t, r.cfg.Queue); !reflect.DeepEqual(q.Google, []Posting{posting}) || rep.Waiting != 1 {
				t.Errorf("queue %+v, report %+v", q.Google, rep)
			}
		})
	}
}

// TestRunBadCredentials: a key file that is missing or no service
// account's is named in the error, and nothing is sent.
func TestRunBadCredentials(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ name, data, says string }{
		{"missing", "", "read the service-account key"},
		{"not JSON", "{", "is not a service-account key"},
		{"user credentials", `{"type":"authorized_user","client_id":"x"}`, `type "authorized_user"`},
		{"no key", `{"type":"service_account","client_email":"a@b"}`, "no private_key"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t, nil, nil)
			r.cfg.IndexNowKey = ""
			r.cfg.Credentials = filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".json")
			if tt.data != "" {
				os.WriteFile(r.cfg.Credentials, []byte(tt.data), 0o600)
			}
			_, err := Run(t.Context(), r.cfg, Batch{Postings: []Posting{{testBase, URLUpdated}}})
			if err == nil || !strings.Contains(err.Error(), tt.says) || !strings.Contains(err.Error(), r.cfg.Credentials) {
				t.Fatalf("error %v, want %q and the path", err, tt.says)
			}
			if len(r.pub.requests())+len(r.tok.requests()) != 0 {
				t.Error("sent with bad credentials")
			}
		})
	}
}

// TestRunBadQueue: a queue file Run did not write stops the run before it
// sends anything, and is left as it is.
func TestRunBadQueue(t *testing.T) {
	r := newRig(t, nil, nil)
	os.MkdirAll(filepath.Dir(r.cfg.Queue), 0o755)
	bad := []byte(`{"format":"something-else"}`)
	os.WriteFile(r.cfg.Queue, bad, 0o644)
	_, err := Run(t.Context(), r.cfg, Batch{Pages: []string{testBase}})
	if err == nil || !strings.Contains(err.Error(), "is not a notify queue that build -notify wrote") {
		t.Fatalf("error %v", err)
	}
	if data, _ := os.ReadFile(r.cfg.Queue); !bytes.Equal(data, bad) {
		t.Error("the queue file was changed")
	}
	if len(r.idx.requests()) != 0 {
		t.Error("sent with a bad queue")
	}
}

// TestRunNothingToTell: neither a key nor credentials is an error, not a
// silent success.
func TestRunNothingToTell(t *testing.T) {
	_, err := Run(t.Context(), Config{BaseURL: testBase, Queue: filepath.Join(t.TempDir(), "q.json")}, Batch{Pages: []string{testBase}})
	var f diag.Failure
	if !errors.As(err, &f) || f.Text.Msg != diag.NotifyNoTarget {
		t.Fatalf("error %v", err)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 4, 21, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		v    string
		want time.Duration
	}{
		{"", 0}, {"0", 0}, {"120", 2 * time.Minute}, {"-5", 0}, {"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
	} {
		if got := retryAfter(tt.v, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

// TestRunCancelled: a run whose context ends while it waits to try again
// stops at once and keeps the queue.
func TestRunCancelled(t *testing.T) {
	r := newRig(t, []reply{{status: 503, retryAfter: "60"}}, nil)
	r.cfg.Credentials = ""
	r.cfg.Sleep = nil // the real timer
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	rep, err := Run(ctx, r.cfg, Batch{Pages: []string{testBase}})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 10*time.Second {
		t.Fatalf("error %v after %s, want the deadline at once", err, time.Since(start))
	}
	if q := readBack(t, r.cfg.Queue); len(q.IndexNow) != 1 || rep.Waiting != 1 {
		t.Errorf("queue %+v", q)
	}
}
