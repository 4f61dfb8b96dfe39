package generator

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"rolesite/internal/testtree"
)

// TestSites builds every site of testdata/sites/*.txtar, each a txtar
// archive of one case: its comment says what the case is about; its files
// are the input and, under want/, what the build must report and write.
//
// Input files are written into a content folder, except those under
// layouts/, which go to the layouts folder next to it. The build time is
// fixtureNow.
//
// want/errors holds every message of the build (errors and warnings) in
// the order the build sorts them, one a line, with the content folder cut
// off the paths and the layouts folder written as layouts/. Without it the
// build must report nothing.
//
// An archive whose want/ holds nothing but errors is built with Check, as
// -check builds: it must write nothing. Otherwise the site is built into
// an empty output folder, and
//
//   - want/<path> must equal the output file at path;
//   - want/<path>.contains lists lines each of which must occur in the
//     output file at path (leading white space of the line ignored);
//   - want/files, when present, lists every file the build wrote.
//
// go test ./generator -run TestSites -update rewrites want/errors, want/files and every
// want/<path> (not the .contains lists) from what the build did.
func TestSites(t *testing.T) {
	archives, err := filepath.Glob(filepath.Join("testdata", "sites", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(archives) == 0 {
		t.Fatal("no testdata/sites/*.txtar")
	}
	for _, file := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runSiteArchive(t, file)
		})
	}
}

const (
	wantDir      = "want/"
	wantErrors   = "want/errors"
	wantFiles    = "want/files"
	containsExt  = ".contains"
	layoutsInDir = "layouts/"
)

func runSiteArchive(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	cfg := Config{
		ContentDir: filepath.Join(root, "content"),
		LayoutsDir: filepath.Join(root, "layouts"),
		OutDir:     filepath.Join(root, "public"),
		Now:        fixtureNow,
	}
	inContent, inLayouts := map[string]string{}, map[string]string{}
	want := map[string]string{}
	var outputs []string // the want/ files that compare output
	for _, f := range ar.Files {
		switch {
		case strings.HasPrefix(f.Name, wantDir):
			if _, dup := want[f.Name]; dup {
				t.Fatalf("%s twice", f.Name)
			}
			want[f.Name] = string(f.Data)
			if f.Name != wantErrors {
				outputs = append(outputs, f.Name)
			}
		case strings.HasPrefix(f.Name, layoutsInDir):
			inLayouts[strings.TrimPrefix(f.Name, layoutsInDir)] = string(f.Data)
		default:
			inContent[f.Name] = string(f.Data)
		}
	}
	testtree.Write(t, cfg.ContentDir, inContent)
	testtree.Write(t, cfg.LayoutsDir, inLayouts)

	got := map[string]string{} // what the build did, as the want/ files say it
	var messages []string
	if len(outputs) == 0 {
		messages = checkMessages(t, cfg, "")
	} else {
		res, err := Build(context.Background(), cfg)
		if res == nil {
			t.Fatalf("build: %v", err)
		}
		if res.Diagnostics.HasErrors() != (err != nil) {
			t.Errorf("error %v, but the messages have errors: %v", err, res.Diagnostics.HasErrors())
		}
		for _, d := range res.Diagnostics {
			messages = append(messages, filepath.ToSlash(strings.ReplaceAll(d.String(), cfg.ContentDir+string(filepath.Separator), "")))
		}
		tree := map[string][]byte{}
		if _, err := os.Stat(cfg.OutDir); err == nil {
			tree = testtree.Files(t, cfg.OutDir)
		}
		for _, name := range outputs {
			switch p := strings.TrimPrefix(name, wantDir); {
			case name == wantFiles:
				got[name] = linesOf(slices.Sorted(maps.Keys(tree)))
			case strings.HasSuffix(p, containsExt):
				data, ok := tree[strings.TrimSuffix(p, containsExt)]
				if !ok {
					t.Errorf("%s: no output file %s", name, strings.TrimSuffix(p, containsExt))
					continue
				}
				checkContains(t, name, string(data), want[name])
			default:
				if data, ok := tree[p]; ok {
					got[name] = string(data)
				} else {
					got[name] = "(not written)\n"
				}
			}
		}
	}
	for i, m := range messages {
		messages[i] = strings.ReplaceAll(m, filepath.ToSlash(cfg.LayoutsDir)+"/", layoutsInDir)
	}
	if len(messages) > 0 || want[wantErrors] != "" {
		got[wantErrors] = linesOf(messages)
	}

	if *update {
		updateArchive(t, file, ar, got)
		return
	}
	for _, name := range slices.Sorted(maps.Keys(got)) {
		w, ok := want[name]
		if !ok && name == wantErrors {
			t.Errorf("the build reported, want nothing:\n%s", got[name])
			continue
		}
		if got[name] != w {
			t.Errorf("%s differs (go test ./generator -run 'TestSites/%s' -update rewrites it):\n%s", name, strings.TrimSuffix(filepath.Base(file), ".txtar"), testtree.FirstDiff([]byte(w), []byte(got[name])))
		}
	}
	if w, ok := want[wantErrors]; ok && w != "" && got[wantErrors] == "" {
		t.Errorf("the build reported nothing, want:\n%s", w)
	}
}

// checkContains reports each line of lines (of the want/ file name) that
// does not occur in data, leading white space of the line ignored.
func checkContains(t *testing.T, name, data, lines string) {
	t.Helper()
	for _, l := range strings.Split(strings.TrimSuffix(lines, "\n"), "\n") {
		if l = strings.TrimLeft(l, " \t"); l != "" && !strings.Contains(data, l) {
			t.Errorf("%s: %q not in the output", name, l)
		}
	}
}

// updateArchive rewrites file with the want/ files set to got: those
// already there in their place, a new want/errors last; a want/errors
// with no messages is dropped.
func updateArchive(t *testing.T, file string, ar *txtar.Archive, got map[string]string) {
	t.Helper()
	var files []txtar.File
	seen := map[string]bool{}
	for _, f := range ar.Files {
		if g, ok := got[f.Name]; ok {
			seen[f.Name] = true
			if g == "" && f.Name == wantErrors {
				continue
			}
			f.Data = []byte(g)
		}
		files = append(files, f)
	}
	if g := got[wantErrors]; g != "" && !seen[wantErrors] {
		files = append(files, txtar.File{Name: wantErrors, Data: []byte(g)})
	}
	ar.Files = files
	data := txtar.Format(ar)
	if old, err := os.ReadFile(file); err == nil && bytes.Equal(old, data) {
		return
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// linesOf joins lines, each ending in a newline.
func linesOf(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}
