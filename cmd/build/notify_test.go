package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"rolesite/generator/notify"
)

const testIndexNowKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"

// engines are fake IndexNow, token and publish endpoints on 127.0.0.1,
// named to the command through its environment variables. Each records
// what it was told after checking the request.
type engines struct {
	mu        sync.Mutex
	indexNow  [][]string       // each POST's urlList
	published []notify.Posting // each publish body
	tokens    int
	status    int // IndexNow's answer; 0 is 200
}

func startEngines(t *testing.T, base string) *engines {
	t.Helper()
	e := &engines{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		e.mu.Lock()
		defer e.mu.Unlock()
		if r.Method != http.MethodPost {
			t.Errorf("%s %s, want POST", r.Method, r.URL.Path)
		}
		switch r.URL.Path {
		case "/indexnow":
			var req struct {
				Host, Key, KeyLocation string
				URLList                []string
			}
			if err := json.Unmarshal(body, &req); err != nil || r.Header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("IndexNow request %q %s: %v", r.Header.Get("Content-Type"), body, err)
			}
			if req.Host != "jobs.test.example" || req.Key != testIndexNowKey || req.KeyLocation != base+testIndexNowKey+".txt" {
				t.Errorf("IndexNow host %q key %q keyLocation %q", req.Host, req.Key, req.KeyLocation)
			}
			e.indexNow = append(e.indexNow, req.URLList)
			if e.status != 0 {
				w.WriteHeader(e.status)
			}
		case "/token":
			form, _ := url.ParseQuery(string(body))
			if form.Get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer" || strings.Count(form.Get("assertion"), ".") != 2 {
				t.Errorf("token request %s", body)
			}
			e.tokens++
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"access_token":"cmd-token","token_type":"Bearer","expires_in":3600}`)
		case "/publish":
			var p notify.Posting
			if err := json.Unmarshal(body, &p); err != nil || r.Header.Get("Authorization") != "Bearer cmd-token" {
				t.Errorf("publish %s with %q: %v", body, r.Header.Get("Authorization"), err)
			}
			e.published = append(e.published, p)
		default:
			t.Errorf("request to %s", r.URL.Path)
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(srv.Close)
	t.Setenv(envIndexNowURL, srv.URL+"/indexnow")
	t.Setenv(envTokenURL, srv.URL+"/token")
	t.Setenv(envPublishURL, srv.URL+"/publish")
	t.Setenv(envCredentials, writeServiceAccount(t))
	return e
}

// told returns what the engines were told since the last call.
func (e *engines) told() (indexNow [][]string, published []notify.Posting) {
	e.mu.Lock()
	defer e.mu.Unlock()
	indexNow, published = e.indexNow, e.published
	e.indexNow, e.published = nil, nil
	return indexNow, published
}

// writeServiceAccount writes a service account's key file with a key made
// by openssl's format (PKCS #1 PEM) and returns its path.
func writeServiceAccount(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sa.json")
	data, _ := json.Marshal(map[string]string{"type": "service_account", "client_email": "build@test.iam.gserviceaccount.com", "private_key": testRSAKey(t), "private_key_id": "k1"})
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// notifySite is the fixture with an IndexNow key in its site.yaml.
func notifySite(t *testing.T) site {
	t.Helper()
	s := newSite(t)
	path := filepath.Join(s.content, "site.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(data, []byte("indexnow:\n  key: "+testIndexNowKey+"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRunNotify: a -notify build tells IndexNow of every page it added,
// updated and removed, and the Indexing API of the postings that are new
// (URL_UPDATED) and that ended, by closing or by removal (URL_DELETED); a
// build that changed nothing tells nothing new.
func TestRunNotify(t *testing.T) {
	const base = "https://jobs.test.example/"
	s := notifySite(t)
	e := startEngines(t, base)
	code, stdout, stderr := runCmd(t, s.args("-notify")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if key, err := os.ReadFile(filepath.Join(s.out, testIndexNowKey+".txt")); err != nil || string(key) != testIndexNowKey {
		t.Errorf("key file %q, %v", key, err)
	}
	pages := []string{base, base + "sales/", base + "sales/account-manager/", base + "sales/key-account-manager/", base + "standorte/muenchen/", base + "tech/", base + "tech/backend-entwickler/", base + "tech/frontend-entwickler/"}
	open := []notify.Posting{{URL: base + "tech/backend-entwickler/", Type: notify.URLUpdated}, {URL: base + "tech/frontend-entwickler/", Type: notify.URLUpdated}}
	checkTold(t, e, "first build", pages, open)
	if !strings.Contains(stdout, "told search engines: IndexNow 8 URLs in 1 requests; Google Indexing API 2 updated, 0 deleted; 0 waiting in ") {
		t.Errorf("stdout:\n%s", stdout)
	}

	// The frontend position closes (valid_through 2027-03-01 passes) and
	// the backend role is removed.
	t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(time.Date(2027, 3, 2, 0, 0, 0, 0, time.UTC).Unix(), 10))
	if err := os.Remove(filepath.Join(s.content, "roles", "backend-entwickler.md")); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runCmd(t, s.args("-notify")...); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	ended := []notify.Posting{{URL: base + "tech/backend-entwickler/", Type: notify.URLDeleted}, {URL: base + "tech/frontend-entwickler/", Type: notify.URLDeleted}}
	// The key account manager's page mentioned the backend role: its
	// bytes changed too.
	checkTold(t, e, "closed and removed", []string{base, base + "sales/key-account-manager/", base + "standorte/muenchen/", base + "tech/", base + "tech/backend-entwickler/", base + "tech/frontend-entwickler/"}, ended)

	// Nothing changed: nothing is sent, and it is no failure.
	code, stdout, stderr = runCmd(t, s.args("-notify")...)
	if code != 0 || !strings.Contains(stdout, "told search engines: IndexNow 0 URLs in 0 requests") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	checkTold(t, e, "unchanged", nil, nil)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.tokens != 2 {
		t.Errorf("%d token requests, want one per run that published", e.tokens)
	}
}

// checkTold compares what the engines were told with pages (in any order,
// in one POST) and postings (in any order).
func checkTold(t *testing.T, e *engines, step string, pages []string, postings []notify.Posting) {
	t.Helper()
	indexNow, published := e.told()
	var got []string
	for _, list := range indexNow {
		got = append(got, list...)
	}
	slices.Sort(got)
	if !reflect.DeepEqual(got, pages) || len(indexNow) > 1 {
		t.Errorf("%s: IndexNow told %q in %d POSTs, want %q", step, got, len(indexNow), pages)
	}
	slices.SortFunc(published, func(a, b notify.Posting) int { return strings.Compare(a.URL, b.URL) })
	if !reflect.DeepEqual(published, postings) {
		t.Errorf("%s: published %+v, want %+v", step, published, postings)
	}
}

// TestRunNotifyFails: when IndexNow fails, the build is in place, the
// failure is printed in the site's language and the command exits 3; the
// next run sends what waited.
func TestRunNotifyFails(t *testing.T) {
	for _, tt := range []struct{ lang, says, exit string }{
		{"en", "notify: IndexNow http://127.0.0.1:", "the site is built and in place; telling the search engines failed (exit status 3)"},
		{"de", "Melden: IndexNow http://127.0.0.1:", "die Website ist erzeugt und liegt bereit; das Melden an die Suchmaschinen ist fehlgeschlagen (Exit-Status 3)"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			s := notifySite(t)
			e := startEngines(t, "https://jobs.test.example/")
			t.Setenv(envCredentials, "")
			e.mu.Lock()
			e.status = http.StatusForbidden
			e.mu.Unlock()
			code, stdout, stderr := runCmd(t, append(s.args("-notify"), "-lang", tt.lang)...)
			if code != exitNotifyFailed {
				t.Fatalf("exit %d, want %d\n%s%s", code, exitNotifyFailed, stdout, stderr)
			}
			if !strings.Contains(stderr, tt.says) || !strings.Contains(stderr, tt.exit) || !strings.Contains(stderr, " 403 ") {
				t.Errorf("stderr:\n%s", stderr)
			}
			if _, err := os.Stat(filepath.Join(s.out, "index.html")); err != nil {
				t.Errorf("the site is not in place: %v", err)
			}
			e.mu.Lock()
			e.status = 0
			e.mu.Unlock()
			e.told()
			code, stdout, stderr = runCmd(t, s.args("-notify")...)
			if indexNow, _ := e.told(); code != 0 || len(indexNow) != 1 || len(indexNow[0]) != 8 {
				t.Errorf("next run: exit %d, told %q\n%s%s", code, indexNow, stdout, stderr)
			}
		})
	}
}

// TestRunWithoutNotify: without -notify nothing is sent, whatever the
// environment names; the key file is published all the same.
func TestRunWithoutNotify(t *testing.T) {
	s := notifySite(t)
	e := startEngines(t, "https://jobs.test.example/")
	if code, stdout, stderr := runCmd(t, s.args()...); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	indexNow, published := e.told()
	e.mu.Lock()
	tokens := e.tokens
	e.mu.Unlock()
	if len(indexNow)+len(published)+tokens != 0 {
		t.Errorf("sent without -notify: %q %+v, %d token requests", indexNow, published, tokens)
	}
	if _, err := os.Stat(filepath.Join(s.out, testIndexNowKey+".txt")); err != nil {
		t.Error(err)
	}
}

// TestRunNotifyUsage: -notify with a mode that builds nothing to tell, a
// negative quota or a bad endpoint is a usage error.
func TestRunNotifyUsage(t *testing.T) {
	s := notifySite(t)
	for _, tt := range []struct {
		args []string
		env  string
		says string
	}{
		{args: []string{"-notify", "-check"}, says: "-notify tells search engines what a build changed: it cannot be combined with -check, -watch or -serve"},
		{args: []string{"-notify", "-watch"}, says: "it cannot be combined with"},
		{args: []string{"-notify", "-notify-quota", "-1"}, says: "-notify-quota: -1 is negative"},
		{args: []string{"-notify"}, env: "ftp://x", says: `ROLESITE_INDEXNOW_URL="ftp://x" is not an absolute http or https URL`},
	} {
		t.Setenv(envIndexNowURL, tt.env)
		code, _, stderr := runCmd(t, s.args(tt.args...)...)
		if code != 2 || !strings.Contains(stderr, tt.says) {
			t.Errorf("%q: exit %d, stderr %s", tt.args, code, stderr)
		}
	}
	if _, err := os.Stat(s.out); err == nil {
		t.Error("a usage error wrote the site")
	}
}
