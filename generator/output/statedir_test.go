package output

import (
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// commitSite puts kv (path, content pairs) through one session with opts
// and commits it.
func commitSite(t *testing.T, dir string, opts Options, kv ...string) Stats {
	t.Helper()
	s, err := BeginWith(t.Context(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(kv); i += 2 {
		mustPut(t, s, kv[i], kv[i+1])
	}
	return mustCommit(t, s)
}

// TestOutputHoldsOnlyTheSite: after a commit, cold or incremental, staged,
// exchanged or journaled, the output folder holds the site's files and the
// files a person put there, nothing else; the manifest and the lock are in
// the state folder.
func TestOutputHoldsOnlyTheSite(t *testing.T) {
	for _, exchange := range []bool{false, true} {
		t.Run(map[bool]string{false: "journal", true: "exchange"}[exchange], func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			opts := Options{Exchange: exchange}
			unlock, err := Lock(dir, "")
			if err != nil {
				t.Fatal(err)
			}
			defer unlock()
			commitSite(t, dir, opts, "index.html", "home", "a/index.html", "a", "gone.html", "x")
			wantTree(t, dir, map[string]string{"index.html": "home", "a/": "", "a/index.html": "a", "gone.html": "x"})
			os.WriteFile(filepath.Join(dir, "mine.txt"), []byte("mine"), 0o644)
			st := commitSite(t, dir, opts, "index.html", "home v2", "a/index.html", "a", "b/index.html", "b")
			wantTree(t, dir, map[string]string{"index.html": "home v2", "a/": "", "a/index.html": "a", "b/": "", "b/index.html": "b", "mine.txt": "mine"})
			if want := []string{"gone.html"}; !slices.Equal(st.Deleted, want) {
				t.Errorf("deleted %v, want %v", st.Deleted, want)
			}
			state := stateOf(t, dir)
			for _, name := range []string{ManifestName, LockName} {
				if _, err := os.Stat(filepath.Join(state, name)); err != nil {
					t.Errorf("state folder: %v", err)
				}
			}
			if got := manifestPaths(t, dir); !slices.Equal(got, []string{"a/index.html", "b/index.html", "index.html"}) {
				t.Errorf("manifest lists %v", got)
			}
		})
	}
}

// TestForeignStateNeverPrunes: the state folder's manifest is of one
// output folder. A folder put in its place (removed and made again, or
// another one moved there), a copy at another path, or another output
// folder given the same state folder: none of them is pruned by it, and
// each build there still writes its site.
func TestForeignStateNeverPrunes(t *testing.T) {
	first := []string{"index.html", "home", "old/index.html", "old", "a/index.html", "a"}
	next := []string{"index.html", "home v2", "a/index.html", "a"}
	tests := []struct {
		name string
		// prepare changes the first build's folder dir and returns the
		// output folder and state folder of the next build.
		prepare func(t *testing.T, dir string) (out, state string)
	}{
		{"replaced by a copy", func(t *testing.T, dir string) (string, string) {
			copyTree(t, dir, dir+".copy")
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(dir+".copy", dir); err != nil {
				t.Fatal(err)
			}
			return dir, ""
		}},
		{"moved away, another made", func(t *testing.T, dir string) (string, string) {
			if err := os.Rename(dir, dir+".moved"); err != nil {
				t.Fatal(err)
			}
			copyTree(t, dir+".moved", dir)
			return dir, ""
		}},
		{"copied elsewhere", func(t *testing.T, dir string) (string, string) {
			copyTree(t, dir, dir+"-copy")
			return dir + "-copy", ""
		}},
		{"another folder with the same state folder", func(t *testing.T, dir string) (string, string) {
			copyTree(t, dir, dir+"-other")
			return dir + "-other", stateOf(t, dir)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			commitSite(t, dir, Options{}, first...)
			out, state := tt.prepare(t, dir)
			for _, exchange := range []bool{false, true} {
				commitSite(t, out, Options{Exchange: exchange, State: state}, next...)
				got := tree(t, out)
				if got["old/index.html"] != "old" {
					t.Fatalf("exchange=%t: old/index.html was pruned by another folder's manifest: %v", exchange, got)
				}
				if got["index.html"] != "home v2" {
					t.Fatalf("exchange=%t: index.html = %q, want the new site's", exchange, got["index.html"])
				}
			}
		})
	}
}

// TestSameFolderFindsItsState is the other side of
// TestForeignStateNeverPrunes: the same folder through another spelling
// of its path (a symbolic link, a trailing slash) finds its state.
func TestSameFolderFindsItsState(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	commitSite(t, dir, Options{}, "index.html", "home", "old.html", "old")
	link := filepath.Join(t.TempDir(), "site")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{dir + string(filepath.Separator), link} {
		if a, b := stateOf(t, out), stateOf(t, dir); a != b {
			t.Errorf("state folder of %s is %s, of %s %s", out, a, dir, b)
		}
	}
	st := commitSite(t, link, Options{}, "index.html", "home")
	if !slices.Equal(st.Deleted, []string{"old.html"}) {
		t.Errorf("deleted %v, want old.html pruned", st.Deleted)
	}
}

// TestLegacyBookkeepingLeaves: an output folder written before the state
// folder holds the old manifest and lock: the next build takes over the
// files the old manifest owns (and prunes those it no longer writes),
// removes the old bookkeeping files and reports them deleted.
func TestLegacyBookkeepingLeaves(t *testing.T) {
	for _, exchange := range []bool{false, true} {
		t.Run(map[bool]string{false: "journal", true: "exchange"}[exchange], func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			files := map[string]string{
				"index.html":              "home",
				"old/index.html":          "old",
				"mine.txt":                "mine",
				".rolesite.lock":          "",
				".rolesite-manifest.json": `{"version":1,"complete":true,"files":[` + "\n" + `{"path":"index.html","size":4,"sha256":"x","mtime":1},` + "\n" + `{"path":"old/index.html","size":3,"sha256":"x","mtime":1}` + "\n]}\n",
			}
			for p, data := range files {
				os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
				if err := os.WriteFile(filepath.Join(dir, p), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			st := commitSite(t, dir, Options{Exchange: exchange}, "index.html", "home v2")
			wantTree(t, dir, map[string]string{"index.html": "home v2", "mine.txt": "mine"})
			want := []string{".rolesite-manifest.json", ".rolesite.lock", "old/index.html"}
			if !slices.Equal(st.Deleted, want) {
				t.Errorf("deleted %v, want %v", st.Deleted, want)
			}
			if !slices.Equal(st.Updated, []string{"index.html"}) {
				t.Errorf("updated %v, want index.html", st.Updated)
			}
		})
	}
}

// TestDefaultStateDir: the default state folder is in the user cache
// folder, one per output folder.
func TestDefaultStateDir(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", filepath.Join(t.TempDir(), "cache"))
	a, err := DefaultStateDir(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := DefaultStateDir(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Errorf("two output folders share the state folder %s", a)
	}
	for _, d := range []string{a, b} {
		if !strings.HasPrefix(d, os.Getenv("XDG_CACHE_HOME")+string(filepath.Separator)+"rolesite"+string(filepath.Separator)+"public-") {
			t.Errorf("state folder %s is not in the cache folder", d)
		}
	}
}

// copyTree copies the files and folders of from into to, a new folder.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tree(t, to), tree(t, from); !maps.Equal(got, want) || !reflect.DeepEqual(got, want) {
		t.Fatalf("copy differs")
	}
}
