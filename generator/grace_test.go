package generator

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"rolesite/generator/render"
)

// TestAssetGrace: after a stylesheet change the previous stylesheet stays
// in the output folder, named by no page, until the grace is over by build
// time; the build after that removes it and its change report lists it
// removed. With the grace off it goes at once.
func TestAssetGrace(t *testing.T) {
	for _, tt := range []struct {
		name  string
		grace time.Duration
		// kept: the previous stylesheet is there after the change.
		kept bool
	}{
		{"a day", 24 * time.Hour, true},
		{"off", -1, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fixture(t)
			cfg.AssetGrace = tt.grace
			cfg.ChangesFile = filepath.Join(t.TempDir(), "changes.json")
			mustBuild(t, cfg)
			old := stylesheets(t, cfg.OutDir)
			if len(old) != 1 {
				t.Fatalf("stylesheets after the first build: %v", old)
			}
			css, err := os.ReadFile(filepath.Join(cfg.OutDir, old[0]))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(cfg.LayoutsDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(cfg.LayoutsDir, "style.css"), append(css, "\n.x{color:red}\n"...), 0o644); err != nil {
				t.Fatal(err)
			}

			res := mustBuild(t, cfg)
			now := stylesheets(t, cfg.OutDir)
			home, err := os.ReadFile(filepath.Join(cfg.OutDir, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			var current string
			for _, p := range now {
				if strings.Contains(string(home), "/"+p) {
					current = p
				}
			}
			if current == "" || current == old[0] {
				t.Fatalf("the home page names %q, want the new stylesheet of %v", current, now)
			}
			if strings.Contains(string(home), old[0]) {
				t.Errorf("the home page still names %s", old[0])
			}
			if got := slices.Contains(now, old[0]); got != tt.kept {
				t.Fatalf("after the change the stylesheets are %v: previous one kept = %t, want %t", now, got, tt.kept)
			}
			if removed := slices.Contains(res.Changes.Files.Removed, old[0]); removed == tt.kept {
				t.Errorf("change report removed %v: lists the previous stylesheet = %t, want %t", res.Changes.Files.Removed, removed, !tt.kept)
			}
			if !tt.kept {
				return
			}

			// Within the day a rebuild keeps it; after it, one removes it.
			cfg.Now = fixtureNow.Add(23 * time.Hour)
			mustBuild(t, cfg)
			if !slices.Contains(stylesheets(t, cfg.OutDir), old[0]) {
				t.Errorf("removed within its grace")
			}
			cfg.Now = fixtureNow.Add(25 * time.Hour)
			res = mustBuild(t, cfg)
			if got := stylesheets(t, cfg.OutDir); !slices.Equal(got, []string{current}) {
				t.Errorf("after the grace the stylesheets are %v, want %s", got, current)
			}
			if !slices.Contains(res.Changes.Files.Removed, old[0]) {
				t.Errorf("change report removed %v, want %s", res.Changes.Files.Removed, old[0])
			}
		})
	}
}

// stylesheets lists the hashed stylesheets in the output folder out.
func stylesheets(t *testing.T, out string) []string {
	t.Helper()
	ents, err := os.ReadDir(filepath.Join(out, "assets"))
	if err != nil {
		t.Fatal(err)
	}
	var css []string
	for _, e := range ents {
		if p := "assets/" + e.Name(); strings.HasSuffix(p, ".css") && render.IsHashedAsset(p) {
			css = append(css, p)
		}
	}
	return css
}

// TestGraceCoversEncodings: the precompressed encodings of a hashed asset
// stay with it for its grace; nothing else gets one.
func TestGraceCoversEncodings(t *testing.T) {
	for p, want := range map[string]bool{
		"assets/style.2018c529.css": true, "assets/style.2018c529.css.br": true, "assets/style.2018c529.css.gz": true,
		"assets/favicon.db9fd011.svg.gz": true, "index.html.br": false, "assets/style.css.gz": false, "assets/style.2018c529.css.br.gz": false,
	} {
		if got := hashedAssetOrEncoding(p); got != want {
			t.Errorf("hashedAssetOrEncoding(%q) = %t, want %t", p, got, want)
		}
	}
}
