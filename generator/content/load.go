package content

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"rolesite/generator/diag"
	"rolesite/internal/slug"
)

// ValidSlug reports whether s matches ^[a-z0-9]+(?:-[a-z0-9]+)*$: lowercase
// letters a-z and digits in words joined by single hyphens.
func ValidSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// slugRenames proposes a slug for each role whose file name is none: the
// name's words as a slug ("Führung" -> "fuehrung"), unless no letter is
// left, another file has that name, or two files would get it.
func slugRenames(parsed []*Role) map[*Role]string {
	taken := map[string]int{}
	proposed := map[*Role]string{}
	for _, p := range parsed {
		if ValidSlug(p.Slug) {
			taken[p.Slug]++
		} else if to := slug.Make(p.Slug); to != "" {
			proposed[p] = to
			taken[to]++
		}
	}
	for p, to := range proposed {
		if taken[to] > 1 {
			delete(proposed, p)
		}
	}
	return proposed
}

// RoleFile is a role file found under roles/: its display path and slug.
type RoleFile struct {
	Path string // display path, e.g. content/roles/backend-entwickler.md
	Slug string
	// Link is set when the file is a symbolic link (to a file inside the
	// content folder): a change to it shows as a change of its target.
	Link bool
}

// maxCloudflareRedirects is the most static rules Cloudflare Pages reads
// from _redirects; it skips the rest
// (https://developers.cloudflare.com/pages/configuration/redirects/#per-file).
const maxCloudflareRedirects = 2000

// ReadSite reads and parses site.yaml.
func ReadSite(path string) (*Site, diag.List) {
	site, _, errs := readSite(path)
	return site, errs
}

// readSite is ReadSite that also returns the bytes it parsed (nil when it
// could not read them).
func readSite(path string) (*Site, []byte, diag.List) {
	var errs diag.List
	src, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			errs.Add(diag.Position{Path: path}, diag.SiteMissing)
		} else {
			errs.Add(diag.Position{Path: path}, diag.SiteUnreadable, unwrapPathError(err))
		}
		return nil, nil, errs
	}
	site, perrs := ParseSite(path, src)
	if perrs.HasErrors() {
		return nil, src, perrs
	}
	return site, src, perrs
}

// ReadRole reads and parses one role file. info is the file's stat when
// the caller has made one (the size limit is checked on it), or nil: ReadRole
// then stats the file itself.
func ReadRole(f RoleFile, limits Limits, info fs.FileInfo) (*Role, diag.List) {
	if info == nil {
		info, _ = os.Stat(f.Path) // on an error, reading the file says why
	}
	var errs diag.List
	limits = limits.withDefaults()
	if info != nil && info.Size() > int64(limits.MaxFileBytes) {
		errs.Add(diag.Position{Path: f.Path, Line: 1, Column: 1}, diag.FileTooLarge, info.Size(), limits.MaxFileBytes)
		return nil, errs
	}
	src, err := os.ReadFile(f.Path)
	if err != nil {
		errs.Add(diag.Position{Path: f.Path}, diag.RoleUnreadable, unwrapPathError(err))
		return nil, errs
	}
	return ParseRole(f.Path, f.Slug, src, limits)
}

