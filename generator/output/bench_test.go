package output

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
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
		if st, err := Write(ctx, dir, files); err != nil || st.Written != len(files) {
			b.Fatal(st.Written, err)
		}
		t1 := time.Now()
		if st, err := Write(ctx, dir, files); err != nil || st.Unchanged != len(files) {
			b.Fatal(st.Unchanged, err)
		}
		t2 := time.Now()
		if err := os.Remove(filepath.Join(dir, ManifestName)); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		if st, err := Write(ctx, dir, files); err != nil || st.Unchanged != len(files) {
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
