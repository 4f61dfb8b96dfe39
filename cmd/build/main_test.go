package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"rolesite/internal/testbuf"
	"rolesite/internal/testtree"
)

// fixtureContent is the generator's test site: five roles, one of them a
// draft and one closed at fixtureNow.
const fixtureContent = "../../generator/testdata/fixture/content"

// fixtureNow is the fixture's build time, as SOURCE_DATE_EPOCH.
var fixtureNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func TestParseFlags(t *testing.T) {
	const free = defaultServeAddr
	tests := []struct {
		args   []string
		watch  bool
		serve  bool
		addr   string
		drafts bool
		err    string // part of the error; empty: no error
	}{
		{args: nil},
		{args: []string{"-watch"}, watch: true},
		{args: []string{"-serve"}, watch: true, serve: true, addr: free},
		{args: []string{"-serve", "-watch"}, watch: true, serve: true, addr: free},
		{args: []string{"-serve", "-drafts"}, watch: true, serve: true, addr: free, drafts: true},
		{args: []string{"-serve=127.0.0.1:3000"}, watch: true, serve: true, addr: "127.0.0.1:3000"},
		{args: []string{"-serve", "127.0.0.1:3000"}, watch: true, serve: true, addr: "127.0.0.1:3000"},
		{args: []string{"-serve", "127.0.0.1:3000", "-drafts"}, watch: true, serve: true, addr: "127.0.0.1:3000", drafts: true},
		{args: []string{"-serve", "8080"}, watch: true, serve: true, addr: "127.0.0.1:8080"},
		{args: []string{"-serve=8080"}, watch: true, serve: true, addr: "127.0.0.1:8080"},
		{args: []string{"--serve", "8080"}, watch: true, serve: true, addr: "127.0.0.1:8080"},
		{args: []string{"-serve", ":8080"}, watch: true, serve: true, addr: ":8080"},
		{args: []string{"-serve", "localhost"}, watch: true, serve: true, addr: "localhost"},
		{args: []string{"-serve", "localhost:8080"}, watch: true, serve: true, addr: "localhost:8080"},
		{args: []string{"-serve", "127.0.0.1"}, watch: true, serve: true, addr: "127.0.0.1"},
		{args: []string{"-serve", "0.0.0.0"}, watch: true, serve: true, addr: "0.0.0.0"},
		{args: []string{"-serve", "[::1]:8080"}, watch: true, serve: true, addr: "[::1]:8080"},
		{args: []string{"-serve=false"}},
		{args: []string{"-drafts", "-serve"}, watch: true, serve: true, addr: free, drafts: true},

		{args: []string{"-check", "-watch"}, err: "-check cannot be combined"},
		{args: []string{"-watch", "-check"}, err: "-check cannot be combined"},
		{args: []string{"-check", "-serve"}, err: "-check cannot be combined"},
		{args: []string{"-check", "-serve", "8080"}, err: "-check cannot be combined"},
		{args: []string{"-bogus"}, err: "flag provided but not defined: -bogus"},
		{args: []string{"-serve", "-bogus"}, err: "flag provided but not defined: -bogus"},
		{args: []string{"content"}, err: `unexpected argument "content"`},
		{args: []string{"-watch", "content"}, err: `unexpected argument "content"`},
		{args: []string{"-serve", "8080", "content"}, err: `unexpected argument "content"`},
		{args: []string{"-serve", "myhost"}, err: `unexpected argument "myhost"`},
		{args: []string{"-drafts", "--", "8080"}, err: `unexpected argument "8080"`},
		{args: []string{"-base-url", "/relative/"}, err: "-base-url"},
		{args: []string{"-new", "tech/x", "-out", "x"}, err: "-new writes a role file and builds nothing: it takes -content and -lang only, not -out"},
		{args: []string{"-new", "tech/x", "-drafts", "-watch"}, err: "it takes -content and -lang only, not -drafts, -watch"},
		{args: []string{"-new", "tech/x", "-init", "dir"}, err: "-init writes a new site into its folder and builds nothing: it takes -lang only, not -new"},
		{args: []string{"-init", "dir", "-content", "c"}, err: "it takes -lang only, not -content"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stderr bytes.Buffer
			o, err := parseFlags(tt.args, &stderr)
			if tt.err != "" {
				if err == nil {
					t.Fatalf("no error, want one with %q", tt.err)
				}
				if !strings.Contains(err.Error()+stderr.String(), tt.err) {
					t.Errorf("error %q (stderr %q), want %q", err, stderr.String(), tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error %v (stderr %q)", err, stderr.String())
			}
			if o.watch != tt.watch || o.serve.set != tt.serve || (tt.serve && o.serve.addr != tt.addr) || o.cfg.Drafts != tt.drafts {
				t.Errorf("watch %v, serve %v %q, drafts %v; want %v, %v %q, %v",
					o.watch, o.serve.set, o.serve.addr, o.cfg.Drafts, tt.watch, tt.serve, tt.addr, tt.drafts)
			}
			if o.cfg.ContentDir != "content" || o.cfg.LayoutsDir != "layouts" || o.cfg.OutDir != "public" {
				t.Errorf("default folders %q %q %q", o.cfg.ContentDir, o.cfg.LayoutsDir, o.cfg.OutDir)
			}
		})
	}
}

// site is a temporary copy of the fixture content and the flags that build
// it.
type site struct {
	content, layouts, out string
}

// args are the flags that build s with English messages (the fixture is a
// German site), then extra.
func (s site) args(extra ...string) []string {
	return append([]string{"-content", s.content, "-layouts", s.layouts, "-out", s.out, "-lang", "en"}, extra...)
}

func newSite(t *testing.T) site {
	t.Helper()
	dir := t.TempDir()
	s := site{content: filepath.Join(dir, "content"), layouts: filepath.Join(dir, "layouts"), out: filepath.Join(dir, "public")}
	testtree.Copy(t, fixtureContent, s.content)
	t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(fixtureNow.Unix(), 10))
	return s
}

