package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckDir(t *testing.T) {
	base := t.TempDir()
	home := filepath.Join(base, "users", "me")
	site := filepath.Join(home, "site")
	content := filepath.Join(site, "content")
	layouts := filepath.Join(site, "layouts")
	for _, d := range []string{content, layouts} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(site, filepath.Join(base, "link")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)

	tests := []struct {
		out  string
		want string // "" means allowed; else the whole message
	}{
		{"/", `refusing to write output to "/": it is the root folder`},
		{home, `refusing to write output to "` + home + `": it is your home folder`},
		{home + "/", `refusing to write output to "` + home + `/": it is your home folder`},
		{filepath.Join(base, "users"), `refusing to write output to "` + filepath.Join(base, "users") + `": it contains your home folder "` + home + `"`},
		{content, `refusing to write output to "` + content + `": it is the content folder "` + content + `"`},
		{content + "/../content", `refusing to write output to "` + content + `/../content": it is the content folder "` + content + `"`},
		{site, `refusing to write output to "` + site + `": it contains the content folder "` + content + `"`},
		{filepath.Join(base, "link"), `refusing to write output to "` + filepath.Join(base, "link") + `": it contains the content folder "` + content + `"`},
		{filepath.Join(base, "link", "layouts"), `refusing to write output to "` + filepath.Join(base, "link", "layouts") + `": it is the layouts folder "` + layouts + `"`},
		{filepath.Join(content, "public"), `refusing to write output to "` + filepath.Join(content, "public") + `": it is inside the content folder "` + content + `"`},
		{"", "no output folder given"},
		{filepath.Join(site, "public"), ""},
		{filepath.Join(site, "contents"), ""},
		{filepath.Join(site, "build", "deep", "public"), ""},
		{filepath.Join(base, "link", "public"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.out, func(t *testing.T) {
			err := CheckDir(tt.out, content, layouts)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("CheckDir(%q) = %v, want nil", tt.out, err)
			case tt.want != "" && (err == nil || err.Error() != tt.want):
				t.Errorf("CheckDir(%q) = %v\nwant %s", tt.out, err, tt.want)
			}
		})
	}

	t.Run("relative", func(t *testing.T) {
		t.Chdir(content)
		err := CheckDir("..", "../content", "../layouts")
		if want := `refusing to write output to "..": it contains the content folder "../content"`; err == nil || err.Error() != want {
			t.Errorf("err = %v\nwant %s", err, want)
		}
		t.Chdir(site)
		if err := CheckDir("public", "content", "layouts"); err != nil {
			t.Errorf("sibling refused: %v", err)
		}
	})
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	os.Mkdir(real, 0o755)
	os.Symlink(real, filepath.Join(dir, "link"))
	got, err := resolve(filepath.Join(dir, "link", "not", "yet"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.EvalSymlinks(real)
	if want = filepath.Join(want, "not", "yet"); got != want {
		t.Errorf("resolve = %q, want %q", got, want)
	}
	if !strings.HasPrefix(got, string(filepath.Separator)) {
		t.Errorf("not absolute: %q", got)
	}
}

func TestPlace(t *testing.T) {
	base := t.TempDir()
	content := filepath.Join(base, "site", "content")
	if err := os.MkdirAll(filepath.Join(content, "roles"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(content, filepath.Join(base, "link")); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(base, "site", "public") // not made yet
	tests := []struct {
		p, dir string
		want   Placement
	}{
		{content, content, Same},
		{content + "/", content, Same},
		{filepath.Join(content, "roles", ".."), content, Same},
		{filepath.Join(content, "site.yaml"), content, Inside},
		{filepath.Join(content, "new", "deeper", "x.json"), content, Inside},
		{filepath.Join(base, "link", "x.json"), content, Inside},
		{filepath.Join(base, "link"), content, Same},
		{filepath.Join(base, "site", "x.json"), content, Elsewhere},
		{filepath.Join(base, "site", "content-old", "x.json"), content, Elsewhere},
		{filepath.Dir(content), content, Elsewhere},
		{missing, missing, Same},
		{filepath.Join(missing, "index.html"), missing, Inside},
		// Not made yet: its file system decides the case later.
		{filepath.Join(base, "site", "PUBLIC", "index.html"), missing, Inside},
		{filepath.Join(base, "site", "publicx", "index.html"), missing, Elsewhere},
		{filepath.Join(content, "x"), filepath.Join(base, "link"), Inside},
	}
	for _, tt := range tests {
		got, err := Place(tt.p, tt.dir)
		if err != nil || got != tt.want {
			t.Errorf("Place(%q, %q) = %v, %v; want %v", tt.p, tt.dir, got, err, tt.want)
		}
	}
}
