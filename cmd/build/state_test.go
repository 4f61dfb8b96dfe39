package main

import (
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rolesite/generator/output"
	"rolesite/internal/testtree"
)

// TestOutputIsTheSite: the output folder holds the site and nothing else
// (the builds' record is in the state folder), and two builds of the same
// input at the same SOURCE_DATE_EPOCH, into two folders, give folders that
// diff -r finds equal: a byte-compare deploy moves nothing after a
// rebuild. A rebuild into the same folder leaves it equal too.
func TestOutputIsTheSite(t *testing.T) {
	s := newSite(t)
	other := filepath.Join(t.TempDir(), "public")
	state := filepath.Join(t.TempDir(), "state")
	for _, args := range [][]string{s.args(), s.args("-out", other, "-state", state), s.args()} {
		if code, _, stderr := runCmd(t, args...); code != 0 {
			t.Fatalf("build %v: exit %d\n%s", args, code, stderr)
		}
	}
	a, b := testtree.Files(t, s.out), testtree.Files(t, other)
	if !maps.EqualFunc(a, b, bytes.Equal) {
		t.Errorf("two builds of the same input differ:\n%v\n%v", keys(a), keys(b))
	}
	if path, err := exec.LookPath("diff"); err == nil {
		if out, err := exec.Command(path, "-r", s.out, other).CombinedOutput(); err != nil {
			t.Errorf("diff -r %s %s: %v\n%s", s.out, other, err, out)
		}
	}
	for p := range a {
		for _, seg := range strings.Split(p, "/") {
			if strings.HasPrefix(seg, output.ReservedPrefix) {
				t.Errorf("the output folder holds %s", p)
			}
		}
	}
	for _, name := range []string{output.ManifestName, output.LockName} {
		if _, err := os.Stat(filepath.Join(state, name)); err != nil {
			t.Errorf("-state folder: %v", err)
		}
	}
	def, err := output.DefaultStateDir(s.out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(def, output.ManifestName)); err != nil {
		t.Errorf("default state folder: %v", err)
	}
}

// keys returns m's keys, sorted.
func keys(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
