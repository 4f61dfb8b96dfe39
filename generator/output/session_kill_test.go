//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package output

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
)

// killHelperEnv names the output folder of the build TestSessionKilled runs
// in a child process and kills.
const killHelperEnv = "ROLESITE_SESSION_KILL_HELPER"

const killOld, killNew = 60, 120

func oldPage(i int) string { return fmt.Sprintf("old/%03d/index.html", i) }
func newPage(i int) string { return fmt.Sprintf("new/%03d/index.html", i) }

// killPage is page p at version v: a header naming both, padding to a size
// that depends on v, and a trailer, so that a page cut short shows.
func killPage(p string, v int) []byte {
	size := 32<<10 + v%4*(4<<10)
	head, tail := fmt.Sprintf("%s v=%d\n", p, v), "\nend "+p+"\n"
	b := make([]byte, 0, size)
	b = append(b, head...)
	b = append(b, bytes.Repeat([]byte{'.'}, size-len(head)-len(tail))...)
	return append(b, tail...)
}

// completePage reports whether data is killPage(p, v) for some v.
func completePage(p string, data []byte) bool {
	head, _, ok := bytes.Cut(data, []byte("\n"))
	if !ok || !bytes.HasPrefix(head, []byte(p+" v=")) {
		return false
	}
	v, err := strconv.Atoi(string(head[len(p)+3:]))
	return err == nil && bytes.Equal(data, killPage(p, v))
}

// TestSessionKilled kills, with SIGKILL, a child process that runs build
// after build into one output folder, at a different moment each round.
// Every file left must be complete, the next session must own every file on
// disk and never trust a manifest entry that does not match the disk, and
// its Commit must reach exactly its target.
func TestSessionKilled(t *testing.T) {
	if dir := os.Getenv(killHelperEnv); dir != "" {
		killHelper(dir)
		return
	}
	for round, delay := range []time.Duration{0, 2, 5, 10, 20, 40, 70, 110, 160, 230} {
		t.Run(fmt.Sprint(round), func(t *testing.T) {
			dir := t.TempDir()
			s := mustBegin(t, dir)
			for i := range killOld {
				if _, err := s.Put(oldPage(i), killPage(oldPage(i), 0)); err != nil {
					t.Fatal(err)
				}
			}
			mustCommit(t, s)

			var stderr bytes.Buffer
			cmd := exec.Command(os.Args[0], "-test.run=^TestSessionKilled$")
			cmd.Env = append(os.Environ(), killHelperEnv+"="+dir)
			cmd.Stderr = &stderr
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if line, err := bufio.NewReader(out).ReadString('\n'); line != "ready\n" {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("helper: %q, %v\n%s", line, err, stderr.Bytes())
			}
			time.Sleep(delay * time.Millisecond)
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || ws.Signal() != syscall.SIGKILL {
				t.Fatalf("helper not killed: %v\n%s", cmd.ProcessState, stderr.Bytes())
			}
			if bytes.Contains(stderr.Bytes(), []byte("DATA RACE")) {
				t.Errorf("helper:\n%s", stderr.Bytes())
			}

			// Every file is complete right after the kill; Begin then
			// finishes a commit the kill interrupted (pruning what that
			// commit removes), so what is on disk after it is what the
			// next session must own.
			checkComplete(t, dir)
			s = mustBegin(t, dir)
			onDisk := checkComplete(t, dir)
			for _, p := range onDisk {
				if !s.isOwned(p) {
					t.Errorf("%s is on disk, but the next session does not own it", p)
				}
			}
			checkVouched(t, dir, s)

			// The target: the even old pages (kept when Keep can vouch for
			// them) and every third new page.
			want := map[string]string{"old/": "", "new/": ""}
			for i := 0; i < killOld; i += 2 {
				p := oldPage(i)
				err := s.Keep(p)
				switch {
				case err == nil:
					data, _ := os.ReadFile(filepath.Join(dir, p))
					want[p] = string(data)
				case errors.Is(err, ErrStale):
					if _, err := s.Put(p, killPage(p, 100)); err != nil {
						t.Fatal(err)
					}
					want[p] = string(killPage(p, 100))
				default:
					t.Fatal(err)
				}
				want[parentDir(p)+"/"] = ""
			}
			for i := 0; i < killNew; i += 3 {
				p := newPage(i)
				if _, err := s.Put(p, killPage(p, 100)); err != nil {
					t.Fatal(err)
				}
				want[p] = string(killPage(p, 100))
				want[parentDir(p)+"/"] = ""
			}
			mustCommit(t, s)
			wantPages(t, dir, want)
			files := 0
			for p := range want {
				if !strings.HasSuffix(p, "/") {
					files++
				}
			}
			if m := loadManifest(t, dir); !m.Complete || len(m.Files) != files {
				t.Errorf("manifest: complete %t, %d files; want %d", m.Complete, len(m.Files), files)
			}
		})
	}
}

// wantPages is wantTree for big files: it reports only the paths that
// differ, with the first line of their contents.
func wantPages(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	got := tree(t, dir)
	first := func(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }
	for p, w := range want {
		if g, ok := got[p]; !ok || g != w {
			t.Errorf("%s = %q (present %t), want %q", p, first(g), ok, first(w))
		}
	}
	for p, g := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s = %q is left over", p, first(g))
		}
	}
}

// checkComplete checks that every file on disk, but the bookkeeping files,
// is a complete page, and returns their paths.
func checkComplete(t *testing.T, dir string) []string {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ReservedPrefix) {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !completePage(rel, data) {
			t.Errorf("%s is not a complete page after the kill (%d bytes)", rel, len(data))
		}
		paths = append(paths, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// checkVouched checks that every file whose size and mtime match its entry
// in s's manifest, the condition under which Keep and Put trust it, holds
// the bytes the entry's hash names.
func checkVouched(t *testing.T, dir string, s *Session) {
	t.Helper()
	for p, e := range s.owned {
		if e.SHA256 == "" {
			continue
		}
		fi, err := os.Lstat(filepath.Join(dir, p))
		if err != nil || fi.Size() != e.Size || fi.ModTime().UnixNano() != e.MTime {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != e.SHA256 {
			t.Errorf("the manifest vouches for %s, but it holds other bytes", p)
		}
	}
}

// killHelper runs builds into dir until it is killed: build v rewrites
// the old pages (keeping a third of them), writes half of the new pages and
// prunes the other half, on 4 goroutines. It prints "ready" once the first
// page is written.
func killHelper(dir string) {
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var ready sync.Once
	for v := 1; ; v++ {
		s, err := BeginWith(context.Background(), dir, Options{})
		if err != nil {
			fail(err)
		}
		var g errgroup.Group
		g.SetLimit(4)
		put := func(p string) error {
			_, err := s.Put(p, killPage(p, v))
			if err == nil {
				ready.Do(func() { fmt.Println("ready") })
			}
			return err
		}
		for i := range killOld {
			g.Go(func() error {
				p := oldPage(i)
				if (i+v)%3 == 0 {
					if err := s.Keep(p); !errors.Is(err, ErrStale) {
						return err
					}
				}
				return put(p)
			})
		}
		for i := range killNew {
			if (i+v)%2 == 0 {
				g.Go(func() error { return put(newPage(i)) })
			}
		}
		if err := g.Wait(); err != nil {
			fail(err)
		}
		if _, err := s.Commit(); err != nil {
			fail(err)
		}
	}
}
