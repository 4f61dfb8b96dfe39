package generator

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"rolesite/generator/output"
	"rolesite/internal/testtree"
)

// ageContent sets every file under dir to a modification time well before
// now, as files are that an editor saved minutes ago.
func ageContent(t *testing.T, dir string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestUnchangedShortcut checks Build's shortcut for a new process: taken,
// with the first build's result, when nothing changed; not taken after any
// change to the inputs or the output, or at a build time at which a role
// opens or closes.
func TestUnchangedShortcut(t *testing.T) {
	ctx := context.Background()
	base := fixture(t)
	ageContent(t, base.ContentDir)
	first := mustBuild(t, base)
	res, ok := unchanged(ctx, base)
	if !ok {
		t.Fatal("shortcut not taken after a build of unchanged content")
	}
	want := *first
	want.Stats = output.Stats{Unchanged: first.Files, Changed: []string{}, Added: []string{}, Updated: []string{}, Deleted: []string{}}
	want.Rendered = 0
	if !reflect.DeepEqual(*res, want) {
		t.Errorf("shortcut result\n%+v\nwant\n%+v", *res, want)
	}
	second := mustBuild(t, base)
	if second.Rendered != 0 || second.Stats.Written != 0 || !reflect.DeepEqual(second.Diagnostics, first.Diagnostics) {
		t.Errorf("second build: %+v", second)
	}

	tests := []struct {
		name   string
		change func(t *testing.T, cfg *Config)
	}{
		{"role edited", func(t *testing.T, cfg *Config) {
			p := filepath.Join(cfg.ContentDir, "roles", "key-account-manager.md")
			data, _ := os.ReadFile(p)
			os.WriteFile(p, append(data, "\nNeu.\n"...), 0o644)
			old := time.Now().Add(-time.Minute)
			os.Chtimes(p, old, old) // an old mtime, but not the recorded one
		}},
		{"role added", func(t *testing.T, cfg *Config) {
			src, _ := os.ReadFile(filepath.Join(cfg.ContentDir, "roles", "key-account-manager.md"))
			var category string
			for _, line := range strings.Split(string(src), "\n") {
				if strings.HasPrefix(line, "category:") {
					category = line
				}
			}
			role := "---\ntitle: Neue Rolle\n" + category + "\ndescription: Eine neue Rolle.\n---\nText über den Key Account Manager.\n"
			os.WriteFile(filepath.Join(cfg.ContentDir, "roles", "neue-rolle.md"), []byte(role), 0o644)
		}},
		{"role just saved", func(t *testing.T, cfg *Config) {
			now := time.Now()
			os.Chtimes(filepath.Join(cfg.ContentDir, "roles", "key-account-manager.md"), now, now)
		}},
		{"site.yaml touched", func(t *testing.T, cfg *Config) {
			old := time.Now().Add(-time.Minute)
			os.Chtimes(filepath.Join(cfg.ContentDir, "site.yaml"), old, old)
		}},
		{"layout added", func(t *testing.T, cfg *Config) {
			os.MkdirAll(cfg.LayoutsDir, 0o755)
			os.WriteFile(filepath.Join(cfg.LayoutsDir, "404.html"), []byte(`{{template "base" .}}{{define "main"}}x{{end}}`), 0o644)
		}},
		{"output page deleted", func(t *testing.T, cfg *Config) {
			os.Remove(filepath.Join(cfg.OutDir, "index.html"))
		}},
		{"output page edited", func(t *testing.T, cfg *Config) {
			os.WriteFile(filepath.Join(cfg.OutDir, "404.html"), []byte("x"), 0o644)
		}},
		{"manifest gone", func(t *testing.T, cfg *Config) {
			os.Remove(cfg.stateFile(output.ManifestName))
		}},
		{"a killed build's previous site beside", func(t *testing.T, cfg *Config) {
			// A build killed after its exchange, before it removed the
			// previous site: the output is whole, the folder beside goes.
			os.MkdirAll(filepath.Join(output.NextName(cfg.OutDir), "old"), 0o755)
		}},
		{"a role closes", func(t *testing.T, cfg *Config) {
			cfg.Now = time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC) // backend-entwickler's valid_through
		}},
		{"a closed role would reopen", func(t *testing.T, cfg *Config) {
			cfg.Now = time.Date(2026, 10, 30, 0, 0, 0, 0, time.UTC) // before account-manager closed
		}},
		{"other base URL", func(t *testing.T, cfg *Config) { cfg.BaseURL = "https://preview.example/" }},
		{"drafts", func(t *testing.T, cfg *Config) { cfg.Drafts = true }},
		{"check only", func(t *testing.T, cfg *Config) { cfg.Check = true }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fixture(t)
			ageContent(t, cfg.ContentDir)
			first := mustBuild(t, cfg)
			if _, ok := unchanged(ctx, cfg); !ok {
				t.Fatal("shortcut not taken before the change")
			}
			tt.change(t, &cfg)
			if _, ok := unchanged(ctx, cfg); ok {
				t.Fatal("shortcut taken after the change")
			}
			if cfg.Check {
				return
			}
			// The build after the change is a true build: it gives the
			// tree a cold build gives.
			res := mustBuild(t, cfg)
			if tt.name == "output page deleted" && res.Stats.Written != 1 {
				t.Errorf("rebuild wrote %d files, want the deleted one", res.Stats.Written)
			}
			testtree.SameFiles(t, testtree.Files(t, cfg.OutDir), coldTree(t, cfg), "a cold build")
			if _, err := os.Lstat(output.NextName(cfg.OutDir)); err == nil {
				t.Errorf("%s is still there after the build", output.NextName(cfg.OutDir))
			}
			_ = first
		})
	}
}

