package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"rolesite/generator/diag"
	"rolesite/generator/link"
	"rolesite/internal/testtree"
)

// The body stage's errors name the file they are about (ISSUE "Nothing
// lost, nothing wrong", item 8). Failures are injected through the
// Builder's readFile and scratch fields, on the Builder that Build runs.

// failingScratch is a real scratch file whose writes fail with err from
// the write numbered failFrom on (counting from 1; 0: never), and whose
// reads call onRead first.
type failingScratch struct {
	*os.File
	failFrom int64
	err      error
	writes   atomic.Int64
	onRead   func()
}

func (f *failingScratch) WriteAt(p []byte, off int64) (int, error) {
	if n := f.writes.Add(1); f.failFrom > 0 && n >= f.failFrom {
		return 0, &fs.PathError{Op: "write", Path: f.Name(), Err: f.err}
	}
	return f.File.WriteAt(p, off)
}

func (f *failingScratch) ReadAt(p []byte, off int64) (int, error) {
	if f.onRead != nil {
		f.onRead()
	}
	return f.File.ReadAt(p, off)
}

// spillInto makes b keep every body in a scratch file made by make.
func spillInto(b *Builder, make func(dir string) (link.ScratchFile, error)) {
	b.linker.Scratch.SpillAt = 1
	b.linker.Scratch.Create = make
}

// scratchIn returns a create function for failingScratch files.
func scratchIn(t *testing.T, failFrom int64, err error, onRead func()) func(dir string) (link.ScratchFile, error) {
	return func(dir string) (link.ScratchFile, error) {
		f, cerr := os.CreateTemp(dir, "rolesite-bodies-*")
		if cerr != nil {
			t.Fatal(cerr)
		}
		return &failingScratch{File: f, failFrom: failFrom, err: err, onRead: onRead}, nil
	}
}

// TestScratchFallsBackToMemory: a temporary folder that is full, read-only
// or not writable, from the first body or midway, costs nothing but
// memory: the site is the same as with a working scratch file.
func TestScratchFallsBackToMemory(t *testing.T) {
	cfg := fixture(t)
	want := coldTree(t, cfg)
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EROFS, syscall.EACCES} {
		for _, tt := range []struct {
			name   string
			create func(dir string) (link.ScratchFile, error)
		}{
			{"cannot create", func(dir string) (link.ScratchFile, error) {
				return nil, &fs.PathError{Op: "open", Path: filepath.Join(dir, "rolesite-bodies-1"), Err: errno}
			}},
			{"first write fails", scratchIn(t, 1, errno, nil)},
			{"third write fails", scratchIn(t, 3, errno, nil)},
		} {
			t.Run(errno.Error()+"/"+tt.name, func(t *testing.T) {
				run := cfg
				run.OutDir = filepath.Join(t.TempDir(), "public")
				b := newOneShot(run)
				spillInto(b, tt.create)
				if _, err := b.Build(t.Context()); err != nil {
					t.Fatalf("build: %v", err)
				}
				testtree.SameFiles(t, testtree.Files(t, run.OutDir), want, "a cold build")
			})
		}
	}
}

// TestScratchFullAndNoMemory: when the bodies fit neither in the
// temporary folder nor in the memory budget, the build says which folder
// to free and how to choose another, and writes nothing.
func TestScratchFullAndNoMemory(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, tt := range []struct {
		errno    syscall.Errno
		failFrom int64
	}{
		{syscall.ENOSPC, 1},
		{syscall.ENOSPC, 2},
		{syscall.EROFS, 1},
		{syscall.EACCES, 1},
	} {
		t.Run(fmt.Sprint(tt.errno, tt.failFrom), func(t *testing.T) {
			cfg := fixture(t)
			mustBuild(t, cfg)
			before := testtree.Snapshot(t, filepath.Dir(cfg.OutDir))
			b := newOneShot(cfg)
			spillInto(b, scratchIn(t, tt.failFrom, tt.errno, nil))
			b.linker.Scratch.MemBudget = 10
			// A site whose every page changes: a build that went on would
			// write them all.
			b.cfg.BaseURL = "https://other.example/"
			res, err := b.Build(t.Context())
			want := "the temporary folder " + tmp + " cannot hold the rendered role bodies (" + tt.errno.Error() +
				"), and they do not fit in memory either (more than 10 bytes, a quarter of GOMEMLIMIT): free space in " +
				tmp + " or set TMPDIR to a folder with room"
			if err == nil || err.Error() != want {
				t.Errorf("error\n%v\nwant\n%s", err, want)
			}
			wantDE := "der temporäre Ordner " + tmp + " kann die gerenderten Rollentexte nicht aufnehmen (" + tt.errno.Error() +
				"), und in den Arbeitsspeicher passen sie auch nicht (mehr als 10 bytes, ein Viertel von GOMEMLIMIT): schaffen Sie Platz in " +
				tmp + " oder setzen Sie TMPDIR auf einen Ordner mit genug Platz"
			if err != nil && diag.ErrorIn(err, diag.German) != wantDE {
				t.Errorf("German error\n%s\nwant\n%s", diag.ErrorIn(err, diag.German), wantDE)
			}
			if res != nil && res.Diagnostics.HasErrors() {
				t.Errorf("blamed a content file: %v", res.Diagnostics)
			}
			sameSnapshot(t, "site after a failed body stage", before, testtree.Snapshot(t, filepath.Dir(cfg.OutDir)))
		})
	}
}