func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// FindRoles lists the role files under dir/roles, in every sub-folder, in
// path order. Symbolic links are followed only when they stay inside dir.
func FindRoles(dir string) ([]RoleFile, diag.List) {
	var errs diag.List
	root := filepath.Join(dir, "roles")
	absDir, _ := filepath.Abs(dir)
	realDir, err := filepath.EvalSymlinks(absDir)
	if err != nil {
		realDir = absDir
	}
	var files []RoleFile
	err = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		link := false
		if err != nil {
			if path == root && errors.Is(err, fs.ErrNotExist) {
				errs.Add(diag.Position{Path: root}, diag.RolesFolderMissing)
				return fs.SkipAll
			}
			errs.Add(diag.Position{Path: path}, diag.Unreadable, unwrapPathError(err))
			if e != nil && e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := e.Name()
		if path != root && strings.HasPrefix(name, ".") {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		isMD := strings.HasSuffix(name, ".md")
		if e.Type()&fs.ModeSymlink != 0 {
			target, terr := filepath.EvalSymlinks(path)
			if terr != nil {
				errs.Add(diag.Position{Path: path}, diag.BrokenSymlink, unwrapPathError(terr))
				return nil
			}
			if rel, rerr := filepath.Rel(realDir, target); rerr != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				errs.Add(diag.Position{Path: path}, diag.SymlinkOutside, target)
				return nil
			}
			link = true
			info, serr := os.Stat(path)
			if serr != nil || !info.Mode().IsRegular() {
				if isMD {
					errs.Add(diag.Position{Path: path}, diag.SymlinkToFolder)
				}
				return nil
			}
		} else if e.IsDir() {
			if isMD {
				errs.Add(diag.Position{Path: path}, diag.FolderNamedLikeMD)
				return fs.SkipDir
			}
			return nil
		} else if !e.Type().IsRegular() {
			return nil
		}
		if !isMD {
			if msg := misnamedRole(path, name); !msg.IsZero() {
				errs.Warn(diag.Position{Path: path}, diag.NotBuilt, msg)
			}
			return nil
		}
		files = append(files, RoleFile{Path: path, Slug: strings.TrimSuffix(name, ".md"), Link: link})
		return nil
	})
	if err != nil {
		errs.Add(diag.Position{Path: root}, diag.RolesUnlistable, err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, errs
}

// notRoleEndings are file name endings of Markdown or text files that an
// editor meant as roles, but only .md files are: .MD, .markdown, .txt
// (compared without case) and Notepad's x.md.txt.
var notRoleEndings = []string{".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".txt"}

// misnamedRole returns why the file path, named name, is not built although
// its name says it is meant as a role, with the rename that makes it one;
// the zero Text for any other file.
func misnamedRole(path, name string) diag.Text {
	base := name
	for {
		lower := strings.ToLower(base)
		if i := strings.Index(lower, ".md."); i > 0 {
			base = base[:i]
			continue
		}
		trimmed := false
		for _, end := range notRoleEndings {
			if strings.HasSuffix(lower, end) && len(base) > len(end) {
				base, trimmed = base[:len(base)-len(end)], true
				break
			}
		}
		if !trimmed {
			break
		}
	}
	if base == name {
		return diag.Text{}
	}
	if lower := strings.ToLower(base); !ValidSlug(base) && ValidSlug(lower) {
		base = lower
	}
	target := base + ".md"
	if _, err := os.Lstat(filepath.Join(filepath.Dir(path), target)); err == nil {
		return diag.T(diag.MisnamedRoleCopy, target)
	}
	return diag.T(diag.MisnamedRole, target)
}

// Parts are what Assemble puts together.
type Parts struct {
	// Site is site.yaml as parsed.
	Site *Site
	// Roles are the role files that parsed.
	Roles []*Role
	// Unreadable holds the slugs of role files that could not be read or
	// parsed: they have their own errors, so references to them are not
	// reported again.
	Unreadable map[string]bool
	// Added tells when each role file (by path) was added: its first git
	// commit, else its modification time. Of two files that claim the
	// same alias, or share a description, the one added later is blamed;
	// a file not in Added counts as the newest.
	Added map[string]time.Time
	// Drafts publishes roles with draft: true.
	Drafts bool
	// NameKey gives the form under which the linker matches a title or
	// synonym ("" for a name it ignores). Names with the same key claimed
	// by two roles are an error; nil skips the check.
	NameKey func(name string) string
}

// Assemble checks what depends on more than one file (slugs, categories,
// related roles, aliases, descriptions), applies the site's defaults and
// orders the roles. It never modifies the parsed roles: each published
// role in the returned site is a copy, so parsed roles can be cached
// across builds.
func Assemble(in Parts) (*Site, diag.List) {
	site, parsed, unreadable, drafts := in.Site, in.Roles, in.Unreadable, in.Drafts
	var errs diag.List
	out := *site
	out.Categories = make([]*Category, len(site.Categories))
	catIndex := map[string]int{}
	catKeys := make([]string, len(site.Categories))
	for i, c := range site.Categories {
		cc := *c
		cc.Roles = nil
		out.Categories[i] = &cc
		catIndex[c.Key] = i
		catKeys[i] = c.Key
	}
	out.Roles = nil

	bySlug := map[string]*Role{}
	folded := map[string]*Role{}
	renames := slugRenames(parsed)
	for _, p := range parsed {
		// Check duplicates before the slug rule, so that Backend.md next to
		// backend.md is reported as the clash it is on a case-insensitive
		// file system, not only as a bad name.
		if prev, dup := folded[strings.ToLower(p.Slug)]; dup {
			errs.Add(diag.Position{Path: p.Path}, diag.DuplicateSlug, p.Slug, prev.Path)
			errs.Add(diag.Position{Path: prev.Path}, diag.DuplicateSlug, p.Slug, p.Path)
		} else {
			folded[strings.ToLower(p.Slug)] = p
		}
		if !ValidSlug(p.Slug) {
			if to := renames[p]; to != "" {
				errs.Add(diag.Position{Path: p.Path}, diag.BadSlugRename, p.Slug+".md", to+".md")
			} else {
				errs.Add(diag.Position{Path: p.Path}, diag.BadSlug, p.Slug+".md", diag.SlugRule)
			}
			continue
		}
		if _, taken := bySlug[p.Slug]; !taken {
			bySlug[p.Slug] = p
		}
	}
	for _, p := range parsed {
		if bySlug[p.Slug] != p {
			continue
		}
		if _, ok := catIndex[p.Category]; !ok && p.Category != "" {
			errs.Add(p.KeyPos("category"), diag.UnknownCategory, p.Category, HintOrList(p.Category, catKeys))
		}
	}
	// Pages and aliases must not claim one URL. The owner of each URL is
	// described only when another claims it.
	type urlOwner struct {
		kind int // 0: a category's page, 1: a role's page, 2: an alias
		name string
	}
	describe := func(o urlOwner) diag.Text {
		switch o.kind {
		case 0:
			return diag.T(diag.OwnerCategoryPage, o.name)
		case 1:
			return diag.T(diag.OwnerRolePage, o.name)
		}
		return diag.T(diag.OwnerAlias, o.name)
	}
	urls := make(map[string]urlOwner, len(site.Categories)+2*len(parsed))
	locSeg, pageSeg := site.LocationSegment(), site.PageSegment()
	for _, c := range site.Categories {
		urls["/"+c.Key+"/"] = urlOwner{0, c.Key}
		if c.Key == locSeg {
			errs.Add(c.Pos, diag.CategoryIsLocations, c.Key, "/"+locSeg+"/")
		}
	}
	// listingOwner names the generated list pages that would take the
	// alias path a: the location pages, or a category's further pages.
	listingOwner := func(a string) (diag.Text, bool) {
		seg := strings.Split(strings.Trim(a, "/"), "/")
		switch {
		case seg[0] == locSeg:
			return diag.T(diag.OwnerLocationPages, "/"+locSeg+"/"), true
		case len(seg) > 1 && seg[1] == pageSeg && slices.Contains(catKeys, seg[0]):
			return diag.T(diag.OwnerFurtherPages, seg[0]), true
		}
		return diag.Text{}, false
	}
	published := make([]*Role, 0, len(parsed))
	for _, p := range parsed {
		if bySlug[p.Slug] != p || (p.Draft && !drafts) {
			continue
		}
		r := *p
		applyDefaults(&r, site.Defaults)
		errs.Append(checkDirectApply(&r, site.BaseURL))
		r.urlPath = "/" + r.Category + "/" + r.Slug + "/"
		published = append(published, &r)
		urls[r.URLPath()] = urlOwner{1, r.Path}
	}
	publishedSlugs := make(map[string]bool, len(published))
	for _, r := range published {
		publishedSlugs[r.Slug] = true
	}
	// Claims are settled oldest file first, so that a copy of a role is
	// told that its aliases are taken, not the role it was copied from.
	byAge := slices.Clone(published)
	sort.SliceStable(byAge, func(i, j int) bool { return in.older(byAge[i], byAge[j]) })
	descriptions := make(map[string]*Role, len(byAge))
	errs.Append(in.nameClashes(byAge))
	for _, r := range byAge {
		key := strings.ToLower(strings.Join(strings.Fields(r.Description), " "))
		if first, dup := descriptions[key]; dup {
			errs.Warn(r.KeyPos("description"), diag.DuplicateDescription, first.Path)
			continue
		}
		descriptions[key] = r
	}
	errs.Append(localityClashes(byAge, locSeg))
	aliases := 0
	for _, r := range byAge {
		for i, rel := range r.Related {
			pos := func() diag.Position { return r.KeyPos("related." + itoa(i)) }
			switch {
			case unreadable[rel] && bySlug[rel] == nil:
				// x.md has its own error; one cause, one message.
			case rel == r.Slug:
				errs.Add(pos(), diag.RelatedSelf, rel)
			case bySlug[rel] != nil && !publishedSlugs[rel]:
				errs.Add(pos(), diag.RelatedDraft, rel)
			case !publishedSlugs[rel]:
				errs.Add(pos(), diag.RelatedMissing, rel, hint(rel, sortedKeys(bySlug)))
			}
		}
		for i, a := range r.Aliases {
			pos := func() diag.Position { return r.KeyPos("aliases." + itoa(i)) }
			clean, reason := CleanAlias(a)
			if !reason.IsZero() {
				errs.Add(pos(), diag.BadAlias, a, reason)
				continue
			}
			if owner, taken := urls[clean]; taken {
				errs.Add(pos(), diag.AliasTaken, a, describe(owner))
				continue
			}
			if owner, taken := listingOwner(clean); taken {
				errs.Add(pos(), diag.AliasTaken, a, owner)
				continue
			}
			urls[clean] = urlOwner{2, r.Path}
			r.Aliases[i] = clean
			aliases++
		}
	}
	if site.Host == "cloudflare-pages" && aliases > maxCloudflareRedirects {
		errs.Add(site.HostPos, diag.TooManyRedirects, site.Host, aliases, maxCloudflareRedirects)
	}
	// Sort by category, then weight, title and slug; look each role's
	// category up once.
	cats := make(map[*Role]int, len(published))
	for _, r := range published {
		cats[r] = catIndex[r.Category]
	}
	sort.SliceStable(published, func(i, j int) bool {
		a, b := published[i], published[j]
		ca, cb := cats[a], cats[b]
		if ca != cb {
			return ca < cb
		}
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.Slug < b.Slug
	})
	for _, r := range published {
		if i, ok := catIndex[r.Category]; ok {
			out.Categories[i].Roles = append(out.Categories[i].Roles, r)
		}
	}
	out.Roles = published
	return &out, errs
}

// nameClashes reports each name that two roles claim, once per pair of
// roles, at the newer role's name (roles come oldest first): the editor
// who added or copied a role is the one to rename it.
func (in Parts) nameClashes(byAge []*Role) diag.List {
	if in.NameKey == nil {
		return nil
	}
	type claim struct {
		role *Role
		pos  diag.Position
	}
	var errs diag.List
	owner := map[string]claim{}
	type pair struct{ a, b *Role }
	told := map[pair]bool{}
	for _, r := range byAge {
		for j, name := range r.Names() {
			key := in.NameKey(name)
			if key == "" {
				continue
			}
			var pos diag.Position
			if j < len(r.NamePos) {
				pos = r.NamePos[j]
			}
			first, taken := owner[key]
			switch {
			case !taken:
				owner[key] = claim{r, pos}
			case first.role != r && !told[pair{first.role, r}]:
				told[pair{first.role, r}] = true
				errs.Add(pos, diag.NameTaken, strings.TrimSpace(name), first.role.Title, first.pos)
			}
		}
	}
	return errs
}

// older reports whether a's file was added before b's (by path when both
// were added at the same time).
func (in Parts) older(a, b *Role) bool {
	ta, aok := in.Added[a.Path]
	tb, bok := in.Added[b.Path]
	switch {
	case aok != bok:
		return aok
	case !ta.Equal(tb):
		return ta.Before(tb)
	}
	return a.Path < b.Path
}

// HintOrList returns " (did you mean "x"?)" for the entry of list closest
// to s, or " (defined: a, b)" listing them all when none is close.
func HintOrList(s string, list []string) diag.Text {
	if h := hint(s, list); !h.IsZero() {
		return h
	}
	return diag.T(diag.HintDefined, strings.Join(list, ", "))
}

// checkDirectApply refuses direct_apply: true where candidates cannot
// apply on the job's own site: Google's directApply says the application
// is completed there, without leaving it for another site. The built-in
// role page takes no application itself, so that needs an apply_url on
// the site's own host.
func checkDirectApply(r *Role, baseURL string) diag.List {
	var errs diag.List
	if !r.DirectApply {
		return errs
	}
	site, _ := url.Parse(baseURL)
	switch apply, err := url.Parse(r.ApplyURL); {
	case r.ApplyURL == "":
		errs.Add(r.KeyPos("direct_apply"), diag.DirectApplyNoForm)
	case err != nil || site == nil || !strings.EqualFold(apply.Host, site.Host):
		errs.Add(r.KeyPos("direct_apply"), diag.DirectApplyElsewhere, r.ApplyURL)
	}
	return errs
}

func applyDefaults(r *Role, d Defaults) {
	if !r.set.employmentType && len(d.EmploymentType) > 0 {
		r.EmploymentType = d.EmploymentType
	}
	if !r.set.location && !r.Remote {
		r.Location = d.Location
	}
	if !r.set.hiringOrganization {
		r.HiringOrganization = d.HiringOrganization
	}
	if r.Salary != nil && !r.set.salaryCurrency {
		s := *r.Salary
		s.Currency = d.SalaryCurrency
		r.Salary = &s
	}
	if r.ApplyURL == "" {
		r.ApplyURL = d.ApplyURL
	}
	r.Aliases = append([]string(nil), r.Aliases...)
}

// URLPath is the role page's path below the base URL: /<category>/<slug>/.
// Assemble fixes it for the roles of the site it returns; a role made
// otherwise computes it at each call.
func (r *Role) URLPath() string {
	if r.urlPath != "" {
		return r.urlPath
	}
	return "/" + r.Category + "/" + r.Slug + "/"
}

var aliasSegment = regexp.MustCompile(`^[A-Za-z0-9._~-]+$`)

// Limits of an alias path in bytes: a file name (NAME_MAX on most file
// systems), and the whole path, well below PATH_MAX and URL length limits.
const (
	maxAliasSegment = 255
	maxAlias        = 2000
)

// generatedFile matches the files the generator writes at the top of the
// output, which an alias folder of the same name would collide with.
var generatedFile = regexp.MustCompile(`^(index\.html|404\.html|robots\.txt|sitemap\.xml|sitemap-[0-9]+\.xml)$`)

// CleanAlias checks an alias path and returns it with a trailing slash, or
// the reason it is refused; the reason is the zero Text when the alias is
// fine. An alias must stay inside the
// site: a path from the site root, no "..", no scheme or host, no query.
func CleanAlias(a string) (string, diag.Text) {
	switch {
	case a == "" || a == "/":
		return "", diag.T(diag.AliasEmpty)
	case strings.Contains(a, "://") || strings.HasPrefix(a, "//"):
		return "", diag.T(diag.AliasLeavesSite)
	case !strings.HasPrefix(a, "/"):
		return "", diag.T(diag.AliasNoSlash)
	case strings.ContainsAny(a, "?#"):
		return "", diag.T(diag.AliasHasQuery)
	case strings.ContainsAny(a, "\\\x00 \t\n"):
		return "", diag.T(diag.AliasBadCharacters)
	}
	trimmed := strings.Trim(a, "/")
	for _, seg := range strings.Split(trimmed, "/") {
		switch {
		case seg == "":
			return "", diag.T(diag.AliasEmptySegment)
		case seg == "." || seg == "..":
			return "", diag.T(diag.AliasDotSegment)
		case !aliasSegment.MatchString(seg):
			return "", diag.T(diag.AliasSegmentChars)
		}
	}
	first := strings.SplitN(trimmed, "/", 2)[0]
	if reserved[first] || strings.HasPrefix(first, ".") || generatedFile.MatchString(first) {
		return "", diag.T(diag.AliasGeneratedFile)
	}
	// The alias becomes the file <alias>/index.html in the output folder:
	// deeper segments must not name the generator's own (hidden .rolesite*)
	// files or a page's index.html, and must fit the file system.
	for _, seg := range strings.Split(trimmed, "/") {
		switch {
		case strings.HasPrefix(seg, "."):
			return "", diag.T(diag.AliasHidden)
		case seg == "index.html":
			return "", diag.T(diag.AliasIndexSegment)
		case len(seg) > maxAliasSegment:
			return "", diag.T(diag.AliasLongSegment)
		}
	}
	if len(trimmed) > maxAlias {
		return "", diag.T(diag.AliasTooLong)
	}
	return "/" + trimmed + "/", diag.Text{}
}

// localityClashes reports openings whose localities are written
// differently but make one location page (München and Muenchen both make
// /standorte/muenchen/), and localities that make none. The spelling most
// openings use is taken for right (of equally many, the one of the oldest
// file; roles are oldest first): each opening spelling it otherwise is
// blamed, naming the first file by path with that spelling. Remote positions and role
// descriptions are on no location page and are not looked at.
func localityClashes(roles []*Role, locSeg string) diag.List {
	var errs diag.List
	type spelling struct {
		name  string
		roles []*Role
	}
	bySlug := map[string][]*spelling{}
	var slugs []string
	for _, r := range roles {
		l := r.Location.Locality
		if r.Remote || r.DatePosted.IsZero() || l == "" {
			continue
		}
		s := LocalitySlug(l)
		if s == "" {
			errs.Add(localityPos(r), diag.LocalityNoSlug, l)
			continue
		}
		if bySlug[s] == nil {
			slugs = append(slugs, s)
		}
		i := slices.IndexFunc(bySlug[s], func(sp *spelling) bool { return sp.name == l })
		if i < 0 {
			bySlug[s] = append(bySlug[s], &spelling{name: l})
			i = len(bySlug[s]) - 1
		}
		bySlug[s][i].roles = append(bySlug[s][i].roles, r)
	}
	for _, s := range slugs {
		spellings := bySlug[s]
		if len(spellings) < 2 {
			continue
		}
		right := spellings[0]
		for _, sp := range spellings[1:] {
			if len(sp.roles) > len(right.roles) {
				right = sp
			}
		}
		// The file named is the first by path, not by age: the same
		// whichever was saved last.
		named := slices.MinFunc(right.roles, func(a, b *Role) int { return strings.Compare(a.Path, b.Path) }).Path
		for _, sp := range spellings {
			if sp == right {
				continue
			}
			for _, r := range sp.roles {
				errs.Add(localityPos(r), diag.LocalityClash, sp.name, right.name, named, "/"+locSeg+"/"+s+"/")
			}
		}
	}
	return errs
}

// localityPos is where r sets its locality: location.locality, else
// location, else the file (a locality from site.yaml's defaults).
func localityPos(r *Role) diag.Position {
	if p, ok := r.Pos["location.locality"]; ok {
		return p
	}
	return r.KeyPos("location")
}
