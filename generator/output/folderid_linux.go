package output

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// folderID returns the identity of the folder dir (through a symbolic
// link, the folder it names): its device, inode and birth time. Two folders that exist
// at the same time never share it; the birth time tells a folder from a
// later one that got the inode number back.
func folderID(dir string) (string, error) {
	var st unix.Statx_t
	if err := unix.Statx(unix.AT_FDCWD, dir, 0, unix.STATX_INO|unix.STATX_BTIME, &st); err != nil {
		return "", fmt.Errorf("identify folder %s: %w", dir, err)
	}
	id := fmt.Sprintf("%d:%d:%d", st.Dev_major, st.Dev_minor, st.Ino)
	if st.Mask&unix.STATX_BTIME != 0 {
		id += fmt.Sprintf(":%d.%09d", st.Btime.Sec, st.Btime.Nsec)
	}
	return id, nil
}
