package static

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"rolesite/generator/diag"
	"rolesite/internal/testtree"
)

// paths returns the Path of each file.
func paths(files []File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Path)
	}
	return out
}

// texts returns each diagnostic as "path: message" in English, with the
// folder dir cut from the path.
func texts(dir string, l diag.List) []string {
	var out []string
	for _, d := range l {
		out = append(out, strings.TrimPrefix(d.String(), dir+string(filepath.Separator)))
	}
	return out
}

func TestListPublishesEveryFileAsItIs(t *testing.T) {
	dir := testtree.Write(t, filepath.Join(t.TempDir(), "static"), map[string]string{
		".well-known/security.txt":   "Contact: mailto:security@example.org\n",
		".htaccess":                  "x",
		"docs/Broschüre 2027.pdf":    "%PDF",
		"docs/a/b/c/deep.txt":        "deep",
		"favicon.ico":                "ico",
		"_headers":                   "/*\n  X-Frame-Options: DENY\n",
		"docs/.DS_Store":             "noise",
		".git/config":                "vcs",
		".gitkeep":                   "",
		"img/logo.png~":              "backup",
		"img/.logo.png.swp":          "swap",
		"img/Thumbs.db":              "noise",
		"img/logo.png":               "png",
		"img/.#logo.png":             "emacs lock",
		".well-known/.gitignore":     "vcs",
		"downloads/empty-folder/.gk": "x",
	})
	if err := os.MkdirAll(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	files, errs := List(dir)
	if len(errs) > 0 {
		t.Fatalf("problems: %v", errs)
	}
	want := []string{".htaccess", ".well-known/security.txt", "_headers", "docs/Broschüre 2027.pdf", "docs/a/b/c/deep.txt",
		"downloads/empty-folder/.gk", "favicon.ico", "img/logo.png"}
	if got := paths(files); !slices.Equal(got, want) {
		t.Errorf("files\n got %q\nwant %q", got, want)
	}
	for _, f := range files {
		info, err := os.Lstat(f.Src)
		if err != nil || f.Src != filepath.Join(dir, filepath.FromSlash(f.Path)) || StampOf(info) != f.Stamp {
			t.Errorf("%s: Src %q, stamp %+v (stat %v)", f.Path, f.Src, f.Stamp, err)
		}
	}
}

func TestListMissingOrUnset(t *testing.T) {
	for _, dir := range []string{"", filepath.Join(t.TempDir(), "none")} {
		if files, errs := List(dir); files != nil || errs != nil {
			t.Errorf("List(%q) = %v, %v; want nothing", dir, files, errs)
		}
	}
	file := filepath.Join(t.TempDir(), "static")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs := List(file)
	if len(errs) != 1 || errs[0].String() != file+": not a folder: the static folder holds the files published as they are" {
		t.Errorf("a file as the folder: %v", errs)
	}
}

// The static folder itself may be a link (to a folder kept elsewhere);
// links inside it are refused, whether they point inside or outside.
func TestListLinks(t *testing.T) {
	root := t.TempDir()
	real := testtree.Write(t, filepath.Join(root, "real"), map[string]string{"a.txt": "a", "sub/b.txt": "b"})
	secret := testtree.Write(t, filepath.Join(root, "secret"), map[string]string{"key": "k"})
	link := filepath.Join(root, "static")
	must(t, os.Symlink(real, link))
	must(t, os.Symlink(filepath.Join(secret, "key"), filepath.Join(real, "outside")))
	must(t, os.Symlink("a.txt", filepath.Join(real, "inside")))
	must(t, os.Symlink(secret, filepath.Join(real, "sub", "folder")))
	files, errs := List(link)
	if got := paths(files); !slices.Equal(got, []string{"a.txt", "sub/b.txt"}) {
		t.Errorf("files %q", got)
	}
	want := []string{
		"inside: symbolic link (to a.txt): files in the static folder are copied as they are, and links are not followed; put the file itself here",
		"outside: symbolic link (to " + filepath.Join(secret, "key") + "): files in the static folder are copied as they are, and links are not followed; put the file itself here",
		filepath.Join("sub", "folder") + ": symbolic link (to " + secret + "): files in the static folder are copied as they are, and links are not followed; put the file itself here",
	}
	if got := texts(link, errs); !slices.Equal(got, want) {
		t.Errorf("problems\n got %q\nwant %q", got, want)
	}
}

func TestListBadNames(t *testing.T) {
	dir := testtree.Write(t, filepath.Join(t.TempDir(), "static"), map[string]string{
		"ok.txt":                  "ok",
		".rolesite-manifest.json": "{}",
		".rolesite/inside.txt":    "never listed",
		`back\slash.txt`:          "x",
		"new\nline.txt":           "x",
		"tab\there.txt":           "x",
		"bad\xffutf8.txt":         "x",
	})
	must(t, syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644))
	files, errs := List(dir)
	if got := paths(files); !slices.Equal(got, []string{"ok.txt"}) {
		t.Errorf("files %q", got)
	}
	want := []string{
		`.rolesite: the name ".rolesite" is reserved for the generator's own files (.rolesite*): rename it`,
		`.rolesite-manifest.json: the name ".rolesite-manifest.json" is reserved for the generator's own files (.rolesite*): rename it`,
		`back\slash.txt: the name "back\\slash.txt" contains a backslash, which URLs and Windows read as a folder separator: rename it`,
		"bad\xffutf8.txt: the name \"bad\\xffutf8.txt\" is not valid UTF-8, so it cannot be a URL: rename it",
		"new\nline.txt: the name \"new\\nline.txt\" contains the control character U+000A, which no URL and no deploy tool's file list can carry: rename it",
		"pipe: neither a file nor a folder: only files are published",
		"tab\there.txt: the name \"tab\\there.txt\" contains the control character U+0009, which no URL and no deploy tool's file list can carry: rename it",
	}
	errs.Sort()
	if got := texts(dir, errs); !slices.Equal(got, want) {
		t.Errorf("problems\n got %q\nwant %q", got, want)
	}
}

