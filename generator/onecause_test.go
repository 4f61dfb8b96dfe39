package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolesite/internal/testtree"
)

// TestCopiedRoleBlamesTheCopy copies a role file, as an editor starting a
// new role from an old one would, and changes only its title: the
// messages name the copy, never the untouched original, and say each
// thing once.
func TestCopiedRoleBlamesTheCopy(t *testing.T) {
	cfg := fixture(t)
	roles := filepath.Join(cfg.ContentDir, "roles")
	orig := filepath.Join(roles, "backend-entwickler.md")
	src, err := os.ReadFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	copied := strings.Replace(string(src), "title: Backend-Entwickler", "title: Backend-Entwicklerin Plattform", 1)
	cp := filepath.Join(roles, "backend-plattform.md")
	if err := os.WriteFile(cp, []byte(copied), 0o644); err != nil {
		t.Fatal(err)
	}
	// The fixture is not in git: the copy is newer by its modification time.
	old := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(orig, old, old); err != nil {
		t.Fatal(err)
	}
	before := testtree.Snapshot(t, cfg.OutDir)
	res, err := Build(context.Background(), cfg)
	if err == nil {
		t.Fatal("build passed with two roles claiming one alias")
	}
	got := res.Diagnostics.Error()
	cpPath := filepath.Join(cfg.ContentDir, "roles", "backend-plattform.md")
	origPath := filepath.Join(cfg.ContentDir, "roles", "backend-entwickler.md")
	want := []string{
		cpPath + `:18:11: aliases: "/jobs/backend-developer/" is already an alias of ` + origPath,
		cpPath + `:5:12: name "Backend-Engineer" is already a name of Backend-Entwickler (at ` + origPath + `:5:12): mentions could not tell the two roles apart; choose another name here`,
		cpPath + `:4:1: warning: description is the same as in ` + origPath + `: search results show it, so write one for this role`,
	}
	for _, w := range want {
		if strings.Count(got, w) != 1 {
			t.Errorf("want once:\n%s\ngot:\n%s", w, got)
		}
	}
	for _, line := range strings.Split(got, "\n") {
		if strings.HasPrefix(line, origPath) {
			t.Errorf("the untouched original is blamed: %s", line)
		}
	}
	if after := testtree.Snapshot(t, cfg.OutDir); len(after) != len(before) {
		t.Errorf("output changed: %d files before, %d after", len(before), len(after))
	}
}
