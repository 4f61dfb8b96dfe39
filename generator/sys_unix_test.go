//go:build unix

package generator

import (
	"runtime"
	"syscall"
)

// syncDisks asks the kernel to write every dirty page out now.
func syncDisks() { syscall.Sync() }

// maxRSSKB returns the peak resident set of this process in KiB, or 0.
func maxRSSKB() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) / 1024 // bytes there
	}
	return int64(ru.Maxrss)
}
