package dev

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolesite/generator/diag"
	"rolesite/generator/output"
	"rolesite/internal/testtree"
)

// TestDevLayoutsHeaders: a save of layouts/_headers rebuilds: the site's
// _headers changes with it; a broken one is a failed build that names its
// line and column; the next good save builds again.
func TestDevLayoutsHeaders(t *testing.T) {
	cfg := fixture(t)
	devMust(t, os.MkdirAll(cfg.LayoutsDir, 0o755))
	p := filepath.Join(cfg.LayoutsDir, output.HeadersName)
	devWriteFile(t, p, "/*\n  X-Frame-Options: DENY\n")
	d := startDev(t, cfg, false)
	out := filepath.Join(cfg.OutDir, output.HeadersName)
	if got := testtree.Read(t, out); !strings.Contains(got, "X-Frame-Options: DENY") {
		t.Fatalf("first build's _headers:\n%s", got)
	}
	// wait returns the first build after a save for which ok holds.
	wait := func(what string, ok func(b devBuild) bool) devBuild {
		t.Helper()
		deadline := time.Now().Add(devWait)
		for time.Now().Before(deadline) {
			if b := d.next(t, devWait); ok(b) {
				return b
			}
		}
		t.Fatalf("no build %s", what)
		return devBuild{}
	}
	devWriteFile(t, p, "/*\n  X-Frame-Options: SAMEORIGIN\n")
	wait("with the changed header", func(b devBuild) bool {
		return b.err == nil && strings.Contains(testtree.Read(t, out), "X-Frame-Options: SAMEORIGIN")
	})
	devWriteFile(t, p, "/*\nX-Frame-Options: DENY\n")
	b := wait("that fails", func(b devBuild) bool { return b.err != nil })
	if got := FailureText(b.err, diag.English); !strings.Contains(got, p+":2:1: ") {
		t.Errorf("the failure does not name layouts/_headers:2:1:\n%s", got)
	}
	if got := testtree.Read(t, out); !strings.Contains(got, "X-Frame-Options: SAMEORIGIN") {
		t.Errorf("the failed build changed _headers:\n%s", got)
	}
	devMust(t, os.Remove(p))
	wait("without the file", func(b devBuild) bool {
		return b.err == nil && !strings.Contains(testtree.Read(t, out), "X-Frame-Options")
	})
}
