package dev

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"rolesite/generator"
	"rolesite/generator/watch"
)

// A removal reported after an edit was told and not yet built (in Run: a
// build that ended before it read the content keeps the told paths) must
// still be seen: the told paths alone do not name the removed file.
func TestTellRemovalLooksAtEveryFile(t *testing.T) {
	cfg := fixture(t)
	b := generator.NewBuilder(cfg)
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(cfg.OutDir, "sales", "account-manager", "index.html")
	if _, err := os.Stat(page); err != nil {
		t.Fatalf("first build: %v", err)
	}
	edited := filepath.Join(cfg.ContentDir, "roles", "key-account-manager.md")
	tell(b, []watch.Change{{Path: edited, Op: watch.Write}}, cfg.StaticDir)

	removed := filepath.Join(cfg.ContentDir, "roles", "account-manager.md")
	if err := os.Remove(removed); err != nil {
		t.Fatal(err)
	}
	tell(b, []watch.Change{{Path: removed, Op: watch.Remove}}, cfg.StaticDir)
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(page); !os.IsNotExist(err) {
		t.Errorf("the removed role's page is still there (stat: %v): the build looked only at the told file", err)
	}
}
