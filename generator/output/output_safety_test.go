package output

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
)

func TestWriteInvalidPaths(t *testing.T) {
	tests := []struct {
		path, want string
	}{
		{"", "empty path"},
		{"/abs/index.html", "absolute path"},
		{"../up.html", `".." segment`},
		{"a/../../b", `".." segment`},
		{"a/./b", `"." segment`},
		{".", `"." segment`},
		{"a//b", "empty segment"},
		{"a/", "empty segment"},
		{`a\b`, "backslash"},
		{"a\x00b", "NUL"},
		{"bad\xff", "UTF-8"},
		{".rolesite-manifest.json", "reserved"},
		{".rolesite.lock", "reserved"},
		{"a/.rolesite-tmp-123", "reserved"},
		{strings.Repeat("x", 256), "longer than 255"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			files := append(site("index.html", "ok", "z/index.html", "ok"), File{Path: tt.path, Data: []byte("bad")})
			_, err := writeFiles(t.Context(), dir, files)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
			if ents, _ := os.ReadDir(dir); len(ents) > 0 {
				t.Errorf("output folder holds %v; nothing may be written", ents)
			}
		})
	}
	t.Run("conflicts", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		_, err := writeFiles(t.Context(), dir, site("a", "file", "a/b", "file below", "c", "1", "c", "2"))
		if err == nil || !strings.Contains(err.Error(), `output file`) && !strings.Contains(err.Error(), `already put`) {
			t.Fatalf("err = %v, want a conflict", err)
		}
		if ents, _ := os.ReadDir(dir); len(ents) > 0 {
			t.Errorf("output folder holds %v; nothing may be written", ents)
		}
	})
}

func TestWriteSymlinks(t *testing.T) {
	t.Run("folder link out", func(t *testing.T) {
		dir, outside := t.TempDir(), t.TempDir()
		if err := os.Symlink(outside, filepath.Join(dir, "a")); err != nil {
			t.Fatal(err)
		}
		_, err := writeFiles(t.Context(), dir, site("index.html", "home", "a/index.html", "A", "a/b/c.html", "C"))
		if err == nil || !strings.Contains(err.Error(), `"a" in the output folder is a symbolic link`) {
			t.Fatalf("err = %v, want a symbolic link error", err)
		}
		wantTree(t, outside, map[string]string{})
		wantTree(t, dir, map[string]string{"a": "-> " + outside})
	})
	t.Run("folder link inside", func(t *testing.T) {
		dir := t.TempDir()
		os.Mkdir(filepath.Join(dir, "real"), 0o755)
		if err := os.Symlink("real", filepath.Join(dir, "a")); err != nil {
			t.Fatal(err)
		}
		_, err := writeFiles(t.Context(), dir, site("a/index.html", "A"))
		if err == nil || !strings.Contains(err.Error(), "symbolic link") {
			t.Fatalf("err = %v, want a symbolic link error", err)
		}
		wantTree(t, dir, map[string]string{"a": "-> real", "real/": ""})
	})
	t.Run("file link", func(t *testing.T) {
		dir, outside := t.TempDir(), t.TempDir()
		target := filepath.Join(outside, "passwd")
		os.WriteFile(target, []byte("secret"), 0o644)
		if err := os.Symlink(target, filepath.Join(dir, "index.html")); err != nil {
			t.Fatal(err)
		}
		_, err := writeFiles(t.Context(), dir, site("index.html", "home", "other.html", "x"))
		if err == nil || !strings.Contains(err.Error(), `"index.html" in the output folder is a symbolic link`) {
			t.Fatalf("err = %v, want a symbolic link error", err)
		}
		wantTree(t, outside, map[string]string{"passwd": "secret"})
		wantTree(t, dir, map[string]string{"index.html": "-> " + target})
	})
	t.Run("output folder is a link", func(t *testing.T) {
		real := t.TempDir()
		dir := filepath.Join(t.TempDir(), "public")
		if err := os.Symlink(real, dir); err != nil {
			t.Fatal(err)
		}
		mustWrite(t, dir, site("a/index.html", "A"))
		wantTree(t, real, map[string]string{"a/": "", "a/index.html": "A"})
	})
	t.Run("prune behind a link", func(t *testing.T) {
		dir, outside := t.TempDir(), t.TempDir()
		mustWrite(t, dir, site("x/index.html", "X", "index.html", "home"))
		os.WriteFile(filepath.Join(outside, "index.html"), []byte("keep me"), 0o644)
		if err := os.RemoveAll(filepath.Join(dir, "x")); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(outside, filepath.Join(dir, "x")); err != nil {
			t.Fatal(err)
		}
		st := mustWrite(t, dir, site("index.html", "home"))
		if st.Removed != 0 {
			t.Errorf("stats = %+v, want nothing removed", st)
		}
		wantTree(t, outside, map[string]string{"index.html": "keep me"})
	})
}

// errKilled stands for a build killed on the way.
var errKilled = errors.New("killed")

