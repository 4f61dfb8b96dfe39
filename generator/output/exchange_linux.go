package output

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// commitByExchange makes changes in a folder of links beside the output
// folder and exchanges the two (see exchange.go). Its error wraps
// errNoExchange when nothing was committed and the journal can commit
// instead; ErrCommitted when the new site is in place but the previous one
// could not be removed; any other error leaves the previous site in place.
//
// It works on folder handles (openat, mkdirat, linkat), one system call
// per file and a few per folder, never resolving a path twice. The paths
// it links to are those the session checked: no symbolic link on the way.
//
// manifest makes the manifest for the folder it is given the identity
// of: the new site's, which is recorded before the exchange
// (nextManifestName) and moved into place after it.
func (s *Session) commitByExchange(changes []change, manifest func(folder string) ([]byte, error)) error {
	abs, err := filepath.Abs(s.dir)
	if err != nil || !exchangeable(abs) {
		return errNoExchange
	}
	info, err := os.Stat(abs)
	if err != nil {
		return errNoExchange
	}
	// BeginWith removed what a killed session left beside.
	if err := os.Mkdir(NextName(abs), info.Mode().Perm()); err != nil {
		return errNoExchange
	}
	b, err := openBeside(abs)
	if err != nil {
		return b.fail(errNoExchange)
	}
	defer b.close()
	if err := s.stageNextManifest(b.next, manifest); err != nil {
		return b.fail(err)
	}
	if err := mirror(s.disk, b.ofd, b.sfd, ""); err != nil {
		return b.fail(fmt.Errorf("link the site into %s: %w", b.next, err))
	}
	for _, c := range changes {
		if err := s.changeNext(b.ofd, b.sfd, c); err != nil {
			return b.fail(fmt.Errorf("assemble the new site in %s: %w", b.next, err))
		}
	}
	err = b.exchange(s.disk, s.opts.Durable)
	if err != nil && !errors.Is(err, ErrCommitted) {
		s.disk.removeState(nextManifestName)
		return err
	}
	return errors.Join(err, s.promoteManifest())
}

// beside holds open the output folder, the folder beside it (NextName)
// and their parent, for an exchange.
type beside struct {
	out, next     string // absolute
	pfd, ofd, sfd int
}

// openBeside opens the output folder out (absolute), the folder beside it
// and their parent. On an error the handles it opened are closed.
func openBeside(out string) (*beside, error) {
	b := &beside{out: out, next: NextName(out), pfd: -1, ofd: -1, sfd: -1}
	var err error
	if b.pfd, err = unix.Open(filepath.Dir(out), unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0); err != nil {
		return b, err
	}
	if b.ofd, err = openDir(b.pfd, filepath.Base(out)); err == nil {
		b.sfd, err = openDir(b.pfd, filepath.Base(b.next))
	}
	if err != nil {
		b.close()
	}
	return b, err
}

func (b *beside) close() {
	for _, fd := range []int{b.sfd, b.ofd, b.pfd} {
		if fd >= 0 {
			unix.Close(fd)
		}
	}
	b.pfd, b.ofd, b.sfd = -1, -1, -1
}

// fail removes the folder beside and returns err: nothing was committed.
func (b *beside) fail(err error) error {
	os.RemoveAll(b.next)
	return err
}

// exchange puts the site in the folder beside in place of the output
// folder and removes the previous one. An error before the exchange
// removes the folder beside, and wraps errNoExchange when the filesystem
// cannot exchange; one after it wraps ErrCommitted.
func (b *beside) exchange(d disk, durable bool) error {
	if durable {
		if err := unix.Syncfs(b.sfd); err != nil {
			return b.fail(err)
		}
	}
	if err := d.check("rename", "."); err != nil {
		return b.fail(err)
	}
	if err := exchangeDirs(b.pfd, filepath.Base(b.next), filepath.Base(b.out)); err != nil {
		if errors.Is(err, errNoExchange) {
			return b.fail(err)
		}
		return b.fail(fmt.Errorf("exchange %s with the new site: %w", b.out, err))
	}
	if durable {
		if err := unix.Fsync(b.pfd); err != nil {
			return fmt.Errorf("%w: %w", ErrCommitted, err)
		}
	}
	if err := os.RemoveAll(b.next); err != nil {
		return fmt.Errorf("%w: remove the previous site from %s: %w", ErrCommitted, b.next, err)
	}
	return nil
}

