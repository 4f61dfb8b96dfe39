//go:build unix

package generator

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
)

// syncDisks asks the kernel to write every dirty page out now.
func syncDisks() { syscall.Sync() }

// maxRSSKB returns the peak resident set of this process in KiB, or 0.
// On Linux it reads VmHWM, the peak of this program's own memory:
// getrusage's ru_maxrss would also count the parent's resident set at the
// moment it started this process (the child shares the parent's memory
// until it executes the program, and the kernel keeps that peak).
func maxRSSKB() int64 {
	if f, err := os.Open("/proc/self/status"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
				kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
				if err == nil {
					return kb
				}
			}
		}
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) / 1024 // bytes there
	}
	return int64(ru.Maxrss)
}
