package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rolesite/internal/fingerprint"
	"rolesite/internal/testtree"
)

const loaderSite = "title: T\nbase_url: https://example.com/\nlanguage: de\norganization:\n  name: Agentur\ncontact:\n  email: jobs@example.com\ncategories:\n  - key: tech\n    title: Tech\n"

func loaderRole(title, body string) string {
	return "---\ntitle: " + title + "\ncategory: tech\ndescription: Eine Rolle im Test der Ladestufe.\n---\n" + body + "\n"
}

// TestLoaderKeepsTheSiteByKey: a Load told that only a body changed hands
// back the same site, unchanged, under the same key, with the new bytes
// through Source; a front-matter edit gives a new site and key; Drop
// keeps nothing for reuse.
func TestLoaderKeepsTheSiteByKey(t *testing.T) {
	dir := testtree.Write(t, t.TempDir(), map[string]string{
		"site.yaml":  loaderSite,
		"roles/a.md": loaderRole("Backend-Entwickler", "Erster Text."),
		"roles/b.md": loaderRole("Data Engineer", "Zweiter Text."),
	})
	a := filepath.Join(dir, "roles", "a.md")
	l := NewLoader(fingerprint.NewSeed())
	cfg := LoadConfig{Dir: dir}
	load := func(cfg LoadConfig) (*Site, uint64) {
		t.Helper()
		site, _, key, errs := l.Load(t.Context(), cfg)
		if errs.HasErrors() || site == nil {
			t.Fatalf("load: %v", errs.Err())
		}
		return site, key
	}
	first, key := load(cfg)
	if key == 0 {
		t.Fatal("a site without problems has no key")
	}
	bodyBefore := string(first.Roles[0].Body)

	edit := func(s string) {
		t.Helper()
		if err := os.WriteFile(a, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		later := time.Now().Add(time.Minute)
		os.Chtimes(a, later, later)
	}
	edit(loaderRole("Backend-Entwickler", "Neuer Text."))
	told := cfg
	told.Changed = map[string]bool{a: true}
	again, key2 := load(told)
	if again != first || key2 != key {
		t.Errorf("after a body edit: site %p (was %p), key %x (was %x); want the same", again, first, key2, key)
	}
	if string(again.Roles[0].Body) != bodyBefore {
		t.Error("the site handed back was changed: its role has the new body")
	}
	if src := string(l.Source(a)); !strings.Contains(src, "Neuer Text.") {
		t.Errorf("Source has the old bytes: %q", src)
	}

	edit(loaderRole("Backend-Entwicklerin", "Neuer Text."))
	third, key3 := load(told)
	if third == first || key3 == key {
		t.Error("a title edit handed back the old site or key")
	}
	if third.Roles[0].Title != "Backend-Entwicklerin" {
		t.Errorf("title %q", third.Roles[0].Title)
	}

	drop := NewLoader(fingerprint.NewSeed())
	site, _, k, _ := drop.Load(t.Context(), LoadConfig{Dir: dir, Drop: true})
	if k != 0 || site.Roles[0].Source != nil {
		t.Errorf("with Drop: key %x, source kept %v; want 0 and none", k, site.Roles[0].Source != nil)
	}
	if drop.SourceKey(a) == 0 {
		t.Error("with Drop, the file's key is gone")
	}
	drop.Release(site)
	if site.Roles[0].Pos != nil || drop.SourceKey(a) == 0 {
		t.Error("Release kept the positions or lost the file's key")
	}
	if again, _, _, errs := drop.Load(t.Context(), LoadConfig{Dir: dir}); errs.HasErrors() || len(again.Roles) != 2 || again.Roles[0].Source == nil {
		t.Errorf("a Load after Release: %v", errs.Err())
	}
}

// TestLoaderCloudflareRedirectCap: Cloudflare Pages reads at most 2,000
// static rules from _redirects and skips the rest, so a site for that host
// with more aliases stops at site.yaml's host with the count; 2,000 build,
// and so do 2,001 for a site that names no host (each alias also gets a
// redirect page there).
func TestLoaderCloudflareRedirectCap(t *testing.T) {
	site := func(host string, aliases int) map[string]string {
		files := map[string]string{"site.yaml": loaderSite + host}
		for r := 0; aliases > 0; r++ {
			var list []string
			for i := 0; i < 100 && aliases > 0; i++ {
				list = append(list, "/alt/"+itoa(r)+"-"+itoa(i)+"/")
				aliases--
			}
			files["roles/r"+itoa(r)+".md"] = "---\ntitle: Rolle " + itoa(r) + "\ncategory: tech\ndescription: Eine Rolle mit vielen alten Pfaden.\naliases: [" +
				strings.Join(list, ", ") + "]\n---\nText.\n"
		}
		return files
	}
	for _, tc := range []struct {
		name    string
		host    string
		aliases int
		want    string
	}{
		{"at the cap", "host: cloudflare-pages\n", 2000, ""},
		{"over the cap", "host: cloudflare-pages\n", 2001, "site.yaml:11:7: host: cloudflare-pages reads at most 2000 redirects from _redirects and skips the rest, but the roles have 2001 aliases"},
		{"over the cap, no host", "", 2001, ""},
		{"over the cap, netlify", "host: netlify\n", 2001, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := testtree.Write(t, t.TempDir(), site(tc.host, tc.aliases))
			_, _, _, errs := NewLoader(fingerprint.NewSeed()).Load(t.Context(), LoadConfig{Dir: dir})
			got := ""
			if errs.HasErrors() {
				got = errs.Err().Error()
			}
			if tc.want == "" && got != "" {
				t.Fatalf("load: %v", got)
			}
			if !strings.Contains(got, tc.want) || (tc.want != "" && !strings.Contains(got, filepath.Join(dir, "site.yaml"))) {
				t.Errorf("load: %q, want %q", got, tc.want)
			}
		})
	}
}

