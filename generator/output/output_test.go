package output

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
)

// past is the modification time tests give files to see whether Write
// touches them.
var past = time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)

// site turns path -> content pairs into files.
func site(kv ...string) []File {
	var fs []File
	for i := 0; i < len(kv); i += 2 {
		fs = append(fs, File{Path: kv[i], Data: []byte(kv[i+1])})
	}
	return fs
}

func mustWrite(t *testing.T, dir string, files []File) Stats {
	t.Helper()
	st, err := writeFiles(t.Context(), dir, files)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return st
}

// tree returns every regular file and symbolic link under dir (slash paths,
// not following links) with its content, and every folder with a "/" suffix
// and no content. The manifest is left out.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
		case d.IsDir():
			m[rel+"/"] = ""
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			m[rel] = "-> " + target
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			m[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func wantTree(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	if got := tree(t, dir); !reflect.DeepEqual(got, want) {
		t.Errorf("output folder:\n got %v\nwant %v", got, want)
	}
}

func loadManifest(t *testing.T, dir string) manifest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(stateOf(t, dir), ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("manifest: %v\n%s", err, b)
	}
	return m
}

func manifestPaths(t *testing.T, dir string) []string {
	t.Helper()
	var ps []string
	for _, e := range loadManifest(t, dir).Files {
		ps = append(ps, e.Path)
	}
	return ps
}

func setPast(t *testing.T, dir string, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if err := os.Chtimes(filepath.Join(dir, p), past, past); err != nil {
			t.Fatal(err)
		}
	}
}

func mtime(t *testing.T, dir, p string) time.Time {
	t.Helper()
	fi, err := os.Lstat(filepath.Join(dir, p))
	if err != nil {
		t.Fatal(err)
	}
	return fi.ModTime()
}

func TestWriteFresh(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	files := site("index.html", "home", "b/x/index.html", "BX", "a/index.html", "A", "empty.txt", "")
	st := mustWrite(t, dir, files)
	written := []string{"a/index.html", "b/x/index.html", "empty.txt", "index.html"}
	want := Stats{Written: 4, Changed: written, Added: written, Updated: []string{}, Deleted: []string{}}
	if !reflect.DeepEqual(st, want) {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	wantTree(t, dir, map[string]string{
		"index.html": "home", "a/": "", "a/index.html": "A", "b/": "", "b/x/": "", "b/x/index.html": "BX", "empty.txt": "",
	})
	for p, perm := range map[string]fs.FileMode{"index.html": 0o644, "b/x/index.html": 0o644} {
		if fi, _ := os.Stat(filepath.Join(dir, p)); fi.Mode().Perm() != perm {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode().Perm(), perm)
		}
	}
	if fi, _ := os.Stat(filepath.Join(dir, "b/x")); fi.Mode().Perm()&^0o755 != 0 || !fi.IsDir() {
		t.Errorf("b/x: mode %v, want a folder within 0755", fi.Mode())
	}

	m := loadManifest(t, dir)
	if !m.Complete || m.Version != manifestVersion {
		t.Errorf("manifest version %d complete %t", m.Version, m.Complete)
	}
	if !slices.IsSortedFunc(m.Files, func(a, b entry) int { return strings.Compare(a.Path, b.Path) }) || len(m.Files) != 4 {
		t.Errorf("manifest entries not sorted or incomplete: %+v", m.Files)
	}
	for _, e := range m.Files {
		i := slices.IndexFunc(files, func(f File) bool { return f.Path == e.Path })
		sum := sha256.Sum256(files[i].Data)
		if e.SHA256 != hex.EncodeToString(sum[:]) || e.Size != int64(len(files[i].Data)) ||
			e.MTime != mtime(t, dir, e.Path).UnixNano() {
			t.Errorf("manifest entry %+v does not match the file", e)
		}
	}

	// The same files in another order make the same manifest, mtimes aside.
	dir2 := filepath.Join(t.TempDir(), "public")
	slices.Reverse(files)
	mustWrite(t, dir2, files)
	m2 := loadManifest(t, dir2)
	for i := range m.Files {
		m.Files[i].MTime, m2.Files[i].MTime = 0, 0
	}
	if m.Folder == m2.Folder {
		t.Errorf("two output folders have the same identity %q in their manifests", m.Folder)
	}
	m.Folder, m2.Folder = "", ""
	if !reflect.DeepEqual(m, m2) {
		t.Errorf("manifest depends on input order:\n%+v\n%+v", m, m2)
	}
}

