//go:build !unix

package serve

import "errors"

// mkfifo fails where there are no named pipes; the case is skipped.
func mkfifo(string) error { return errors.ErrUnsupported }
