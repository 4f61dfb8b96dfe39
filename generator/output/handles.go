package output

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// maxHandles bounds how many folder handles a session keeps open. A site's
// pages sit in a few folders (one per category), so a few dozen cover them;
// beyond the bound a folder is reached from the output folder, as before.
const maxHandles = 64

// dirHandles keeps open handles on the folders that hold page folders, so
// that making a page's folder and writing its file each take one path step
// from a held folder rather than a walk from the output folder: os.Root
// opens every folder on the way to confine the walk, three or four system
// calls per file and per rename on a site of category/role/index.html.
//
// A handle names a folder by what it is, not by its path: the session
// forgets the handles of a folder it removes (forget) and closes them all
// before it prunes (closeAll).
type dirHandles struct {
	root *os.Root
	mu   sync.Mutex
	open map[string]*os.Root // by slash path, never ""
}

func newDirHandles(root *os.Root) *dirHandles {
	return &dirHandles{root: root, open: map[string]*os.Root{}}
}

// dir returns a handle on folder d ("" for the output folder) and the
// function that releases it.
func (h *dirHandles) dir(d string) (*os.Root, func(), error) {
	if d == "" {
		return h.root, func() {}, nil
	}
	r, err := h.openFrom(h.held(parentDir(d)), d)
	if err != nil {
		return nil, nil, err
	}
	return r, func() { r.Close() }, nil
}

// openFrom opens folder d from parent, the handle on its parent folder, or
// from the output folder when parent is nil.
func (h *dirHandles) openFrom(parent *os.Root, d string) (*os.Root, error) {
	if parent != nil {
		return parent.OpenRoot(path.Base(d))
	}
	return h.root.OpenRoot(filepath.FromSlash(d))
}

// held returns the kept handle on folder d, opening and keeping it when
// there is room, or nil when there is none: the caller then walks from the
// output folder.
func (h *dirHandles) held(d string) *os.Root {
	if d == "" {
		return h.root
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.heldLocked(d)
}

func (h *dirHandles) heldLocked(d string) *os.Root {
	if d == "" {
		return h.root
	}
	if r, ok := h.open[d]; ok {
		return r
	}
	if len(h.open) >= maxHandles {
		return nil
	}
	r, err := h.openFrom(h.heldLocked(parentDir(d)), d)
	if err != nil {
		return nil
	}
	h.open[d] = r
	return r
}

// mkdir makes folder d, whose parent exists.
func (h *dirHandles) mkdir(d string) error {
	if parent := h.held(parentDir(d)); parent != nil {
		return parent.Mkdir(path.Base(d), dirPerm)
	}
	return h.root.Mkdir(filepath.FromSlash(d), dirPerm)
}

// rename moves slash path from to slash path to. A move within one folder
// renames from a handle on that folder, opened from the held handle on its
// parent: cat/role/index.html~ to cat/role/index.html opens one folder
// (role), where os.Root's walk from the output folder opens and closes
// every folder on the way for each side of the rename, four openat calls
// on a site of category/role/index.html.
func (h *dirHandles) rename(from, to string) error {
	dir := parentDir(from)
	if dir == "" || dir != parentDir(to) {
		return h.root.Rename(filepath.FromSlash(from), filepath.FromSlash(to))
	}
	folder, release, err := h.dir(dir)
	if err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	defer release()
	return folder.Rename(path.Base(from), path.Base(to))
}

// forget closes the handles on folder d and the folders in it, which are
// about to be removed or replaced.
func (h *dirHandles) forget(d string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for p, r := range h.open {
		if d == "" || p == d || strings.HasPrefix(p, d+"/") {
			r.Close()
			delete(h.open, p)
		}
	}
}

// closeAll closes every kept handle.
func (h *dirHandles) closeAll() { h.forget("") }
