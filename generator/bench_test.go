package generator

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adrg/frontmatter"

	"rolesite/generator/render"
	"rolesite/internal/synth"
)

// The benchmarks build synthetic sites (internal/synth) of 1,000 roles,
// 10,000 with ROLESITE_BENCH_10K=1, and 100,000 too with
// ROLESITE_BENCH_100K=1 (CI runs every benchmark once, at 1,000 roles):
//
//	ROLESITE_BENCH_10K=1 go test -run '^$' -bench 'Site' -benchtime 3x ./generator/
//
// Per size, in this order: Floor (read, split front matter, goldmark, write
// one file per role into a folder of its own, on all cores: the yardstick),
// Cold (Build into an empty folder, as cmd/build; each run paired with a
// floor run), UnchangedNew (Build, as a new process, over the output of the
// previous build), UnchangedWarm (the same Builder again), EditBody and
// EditTitle (a warm Builder after one role's body or title changed, as watch
// mode does), and Ratios, which reports the targets as ratios of the
// fastest iterations above, all from the same run. Each reports pages/s,
// its fastest iteration (best-ms) and the peak heap seen while it ran.
// Before each timed iteration the disks are synced, so that no iteration
// pays for the writes of another. Scaling compares the cost per role at
// 100,000 with that at 10,000 when both ran.
//
// A site is generated once per size (outside the timing) into
// $TMPDIR/rolesite-bench-N and reused by later runs while its files are
// what synth writes.

const benchSeed = 1

func benchSizes() []int {
	sizes := []int{1000}
	if os.Getenv("ROLESITE_BENCH_10K") == "1" || os.Getenv("ROLESITE_BENCH_100K") == "1" {
		sizes = append(sizes, 10000)
	}
	if os.Getenv("ROLESITE_BENCH_100K") == "1" {
		sizes = append(sizes, 100000)
	}
	return sizes
}

var siteMu sync.Mutex

// benchSite returns a content folder holding the synthetic site of n
// roles, generating it when missing or stale.
func benchSite(b *testing.B, n int) string {
	b.Helper()
	siteMu.Lock()
	defer siteMu.Unlock()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("rolesite-bench-%d", n))
	if siteIsCurrent(dir, n) {
		return dir
	}
	if err := os.RemoveAll(dir); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := synth.Write(dir, n, benchSeed); err != nil {
		os.RemoveAll(dir)
		b.Fatal(err)
	}
	b.Logf("generated %d roles into %s in %v", n, dir, time.Since(start).Round(time.Millisecond))
	return dir
}

// siteIsCurrent checks a cached site cheaply: the number of role files and
// the bytes of the roles the benchmarks edit and of a few others.
func siteIsCurrent(dir string, n int) bool {
	entries, err := os.ReadDir(filepath.Join(dir, "roles"))
	if err != nil || len(entries) != n {
		return false
	}
	s := synth.New(n, benchSeed)
	for _, i := range []int{0, benchEditedRole(n), n - 1} {
		slug, want := s.Role(i)
		got, err := os.ReadFile(filepath.Join(dir, "roles", slug+".md"))
		if err != nil || !bytes.Equal(got, want) {
			return false
		}
	}
	return true
}

// benchEditedRole is the role the edit benchmarks change.
func benchEditedRole(n int) int { return n / 2 }

func benchConfig(contentDir, outDir string) Config {
	return Config{ContentDir: contentDir, OutDir: outDir, Now: synth.Now}
}

// peakHeap samples the Go heap while a benchmark runs.
type peakHeap struct {
	stop, done chan struct{}
	heap       uint64 // heap objects, live or not yet swept
	mapped     uint64 // all memory the runtime holds from the OS
}

func startPeak() *peakHeap {
	runtime.GC()
	p := &peakHeap{stop: make(chan struct{}), done: make(chan struct{})}
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	read := func() {
		metrics.Read(samples)
		p.heap = max(p.heap, samples[0].Value.Uint64())
		p.mapped = max(p.mapped, samples[1].Value.Uint64()-samples[2].Value.Uint64())
	}
	go func() {
		defer close(p.done)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-p.stop:
				read()
				return
			case <-t.C:
			}
		}
	}()
	return p
}

func (p *peakHeap) report(b *testing.B, roles int) {
	close(p.stop)
	<-p.done
	b.ReportMetric(float64(p.heap)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(p.mapped)/(1<<20), "peak-mapped-MB")
	b.ReportMetric(float64(p.heap)/1024/float64(roles), "peak-heap-KB/role")
}

