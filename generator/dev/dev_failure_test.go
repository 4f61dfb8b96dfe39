package dev

import (
	"encoding/json"
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolesite/generator/diag"
	"rolesite/internal/testtree"
)

// TestDevBrokenThenFixed: a broken save fails the build with path:line:col
// errors and leaves public/ as it was (bytes and mtimes); the watcher goes
// on, and the next good save recovers.
func TestDevBrokenThenFixed(t *testing.T) {
	for _, withServe := range []bool{false, true} {
		t.Run(map[bool]string{false: "watch", true: "serve"}[withServe], func(t *testing.T) {
			cfg := fixture(t)
			d := startDev(t, cfg, withServe)
			p := filepath.Join(cfg.ContentDir, editedRole)
			good := testtree.Read(t, p)
			before := testtree.Snapshot(t, d.cfg.OutDir)

			devWriteFile(t, p, strings.Replace(good, "title:", "titel:", 1))
			b := d.next(t, devWait)
			if b.err == nil {
				t.Fatalf("a broken save built: %s", describeBuilds([]devBuild{b}))
			}
			wantErr := p + `:2:1: unknown key "titel" (did you mean "title"?)`
			if !strings.Contains(b.err.Error(), wantErr) {
				t.Errorf("errors\n%v\ndo not contain\n%s", b.err, wantErr)
			}
			if !maps.Equal(before, testtree.Snapshot(t, d.cfg.OutDir)) {
				t.Error("a failed build changed public/")
			}
			if withServe {
				// The last good page is still served.
				if page := d.get(t, editedPage); !strings.Contains(page, "spricht mit") {
					t.Error("the last good page is not served while the build fails")
				}
				// A browser that connects now learns of the failure at once.
				late := connectEvents(t, t.Context(), d.url)
				select {
				case ev := <-late:
					if ev.name != "fail" || ev.data != germanFailure(b.err) {
						t.Errorf("a browser connecting to a failing build got %s %s", ev.name, ev.data)
					}
				case <-time.After(devWait):
					t.Error("a browser connecting to a failing build got no event")
				}
			}

			// A second broken save: still failing, still nothing written.
			devWriteFile(t, p, strings.Replace(good, "category: sales", "category: salse", 1))
			b = d.next(t, devWait)
			if b.err == nil || !strings.Contains(b.err.Error(), p+":3:") {
				t.Errorf("second broken save: want an error at %s:3:..., got %v", p, b.err)
			}
			if !maps.Equal(before, testtree.Snapshot(t, d.cfg.OutDir)) {
				t.Error("a failed build changed public/")
			}

			devWriteFile(t, p, good+"Wieder gut.\n")
			builds := d.waitSite(t, devWait)
			if len(builds) > devMaxSplit {
				t.Errorf("the fix took %d builds: %s", len(builds), describeBuilds(builds))
			}
			d.none(t)
		})
	}
}

// germanFailure is the data of the "fail" event for err on the fixture, a
// German site: the overlay's heading and every diagnostic in German.
func germanFailure(err error) string {
	data, _ := json.Marshal(struct {
		Title string `json:"title"`
		Text  string `json:"text"`
	}{"Build fehlgeschlagen: die Seite zeigt den letzten erfolgreichen Stand.", FailureText(err, diag.German)})
	return string(data)
}

func TestFailureTextGerman(t *testing.T) {
	var list diag.List
	list.Add(diag.Position{Path: "content/roles/a.md", Line: 2, Column: 1}, diag.UnknownKey, "titel", diag.T(diag.HintDidYouMean, "title"))
	want := `content/roles/a.md:2:1: unbekannter Schlüssel "titel" (meinten Sie "title"?)`
	if got := FailureText(list, diag.German); got != want {
		t.Errorf("FailureText = %q, want %q", got, want)
	}
}
