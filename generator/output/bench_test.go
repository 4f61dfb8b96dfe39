package output

import (
	"context"
	"crypto/sha256"
	"fmt"
	"hash/crc64"
	"hash/fnv"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
)

// benchSite is n pages of size bytes each, one folder per page as in a real
// site: c00/role-00000/index.html.
func benchSite(n, size int) []File {
	files := make([]File, n)
	for i := range files {
		data := make([]byte, size)
		for j := range data {
			data[j] = byte('a' + (i+j)%26)
		}
		files[i] = File{Path: fmt.Sprintf("c%02d/role-%05d/index.html", i%20, i), Data: data}
	}
	return files
}

// BenchmarkWrite writes 10,000 files of 30 KB to an empty folder (cold),
// then the same files again (unchanged: the manifest answers), then again
// without the manifest (every file read back and compared). It reports the
// milliseconds of each step and the ratio cold/unchanged.
func BenchmarkWrite(b *testing.B) {
	files := benchSite(10_000, 30<<10)
	ctx := context.Background()
	var cold, unchanged, compare time.Duration
	base := b.TempDir()
	n := 0
	for b.Loop() {
		dir := filepath.Join(base, fmt.Sprint(n))
		n++
		t0 := time.Now()
		if st, err := writeFiles(ctx, dir, files); err != nil || st.Written != len(files) {
			b.Fatal(st.Written, err)
		}
		t1 := time.Now()
		if st, err := writeFiles(ctx, dir, files); err != nil || st.Unchanged != len(files) {
			b.Fatal(st.Unchanged, err)
		}
		t2 := time.Now()
		if err := os.Remove(filepath.Join(stateOf(b, dir), ManifestName)); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		if st, err := writeFiles(ctx, dir, files); err != nil || st.Unchanged != len(files) {
			b.Fatal(st.Unchanged, err)
		}
		t4 := time.Now()
		cold += t1.Sub(t0)
		unchanged += t2.Sub(t1)
		compare += t4.Sub(t3)
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
	}
	ms := func(d time.Duration) float64 { return float64(d.Milliseconds()) / float64(n) }
	b.ReportMetric(ms(cold), "cold-ms/op")
	b.ReportMetric(ms(unchanged), "unchanged-ms/op")
	b.ReportMetric(ms(compare), "nomanifest-ms/op")
	b.ReportMetric(float64(cold)/float64(unchanged), "cold/unchanged")
}

// eachParallel runs f(0) ... f(n-1) on 2 goroutines per CPU, as the render
// stage calls Put, and returns the first error.
func eachParallel(n int, f func(i int) error) error {
	var g errgroup.Group
	g.SetLimit(2 * runtime.GOMAXPROCS(0))
	for i := range n {
		g.Go(func() error { return f(i) })
	}
	return g.Wait()
}

// sessionBuild runs one session: it puts the files put selects (all when
// put is nil) and keeps the others, then commits.
func sessionBuild(b *testing.B, dir string, opts Options, files []File, put func(i int) bool) Stats {
	b.Helper()
	s, err := BeginWith(context.Background(), dir, opts)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Abort()
	err = eachParallel(len(files), func(i int) error {
		if put == nil || put(i) {
			_, err := s.Put(files[i].Path, files[i].Data)
			return err
		}
		return s.Keep(files[i].Path)
	})
	if err != nil {
		b.Fatal(err)
	}
	st, err := s.Commit()
	if err != nil {
		b.Fatal(err)
	}
	return st
}

// BenchmarkSession streams 10,000 files of 30 KB through sessions: into an
// empty folder (cold), then all again through Put (the manifest answers,
// each file is hashed), then all through Keep (one stat each), then 3
// changed files through Put and the rest through Keep, as a watch-mode
// rebuild does. It reports the milliseconds of each step and the ratio of
// the Keep rebuild to the cold build.
func BenchmarkSession(b *testing.B) {
	files := benchSite(10_000, 30<<10)
	changed := map[int]File{}
	for _, i := range []int{17, 4_242, 9_999} {
		data := append([]byte(nil), files[i].Data...)
		data[len(data)/2] ^= 1
		changed[i] = File{Path: files[i].Path, Data: data}
	}
	var cold, putAll, keepAll, three time.Duration
	base := b.TempDir()
	n := 0
	for b.Loop() {
		dir := filepath.Join(base, fmt.Sprint(n))
		n++
		t0 := time.Now()
		if st := sessionBuild(b, dir, Options{}, files, nil); st.Written != len(files) {
			b.Fatalf("cold: %+v", st.Written)
		}
		t1 := time.Now()
		if st := sessionBuild(b, dir, Options{}, files, nil); st.Unchanged != len(files) {
			b.Fatalf("put unchanged: %d unchanged", st.Unchanged)
		}
		t2 := time.Now()
		if st := sessionBuild(b, dir, Options{}, files, func(int) bool { return false }); st.Unchanged != len(files) {
			b.Fatalf("keep: %d unchanged", st.Unchanged)
		}
		t3 := time.Now()
		next := append([]File(nil), files...)
		for i, f := range changed {
			next[i] = f
		}
		isChanged := func(i int) bool { _, ok := changed[i]; return ok }
		if st := sessionBuild(b, dir, Options{}, next, isChanged); st.Written != len(changed) {
			b.Fatalf("3 changed: %d written", st.Written)
		}
		t4 := time.Now()
		cold += t1.Sub(t0)
		putAll += t2.Sub(t1)
		keepAll += t3.Sub(t2)
		three += t4.Sub(t3)
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(n) }
	b.ReportMetric(ms(cold), "cold-ms/op")
	b.ReportMetric(ms(putAll), "put-unchanged-ms/op")
	b.ReportMetric(ms(keepAll), "keep-all-ms/op")
	b.ReportMetric(ms(three), "3changed-keep-ms/op")
	b.ReportMetric(float64(keepAll)/float64(cold), "keep/cold")
	b.ReportMetric(float64(three)/float64(cold), "3changed/cold")
}

// BenchmarkSessionDurable is the cold step of BenchmarkSession with
// Options.Durable: what syncing every file costs.
func BenchmarkSessionDurable(b *testing.B) {
	files := benchSite(10_000, 30<<10)
	base := b.TempDir()
	n := 0
	var cold time.Duration
	for b.Loop() {
		dir := filepath.Join(base, fmt.Sprint(n))
		n++
		t0 := time.Now()
		if st := sessionBuild(b, dir, Options{Durable: true}, files, nil); st.Written != len(files) {
			b.Fatalf("cold: %+v", st.Written)
		}
		cold += time.Since(t0)
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cold.Microseconds())/1000/float64(n), "cold-durable-ms/op")
}

// BenchmarkHash measures candidates for the manifest's content hash on a
// 30 KB page (see entry).
func BenchmarkHash(b *testing.B) {
	data := benchSite(1, 30<<10)[0].Data
	iso, ecma := crc64.MakeTable(crc64.ISO), crc64.MakeTable(crc64.ECMA)
	for _, h := range []struct {
		name string
		sum  func([]byte)
	}{
		{"sha256", func(d []byte) { sha256.Sum256(d) }},
		{"crc64-iso", func(d []byte) { crc64.Checksum(d, iso) }},
		{"crc64-ecma", func(d []byte) { crc64.Checksum(d, ecma) }},
		{"fnv128a", func(d []byte) { f := fnv.New128a(); f.Write(d); f.Sum(nil) }},
	} {
		b.Run(h.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				h.sum(data)
			}
		})
	}
}