// TestRoleFileChangedDuringBuild: a role file read again for its body that
// changed, vanished or became unreadable since it was parsed is named,
// without a line, and nothing is written.
func TestRoleFileChangedDuringBuild(t *testing.T) {
	for _, tt := range []struct {
		name string
		read func(name string) ([]byte, error)
		want string
	}{
		{"changed", func(name string) ([]byte, error) {
			data, err := os.ReadFile(name)
			return append(data, "\nEin neuer Absatz.\n"...), err
		}, "changed while the build read it: build again"},
		{"removed", func(name string) ([]byte, error) {
			return nil, &fs.PathError{Op: "open", Path: name, Err: syscall.ENOENT}
		}, "removed while the build read it: build again"},
		{"unreadable", func(name string) ([]byte, error) {
			return nil, &fs.PathError{Op: "open", Path: name, Err: syscall.EACCES}
		}, "cannot read role file: permission denied"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fixture(t)
			mustBuild(t, cfg)
			editFile(t, filepath.Join(cfg.ContentDir, "site.yaml"), func(s string) string {
				return strings.Replace(s, "title: ", "title: Neu ", 1)
			})
			before := testtree.Snapshot(t, filepath.Dir(cfg.OutDir))
			victim := filepath.Join(cfg.ContentDir, "roles", "frontend-entwickler.md")
			b := newOneShot(cfg)
			b.readFile = func(name string) ([]byte, error) {
				if name == victim {
					return tt.read(name)
				}
				return os.ReadFile(name)
			}
			res, err := b.Build(t.Context())
			want := victim + ": " + tt.want
			if err == nil || err.Error() != want {
				t.Errorf("error\n%v\nwant\n%s", err, want)
			}
			if res == nil || len(res.Diagnostics.Errors()) != 1 || res.Diagnostics.Errors()[0].String() != want {
				t.Errorf("diagnostics %v, want the one error %s", res.Diagnostics, want)
			}
			sameSnapshot(t, "site after a role file changed", before, testtree.Snapshot(t, filepath.Dir(cfg.OutDir)))
		})
	}
}

// TestInterruptedBuild: a build whose context ends says it was
// interrupted, blames no file, and says truthfully what it left in the
// output folder: nothing before it wrote, else how many files.
func TestInterruptedBuild(t *testing.T) {
	for _, stage := range []string{"before", "rendering bodies", "writing pages"} {
		t.Run(stage, func(t *testing.T) {
			cfg := fixture(t)
			mustBuild(t, cfg)
			cfg.BaseURL = "https://other.example/" // every page changes
			before := testtree.Files(t, cfg.OutDir)
			beforeAll := testtree.Snapshot(t, filepath.Dir(cfg.OutDir))
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			b := newOneShot(cfg)
			switch stage {
			case "before":
				// The loader's workers look at ctx before each file.
				cancel()
			case "rendering bodies":
				b.readFile = func(name string) ([]byte, error) {
					cancel()
					return os.ReadFile(name)
				}
			case "writing pages":
				var reads atomic.Int64
				spillInto(b, scratchIn(t, 0, nil, func() {
					if reads.Add(1) == 3 {
						cancel()
					}
				}))
			}
			res, err := b.Build(ctx)
			var intr *InterruptedError
			if !errors.As(err, &intr) {
				t.Fatalf("error %v, want an InterruptedError", err)
			}
			if !errors.Is(err, context.Canceled) || res == nil || len(res.Diagnostics) != 0 {
				t.Errorf("interrupted build reported %v", res.Diagnostics)
			}
			after := testtree.Files(t, cfg.OutDir)
			changed := 0
			for p, data := range after {
				if string(before[p]) != string(data) {
					changed++
				}
			}
			// A cancelled build does not commit, whatever stage it
			// reached: the folder is the previous site, byte for byte.
			want := "interrupted; " + cfg.OutDir + " still holds the previous site"
			if changed > 0 {
				t.Errorf("interrupted %s, %d files of the site changed", stage, changed)
			}
			sameSnapshot(t, "site after an interrupted build", beforeAll, testtree.Snapshot(t, filepath.Dir(cfg.OutDir)))
			if err.Error() != want {
				t.Errorf("error\n%v\nwant\n%s", err, want)
			}
		})
	}
}
