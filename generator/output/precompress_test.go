package output

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"
)

// compressed is a session with Precompress whose hook records every
// encoding it makes.
type compressed struct {
	*Session
	mu   sync.Mutex
	made []string
}

func beginCompressed(t *testing.T, dir string, precompress bool) *compressed {
	t.Helper()
	c := &compressed{}
	s, err := begin(t.Context(), dir, Options{Precompress: precompress}, hooks{onCompress: func(p string) {
		c.mu.Lock()
		c.made = append(c.made, p)
		c.mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Abort() })
	c.Session = s
	return c
}

// madeSorted returns the encodings made so far, sorted.
func (c *compressed) madeSorted() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Sorted(slices.Values(c.made))
}

// page is text that compresses well, different for each seed.
func page(seed string) string {
	return "<!doctype html><title>" + seed + "</title>" + strings.Repeat("<p>Backend-Entwickler in München, "+seed+"</p>\n", 40)
}

func decode(t *testing.T, p string, data []byte) []byte {
	t.Helper()
	var r io.Reader
	switch filepath.Ext(p) {
	case BrotliSuffix:
		r = brotli.NewReader(bytes.NewReader(data))
	case GzipSuffix:
		gz, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		r = gz
	default:
		t.Fatalf("%s is no encoding", p)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return out
}

func readOut(t *testing.T, dir, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestPrecompressRoundTrip: each precompressible file gets a .br and a .gz
// that decode to its bytes; other files get none. Each encoding is a file
// of the site in the Stats.
func TestPrecompressRoundTrip(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"index.html":            page("home"),
		"tech/index.html":       page("tech"),
		"assets/style.1234.css": strings.Repeat("body { margin: 0 auto; color: #123456 }\n", 30),
		"assets/icon.1234.svg":  `<svg xmlns="http://www.w3.org/2000/svg">` + strings.Repeat(`<path d="M0 0h10v10H0z"/>`, 20) + `</svg>`,
		"sitemap.xml":           `<?xml version="1.0"?><urlset>` + strings.Repeat("<url><loc>https://jobs.example/x/</loc></url>", 20) + `</urlset>`,
		"robots.txt":            strings.Repeat("User-agent: *\nAllow: /\n", 10),
		"feed.json":             strings.Repeat(`{"url":"https://jobs.example/x/","title":"x"},`, 20),
		"_redirects":            strings.Repeat("/old/ /new/ 301\n", 40),
		"logo.png":              strings.Repeat("PNG", 200),
	}
	s := beginCompressed(t, dir, true)
	for p, data := range files {
		mustPut(t, s.Session, p, data)
	}
	st := mustCommit(t, s.Session)

	var want []string
	for p := range files {
		if Precompressible(p) {
			want = append(want, p+BrotliSuffix, p+GzipSuffix)
		}
	}
	slices.Sort(want)
	if got := s.madeSorted(); !slices.Equal(got, want) {
		t.Errorf("encodings made %v, want %v", got, want)
	}
	for _, e := range want {
		p := strings.TrimSuffix(strings.TrimSuffix(e, BrotliSuffix), GzipSuffix)
		enc := readOut(t, dir, e)
		if got := decode(t, e, enc); string(got) != files[p] {
			t.Errorf("%s does not decode to %s", e, p)
		}
		if len(enc) >= len(files[p]) {
			t.Errorf("%s: %d bytes, not smaller than %d", e, len(enc), len(files[p]))
		}
	}
	for _, p := range []string{"_redirects", "logo.png"} {
		for _, suffix := range []string{BrotliSuffix, GzipSuffix} {
			if fileExists(dir, p+suffix) {
				t.Errorf("%s%s written: %s is not precompressible", p, suffix, p)
			}
		}
	}
	if n := len(files) + len(want); st.Written != n || len(st.Added) != n || st.Compressed != len(want) {
		t.Errorf("written %d, added %d, compressed %d; want %d, %d, %d", st.Written, len(st.Added), st.Compressed, n, n, len(want))
	}
	for _, e := range want {
		if !slices.Contains(st.Added, e) {
			t.Errorf("Stats.Added lacks %s", e)
		}
	}
}

// TestPrecompressOnlySmaller: an encoding that is not smaller than its
// file is not written, and one written before is removed when it no longer
// is smaller.
func TestPrecompressOnlySmaller(t *testing.T) {
	dir := t.TempDir()
	s := beginCompressed(t, dir, true)
	mustPut(t, s.Session, "tiny.txt", "x")
	mustPut(t, s.Session, "a.html", page("a"))
	mustCommit(t, s.Session)
	for _, p := range []string{"tiny.txt.br", "tiny.txt.gz"} {
		if fileExists(dir, p) {
			t.Errorf("%s written for a file of one byte", p)
		}
	}
	if !fileExists(dir, "a.html.br") || !fileExists(dir, "a.html.gz") {
		t.Fatal("a.html has no encodings")
	}

	s = beginCompressed(t, dir, true)
	mustPut(t, s.Session, "tiny.txt", "x")
	mustPut(t, s.Session, "a.html", "ab")
	st := mustCommit(t, s.Session)
	if fileExists(dir, "a.html.br") || fileExists(dir, "a.html.gz") {
		t.Error("encodings of a.html stay though they are no longer smaller")
	}
	if want := []string{"a.html.br", "a.html.gz"}; !slices.Equal(st.Deleted, want) {
		t.Errorf("Stats.Deleted %v, want %v", st.Deleted, want)
	}
}

// TestPrecompressOnlyChanged: a file whose bytes are what the manifest
// records keeps its encodings, whether put or kept: nothing is compressed
// again. A changed file is compressed again; an encoding deleted by hand
// is made again, alone.
func TestPrecompressOnlyChanged(t *testing.T) {
	dir := t.TempDir()
	s := beginCompressed(t, dir, true)
	mustPut(t, s.Session, "a.html", page("a"))
	mustPut(t, s.Session, "b.html", page("b"))
	mustPut(t, s.Session, "c.html", page("c"))
	mustCommit(t, s.Session)
	before := map[string]os.FileInfo{}
	for _, p := range []string{"a.html.br", "a.html.gz", "b.html.br", "b.html.gz"} {
		fi, err := os.Lstat(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		before[p] = fi
	}

	// a put unchanged, b kept, c changed.
	s = beginCompressed(t, dir, true)
	if mustPut(t, s.Session, "a.html", page("a")) {
		t.Error("a.html rewritten")
	}
	if err := s.Keep("b.html"); err != nil {
		t.Fatal(err)
	}
	mustPut(t, s.Session, "c.html", page("C"))
	st := mustCommit(t, s.Session)
	if got, want := s.madeSorted(), []string{"c.html.br", "c.html.gz"}; !slices.Equal(got, want) {
		t.Errorf("encodings made %v, want %v", got, want)
	}
	if want := []string{"c.html", "c.html.br", "c.html.gz"}; !slices.Equal(st.Updated, want) || st.Unchanged != 6 || st.Compressed != 2 {
		t.Errorf("updated %v, unchanged %d, compressed %d; want %v, 6, 2", st.Updated, st.Unchanged, st.Compressed, want)
	}
	for p, fi := range before {
		after, err := os.Lstat(filepath.Join(dir, p))
		if err != nil || !os.SameFile(fi, after) || !after.ModTime().Equal(fi.ModTime()) {
			t.Errorf("%s was written again", p)
		}
	}
	if got := decode(t, "c.html.br", readOut(t, dir, "c.html.br")); string(got) != page("C") {
		t.Error("c.html.br is not the new c.html")
	}

	// An encoding deleted: Keep refuses, keeping nothing, and Put makes
	// that one alone.
	os.Remove(filepath.Join(dir, "b.html.gz"))
	s = beginCompressed(t, dir, true)
	if err := s.Keep("b.html"); !errors.Is(err, ErrStale) {
		t.Fatalf("Keep with b.html.gz gone: %v, want ErrStale", err)
	}
	if mustPut(t, s.Session, "b.html", page("b")) {
		t.Error("b.html rewritten")
	}
	for _, p := range []string{"a.html", "c.html"} {
		if err := s.Keep(p); err != nil {
			t.Fatal(err)
		}
	}
	st = mustCommit(t, s.Session)
	if got, want := s.madeSorted(), []string{"b.html.gz"}; !slices.Equal(got, want) {
		t.Errorf("encodings made %v, want %v", got, want)
	}
	if want := []string{"b.html.gz"}; !slices.Equal(st.Updated, want) || st.Written != 1 {
		t.Errorf("updated %v, written %d; want %v, 1", st.Updated, st.Written, want)
	}
	if got := decode(t, "b.html.gz", readOut(t, dir, "b.html.gz")); string(got) != page("b") {
		t.Error("b.html.gz does not decode to b.html")
	}
}

// TestPrecompressSameBytes: the encodings of the same bytes are the same
// bytes, so a build without the manifest finds them unchanged.
func TestPrecompressSameBytes(t *testing.T) {
	dir := t.TempDir()
	s := beginCompressed(t, dir, true)
	mustPut(t, s.Session, "a.html", page("a"))
	mustCommit(t, s.Session)
	os.Remove(filepath.Join(stateOf(t, dir), ManifestName))
	s = beginCompressed(t, dir, true)
	mustPut(t, s.Session, "a.html", page("a"))
	st := mustCommit(t, s.Session)
	if st.Written != 0 || st.Unchanged != 3 || st.Compressed != 2 {
		t.Errorf("written %d, unchanged %d, compressed %d; want 0, 3, 2", st.Written, st.Unchanged, st.Compressed)
	}
}

// TestPrecompressOff: a session without Precompress removes the encodings,
// and one with it after that makes them again (Keep refuses: the manifest
// knows no encoding).
func TestPrecompressOff(t *testing.T) {
	dir := t.TempDir()
	s := beginCompressed(t, dir, true)
	mustPut(t, s.Session, "a.html", page("a"))
	mustPut(t, s.Session, "sub/b.css", page("b"))
	mustCommit(t, s.Session)

	s = beginCompressed(t, dir, false)
	if err := s.Keep("a.html"); err != nil {
		t.Fatal(err)
	}
	mustPut(t, s.Session, "sub/b.css", page("b"))
	st := mustCommit(t, s.Session)
	want := []string{"a.html.br", "a.html.gz", "sub/b.css.br", "sub/b.css.gz"}
	if !slices.Equal(st.Deleted, want) || st.Written != 0 || st.Compressed != 0 {
		t.Errorf("deleted %v, written %d, compressed %d; want %v, 0, 0", st.Deleted, st.Written, st.Compressed, want)
	}
	for _, p := range want {
		if fileExists(dir, p) {
			t.Errorf("%s stays", p)
		}
	}

	s = beginCompressed(t, dir, true)
	if err := s.Keep("a.html"); !errors.Is(err, ErrStale) {
		t.Errorf("Keep without encodings: %v, want ErrStale", err)
	}
	mustPut(t, s.Session, "a.html", page("a"))
	if err := s.Keep("sub/b.css"); !errors.Is(err, ErrStale) {
		t.Errorf("Keep without encodings: %v, want ErrStale", err)
	}
	mustPut(t, s.Session, "sub/b.css", page("b"))
	st = mustCommit(t, s.Session)
	if !slices.Equal(st.Added, want) || st.Compressed != 4 {
		t.Errorf("added %v, compressed %d; want %v, 4", st.Added, st.Compressed, want)
	}
}

// TestPrecompressLongName: a file whose name leaves no room for ".br" gets
// no encodings, and no error.
func TestPrecompressLongName(t *testing.T) {
	dir := t.TempDir()
	// The longest names whose temporary files (tempPrefix + name) fit.
	room := maxSegment - len(tempPrefix)
	long := strings.Repeat("x", room-len(".html")) + ".html"
	short := strings.Repeat("x", room-len(".html.br")) + ".html"
	for range 2 { // a new folder, then temporary files beside their targets
		s := beginCompressed(t, dir, true)
		mustPut(t, s.Session, long, page("long"))
		mustPut(t, s.Session, short, page("short"))
		mustCommit(t, s.Session)
		os.Remove(filepath.Join(dir, short+GzipSuffix))
		os.Remove(filepath.Join(stateOf(t, dir), ManifestName))
	}
	s := beginCompressed(t, dir, true)
	mustPut(t, s.Session, long, page("long"))
	mustPut(t, s.Session, short, page("short"))
	mustCommit(t, s.Session)
	if fileExists(dir, long+BrotliSuffix) || fileExists(dir, long+GzipSuffix) {
		t.Error("encodings of a file whose name is too long")
	}
	if !fileExists(dir, short+BrotliSuffix) || !fileExists(dir, short+GzipSuffix) {
		t.Error("no encodings of a file whose name leaves room for them")
	}
	s = beginCompressed(t, dir, true)
	if err := s.Keep(long); err != nil {
		t.Errorf("Keep of a file without room for encodings: %v", err)
	}
	if err := s.Keep(short); err != nil {
		t.Errorf("Keep: %v", err)
	}
	mustCommit(t, s.Session)
}

// TestBrotliLargeFile: a file past brotliLargeFile is encoded at the
// lower quality (its bytes are quality brotliLargeQuality's), and decodes
// to its bytes.
func TestBrotliLargeFile(t *testing.T) {
	var src bytes.Buffer
	for i := 0; src.Len() <= brotliLargeFile; i++ {
		src.WriteString("<job><title><![CDATA[Stelle ")
		src.WriteString(strings.Repeat("x", i%97))
		src.WriteString("]]></title></job>\n")
	}
	br := encodings[0]
	var enc bytes.Buffer
	if err := br.encode(&enc, src.Bytes()); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(enc.Bytes())))
	if err != nil || !bytes.Equal(got, src.Bytes()) {
		t.Fatalf("round trip: %v, %d bytes of %d", err, len(got), src.Len())
	}
	var want bytes.Buffer
	w := brotli.NewWriterLevel(&want, brotliLargeQuality)
	w.Write(src.Bytes())
	w.Close()
	if !bytes.Equal(enc.Bytes(), want.Bytes()) {
		t.Errorf("a %d-byte file's encoding is not brotli quality %d's", src.Len(), brotliLargeQuality)
	}
}