// results holds the fastest iteration, in ns, by "size/name", for the
// Ratios and Scaling reports: on a shared machine the fastest of a few runs
// is the steadiest figure.
var (
	resultsMu sync.Mutex
	results   = map[string]float64{}
)

// timer measures each iteration of a benchmark loop on its own.
type timer struct {
	start time.Time
	best  time.Duration
}

// settle flushes what earlier iterations (or benchmarks) left for the disk
// to write, so that an iteration does not pay for another's writes, then
// starts the iteration's clock. Call it with the benchmark timer stopped.
func (t *timer) settle() {
	syncDisks()
	t.start = time.Now()
}

func (t *timer) stop() {
	if d := time.Since(t.start); t.best == 0 || d < t.best {
		t.best = d
	}
}

func record(b *testing.B, n int, name string, pages int, t *timer) {
	perOp := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	best := float64(t.best.Nanoseconds())
	if best == 0 {
		best = perOp
	}
	b.ReportMetric(float64(pages)/(perOp/1e9), "pages/s")
	b.ReportMetric(best/1e6, "best-ms")
	resultsMu.Lock()
	results[strconv.Itoa(n)+"/"+name] = best
	resultsMu.Unlock()
}

func result(n int, name string) float64 {
	resultsMu.Lock()
	defer resultsMu.Unlock()
	return results[strconv.Itoa(n)+"/"+name]
}

func BenchmarkSite(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			content := benchSite(b, n)
			b.Run("Floor", func(b *testing.B) { benchFloor(b, content, n) })
			b.Run("Cold", func(b *testing.B) { benchCold(b, content, n) })
			b.Run("UnchangedNew", func(b *testing.B) { benchUnchanged(b, content, n, false) })
			b.Run("UnchangedWarm", func(b *testing.B) { benchUnchanged(b, content, n, true) })
			b.Run("EditBody", func(b *testing.B) { benchEdit(b, content, n, editBody) })
			b.Run("EditTitle", func(b *testing.B) { benchEdit(b, content, n, editTitle) })
			b.Run("PeakRSS", func(b *testing.B) { benchPeakRSS(b, content, n) })
			b.Run("Ratios", func(b *testing.B) {
				for b.Loop() {
				}
				cold := result(n, "Cold")
				report := func(name, unit string) {
					if v := result(n, name); v > 0 && cold > 0 {
						b.ReportMetric(v/cold, unit)
					}
				}
				if f := result(n, "FloorPaired"); f > 0 && cold > 0 {
					b.ReportMetric(cold/f, "cold/floor")
				}
				report("UnchangedNew", "unchanged-new/cold")
				report("UnchangedWarm", "unchanged-warm/cold")
				report("EditBody", "edit-body/cold")
				report("EditTitle", "edit-title/cold")
				if kb := result(n, "PeakRSS"); kb > 0 {
					b.ReportMetric(kb/float64(n), "peak-rss-KB/role")
				}
			})
		})
	}
	b.Run("Scaling", func(b *testing.B) {
		for b.Loop() {
		}
		small, large := result(10000, "Cold"), result(100000, "Cold")
		if small > 0 && large > 0 {
			b.ReportMetric((large/100000)/(small/10000), "per-role-100k/10k")
			// The same against the floor measured beside each: the speed
			// of a shared disk changes more between the two runs than the
			// build's cost per role does.
			if fs, fl := result(10000, "FloorPaired"), result(100000, "FloorPaired"); fs > 0 && fl > 0 {
				b.ReportMetric((large/fl)/(small/fs), "per-role-vs-floor-100k/10k")
			}
		}
	})
}

// benchFloor is what any goldmark-based generator must at least spend:
// read every role file, split its front matter (adrg/frontmatter), render
// its body with goldmark (render.NewMarkdown's extensions, no linker) and
// write one file per role into its own folder, on all cores; no templates,
// no links, no validation.
func benchFloor(b *testing.B, content string, n int) {
	rolesDir := filepath.Join(content, "roles")
	tmp := b.TempDir()
	peak := startPeak()
	var t timer
	i := 0
	for b.Loop() {
		b.StopTimer()
		out := filepath.Join(tmp, strconv.Itoa(i))
		i++
		t.settle()
		b.StartTimer()
		if err := floor(rolesDir, out); err != nil {
			b.Fatal(err)
		}
		t.stop()
		b.StopTimer()
		os.RemoveAll(out)
		b.StartTimer()
	}
	peak.report(b, n)
	record(b, n, "Floor", n, &t)
}

