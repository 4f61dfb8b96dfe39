package dev

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"rolesite/generator"
	"rolesite/generator/watch"
	"rolesite/internal/synth"
)

// BenchmarkWatchEdit measures watch mode's answer to a save: the time from
// one role file's change (a body edit) to the last changed file written,
// through Run with the real fsnotify watcher, the default debounce
// (watch.DefaultDebounce, as the command uses) and the incremental Builder,
// on a synthetic site (internal/synth) in a folder of its own. Each
// iteration is one save; ns/op is the whole latency. It reports, per save:
//
//	e2e-ms                change written -> Run's Report after the build committed,
//	                      debounce included
//	e2e-nodebounce-ms     the same less the quiet period (fsnotify delivery,
//	                      batching and the build)
//	build-ms              the Builder alone (Report's duration)
//	cold-ms               a cold build (new Builder, empty folder) of the
//	                      same site in the same run
//	build/cold, e2e-nodebounce/cold, e2e/cold
//	                      the ratios; the target is build/cold (and
//	                      e2e-nodebounce/cold) under 0.05 at 10,000 roles
//	files-written         files the save's build wrote (1: the role's page)
//
// 1,000 roles always; 10,000 only with ROLESITE_BENCH_10K=1, as CI runs
// every benchmark once:
//
//	go test -run '^$' -bench WatchEdit -benchtime 20x ./generator/
//	ROLESITE_BENCH_10K=1 go test -run '^$' -bench WatchEdit -benchtime 20x ./generator/
func BenchmarkWatchEdit(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			if n > 1000 && os.Getenv("ROLESITE_BENCH_10K") != "1" {
				b.Skip("set ROLESITE_BENCH_10K=1 to run the 10,000-role site")
			}
			benchWatchEdit(b, n)
		})
	}
}

// watchReport is one build as Run reported it, with the moment it did.
type watchReport struct {
	at   time.Time
	res  *generator.Result
	err  error
	took time.Duration
}

func benchWatchEdit(b *testing.B, n int) {
	const seed = 1
	dir := b.TempDir()
	content := filepath.Join(dir, "content")
	start := time.Now()
	if err := synth.Write(content, n, seed); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d roles generated in %s", n, time.Since(start).Round(time.Millisecond))
	cfg := generator.Config{ContentDir: content, LayoutsDir: filepath.Join(dir, "layouts"), OutDir: filepath.Join(dir, "public"), Now: synth.Now}

	// The yardstick: a cold build of the same site, in this run.
	coldCfg := cfg
	coldCfg.OutDir = filepath.Join(dir, "cold")
	start = time.Now()
	coldRes, err := generator.NewBuilder(coldCfg).Build(context.Background())
	cold := time.Since(start)
	if err != nil {
		b.Fatalf("cold build: %v", err)
	}
	if err := os.RemoveAll(coldCfg.OutDir); err != nil {
		b.Fatal(err)
	}

	reports := make(chan watchReport, 100)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, cfg, Config{
			Debounce: watch.DefaultDebounce,
			Report: func(res *generator.Result, err error, took time.Duration) {
				reports <- watchReport{at: time.Now(), res: res, err: err, took: took}
			},
		})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			b.Error(err)
		}
	}()
	next := func() watchReport {
		select {
		case r := <-reports:
			if r.err != nil {
				b.Fatalf("build: %v", r.err)
			}
			return r
		case err := <-done:
			b.Fatalf("Run returned %v", err)
		case <-time.After(5 * time.Minute):
			b.Fatal("no build within 5 minutes")
		}
		return watchReport{}
	}
	first := next()
	b.Logf("cold build %s (%d pages); Run's first build %s", cold.Round(time.Millisecond), coldRes.Pages, first.took.Round(time.Millisecond))

	slug, orig := synth.New(n, seed).Role(n / 2)
	path := filepath.Join(content, "roles", slug+".md")
	var e2e, build time.Duration
	var written, saves int
	for b.Loop() {
		saves++
		text := fmt.Sprintf("%s\nNachtrag %d: Die Stelle wird gemeinsam mit dem Fachbereich besetzt.\n", orig, saves)
		changed := time.Now()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		r := next()
		// One save is one build; on a loaded machine its events may
		// split over two, and the save's latency ends with the last.
		for r.res.Stats.Written == 0 {
			r = next()
		}
		e2e += r.at.Sub(changed)
		build += r.took
		written = r.res.Stats.Written
	}
	perSave := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(saves) }
	debounce := float64(watch.DefaultDebounce.Microseconds()) / 1000
	coldMs := float64(cold.Microseconds()) / 1000
	b.ReportMetric(perSave(e2e), "e2e-ms")
	b.ReportMetric(perSave(e2e)-debounce, "e2e-nodebounce-ms")
	b.ReportMetric(perSave(build), "build-ms")
	b.ReportMetric(coldMs, "cold-ms")
	b.ReportMetric(perSave(build)/coldMs, "build/cold")
	b.ReportMetric((perSave(e2e)-debounce)/coldMs, "e2e-nodebounce/cold")
	b.ReportMetric(perSave(e2e)/coldMs, "e2e/cold")
	b.ReportMetric(float64(written), "files-written")
}
