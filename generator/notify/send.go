package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"rolesite/generator/diag"
)

// Bounds of the waits between tries.
const (
	firstWait = time.Second      // before the second try; doubled before each further one
	maxWait   = 30 * time.Second // the longest wait of the backoff
	// maxRetryAfter is the longest Retry-After the run waits for; a
	// longer one leaves the rest for the next run.
	maxRetryAfter = 2 * time.Minute
)

// answer is a response's status and the start of its body.
type answer struct {
	status int
	body   string
}

// post sends body to endpoint as JSON, with header set by auth (nil for
// none), and returns the answer that is not 429 or a server error; on
// those it tries again, up to cfg.Tries in all, waiting the Retry-After
// the server asks for or else an exponential backoff. A request that
// could not be sent counts as a try too.
func post(ctx context.Context, cfg Config, endpoint string, body []byte, auth func(*http.Request) error) (answer, error) {
	var last error
	for try := 1; ; try++ {
		a, wait, err := postOnce(ctx, cfg, endpoint, body, auth)
		if err == nil && a.status != http.StatusTooManyRequests && a.status < 500 {
			return a, nil
		}
		var auth authError
		if errors.As(err, &auth) {
			return answer{}, auth.err // no token, no request: trying again would not help
		}
		if err != nil {
			if ctx.Err() != nil {
				return answer{}, diag.Fail(ctx.Err(), diag.NotifySend, endpoint)
			}
			last = diag.Fail(err, diag.NotifySend, endpoint)
		} else {
			last = fmt.Errorf("%d %s", a.status, a.body)
			if try == cfg.Tries {
				return a, nil // the caller says what the status means
			}
		}
		if try == cfg.Tries {
			return answer{}, diag.Fail(last, diag.NotifyGaveUp, endpoint, try)
		}
		if wait == 0 {
			wait = min(firstWait<<(try-1), maxWait)
		}
		if wait > maxRetryAfter {
			return answer{}, diag.Fail(last, diag.NotifyWaitTooLong, endpoint, wait, maxRetryAfter)
		}
		if err := cfg.Sleep(ctx, wait); err != nil {
			return answer{}, diag.Fail(err, diag.NotifySend, endpoint)
		}
	}
}

// authError is a failure to authorize a request, which is not sent.
type authError struct{ err error }

func (e authError) Error() string { return e.err.Error() }

// postOnce sends one request; wait is the Retry-After of the answer, or 0.
func postOnce(ctx context.Context, cfg Config, endpoint string, body []byte, auth func(*http.Request) error) (a answer, wait time.Duration, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return answer{}, 0, err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	if auth != nil {
		if err := auth(req); err != nil {
			return answer{}, 0, authError{err}
		}
	}
	resp, err := cfg.Client.Do(req)
	if err != nil {
		return answer{}, 0, err
	}
	defer resp.Body.Close()
	text, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20)) // lets the connection be reused
	return answer{status: resp.StatusCode, body: strings.Join(strings.Fields(string(text)), " ")}, retryAfter(resp.Header.Get("Retry-After"), cfg.Now()), nil
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date after
// now. Anything else is 0.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseUint(v, 10, 32); err == nil {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// statusText is the status line's reason for an answer, with the start of
// its body: "503 Service Unavailable: down for maintenance".
func (a answer) statusText() string {
	s := strconv.Itoa(a.status) + " " + http.StatusText(a.status)
	if a.body != "" {
		s += ": " + a.body
	}
	return s
}
