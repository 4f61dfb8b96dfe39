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

// gitDates maps each file under dir to the time of the last commit that
// touched it, from one `git log` run. It returns nil and a reason when dir
// is not in a git work tree, git is missing, or the clone is shallow (every
// file would get the date of the one fetched commit).
func gitDates(ctx context.Context, dir string) (map[string]time.Time, diag.Text) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, diag.Text{}
	}
	// One call tells both: it fails outside a work tree.
	shallow, err := exec.CommandContext(ctx, "git", "-C", dir, "rev-parse", "--is-shallow-repository").Output()
	if err != nil {
		return nil, diag.Text{} // not a work tree: quietly fall back
	}
	if strings.TrimSpace(string(shallow)) == "true" {
		return nil, diag.T(diag.ShallowClone)
	}
	out, err := exec.CommandContext(ctx, "git", "-C", dir, "log", "--format=%x00%ct", "--name-only", "--no-renames", "--relative", "--", ".").Output()
	if err != nil {
		return nil, diag.Text{}
	}
	dates := map[string]time.Time{}
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
	}
	return dates, diag.Text{}
}
