package generator

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"rolesite/generator/output"
	"rolesite/internal/testtree"
)

// encodingOf returns the file that encoding p encodes and its decoder, or
// ok false when p is no encoding.
func encodingOf(p string) (file string, decode func([]byte) ([]byte, error), ok bool) {
	if f, ok := strings.CutSuffix(p, output.BrotliSuffix); ok {
		return f, func(b []byte) ([]byte, error) { return io.ReadAll(brotli.NewReader(bytes.NewReader(b))) }, true
	}
	if f, ok := strings.CutSuffix(p, output.GzipSuffix); ok {
		return f, func(b []byte) ([]byte, error) {
			r, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				return nil, err
			}
			return io.ReadAll(r)
		}, true
	}
	return "", nil, false
}

// checkEncodings checks the output folder of a -precompress build: every
// encoding decodes to its file and is smaller; every precompressible file
// has both, or lacks one only where it could not be smaller (a file of a
// few hundred bytes at most). It returns the number of encodings missing.
func checkEncodings(t *testing.T, files map[string][]byte) (missing int) {
	t.Helper()
	n := 0
	for p, data := range files {
		if file, decode, ok := encodingOf(p); ok {
			plain, found := files[file]
			if !found {
				t.Errorf("%s encodes no file", p)
				continue
			}
			got, err := decode(data)
			if err != nil || !bytes.Equal(got, plain) {
				t.Errorf("%s does not decode to %s: %v", p, file, err)
			}
			if len(data) >= len(plain) {
				t.Errorf("%s: %d bytes, not smaller than %s's %d", p, len(data), file, len(plain))
			}
			n++
			continue
		}
		if !output.Precompressible(p) {
			continue
		}
		for _, suffix := range []string{output.BrotliSuffix, output.GzipSuffix} {
			if _, ok := files[p+suffix]; !ok {
				missing++
				if len(data) > 300 {
					t.Errorf("%s (%d bytes) has no %s", p, len(data), suffix)
				}
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d encodings", n)
	}
	return missing
}

// compressible counts the precompressible files among paths.
func compressible(paths []string) int {
	n := 0
	for _, p := range paths {
		if output.Precompressible(p) {
			n++
		}
	}
	return n
}

// TestPrecompressBuild: -precompress writes the encodings beside every
// HTML, CSS, SVG, XML and text file; the counts and the change report
// include them; a rebuild after one role edit compresses only the files
// that edit changed, in a warm Builder and in a new process alike.
func TestPrecompressBuild(t *testing.T) {
	for _, warm := range []bool{false, true} {
		name := "new process"
		if warm {
			name = "warm builder"
		}
		t.Run(name, func(t *testing.T) {
			cfg := fixture(t)
			cfg.Precompress = true
			cfg.ChangesFile = filepath.Join(t.TempDir(), "changes.json")
			build := func() *Result { return mustBuild(t, cfg) }
			if warm {
				b := NewBuilder(cfg)
				build = func() *Result { return mustBuildWith(t, b) }
			}
			res := build()
			files := testtree.Files(t, cfg.OutDir)
			missing := checkEncodings(t, files)
			t.Logf("%d files, %d encodings not smaller", len(files), missing)
			if res.Files != len(files) || res.Stats.Written != len(files) || res.Stats.Compressed != 2*compressible(slices.Collect(maps.Keys(files))) {
				t.Errorf("files %d, written %d, compressed %d; the folder has %d files", res.Files, res.Stats.Written, res.Stats.Compressed, len(files))
			}
			rep := readReport(t, cfg.ChangesFile)
			for _, p := range []string{"index.html.br", "index.html.gz", "sitemap.xml.gz"} {
				if !slices.Contains(rep.Files.Added, p) {
					t.Errorf("change report: files added lacks %s", p)
				}
			}

			editFile(t, filepath.Join(cfg.ContentDir, "roles", "key-account-manager.md"), func(s string) string {
				return strings.Replace(s, "spricht mit", "arbeitet mit", 1)
			})
			res = build()
			page := "sales/key-account-manager/index.html"
			want := []string{page, page + ".br", page + ".gz"}
			if !slices.Equal(res.Stats.Updated, want) || len(res.Stats.Added)+len(res.Stats.Deleted) != 0 {
				t.Errorf("after an edit: updated %v, added %v, removed %v; want %v", res.Stats.Updated, res.Stats.Added, res.Stats.Deleted, want)
			}
			// The changed page's two, and again each encoding that was not
			// smaller (its file is put again each time).
			if res.Stats.Compressed != 2+missing {
				t.Errorf("after an edit: %d encodings made, want %d", res.Stats.Compressed, 2+missing)
			}
			if rep := readReport(t, cfg.ChangesFile); !slices.Equal(rep.Files.Updated, want) {
				t.Errorf("change report: files updated %v, want %v", rep.Files.Updated, want)
			}
			checkEncodings(t, testtree.Files(t, cfg.OutDir))
		})
	}
}

// TestToggleOutputOptions: turning -minify on or off rewrites every page,
// and turning -precompress off removes every encoding, also in a new
// process whose inputs are unchanged (the recorded state covers both
// options).
func TestToggleOutputOptions(t *testing.T) {
	ctx := context.Background()
	cfg := fixture(t)
	ageContent(t, cfg.ContentDir)
	mustBuild(t, cfg)
	if _, ok := unchanged(ctx, cfg); !ok {
		t.Fatal("no recorded state to take a shortcut with")
	}
	pages := func(res *Result) []string {
		var out []string
		for _, p := range res.Stats.Updated {
			if strings.HasSuffix(p, ".html") {
				out = append(out, p)
			}
		}
		return out
	}

	on := cfg
	on.Minify = true
	if _, ok := unchanged(ctx, on); ok {
		t.Fatal("-minify on: the recorded state of a build without it is taken")
	}
	res := mustBuild(t, on)
	if got := pages(res); len(got) != res.Pages {
		t.Errorf("-minify on: %d of %d pages rewritten: %v", len(got), res.Pages, got)
	}
	if res := mustBuild(t, on); res.Stats.Written != 0 {
		t.Errorf("-minify again: %d files written", res.Stats.Written)
	}
	res = mustBuild(t, cfg)
	if got := pages(res); len(got) != res.Pages {
		t.Errorf("-minify off: %d of %d pages rewritten: %v", len(got), res.Pages, got)
	}
	if !slices.ContainsFunc(res.Stats.Added, func(p string) bool { return strings.HasPrefix(p, "assets/style.") }) {
		t.Errorf("-minify off: no new stylesheet: added %v", res.Stats.Added)
	}

	pre := cfg
	pre.Precompress = true
	if _, ok := unchanged(ctx, pre); ok {
		t.Fatal("-precompress on: the recorded state of a build without it is taken")
	}
	res = mustBuild(t, pre)
	encodings := 0
	for p := range testtree.Files(t, cfg.OutDir) {
		if _, _, ok := encodingOf(p); ok {
			encodings++
		}
	}
	if encodings < 2*res.Pages || len(res.Stats.Added) != encodings || res.Stats.Written != encodings {
		t.Errorf("-precompress on: %d encodings, added %d, written %d", encodings, len(res.Stats.Added), res.Stats.Written)
	}
	if _, ok := unchanged(ctx, cfg); ok {
		t.Fatal("-precompress off: the recorded state of a build with it is taken")
	}
	res = mustBuild(t, cfg)
	if len(res.Stats.Deleted) != encodings || res.Stats.Written != 0 {
		t.Errorf("-precompress off: removed %d, written %d; want %d, 0", len(res.Stats.Deleted), res.Stats.Written, encodings)
	}
	for p := range testtree.Files(t, cfg.OutDir) {
		if _, _, ok := encodingOf(p); ok {
			t.Errorf("-precompress off: %s stays", p)
		}
	}
	if _, err := os.Stat(filepath.Join(cfg.OutDir, "index.html")); err != nil {
		t.Fatal(err)
	}
}
