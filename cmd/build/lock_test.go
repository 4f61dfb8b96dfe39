package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"rolesite/generator/output"
	"rolesite/internal/testtree"
)

// Output safety through the command (ISSUE 5, item 3): a refused -out and a
// held lock exit 1 with a clear message and touch nothing.

// safetySite copies the generator's fixture content into a new folder and
// returns that folder (holding content/ and layouts/).
func safetySite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	testtree.Copy(t, fixtureContent, filepath.Join(root, "content"))
	if err := os.MkdirAll(filepath.Join(root, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	return root
}

// safetyTree records every path under dir with its kind, bytes and mtime.
func safetyTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		info, err := os.Lstat(p)
		if err != nil {
			return nil
		}
		v := info.Mode().String() + " " + info.ModTime().String()
		if info.Mode().IsRegular() {
			data, _ := os.ReadFile(p)
			v += " " + string(data)
		}
		out[p] = v
		return nil
	})
	return out
}

func TestSafetyRunRefusesOut(t *testing.T) {
	root := safetySite(t)
	home := filepath.Join(root, "home")
	os.MkdirAll(home, 0o755)
	t.Setenv("HOME", home)
	t.Setenv("SOURCE_DATE_EPOCH", "1795694400") // 2026-11-26
	content, layouts := filepath.Join(root, "content"), filepath.Join(root, "layouts")
	tests := []struct {
		out, why, de string
	}{
		{content, `it is the content folder "` + content + `"`, `er ist der content-Ordner "` + content + `"`},
		{layouts, `it is the layouts folder "` + layouts + `"`, `er ist der layouts-Ordner "` + layouts + `"`},
		{root, `it contains your home folder "` + home + `"`, `er enthält Ihren Home-Ordner "` + home + `"`},
		{filepath.Join(content, "roles"), `it is inside the content folder "` + content + `"`, `er liegt im content-Ordner "` + content + `"`},
		{content + "/roles/..", `it is the content folder "` + content + `"`, `er ist der content-Ordner "` + content + `"`},
		{"/", "it is the root folder", "er ist das Wurzelverzeichnis"},
		{home, "it is your home folder", "er ist Ihr Home-Ordner"},
	}
	for _, tt := range tests {
		t.Run(tt.out, func(t *testing.T) {
			before := safetyTree(t, root)
			base := []string{"-content", content, "-layouts", layouts, "-out", tt.out}
			if tt.out == "/" {
				// Were the check gone, a content folder that does not load
				// would still stop the build before it writes to /.
				base[1] = filepath.Join(root, "missing")
			}
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append(slices.Clone(base), "-lang", "en"), &stdout, &stderr)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			want := `build: refusing to write output to "` + tt.out + `": ` + tt.why
			if !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr\n%s\ndoes not contain\n%s", stderr.String(), want)
			}
			if !strings.Contains(stderr.String(), "build failed: 1 error(s); "+tt.out+" left unchanged") {
				t.Errorf("stderr lacks the summary line:\n%s", stderr.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout: %s", stdout.String())
			}
			stdout.Reset()
			stderr.Reset()
			wantDE := `Build: in "` + tt.out + `" wird nicht geschrieben: ` + tt.de + "\nBuild fehlgeschlagen: 1 Fehler; " + tt.out + " bleibt unverändert\n"
			if code := run(context.Background(), append(base, "-lang", "de"), &stdout, &stderr); code != 1 || stderr.String() != wantDE || stdout.Len() != 0 {
				t.Errorf("-lang de: exit %d, stderr\n%s\nwant exit 1 and\n%s", code, stderr.String(), wantDE)
			}
			testtree.Unchanged(t, before, safetyTree(t, root))
		})
	}
}

// TestSafetyRunLockHeld: while the build lock of the output folder is held
// (here by this process), run refuses with exit 1 and changes nothing.
func TestSafetyRunLockHeld(t *testing.T) {
	root := safetySite(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1795694400")
	out := filepath.Join(root, "public")
	args := []string{"-content", filepath.Join(root, "content"), "-layouts", filepath.Join(root, "layouts"), "-out", out, "-lang", "en"}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr.String())
	}
	unlock, err := output.Lock(out, "")
	if err != nil {
		t.Fatal(err)
	}
	before := safetyTree(t, root)
	stdout.Reset()
	stderr.Reset()
	code := run(context.Background(), args, &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	state, err := output.DefaultStateDir(out)
	if err != nil {
		t.Fatal(err)
	}
	want := `build: another build is writing to "` + out + `" (lock ` + filepath.Join(state, output.LockName) + ` held); wait for it to finish`
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr\n%s\ndoes not contain\n%s", stderr.String(), want)
	}
	stderr.Reset()
	de := append(slices.Clone(args), "-lang", "de") // the last -lang wins
	wantDE := `Build: ein anderer Build schreibt gerade in "` + out + `" (Sperre ` + filepath.Join(state, output.LockName) + ` belegt); bitte warten, bis er fertig ist` + "\nBuild fehlgeschlagen: 1 Fehler; " + out + " bleibt unverändert\n"
	if code := run(context.Background(), de, &stdout, &stderr); code != 1 || !strings.HasSuffix(stderr.String(), wantDE) {
		t.Errorf("-lang de: exit %d, stderr\n%s\nwant exit 1 and, at its end,\n%s", code, stderr.String(), wantDE)
	}
	testtree.Unchanged(t, before, safetyTree(t, root))
	unlock()
	stderr.Reset()
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Errorf("after unlock: exit %d\n%s", code, stderr.String())
	}
}