func TestWriteKilled(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, site("index.html", "home", "a/index.html", "A", "b/index.html", "B"))

	// The next build dies after its first file.
	next := site("index.html", "HOME", "a/index.html", "A2", "c/index.html", "C", "d/e/index.html", "DE")
	var n atomic.Int32
	w := writer{dir: dir, limit: 1, afterWrite: func(string) error {
		if n.Add(1) == 1 {
			return errKilled
		}
		return nil
	}}
	if _, err := w.write(t.Context(), next); !errors.Is(err, errKilled) {
		t.Fatalf("err = %v, want %v", err, errKilled)
	}
	// Nothing of the failed build shows: the folder holds the previous site.
	wantTree(t, dir, map[string]string{"index.html": "home", "a/": "", "a/index.html": "A", "b/": "", "b/index.html": "B"})
	if got := manifestPaths(t, dir); !reflect.DeepEqual(got, []string{"a/index.html", "b/index.html", "index.html"}) {
		t.Errorf("manifest after the failed build lists %v", got)
	}
	// What a kill during a write leaves behind.
	os.WriteFile(filepath.Join(stateOf(t, dir), JournalName), []byte(`"index.html"`+"\n"+`"a/index.html"`+"\n"), 0o644)
	for _, p := range []string{".rolesite-tmp-index.html", "a/.rolesite-tmp-index.html"} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The build after that cleans up and prunes what the killed one wrote.
	mustWrite(t, dir, site("index.html", "HOME"))
	wantTree(t, dir, map[string]string{"index.html": "HOME"})
	if m := loadManifest(t, dir); !m.Complete || len(m.Files) != 1 {
		t.Errorf("manifest = %+v", m)
	}
}

func TestWriteLeftoverTempsWithoutManifest(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "a"), 0o755)
	for _, p := range []string{".rolesite-tmp-x", "a/.rolesite-tmp-y"} {
		os.WriteFile(filepath.Join(dir, p), nil, 0o644)
	}
	mustWrite(t, dir, site("a/index.html", "A"))
	wantTree(t, dir, map[string]string{"a/": "", "a/index.html": "A"})
}

func TestWriteObstacles(t *testing.T) {
	t.Run("old file where a folder goes", func(t *testing.T) {
		dir := t.TempDir()
		mustWrite(t, dir, site("a", "file"))
		st := mustWrite(t, dir, site("a/index.html", "A"))
		if !reflect.DeepEqual(st.Changed, []string{"a", "a/index.html"}) || st.Removed != 1 || st.Written != 1 {
			t.Errorf("stats = %+v", st)
		}
		wantTree(t, dir, map[string]string{"a/": "", "a/index.html": "A"})
	})
	t.Run("old folder where a file goes", func(t *testing.T) {
		dir := t.TempDir()
		mustWrite(t, dir, site("b/index.html", "B", "b/c/index.html", "BC"))
		st := mustWrite(t, dir, site("b", "file"))
		if !reflect.DeepEqual(st.Changed, []string{"b", "b/c/index.html", "b/index.html"}) || st.Removed != 2 {
			t.Errorf("stats = %+v", st)
		}
		wantTree(t, dir, map[string]string{"b": "file"})
	})
	t.Run("foreign file where a folder goes", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "c"), []byte("mine"), 0o644)
		_, err := writeFiles(t.Context(), dir, site("index.html", "home", "c/index.html", "C"))
		if err == nil || !strings.Contains(err.Error(), `cannot create folder "c"`) {
			t.Fatalf("err = %v", err)
		}
		wantTree(t, dir, map[string]string{"c": "mine"})
	})
	t.Run("folder with foreign files where a file goes", func(t *testing.T) {
		dir := t.TempDir()
		mustWrite(t, dir, site("d/index.html", "D"))
		os.WriteFile(filepath.Join(dir, "d/mine.txt"), []byte("mine"), 0o644)
		_, err := writeFiles(t.Context(), dir, site("index.html", "home", "d", "file"))
		if err == nil || !strings.Contains(err.Error(), `cannot write "d"`) {
			t.Fatalf("err = %v", err)
		}
		wantTree(t, dir, map[string]string{"d/": "", "d/index.html": "D", "d/mine.txt": "mine"})
	})
}

func TestWriteCancelled(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := writeFiles(ctx, dir, site("index.html", "home")); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Error("cancelled Write created the output folder")
	}

	// Cancelled while writing: an error, and whole files only.
	dir = t.TempDir()
	ctx, cancel = context.WithCancel(t.Context())
	defer cancel()
	var files []File
	for i := range 100 {
		files = append(files, File{Path: "p/" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "/" + string(rune('a'+i/26)) + ".html", Data: []byte("data")})
	}
	w := writer{dir: dir, limit: 2, afterWrite: func(string) error { cancel(); return nil }}
	if _, err := w.write(ctx, files); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	for p, data := range tree(t, dir) {
		if !strings.HasSuffix(p, "/") && data != "data" {
			t.Errorf("%s = %q", p, data)
		}
	}
}

func TestWriteLeavesLockAlone(t *testing.T) {
	dir := t.TempDir()
	unlock, err := Lock(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	mustWrite(t, dir, site("index.html", "home"))
	mustWrite(t, dir, nil)
	wantTree(t, dir, map[string]string{})
}