// TestApplyURLAndDirectApply: apply_url comes from the role, else from
// site.yaml's defaults; direct_apply: true stands only with an apply_url
// on the site's own host, where the application is completed.
func TestApplyURLAndDirectApply(t *testing.T) {
	const defaults = "defaults:\n  apply_url: https://bewerbung.example.org/\n"
	for _, tc := range []struct {
		name, site, front string
		wantURL, wantErr  string
	}{
		{"none", "", "", "", ""},
		{"from site.yaml", defaults, "", "https://bewerbung.example.org/", ""},
		{"role wins", defaults, "apply_url: https://ats.example.net/4711\n", "https://ats.example.net/4711", ""},
		{"not absolute", "", "apply_url: /bewerben/\n", "", `roles/a.md:5:12: apply_url: "/bewerben/" is not an absolute http or https URL`},
		{"direct, form on this site", "", "apply_url: https://example.com/bewerben/\ndirect_apply: true\n", "https://example.com/bewerben/", ""},
		{"direct, no form", "", "direct_apply: true\n", "", "roles/a.md:5:1: direct_apply: true says candidates apply on this site, but the role page takes no application"},
		{"direct, elsewhere", defaults, "direct_apply: true\n", "", `roles/a.md:5:1: direct_apply: true says candidates apply on this site, but apply_url "https://bewerbung.example.org/" sends them to another site`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := testtree.Write(t, t.TempDir(), map[string]string{
				"site.yaml":  loaderSite + tc.site,
				"roles/a.md": "---\ntitle: Backend-Entwickler\ncategory: tech\ndescription: Eine Rolle im Test der Bewerbungswege.\n" + tc.front + "---\nText.\n",
			})
			site, _, _, errs := NewLoader(fingerprint.NewSeed()).Load(t.Context(), LoadConfig{Dir: dir})
			if tc.wantErr != "" {
				if !errs.HasErrors() || !strings.Contains(errs.Err().Error(), tc.wantErr) {
					t.Fatalf("load: %v, want %q", errs, tc.wantErr)
				}
				return
			}
			if errs.HasErrors() {
				t.Fatalf("load: %v", errs)
			}
			if got := site.Roles[0].ApplyURL; got != tc.wantURL {
				t.Errorf("apply URL %q, want %q", got, tc.wantURL)
			}
		})
	}
}
