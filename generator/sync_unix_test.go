//go:build unix

package generator

import "syscall"

// syncDisks asks the kernel to write every dirty page out now.
func syncDisks() { syscall.Sync() }