// TestSafetyTwoProcesses runs the real command twice into one folder at
// once: the first is stopped (SIGSTOP) while it holds the lock and writes;
// the second must refuse with exit 1 and the lock message, and the first,
// continued, must finish a complete site.
func TestSafetyTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "build")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	root := safetySite(t)
	// Enough roles that the first build is still writing when stopped.
	roles := filepath.Join(root, "content", "roles")
	for i := range 1500 {
		src := "---\ntitle: Rolle " + itoa4(i) + "\ncategory: tech\ndescription: Eine Rolle.\nrelated: [backend-entwickler]\n---\n" +
			strings.Repeat("Ein Absatz über die Rolle und den Backend-Entwickler. ", 40) + "\n"
		if err := os.WriteFile(filepath.Join(roles, "rolle-"+itoa4(i)+".md"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(root, "public")
	args := []string{"-content", filepath.Join(root, "content"), "-layouts", filepath.Join(root, "layouts"), "-out", out, "-lang", "en"}
	env := append(os.Environ(), "SOURCE_DATE_EPOCH=1795694400")

	first := exec.Command(bin, args...)
	first.Env = env
	var firstErr bytes.Buffer
	first.Stderr = &firstErr
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	// The lock is held while the build writes. A later build writes its
	// journal into its state folder from the first file to the commit; a
	// first build on Linux writes its site into the folder beside the
	// output folder instead, which exists from its begin to its commit.
	// Either, once there, says the first build is writing.
	state, err := output.DefaultStateDir(out)
	if err != nil {
		t.Fatal(err)
	}
	writing := []string{filepath.Join(state, output.JournalName), output.NextName(out)}
	var mark string
	deadline := time.Now().Add(60 * time.Second)
	for mark == "" {
		for _, p := range writing {
			if _, err := os.Stat(p); err == nil {
				mark = p
			}
		}
		if mark == "" && time.Now().After(deadline) {
			first.Process.Kill()
			t.Fatal("the first build never started writing")
		}
		time.Sleep(200 * time.Microsecond)
	}
	if err := first.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	stopped := true
	defer func() {
		if stopped {
			first.Process.Signal(syscall.SIGCONT)
		}
	}()
	if _, err := os.Stat(mark); err != nil {
		// It committed before the signal landed; nothing to race with.
		t.Skip("the first build finished before it could be stopped")
	}

	second := exec.Command(bin, args...)
	second.Env = env
	var secondOut, secondErr bytes.Buffer
	second.Stdout, second.Stderr = &secondOut, &secondErr
	err = second.Run()
	var exit *exec.ExitError
	if err == nil || !asExit(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("second build: %v, want exit 1", err)
	}
	want := `another build is writing to "` + out + `" (lock ` + filepath.Join(state, output.LockName) + ` held); wait for it to finish`
	if !strings.Contains(secondErr.String(), want) {
		t.Errorf("second build's stderr\n%s\ndoes not contain\n%s", secondErr.String(), want)
	}

	first.Process.Signal(syscall.SIGCONT)
	stopped = false
	if err := first.Wait(); err != nil {
		t.Fatalf("first build: %v\n%s", err, firstErr.String())
	}
	if _, err := os.Stat(mark); err == nil {
		t.Errorf("%s left after the first build finished", mark)
	}
	if _, err := os.Lstat(output.NextName(out)); err == nil {
		t.Errorf("%s left after the first build finished", output.NextName(out))
	}
	// And a third build finds everything in place.
	third := exec.Command(bin, args...)
	third.Env = env
	res, err := third.Output()
	if err != nil {
		t.Fatalf("third build: %v", err)
	}
	if !strings.Contains(string(res), " 0 written, ") || !strings.Contains(string(res), " 0 removed;") {
		t.Errorf("third build changed files: %s", res)
	}
}

func asExit(err error, target **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	if ok {
		*target = e
	}
	return ok
}

func itoa4(i int) string { return fmt.Sprintf("%04d", i) }
