package dev

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"rolesite/generator"
	"rolesite/internal/testtree"
)

// fixtureNow is the build time of the generator's test fixture.
var fixtureNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// fixture copies the generator's fixture content into a temp folder and
// returns a Config that builds it into another one.
func fixture(t testing.TB) generator.Config {
	t.Helper()
	dir := t.TempDir()
	testtree.Copy(t, filepath.Join("..", "testdata", "fixture", "content"), filepath.Join(dir, "content"))
	return generator.Config{
		ContentDir: filepath.Join(dir, "content"),
		LayoutsDir: filepath.Join(dir, "layouts"),
		StaticDir:  filepath.Join(dir, "static"),
		OutDir:     filepath.Join(dir, "public"),
		Now:        fixtureNow,
	}
}

// coldTree builds cfg's content from scratch into a fresh folder.
func coldTree(t *testing.T, cfg generator.Config) map[string][]byte {
	t.Helper()
	cold := cfg
	cold.OutDir = filepath.Join(t.TempDir(), "cold")
	if _, err := generator.Build(context.Background(), cold); err != nil {
		t.Fatalf("build: %v", err)
	}
	return testtree.Files(t, cold.OutDir)
}
