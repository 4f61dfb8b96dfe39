//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package output

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"syscall"

	"rolesite/generator/diag"
)

// lockFile takes an exclusive, non-blocking flock(2) on the file name.
func lockFile(dir, name string) (func() error, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW, filePerm)
	if err != nil {
		return nil, diag.Fail(err, diag.LockFailed, dir)
	}
	if err := flock(f, syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, diag.Fail(nil, diag.OutputLocked, dir, name)
		}
		return nil, diag.Fail(err, diag.LockFailed, dir)
	}
	return sync.OnceValue(func() error {
		err := flock(f, syscall.LOCK_UN)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("unlock %s: %w", dir, err)
		}
		return nil
	}), nil
}

// flock calls flock(2) on f, retrying when a signal interrupts it.
func flock(f *os.File, how int) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	if err := rc.Control(func(fd uintptr) {
		for {
			ferr = syscall.Flock(int(fd), how)
			if ferr != syscall.EINTR {
				return
			}
		}
	}); err != nil {
		return err
	}
	return ferr
}
