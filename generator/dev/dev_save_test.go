package dev

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolesite/generator"
	"rolesite/generator/serve"
	"rolesite/internal/testtree"
)

// renameOver saves version n of the edited role by writing it to tmpName
// in the same folder and renaming that over the original.
func renameOver(tmpName string, n int) func(*testing.T, generator.Config) {
	return func(t *testing.T, cfg generator.Config) {
		p := filepath.Join(cfg.ContentDir, editedRole)
		next := editedText(t, cfg, n)
		tmp := filepath.Join(filepath.Dir(p), tmpName)
		devWriteFile(t, tmp, next)
		devMust(t, os.Rename(tmp, p))
	}
}

// The role every save pattern edits, and its page.
const (
	editedRole = "roles/key-account-manager.md"
	editedPage = "/sales/key-account-manager/"
)

// editedText is the role's file with one more sentence in its body, different
// on each call so that two saves never write the same bytes.
func editedText(t *testing.T, cfg generator.Config, n int) string {
	return testtree.Read(t, filepath.Join(cfg.ContentDir, editedRole)) + fmt.Sprintf("Neu aus dem Editor, Fassung %d.\n", n)
}

// devCase is one way of changing the content while Run runs.
type devCase struct {
	name string
	// setup runs before Run starts.
	setup func(t *testing.T, cfg generator.Config)
	// change changes the content (with the paths of cfg).
	change func(t *testing.T, cfg generator.Config)
	// then, if set, is a second change made once the first one is built.
	then func(t *testing.T, cfg generator.Config)
	// noBuild: the change must not start a build.
	noBuild bool
	// oneSave: the change is one save of one file, which must end in one
	// build (devMaxSplit on a loaded machine).
	oneSave bool
	// wantText, if set, must be in the served page editedPage afterwards.
	wantText string
}

var devCases = []devCase{
	{
		name: "write in place",
		change: func(t *testing.T, cfg generator.Config) {
			p := filepath.Join(cfg.ContentDir, editedRole)
			devWriteFile(t, p, editedText(t, cfg, 1))
		},
		oneSave:  true,
		wantText: "Fassung 1.",
	},
	{
		// vim with backupcopy=auto: a probe file 4913, the original renamed
		// to its backup, the new text written to a new file, the backup
		// removed. The swap file exists throughout.
		name: "vim rename save",
		change: func(t *testing.T, cfg generator.Config) {
			p := filepath.Join(cfg.ContentDir, editedRole)
			dir := filepath.Dir(p)
			next := editedText(t, cfg, 2)
			swap := filepath.Join(dir, ".key-account-manager.md.swp")
			devWriteFile(t, swap, "b0VIM 9.1")
			probe := filepath.Join(dir, "4913")
			devWriteFile(t, probe, "")
			devMust(t, os.Remove(probe))
			devMust(t, os.Rename(p, p+"~"))
			devWriteFile(t, p, next)
			devMust(t, os.Chmod(p, 0o644))
			devMust(t, os.Remove(p+"~"))
			devWriteFile(t, swap, "b0VIM 9.1 saved")
		},
		oneSave:  true,
		wantText: "Fassung 2.",
	},
	{
		// VS Code's atomic save, renameio and most tools: the new text in a
		// temporary file in the same folder, renamed over the original.
		name:     "temp file renamed over",
		change:   renameOver(".key-account-manager.md.tmp", 3),
		oneSave:  true,
		wantText: "Fassung 3.",
	},
	{
		// The same with a temporary name no filter knows: it is created,
		// written and renamed away within one save.
		name:     "unknown temp file renamed over",
		change:   renameOver("key-account-manager.md.8f3a9c", 4),
		oneSave:  true,
		wantText: "Fassung 4.",
	},
	{
		// JetBrains "safe write": x___jb_tmp___ written, x renamed to
		// x___jb_old___, x___jb_tmp___ renamed to x, x___jb_old___ removed.
		name: "JetBrains safe write",
		change: func(t *testing.T, cfg generator.Config) {
			p := filepath.Join(cfg.ContentDir, editedRole)
			next := editedText(t, cfg, 5)
			devWriteFile(t, p+"___jb_tmp___", next)
			devMust(t, os.Rename(p, p+"___jb_old___"))
			devMust(t, os.Rename(p+"___jb_tmp___", p))
			devMust(t, os.Remove(p+"___jb_old___"))
		},
		oneSave:  true,
		wantText: "Fassung 5.",
	},
	{
		// Emacs: a lock symlink .#x while the buffer is modified, the
		// original renamed to its backup x~, the new text written to x.
		name: "Emacs backup save",
		change: func(t *testing.T, cfg generator.Config) {
			p := filepath.Join(cfg.ContentDir, editedRole)
			dir := filepath.Dir(p)
			next := editedText(t, cfg, 6)
			lock := filepath.Join(dir, ".#key-account-manager.md")
			devMust(t, os.Symlink("user@host.1234:1700000000", lock))
			devMust(t, os.Rename(p, p+"~"))
			devWriteFile(t, p, next)
			devMust(t, os.Remove(lock))
		},
		oneSave:  true,
		wantText: "Fassung 6.",
	},
	{
		name: "delete and recreate",
		change: func(t *testing.T, cfg generator.Config) {
			p := filepath.Join(cfg.ContentDir, editedRole)
			next := editedText(t, cfg, 7)
			devMust(t, os.Remove(p))
			devWriteFile(t, p, next)
		},
		oneSave:  true,
		wantText: "Fassung 7.",
	},
	{
		name: "chmod and touch only",
		change: func(t *testing.T, cfg generator.Config) {
			p := filepath.Join(cfg.ContentDir, editedRole)
			devMust(t, os.Chmod(p, 0o600))
			devMust(t, os.Chmod(p, 0o644))
			later := time.Now().Add(time.Hour)
			devMust(t, os.Chtimes(p, later, later))
		},
		noBuild: true,
	},
	{
		name: "editor swap and backup files only",
		change: func(t *testing.T, cfg generator.Config) {
			dir := filepath.Join(cfg.ContentDir, "roles")
			for _, name := range []string{
				".key-account-manager.md.swp", ".key-account-manager.md.swo", "key-account-manager.md~",
				"4913", "#key-account-manager.md#", ".key-account-manager.md.tmp",
				"key-account-manager.md___jb_tmp___", "key-account-manager.md___jb_old___", ".DS_Store",
			} {
				devWriteFile(t, filepath.Join(dir, name), "---\ntitel: kaputt\n---\n")
				devWriteFile(t, filepath.Join(dir, name), "---\ntitel: noch kaputter\n---\n")
			}
			devMust(t, os.Symlink("user@host.1234:1700000000", filepath.Join(dir, ".#key-account-manager.md")))
			devMust(t, os.Remove(filepath.Join(dir, "4913")))
			devMust(t, os.Remove(filepath.Join(dir, ".key-account-manager.md.swo")))
		},
		noBuild: true,
	},
	{
		// A new folder, a folder in it and a role in that, made faster than
		// the watcher can add their watches.
		name: "new folder with a role",
		change: func(t *testing.T, cfg generator.Config) {
			dir := filepath.Join(cfg.ContentDir, "roles", "neu", "vertrieb")
			devMust(t, os.MkdirAll(dir, 0o755))
			devWriteFile(t, filepath.Join(dir, "sales-director.md"),
				"---\ntitle: Sales Director\ncategory: sales\ndescription: Leitet den Vertrieb.\n---\nDer Sales Director führt jeden Key Account Manager.\n")
		},
		// The new folders are watched: a save in them alone rebuilds.
		then: func(t *testing.T, cfg generator.Config) {
			p := filepath.Join(cfg.ContentDir, "roles", "neu", "vertrieb", "sales-director.md")
			devWriteFile(t, p, testtree.Read(t, p)+"Und jeden Account Manager.\n")
		},
	},
	{
		name: "layout change",
		setup: func(t *testing.T, cfg generator.Config) {
			devMust(t, os.MkdirAll(cfg.LayoutsDir, 0o755))
			src := testtree.Read(t, "../render/templates/404.html")
			devWriteFile(t, filepath.Join(cfg.LayoutsDir, "404.html"), src)
		},
		change: func(t *testing.T, cfg generator.Config) {
			p := filepath.Join(cfg.LayoutsDir, "404.html")
			next := strings.Replace(testtree.Read(t, p), "<h1>", `<h1 class="geaendert">`, 1)
			devWriteFile(t, p, next)
		},
		oneSave: true,
	},
	{
		name: "role removed",
		change: func(t *testing.T, cfg generator.Config) {
			devMust(t, os.Remove(filepath.Join(cfg.ContentDir, editedRole)))
		},
		oneSave: true,
	},
}

