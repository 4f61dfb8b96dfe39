package main

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rolesite/internal/testtree"
)

// TestEject: -eject writes every built-in template, partial and asset,
// and the message catalogues into i18n/, as they are in the source tree; a build with them as -layouts gives output
// byte-identical to one with the built-in ones, without a warning about a
// layout; a second -eject into the same folder refuses, naming the files,
// and changes nothing.
func TestEject(t *testing.T) {
	s := newSite(t)
	dir := filepath.Join(t.TempDir(), "layouts")
	code, stdout, stderr := runCmd(t, "-lang", "en", "-eject", dir)
	if code != 0 {
		t.Fatalf("-eject: exit %d\n%s", code, stderr)
	}
	builtin := testtree.Files(t, filepath.Join("..", "..", "generator", "render", "templates"))
	for name, data := range testtree.Files(t, filepath.Join("..", "..", "generator", "render", "i18n")) {
		if strings.HasSuffix(name, ".yaml") {
			builtin["i18n/"+name] = data
		}
	}
	ejected := testtree.Files(t, dir)
	if !maps.EqualFunc(builtin, ejected, bytes.Equal) {
		t.Fatalf("-eject wrote %v, want the built-in files %v", keys(ejected), keys(builtin))
	}
	if !strings.Contains(stdout, "build with -layouts "+dir) {
		t.Errorf("-eject said %q", stdout)
	}

	if code, _, stderr := runCmd(t, s.args()...); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	with := site{content: s.content, layouts: dir, out: filepath.Join(t.TempDir(), "public")}
	code, _, stderr = runCmd(t, with.args()...)
	if code != 0 {
		t.Fatalf("build with the ejected layouts: exit %d\n%s", code, stderr)
	}
	if strings.Contains(stderr, "layout") {
		t.Errorf("build with the ejected layouts warns:\n%s", stderr)
	}
	if a, b := testtree.Files(t, s.out), testtree.Files(t, with.out); !maps.EqualFunc(a, b, bytes.Equal) {
		t.Errorf("the ejected layouts give other output than the built-in ones")
	}

	os.WriteFile(filepath.Join(dir, "role.html"), []byte("mine"), 0o644)
	before := testtree.Files(t, dir)
	code, _, stderr = runCmd(t, "-lang", "en", "-eject", dir)
	if code != 1 || !strings.Contains(stderr, "404.html, _base.html") || !strings.Contains(stderr, "never overwrites") {
		t.Errorf("second -eject: exit %d\n%s\nwant exit 1 naming the files", code, stderr)
	}
	if after := testtree.Files(t, dir); !maps.EqualFunc(before, after, bytes.Equal) {
		t.Errorf("a refused -eject changed the folder")
	}
}
