package static

import (
	"path/filepath"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"rolesite/generator/diag"
)

// Generated is a file the build generates: its output path and what it is
// (the page of a role file, the sitemap, ...), which a collision names.
type Generated struct {
	Path  string
	Owner diag.Text
}

// node is a file or folder of the static folder, by its folded path.
type node struct {
	path string // as spelled in the static folder
	file bool
	src  string // on disk
}

// Collisions reports every static file or folder of the static folder
// dir that cannot sit in the output folder beside the generated files:
//
//   - a static file at the path of a generated one (robots.txt, a page's
//     x/index.html);
//   - a static file where a generated file needs a folder (a file
//     "tech-development" beside the page tech-development/index.html),
//     or a static folder where a generated file goes;
//   - two paths that differ only in case or in the Unicode encoding of
//     their letters ("Logo.png" and "logo.png", "Tech/" and "tech/"),
//     whether both are static or one is generated: a file system that
//     folds case and normalizes names (macOS, Windows) holds one of
//     them, so the site would differ with the machine that builds it.
//
// Each problem is at the static file or folder, naming the generated file
// and what generates it, or the other static path. files is List's.
func Collisions(dir string, files []File, generated []Generated) diag.List {
	var errs diag.List
	if len(files) == 0 {
		return nil
	}
	fold := folder()
	nodes := make(map[string]*node, len(files))
	reported := map[string]bool{}
	report := func(src string, msg diag.Message, args ...any) {
		if !reported[src] {
			reported[src] = true
			errs.Add(diag.Position{Path: src}, msg, args...)
		}
	}
	for _, f := range files {
		for p, rest := range prefixes(f.Path) {
			k := fold(p)
			n, ok := nodes[k]
			if !ok {
				nodes[k] = &node{path: p, file: rest == "", src: filepath.Join(dir, filepath.FromSlash(p))}
				continue
			}
			if n.path != p {
				report(filepath.Join(dir, filepath.FromSlash(p)), diag.StaticCaseClash, n.src)
				break
			}
		}
	}
	for _, g := range generated {
		for p, rest := range prefixes(g.Path) {
			n, ok := nodes[fold(p)]
			if !ok {
				break // nothing static below it either
			}
			isFile := rest == ""
			switch {
			case n.path != p:
				report(n.src, diag.StaticCaseClash, diag.T(diag.StaticCaseGenerated, p, g.Owner))
			case isFile && n.file:
				report(n.src, diag.StaticGenerated, g.Path, g.Owner)
			case isFile:
				report(n.src, diag.StaticInFile, g.Path, g.Owner)
			case n.file:
				report(n.src, diag.StaticOverFolder, g.Path, g.Owner)
			default:
				continue // the same folder: look deeper
			}
			break
		}
	}
	errs.Sort()
	return errs
}

// prefixes yields each folder of the slash path p and then p itself, with
// the rest of p after it ("" for p itself).
func prefixes(p string) func(yield func(prefix, rest string) bool) {
	return func(yield func(string, string) bool) {
		for i := 0; i < len(p); i++ {
			if p[i] == '/' && !yield(p[:i], p[i+1:]) {
				return
			}
		}
		yield(p, "")
	}
}

// folder returns the function that maps a path to the key under which a
// file system that ignores case and normalizes Unicode stores it: case
// folded, in NFC. An ASCII path is only lowercased (no allocation when it
// is lowercase already, as generated paths are).
func folder() func(string) string {
	caser := cases.Fold()
	return func(p string) string {
		for i := 0; i < len(p); i++ {
			if p[i] >= 0x80 {
				return caser.String(norm.NFC.String(p))
			}
		}
		return strings.ToLower(p)
	}
}
