package generator

import (
	"bufio"
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"rolesite/generator/diag"
)

// gitHistory is what one `git log` run tells of the files under a folder.
type gitHistory struct {
	// last maps each file to the time of the last commit that touched it.
	last map[string]time.Time
	// first maps each file to the time of the first commit that touched
	// it: when it was added.
	first map[string]time.Time
}

// gitDates reads the history of every file under dir from one `git log`
// run. It returns an empty history and a reason when dir is not in a git
// work tree, git is missing, or the clone is shallow (every file would get
// the date of the one fetched commit).
func gitDates(ctx context.Context, dir string) (gitHistory, diag.Text) {
	if _, err := exec.LookPath("git"); err != nil {
		return gitHistory{}, diag.Text{}
	}
	// One call tells both: it fails outside a work tree.
	shallow, err := exec.CommandContext(ctx, "git", "-C", dir, "rev-parse", "--is-shallow-repository").Output()
	if err != nil {
		return gitHistory{}, diag.Text{} // not a work tree: quietly fall back
	}
	if strings.TrimSpace(string(shallow)) == "true" {
		return gitHistory{}, diag.T(diag.ShallowClone)
	}
	out, err := exec.CommandContext(ctx, "git", "-C", dir, "log", "--format=%x00%ct", "--name-only", "--no-renames", "--relative", "--", ".").Output()
	if err != nil {
		return gitHistory{}, diag.Text{}
	}
	dates, first := map[string]time.Time{}, map[string]time.Time{}
	var current time.Time
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "\x00") {
			sec, err := strconv.ParseInt(line[1:], 10, 64)
			if err == nil {
				current = time.Unix(sec, 0).UTC()
			}
			continue
		}
		if line == "" {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(line))
		if _, seen := dates[p]; !seen { // git log is newest first
			dates[p] = current
		}
		first[p] = current
	}
	return gitHistory{last: dates, first: first}, diag.Text{}
}
