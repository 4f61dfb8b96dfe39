package static

import (
	"path/filepath"
	"slices"
	"testing"

	"rolesite/generator/diag"
)

func TestCollisions(t *testing.T) {
	role := diag.T(diag.OwnerRolePage, "content/roles/backend-entwickler.md")
	category := diag.T(diag.OwnerCategoryPage, "tech")
	generated := []Generated{
		{"index.html", diag.T(diag.OwnerHome)},
		{"tech/index.html", category},
		{"tech/backend-entwickler/index.html", role},
		{"jobs/backend/index.html", diag.T(diag.OwnerAlias, "content/roles/backend-entwickler.md")},
		{"404.html", diag.T(diag.OwnerNotFound)},
		{"sitemap.xml", diag.T(diag.OwnerSitemap)},
		{"robots.txt", diag.T(diag.OwnerRobots)},
		{"_redirects", diag.T(diag.OwnerRedirects)},
		{"assets/style.0123abcd.css", diag.T(diag.OwnerAsset)},
	}
	tests := []struct {
		name   string
		static []string
		want   []string // "static path: message"
	}{
		{"beside the generated files", []string{
			".well-known/security.txt", "tech/flyer.pdf", "tech/backend-entwickler/stellenprofil.pdf", "assets/logo.png", "jobs/index.html", "_headers",
		}, nil},
		{"the same file", []string{"robots.txt", "tech/backend-entwickler/index.html", "index.html", "_redirects", "assets/style.0123abcd.css", "jobs/backend/index.html"}, []string{
			"_redirects: _redirects is also a file the build writes (the redirect rules of the roles' aliases): remove or rename the static file",
			"assets/style.0123abcd.css: assets/style.0123abcd.css is also a file the build writes (the stylesheet or icon of the layouts): remove or rename the static file",
			"index.html: index.html is also a file the build writes (the home page): remove or rename the static file",
			"jobs/backend/index.html: jobs/backend/index.html is also a file the build writes (an alias of content/roles/backend-entwickler.md): remove or rename the static file",
			"robots.txt: robots.txt is also a file the build writes (the robots file, which names the sitemap): remove or rename the static file",
			"tech/backend-entwickler/index.html: tech/backend-entwickler/index.html is also a file the build writes (the page of content/roles/backend-entwickler.md): remove or rename the static file",
		}},
		{"a file where a folder goes", []string{"tech", "jobs/backend"}, []string{
			"jobs/backend: the build writes jobs/backend/index.html (an alias of content/roles/backend-entwickler.md), which needs a folder here: rename the static file",
			`tech: the build writes tech/index.html (the page of category "tech"), which needs a folder here: rename the static file`,
		}},
		{"a folder where a file goes", []string{"404.html/x.txt", "sitemap.xml/a/b.xml"}, []string{
			"404.html: 404.html is a file the build writes (the not-found page), so it cannot be a folder of static files: rename the folder",
			"sitemap.xml: sitemap.xml is a file the build writes (the sitemap), so it cannot be a folder of static files: rename the folder",
		}},
		{"case against a generated file", []string{"Index.html", "ROBOTS.TXT", "tech/Backend-Entwickler/x.pdf", "Assets/y.png"}, []string{
			"Assets: differs from assets (which the build writes: the stylesheet or icon of the layouts) only in case or in how a letter is encoded; a file system that ignores case (macOS, Windows) holds only one of them: rename one",
			"Index.html: differs from index.html (which the build writes: the home page) only in case or in how a letter is encoded; a file system that ignores case (macOS, Windows) holds only one of them: rename one",
			"ROBOTS.TXT: differs from robots.txt (which the build writes: the robots file, which names the sitemap) only in case or in how a letter is encoded; a file system that ignores case (macOS, Windows) holds only one of them: rename one",
			"tech/Backend-Entwickler: differs from tech/backend-entwickler (which the build writes: the page of content/roles/backend-entwickler.md) only in case or in how a letter is encoded; a file system that ignores case (macOS, Windows) holds only one of them: rename one",
		}},
		{"case among static files", []string{"Docs/a.pdf", "docs/b.pdf", "docs/c.pdf", "Logo.png", "logo.png", "caf\u00e9.txt", "cafe\u0301.txt"}, []string{
			"caf\u00e9.txt: differs from static/cafe\u0301.txt only in case or in how a letter is encoded; a file system that ignores case (macOS, Windows) holds only one of them: rename one",
			"docs: differs from static/Docs only in case or in how a letter is encoded; a file system that ignores case (macOS, Windows) holds only one of them: rename one",
			"logo.png: differs from static/Logo.png only in case or in how a letter is encoded; a file system that ignores case (macOS, Windows) holds only one of them: rename one",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var files []File
			sorted := slices.Clone(tt.static)
			slices.Sort(sorted) // as List returns them
			for _, p := range sorted {
				files = append(files, File{Path: p, Src: filepath.Join("static", filepath.FromSlash(p))})
			}
			var got []string
			for _, d := range Collisions("static", files, generated) {
				got = append(got, d.String()[len("static/"):])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("collisions\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// Collisions speak the site's language.
func TestCollisionsInGerman(t *testing.T) {
	files := []File{{Path: "robots.txt", Src: "static/robots.txt"}}
	got := Collisions("static", files, []Generated{{"robots.txt", diag.T(diag.OwnerRobots)}})
	want := "static/robots.txt: robots.txt ist auch eine Datei, die der Build schreibt (die robots-Datei, die die Sitemap nennt): bitte die Datei in static entfernen oder umbenennen"
	if len(got) != 1 || got[0].Text(diag.German) != want {
		t.Errorf("got %v, want %q", got.Text(diag.German), want)
	}
}
