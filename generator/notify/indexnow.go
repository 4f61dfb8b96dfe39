package notify

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"

	"rolesite/generator/diag"
)

// indexNowRequest is the JSON body of IndexNow's POST.
type indexNowRequest struct {
	Host        string   `json:"host"`
	Key         string   `json:"key"`
	KeyLocation string   `json:"keyLocation"`
	URLList     []string `json:"urlList"`
}

// KeyLocation is the URL of the key file that the build publishes for
// key on the site at baseURL.
func KeyLocation(baseURL, key string) string {
	return strings.TrimSuffix(baseURL, "/") + "/" + key + ".txt"
}

// indexNow sends the queued URLs to IndexNow, MaxURLsPerPost per POST,
// dropping each POST's URLs from the queue once IndexNow took them (200,
// or 202 while it checks the key).
func indexNow(ctx context.Context, cfg Config, q *queue, rep *Report) error {
	base, err := url.Parse(cfg.BaseURL)
	if err != nil {
		return diag.Fail(err, diag.NotifySend, cfg.IndexNowEndpoint)
	}
	keyLocation := KeyLocation(cfg.BaseURL, cfg.IndexNowKey)
	for len(q.IndexNow) > 0 {
		n := min(len(q.IndexNow), MaxURLsPerPost)
		body, err := json.Marshal(indexNowRequest{Host: base.Host, Key: cfg.IndexNowKey, KeyLocation: keyLocation, URLList: q.IndexNow[:n]})
		if err != nil {
			return diag.Fail(err, diag.NotifySend, cfg.IndexNowEndpoint)
		}
		a, err := post(ctx, cfg, cfg.IndexNowEndpoint, body, nil)
		if err != nil {
			return err
		}
		var why diag.Text
		switch {
		case a.status == 200 || a.status == 202:
		case a.status == 400:
			why = diag.T(diag.IndexNow400)
		case a.status == 403:
			why = diag.T(diag.IndexNow403, keyLocation)
		case a.status == 422:
			why = diag.T(diag.IndexNow422, base.Host)
		case a.status == 429:
			why = diag.T(diag.IndexNow429)
		case a.status >= 500:
			why = diag.T(diag.NotifyServerError, cfg.Tries, a.statusText())
		default:
			why = diag.T(diag.NotifyUnexpected, a.statusText())
		}
		if !why.IsZero() {
			return diag.Fail(nil, diag.IndexNowAnswered, cfg.IndexNowEndpoint, a.status, n, why)
		}
		q.IndexNow = q.IndexNow[n:]
		rep.IndexNowURLs += n
		rep.IndexNowPosts++
	}
	return nil
}
