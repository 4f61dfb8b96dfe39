package generator

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"rolesite/internal/testtree"
)

// The property: whatever sequence of edits an editor makes, a Builder kept
// across all of them (as -watch keeps one) writes the same site, byte for
// byte, and reports the same diagnostics as a cold build of the same
// content into an empty folder (as cmd/build does). A failed build leaves
// the output as it was.
//
// TestIncrementalEqualsCold runs a seeded random sequence; a failure prints
// the seed and the edits that led there. Reproduce it with
//
//	go test -run '^TestIncrementalEqualsCold$' -seed N ./generator
//
// (or ROLESITE_PROP_SEED=N); ROLESITE_PROP_EDITS=20000 runs a longer one.
// FuzzIncrementalEqualsCold lets the fuzzer's bytes choose the edits:
//
//	go test -run '^$' -fuzz '^FuzzIncrementalEqualsCold$' -fuzztime 5m -parallel 1 ./generator

var propSeed = flag.Uint64("seed", 0, "seed of TestIncrementalEqualsCold's edit sequence (0: from the clock, or ROLESITE_PROP_SEED)")

// propEdits is how many edits TestIncrementalEqualsCold makes by default;
// with -short a tenth of it.
const propEdits = 1000

// propStart is the build time of the first build of every sequence.
var propStart = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// chooser makes the choices of an edit sequence: a seeded random source in
// the property test, the fuzzer's bytes in the fuzz target.
type chooser interface {
	// intn returns a number in [0, n); n > 0.
	intn(n int) int
}

type randChooser struct{ r *rand.Rand }

func (c randChooser) intn(n int) int { return c.r.IntN(n) }

// byteChooser reads its choices from a byte string; once the bytes are
// used up every choice is 0 and done reports true.
type byteChooser struct {
	data []byte
	pos  int
}

func (c *byteChooser) intn(n int) int {
	if c.pos >= len(c.data) {
		c.pos++
		return 0
	}
	v := int(c.data[c.pos])
	c.pos++
	if n > 256 && c.pos < len(c.data) {
		v = v<<8 | int(c.data[c.pos])
		c.pos++
	}
	return v % n
}

func (c *byteChooser) done() bool { return c.pos >= len(c.data) }

// constChooser makes the same choice everywhere: the first build's files
// are written with it, so that a fuzzer's bytes all go to the edits.
type constChooser int

func (c constChooser) intn(n int) int { return int(c) % n }

// pickOne returns one of from.
func pickOne[T any](ch chooser, from []T) T { return from[ch.intn(len(from))] }

// chance reports true in about one of n calls.
func chance(ch chooser, n int) bool { return ch.intn(n) == 0 }

// propRun is one edit sequence and the builds after each edit.
type propRun struct {
	site       *propSite
	warm       *Builder
	warmOut    string // the Builder's output
	rerunOut   string // the output of Build run again now and then
	coldOut    string // a build into an empty folder after each edit
	seed       string // how to reproduce the run, for failure reports
	log        []string
	failedLast bool // the last build failed
	// counts of the builds, for the summary
	failed, told int
}

func newPropRun(t testing.TB, roles int, seed string) *propRun {
	t.Helper()
	return newPropRunWith(t, roles, seed, nil)
}

// newPropRunWith is newPropRun whose builds all have the options output
// sets.
func newPropRunWith(t testing.TB, roles int, seed string, output func(*Config)) *propRun {
	t.Helper()
	root := t.TempDir()
	r := &propRun{site: newPropSite(root, roles), warmOut: filepath.Join(root, "warm"), rerunOut: filepath.Join(root, "rerun"), coldOut: filepath.Join(root, "cold"), seed: seed}
	r.site.output = output
	cfg := r.site.config()
	cfg.OutDir = r.warmOut
	r.warm = NewBuilder(cfg)
	return r
}

