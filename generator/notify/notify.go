// Package notify tells search engines what a build changed, for
// build -notify: IndexNow of every page the build added, updated or
// removed, and Google's Indexing API of every job posting that is new or
// changed (URL_UPDATED) or ended (URL_DELETED), within the API's daily
// quota. What it cannot send now (over the quota, or after a failure)
// waits in a queue file in the build's state folder and is sent by a later
// run; the queue keeps one notification per URL, the latest.
//
// Run never touches the site: it runs after the build has committed its
// files, and a failure leaves the queue for the next run.
package notify

import (
	"context"
	"net/http"
	"strings"
	"time"

	"rolesite/generator"
	"rolesite/generator/diag"
)

// The endpoints and limits of the services, as they document them.
const (
	// DefaultIndexNowEndpoint is IndexNow's shared endpoint, which passes
	// the URLs on to every search engine that takes part.
	DefaultIndexNowEndpoint = "https://api.indexnow.org/indexnow"
	// MaxURLsPerPost is the most URLs IndexNow takes in one POST.
	MaxURLsPerPost = 10000
	// DefaultTokenURL is Google's OAuth 2.0 token endpoint, for a key file
	// that names none (token_uri).
	DefaultTokenURL = "https://oauth2.googleapis.com/token"
	// DefaultPublishURL is the Indexing API's publish method.
	DefaultPublishURL = "https://indexing.googleapis.com/v3/urlNotifications:publish"
	// IndexingScope is the OAuth scope of the Indexing API.
	IndexingScope = "https://www.googleapis.com/auth/indexing"
	// DefaultQuota is the Indexing API's default number of publish
	// requests a day.
	DefaultQuota = 200
	// DefaultTries is how often a request is sent at most when it meets
	// 429 or a server error.
	DefaultTries = 3
)

// The two kinds of Indexing API notification.
const (
	URLUpdated = "URL_UPDATED" // a posting is new or changed
	URLDeleted = "URL_DELETED" // a posting ended: closed or removed
)

// Config says where to send and how.
type Config struct {
	// BaseURL is the site's base URL (absolute, ending in "/"): IndexNow's
	// host and the key file's location come from it.
	BaseURL string
	// IndexNowKey is site.yaml's indexnow.key; "" tells IndexNow nothing.
	IndexNowKey string
	// IndexNowEndpoint is where IndexNow's POST goes;
	// "" is DefaultIndexNowEndpoint.
	IndexNowEndpoint string
	// Credentials is the path of a service account's JSON key file
	// (GOOGLE_APPLICATION_CREDENTIALS); "" tells the Indexing API nothing.
	Credentials string
	// TokenURL is where the signed JWT is exchanged for an access token;
	// "" is the key file's token_uri, else DefaultTokenURL.
	TokenURL string
	// PublishURL is the Indexing API's publish method; "" is
	// DefaultPublishURL.
	PublishURL string
	// Quota is how many Indexing API requests go out per UTC day, counted
	// across runs in the queue file; 0 sends none and queues them.
	Quota int
	// Queue is the queue file (see generator.Config.NotifyQueueFile).
	Queue string
	// Client sends the requests; nil is a client with a timeout of
	// a minute per request.
	Client *http.Client
	// Now is the clock that tells the UTC day of the quota and reads
	// Retry-After dates; nil is time.Now.
	Now func() time.Time
	// Sleep waits d or until ctx is done, between tries; nil waits on a
	// timer.
	Sleep func(ctx context.Context, d time.Duration) error
	// Tries is how often a request meeting 429 or a server error is sent
	// at most; 0 is DefaultTries.
	Tries int
}

// Batch is what one build tells: the pages for IndexNow and the postings
// for the Indexing API.
type Batch struct {
	Pages    []string
	Postings []Posting
}

// Posting is one Indexing API notification: a URL and URLUpdated or
// URLDeleted.
type Posting struct {
	URL  string `json:"url"`
	Type string `json:"type"`
}

