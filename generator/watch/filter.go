package watch

import (
	"cmp"
	"path/filepath"
	"slices"
	"strings"
)

// Filter reduces a batch of raw changes, in the order they happened, to the
// changes a rebuild needs, like Zola's filter_events:
//
//   - the last change of each path wins (create, write, remove: the path was
//     removed; create then write: it was written), so a temporary file renamed
//     over the original ends as a change of the original;
//   - a path that only had its attributes changed (chmod, touch) is dropped;
//   - editor swap, backup and temporary files are dropped (see [Ignored]);
//   - Rescan changes are kept.
//
// The result is sorted: Rescan changes first, then by path. It is nil when
// nothing is left. Filter does not touch the file system.
func Filter(changes []Change) []Change {
	last := make(map[string]int, len(changes)) // path -> index into out
	var out []Change
	for _, c := range changes {
		if c.Op != Rescan && Ignored(c.Path) {
			continue
		}
		if c.Op == opChmod {
			// Attribute changes never win over a real change and never
			// count on their own.
			continue
		}
		key := c.Path
		if c.Op == Rescan {
			key = "\x00rescan\x00" + c.Path // never collides with a file path
		}
		if i, ok := last[key]; ok {
			out[i].Op = c.Op
			continue
		}
		last[key] = len(out)
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Change) int {
		if ra, rb := a.Op == Rescan, b.Op == Rescan; ra != rb {
			if ra {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.Path, b.Path)
	})
	return out
}

// Ignored reports whether a path names an editor's swap, backup, lock or
// temporary file, or an OS metadata file, which never starts a rebuild: vim's
// *.swp, *.swo, *.swn, *.swx, its write probe 4913 and backups *~; Emacs' .#*
// locks and #*# autosaves; *.tmp (VS Code and others write .name.tmp);
// JetBrains' *___jb_tmp___ and *___jb_old___; macOS' .DS_Store. Only the last
// element of the path is looked at.
func Ignored(path string) bool {
	base := filepath.Base(path)
	switch base {
	case "4913", ".DS_Store":
		return true
	}
	for _, suffix := range [...]string{
		".swp", ".swo", ".swn", ".swx", // vim swap files
		"~",            // vim, Emacs and others: backups
		".tmp",         // *.tmp and .*.tmp: temporary files renamed over the original
		"___jb_tmp___", // JetBrains safe write: the new content
		"___jb_old___", // JetBrains safe write: the old file
	} {
		if strings.HasSuffix(base, suffix) {
			return true
		}
	}
	if strings.HasPrefix(base, ".#") {
		return true
	}
	return len(base) >= 2 && base[0] == '#' && base[len(base)-1] == '#'
}