// runCmd runs the command and returns its exit code and output.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(t.Context(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// snapshot records each file's bytes and mtime under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = string(data) + "\x00" + info.ModTime().String()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// summary is the line a good build prints.
var summary = regexp.MustCompile(`(?m)^built (\d+) pages \((\d+) files\) into (.+): (\d+) written, (\d+) unchanged, (\d+) removed; (\d+) links, (\d+) warnings in \d+(\.\d+)?(ms|s|µs)$`)

func TestRunBuildsTheFixture(t *testing.T) {
	s := newSite(t)
	code, stdout, stderr := runCmd(t, s.args()...)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	m := summary.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("no summary line in\n%s", stdout)
	}
	pages, files, written, unchanged, removed := m[1], m[2], m[4], m[5], m[6]
	// Home, two categories, four roles (the draft is not built), a location
	// page, 404, an alias.
	if pages != "10" || m[3] != s.out || written != files || unchanged != "0" || removed != "0" || m[8] != "1" {
		t.Errorf("summary %q", m[0])
	}
	if !strings.Contains(stdout, "next change: 2027-02-01T00:00:00Z (backend-entwickler closes)") {
		t.Errorf("stdout lacks the next change:\n%s", stdout)
	}
	// The warning names the closed role's file, line and column.
	closed := filepath.Join(s.content, "roles", "account-manager.md") + ":6:1: warning: position closed on 2026-10-31"
	if !strings.Contains(stderr, closed) {
		t.Errorf("stderr lacks %q:\n%s", closed, stderr)
	}
	if _, err := os.Stat(filepath.Join(s.out, "sales", "key-account-manager", "index.html")); err != nil {
		t.Error(err)
	}

	// Again: nothing written.
	before := snapshot(t, s.out)
	code, stdout, _ = runCmd(t, s.args()...)
	m = summary.FindStringSubmatch(stdout)
	if code != 0 || m == nil || m[4] != "0" || m[5] != files {
		t.Errorf("second build: exit %d, %q", code, stdout)
	}
	if after := snapshot(t, s.out); !maps.Equal(before, after) {
		t.Error("an unchanged build touched public/")
	}
}

