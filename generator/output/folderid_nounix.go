//go:build !unix

package output

import (
	"fmt"
	"os"
)

// folderID returns the identity of the folder dir. Systems without inodes
// give none that survives the process: every folder at a path counts as
// the same one there, as it did before state folders.
func folderID(dir string) (string, error) {
	if _, err := os.Lstat(dir); err != nil {
		return "", fmt.Errorf("identify folder %s: %w", dir, err)
	}
	return "any", nil
}
