package generator

import (
	"context"

	"rolesite/generator/diag"
)

// gitCache keeps the commit dates of the content files for as long as the
// repository's HEAD stays the same commit.
type gitCache struct {
	head  string
	dates gitHistory
	warn  diag.Text
	done  bool
}

func (g *gitCache) get(ctx context.Context, dir string) (gitHistory, diag.Text) {
	head := gitHead(ctx, dir)
	if g.done && head == g.head {
		return g.dates, g.warn
	}
	g.dates, g.warn = gitDates(ctx, dir)
	g.head, g.done = head, true
	return g.dates, g.warn
}