// TestBuilderRecordsNoStateForRacyInputs checks that a build whose inputs
// changed moments before records no state, so that a new process reads
// everything again.
// TestUnchangedShortcutCoversCatalogues: a new process takes the shortcut
// over a layouts folder with message catalogues that did not change, and
// builds again when one did (its content changed, the i18n folder's own
// stamp not).
func TestUnchangedShortcutCoversCatalogues(t *testing.T) {
	ctx := context.Background()
	cfg := fixture(t)
	p := filepath.Join(cfg.LayoutsDir, "i18n", "de.yaml")
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte("badge_open: Offen A\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ageContent(t, cfg.ContentDir)
	ageContent(t, cfg.LayoutsDir)
	mustBuild(t, cfg)
	if _, ok := unchanged(ctx, cfg); !ok {
		t.Fatal("shortcut not taken with unchanged catalogues")
	}
	os.WriteFile(p, []byte("badge_open: Offen B\n"), 0o644)
	old := time.Now().Add(-time.Minute)
	os.Chtimes(p, old, old)
	if _, ok := unchanged(ctx, cfg); ok {
		t.Fatal("shortcut taken after a catalogue changed")
	}
	mustBuild(t, cfg)
	if !strings.Contains(testtree.Read(t, filepath.Join(cfg.OutDir, "index.html")), "Offen B") {
		t.Error("the rebuild does not show the changed message")
	}
}

func TestBuilderRecordsNoStateForRacyInputs(t *testing.T) {
	cfg := fixture(t) // files written just now
	mustBuild(t, cfg)
	if _, ok := unchanged(context.Background(), cfg); ok {
		t.Fatal("shortcut taken for files saved during the last build")
	}
	ageContent(t, cfg.ContentDir)
	mustBuild(t, cfg) // reads everything again, records the state
	if _, ok := unchanged(context.Background(), cfg); !ok {
		t.Fatal("shortcut not taken once the files are old")
	}
}

// TestSpilledBodies builds with the bodies kept in a scratch file, as a
// large site's build does, and compares with a build that keeps them in
// memory.
func TestSpilledBodies(t *testing.T) {
	cfg := fixture(t)
	want := coldTree(t, cfg)
	bd := NewBuilder(cfg)
	bd.linker.Scratch.SpillAt = 1
	if _, err := bd.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	testtree.SameFiles(t, testtree.Files(t, cfg.OutDir), want, "a cold build")
	// A rename re-renders some bodies (spilled) and shows others from the
	// cache (rendered again on demand).
	editFile(t, filepath.Join(cfg.ContentDir, "roles", "key-account-manager.md"), func(s string) string {
		return strings.Replace(s, "title: Key Account Manager", "title: Key Account Managerin", 1)
	})
	if _, err := bd.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	testtree.SameFiles(t, testtree.Files(t, cfg.OutDir), coldTree(t, cfg), "a cold build")
}

// TestColdBuildFailsCleanly checks that a cold build that fails in the
// link stage, after it began making the page folders, leaves the output
// folder as it found it: missing, or empty.
func TestColdBuildFailsCleanly(t *testing.T) {
	for _, existed := range []bool{false, true} {
		cfg := fixture(t)
		if existed {
			os.MkdirAll(cfg.OutDir, 0o755)
		}
		os.WriteFile(filepath.Join(cfg.ContentDir, "roles", "bad.md"), []byte("---\ntitle: Bad\ncategory: tech\ndescription: D.\n---\nSiehe [hier](/nirgendwo/).\n"), 0o644)
		if _, err := Build(context.Background(), cfg); err == nil {
			t.Fatal("build with a broken link passed")
		}
		ents, err := os.ReadDir(cfg.OutDir)
		switch {
		case !existed && !os.IsNotExist(err):
			t.Errorf("a failed cold build left the output folder: %v %v", ents, err)
		case existed && (err != nil || len(ents) != 0):
			t.Errorf("a failed cold build left %v in the existing output folder (%v)", ents, err)
		}
	}
}