func TestRead(t *testing.T) {
	dir := testtree.Write(t, filepath.Join(t.TempDir(), "static"), map[string]string{"a.pdf": "%PDF-1.7 bytes", "b.txt": "b", "c.txt": "c"})
	files, errs := List(dir)
	if len(errs) > 0 || len(files) != 3 {
		t.Fatalf("List: %v %v", files, errs)
	}
	var buf bytes.Buffer
	buf.WriteString("left over ")
	if err := files[0].Read(&buf); err != nil || buf.String() != "left over %PDF-1.7 bytes" {
		t.Errorf("Read: %q, %v", buf.String(), err)
	}

	// b.txt is written after the listing, c.txt removed: both are
	// problems at the file, not bytes the build never saw listed.
	future := time.Now().Add(time.Hour)
	must(t, os.WriteFile(files[1].Src, []byte("B"), 0o644))
	must(t, os.Chtimes(files[1].Src, future, future))
	must(t, os.Remove(files[2].Src))
	for f, want := range map[File]string{
		files[1]: files[1].Src + ": changed while the build read it: build again",
		files[2]: files[2].Src + ": removed while the build read it: build again",
	} {
		err := f.Read(&buf)
		var list diag.List
		if err == nil || !errors.As(err, &list) || list.Text(diag.English) != want {
			t.Errorf("%s: %v, want %q", f.Path, err, want)
		}
	}

	// A link put in the place of a listed file is not read through.
	must(t, os.Remove(files[0].Src))
	must(t, os.Symlink(files[1].Src, files[0].Src))
	if err := files[0].Read(&buf); err == nil || !strings.Contains(err.Error(), "changed while the build read it") {
		t.Errorf("a link in the place of the file: %v", err)
	}
}

// Copies that keep the modification time (cp -p, rsync -t, tar) still
// change the stamp: the inode's change time moves.
func TestStampSeesCopiesThatKeepTheTime(t *testing.T) {
	dir := testtree.Write(t, t.TempDir(), map[string]string{"a.txt": "aaaa"})
	p := filepath.Join(dir, "a.txt")
	info, err := os.Stat(p)
	must(t, err)
	before := StampOf(info)
	if before.CTime == 0 {
		t.Skip("this system tells no change time")
	}
	time.Sleep(20 * time.Millisecond)
	must(t, os.WriteFile(p, []byte("bbbb"), 0o644))
	must(t, os.Chtimes(p, info.ModTime(), info.ModTime()))
	info, err = os.Stat(p)
	must(t, err)
	after := StampOf(info)
	if after.Stamp != before.Stamp {
		t.Fatalf("size, mtime or inode moved: %+v, %+v", before, after)
	}
	if after == before {
		t.Error("a rewrite that kept size and mtime left the stamp as it was")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