// step makes one edit (edit returns its description), builds warm and
// cold, and compares them; it reports false when the run must stop.
func (r *propRun) step(t testing.TB, ch chooser, edit func() string) bool {
	t.Helper()
	desc := edit()
	if desc == "" {
		return true
	}
	first := len(r.log) == 0
	if first {
		ch = constChooser(1) // in place, not told
	}
	change, err := r.site.sync(ch)
	if err != nil {
		t.Fatalf("writing the edit: %v", err)
	}
	// As Dev tells the Builder: only when every change is a file written
	// or created, and never before the first build.
	tell := !first && !change.removed && len(change.written) > 0 && chance(ch, 2)
	if tell {
		r.warm.Changed(change.written)
		desc += " (told)"
		r.told++
	}
	// Now and then cmd/build runs again over its own output: a new
	// process, which may find that nothing changed since its last build.
	rerun := first || chance(ch, 4)
	if rerun && !first {
		desc += " (rerun)"
	}
	r.log = append(r.log, desc)

	if err := os.RemoveAll(r.coldOut); err != nil {
		t.Fatal(err)
	}
	cold := r.site.config()
	cold.OutDir = r.coldOut
	coldRes, coldErr := Build(context.Background(), cold)
	coldTree := outputTree(t, r.coldOut)
	if coldErr != nil && len(coldTree) > 0 {
		r.fail(t, fmt.Sprintf("a failed cold build wrote %d files", len(coldTree)))
		return false
	}
	if coldErr != nil {
		r.failed++
	}
	r.failedLast = coldErr != nil

	warmBefore := outputTree(t, r.warmOut)
	r.warm.cfg.Now = r.site.now
	warmRes, warmErr := r.warm.Build(context.Background())
	if msg := sameBuild(t, "warm Builder", r.warmOut, warmBefore, warmRes, warmErr, coldRes, coldErr, coldTree); msg != "" {
		r.fail(t, msg)
		return false
	}
	if rerun {
		rerunBefore := outputTree(t, r.rerunOut)
		cfg := r.site.config()
		cfg.OutDir = r.rerunOut
		res, err := Build(context.Background(), cfg)
		if msg := sameBuild(t, "build run again", r.rerunOut, rerunBefore, res, err, coldRes, coldErr, coldTree); msg != "" {
			r.fail(t, msg)
			return false
		}
	}
	return true
}

// sameBuild compares a build into outDir, which held before, with the
// cold build: the same result, and the same files, or when the build
// failed the files it had before. It returns "" when they agree.
func sameBuild(t testing.TB, what, outDir string, before map[string][]byte, res *Result, err error, coldRes *Result, coldErr error, coldTree map[string][]byte) string {
	t.Helper()
	var problems []string
	if msg := compareResults(res, err, coldRes, coldErr); msg != "" {
		problems = append(problems, msg)
	}
	got := outputTree(t, outDir)
	if err != nil {
		if msg := diffTrees(got, before, "the output before the failed build"); msg != "" {
			problems = append(problems, "a failed build changed the output: "+msg)
		}
	} else if msg := diffTrees(got, coldTree, "a cold build"); msg != "" {
		problems = append(problems, msg)
	}
	if len(problems) == 0 {
		return ""
	}
	return what + ": " + strings.Join(problems, "\n")
}

// fail reports a difference with what reproduces it.
func (r *propRun) fail(t testing.TB, msg string) {
	t.Helper()
	msg = strings.ReplaceAll(msg, r.site.root+string(filepath.Separator), "")
	t.Errorf("incremental build differs from a cold build after edit %d (%s)\n%s\nedits:\n%s",
		len(r.log)-1, r.seed, msg, compactLog(r.log))
}

// compactLog joins the edits with "; " into lines of about 150 bytes.
func compactLog(log []string) string {
	var b strings.Builder
	line := 0
	for i, e := range log {
		if i > 0 {
			b.WriteString("; ")
			line += 2
		}
		if line > 150 {
			b.WriteString("\n")
			line = 0
		}
		if line == 0 {
			b.WriteString("  ")
		}
		fmt.Fprintf(&b, "%d:%s", i, e)
		line += len(e) + 4
	}
	return b.String()
}

