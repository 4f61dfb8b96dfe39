package render

import (
	"bytes"
	"encoding/json"
	"fmt"

	"rolesite/generator/content"
)

// Role pages are nearly all of a site's pages. Executing role.html through
// html/template costs a reflective call for every field, function and
// escaper on the page (about 150 µs a page, a seventh of the CPU time of a
// 10,000-role build). When none of the templates a role page is made of
// (_base.html, _partials.html, role.html) is overridden in layouts/, the
// renderer writes role pages with writeRoleFast instead: the same bytes,
// written directly, with the escaping html/template applies in each place.
// TestFastRoleMatchesTemplates renders pages both ways, hostile text in
// every field included, and requires equal bytes; a change to one of those
// three built-in templates must be made here too, which that test enforces.

// fastRoleSources are the built-in templates writeRoleFast reproduces.
var fastRoleSources = []string{"_base.html", "_partials.html", "role.html"}

// urlAttr is the URL attribute escaping of the hand-written writer.
func urlAttr(w *bytes.Buffer, s string, trusted bool) {
	if !trusted {
		s = filterURL(s)
	}
	htmlEscaped(w, normalizeURL(s))
}

func htmlEscaped(w *bytes.Buffer, s string) { escapeHTML(w, s) }

func jsonLD(w *bytes.Buffer, v any) error {
	start := w.Len()
	if err := json.NewEncoder(w).Encode(v); err != nil {
		w.Truncate(start)
		return err
	}
	w.Truncate(w.Len() - 1)
	return nil
}

