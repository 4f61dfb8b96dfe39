package serve

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"rolesite/internal/testtree"
)

const secret = "TOP SECRET outside the site"

// site writes a small output folder into a new temporary folder and returns
// it. Next to it (outside) lie secret.txt and secretdir/passwd, and the site
// has symbolic links to both.
func site(t *testing.T) string {
	t.Helper()
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "public")
	files := map[string]string{
		"index.html":                          "<!doctype html><html><head><title>Karriere</title></head><body><h1>Karriere</h1></body></html>\n",
		"404.html":                            "<!doctype html><html><body><h1>Seite nicht gefunden</h1></body></html>\n",
		"tech-development/index.html":         "<html><body><h1>Tech &amp; Development</h1></body></html>",
		"tech-development/backend/index.html": "<html><BODY><h1>Backend-Entwickler</h1></BODY></html>",
		"sitemap.xml":                         `<?xml version="1.0" encoding="UTF-8"?><urlset></urlset>`,
		"robots.txt":                          "User-agent: *\nAllow: /\n",
		"data.json":                           `{"roles":1}`,
		"assets/site.0123abcd.css":            "body{margin:0}",
		"assets/app.js":                       "console.log(1)",
		"assets/logo.svg":                     "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>",
		"_redirects":                          "/jobs/backend /tech-development/backend/ 301\n",
		"fragment.html":                       "<p>no body tag</p>",
		"noindex/other.txt":                   "listing must not show me",
		"a b/index.html":                      "<html><body>space</body></html>",
		"umlaut-ä/index.html":                 "<html><body>umlaut</body></html>",
		"index.html.d/index.html":             "<html><body>folder named like a file</body></html>",
	}
	testtree.Write(t, dir, files)
	for _, d := range []string{"empty", "secretdir", "indexdir/index.html"} {
		base := dir
		if d == "secretdir" {
			base = tmp
		}
		if err := os.MkdirAll(filepath.Join(base, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range map[string]string{"secret.txt": secret, "secretdir/passwd": secret} {
		if err := os.WriteFile(filepath.Join(tmp, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := mkfifo(filepath.Join(dir, "pipe.txt")); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		t.Fatal(err)
	}
	links := map[string]string{
		"evil.txt":      "../secret.txt",                  // file outside, relative
		"evil-abs.txt":  filepath.Join(tmp, "secret.txt"), // file outside, absolute
		"evildir":       "../secretdir",                   // folder outside
		"inside.txt":    "robots.txt",                     // file inside: fine
		"insidedir":     "tech-development",               // folder inside: fine
		"assets/up.txt": "../../secret.txt",               // escapes from below
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const htmlType = "text/html; charset=utf-8"

func TestServerPaths(t *testing.T) {
	dir := site(t)
	srv := New(dir, NewBroker())
	tests := []struct {
		method   string // GET when empty
		target   string
		status   int
		ctype    string
		contains string // in the body
		location string // for redirects
	}{
		// Pages and files.
		{"", "/", 200, htmlType, "<h1>Karriere</h1>", ""},
		{"", "/index.html", 200, htmlType, "<h1>Karriere</h1>", ""},
		{"", "/tech-development/", 200, htmlType, "Tech &amp; Development", ""},
		{"", "/tech-development/backend/", 200, htmlType, "Backend-Entwickler", ""},
		{"", "/tech-development/backend/?utm=x", 200, htmlType, "Backend-Entwickler", ""},
		{"", "/a%20b/", 200, htmlType, "space", ""},
		{"", "/umlaut-%C3%A4/", 200, htmlType, "umlaut", ""},
		{"", "/sitemap.xml", 200, "application/xml", "<urlset>", ""},
		{"", "/robots.txt", 200, "text/plain; charset=utf-8", "User-agent: *", ""},
		{"", "/data.json", 200, "application/json", `{"roles":1}`, ""},
		{"", "/assets/site.0123abcd.css", 200, "text/css; charset=utf-8", "body{margin:0}", ""},
		{"", "/assets/app.js", 200, "text/javascript; charset=utf-8", "console.log", ""},
		{"", "/assets/logo.svg", 200, "image/svg+xml", "<svg", ""},
		{"", "/_redirects", 200, "application/octet-stream", "/jobs/backend", ""},
		{"", "/inside.txt", 200, "text/plain; charset=utf-8", "User-agent", ""},
		{"", "/insidedir/backend/", 200, htmlType, "Backend-Entwickler", ""},
		{"", "/index.html.d/", 200, htmlType, "folder named like a file", ""},
		{"", ScriptPath, 200, "text/javascript; charset=utf-8", "EventSource", ""},

		// A folder without a slash redirects; the query stays.
		{"", "/tech-development", 301, htmlType, "", "/tech-development/"},
		{"", "/tech-development/backend?x=1", 301, htmlType, "", "/tech-development/backend/?x=1"},
		{"", "/a%20b", 301, htmlType, "", "/a%20b/"},
		{"", "/insidedir", 301, htmlType, "", "/insidedir/"},

		// Not found: the site's 404 page, with status 404.
		{"", "/nope/", 404, htmlType, "Seite nicht gefunden", ""},
		{"", "/nope", 404, htmlType, "Seite nicht gefunden", ""},
		{"", "/robots.txt/", 404, htmlType, "Seite nicht gefunden", ""},
		{"", "/_rolesite/other", 404, htmlType, "Seite nicht gefunden", ""},
		// No listings: a folder without index.html is not found.
		{"", "/empty/", 404, htmlType, "Seite nicht gefunden", ""},
		{"", "/empty", 404, htmlType, "Seite nicht gefunden", ""},
		{"", "/noindex/", 404, htmlType, "Seite nicht gefunden", ""},
		{"", "/noindex", 404, htmlType, "Seite nicht gefunden", ""},
		{"", "/indexdir/", 404, htmlType, "Seite nicht gefunden", ""}, // index.html is a folder
		{"", "/assets/", 404, htmlType, "Seite nicht gefunden", ""},

		// Nothing outside the folder.
		{"", "/../secret.txt", 404, htmlType, "", ""},
		{"", "/%2e%2e/secret.txt", 404, htmlType, "", ""},
		{"", "/%2E%2E/%2E%2E/etc/passwd", 404, htmlType, "", ""},
		{"", "/%2e%2e/etc/passwd", 404, htmlType, "", ""},
		{"", "/..%2f..%2fetc/passwd", 404, htmlType, "", ""},
		{"", "/..%2Fsecret.txt", 404, htmlType, "", ""},
		{"", "/tech-development%2findex.html", 404, htmlType, "", ""},
		{"", `/a\..\b`, 404, htmlType, "", ""},
		{"", `/..\secret.txt`, 404, htmlType, "", ""},
		{"", "/%5c..%5csecret.txt", 404, htmlType, "", ""},
		{"", "/%00", 404, htmlType, "", ""},
		{"", "/index.html%00.txt", 404, htmlType, "", ""},
		{"", "/./index.html", 404, htmlType, "", ""},
		{"", "//secret.txt", 404, htmlType, "", ""},
		{"", "/tech-development//index.html", 404, htmlType, "", ""},
		{"", "/evil.txt", 404, htmlType, "", ""},
		{"", "/evil-abs.txt", 404, htmlType, "", ""},
		{"", "/evildir/passwd", 404, htmlType, "", ""},
		{"", "/evildir/", 404, htmlType, "", ""},
		{"", "/evildir", 404, htmlType, "", ""},
		{"", "/assets/up.txt", 404, htmlType, "", ""},
		{"", "/pipe.txt", 404, htmlType, "", ""}, // not a regular file (and opening it would block)

		// Methods.
		{"HEAD", "/", 200, htmlType, "", ""},
		{"HEAD", "/nope/", 404, htmlType, "", ""},
		{"POST", "/", 405, "text/plain; charset=utf-8", "method not allowed", ""},
		{"PUT", "/index.html", 405, "text/plain; charset=utf-8", "method not allowed", ""},
		{"DELETE", "/nope", 405, "text/plain; charset=utf-8", "method not allowed", ""},
		{"OPTIONS", "/", 405, "text/plain; charset=utf-8", "method not allowed", ""},
		{"POST", EventsPath, 405, "text/plain; charset=utf-8", "method not allowed", ""},
	}
	for _, tt := range tests {
		method := tt.method
		if method == "" {
			method = http.MethodGet
		}
		t.Run(method+" "+tt.target, func(t *testing.T) {
			if _, err := os.Lstat(filepath.Join(dir, "pipe.txt")); tt.target == "/pipe.txt" && err != nil {
				t.Skip("no named pipes here")
			}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest(method, tt.target, nil))
			res := rec.Result()
			body := rec.Body.String()
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d (body %.80q)", res.StatusCode, tt.status, body)
			}
			if got := res.Header.Get("Content-Type"); got != tt.ctype {
				t.Errorf("Content-Type %q, want %q", got, tt.ctype)
			}
			if !strings.Contains(body, tt.contains) {
				t.Errorf("body %.200q does not contain %q", body, tt.contains)
			}
			if strings.Contains(body, secret) || strings.Contains(body, "listing must not show me") {
				t.Errorf("body leaks: %.200q", body)
			}
			if got := res.Header.Get("Location"); got != tt.location {
				t.Errorf("Location %q, want %q", got, tt.location)
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options %q, want nosniff", got)
			}
			if got := res.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control %q, want no-store", got)
			}
			if tt.status == 405 {
				if got := res.Header.Get("Allow"); got != "GET, HEAD" {
					t.Errorf("Allow %q, want %q", got, "GET, HEAD")
				}
			}
			if method == http.MethodHead {
				if body != "" {
					t.Errorf("HEAD has a body: %.80q", body)
				}
				if res.Header.Get("Content-Length") == "" {
					t.Error("HEAD has no Content-Length")
				}
			}
		})
	}
}

// TestServerPathsOverTheWire sends the tricky request lines byte for byte
// through a real server, so that nothing in between cleans them up for the
// handler.
func TestServerPathsOverTheWire(t *testing.T) {
	ts := httptest.NewServer(New(site(t), NewBroker()))
	defer ts.Close()
	for _, target := range []string{
		"/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt", "/%2e%2e/etc/passwd",
		"/..%2f..%2fetc/passwd", "/..%2fsecret.txt", `/a\..\b`, `/..\secret.txt`, "/%5c..%5csecret.txt",
		"/%00", "/evil.txt", "/evil-abs.txt", "/evildir/passwd", "/assets/up.txt", "//secret.txt",
		"/.%2e/secret.txt",
	} {
		t.Run(target, func(t *testing.T) {
			conn, err := net.Dial("tcp", ts.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(5 * time.Second))
			io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			t.Logf("%s -> %s", target, res.Status)
			if res.StatusCode != 404 {
				t.Errorf("status %d, want 404", res.StatusCode)
			}
			if bytes.Contains(body, []byte(secret)) {
				t.Errorf("body leaks the secret: %q", body)
			}
		})
	}
}

func TestServerNotFoundWithout404Page(t *testing.T) {
	dir := site(t)
	if err := os.Remove(filepath.Join(dir, "404.html")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name           string
		srv            *Server
		ctype, content string
	}{
		{"no 404.html", New(dir, NewBroker()), "text/plain; charset=utf-8", "404 page not found\n"},
		{"not built, no broker", New(filepath.Join(dir, "missing"), nil), "text/plain; charset=utf-8", "not been built yet"},
		// While the first build has not finished (or failed), the page
		// still loads the script: it shows the error and reloads.
		{"not built", New(filepath.Join(dir, "missing"), NewBroker()), htmlType, "not been built yet</p>" + ScriptTag},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		tt.srv.ServeHTTP(rec, httptest.NewRequest("GET", "/nope/", nil))
		if rec.Code != 404 || rec.Header().Get("Content-Type") != tt.ctype || !strings.Contains(rec.Body.String(), tt.content) ||
			rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %d %v %q", tt.name, rec.Code, rec.Header(), rec.Body)
		}
	}
}

func TestServerFolderAppearsLater(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	srv := New(dir, nil)
	get := func() *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		return rec
	}
	if rec := get(); rec.Code != 404 || !strings.Contains(rec.Body.String(), "not been built yet") {
		t.Errorf("before the build: %d %q", rec.Code, rec.Body)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<body>first</body>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if rec := get(); rec.Code != 200 || rec.Body.String() != "<body>first</body>" {
		t.Errorf("after the build: %d %q", rec.Code, rec.Body)
	}
	// The folder replaced as a whole (removed and written again).
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<body>second</body>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if rec := get(); rec.Code != 200 || rec.Body.String() != "<body>second</body>" {
		t.Errorf("after the folder was replaced: %d %q", rec.Code, rec.Body)
	}
}

func TestServerInjectsIntoResponseNotFile(t *testing.T) {
	dir := site(t)
	srv := New(dir, NewBroker())
	for _, name := range []string{"index.html", "tech-development/backend/index.html", "404.html"} {
		path := filepath.Join(dir, filepath.FromSlash(name))
		before, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		target := "/" + strings.TrimSuffix(name, "index.html")
		if name == "404.html" {
			target = "/missing/"
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		want := string(Inject(before))
		if rec.Body.String() != want {
			t.Errorf("%s: body\n got %q\nwant %q", target, rec.Body, want)
		}
		if !strings.Contains(rec.Body.String(), ScriptTag) {
			t.Errorf("%s: no script in %q", target, rec.Body)
		}
		if got := rec.Header().Get("Content-Length"); got != "" && got != strconv.Itoa(len(want)) {
			t.Errorf("%s: Content-Length %s, want %d", target, got, len(want))
		}
		after, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(before, after) {
			t.Errorf("%s changed on disk: %q", name, after)
		}
	}
	// Not into other types.
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/robots.txt", nil))
	if strings.Contains(rec.Body.String(), "script") {
		t.Errorf("script injected into robots.txt: %q", rec.Body)
	}
	// Ranges count in the served (injected) bytes.
	rec = httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Range", "bytes=0-8")
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusPartialContent || rec.Body.String() != "<!doctype" {
		t.Errorf("range: %d %q", rec.Code, rec.Body)
	}
}

func TestServerWithoutBroker(t *testing.T) {
	srv := New(site(t), nil)
	for target, status := range map[string]int{"/": 200, EventsPath: 404, ScriptPath: 404} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		if rec.Code != status || strings.Contains(rec.Body.String(), ScriptTag) {
			t.Errorf("%s: %d %q", target, rec.Code, rec.Body)
		}
	}
}

func TestContentType(t *testing.T) {
	tests := map[string]string{
		"a.html": htmlType, "a.HTM": htmlType, "a.css": "text/css; charset=utf-8",
		"a.xml": "application/xml", "a.txt": "text/plain; charset=utf-8", "a.json": "application/json",
		"a.js": "text/javascript; charset=utf-8", "a.svg": "image/svg+xml", "a.png": "image/png",
		"a.jpg": "image/jpeg", "a.webp": "image/webp", "a.woff2": "font/woff2", "a.ico": "image/vnd.microsoft.icon",
		"_redirects": "application/octet-stream", "a.unknownext": "application/octet-stream",
	}
	for name, want := range tests {
		if got := contentType(name); got != want {
			t.Errorf("contentType(%q) = %q, want %q", name, got, want)
		}
	}
}
