package generator

import (
	"os"

	"rolesite/generator/diag"
	"rolesite/generator/output"
)

// checkStaticDir refuses a static folder that is the content or layouts
// folder, lies inside one of them or holds one: every file in it would be
// published (site.yaml, the role files, the templates), and the role files
// under it would be read as roles too. Paths are compared as output.Place
// compares them, so a link or a different spelling of the same folder is
// found too. A static folder that does not exist publishes nothing and is
// no problem.
func checkStaticDir(cfg Config) error {
	dir := cfg.StaticDir
	if dir == "" {
		return nil
	}
	if _, err := os.Stat(dir); err != nil {
		return nil // missing: nothing to publish; unreadable: static.List says so
	}
	for _, f := range []struct{ name, dir string }{{"content", cfg.ContentDir}, {"layouts", cfg.LayoutsDir}} {
		if f.dir == "" {
			continue
		}
		refuse := func(reason diag.Message) error {
			return diag.Fail(nil, diag.RefuseStatic, dir, diag.T(reason, f.name, f.dir))
		}
		where, err := output.Place(dir, f.dir)
		if err != nil {
			return diag.Fail(err, diag.CheckFolder, dir)
		}
		switch where {
		case output.Same:
			return refuse(diag.OutIsProtected)
		case output.Inside:
			return refuse(diag.OutInProtected)
		}
		if where, err = output.Place(f.dir, dir); err != nil {
			return diag.Fail(err, diag.CheckFolder, f.dir)
		}
		if where == output.Inside {
			return refuse(diag.OutHoldsProtect)
		}
	}
	return nil
}