// compareResults returns what differs between what the warm and the cold
// build report: the error, the diagnostics and the counts the last line
// prints; "" when nothing does.
func compareResults(warm *Result, warmErr error, cold *Result, coldErr error) string {
	errText := func(err error) string {
		if err == nil {
			return "no error"
		}
		return err.Error()
	}
	if a, b := errText(warmErr), errText(coldErr); a != b {
		return "error differs:\n" + testtree.FirstDiff([]byte(b), []byte(a))
	}
	if warm == nil || cold == nil {
		return ""
	}
	if a, b := warm.Diagnostics.Error(), cold.Diagnostics.Error(); a != b {
		return "diagnostics differ:\n" + testtree.FirstDiff([]byte(b), []byte(a))
	}
	summary := func(res *Result) string {
		return fmt.Sprintf("pages %d, files %d, links %d, closed %v, next change %s (%s)",
			res.Pages, res.Files, res.Links, res.Closed, res.NextChange.Format(time.RFC3339), res.NextChangeRole)
	}
	if a, b := summary(warm), summary(cold); a != b {
		return fmt.Sprintf("result differs:\n  want: %s\n  got:  %s", b, a)
	}
	return ""
}

// diffTrees describes the first difference between two output trees, or
// returns "" when they are equal file for file and byte for byte.
func diffTrees(got, want map[string][]byte, what string) string {
	var paths []string
	for p := range got {
		paths = append(paths, p)
	}
	for p := range want {
		if _, ok := got[p]; !ok {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		g, inGot := got[p]
		w, inWant := want[p]
		switch {
		case !inGot:
			return fmt.Sprintf("%s: missing, %s has it", p, what)
		case !inWant:
			return fmt.Sprintf("%s: extra, %s does not have it", p, what)
		case !bytes.Equal(g, w):
			return fmt.Sprintf("%s differs from %s\n%s", p, what, testtree.FirstDiff(w, g))
		}
	}
	return ""
}

// propSeedValue returns the seed of the run: -seed, ROLESITE_PROP_SEED, or
// the clock.
func propSeedValue(t *testing.T) uint64 {
	if *propSeed != 0 {
		return *propSeed
	}
	if env := os.Getenv("ROLESITE_PROP_SEED"); env != "" {
		v, err := strconv.ParseUint(env, 10, 64)
		if err != nil {
			t.Fatalf("ROLESITE_PROP_SEED=%q: want a number", env)
		}
		return v
	}
	return uint64(time.Now().UnixNano())
}

func propEditCount(t *testing.T) int {
	if env := os.Getenv("ROLESITE_PROP_EDITS"); env != "" {
		n, err := strconv.Atoi(env)
		if err != nil || n < 1 {
			t.Fatalf("ROLESITE_PROP_EDITS=%q: want a positive number", env)
		}
		return n
	}
	if testing.Short() {
		return propEdits / 10
	}
	return propEdits
}

func TestIncrementalEqualsCold(t *testing.T) {
	seed := propSeedValue(t)
	edits := propEditCount(t)
	ch := randChooser{rand.New(rand.NewPCG(seed, 0))}
	run := newPropRun(t, 20, fmt.Sprintf("reproduce: go test -run '^TestIncrementalEqualsCold$' -seed %d ./generator", seed))
	t.Logf("seed %d, %d edits", seed, edits)
	if !run.step(t, ch, func() string { return "first build" }) {
		return
	}
	for len(run.log) < edits {
		if !run.step(t, ch, func() string { return propNext(run.site, ch, run.lastFailed()) }) {
			return
		}
	}
	t.Logf("%d builds, %d failed on purpose, %d told of the changed files", len(run.log), run.failed, run.told)
	// A sequence that mostly fails checks little: the repairs must win.
	if run.failed > len(run.log)/2 {
		t.Errorf("%d of %d builds failed: the edits leave the site broken too often to check incremental builds", run.failed, len(run.log))
	}
}

// TestIncrementalEqualsColdMinifiedPrecompressed is TestIncrementalEqualsCold
// with -minify and -precompress, on a smaller site and fewer edits (brotli
// is slow): the pages, their .br and .gz files and the counts of a warm
// Builder and of a build run again are those of a cold build.
func TestIncrementalEqualsColdMinifiedPrecompressed(t *testing.T) {
	seed := propSeedValue(t)
	edits := 40
	if testing.Short() {
		edits = 6
	}
	ch := randChooser{rand.New(rand.NewPCG(seed, 0))}
	run := newPropRunWith(t, 8, fmt.Sprintf("reproduce: go test -run '^TestIncrementalEqualsColdMinifiedPrecompressed$' -seed %d ./generator", seed),
		func(cfg *Config) { cfg.Minify, cfg.Precompress = true, true })
	if !run.step(t, ch, func() string { return "first build" }) {
		return
	}
	for len(run.log) < edits {
		if !run.step(t, ch, func() string { return propNext(run.site, ch, run.lastFailed()) }) {
			return
		}
	}
	var encodings int
	for p := range outputTree(t, run.warmOut) {
		if _, _, ok := encodingOf(p); ok {
			encodings++
		}
	}
	if encodings == 0 {
		t.Error("no .br or .gz files")
	}
	t.Logf("seed %d: %d builds, %d failed on purpose, %d encodings at the end", seed, len(run.log), run.failed, encodings)
}

// lastFailed reports whether the last build failed.
func (r *propRun) lastFailed() bool { return r.failedLast }

// outputTree reads an output folder as testtree.Files does; a folder not made
// yet is empty.
func outputTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return map[string][]byte{}
	}
	return testtree.Files(t, dir)
}

