package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestSessionJournal(t *testing.T) {
	t.Run("announces before writing", func(t *testing.T) {
		dir := t.TempDir()
		build(t, dir, "old.html", "O")
		var seen []string
		s, err := begin(t.Context(), dir, Options{}, hooks{afterWrite: func(p string) error {
			b, err := os.ReadFile(filepath.Join(stateOf(t, dir), JournalName))
			if err != nil {
				return err
			}
			seen = append(seen, string(b))
			return nil
		}})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Abort()
		mustPut(t, s, "a b\n.html", "x") // any path survives the journal
		mustPut(t, s, "old.html", "O")   // unchanged: not announced
		mustPut(t, s, "old.html2", "y")
		mustCommit(t, s)
		want := []string{`"a b\n.html"` + "\n", `"a b\n.html"` + "\n" + `"old.html2"` + "\n"}
		if !reflect.DeepEqual(seen, want) {
			t.Errorf("journal while writing: %q, want %q", seen, want)
		}
		if fileExists(stateOf(t, dir), JournalName) {
			t.Error("journal left after Commit")
		}
	})
	t.Run("corrupt", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(stateOf(t, dir), JournalName), []byte(`"a.html"`+"\n"+`"../x"`+"\n"), 0o644)
		_, err := BeginWith(t.Context(), dir, Options{})
		if err == nil || !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), "delete it and build again") {
			t.Errorf("err = %v, want a journal error", err)
		}
	})
}

func TestSessionCancelled(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, "a.html", "A", "b.html", "B")
	ctx, cancel := context.WithCancel(t.Context())
	s, err := BeginWith(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustPut(t, s, "a.html", "A2")
	cancel()
	if _, err := s.Put("c.html", nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Put after cancel = %v", err)
	}
	if err := s.Keep("b.html"); !errors.Is(err, context.Canceled) {
		t.Errorf("Keep after cancel = %v", err)
	}
	// Commit refuses to commit and aborts: the previous site stays.
	if _, err := s.Commit(); !errors.Is(err, context.Canceled) {
		t.Errorf("Commit after cancel = %v", err)
	}
	wantTree(t, dir, map[string]string{"a.html": "A", "b.html": "B"})
	if got := manifestPaths(t, dir); !reflect.DeepEqual(got, []string{"a.html", "b.html"}) {
		t.Errorf("manifest = %v", got)
	}
}

func TestSessionLeavesOthersAlone(t *testing.T) {
	dir := t.TempDir()
	unlock, err := Lock(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	s := mustBegin(t, dir)
	mustPut(t, s, "index.html", "home")
	mustCommit(t, s)
	s = mustBegin(t, dir)
	mustCommit(t, s)
	wantTree(t, dir, map[string]string{})
	if _, err := os.Stat(filepath.Join(stateOf(t, dir), ManifestName)); err != nil {
		t.Error(err)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.Name() != LockName && e.Name() != ManifestName {
			t.Errorf("left %s", e.Name())
		}
	}
}
