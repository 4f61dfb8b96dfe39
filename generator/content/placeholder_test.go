package content

import "testing"

// TestPlaceholders: a role that is not a draft must not hold the
// placeholders of a new role's file; a draft may, and a schema comment as
// the first front-matter line is only a comment.
func TestPlaceholders(t *testing.T) {
	const p = "roles/x.md:"
	const todo = "; write the real text, or set draft: true until it is done"
	const descTodo = "; write the meta description (at most 160 characters), or set draft: true until it is done"
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"german description",
			"---\ntitle: T\ncategory: tech\ndescription: \"[AUSFÜLLEN: ein bis zwei Sätze]\"\n---\nBody.\n",
			[]string{p + `4:1: description: "[AUSFÜLLEN: ein bis zwei Sätze]" is a placeholder` + descTodo}},
		{"english description, long, cut",
			"---\ntitle: T\ncategory: tech\ndescription: \"[FILL IN: one or two sentences for search results, at most 160 characters]\"\n---\nBody.\n",
			[]string{p + `4:1: description: "[FILL IN: one or two sentences for search result..." is a placeholder` + descTodo}},
		{"body placeholders, first named with the count of the rest",
			"---\n" + baseFM + "---\n## A\n\nText [AUSFÜLLEN: Aufgaben] more.\n\n## B\n\n[FILL IN: who hires]\n\n[AUSFÜLLEN: Gehalt]\n",
			[]string{p + `8:6: text: "[AUSFÜLLEN: Aufgaben]" is a placeholder (and 2 more below)` + todo}},
		{"body placeholder without a closing bracket stops at the line end",
			"---\n" + baseFM + "---\n[FILL IN: who hires\nnext line\n",
			[]string{p + `6:1: text: "[FILL IN: who hires" is a placeholder` + todo}},
		{"draft holding both", "---\ntitle: T\ncategory: tech\ndescription: \"[AUSFÜLLEN: x]\"\ndraft: true\n---\n[AUSFÜLLEN: y]\n", nil},
		{"draft false holding one", "---\n" + baseFM + "draft: false\n---\n[AUSFÜLLEN: y]\n",
			[]string{p + `7:1: text: "[AUSFÜLLEN: y]" is a placeholder` + todo}},
		{"similar text is no placeholder", "---\n" + baseFM + "---\n[Ausfüllen] und [FILL IN] und [AUSFÜLLEN ohne Doppelpunkt]\n", nil},
		{"schema comment first in YAML front matter",
			"---\n# yaml-language-server: $schema=../schema/role.schema.json\n" + baseFM + "---\nBody.\n", nil},
		{"schema comment first in TOML front matter",
			"+++\n# yaml-language-server: $schema=../schema/role.schema.json\n" + tomlBase + "+++\nBody.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, errs := ParseRole("roles/x.md", "x", []byte(tt.src), Limits{})
			diffMessages(t, messages(errs), tt.want)
			if tt.want == nil && (r == nil || r.Title != "T" || r.Category != "tech") {
				t.Errorf("role not parsed: %+v", r)
			}
		})
	}
}