func FuzzIncrementalEqualsCold(f *testing.F) {
	// More seeds are under testdata/fuzz/FuzzIncrementalEqualsCold: every
	// kind once, breaks and repairs, layouts with heading links, files
	// moving.
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	f.Fuzz(func(t *testing.T, data []byte) {
		ch := &byteChooser{data: data}
		run := newPropRun(t, 8, "the fuzzer keeps the input under testdata/fuzz/FuzzIncrementalEqualsCold; go test -run 'FuzzIncrementalEqualsCold/NAME' ./generator runs it again")
		if !run.step(t, ch, func() string { return "first build" }) {
			return
		}
		for steps := 0; !ch.done() && steps < 64; steps++ {
			if !run.step(t, ch, func() string { return propNext(run.site, ch, run.lastFailed()) }) {
				return
			}
		}
	})
}

// TestIncrementalRegressions replays the shortest edit sequences with
// which TestIncrementalEqualsCold found an incremental build that differed
// from a cold one. Each runs once with the Builder told of the changed
// files and once not.
func TestIncrementalRegressions(t *testing.T) {
	// The fixture site of newPropSite(root, 6): role i's body mentions
	// role i+1 by title.
	setTitle := func(i int, title string) func(s *propSite) string {
		return func(s *propSite) string {
			s.roles[i].title = title
			return fmt.Sprintf("%s.title=%q", s.roles[i].slug(), title)
		}
	}
	tests := []struct {
		name  string
		edits []func(s *propSite) string
	}{
		{
			// The failed build took in the names of role 1 without
			// rendering the bodies that mention it; the next build
			// compared with those names, not with the bodies', and left
			// role 0's link to "Frontend-Entwickler" in place.
			name: "a name taken, then the other holder renamed",
			edits: []func(s *propSite) string{
				setTitle(1, "Full-Stack-Entwickler"), // role 2's title: the build fails
				setTitle(2, "Rolle zwei"),
			},
		},
		{
			// The same names at other places: the index was kept with
			// its errors at the YAML positions of the names.
			name: "a name taken, then the file turned to TOML",
			edits: []func(s *propSite) string{
				setTitle(1, "Full-Stack-Entwickler"),
				func(s *propSite) string { s.roles[1].toml = true; return "toml" },
			},
		},
	}
	for _, tt := range tests {
		for _, tell := range []int{1, 0} {
			t.Run(fmt.Sprintf("%s, told %t", tt.name, tell == 0), func(t *testing.T) {
				run := newPropRun(t, 6, "TestIncrementalRegressions")
				ch := constChooser(tell) // 0: by rename and told; 1: in place, not told
				run.step(t, ch, func() string { return "first build" })
				for _, edit := range tt.edits {
					if !run.step(t, ch, func() string { return edit(run.site) }) {
						return
					}
				}
			})
		}
	}
}
