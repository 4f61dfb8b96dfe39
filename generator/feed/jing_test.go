package feed_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"rolesite/generator"
	"rolesite/generator/feed"
)

// schema is the RELAX NG compact schema of RFC 4287, Appendix B.
var schema = filepath.Join("testdata", "atom.rnc")

// jingPath returns the jing program; the test is skipped when it is not
// installed, and fails then with ROLESITE_JING=1 (as CI sets it).
func jingPath(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("jing")
	if err != nil {
		if os.Getenv("ROLESITE_JING") == "1" {
			t.Fatalf("ROLESITE_JING=1 but jing is not on PATH (apt-get install -y jing): %v", err)
		}
		t.Skip("jing is not installed (apt-get install -y jing); ROLESITE_JING=1 makes this a failure")
	}
	return bin
}

// jing validates files against schema.
func jing(t *testing.T, files []string) {
	t.Helper()
	out, err := exec.Command(jingPath(t), append([]string{"-c", schema}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("jing: %v\n%s", err, out)
	}
}

// build builds the site in content into a temporary folder and returns
// the paths of its feeds.
func build(t *testing.T, content string, now time.Time) []string {
	t.Helper()
	dir := t.TempDir()
	cfg := generator.Config{ContentDir: content, LayoutsDir: filepath.Join(dir, "layouts"), OutDir: filepath.Join(dir, "public"), StateDir: filepath.Join(dir, "state"), Now: now}
	if _, err := generator.Build(context.Background(), cfg); err != nil {
		t.Fatalf("build %s: %v", content, err)
	}
	var feeds []string
	err := filepath.WalkDir(cfg.OutDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == feed.File {
			feeds = append(feeds, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return feeds
}

// TestFeedsValidate checks every feed of the sample site, of the test site
// and of the golden file against RFC 4287's schema.
func TestFeedsValidate(t *testing.T) {
	jingPath(t)
	sample := build(t, filepath.Join("..", "..", "content"), time.Time{})
	fixture := build(t, filepath.Join("..", "testdata", "fixture", "content"), time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC))
	if len(sample) < 2 || len(fixture) != 4 {
		t.Fatalf("%d feeds in the sample site, %d in the test site; want the site's and one per category and location", len(sample), len(fixture))
	}
	golden, err := os.ReadFile(filepath.Join("testdata", "feed.golden"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := append(sample, fixture...)
	parts := regexp.MustCompile(`(?m)^-- (.+) --\n`).Split(string(golden), -1)[1:]
	for i, p := range parts {
		name := filepath.Join(dir, strings.Repeat("g", i+1)+".xml")
		if err := os.WriteFile(name, []byte(p), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	if len(parts) != 2 {
		t.Fatalf("%d feeds in the golden file, want 2", len(parts))
	}
	jing(t, files)
}

// TestSchemaRejects makes sure the schema run rejects what RFC 4287 does:
// a feed without an id.
func TestSchemaRejects(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "feed.golden"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := bytes.Cut(golden, []byte("--\n"))
	one, _, _ := bytes.Cut(rest, []byte("-- "))
	bad := regexp.MustCompile(`(?m)^  <id>.*</id>\n`).ReplaceAll(one, nil)
	name := filepath.Join(t.TempDir(), "bad.xml")
	if err := os.WriteFile(name, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(jingPath(t), "-c", schema, name).CombinedOutput()
	if err == nil || !strings.Contains(string(out), `missing required element "id"`) {
		t.Errorf("jing accepted a feed without its id: %v\n%s", err, out)
	}
}
