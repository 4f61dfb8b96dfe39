package content

import (
	"path/filepath"
	"strings"
	"testing"

	"rolesite/internal/testtree"
)

// TestFindRolesMisnamed covers files in roles/ that an editor meant as
// roles but that are not built: each gets a warning with the rename.
func TestFindRolesMisnamed(t *testing.T) {
	const notBuilt = ": warning: not built: only files ending in .md are roles"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"upper-case ending", map[string]string{"roles/x.MD": ""}, []string{"roles/x.MD" + notBuilt + " (rename it to x.md)"}},
		{"mixed-case ending", map[string]string{"roles/x.Md": ""}, []string{"roles/x.Md" + notBuilt + " (rename it to x.md)"}},
		{"markdown", map[string]string{"roles/x.markdown": ""}, []string{"roles/x.markdown" + notBuilt + " (rename it to x.md)"}},
		{"mdown", map[string]string{"roles/x.mdown": ""}, []string{"roles/x.mdown" + notBuilt + " (rename it to x.md)"}},
		{"txt", map[string]string{"roles/x.txt": ""}, []string{"roles/x.txt" + notBuilt + " (rename it to x.md)"}},
		{"notepad", map[string]string{"roles/x.md.txt": ""}, []string{"roles/x.md.txt" + notBuilt + " (rename it to x.md)"}},
		{"anything after .md", map[string]string{"roles/sub/backend-entwickler.md.bak": ""},
			[]string{"roles/sub/backend-entwickler.md.bak" + notBuilt + " (rename it to backend-entwickler.md)"}},
		{"upper-case name", map[string]string{"roles/Backend.MD": ""}, []string{"roles/Backend.MD" + notBuilt + " (rename it to backend.md)"}},
		{"a copy beside its role", map[string]string{"roles/x.md": "", "roles/x.md.txt": ""},
			[]string{"roles/x.md.txt" + notBuilt + ", and x.md is already there (move this file out of roles/ if it is a copy)"}},
		{"other files stay silent", map[string]string{"roles/x.md": "", "roles/logo.png": "", "roles/.x.md.swp": "", "roles/x.md~": "", "roles/md": ""}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testtree.Write(t, t.TempDir(), tt.files)
			_, errs := FindRoles(dir)
			got := messages(errs)
			for i, m := range got {
				got[i] = filepath.ToSlash(strings.TrimPrefix(m, dir+string(filepath.Separator)))
			}
			diffMessages(t, got, tt.want)
			if errs.HasErrors() {
				t.Error("a misnamed file is an error, want a warning")
			}
		})
	}
}
