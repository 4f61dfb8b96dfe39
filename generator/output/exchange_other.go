//go:build !linux

package output

// commitByExchange: only Linux exchanges folders in one step here; the
// session commits through its journal.
func (s *Session) commitByExchange(changes []change) error { return errNoExchange }
