package content

import "testing"

// TestCutByComment covers values that YAML cuts at " #": each case gives
// every message of the file, and the value the role keeps.
func TestCutByComment(t *testing.T) {
	const p = "roles/x.md:"
	const w = ": warning: "
	tests := []struct {
		name        string
		src         []byte
		want        []string
		description string
	}{
		{"hashtag in a description", roleDoc("title: T\ncategory: tech\ndescription: Wir suchen #remote Entwickler\n"), []string{
			p + "4:25" + w + `description: "#remote Entwickler" is read as a YAML comment, so the value is "Wir suchen"; quote the value to keep it: description: "Wir suchen #remote Entwickler"`,
		}, "Wir suchen"},
		{"one blank before a spaced comment", roleDoc("title: T\ncategory: tech\ndescription: Team # 1 in Köln\n"), []string{
			p + "4:19" + w + `description: "# 1 in Köln" is read as a YAML comment, so the value is "Team"; quote the value to keep it: description: "Team # 1 in Köln"`,
		}, "Team"},
		{"hashtag after two blanks", roleDoc("title: T\ncategory: tech\ndescription: Wir suchen  #remote\n"), []string{
			p + "4:26" + w + `description: "#remote" is read as a YAML comment, so the value is "Wir suchen"; quote the value to keep it: description: "Wir suchen  #remote"`,
		}, "Wir suchen"},
		{"list item", roleDoc(baseFM + "skills:\n  - Go\n  - C #sharp\n"), []string{
			p + "7:7" + w + `skills[1]: "#sharp" is read as a YAML comment, so the value is "C"; quote the value to keep it: - "C #sharp"`,
		}, "D"},
		{"nested key", roleDoc(baseFM + "location:\n  locality: Frankfurt #Main\n  country: DE\n"), []string{
			p + "6:23" + w + `location.locality: "#Main" is read as a YAML comment, so the value is "Frankfurt"; quote the value to keep it: locality: "Frankfurt #Main"`,
		}, "D"},
		{"quotes in the value", roleDoc("title: T\ncategory: tech\ndescription: Der \"Beste\" #1\n"), []string{
			p + "4:26" + w + `description: "#1" is read as a YAML comment, so the value is "Der \"Beste\""; quote the value to keep it: description: "Der \"Beste\" #1"`,
		}, `Der "Beste"`},
		{"column after umlauts", roleDoc("title: T\ncategory: tech\ndescription: Köln übt #jetzt\n"), []string{
			p + "4:23" + w + `description: "#jetzt" is read as a YAML comment, so the value is "Köln übt"; quote the value to keep it: description: "Köln übt #jetzt"`,
		}, "Köln übt"},
		{"crlf", []byte("---\r\ntitle: T\r\ncategory: tech\r\ndescription: Wir #remote\r\n---\r\nBody.\r\n"), []string{
			p + "4:18" + w + `description: "#remote" is read as a YAML comment, so the value is "Wir"; quote the value to keep it: description: "Wir #remote"`,
		}, "Wir"},
		// Silent: comments that are meant, and values YAML keeps whole.
		{"comment after two blanks", roleDoc("title: T\ncategory: tech\ndescription: Wir suchen  # shown in search results\n"), nil, "Wir suchen"},
		{"comment after a number", roleDoc(baseFM + "weight: 10 #top\n"), nil, "D"},
		{"comment after a date", roleDoc(baseFM + "date_posted: 2026-11-01 #heute\n"), nil, "D"},
		{"comment after a bool", roleDoc(baseFM + "draft: false #noch\n"), nil, "D"},
		{"quoted value", roleDoc("title: T\ncategory: tech\ndescription: \"Wir suchen\" #remote\n"), nil, "Wir suchen"},
		{"hash inside the text", roleDoc("title: T\ncategory: tech\ndescription: C# und F# Entwickler\n"), nil, "C# und F# Entwickler"},
		{"flow list", roleDoc(baseFM + "skills: [Go, PHP] #remote\n"), nil, "D"},
		{"comment on its own line", roleDoc(baseFM + "# remote\nskills: Go\n"), nil, "D"},
		{"value on the next lines", roleDoc("title: T\ncategory: tech\ndescription: Wir suchen\n  Entwickler #remote\n"), nil, "Wir suchen Entwickler"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, errs := ParseRole("roles/x.md", "x", tt.src, Limits{})
			diffMessages(t, messages(errs), tt.want)
			checkPositions(t, "roles/x.md", tt.src, errs)
			if r == nil || r.Description != tt.description {
				t.Errorf("role %v, want the description %q", r, tt.description)
			}
		})
	}
}

func TestCutByCommentInSiteYAML(t *testing.T) {
	src := siteBase + "    description: Jobs in Tech #remote\n"
	_, errs := ParseSite("site.yaml", []byte(src))
	diffMessages(t, messages(errs), []string{
		`site.yaml:7:31: warning: categories[0].description: "#remote" is read as a YAML comment, so the value is "Jobs in Tech"; quote the value to keep it: description: "Jobs in Tech #remote"`,
	})
}
