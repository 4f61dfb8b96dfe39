package watch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// procInotify is where Linux shows the inotify limits.
const procInotify = "/proc/sys/fs/inotify"

// LimitError reports that the system refused a watch because a per-user
// inotify limit was reached. Without it, a watcher would go deaf to the
// folders it could not add. Its message names the sysctl to raise.
type LimitError struct {
	// Setting is the sysctl that was reached: fs.inotify.max_user_watches
	// (ENOSPC) or fs.inotify.max_user_instances (EMFILE).
	Setting string
	// Current is the setting's value when it could be read, else 0.
	Current int
	// Err is the error from the system.
	Err error
}

// Error says what was reached and how to raise it, for example:
//
//	inotify watch limit reached (fs.inotify.max_user_watches=8192); raise it with: sudo sysctl fs.inotify.max_user_watches=524288
func (e *LimitError) Error() string {
	what, raise := "inotify watch limit", 524288
	if e.Setting == "fs.inotify.max_user_instances" {
		what, raise = "inotify instance limit", 1024
	}
	current := "unknown"
	if e.Current > 0 {
		current = strconv.Itoa(e.Current)
		raise = max(raise, 2*e.Current)
	}
	return fmt.Sprintf("%s reached (%s=%s); raise it with: sudo sysctl %s=%d", what, e.Setting, current, e.Setting, raise)
}

// Unwrap returns the system's error (syscall.ENOSPC or syscall.EMFILE).
func (e *LimitError) Unwrap() error { return e.Err }

// limitError turns ENOSPC from inotify_add_watch and EMFILE from inotify_init
// into a *LimitError that reads the current limit from the files in proc.
// Other errors are returned as they are.
func limitError(err error, proc string) error {
	var setting, file string
	switch {
	case errors.Is(err, syscall.ENOSPC):
		setting, file = "fs.inotify.max_user_watches", "max_user_watches"
	case errors.Is(err, syscall.EMFILE):
		setting, file = "fs.inotify.max_user_instances", "max_user_instances"
	default:
		return err
	}
	e := &LimitError{Setting: setting, Err: err}
	if b, rerr := os.ReadFile(filepath.Join(proc, file)); rerr == nil {
		e.Current, _ = strconv.Atoi(strings.TrimSpace(string(b)))
	}
	return e
}
