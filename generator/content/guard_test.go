package content_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolesite/generator/content"
	"rolesite/internal/synth"
)

// bodyDeadline is how long a 2 MiB body may take to parse and render. A
// linear body takes well under a second on an idle machine; the bound is
// generous so that a loaded machine does not fail the test, and far below
// the minutes to hours a quadratic construct takes.
const bodyDeadline = 20 * time.Second

// headerLines is the number of lines roleFile puts before the body.
const headerLines = 5

// TestPathologicalBodiesBuildOrFail gives each construct a 2 MiB body: it
// either renders within the deadline or is refused with its position and
// a message that names it, without rendering.
func TestPathologicalBodiesBuildOrFail(t *testing.T) {
	if testing.Short() {
		t.Skip("2 MiB bodies")
	}
	md := productionMarkdown()
	for _, c := range constructs {
		t.Run(c.name, func(t *testing.T) {
			src := roleFile(c.body(2<<20 - 100))
			ctx, cancel := context.WithTimeout(context.Background(), bodyDeadline)
			defer cancel()
			type outcome struct {
				errs string
				err  error
			}
			done := make(chan outcome, 1)
			go func() {
				r, errs := content.ParseRole("roles/probe.md", "probe", src, content.Limits{})
				if errs.HasErrors() {
					done <- outcome{errs: errs.Errors().Error()}
					return
				}
				done <- outcome{err: renderBody(md, r.Body)}
			}()
			select {
			case <-ctx.Done():
				t.Fatalf("a 2 MiB body of %s neither built nor failed within %v", c.name, bodyDeadline)
			case o := <-done:
				if o.err != nil {
					t.Fatalf("render: %v", o.err)
				}
				if c.refuse == "" {
					if o.errs != "" {
						t.Fatalf("refused an input goldmark renders in linear time:\n%s", o.errs)
					}
					return
				}
				var line, col int
				fmt.Sscanf(c.at, "%d:%d", &line, &col)
				want := fmt.Sprintf("roles/probe.md:%d:%d: %s", line+headerLines, col, c.refuse)
				if !strings.HasPrefix(o.errs, want) {
					t.Fatalf("errors\n%.400s\nwant one starting with\n%s", o.errs, want)
				}
			}
		})
	}
}

// TestGuardAcceptsOrdinaryBodies runs the guard over the sample site and
// a 200-role synthetic site: no ordinary body may be refused.
func TestGuardAcceptsOrdinaryBodies(t *testing.T) {
	files, err := filepath.Glob("../../content/roles/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample roles: %v", err)
	}
	check := func(name string, src []byte) {
		t.Helper()
		_, errs := content.ParseRole(name, "probe", src, content.Limits{})
		for _, d := range errs.Errors() {
			if strings.Contains(d.Message, "body: ") {
				t.Errorf("%s", d)
			}
		}
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		check(f, src)
	}
	s := synth.New(200, 1)
	for i := range 200 {
		slug, src := s.Role(i)
		check(slug+".md", src)
	}
	// What careful editors write: every construct the guard counts, at
	// ordinary sizes and far beyond.
	var b strings.Builder
	for i := range 300 {
		fmt.Fprintf(&b, "Als **Backend-Entwickler** (m/w/d) baust du _APIs_ mit [Go](https://go.dev/) ~~und PHP~~, siehe [Frontend](frontend-entwickler.md) und ![Logo](/assets/logo.svg). Punkt %d.\n\n", i)
		fmt.Fprintf(&b, "> - Zitat in einer Liste\n>   - zweite Ebene\n>     1. dritte Ebene mit *Betonung*\n\n")
		fmt.Fprintf(&b, "| Aufgabe | Anteil |\n| --- | --- |\n| *Code* | [50 %%](#a) |\n\n")
	}
	for i := range 200 {
		fmt.Fprintf(&b, "[ref%d]: https://example.de/%d \"Titel\"\n", i, i)
	}
	check("careful.md", roleFile(b.String()))
}
