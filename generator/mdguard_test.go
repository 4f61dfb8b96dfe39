package generator

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolesite/generator/diag"
	"rolesite/internal/testtree"
)

// TestPathologicalBodyFailsBuild builds a site, then gives one role a
// 2 MiB body of unclosed link openers, which goldmark would take hours to
// render: the build fails fast with the file, line and column, and the
// output folder stays as it was.
func TestPathologicalBodyFailsBuild(t *testing.T) {
	cfg := fixture(t)
	mustBuild(t, cfg)
	before := testtree.Snapshot(t, cfg.OutDir)
	bad := filepath.Join(cfg.ContentDir, "roles", "account-manager.md")
	head := "---\ntitle: Account Manager\ncategory: sales\ndescription: Betreut Kunden.\n---\nIntro.\n\n"
	body := strings.Repeat("[a](", (2<<20-len(head)-100)/4)
	if err := os.WriteFile(bad, []byte(head+body), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	done := make(chan error, 1)
	var res *Result
	go func() {
		var err error
		res, err = Build(ctx, cfg)
		done <- err
	}()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		t.Fatal("the build did not finish within 30 s")
	}
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want a diag.List error, got %v", err)
	}
	want := bad + `:8:3: body: link destination after "](" runs on without a closing ")" or ">"`
	if msgs := res.Diagnostics.Errors().Error(); !strings.Contains(msgs, want) {
		t.Errorf("errors\n%.600s\ndo not contain\n%s", msgs, want)
	}
	sameSnapshot(t, "the output of a build refused for its body", before, testtree.Snapshot(t, cfg.OutDir))
}