// FromReport is the batch of a build's change report: every added,
// updated and removed page (the home page, category and role pages; no
// asset, feed or other file) for IndexNow; for the Indexing API, URLUpdated
// for each added or updated page that carries a JobPosting and URLDeleted
// for each whose posting ended, because its page was removed or because it
// closed (its valid_through passed, so its page no longer carries a
// JobPosting). A nil report is an empty batch.
func FromReport(rep *generator.ChangeReport) Batch {
	var b Batch
	if rep == nil {
		return b
	}
	for _, list := range [][]generator.ChangedURL{rep.Added, rep.Updated, rep.Removed} {
		for _, c := range list {
			b.Pages = append(b.Pages, c.URL)
			switch {
			case c.JobPostingEnded:
				b.Postings = append(b.Postings, Posting{URL: c.URL, Type: URLDeleted})
			case c.JobPosting:
				b.Postings = append(b.Postings, Posting{URL: c.URL, Type: URLUpdated})
			}
		}
	}
	return b
}

// Report tells what a run sent and what waits.
type Report struct {
	IndexNowURLs  int // URLs IndexNow accepted
	IndexNowPosts int // POSTs they took
	Updated       int // URL_UPDATED the Indexing API accepted
	Deleted       int // URL_DELETED the Indexing API accepted
	Waiting       int // URLs and postings left in the queue
}

// Run adds batch to the queue and sends what the queue holds: every URL
// to IndexNow (when Config.IndexNowKey is set), and postings to the
// Indexing API (when Config.Credentials is set) up to what is left of the
// day's quota. The queue is written before anything is sent and again
// after, so that nothing is lost when a send fails or the run is killed;
// an error says what failed, and what it concerned stays queued. Run sends
// nothing when the queue file cannot be read.
func Run(ctx context.Context, cfg Config, batch Batch) (Report, error) {
	cfg = cfg.withDefaults()
	if cfg.IndexNowKey == "" && cfg.Credentials == "" {
		return Report{}, diag.Fail(nil, diag.NotifyNoTarget)
	}
	if cfg.BaseURL == "" {
		return Report{}, diag.Fail(nil, diag.NotifyNoBaseURL)
	}
	q, err := readQueue(cfg.Queue)
	if err != nil {
		return Report{}, err
	}
	if cfg.IndexNowKey != "" {
		q.addPages(batch.Pages)
	}
	if cfg.Credentials != "" {
		q.addPostings(batch.Postings)
	}
	if err := q.write(cfg.Queue); err != nil {
		return Report{}, err
	}
	var rep Report
	var errs []error
	if cfg.IndexNowKey != "" && len(q.IndexNow) > 0 {
		errs = append(errs, indexNow(ctx, cfg, q, &rep))
	}
	if cfg.Credentials != "" && len(q.Google) > 0 {
		errs = append(errs, google(ctx, cfg, q, &rep))
	}
	errs = append(errs, q.write(cfg.Queue))
	rep.Waiting = len(q.IndexNow) + len(q.Google)
	return rep, join(errs)
}

// Errors are the failures of one run, one per service, in the order
// they were met.
type Errors []error

func (e Errors) Error() string { return e.In(diag.English) }

// In renders each failure in lang, one a line.
func (e Errors) In(lang diag.Lang) string {
	lines := make([]string, len(e))
	for i, err := range e {
		lines[i] = diag.ErrorIn(err, lang)
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the failures.
func (e Errors) Unwrap() []error { return e }

// join is the Errors among errs, or nil when there are none.
func join(errs []error) error {
	var out Errors
	for _, err := range errs {
		if err != nil {
			out = append(out, err)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func (cfg Config) withDefaults() Config {
	if cfg.IndexNowEndpoint == "" {
		cfg.IndexNowEndpoint = DefaultIndexNowEndpoint
	}
	if cfg.PublishURL == "" {
		cfg.PublishURL = DefaultPublishURL
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: time.Minute}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	if cfg.Tries <= 0 {
		cfg.Tries = DefaultTries
	}
	return cfg
}

// sleep waits d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
