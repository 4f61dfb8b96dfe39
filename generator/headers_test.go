package generator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"rolesite/generator/output"
	"rolesite/internal/testtree"
)

// setHost writes host: host into the fixture's site.yaml ("" removes it).
func setHost(t *testing.T, cfg Config, host string) {
	t.Helper()
	p := filepath.Join(cfg.ContentDir, "site.yaml")
	src := regexp.MustCompile(`(?m)^host: .*\n`).ReplaceAllString(testtree.Read(t, p), "")
	if host != "" {
		src += "host: " + host + "\n"
	}
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestHeadersPerHost: the hosts that read _headers get it, with no host
// too; GitHub Pages and S3 do not.
func TestHeadersPerHost(t *testing.T) {
	for host, want := range map[string]bool{"": true, "netlify": true, "cloudflare-pages": true, "github-pages": false, "s3": false} {
		t.Run(fmt.Sprintf("%q", host), func(t *testing.T) {
			cfg := fixture(t)
			setHost(t, cfg, host)
			res := mustBuild(t, cfg)
			files := testtree.Files(t, cfg.OutDir)
			data, ok := files[output.HeadersName]
			if ok != want {
				t.Fatalf("_headers written: %v, want %v", ok, want)
			}
			if len(res.Diagnostics) != 1 { // the fixture's closed position
				t.Errorf("diagnostics: %v", res.Diagnostics)
			}
			if want && !strings.Contains(string(data), "\n/tech/*\n  Cache-Control: "+output.CacheRevalidate+"\n") {
				t.Errorf("_headers:\n%s", data)
			}
		})
	}
}

// TestHeadersLimits: past Cloudflare's 100 rules or 2,000 characters a
// line the build fails with host: cloudflare-pages and warns with no host,
// at the place in layouts/_headers; Netlify has no such limits.
func TestHeadersLimits(t *testing.T) {
	var many strings.Builder
	for i := range 95 {
		fmt.Fprintf(&many, "/extra-%d/*\n  X-Robots-Tag: noindex\n", i)
	}
	long := "/*\n  Content-Security-Policy: default-src 'self' " + strings.Repeat("https://a.example ", 120) + "\n"
	for _, c := range []struct {
		host, file string
		want       string // the diagnostic; "" none
	}{
		{"cloudflare-pages", many.String(), "layouts/_headers: _headers has 106 rules, but Cloudflare Pages reads at most 100 and ignores the rest: merge rules"},
		{"", many.String(), "layouts/_headers: warning: _headers has 106 rules"},
		{"netlify", many.String(), ""},
		{"cloudflare-pages", long, "layouts/_headers:2:1: this line of _headers has 2205 characters, but Cloudflare Pages reads lines of at most 2000"},
		{"", long, "layouts/_headers:2:1: warning: this line of _headers has 2205 characters"},
		{"netlify", long, ""},
	} {
		t.Run(fmt.Sprintf("%s %d bytes", c.host, len(c.file)), func(t *testing.T) {
			cfg := fixture(t)
			setHost(t, cfg, c.host)
			testtree.Write(t, cfg.LayoutsDir, map[string]string{output.HeadersName: c.file})
			res, err := Build(context.Background(), cfg)
			var got []string
			for _, d := range res.Diagnostics {
				if s := d.String(); strings.Contains(s, "_headers") {
					got = append(got, strings.TrimPrefix(s, cfg.LayoutsDir[:len(cfg.LayoutsDir)-len("layouts")]))
				}
			}
			switch {
			case c.want == "" && (got != nil || err != nil):
				t.Errorf("got %q, %v; want nothing", got, err)
			case c.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], c.want)):
				t.Errorf("got %q, want %s...", got, c.want)
			case c.want != "" && (err != nil) != (c.host == "cloudflare-pages"):
				t.Errorf("error %v with host %q", err, c.host)
			}
		})
	}
}

