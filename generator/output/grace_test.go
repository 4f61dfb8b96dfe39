package output

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestGraceKeepsAssets: a file that Grace matches stays in the output
// folder for the build that stops writing it and every later one until
// Grace.For has passed, then the next build removes it (and reports it
// removed then); a file Grace does not match goes at once; a file written
// again is part of the site again. Intact says a folder whose grace is
// over is not as the last build left it, so the next build runs.
func TestGraceKeepsAssets(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	isAsset := func(p string) bool { return strings.HasPrefix(p, "assets/") }
	type build struct {
		at      time.Duration // after t0
		files   []string      // path, content pairs
		want    []string      // the output folder's files after it
		deleted []string
	}
	v1 := []string{"index.html", "<link href=v1>", "assets/v1.css", "one", "old.html", "x"}
	v2 := []string{"index.html", "<link href=v2>", "assets/v2.css", "two"}
	v3 := []string{"index.html", "<link href=v3>", "assets/v3.css", "three"}
	tests := []struct {
		name   string
		grace  time.Duration
		builds []build
	}{
		{"a day", 24 * time.Hour, []build{
			{0, v1, []string{"assets/v1.css", "index.html", "old.html"}, []string{}},
			// v1.css stays; old.html, no asset, goes at once.
			{time.Hour, v2, []string{"assets/v1.css", "assets/v2.css", "index.html"}, []string{"old.html"}},
			{2 * time.Hour, v2, []string{"assets/v1.css", "assets/v2.css", "index.html"}, []string{}},
			// A day after the build that stopped writing it.
			{25 * time.Hour, v2, []string{"assets/v2.css", "index.html"}, []string{"assets/v1.css"}},
		}},
		{"one build", 0, []build{
			{0, v1, []string{"assets/v1.css", "index.html", "old.html"}, []string{}},
			{time.Hour, v2, []string{"assets/v1.css", "assets/v2.css", "index.html"}, []string{"old.html"}},
			{time.Hour, v3, []string{"assets/v2.css", "assets/v3.css", "index.html"}, []string{"assets/v1.css"}},
		}},
		{"written again", 24 * time.Hour, []build{
			{0, v1, []string{"assets/v1.css", "index.html", "old.html"}, []string{}},
			{time.Hour, v2, []string{"assets/v1.css", "assets/v2.css", "index.html"}, []string{"old.html"}},
			{2 * time.Hour, v1[:4], []string{"assets/v1.css", "assets/v2.css", "index.html"}, []string{}},
			// v1.css is the site's again, v2.css's grace began at 2h.
			{49 * time.Hour, v1[:4], []string{"assets/v1.css", "index.html"}, []string{"assets/v2.css"}},
		}},
	}
	for _, tt := range tests {
		for _, exchange := range []bool{false, true} {
			t.Run(tt.name+map[bool]string{false: "/journal", true: "/exchange"}[exchange], func(t *testing.T) {
				dir := t.TempDir()
				for i, b := range tt.builds {
					now := t0.Add(b.at)
					opts := Options{Exchange: exchange, Grace: Grace{Match: isAsset, For: tt.grace, Now: now}}
					s, err := BeginWith(t.Context(), dir, opts)
					if err != nil {
						t.Fatal(err)
					}
					for j := 0; j < len(b.files); j += 2 {
						mustPut(t, s, b.files[j], b.files[j+1])
					}
					if err := s.SetState([]byte(`{"x":1}`)); err != nil {
						t.Fatal(err)
					}
					st := mustCommit(t, s)
					var got []string
					for p := range tree(t, dir) {
						if !strings.HasSuffix(p, "/") {
							got = append(got, p)
						}
					}
					slices.Sort(got)
					if !slices.Equal(got, b.want) {
						t.Errorf("build %d: output folder %v, want %v", i+1, got, b.want)
					}
					if !slices.Equal(st.Deleted, b.deleted) {
						t.Errorf("build %d: deleted %v, want %v", i+1, st.Deleted, b.deleted)
					}
					// The next build's Intact: at the time of the next build.
					if i+1 < len(tt.builds) {
						next := t0.Add(tt.builds[i+1].at)
						_, intact := Intact(dir, "", next)
						// Its grace is over when the next build removes it.
						over := slices.ContainsFunc(tt.builds[i+1].deleted, isAsset)
						if intact == over {
							t.Errorf("build %d: Intact at the next build's time = %t, want %t", i+1, intact, !over)
						}
					}
				}
			})
		}
	}
}

// TestGraceSurvivesTheManifest: an entry in grace reads back as it was
// written, through the fast reader.
func TestGraceSurvivesTheManifest(t *testing.T) {
	es := []entry{{Path: "assets/a.css", Size: 3, SHA256: "ab", MTime: 7, Until: 99}, {Path: "index.html", Size: 1, SHA256: "cd", MTime: 8}}
	raw, err := encodeManifest("1:2:3", true, nil, slices.Clone(es))
	if err != nil {
		t.Fatal(err)
	}
	m, ok := decodeManifestFast(raw)
	if !ok {
		t.Fatalf("fast reader declined\n%s", raw)
	}
	if !slices.Equal(m.Files, es) {
		t.Errorf("read %v, want %v", m.Files, es)
	}
}
