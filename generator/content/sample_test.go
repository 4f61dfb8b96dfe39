package content

import (
	"context"
	"strings"
	"testing"
)

// TestSampleSite loads the real content folder that ships with Rolesite.
func TestSampleSite(t *testing.T) {
	site, errs := Load(context.Background(), Options{Dir: "../../content"})
	if len(errs) > 0 {
		t.Fatalf("the sample site has problems:\n%s", errs)
	}
	if got := len(site.Roles); got != 28 {
		t.Errorf("%d roles, want 28", got)
	}
	for _, c := range site.Categories {
		if len(c.Roles) == 0 {
			t.Errorf("category %q has no roles", c.Key)
		}
	}
	// A name links to one role only: titles and synonyms must be unique
	// across roles after case folding.
	owner := map[string]string{}
	for _, r := range site.Roles {
		for _, n := range r.Names() {
			key := strings.ToLower(strings.ToUpper(n)) // folds ſ, K (Kelvin) and friends too
			if prev, ok := owner[key]; ok && prev != r.Slug {
				t.Errorf("name %q is used by %s and %s", n, prev, r.Slug)
			}
			owner[key] = r.Slug
		}
		if r.Description == "" || len([]rune(r.Description)) > 160 {
			t.Errorf("%s: description of %d characters", r.Slug, len([]rune(r.Description)))
		}
	}
}
