//go:build unix && !linux

package output

import (
	"fmt"
	"os"
	"syscall"
)

// folderID returns the identity of the folder dir (through a symbolic
// link, the folder it names): its device and inode.
func folderID(dir string) (string, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return "", fmt.Errorf("identify folder %s: %w", dir, err)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return fmt.Sprintf("%d:%d", st.Dev, st.Ino), nil
	}
	return "", fmt.Errorf("identify folder %s: no inode", dir)
}
