package scaffold

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"rolesite/generator/diag"
)

// exampleSlug is the role that a new site starts with.
const exampleSlug = "backend-entwickler"

// exampleRole is the filled-in role of a new site: a role description (no
// date_posted, so no JobPosting for a position that does not exist).
func exampleRole(today time.Time) role {
	title := TitleFromSlug(exampleSlug)
	return role{
		texts: &german,
		intro: []string{
			"Beispielrolle der neuen Website, angelegt mit build -init. Zeilen mit # sind",
			"Kommentare; um ein Feld zu setzen, löschen Sie das # am Zeilenanfang.",
			"Eine neue Rolle legt build -new FACHBEREICH/SLUG an.",
		},
		title:       title,
		category:    "tech-development",
		description: "Was Backend-Entwickler tun, mit wem sie arbeiten, was sie mitbringen und was sie verdienen: die Rolle im Überblick.",
		related:     "andere-rolle",
		today:       today.UTC(),
		sections: []section{
			{"Was macht ein " + title + "?", "Ein Backend-Entwickler baut den Teil einer Anwendung, den niemand sieht und auf den sich alle verlassen: Schnittstellen, Geschäftslogik, Datenhaltung und die Anbindung anderer Systeme. Er übersetzt fachliche Anforderungen in Datenmodelle, gut dokumentierte Schnittstellen und belastbare Tests."},
			{"Mit wem arbeitet ein " + title + " zusammen?", "Am engsten mit den Kolleginnen und Kollegen aus Frontend und App-Entwicklung, die seine Schnittstellen nutzen, mit der Qualitätssicherung, mit dem Betrieb und mit den Fachabteilungen, deren Abläufe die Software abbildet."},
			{"Was die stärksten Kandidatinnen und Kandidaten mitbringen", "- einige Jahre Erfahrung mit serverseitigen Anwendungen, etwa in Go, Java oder PHP\n- sicherer Umgang mit relationalen Datenbanken\n- Routine mit automatisierten Tests und Deployments\n- Rückfragen zur Fachlichkeit, bevor Code entsteht"},
			{"Wie man einsteigt", "Meist über ein Studium der Informatik oder eine Ausbildung zum Fachinformatiker für Anwendungsentwicklung; Quereinsteiger aus Mathematik, Physik oder den Ingenieurwissenschaften holen das Handwerkszeug oft schnell nach."},
			{"Wer einstellt", "Softwarehersteller, Onlinehändler, Banken und Versicherer, die Industrie und Agenturen: Backend-Entwickler werden fast überall gesucht."},
			{"Was das Gehalt bestimmt", "Vor allem Berufserfahrung, Verantwortung für Architektur und Betrieb, Branche und Standort.\n\n| Erfahrung | Jahresgehalt brutto |\n|---|---|\n| Junior | 48.000–58.000 € |\n| Professional | 58.000–75.000 € |\n| Senior | 75.000–90.000 € |"},
			{"Interesse?", "Melden Sie sich per E-Mail oder telefonisch. Ein Lebenslauf genügt für den Anfang; wir behandeln jede Anfrage vertraulich."},
		},
	}
}

// Init writes a new site into dir: dir/content/site.yaml, with the
// agency's fields (example values to replace) and two categories, and one
// example role in dir/content/roles/ (today dates its commented-out
// examples). The site builds and passes every
// check as written. Init refuses, writing nothing, a dir that already holds
// a content folder, a site.yaml or a roles folder (an ArgumentError). The
// files appear together: they are written into a hidden folder in dir and
// moved into place at once. It returns the paths written.
func Init(ctx context.Context, dir string, today time.Time) ([]string, error) {
	for _, name := range []string{"content", "site.yaml", "roles"} {
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); err == nil {
			return nil, argError(diag.InitExists, dir, p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, diag.Fail(err, diag.InitFailed, dir)
		}
	}
	var siteText bytes.Buffer
	if err := templates.ExecuteTemplate(&siteText, "site.yaml.tmpl", map[string]any{"Schema": schemaLine(SiteSchemaRef)}); err != nil {
		return nil, diag.Fail(diag.Fail(err, diag.WriteFailed, "site.yaml"), diag.InitFailed, dir)
	}
	roleText, err := exampleRole(today).render()
	if err != nil {
		return nil, diag.Fail(err, diag.InitFailed, dir)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, diag.Fail(err, diag.InitFailed, dir)
	}
	tmp, err := os.MkdirTemp(dir, ".rolesite-init-*")
	if err != nil {
		return nil, diag.Fail(err, diag.InitFailed, dir)
	}
	defer os.RemoveAll(tmp)
	files := []struct {
		rel  string
		data []byte
	}{
		{filepath.Join("content", "site.yaml"), siteText.Bytes()},
		{filepath.Join("content", "roles", exampleSlug+".md"), roleText},
	}
	var written []string
	for _, f := range files {
		p := filepath.Join(tmp, f.rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, diag.Fail(err, diag.InitFailed, dir)
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return nil, diag.Fail(err, diag.InitFailed, dir)
		}
		written = append(written, filepath.Join(dir, f.rel))
	}
	// A folder cannot be renamed onto a folder that holds files, so a
	// content folder made meanwhile is never replaced.
	if err := os.Rename(filepath.Join(tmp, "content"), filepath.Join(dir, "content")); err != nil {
		return nil, diag.Fail(err, diag.InitFailed, dir)
	}
	return written, nil
}
