package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"

	"rolesite/generator/diag"
	"rolesite/internal/testtree"
)

// All or nothing: a build that fails at any change to the output folder
// leaves exactly the previous site or exactly the new one, and says which.

// siteState is everything in an output folder: each file's bytes and
// modification time, and each folder.
type siteState map[string]string

func readState(t *testing.T, dir string, mtimes bool) siteState {
	t.Helper()
	st := siteState{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == dir {
			return filepath.SkipAll
		}
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			st[rel+"/"] = ""
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		v := string(data)
		if mtimes {
			fi, err := d.Info()
			if err != nil {
				return err
			}
			v = fmt.Sprintf("%d\n%s", fi.ModTime().UnixNano(), data)
		}
		st[rel] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// diffStates describes how got differs from want, "" when it does not.
func diffStates(got, want siteState) string {
	var out []string
	for p, v := range want {
		if g, ok := got[p]; !ok {
			out = append(out, "missing "+p)
		} else if g != v {
			out = append(out, "changed "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			out = append(out, "extra "+p)
		}
	}
	sort.Strings(out)
	if len(out) > 5 {
		out = append(out[:5], fmt.Sprintf("... %d more", len(out)-5))
	}
	return strings.Join(out, ", ")
}

// internalLinks returns the path of every href="/..." and src="/..." in an
// HTML page, up to its fragment or query. A scan, not a regular
// expression: the kill test checks some 2,000 pages after every kill.
func internalLinks(page []byte) []string {
	var out []string
	for _, attr := range []string{`href="/`, `src="/`} {
		rest := page
		for {
			i := bytes.Index(rest, []byte(attr))
			if i < 0 {
				break
			}
			rest = rest[i+len(attr)-1:]
			end := bytes.IndexAny(rest, "\"#?")
			if end < 0 {
				break
			}
			out = append(out, string(rest[:end]))
			rest = rest[end:]
		}
	}
	return out
}

// checkWholeSite checks that every internal link of every page of the
// site in dir resolves to a file and that all pages name one of titles,
// and the same one.
func checkWholeSite(t *testing.T, dir string, titles ...string) {
	t.Helper()
	checkSiteFiles(t, testtree.Files(t, dir), titles...)
}

// checkSiteFiles is checkWholeSite on the files of a folder as testtree.Files
// reads them.
func checkSiteFiles(t *testing.T, files map[string][]byte, titles ...string) {
	t.Helper()
	used := map[string]int{}
	for p, data := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, link := range internalLinks(data) {
			target := strings.TrimPrefix(link, "/")
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s links %s, which the folder does not hold", p, link)
			}
		}
		for _, title := range titles {
			if strings.Contains(string(data), title) {
				used[title]++
			}
		}
	}
	if len(used) > 1 {
		t.Errorf("pages name more than one site title: %v", used)
	}
}

func TestInternalLinks(t *testing.T) {
	for _, tc := range []struct {
		page string
		want []string
	}{
		{`<a href="/a/">A</a> <a href="/c/#top">C</a> <img src="/b.svg" alt="">`, []string{"/a/", "/c/", "/b.svg"}},
		{`<a href="https://example.com/x">x</a> <a href="#main">m</a> <a href="/q?x=1">q</a>`, []string{"/q"}},
		{`<a href="/">home</a> <a href="/cut`, []string{"/"}},
	} {
		if got := internalLinks([]byte(tc.page)); !slices.Equal(got, tc.want) {
			t.Errorf("internalLinks(%q) = %q, want %q", tc.page, got, tc.want)
		}
	}
}

// faultAt fails the nth change to the output folder with errno, and counts
// the changes in *count. Puts run at once, so the count is locked.
func faultAt(n int, errno syscall.Errno, count *int) func(op, path string) error {
	var mu sync.Mutex
	return func(op, path string) error {
		mu.Lock()
		defer mu.Unlock()
		*count++
		if *count == n {
			return errno
		}
		return nil
	}
}

func TestFailedBuildLeavesOldOrNewSite(t *testing.T) {
	const oldTitle, newTitle = "Karriere bei Test Recruiting", "Karriere bei Neu Recruiting"
	base := fixture(t)
	siteB := filepath.Join(t.TempDir(), "content")
	testtree.Copy(t, base.ContentDir, siteB)
	editFile(t, filepath.Join(siteB, "site.yaml"), func(s string) string {
		return strings.Replace(s, oldTitle, newTitle, 1)
	})
	withContent := func(cfg Config, content string) Config {
		cfg.ContentDir = content
		return cfg
	}
	refCfg := withContent(base, siteB)
	refCfg.OutDir = filepath.Join(t.TempDir(), "ref")
	mustBuild(t, refCfg)
	newSite := readState(t, refCfg.OutDir, false)

	cases := []struct {
		name string
		// prepare builds the previous site into cfg.OutDir, or nothing.
		prepare func(t *testing.T, cfg Config)
	}{
		{"cold", func(t *testing.T, cfg Config) {}},
		{"incremental", func(t *testing.T, cfg Config) { mustBuild(t, withContent(cfg, base.ContentDir)) }},
	}
	for _, tc := range cases {
		for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EIO} {
			t.Run(tc.name+"/"+errno.Error(), func(t *testing.T) {
				total := 0
				{
					cfg := withContent(base, siteB)
					cfg.OutDir = filepath.Join(t.TempDir(), "public")
					tc.prepare(t, cfg)
					cfg.fault = faultAt(0, errno, &total)
					mustBuild(t, cfg)
				}
				if total < 10 {
					t.Fatalf("only %d changes to the output folder counted", total)
				}
				var oldKept, newMade int
				for n := 1; n <= total; n++ {
					cfg := withContent(base, siteB)
					cfg.OutDir = filepath.Join(t.TempDir(), "public")
					tc.prepare(t, cfg)
					old := readState(t, cfg.OutDir, true)
					count := 0
					cfg.fault = faultAt(n, errno, &count)
					_, err := Build(context.Background(), cfg)
					got := readState(t, cfg.OutDir, true)
					gotPages := readState(t, cfg.OutDir, false)
					switch {
					case diffStates(got, old) == "":
						oldKept++
						if err == nil || !strings.Contains(err.Error(), cfg.OutDir+" still holds the previous site") || !errors.Is(err, errno) {
							t.Errorf("change %d failed, the folder holds the previous site; error %v, want %q and the %s", n, err, "still holds the previous site", errno)
						} else if de := diag.ErrorIn(err, diag.German); !strings.HasSuffix(de, "; "+cfg.OutDir+" enthält weiterhin die vorige Website") {
							t.Errorf("change %d failed: in German the error is %q, want it to end in %q", n, de, "enthält weiterhin die vorige Website")
						}
					case diffStates(gotPages, newSite) == "":
						newMade++
						if err != nil && !strings.Contains(err.Error(), cfg.OutDir+" holds the new site") {
							t.Errorf("change %d failed, the folder holds the new site; error %v, want none or %q", n, err, "holds the new site")
						} else if err != nil && !strings.HasSuffix(diag.ErrorIn(err, diag.German), "; "+cfg.OutDir+" enthält die neue Website") {
							t.Errorf("change %d failed: in German the error is %q, want it to end in %q", n, diag.ErrorIn(err, diag.German), "enthält die neue Website")
						}
					default:
						t.Fatalf("change %d failed (%v): the folder is neither the previous site (%s) nor the new one (%s)",
							n, err, diffStates(got, old), diffStates(gotPages, newSite))
					}
					checkWholeSite(t, cfg.OutDir, oldTitle, newTitle)
					if bk := bookkeeping(t, cfg.OutDir); len(bk) > 0 {
						t.Errorf("change %d failed: bookkeeping files left: %v", n, bk)
					}
					// The next build recovers and builds the new site.
					cfg.fault = nil
					mustBuild(t, cfg)
					if d := diffStates(readState(t, cfg.OutDir, false), newSite); d != "" {
						t.Errorf("change %d failed: the next build does not give the new site: %s", n, d)
					}
					if t.Failed() {
						t.FailNow()
					}
				}
				t.Logf("%d changes failed in turn: %d left the previous site, %d the new one (a failed move is tried again)", total, oldKept, newMade)
				if oldKept == 0 {
					t.Error("no failure left the previous site")
				}
			})
		}
	}
}