func TestRunCheck(t *testing.T) {
	s := newSite(t)
	code, stdout, stderr := runCmd(t, s.args("-check")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !regexp.MustCompile(`(?m)^checked 10 pages \(\d+ files\), \d+ links, 1 warnings in .+; nothing written$`).MatchString(stdout) {
		t.Errorf("stdout:\n%s", stdout)
	}
	if _, err := os.Stat(s.out); err == nil {
		t.Error("-check wrote the output folder")
	}
}

func TestRunBrokenContent(t *testing.T) {
	s := newSite(t)
	if code, _, stderr := runCmd(t, s.args()...); code != 0 {
		t.Fatalf("first build: exit %d: %s", code, stderr)
	}
	before := snapshot(t, s.out)
	bad := filepath.Join(s.content, "roles", "key-account-manager.md")
	data, _ := os.ReadFile(bad)
	broken := strings.Replace(string(data), "title:", "titel:", 1)
	broken = strings.Replace(broken, "category: sales", "category: salse", 1)
	if err := os.WriteFile(bad, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, s.args()...)
	if code != 1 {
		t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, want := range []string{
		bad + `:2:1: unknown key "titel" (did you mean "title"?)`,
		bad + `:2:1: missing required key "title"`,
		bad + `:3:1: category "salse" is not defined in site.yaml (did you mean "sales"?)`,
		"build failed: 3 error(s); ",
		s.out + " left unchanged",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if summary.MatchString(stdout) {
		t.Errorf("a failed build printed a summary: %s", stdout)
	}
	if after := snapshot(t, s.out); !maps.Equal(before, after) {
		t.Error("a failed build changed public/")
	}
}

func TestRunUsage(t *testing.T) {
	s := newSite(t)
	for _, args := range [][]string{
		{"-bogus"},
		{"stray"},
		{"-check", "-watch"},
		{"-check", "-serve"},
		{"-serve", "8080", "stray"},
	} {
		code, stdout, stderr := runCmd(t, s.args(args...)...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if stdout != "" {
			t.Errorf("%v: stdout %q", args, stdout)
		}
		if !strings.HasPrefix(stderr, "build: ") && !strings.Contains(stderr, "Usage: build") {
			t.Errorf("%v: stderr %q", args, stderr)
		}
	}
	if _, err := os.Stat(s.out); err == nil {
		t.Error("a usage error wrote the output folder")
	}

	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if code, _, stderr := runCmd(t, s.args()...); code != 2 || !strings.Contains(stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("bad SOURCE_DATE_EPOCH: exit %d, %q", code, stderr)
	}

	code, stdout, stderr := runCmd(t, "-h")
	if code != 0 || !strings.Contains(stderr, "Usage: build") || !strings.Contains(stderr, "-serve") {
		t.Errorf("-h: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// waitFor polls the output until re matches it, and returns the match.
func waitFor(t *testing.T, out *testbuf.Buffer, re *regexp.Regexp) []string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %q in\n%s", re, out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestRunServe runs -serve on a free port, fetches a page, breaks and fixes
// a file, and ends with the context (Ctrl-C): exit 0.
func TestRunServe(t *testing.T) {
	s := newSite(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var stdout, stderr testbuf.Buffer
	exit := make(chan int, 1)
	go func() { exit <- run(ctx, s.args("-serve", "127.0.0.1:0"), &stdout, &stderr) }()

	m := waitFor(t, &stdout, regexp.MustCompile(`serving (.+) at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)`))
	// The site is built into a scratch folder, not into -out.
	scratch, url := m[1], m[2]
	if strings.HasPrefix(scratch, s.out) {
		t.Errorf("serving %q, want a scratch folder outside -out %q", scratch, s.out)
	}
	waitFor(t, &stdout, regexp.MustCompile(`watching .+ for changes`))
	waitFor(t, &stdout, summary)
	res, err := http.Get(url + "sales/key-account-manager/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "Key Account Manager") || !strings.Contains(string(body), "/_rolesite/reload.js") {
		t.Errorf("GET a role page: %s\n%s", res.Status, body)
	}

	bad := filepath.Join(s.content, "roles", "key-account-manager.md")
	good, _ := os.ReadFile(bad)
	if err := os.WriteFile(bad, []byte(strings.Replace(string(good), "title:", "titel:", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &stderr, regexp.MustCompile(regexp.QuoteMeta(bad+`:2:1: unknown key "titel"`)))
	waitFor(t, &stderr, regexp.MustCompile(`build failed: 2 error\(s\); .+ left unchanged`))
	if err := os.WriteFile(bad, append(good, "Wieder gut.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &stdout, regexp.MustCompile(`built 10 pages \(\d+ files\) into .+: 1 written`))

	cancel()
	select {
	case code := <-exit:
		if code != 0 {
			t.Errorf("exit %d after Ctrl-C\nstderr:\n%s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the command did not stop after Ctrl-C")
	}
	if _, err := http.Get(url); err == nil {
		t.Error("the server still answers after the command returned")
	}
	if _, err := os.Stat(s.out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("-serve made or changed -out: %v", err)
	}
	if _, err := os.Stat(scratch); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the scratch folder is still there: %v", err)
	}
}

// TestRunServeAddressInUse: a port that cannot be bound is exit 1 with the
// reason.
func TestRunServeAddressInUse(t *testing.T) {
	s := newSite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, s.args("-serve", ln.Addr().String()), &stdout, &stderr)
	if ctx.Err() != nil {
		t.Fatal("the command did not return on a port in use")
	}
	if code != 1 || !strings.Contains(stderr.String(), "address already in use") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

// TestRunWatch: -watch builds, rebuilds on a save, and exits 0 on Ctrl-C.
func TestRunWatch(t *testing.T) {
	s := newSite(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var stdout, stderr testbuf.Buffer
	exit := make(chan int, 1)
	go func() { exit <- run(ctx, s.args("-watch"), &stdout, &stderr) }()
	waitFor(t, &stdout, summary)
	p := filepath.Join(s.content, "roles", "key-account-manager.md")
	data, _ := os.ReadFile(p)
	if err := os.WriteFile(p, append(data, "Neu.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &stdout, regexp.MustCompile(`built 10 pages \(\d+ files\) into .+: 1 written`))
	page, err := os.ReadFile(filepath.Join(s.out, "sales", "key-account-manager", "index.html"))
	if err != nil || !strings.Contains(string(page), "Neu.") {
		t.Errorf("the rebuilt page lacks the edit (%v)", err)
	}
	if strings.Contains(stdout.String(), "serving") {
		t.Error("-watch alone serves")
	}
	cancel()
	select {
	case code := <-exit:
		if code != 0 {
			t.Errorf("exit %d after Ctrl-C", code)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the command did not stop after Ctrl-C")
	}
}

// TestAssetGraceFlag: -asset-grace takes a Go duration, days or off, and
// refuses anything else with the flag's name.
func TestAssetGraceFlag(t *testing.T) {
	for _, tt := range []struct {
		arg  string
		want time.Duration
		err  bool
	}{
		{"", defaultAssetGrace, false},
		{"7d", 7 * 24 * time.Hour, false},
		{"36h", 36 * time.Hour, false},
		{"0", 0, false},
		{"0d", 0, false},
		{"off", -1, false},
		{"-1h", 0, true},
		{"-2d", 0, true},
		{"soon", 0, true},
		{"1.5d", 0, true},
	} {
		args := []string{}
		if tt.arg != "" {
			args = append(args, "-asset-grace", tt.arg)
		}
		o, err := parseFlags(args, io.Discard)
		switch {
		case tt.err:
			if err == nil || !strings.Contains(err.Error(), "asset-grace") {
				t.Errorf("-asset-grace %q: err = %v, want one naming the flag", tt.arg, err)
			}
		case err != nil:
			t.Errorf("-asset-grace %q: %v", tt.arg, err)
		case o.cfg.AssetGrace != tt.want:
			t.Errorf("-asset-grace %q = %v, want %v", tt.arg, o.cfg.AssetGrace, tt.want)
		}
	}
}
