package notify

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// request is what a fake server received.
type request struct {
	Method, Path, ContentType, Auth string
	Body                            []byte
}

// server is a real HTTP server on 127.0.0.1 that answers with the statuses
// of answers in turn (200 once they run out) and records every request.
type server struct {
	*httptest.Server
	mu      sync.Mutex
	got     []request
	answers []reply
	// handle, when set, answers instead (after recording).
	handle func(w http.ResponseWriter, r request)
}

// reply is one scripted answer.
type reply struct {
	status     int
	retryAfter string
	body       string
}

func newServer(t *testing.T, answers ...reply) *server {
	t.Helper()
	s := &server{answers: answers}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req := request{Method: r.Method, Path: r.URL.Path, ContentType: r.Header.Get("Content-Type"), Auth: r.Header.Get("Authorization"), Body: body}
		s.mu.Lock()
		s.got = append(s.got, req)
		a := reply{status: 200}
		if len(s.answers) > 0 {
			a, s.answers = s.answers[0], s.answers[1:]
		}
		handle := s.handle
		s.mu.Unlock()
		if handle != nil {
			handle(w, req)
			return
		}
		if a.retryAfter != "" {
			w.Header().Set("Retry-After", a.retryAfter)
		}
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
	}))
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
		t.Fatalf("server at %s, want 127.0.0.1", s.URL)
	}
	t.Cleanup(s.Close)
	return s
}

// requests returns what the server received so far.
func (s *server) requests() []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]request(nil), s.got...)
}

// clock is a fake clock and sleeper: Sleep records the wait and moves the
// clock on at once.
type clock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	c.now = c.now.Add(d)
	return ctx.Err()
}

// account is a test service account: a fresh RSA key written as a JSON key
// file.
type account struct {
	key   *rsa.PrivateKey
	path  string
	email string
	kid   string
	pem   string
}

func newAccount(t *testing.T) *account {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	a := &account{key: key, email: "notify@rolesite-test.iam.gserviceaccount.com", kid: "0123456789abcdef", path: filepath.Join(t.TempDir(), "service-account.json"), pem: string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))}
	a.write(t, "")
	return a
}

// write writes the account's JSON key file, naming tokenURI as its
// token_uri.
func (a *account) write(t *testing.T, tokenURI string) {
	t.Helper()
	data, _ := json.Marshal(map[string]string{
		"type": "service_account", "project_id": "rolesite-test", "private_key_id": a.kid,
		"private_key": a.pem, "client_email": a.email, "token_uri": tokenURI,
	})
	if err := os.WriteFile(a.path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// tokenServer is Google's token endpoint: it checks the JWT bearer grant,
// the assertion's header, claims and RS256 signature with the account's
// public key, and answers with access token "test-token-N" (N counting
// the grants).
func tokenServer(t *testing.T, acc *account) *server {
	t.Helper()
	s := newServer(t)
	grants := 0
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handle = func(w http.ResponseWriter, r request) {
		if err := acc.checkGrant(s.URL+"/token", r); err != nil {
			t.Errorf("token request: %v", err)
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		s.mu.Lock()
		grants++
		n := grants
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"test-token-%d","token_type":"Bearer","expires_in":3600}`, n)
	}
	return s
}

// checkGrant checks one token request against the account.
func (a *account) checkGrant(aud string, r request) error {
	if r.Method != http.MethodPost || r.Path != "/token" {
		return fmt.Errorf("%s %s, want POST /token", r.Method, r.Path)
	}
	if r.ContentType != "application/x-www-form-urlencoded" {
		return fmt.Errorf("content type %q", r.ContentType)
	}
	form, err := url.ParseQuery(string(r.Body))
	if err != nil {
		return err
	}
	if g := form.Get("grant_type"); g != "urn:ietf:params:oauth:grant-type:jwt-bearer" {
		return fmt.Errorf("grant_type %q", g)
	}
	parts := strings.Split(form.Get("assertion"), ".")
	if len(parts) != 3 {
		return fmt.Errorf("assertion has %d parts, want 3", len(parts))
	}
	var header struct{ Alg, Typ, Kid string }
	var claims struct {
		Iss, Scope, Aud, Sub string
		Exp, Iat             int64
	}
	for i, v := range []any{&header, &claims} {
		raw, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			return err
		}
		if err := json.Unmarshal(raw, v); err != nil {
			return err
		}
	}
	if header.Alg != "RS256" || header.Typ != "JWT" || header.Kid != a.kid {
		return fmt.Errorf("header %+v, want RS256, JWT, kid %s", header, a.kid)
	}
	if claims.Iss != a.email || claims.Scope != IndexingScope || claims.Aud != aud || claims.Sub != "" {
		return fmt.Errorf("claims %+v, want iss %s, scope %s, aud %s", claims, a.email, IndexingScope, aud)
	}
	now := time.Now().Unix()
	if claims.Iat < now-60 || claims.Iat > now+60 || claims.Exp-claims.Iat != 3600 {
		return fmt.Errorf("iat %d exp %d, want iat about %d and an hour's validity", claims.Iat, claims.Exp, now)
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(&a.key.PublicKey, crypto.SHA256, sum[:], sig); err != nil {
		return fmt.Errorf("signature: %w", err)
	}
	return nil
}