// TestHeadersEditedBetweenBuilds: one Builder, told of each change of
// layouts/_headers as the watcher tells it or not, writes after each build
// what a build into an empty folder writes, and renders no page again; a
// broken file fails the build and leaves the output as it was, and the
// next good one builds again.
func TestHeadersEditedBetweenBuilds(t *testing.T) {
	cfg := fixture(t)
	b := NewBuilder(cfg)
	p := filepath.Join(cfg.LayoutsDir, output.HeadersName)
	if err := os.MkdirAll(cfg.LayoutsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	build := func(step string, tell bool, wantErr bool) *Result {
		t.Helper()
		if tell {
			b.Changed([]string{p})
		}
		var before map[string][]byte
		if wantErr {
			before = testtree.Files(t, cfg.OutDir)
		}
		res, err := b.Build(context.Background())
		if (err != nil) != wantErr {
			t.Fatalf("%s: build error %v", step, err)
		}
		got := testtree.Files(t, cfg.OutDir)
		if wantErr {
			testtree.SameFiles(t, got, before, step+": the output after a failed build")
			return res
		}
		cold := cfg
		cold.OutDir = filepath.Join(t.TempDir(), "cold")
		if _, err := Build(context.Background(), cold); err != nil {
			t.Fatalf("%s: cold build: %v", step, err)
		}
		testtree.SameFiles(t, got, testtree.Files(t, cold.OutDir), step+": the cold build's files")
		if step != "first" && res.Rendered != 0 {
			t.Errorf("%s: %d pages rendered again", step, res.Rendered)
		}
		return res
	}
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build("first", false, false)
	write("/*\n  X-Frame-Options: DENY\n")
	build("added", true, false)
	if got := testtree.Read(t, filepath.Join(cfg.OutDir, output.HeadersName)); !strings.Contains(got, "X-Frame-Options: DENY") {
		t.Fatalf("the added header is not written:\n%s", got)
	}
	write("/*\n  X-Frame-Options: SAMEORIGIN\n")
	build("changed, not told", false, false)
	write("/*\nX-Frame-Options: SAMEORIGIN\n")
	build("broken", true, true)
	write("/*\n  X-Frame-Options: SAMEORIGIN\n  ! Referrer-Policy\n")
	build("fixed", true, false)
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	b.LookAtEverything()
	build("removed", false, false)
}

// TestREADMEShowsSampleHeaders: the README's "Response headers" section
// shows the _headers the sample site gets, as it is.
func TestREADMEShowsSampleHeaders(t *testing.T) {
	cfg, _, _ := buildSample(t)
	got := testtree.Read(t, filepath.Join(cfg.OutDir, output.HeadersName))
	readme := testtree.Read(t, "../README.md")
	if !strings.Contains(readme, "\n```\n"+got+"```\n") {
		t.Errorf("README.md does not show the sample site's _headers in a ``` block; it is:\n%s", got)
	}
}

// TestREADMEHeadersExample: the example layouts/_headers of the README
// builds without a word, and the site's _headers then has its rules.
func TestREADMEHeadersExample(t *testing.T) {
	readme := testtree.Read(t, "../README.md")
	_, after, ok := strings.Cut(readme, "To allow an analytics host")
	if !ok {
		t.Fatal("README.md has no example of layouts/_headers")
	}
	_, block, _ := strings.Cut(after, "```\n")
	example, _, _ := strings.Cut(block, "```\n")
	cfg := fixture(t)
	testtree.Write(t, cfg.LayoutsDir, map[string]string{output.HeadersName: example})
	res := mustBuild(t, cfg)
	for _, d := range res.Diagnostics {
		if strings.Contains(d.String(), output.HeadersName) {
			t.Errorf("the README's example: %s", d)
		}
	}
	got := testtree.Read(t, filepath.Join(cfg.OutDir, output.HeadersName))
	for _, line := range strings.Split(strings.TrimSpace(example), "\n") {
		if line != "" && !strings.Contains(got, line+"\n") {
			t.Errorf("the example's line %q is not in _headers:\n%s", line, got)
		}
	}
}
