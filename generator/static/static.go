// Package static lists the static folder, whose files the build publishes
// as they are: each regular file at the same path in the output folder,
// dot files and dot folders (.well-known/) included. It reads no file's
// bytes until the build writes it (File.Read), and it tells the build
// which static files collide with the files the build generates
// (Collisions).
//
// What is not published: editors' swap, backup and temporary files and
// OS metadata (the names the watcher ignores, see watch.Ignored, and
// Thumbs.db), and version control data (.git, .hg, .svn, .gitignore,
// .gitattributes, .gitkeep, .gitmodules). Empty folders are not
// published either: the output holds files.
//
// What is an error, at the file's path: a symbolic link (links are never
// followed, so nothing outside the folder is published through one), a
// FIFO, socket or device, and a name that cannot be an output path or a
// URL (invalid UTF-8, a backslash, a control character, the generator's
// reserved prefix .rolesite).
package static

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"rolesite/generator/diag"
	"rolesite/generator/output"
	"rolesite/generator/watch"
	"rolesite/internal/filestamp"
)

// File is one file of the static folder.
type File struct {
	// Path is the slash-separated path inside the static folder, which is
	// its path in the output folder too: ".well-known/security.txt".
	Path string
	// Src is the file on disk: the static folder joined with Path.
	Src   string
	Stamp Stamp
}

// Stamp is what one stat tells of a static file: the size, modification
// time and inode of filestamp, and the inode's change time, which no
// copy that keeps modification times (cp -p, rsync -t, tar) can set back.
type Stamp struct {
	filestamp.Stamp
	CTime int64 // Unix nanoseconds; 0 where the system does not tell
}

// StampOf returns the stamp of the file info describes.
func StampOf(info fs.FileInfo) Stamp {
	return Stamp{Stamp: filestamp.Of(info), CTime: filestamp.ChangeTime(info)}
}

// maxName is the longest file or folder name most file systems accept
// (NAME_MAX on Linux, in bytes), as the output folder allows.
const maxName = 255

// List returns every file the static folder dir publishes, sorted by
// path, and the problems of the folder (see the package comment). A dir
// of "" or one that does not exist publishes nothing and is no problem;
// dir itself may be a symbolic link to a folder.
func List(dir string) ([]File, diag.List) {
	var errs diag.List
	if dir == "" {
		return nil, nil
	}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		errs.Add(diag.Position{Path: dir}, diag.Unreadable, diag.PathCause(err))
		return nil, errs
	case !info.IsDir():
		errs.Add(diag.Position{Path: dir}, diag.StaticNotFolder)
		return nil, errs
	}
	var files []File
	var walk func(rel string)
	walk = func(rel string) {
		at := filepath.Join(dir, filepath.FromSlash(rel))
		entries, err := os.ReadDir(at)
		if err != nil {
			errs.Add(diag.Position{Path: at}, diag.Unreadable, diag.PathCause(err))
			return
		}
		for _, e := range entries {
			name := e.Name()
			if Skipped(name) {
				continue
			}
			p := name
			if rel != "" {
				p = rel + "/" + name
			}
			src := filepath.Join(at, name)
			pos := diag.Position{Path: src}
			if msg, args := checkName(name); msg != (diag.Message{}) {
				errs.Add(pos, msg, args...)
				continue
			}
			typ := e.Type()
			switch {
			case typ.IsDir():
				walk(p)
			case typ&fs.ModeSymlink != 0:
				target, err := os.Readlink(src)
				if err != nil {
					target = "?"
				}
				errs.Add(pos, diag.StaticSymlink, target)
			case typ.IsRegular():
				info, err := e.Info()
				switch {
				case errors.Is(err, fs.ErrNotExist):
					// Removed since the folder was listed: not published.
				case err != nil:
					errs.Add(pos, diag.Unreadable, diag.PathCause(err))
				case !info.Mode().IsRegular():
					errs.Add(pos, diag.StaticNotRegular) // replaced meanwhile
				default:
					files = append(files, File{Path: p, Src: src, Stamp: StampOf(info)})
				}
			default:
				errs.Add(pos, diag.StaticNotRegular)
			}
		}
	}
	walk("")
	return files, errs
}

// vcs are the names of version control data, never published.
var vcs = map[string]bool{
	".git": true, ".hg": true, ".svn": true,
	".gitignore": true, ".gitattributes": true, ".gitkeep": true, ".gitmodules": true,
}

// Skipped reports whether a file or folder named name is left out of the
// site: editor and OS noise (watch.Ignored, and Windows' Thumbs.db) and
// version control data.
func Skipped(name string) bool {
	return vcs[name] || name == "Thumbs.db" || watch.Ignored(name)
}

// checkName returns the message (and its arguments) that refuses name as
// a file or folder of the site, or the zero Message when it is fine.
func checkName(name string) (diag.Message, []any) {
	switch {
	case !utf8.ValidString(name):
		return diag.StaticNameNotUTF8, []any{name}
	case strings.HasPrefix(name, output.ReservedPrefix):
		return diag.StaticReservedName, []any{name, output.ReservedPrefix}
	case strings.ContainsRune(name, '\\'):
		return diag.StaticNameBackslash, []any{name}
	case len(name) > maxName:
		return diag.StaticNameTooLong, []any{maxName}
	}
	for _, r := range name {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) {
			return diag.StaticNameControl, []any{name, r}
		}
	}
	return diag.Message{}, nil
}

// Read appends the bytes of f to w. The file must still be the one List
// stamped: one that changed or went since is a problem at its path (build
// again), and so is one that changes while it is read.
func (f File) Read(w *bytes.Buffer) error {
	changed := func() error { return diag.FileError(f.Src, diag.ChangedWhileReading) }
	file, err := os.Open(f.Src)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return diag.FileError(f.Src, diag.RemovedWhileReading)
	case err != nil:
		return diag.FileError(f.Src, diag.Unreadable, diag.PathCause(err))
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return diag.FileError(f.Src, diag.Unreadable, diag.PathCause(err))
	}
	if !info.Mode().IsRegular() || StampOf(info) != f.Stamp {
		return changed()
	}
	w.Grow(int(f.Stamp.Size))
	n, err := w.ReadFrom(io.LimitReader(file, f.Stamp.Size+1))
	if err != nil {
		return diag.FileError(f.Src, diag.Unreadable, diag.PathCause(err))
	}
	// The path must still name this file, unchanged: not a link put in
	// its place, not a file written to meanwhile.
	after, err := os.Lstat(f.Src)
	if err != nil || n != f.Stamp.Size || !after.Mode().IsRegular() || StampOf(after) != f.Stamp {
		return changed()
	}
	return nil
}
