// Package filestamp tells whether a file changed since it was read, from
// one stat: its size, modification time and inode (editors that save by
// rename change the inode).
package filestamp

import "os"

// Stamp is what a stat tells of a file. The zero Stamp stands for a file
// that could not be stat'ed.
type Stamp struct {
	Size  int64
	MTime int64 // Unix nanoseconds
	Inode uint64
}

// Of returns the stamp of the file info describes.
func Of(info os.FileInfo) Stamp {
	return Stamp{Size: info.Size(), MTime: info.ModTime().UnixNano(), Inode: inode(info)}
}

// Dir stamps each entry of the folder dir; an empty map when it cannot be
// read.
func Dir(dir string) map[string]Stamp {
	stamps := map[string]Stamp{}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if info, err := e.Info(); err == nil {
				stamps[e.Name()] = Of(info)
			}
		}
	}
	return stamps
}
