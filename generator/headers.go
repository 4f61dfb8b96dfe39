package generator

import (
	"path/filepath"
	"slices"
	"strings"

	"rolesite/generator/content"
	"rolesite/generator/diag"
	"rolesite/generator/output"
)

// headersFile makes the _headers file of a build whose pages are plan and
// whose other files are extra: the build's rules (output.DefaultHeaderRules)
// changed by layouts/_headers (output.MergeHeaders). ok is false when
// site.yaml's host reads no _headers (output.WritesHeaders); a
// layouts/_headers is then reported as having no effect.
//
// Beside the problems of the merge it reports, at the line of
// layouts/_headers, each header it sets that another rule sets too for a
// file of the site, and, for a site that may be on Cloudflare Pages, what
// that host would not read: past 100 rules or 2,000 characters a line, an
// error with host: cloudflare-pages and a warning with no host.
func headersFile(cfg Config, site *content.Site, plan []job, extra []output.File, user userHeaders) (output.File, bool, diag.List) {
	var errs diag.List
	if !output.WritesHeaders(site.Host) {
		if user.path != "" {
			errs.Warn(diag.Position{Path: user.path}, diag.HeadersNotWritten, site.Host)
		}
		return output.File{}, false, errs
	}
	var root []string
	for _, j := range plan {
		if !strings.Contains(j.path, "/") {
			root = append(root, j.path)
		}
	}
	for _, f := range extra {
		if !strings.Contains(f.Path, "/") {
			root = append(root, f.Path)
		}
	}
	// The pages' folders: the categories' in site.yaml's order, then the
	// others (locations, feeds of other boards) by name.
	folders := make([]string, 0, len(site.Categories)+2)
	seen := map[string]bool{"assets": true}
	for _, c := range site.Categories {
		folders = append(folders, c.Key)
		seen[c.Key] = true
	}
	var others []string
	addFolder := func(p string) {
		if dir, _, ok := strings.Cut(p, "/"); ok && !seen[dir] {
			seen[dir] = true
			others = append(others, dir)
		}
	}
	for _, j := range plan {
		addFolder(j.path)
	}
	for _, f := range extra {
		addFolder(f.Path)
	}
	slices.Sort(others)
	folders = append(folders, others...)
	rules := output.DefaultHeaderRules(root, folders)
	if user.path != "" {
		var merrs diag.List
		rules, merrs = output.MergeHeaders(rules, user.rules, user.path)
		errs.Append(merrs)
		urls := make([]string, 0, len(plan)+len(extra))
		for _, j := range plan {
			urls = append(urls, "/"+strings.TrimSuffix(j.path, "index.html"))
		}
		for _, f := range extra {
			urls = append(urls, "/"+f.Path)
		}
		for _, o := range output.HeaderOverlaps(rules, urls) {
			msg := diag.HeadersOverlap
			if strings.EqualFold(o.Header.Name, "Content-Security-Policy") {
				msg = diag.HeadersOverlapCSP
			}
			errs.Warn(diag.Position{Path: user.path, Line: o.Header.Line, Column: o.Header.Column}, msg, o.Rule, o.Header.Name, o.Other, o.Example)
		}
	}
	if site.Host == "cloudflare-pages" || site.Host == "" {
		report := errs.Add
		if site.Host == "" {
			report = errs.Warn
		}
		// A problem of the build's own rules (too many categories) is
		// reported at host, or at site.yaml when it names none.
		sitePos := site.HostPos
		if sitePos.Path == "" {
			sitePos = diag.Position{Path: filepath.Join(cfg.ContentDir, "site.yaml")}
		}
		tooMany, long := output.CheckHeaderLimits(rules)
		if tooMany {
			pos := sitePos
			if user.path != "" && len(user.rules) > 0 {
				pos = diag.Position{Path: user.path}
			}
			report(pos, diag.HeadersTooManyRules, len(rules), output.MaxHeaderRules)
		}
		for _, l := range long {
			pos := sitePos
			if l.Line > 0 {
				pos = diag.Position{Path: user.path, Line: l.Line, Column: 1}
			}
			report(pos, diag.HeadersLineTooLong, l.Chars, output.MaxHeaderLine)
		}
	}
	return output.FormatHeaders(rules), true, errs
}