func TestWriteUnchangedKeepsMtime(t *testing.T) {
	dir := t.TempDir()
	files := site("index.html", "home", "a/index.html", "A", "a/b/index.html", "AB")
	mustWrite(t, dir, files)
	setPast(t, dir, "index.html", "a/index.html", "a/b/index.html")

	var compared atomic.Int32
	w := writer{dir: dir, onCompare: func(string) { compared.Add(1) }}
	// The manifest's mtimes disagree with the disk now: Write compares bytes.
	st, err := w.write(t.Context(), files)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Unchanged: 3, Changed: []string{}, Added: []string{}, Updated: []string{}, Deleted: []string{}}); !reflect.DeepEqual(st, want) {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	if n := compared.Load(); n != 3 {
		t.Errorf("compared %d files, want 3", n)
	}
	for _, p := range []string{"index.html", "a/index.html", "a/b/index.html"} {
		if got := mtime(t, dir, p); !got.Equal(past) {
			t.Errorf("%s: mtime %v, want %v kept", p, got, past)
		}
	}
	// The manifest has learnt the mtimes: the next build reads nothing back
	// and rewrites nothing, the manifest included.
	setPast(t, stateOf(t, dir), ManifestName)
	compared.Store(0)
	st, err = w.write(t.Context(), files)
	if err != nil {
		t.Fatal(err)
	}
	if st.Unchanged != 3 || st.Written != 0 || compared.Load() != 0 {
		t.Errorf("stats %+v, %d compared; want 3 unchanged, none compared", st, compared.Load())
	}
	if got := mtime(t, stateOf(t, dir), ManifestName); !got.Equal(past) {
		t.Errorf("manifest rewritten by an unchanged build (mtime %v)", got)
	}
}

func TestWriteChanged(t *testing.T) {
	base := site("index.html", "home", "a/index.html", "AAAA", "b/index.html", "BBBB")
	tests := []struct {
		name        string
		files       []File
		wantChanged []string
	}{
		{"same size", site("index.html", "home", "a/index.html", "aaaa", "b/index.html", "BBBB"), []string{"a/index.html"}},
		{"other size", site("index.html", "home", "a/index.html", "AAAA", "b/index.html", "B"), []string{"b/index.html"}},
		{"new file", site("index.html", "home", "a/index.html", "AAAA", "b/index.html", "BBBB", "c/d/index.html", "CD"), []string{"c/d/index.html"}},
		{"all", site("index.html", "HOME", "a/index.html", "A", "b/index.html", "BBBBB"), []string{"a/index.html", "b/index.html", "index.html"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			mustWrite(t, dir, base)
			// Teach the manifest the old mtimes, so the fast path is used.
			setPast(t, dir, "index.html", "a/index.html", "b/index.html")
			mustWrite(t, dir, base)

			st := mustWrite(t, dir, tt.files)
			if !reflect.DeepEqual(st.Changed, tt.wantChanged) || st.Written != len(tt.wantChanged) ||
				st.Unchanged != len(tt.files)-len(tt.wantChanged) || st.Removed != 0 {
				t.Errorf("stats = %+v, want changed %v", st, tt.wantChanged)
			}
			for _, f := range tt.files {
				got, err := os.ReadFile(filepath.Join(dir, f.Path))
				if err != nil || !bytes.Equal(got, f.Data) {
					t.Errorf("%s = %q, %v; want %q", f.Path, got, err, f.Data)
				}
				if kept := mtime(t, dir, f.Path).Equal(past); kept == slices.Contains(tt.wantChanged, f.Path) {
					t.Errorf("%s: mtime kept = %t, want %t", f.Path, kept, !kept)
				}
			}
		})
	}
}

func TestWritePrune(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, site(
		"index.html", "home",
		"old/index.html", "old",
		"deep/a/b/index.html", "deep",
		"keep/index.html", "keep",
		"keep/sub/index.html", "sub",
	))
	// Files and folders the generator did not write.
	for p, data := range map[string]string{"foreign.txt": "f", "keep/foreign.txt": "kf", "CNAME": "example.com"} {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "emptyforeign"), 0o755); err != nil {
		t.Fatal(err)
	}

	st := mustWrite(t, dir, site("index.html", "home"))
	removed := []string{"deep/a/b/index.html", "keep/index.html", "keep/sub/index.html", "old/index.html"}
	want := Stats{Unchanged: 1, Removed: 4, Changed: removed, Added: []string{}, Updated: []string{}, Deleted: removed}
	if !reflect.DeepEqual(st, want) {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	wantTree(t, dir, map[string]string{
		"index.html": "home", "foreign.txt": "f", "CNAME": "example.com",
		"keep/": "", "keep/foreign.txt": "kf", "emptyforeign/": "",
	})
	if got := manifestPaths(t, dir); !reflect.DeepEqual(got, []string{"index.html"}) {
		t.Errorf("manifest = %v", got)
	}

	// No files at all: the last one goes, the output folder stays.
	st = mustWrite(t, dir, nil)
	if st.Removed != 1 {
		t.Errorf("stats = %+v, want 1 removed", st)
	}
	wantTree(t, dir, map[string]string{"foreign.txt": "f", "CNAME": "example.com", "keep/": "", "keep/foreign.txt": "kf", "emptyforeign/": ""})
	if _, err := os.Stat(dir); err != nil {
		t.Errorf("output folder removed: %v", err)
	}
}

