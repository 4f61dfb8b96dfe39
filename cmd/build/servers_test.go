package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// needTool returns the path of a server the recipes are run with: missing,
// it skips the test, or fails it in CI, where .ci/run installs it.
func needTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not on PATH (apt-get install -y %s): %v", name, pkg, err)
		}
		t.Skipf("%s is not installed (apt-get install %s)", name, pkg)
	}
	return p
}

// freeAddr returns a loopback address with a port that was free a moment
// ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// recipe reads docs/deploy/name with the example's address and folder
// replaced.
func recipe(t *testing.T, name string, replace ...string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "docs", "deploy", name))
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	for i := 0; i < len(replace); i += 2 {
		if !strings.Contains(text, replace[i]) {
			t.Fatalf("docs/deploy/%s has no %q", name, replace[i])
		}
		text = strings.ReplaceAll(text, replace[i], replace[i+1])
	}
	return text
}

// startServer runs cmd until the test ends and waits until addr answers.
func startServer(t *testing.T, cmd *exec.Cmd, addr string) {
	t.Helper()
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	cmd.WaitDelay = 5 * time.Second // should a child hold the output open
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() {
			cmd.Wait()
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s does not answer on %s:\n%s", cmd.Path, addr, log.String())
		}
	}
}

// checkPrecompressedServer asks the server at addr for files of the site
// in dir (built with -precompress) with each Accept-Encoding: it answers
// with the .br file to a client that accepts brotli, the .gz file to one
// that accepts gzip only, the file itself to one that accepts neither, also
// for the 404 page; the assets are cached for a year and the bookkeeping is
// not served.
func checkPrecompressedServer(t *testing.T, addr, dir string) {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path, accept string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", "http://"+addr+path, nil)
		if accept != "" {
			req.Header.Set("Accept-Encoding", accept)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, body
	}
	file := func(p string) []byte {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	css, _ := filepath.Glob(filepath.Join(dir, "assets", "style.*.css"))
	if len(css) != 1 {
		t.Fatalf("stylesheets %v", css)
	}
	cssPath := "assets/" + filepath.Base(css[0])
	for _, tt := range []struct {
		url, file string
		status    int
	}{
		{"/", "index.html", 200},
		{"/tech/", "tech/index.html", 200},
		{"/" + cssPath, cssPath, 200},
		{"/no/such/page/", "404.html", 404},
	} {
		for _, enc := range []struct{ accept, encoding, suffix string }{
			{"br, gzip", "br", ".br"},
			{"gzip", "gzip", ".gz"},
			{"", "", ""},
		} {
			resp, body := get(tt.url, enc.accept)
			if resp.StatusCode != tt.status || resp.Header.Get("Content-Encoding") != enc.encoding || !bytes.Equal(body, file(tt.file+enc.suffix)) {
				t.Errorf("GET %s, Accept-Encoding %q: %d, Content-Encoding %q, %d bytes; want %d, %q, the %d bytes of %s",
					tt.url, enc.accept, resp.StatusCode, resp.Header.Get("Content-Encoding"), len(body), tt.status, enc.encoding, len(file(tt.file+enc.suffix)), tt.file+enc.suffix)
			}
			if enc.encoding != "" && !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("GET %s, Accept-Encoding %q: Vary %q", tt.url, enc.accept, resp.Header.Get("Vary"))
			}
			if tt.file == cssPath && !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
				t.Errorf("GET %s: Cache-Control %q", tt.url, resp.Header.Get("Cache-Control"))
			}
		}
	}
	if resp, _ := get("/tech", ""); resp.StatusCode/100 != 3 || !strings.HasSuffix(resp.Header.Get("Location"), "/tech/") {
		t.Errorf("GET /tech: %d, Location %q; want a redirect to /tech/", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := get("/.rolesite-manifest.json", ""); resp.StatusCode != 404 {
		t.Errorf("GET /.rolesite-manifest.json: %d, want 404", resp.StatusCode)
	}
}

// buildPrecompressed builds the fixture with -minify -precompress.
func buildPrecompressed(t *testing.T) string {
	t.Helper()
	s := newSite(t)
	if code, _, stderr := runCmd(t, s.args("-minify", "-precompress")...); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	return s.out
}

// TestNginxRecipe runs docs/deploy/nginx.conf with nginx on a
// -precompress build.
func TestNginxRecipe(t *testing.T) {
	nginx := needTool(t, "nginx", "nginx-core libnginx-mod-http-brotli-static")
	module := "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
	if _, err := os.Stat(module); err != nil && os.Getenv("CI") == "" {
		t.Skipf("no brotli module for nginx (apt-get install libnginx-mod-http-brotli-static): %v", err)
	}
	out := buildPrecompressed(t)
	addr := freeAddr(t)
	prefix := t.TempDir()
	server := recipe(t, "nginx.conf", "listen 80;", "listen "+addr+";", "root /var/www/karriere;", "root "+out+";")
	conf := fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log stderr;
load_module %[2]s;
events {}
http {
	include /etc/nginx/mime.types;
	access_log off;
	client_body_temp_path %[1]s/body;
	proxy_temp_path %[1]s/proxy;
	fastcgi_temp_path %[1]s/fastcgi;
	uwsgi_temp_path %[1]s/uwsgi;
	scgi_temp_path %[1]s/scgi;
%[3]s
}
`, prefix, module, server)
	confPath := filepath.Join(prefix, "nginx.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	startServer(t, exec.Command(nginx, "-c", confPath, "-p", prefix), addr)
	checkPrecompressedServer(t, addr, out)
}

// TestCaddyRecipe runs docs/deploy/Caddyfile with Caddy on a -precompress
// build.
func TestCaddyRecipe(t *testing.T) {
	caddy := needTool(t, "caddy", "caddy")
	out := buildPrecompressed(t)
	addr := freeAddr(t)
	home := t.TempDir()
	site := recipe(t, "Caddyfile", "karriere.example.de {", "http://"+addr+" {", "root * /var/www/karriere", "root * "+out)
	conf := "{\n\tadmin off\n\tauto_https off\n}\n" + site
	confPath := filepath.Join(home, "Caddyfile")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(caddy, "run", "--config", confPath, "--adapter", "caddyfile")
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home)
	startServer(t, cmd, addr)
	checkPrecompressedServer(t, addr, out)
}