func TestDevSavePatterns(t *testing.T) {
	for _, mode := range []struct {
		name  string
		serve bool
	}{{"watch", false}, {"serve", true}} {
		t.Run(mode.name, func(t *testing.T) {
			for _, tc := range devCases {
				t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
					runDevCase(t, tc, mode.serve)
				})
			}
		})
	}
}

func runDevCase(t *testing.T, tc devCase, withServe bool) {
	cfg := fixture(t)
	if tc.setup != nil {
		tc.setup(t, cfg)
	}
	d := startDev(t, cfg, withServe)
	before := testtree.Snapshot(t, d.cfg.OutDir)
	tc.change(t, cfg)

	if tc.noBuild {
		d.none(t)
		if after := testtree.Snapshot(t, d.cfg.OutDir); !maps.Equal(before, after) {
			t.Error("public/ changed without a build")
		}
		testtree.SameFiles(t, testtree.Files(t, d.cfg.OutDir), coldTree(t, cfg), "a cold build")
		// And the watcher still sees the next real save.
		devWriteFile(t, filepath.Join(cfg.ContentDir, editedRole), editedText(t, cfg, 99))
		d.waitSite(t, devWait)
		return
	}

	builds := d.waitSite(t, devWait)
	if tc.then != nil {
		tc.then(t, cfg)
		builds = d.waitSite(t, devWait)
	}
	if tc.oneSave && len(builds) > 1 {
		if len(builds) > devMaxSplit {
			t.Errorf("one save took %d builds, want 1: %s", len(builds), describeBuilds(builds))
		} else {
			t.Logf("one save split over %d builds (slow machine?): %s", len(builds), describeBuilds(builds))
		}
	}
	if withServe && tc.wantText != "" {
		page := d.get(t, editedPage)
		if !strings.Contains(page, tc.wantText) {
			t.Errorf("served page lacks %q", tc.wantText)
		}
		if !strings.Contains(page, serve.ScriptTag) {
			t.Error("served page lacks the live-reload script")
		}
		if disk := testtree.Read(t, filepath.Join(d.cfg.OutDir, "sales", "key-account-manager", "index.html")); strings.Contains(disk, serve.ScriptTag) {
			t.Error("the live-reload script was written into public/")
		}
	}
	// Nothing more comes: the watcher has settled on the final content.
	d.none(t)
}