// openDir opens the folder name in the folder dfd, not through a link.
func openDir(dfd int, name string) (int, error) {
	return unix.Openat(dfd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
}

// mirror links every file of the output folder's folder ofd (at slash
// path rel) into the folder sfd, and makes and fills its folders the same
// way, leaving out the session's temporary files and the bookkeeping
// files of builds before the state folder. What sfd
// has already (a cold build's new site) stays: the output folder's file of
// that name is left out.
func mirror(d disk, ofd, sfd int, rel string) error {
	dup, err := unix.Dup(ofd)
	if err != nil {
		return err
	}
	f := os.NewFile(uintptr(dup), rel)
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if isTemp(name) || (rel == "" && isLegacy(name)) {
			continue
		}
		p := path.Join(rel, name)
		if !e.IsDir() {
			if err := d.check("create", p); err != nil {
				return err
			}
			if err := unix.Linkat(ofd, name, sfd, name, 0); err != nil && !errors.Is(err, unix.EEXIST) {
				return &os.PathError{Op: "link", Path: p, Err: err}
			}
			continue
		}
		if err := d.check("mkdir", p); err != nil {
			return err
		}
		var st unix.Stat_t
		if err := unix.Fstatat(ofd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
			return &os.PathError{Op: "stat", Path: p, Err: err}
		}
		if err := unix.Mkdirat(sfd, name, st.Mode&0o7777); err != nil && !errors.Is(err, unix.EEXIST) {
			return &os.PathError{Op: "mkdir", Path: p, Err: err}
		}
		switch err := mirrorSub(d, ofd, sfd, name, p); {
		case errors.Is(err, unix.ENOTDIR), errors.Is(err, unix.ELOOP):
			// The new site has a file where the output folder has a folder.
		case err != nil:
			return err
		}
	}
	return nil
}

// mirrorSub mirrors the folder name of ofd into the folder of that name in
// sfd.
func mirrorSub(d disk, ofd, sfd int, name, p string) error {
	o, err := openDir(ofd, name)
	if err != nil {
		return &os.PathError{Op: "open", Path: p, Err: err}
	}
	defer unix.Close(o)
	n, err := openDir(sfd, name)
	if err != nil {
		return &os.PathError{Op: "open", Path: p, Err: err}
	}
	defer unix.Close(n)
	return mirror(d, o, n, p)
}

// changeNext makes change c in the new site's folder sfd: a move becomes a
// link from the output folder ofd, so that the output folder stays whole
// until the exchange.
func (s *Session) changeNext(ofd, sfd int, c change) error {
	switch c.kind {
	case 'R':
		if err := s.disk.check("rename", c.to); err != nil {
			return err
		}
		if err := unix.Unlinkat(sfd, c.to, 0); err != nil && !errors.Is(err, unix.ENOENT) {
			return &os.PathError{Op: "remove", Path: c.to, Err: err}
		}
		if err := unix.Linkat(ofd, c.path, sfd, c.to, 0); err != nil {
			return &os.PathError{Op: "link", Path: c.to, Err: err}
		}
	case 'M':
		if err := s.disk.check("mkdir", c.path); err != nil {
			return err
		}
		if err := unix.Mkdirat(sfd, c.path, dirPerm); err != nil && !errors.Is(err, unix.EEXIST) {
			return &os.PathError{Op: "mkdir", Path: c.path, Err: err}
		}
	case 'D':
		if err := s.disk.check("remove", c.path); err != nil {
			return err
		}
		err := unix.Unlinkat(sfd, c.path, 0)
		if errors.Is(err, unix.EISDIR) || errors.Is(err, unix.EPERM) {
			err = unix.Unlinkat(sfd, c.path, unix.AT_REMOVEDIR)
		}
		if err != nil && !errors.Is(err, unix.ENOENT) && !errors.Is(err, unix.ENOTEMPTY) && !errors.Is(err, unix.EEXIST) {
			return &os.PathError{Op: "remove", Path: c.path, Err: err}
		}
	}
	return nil
}

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

