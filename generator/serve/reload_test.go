package serve

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReloadScript runs reload.js in Node against a stub browser; it is
// skipped where Node is not installed.
func TestReloadScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	script := filepath.Join(t.TempDir(), "reload.js")
	if err := os.WriteFile(script, []byte(reloadScript), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.CommandContext(t.Context(), node, filepath.Join("testdata", "reload_test.js"), script).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	type overlay struct {
		ID, Role, Text, Style string
		Count                 int
	}
	var got struct {
		PathMatch struct {
			URL           string
			Before, After int
		}
		IndexHTML int `json:"indexHtml"`
		Resource  struct{ Before, After int }
		Encoded   int
		All       int
		Fail      struct {
			Evil          string
			First, Second *overlay
			Before, After int
		}
		Reconnect struct{ First, Second int }
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.PathMatch.URL != EventsPath || got.PathMatch.Before != 0 || got.PathMatch.After != 1 {
		t.Errorf("reload by path: %+v, want no reload for another path, one for this page's", got.PathMatch)
	}
	if got.IndexHTML != 1 || got.Encoded != 1 || got.All != 1 {
		t.Errorf("reloads: index.html %d, encoded %d, all %d; want 1 each", got.IndexHTML, got.Encoded, got.All)
	}
	if got.Resource.Before != 0 || got.Resource.After != 1 {
		t.Errorf("reload by a loaded file: %+v, want none for files of another origin or not loaded, one for a file the page loaded", got.Resource)
	}
	f := got.Fail
	if f.First == nil || f.First.Text != f.Evil || f.First.Role != "alert" || !strings.Contains(f.First.Style, "position:fixed") {
		t.Errorf("overlay after fail: %+v", f.First)
	}
	if f.Second == nil || f.Second.Text != "second" || f.Second.Count != 1 {
		t.Errorf("overlay after a second fail: %+v, want one overlay with the new text", f.Second)
	}
	if f.Before != 0 || f.After != 1 {
		t.Errorf("fail then reload for another path: reloads %d then %d, want 0 then 1", f.Before, f.After)
	}
	if got.Reconnect.First != 0 || got.Reconnect.Second != 1 {
		t.Errorf("reconnect: %+v, want no reload on the first open, one on the second", got.Reconnect)
	}
	if strings.Contains(reloadScript, "innerHTML") {
		t.Error("reload.js mentions innerHTML")
	}
}
