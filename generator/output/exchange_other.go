//go:build !linux

package output

// commitByExchange: only Linux exchanges folders in one step here; the
// session commits through its journal.
func (s *Session) commitByExchange(changes []change) error { return errNoExchange }

// newStaging: only Linux exchanges folders; a cold build writes into the
// output folder.
func newStaging(dir string) *staging { return nil }

func (st *staging) swapIn(d disk, durable bool) error { return nil }
