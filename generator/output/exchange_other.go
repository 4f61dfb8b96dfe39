//go:build !linux

package output

import (
	"os"
	"path/filepath"
)

// commitByExchange: only Linux exchanges folders in one step here; the
// session commits through its journal.
func (s *Session) commitByExchange([]change, func(folder string) ([]byte, error)) error {
	return errNoExchange
}

// newStaging: only Linux exchanges folders; a cold build writes into the
// output folder.
func newStaging(dir string) *staging { return nil }

func (st *staging) swapIn(d disk, durable bool) error { return nil }

func (st *staging) close() {}

func (st *staging) create(d disk, root *os.Root, rel string, data []byte, durable bool) (int64, error) {
	return d.stage(root, filepath.FromSlash(rel), rel, data, durable)
}
