package output

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// exchangeable reports whether the folder dir (absolute) can be exchanged
// with a folder beside it: a folder itself, not a symbolic link, on the
// same filesystem as its parent (not a mount point).
func exchangeable(dir string) bool {
	var st, pst unix.Stat_t
	if unix.Lstat(dir, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return false
	}
	if unix.Stat(filepath.Dir(dir), &pst) != nil {
		return false
	}
	return st.Dev == pst.Dev
}

// exchangeDirs swaps the folders a and b in one step. Its error wraps
// errNoExchange when the filesystem cannot.
func exchangeDirs(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOSYS) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EXDEV) || errors.Is(err, syscall.EPERM) {
		return errNoExchange
	}
	return err
}

// syncFS writes everything of the filesystem that holds dir to disk.
func syncFS(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}