// writeRoleFast writes the role page p as the built-in templates do.
func (r *Renderer) writeRoleFast(w *bytes.Buffer, c *Context, p *Page, in RoleInput) error {
	site := p.Site
	w.WriteString("<!DOCTYPE html>\n<html lang=\"")
	htmlEscaped(w, site.Language)
	w.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	htmlEscaped(w, p.Title)
	w.WriteString("</title>\n<meta name=\"description\" content=\"")
	htmlEscaped(w, p.Description)
	w.WriteString("\">\n<link rel=\"canonical\" href=\"")
	urlAttr(w, p.Canonical, false)
	w.WriteString("\">\n")
	if p.NoIndex {
		w.WriteString("<meta name=\"robots\" content=\"noindex, follow\">\n")
	}
	w.WriteString("<meta property=\"og:type\" content=\"")
	htmlEscaped(w, p.OGType)
	w.WriteString("\">\n<meta property=\"og:title\" content=\"")
	htmlEscaped(w, p.Heading)
	w.WriteString("\">\n<meta property=\"og:description\" content=\"")
	htmlEscaped(w, p.Description)
	w.WriteString("\">\n<meta property=\"og:url\" content=\"")
	htmlEscaped(w, p.Canonical)
	w.WriteString("\">\n<meta property=\"og:site_name\" content=\"")
	htmlEscaped(w, site.Title)
	w.WriteString("\">\n")
	if site.OGLocale != "" {
		w.WriteString("<meta property=\"og:locale\" content=\"")
		htmlEscaped(w, site.OGLocale)
		w.WriteString("\">\n")
	}
	if site.Logo != "" {
		w.WriteString("<meta property=\"og:image\" content=\"")
		htmlEscaped(w, site.Logo)
		w.WriteString("\">\n")
	}
	w.WriteString("<meta name=\"twitter:card\" content=\"summary\">\n<meta name=\"twitter:title\" content=\"")
	htmlEscaped(w, p.Heading)
	w.WriteString("\">\n<meta name=\"twitter:description\" content=\"")
	htmlEscaped(w, p.Description)
	w.WriteString("\">\n<meta name=\"theme-color\" content=\"#0b4f6c\" media=\"(prefers-color-scheme: light)\">\n<meta name=\"theme-color\" content=\"#0f1518\" media=\"(prefers-color-scheme: dark)\">\n<link rel=\"icon\" href=\"")
	urlAttr(w, site.Favicon, false)
	w.WriteString("\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"")
	urlAttr(w, site.CSS, false)
	w.WriteString("\">\n")
	for _, v := range p.JSONLD {
		w.WriteString("<script type=\"application/ld+json\">")
		if err := jsonLD(w, v); err != nil {
			return fmt.Errorf("render role page %s: %w", p.Canonical, err)
		}
		w.WriteString("</script>\n")
	}
	w.WriteString("</head>\n<body class=\"page-")
	htmlEscaped(w, p.Kind)
	w.WriteString("\">\n<a class=\"skip\" href=\"#inhalt\">Zum Inhalt springen</a>\n<header class=\"site-header\">\n<div class=\"wrap\">\n<a class=\"brand\" href=\"/\"><img src=\"")
	urlAttr(w, site.Favicon, false)
	w.WriteString("\" alt=\"\" width=\"28\" height=\"28\"><span>")
	htmlEscaped(w, site.Title)
	w.WriteString("</span></a>\n")
	if site.Email != "" {
		w.WriteString("<a class=\"header-contact\" href=\"mailto:")
		htmlEscaped(w, normalizeURL(site.Email))
		w.WriteString("\">Kontakt</a>")
	}
	w.WriteString("\n</div>\n</header>\n")
	if len(p.Crumbs) > 0 {
		w.WriteString("<nav class=\"breadcrumb wrap\" aria-label=\"Brotkrumennavigation\">\n<ol>")
		for i, c := range p.Crumbs {
			if i == len(p.Crumbs)-1 {
				w.WriteString("<li><span aria-current=\"page\">")
				htmlEscaped(w, c.Name)
				w.WriteString("</span></li>")
			} else {
				w.WriteString("<li><a href=\"")
				urlAttr(w, c.Path, false)
				w.WriteString("\">")
				htmlEscaped(w, c.Name)
				w.WriteString("</a></li>")
			}
		}
		w.WriteString("</ol>\n</nav>")
	}
	w.WriteString("\n<main id=\"inhalt\">\n")
	if err := r.writeRoleMain(w, c, p, in); err != nil {
		return err
	}
	w.WriteString("\n</main>\n")
	writeFooterFast(w, site)
	w.WriteString("\n</body>\n</html>\n\n\n")
	return nil
}

// writeRoleMain writes role.html's "main".
func (r *Renderer) writeRoleMain(w *bytes.Buffer, c *Context, p *Page, in RoleInput) error {
	rv, site := p.Role, p.Site
	w.WriteString("<article class=\"role wrap\">\n<header class=\"role-header\">\n<p class=\"role-kicker\">")
	writeBadge(w, rv.Status)
	w.WriteString(" <a href=\"")
	urlAttr(w, rv.CategoryPath, false)
	w.WriteString("\">")
	htmlEscaped(w, rv.CategoryTitle)
	w.WriteString("</a></p>\n<h1>")
	htmlEscaped(w, p.Heading)
	w.WriteString("</h1>\n")
	if len(rv.Synonyms) > 0 {
		w.WriteString("<p class=\"aka\">Auch: ")
		for i, s := range rv.Synonyms {
			if i > 0 {
				w.WriteString(", ")
			}
			htmlEscaped(w, s)
		}
		w.WriteString("</p>\n")
	}
	switch rv.Status {
	case "closed":
		w.WriteString("<p class=\"notice notice-closed\" role=\"status\"><strong>Diese Position ist derzeit nicht offen.</strong> Die Ausschreibung endete am <time datetime=\"")
		htmlEscaped(w, rv.ValidThroughISO)
		w.WriteString("\">")
		htmlEscaped(w, rv.ValidThrough)
		w.WriteString("</time>. Die Rollenbeschreibung bleibt hier; für ähnliche Mandate sprechen Sie uns gerne an.</p>\n")
	case "description":
		w.WriteString("<p class=\"notice\" role=\"note\">Rollenprofil: Zu dieser Rolle ist gerade keine Position ausgeschrieben. Wir beraten Sie gerne zu aktuellen und kommenden Mandaten.</p>\n")
	}
	w.WriteString("<dl class=\"facts\">\n")
	if rv.Remote {
		w.WriteString("<div class=\"fact-location\"><dt>Arbeitsort</dt><dd>100&nbsp;% remote")
		if rv.RemoteCountries != "" {
			w.WriteString(" aus ")
			htmlEscaped(w, rv.RemoteCountries)
		}
		w.WriteString("</dd></div>\n")
	} else if rv.Location != "" {
		w.WriteString("<div class=\"fact-location\"><dt>Arbeitsort</dt><dd>")
		htmlEscaped(w, rv.Location)
		w.WriteString("</dd></div>\n")
	}
	if rv.Salary != "" {
		w.WriteString("<div class=\"fact-salary\"><dt>Gehaltsband</dt><dd>")
		htmlEscaped(w, rv.Salary)
		w.WriteString("</dd></div>\n")
	}
	if len(rv.EmploymentTypes) > 0 {
		w.WriteString("<div><dt>Anstellung</dt><dd>")
		for i, t := range rv.EmploymentTypes {
			if i > 0 {
				w.WriteString(", ")
			}
			htmlEscaped(w, t)
		}
		w.WriteString("</dd></div>\n")
	}
	if rv.Status == "open" {
		if rv.Employer != "" {
			w.WriteString("<div><dt>Arbeitgeber</dt><dd>")
			if rv.EmployerURL != "" {
				w.WriteString("<a href=\"")
				urlAttr(w, rv.EmployerURL, false)
				w.WriteString("\">")
				htmlEscaped(w, rv.Employer)
				w.WriteString("</a>")
			} else {
				htmlEscaped(w, rv.Employer)
			}
			w.WriteString("</dd></div>\n")
		}
		if rv.DatePosted != "" {
			w.WriteString("<div class=\"fact-date\"><dt>Ausgeschrieben</dt><dd>seit <time datetime=\"")
			htmlEscaped(w, rv.DatePostedISO)
			w.WriteString("\">")
			htmlEscaped(w, rv.DatePosted)
			w.WriteString("</time>")
			if rv.ValidThrough != "" {
				w.WriteString(", bis <time datetime=\"")
				htmlEscaped(w, rv.ValidThroughISO)
				w.WriteString("\">")
				htmlEscaped(w, rv.ValidThrough)
				w.WriteString("</time>")
			}
			w.WriteString("</dd></div>\n")
		}
	}
	w.WriteString("</dl>\n")
	if len(rv.Skills) > 0 {
		w.WriteString("<h2 class=\"label\" id=\"faehigkeiten\">Gefragte Fähigkeiten</h2>\n<ul class=\"skills\" aria-labelledby=\"faehigkeiten\">")
		for _, s := range rv.Skills {
			w.WriteString("<li>")
			htmlEscaped(w, s)
			w.WriteString("</li>")
		}
		w.WriteString("</ul>\n")
	}
	w.WriteString("<p class=\"cta-top\"><a class=\"button\" href=\"#kontakt-titel\">")
	if rv.Status == "open" {
		w.WriteString("Jetzt bewerben oder Fragen stellen")
	} else {
		w.WriteString("Kontakt aufnehmen")
	}
	w.WriteString("</a></p>\n</header>\n<div class=\"role-layout\">\n<div class=\"prose\">\n")
	w.WriteString(string(rv.Body))
	w.WriteString("\n</div>\n")
	writeContactFast(w, site, rv)
	w.WriteString("\n</div>\n")
	if len(in.Related) > 0 || len(in.MentionedIn) > 0 {
		w.WriteString("<nav class=\"graph\" aria-label=\"Verwandte Rollen\">\n")
		if len(in.Related) > 0 {
			w.WriteString("<section aria-labelledby=\"verwandt\">\n<h2 id=\"verwandt\">Verwandte Rollen</h2>\n<ul class=\"role-list\">")
			if err := r.writeCards(w, c, in.Related); err != nil {
				return err
			}
			w.WriteString("</ul>\n</section>\n")
		}
		if len(in.MentionedIn) > 0 {
			w.WriteString("<section aria-labelledby=\"erwaehnt\">\n<h2 id=\"erwaehnt\">Erwähnt in</h2>\n<ul class=\"role-list\">")
			if err := r.writeCards(w, c, in.MentionedIn); err != nil {
				return err
			}
			w.WriteString("</ul>\n</section>\n")
		}
		w.WriteString("</nav>")
	}
	w.WriteString("\n</article>\n")
	return nil
}

// writeCards writes the "rolecard" partial of each role, from the card
// cache.
func (r *Renderer) writeCards(w *bytes.Buffer, c *Context, roles []*content.Role) error {
	for _, role := range roles {
		html, err := c.card(role, r.roleCard)
		if err != nil {
			return err
		}
		w.WriteString(string(html))
	}
	return nil
}

// writeBadge writes the "badge" partial.
func writeBadge(w *bytes.Buffer, status string) {
	switch status {
	case "open":
		w.WriteString("<span class=\"badge badge-open\">Offene Position</span>")
	case "closed":
		w.WriteString("<span class=\"badge badge-closed\">Ausschreibung beendet</span>")
	default:
		w.WriteString("<span class=\"badge\">Rollenprofil</span>")
	}
}

// writeContactFast writes the "contact" partial of a role page.
func writeContactFast(w *bytes.Buffer, site *SiteView, rv *RoleView) {
	open := rv.Status == "open"
	w.WriteString("<aside class=\"contact\" aria-labelledby=\"kontakt-titel\">\n<h2 id=\"kontakt-titel\">")
	if open {
		w.WriteString("Interesse an dieser Position?")
	} else {
		w.WriteString("Sprechen Sie mit uns")
	}
	w.WriteString("</h2>\n<p>")
	if open {
		w.WriteString("Schicken Sie uns Ihren Lebenslauf oder rufen Sie an: Wir melden uns innerhalb von zwei Werktagen, vertraulich.")
	} else {
		w.WriteString("Wir kennen aktuelle und kommende Mandate für diese Rolle und beraten Sie vertraulich.")
	}
	w.WriteString("</p>\n<p class=\"contact-actions\">")
	if site.Email != "" {
		subject := rv.Title
		if subject == "" {
			subject = "Initiativbewerbung"
		}
		w.WriteString("<a class=\"button\" href=\"")
		urlAttr(w, mailtoURL(site.Email, subject), false)
		w.WriteString("\">E-Mail an ")
		htmlEscaped(w, site.AgencyName)
		w.WriteString("</a>")
	}
	if site.Phone != "" {
		w.WriteString(" <a class=\"button button-secondary\" href=\"")
		urlAttr(w, string(telURL(site.Phone)), true)
		w.WriteString("\">Anrufen: <span class=\"nowrap\">")
		htmlEscaped(w, site.Phone)
		w.WriteString("</span></a>")
	}
	w.WriteString("</p>\n</aside>")
}

// writeFooterFast writes the "footer" partial.
func writeFooterFast(w *bytes.Buffer, site *SiteView) {
	w.WriteString("<footer class=\"site-footer\">\n<div class=\"wrap\">\n<p class=\"footer-name\">")
	htmlEscaped(w, site.AgencyName)
	w.WriteString("</p>\n<ul class=\"footer-links\">")
	if site.Email != "" {
		w.WriteString("<li><a href=\"mailto:")
		htmlEscaped(w, normalizeURL(site.Email))
		w.WriteString("\">")
		htmlEscaped(w, site.Email)
		w.WriteString("</a></li>")
	}
	if site.Phone != "" {
		w.WriteString("<li><a href=\"")
		urlAttr(w, string(telURL(site.Phone)), true)
		w.WriteString("\">")
		htmlEscaped(w, site.Phone)
		w.WriteString("</a></li>")
	}
	w.WriteString("<li><a href=\"/\">Alle Fachbereiche und Rollen</a></li>")
	if site.AgencyURL != "" {
		w.WriteString("<li><a href=\"")
		urlAttr(w, site.AgencyURL, false)
		w.WriteString("\">Website der Agentur</a></li>")
	}
	w.WriteString("</ul>\n</div>\n</footer>")
}
