//go:build unix

package serve

import "syscall"

// mkfifo makes a named pipe, which the server must not open.
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }
