package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/jwt"

	"rolesite/generator/diag"
)

// serviceAccount is what a service account's JSON key file holds that the
// token request needs.
type serviceAccount struct {
	Type         string `json:"type"`
	ClientEmail  string `json:"client_email"`
	PrivateKey   string `json:"private_key"`
	PrivateKeyID string `json:"private_key_id"`
	TokenURI     string `json:"token_uri"`
}

// readAccount reads the key file at path into the JWT flow's
// configuration: the account signs (RS256) a JWT asking for IndexingScope
// at the token URL, which answers with an access token.
func readAccount(path, tokenURL string) (*jwt.Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, diag.Fail(diag.PathCause(err), diag.CredentialsRead, path)
	}
	var sa serviceAccount
	if err := json.Unmarshal(data, &sa); err != nil {
		return nil, diag.Fail(nil, diag.CredentialsBad, path, err)
	}
	switch {
	case sa.Type != "service_account":
		return nil, diag.Fail(nil, diag.CredentialsBad, path, fmt.Sprintf("type %q", sa.Type))
	case sa.ClientEmail == "":
		return nil, diag.Fail(nil, diag.CredentialsBad, path, "no client_email")
	case sa.PrivateKey == "":
		return nil, diag.Fail(nil, diag.CredentialsBad, path, "no private_key")
	}
	if tokenURL == "" {
		tokenURL = sa.TokenURI
	}
	if tokenURL == "" {
		tokenURL = DefaultTokenURL
	}
	return &jwt.Config{Email: sa.ClientEmail, PrivateKey: []byte(sa.PrivateKey), PrivateKeyID: sa.PrivateKeyID, Scopes: []string{IndexingScope}, TokenURL: tokenURL}, nil
}

// google publishes the queued postings, oldest first, as long as the day's
// quota lasts, dropping each from the queue once the API took it.
func google(ctx context.Context, cfg Config, q *queue, rep *Report) error {
	q.use(cfg.Now().UTC().Format("2006-01-02"))
	if q.Sent >= cfg.Quota {
		return nil
	}
	account, err := readAccount(cfg.Credentials, cfg.TokenURL)
	if err != nil {
		return err
	}
	tokens := account.TokenSource(context.WithValue(ctx, oauth2.HTTPClient, cfg.Client))
	auth := func(req *http.Request) error {
		tok, err := tokens.Token()
		if err != nil {
			return diag.Fail(err, diag.GoogleToken, account.Email, account.TokenURL)
		}
		tok.SetAuthHeader(req)
		return nil
	}
	for len(q.Google) > 0 && q.Sent < cfg.Quota {
		p := q.Google[0]
		body, err := json.Marshal(p)
		if err != nil {
			return diag.Fail(err, diag.NotifySend, cfg.PublishURL)
		}
		a, err := post(ctx, cfg, cfg.PublishURL, body, auth)
		if err != nil {
			return err
		}
		var why diag.Text
		switch {
		case a.status == 200:
		case a.status == 401 || a.status == 403:
			why = diag.T(diag.GoogleForbidden, account.Email, a.statusText())
		case a.status == 429:
			why = diag.T(diag.GoogleQuotaHit, a.statusText())
		case a.status >= 500:
			why = diag.T(diag.NotifyServerError, cfg.Tries, a.statusText())
		default:
			why = diag.T(diag.NotifyUnexpected, a.statusText())
		}
		if !why.IsZero() {
			return diag.Fail(nil, diag.GoogleAnswered, cfg.PublishURL, a.status, p.Type, p.URL, why)
		}
		q.Google = q.Google[1:]
		q.Sent++
		if p.Type == URLDeleted {
			rep.Deleted++
		} else {
			rep.Updated++
		}
	}
	return nil
}