// exchangeDirs swaps the folders a and b of the folder dfd in one step.
// Its error wraps errNoExchange when the filesystem cannot.
func exchangeDirs(dfd int, a, b string) error {
	err := unix.Renameat2(dfd, a, dfd, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EXDEV) || errors.Is(err, unix.EPERM) {
		return errNoExchange
	}
	return err
}

// newStaging returns the staging of a cold build into dir, which holds no
// site yet (the state folder has no manifest of it): a new folder beside
// it, when its filesystem can exchange folders; nil otherwise, and the
// build writes into dir.
func newStaging(dir string) *staging {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	if !exchangeable(abs) {
		return nil
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil
	}
	// BeginWith removed what a killed session left beside.
	st := &staging{out: abs, next: NextName(abs), fd: -1}
	if err := os.Mkdir(st.next, info.Mode().Perm()); err != nil {
		return nil
	}
	if !canExchange(st.next) {
		st.remove()
		return nil
	}
	if fd, err := unix.Open(st.next, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0); err == nil {
		st.fd = fd
	}
	return st
}

// close closes the handle on the staging folder.
func (st *staging) close() {
	if st.fd >= 0 {
		unix.Close(st.fd)
		st.fd = -1
	}
}

// create writes data into the new file at slash path rel of the staging
// folder, whose folder exists, and returns the file's modification time.
// It opens the file with one openat2 that resolves no symbolic link and
// stays below the staging folder (RESOLVE_BENEATH, RESOLVE_NO_SYMLINKS):
// no temporary name, no rename, and none of the fcntl and epoll calls with
// which os.OpenFile registers a file with the poller. Where openat2 cannot
// be used it writes through root, the session's handle on the staging
// folder, as any session stages a file. On an error the file is removed.
func (st *staging) create(d disk, root *os.Root, rel string, data []byte, durable bool) (int64, error) {
	if st.fd < 0 {
		return d.stage(root, filepath.FromSlash(rel), rel, data, durable)
	}
	if err := d.check("create", rel); err != nil {
		return 0, err
	}
	fd, err := unix.Openat2(st.fd, rel, &unix.OpenHow{
		Flags:   unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL | unix.O_NOFOLLOW | unix.O_CLOEXEC,
		Mode:    filePerm,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS,
	})
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EPERM) || errors.Is(err, unix.EAGAIN) {
		// No openat2 (before Linux 5.6), a seccomp filter refuses it, or
		// the kernel could not rule out a race on the way (EAGAIN, which
		// checked paths, free of "..", should never see): os.Root walks
		// the path one folder at a time instead.
		return d.stage(root, filepath.FromSlash(rel), rel, data, durable)
	}
	if err != nil {
		return 0, &os.PathError{Op: "create", Path: rel, Err: err}
	}
	mtime, err := d.fill(os.NewFile(uintptr(fd), rel), rel, data, durable)
	if err != nil {
		unix.Unlinkat(st.fd, rel, 0)
	}
	return mtime, err
}

// canExchange reports whether the filesystem of the folder dir exchanges
// folders: it swaps two empty folders made in dir for the test. The
// staged site must not find out only once it is whole.
func canExchange(dir string) bool {
	a, b := filepath.Join(dir, ".probe-a"), filepath.Join(dir, ".probe-b")
	defer os.Remove(a)
	defer os.Remove(b)
	if os.Mkdir(a, dirPerm) != nil || os.Mkdir(b, dirPerm) != nil {
		return false
	}
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE) == nil
}

// swapIn puts the staged site in place: it links into the staging folder
// what the output folder holds besides (the lock, files put there by
// hand), exchanges the two folders and removes the previous one. An error
// before the exchange wraps ErrNotCommitted and leaves the output folder
// as it was; one after it wraps ErrCommitted.
func (st *staging) swapIn(d disk, durable bool) error {
	st.close()
	b, err := openBeside(st.out)
	if err != nil {
		st.remove()
		return fmt.Errorf("%w: %w", ErrNotCommitted, err)
	}
	defer b.close()
	if merr := mirror(d, b.ofd, b.sfd, ""); merr != nil {
		err = b.fail(fmt.Errorf("link the output folder's other files into %s: %w", st.next, merr))
	} else {
		err = b.exchange(d, durable)
	}
	if err != nil && !errors.Is(err, ErrCommitted) {
		return fmt.Errorf("%w: %w", ErrNotCommitted, err)
	}
	return err
}
