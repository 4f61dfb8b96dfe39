//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package output

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	unlock, err := Lock(dir, "")
	if err != nil {
		t.Fatalf("first Lock: %v", err)
	}
	_, err = Lock(dir, "")
	want := `another build is writing to "` + dir + `" (lock ` + filepath.Join(stateOf(t, dir), LockName) + ` held); wait for it to finish`
	if err == nil || err.Error() != want {
		t.Fatalf("second Lock = %v\nwant %s", err, want)
	}
	if err := unlock(); err != nil {
		t.Fatalf("unlock: %v", err)
	}
	if err := unlock(); err != nil {
		t.Errorf("second unlock: %v", err)
	}
	unlock2, err := Lock(dir, "")
	if err != nil {
		t.Fatalf("Lock after unlock: %v", err)
	}
	if err := unlock2(); err != nil {
		t.Fatal(err)
	}
}

// TestLockOtherProcess holds the lock and runs this test binary again as a
// second build, which must fail.
func TestLockOtherProcess(t *testing.T) {
	if dir := os.Getenv("ROLESITE_LOCK_HELPER"); dir != "" {
		_, err := Lock(dir, "")
		fmt.Print(err)
		return
	}
	dir := t.TempDir()
	unlock, err := Lock(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockOtherProcess$")
	cmd.Env = append(os.Environ(), "ROLESITE_LOCK_HELPER="+dir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("helper: %v", err)
	}
	want := `another build is writing to "` + dir + `" (lock ` + filepath.Join(stateOf(t, dir), LockName) + ` held); wait for it to finish`
	if !strings.HasPrefix(string(out), want) {
		t.Errorf("second process got %q, want %q", out, want)
	}
}