func TestWriteManifestMissing(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, site("a/index.html", "A", "b/index.html", "B"))
	setPast(t, dir, "a/index.html")
	if err := os.Remove(filepath.Join(stateOf(t, dir), ManifestName)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "foreign.txt"), []byte("f"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Without a manifest nothing is known to be the generator's: b stays.
	st := mustWrite(t, dir, site("a/index.html", "A"))
	if want := (Stats{Unchanged: 1, Changed: []string{}, Added: []string{}, Updated: []string{}, Deleted: []string{}}); !reflect.DeepEqual(st, want) {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	if !mtime(t, dir, "a/index.html").Equal(past) {
		t.Error("unchanged file rewritten")
	}
	wantTree(t, dir, map[string]string{"a/": "", "a/index.html": "A", "b/": "", "b/index.html": "B", "foreign.txt": "f"})
	if got := manifestPaths(t, dir); !reflect.DeepEqual(got, []string{"a/index.html"}) {
		t.Errorf("manifest = %v", got)
	}
}

// TestWriteBadManifest: a manifest that cannot be read, in the state
// folder or (of an older version) in the output folder itself, stops the
// build with the file to delete, and nothing is written.
func TestWriteBadManifest(t *testing.T) {
	for name, data := range map[string]string{
		"not json":     "{",
		"version":      `{"version":99,"complete":true,"files":[]}`,
		"escaping":     `{"version":V,"complete":true,"files":[{"path":"../etc/passwd"}]}`,
		"reserved":     `{"version":V,"complete":true,"files":[{"path":".rolesite.lock"}]}`,
		"unknown key":  `{"version":V,"complete":true,"files":[],"x":1}`,
		"listed twice": `{"version":V,"complete":true,"files":[{"path":"a"},{"path":"a"}]}`,
	} {
		for _, legacy := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/legacy=%t", name, legacy), func(t *testing.T) {
				dir := t.TempDir()
				file := filepath.Join(stateOf(t, dir), ManifestName)
				id, err := folderID(dir)
				if err != nil {
					t.Fatal(err)
				}
				data := strings.ReplaceAll(data, `"version":V,`, `"version":2,"folder":"`+id+`",`)
				if legacy {
					file = filepath.Join(dir, legacyNames[0])
					data = strings.ReplaceAll(data, `"version":2,"folder":"`+id+`",`, `"version":1,`)
				}
				if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
				before := tree(t, dir)
				_, err = writeFiles(t.Context(), dir, site("index.html", "x"))
				if err == nil || !strings.Contains(err.Error(), "delete it to rebuild") || !strings.Contains(err.Error(), file) {
					t.Fatalf("err = %v, want a manifest error naming %s", err, file)
				}
				wantTree(t, dir, before)
			})
		}
	}
}

// writeFiles puts files through one session and commits it, as a build
// does; on an error it aborts the session.
func writeFiles(ctx context.Context, dir string, files []File) (Stats, error) {
	return writer{dir: dir}.write(ctx, files)
}

// writer is writeFiles with hooks and a limit on concurrent Puts.
type writer struct {
	dir        string
	limit      int // concurrent Puts; 0 means 4
	afterWrite func(path string) error
	onCompare  func(path string)
}

func (w writer) write(ctx context.Context, files []File) (Stats, error) {
	s, err := begin(ctx, w.dir, Options{}, hooks{afterWrite: w.afterWrite, onCompare: w.onCompare})
	if err != nil {
		return Stats{}, err
	}
	limit := w.limit
	if limit <= 0 {
		limit = 4
	}
	var g errgroup.Group
	g.SetLimit(limit)
	for _, f := range files {
		g.Go(func() error {
			_, err := s.Put(f.Path, f.Data)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return Stats{}, errors.Join(err, s.Abort())
	}
	return s.Commit()
}

// stateOf returns the state folder of output folder dir.
func stateOf(t testing.TB, dir string) string {
	t.Helper()
	s, err := DefaultStateDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(s, 0o700); err != nil {
		t.Fatal(err)
	}
	return s
}
