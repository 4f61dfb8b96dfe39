package filestamp

import (
	"io/fs"
	"syscall"
)

// ChangeTime returns the inode change time of the file info describes, in
// Unix nanoseconds: no copy that keeps modification times (cp -p, rsync
// -t, tar) can set it back. 0 where the system does not tell.
func ChangeTime(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano()
	}
	return 0
}
