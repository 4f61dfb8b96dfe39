//go:build !linux

package output

// exchangeable: only Linux exchanges folders in one step here.
func exchangeable(dir string) bool { return false }

func exchangeDirs(a, b string) error { return errNoExchange }

func syncFS(dir string) error { return nil }