func floor(rolesDir, out string) error {
	entries, err := os.ReadDir(rolesDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	next := make(chan string, 64)
	errs := make(chan error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			md := render.NewMarkdown()
			var buf bytes.Buffer
			for name := range next {
				err := func() error {
					src, err := os.ReadFile(filepath.Join(rolesDir, name))
					if err != nil {
						return err
					}
					var meta struct {
						Title string `yaml:"title"`
					}
					body, err := frontmatter.Parse(bytes.NewReader(src), &meta)
					if err != nil {
						return err
					}
					buf.Reset()
					if err := md.Convert(body, &buf); err != nil {
						return err
					}
					dir := filepath.Join(out, strings.TrimSuffix(name, ".md"))
					if err := os.Mkdir(dir, 0o755); err != nil {
						return err
					}
					return os.WriteFile(filepath.Join(dir, "index.html"), buf.Bytes(), 0o644)
				}()
				if err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for _, e := range entries {
		next <- e.Name()
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

func mustBenchBuild(b *testing.B, bd *Builder) *Result {
	res, err := bd.Build(context.Background())
	if err != nil {
		b.Fatalf("build: %v", err)
	}
	return res
}

// benchCold builds into an empty folder with Build, as cmd/build does: a
// new one-shot Builder each time. Before each build, untimed, it runs the
// floor once, so that the two are measured side by side: on a shared
// machine the speed of the disk changes from minute to minute, and the
// ratio of a pair measured together is steadier than that of two
// benchmarks run minutes apart. It reports the floor's best time and the
// ratio of the best times (cold/floor), which Ratios reports too.
func benchCold(b *testing.B, content string, n int) {
	tmp := b.TempDir()
	rolesDir := filepath.Join(content, "roles")
	peak := startPeak()
	var t, ft timer
	var pages, i int
	// Under -cpuprofile or -memprofile the profile is the build's alone.
	pair := !profiling()
	for b.Loop() {
		b.StopTimer()
		if pair {
			fout := filepath.Join(tmp, "floor-"+strconv.Itoa(i))
			ft.settle()
			if err := floor(rolesDir, fout); err != nil {
				b.Fatal(err)
			}
			ft.stop()
			os.RemoveAll(fout)
		}
		out := filepath.Join(tmp, strconv.Itoa(i))
		i++
		t.settle()
		b.StartTimer()
		res, err := Build(context.Background(), benchConfig(content, out))
		if err != nil {
			b.Fatalf("build: %v", err)
		}
		t.stop()
		pages = res.Pages
		if res.Stats.Written != res.Files {
			b.Fatalf("cold build wrote %d of %d files", res.Stats.Written, res.Files)
		}
		b.StopTimer()
		os.RemoveAll(out)
		b.StartTimer()
	}
	peak.report(b, n)
	if pair {
		b.ReportMetric(float64(ft.best.Milliseconds()), "floor-best-ms")
		b.ReportMetric(float64(t.best)/float64(ft.best), "cold/floor")
		resultsMu.Lock()
		results[strconv.Itoa(n)+"/FloorPaired"] = float64(ft.best.Nanoseconds())
		resultsMu.Unlock()
	}
	record(b, n, "Cold", pages, &t)
}

// benchUnchanged rebuilds a site whose content did not change since the
// last build: with warm, the Builder that built it; otherwise with Build, as
// a new process (cmd/build) does.
func benchUnchanged(b *testing.B, content string, n int, warm bool) {
	out := b.TempDir()
	cfg := benchConfig(content, out)
	bd := NewBuilder(cfg)
	mustBenchBuild(b, bd)
	name := "UnchangedNew"
	if warm {
		name = "UnchangedWarm"
	}
	peak := startPeak()
	var t timer
	var pages int
	for b.Loop() {
		b.StopTimer()
		t.settle()
		b.StartTimer()
		var res *Result
		if warm {
			res = mustBenchBuild(b, bd)
		} else {
			var err error
			if res, err = Build(context.Background(), cfg); err != nil {
				b.Fatalf("build: %v", err)
			}
		}
		t.stop()
		pages = res.Pages
		if res.Stats.Written != 0 || res.Stats.Removed != 0 {
			b.Fatalf("unchanged rebuild wrote %d and removed %d files", res.Stats.Written, res.Stats.Removed)
		}
	}
	peak.report(b, n)
	record(b, n, name, pages, &t)
}

// An edit turns a role file's text into the k-th edited version; every k
// gives other bytes than k-1.
type edit struct {
	name string
	fn   func(src string, k int) string
}

var editBody = edit{"EditBody", func(src string, k int) string {
	return src + fmt.Sprintf("\nNachtrag %d: Die Stelle wird gemeinsam mit dem Fachbereich besetzt.\n", k)
}}

// editTitle renames the role back and forth; the other pages that mention
// it or list it change with it.
var editTitle = edit{"EditTitle", func(src string, k int) string {
	if k%2 == 0 {
		return src
	}
	i := strings.Index(src, "\ntitle: \"")
	if i < 0 {
		panic("no title line")
	}
	j := i + len("\ntitle: \"")
	return src[:j] + "Neu " + src[j:]
}}

// benchEdit measures the rebuild of a warm Builder after one role file
// changed, told which file changed as Dev's watcher tells it; the edit
// itself is not timed.
func benchEdit(b *testing.B, content string, n int, e edit) {
	slug, orig := synth.New(n, benchSeed).Role(benchEditedRole(n))
	path := filepath.Join(content, "roles", slug+".md")
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	write := func(text string) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	// Put the file back as it was, modification time included, so that
	// the site stays as generated for the next benchmark and run.
	defer func() {
		write(string(orig))
		os.Chtimes(path, info.ModTime(), info.ModTime())
	}()
	out := b.TempDir()
	bd := NewBuilder(benchConfig(content, out))
	mustBenchBuild(b, bd)
	peak := startPeak()
	var t timer
	var pages, k, rendered, changed int
	for b.Loop() {
		b.StopTimer()
		k++
		write(e.fn(string(orig), k))
		bd.Changed([]string{path}) // as the watcher in Dev tells it
		t.settle()
		b.StartTimer()
		res := mustBenchBuild(b, bd)
		t.stop()
		pages, rendered, changed = res.Pages, res.Rendered, len(res.Stats.Changed)
	}
	peak.report(b, n)
	b.ReportMetric(float64(rendered), "pages-rendered")
	b.ReportMetric(float64(changed), "files-changed")
	record(b, n, e.name, pages, &t)
}

// benchPeakRSS measures the peak memory of a cold build as the operating
// system sees it: the test binary runs itself (TestPeakRSSChild) for one
// Build into an empty folder and reports its peak resident set, which
// includes everything the Go runtime holds, not only the heap.
func benchPeakRSS(b *testing.B, content string, n int) {
	exe, err := os.Executable()
	if err != nil {
		b.Skip(err)
	}
	var peak int64
	for b.Loop() {
		out := filepath.Join(b.TempDir(), "public")
		cmd := exec.Command(exe, "-test.run=^TestPeakRSSChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "ROLESITE_PEAK_CONTENT="+content, "ROLESITE_PEAK_OUT="+out)
		text, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("child build: %v\n%s", err, text)
		}
		var kb int64
		for _, line := range strings.Split(string(text), "\n") {
			if v, ok := strings.CutPrefix(line, "maxrss-kb "); ok {
				kb, _ = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			}
		}
		if kb == 0 {
			b.Skip("peak resident set not available here")
		}
		peak = max(peak, kb)
	}
	b.ReportMetric(float64(peak)/1024, "peak-rss-MB")
	b.ReportMetric(float64(peak)/float64(n), "peak-rss-KB/role")
	resultsMu.Lock()
	results[strconv.Itoa(n)+"/PeakRSS"] = float64(peak)
	resultsMu.Unlock()
}

// TestPeakRSSChild is the child process of benchPeakRSS; it does nothing in
// a normal test run.
func TestPeakRSSChild(t *testing.T) {
	content := os.Getenv("ROLESITE_PEAK_CONTENT")
	if content == "" {
		t.Skip("run by BenchmarkSite/*/PeakRSS")
	}
	if _, err := Build(context.Background(), benchConfig(content, os.Getenv("ROLESITE_PEAK_OUT"))); err != nil {
		t.Fatal(err)
	}
	fmt.Printf("maxrss-kb %d\n", maxRSSKB())
}

// profiling reports whether the test binary writes a CPU or memory profile.
func profiling() bool {
	for _, name := range []string{"test.cpuprofile", "test.memprofile"} {
		if f := flag.Lookup(name); f != nil && f.Value.String() != "" {
			return true
		}
	}
	return false
}
