package feed

import (
	"testing"

	"rolesite/internal/testtree"
)

// TestMain keeps the state folders of the builds in the tests out of the
// user cache folder.
func TestMain(m *testing.M) { testtree.Main(m) }
