package diag

// The catalogue: every message Rolesite shows an editor, in English and
// German, each under a stable code. A message is declared here and nowhere
// else; EN and DE use the same printf verbs in the same order (TestCatalog
// checks), and codes never change once published (testdata/codes.golden).
// README.md's table of codes is generated from this file: go generate ./...

//go:generate go test -run TestREADMECodes -update

// Words that messages are built of.
var (
	// WarningPrefix goes before the message of a warning.
	WarningPrefix = message("warning-prefix", "warning: ", "Warnung: ")
	// HintDidYouMean suggests the closest valid value.
	HintDidYouMean = message("hint-did-you-mean", " (did you mean %q?)", " (meinten Sie %q?)")
	// HintExample shows a valid value.
	HintExample = message("hint-example", " (e.g. %s)", " (z. B. %s)")
	// HintDefined lists the valid values when none is close.
	HintDefined = message("hint-defined", " (defined: %s)", " (definiert: %s)")
	// HintUnquote follows a true or false written in quotes.
	HintUnquote = message("hint-unquote", " (write it without quotes)", " (bitte ohne Anführungszeichen schreiben)")
	// ValueMapping, ValueList, ValueNothing and ValueUnsupported name what
	// was given instead of the wanted kind of value.
	ValueMapping     = message("value-mapping", "a mapping", "eine Zuordnung")
	ValueList        = message("value-list", "a list", "eine Liste")
	ValueNothing     = message("value-nothing", "nothing", "nichts")
	ValueUnsupported = message("value-unsupported", "an unsupported value", "ein nicht unterstützter Wert")
	// ValueAsWritten quotes a value as the editor wrote it.
	ValueAsWritten = message("value-as-written", "%q", "%q")
)

// Values of front-matter and site.yaml keys.
var (
	UnknownKey         = message("unknown-key", "unknown key %q%s", "unbekannter Schlüssel %q%s")
	KeySetTwice        = message("key-set-twice", "key %q is set twice", "der Schlüssel %q ist zweimal gesetzt")
	MissingKey         = message("missing-key", "missing required key %q", "der Pflichtschlüssel %q fehlt")
	WantMapping        = message("want-mapping", "%s: want a mapping of keys to values, got %s", "%s: erwartet wird eine Zuordnung von Schlüsseln zu Werten, angegeben ist %s")
	WantText           = message("want-text", "%s: want text, got %s", "%s: erwartet wird Text, angegeben ist %s")
	WantList           = message("want-list", "%s: want a list, got %s", "%s: erwartet wird eine Liste, angegeben ist %s")
	WantBool           = message("want-bool", "%s: want true or false, got %s%s", "%s: erwartet wird true oder false, angegeben ist %s%s")
	WantWholeNumber    = message("want-whole-number", "%s: want a whole number, got %s", "%s: erwartet wird eine ganze Zahl, angegeben ist %s")
	WantNumber         = message("want-number", "%s: want a number, got %s", "%s: erwartet wird eine Zahl, angegeben ist %s")
	WantDate           = message("want-date", "%s: want a date like 2026-11-01, got %s", "%s: erwartet wird ein Datum wie 2026-11-01, angegeben ist %s")
	BadDate            = message("bad-date", "%s: %q is not a calendar date", "%s: %q ist kein gültiges Kalenderdatum")
	TextNotUTF8        = message("text-not-utf8", "%s: text is not valid UTF-8", "%s: der Text ist kein gültiges UTF-8")
	TextHasNUL         = message("text-has-nul", "%s: text contains a NUL character", "%s: der Text enthält ein NUL-Zeichen")
	TooLong            = message("too-long", "%s: %d characters, the limit is %d", "%s: %d Zeichen, erlaubt sind höchstens %d")
	EmptyValue         = message("empty-value", "%s: must not be empty", "%s: darf nicht leer sein")
	NotOneLine         = message("not-one-line", "%s: must be one line", "%s: muss in eine Zeile passen")
	NotOneOf           = message("not-one-of", "%s: %q is not one of %s%s", "%s: %q ist keiner der Werte %s%s")
	BadURL             = message("bad-url", "%s: %s", "%s: %s")
	NotAbsoluteURL     = message("not-absolute-url", "%q is not an absolute http or https URL", "%q ist keine absolute http- oder https-URL")
	DescriptionTooLong = message("description-too-long", "%s: %d characters, at most %d fit a search snippet", "%s: %d Zeichen; in ein Suchergebnis passen höchstens %d")
)

// Role front matter.
var (
	SalaryNeedsMinMax        = message("salary-needs-min-max", "%s: set min and max", "%s: bitte min und max angeben")
	SalaryNotPositive        = message("salary-not-positive", "%s: min and max must be greater than 0 (got %s and %s)", "%s: min und max müssen größer als 0 sein (angegeben sind %s und %s)")
	SalaryMinAboveMax        = message("salary-min-above-max", "%s: min %s is greater than max %s", "%s: min %s ist größer als max %s")
	BadCurrency              = message("bad-currency", "%s: %q is not an ISO 4217 currency code%s", "%s: %q ist kein Währungscode nach ISO 4217%s")
	BadCountry               = message("bad-country", "%s: %q is not an ISO 3166-1 alpha-2 country code%s", "%s: %q ist kein Ländercode nach ISO 3166-1 alpha-2%s")
	MissingCountry           = message("missing-country", "%s: country is required (ISO 3166-1 alpha-2, e.g. DE)", "%s: country fehlt (ISO 3166-1 alpha-2, z. B. DE)")
	MissingLocality          = message("missing-locality", "%s: locality is required (the town or city)", "%s: locality fehlt (der Ort oder die Stadt)")
	BadOccupationCode        = message("bad-occupation-code", "%s: %q is not an ISCO-08 unit group (4 digits, e.g. \"2512\")", "%s: %q ist keine ISCO-08-Berufsgattung (4 Ziffern, z. B. \"2512\")")
	UnknownOccupationCode    = message("unknown-occupation-code", "%s: %q is not in Rolesite's ISCO-08 table; the JSON-LD carries the code without its name", "%s: %q steht nicht in Rolesites ISCO-08-Tabelle; das JSON-LD enthält den Code ohne Bezeichnung")
	ExperienceOutOfRange     = message("experience-out-of-range", "%s: %d is out of range (0 to 600)", "%s: %d liegt außerhalb des erlaubten Bereichs (0 bis 600)")
	NoEmploymentType         = message("no-employment-type", "%s: name at least one type", "%s: bitte mindestens einen Typ angeben")
	BadHiringOrganization    = message("bad-hiring-organization", "%s: want confidential or a mapping with name and url, got %s", "%s: erwartet wird confidential oder eine Zuordnung mit name und url, angegeben ist %s")
	MissingName              = message("missing-name", "%s: name is required", "%s: name fehlt")
	MissingEmployerName      = message("missing-employer-name", "%s: name is required (or write hiring_organization: confidential)", "%s: name fehlt (oder schreiben Sie hiring_organization: confidential)")
	ValidThroughBeforePosted = message("valid-through-before-posted", "valid_through %s must be after date_posted %s", "valid_through %s muss nach date_posted %s liegen")
	ValidThroughAlone        = message("valid-through-alone", "valid_through is set but date_posted is not; an opening needs both", "valid_through ist gesetzt, date_posted aber nicht; eine offene Stelle braucht beides")
	RemoteNeedsCountries     = message("remote-needs-countries", "remote: true needs applicant_countries (e.g. [DE, AT]); Google drops remote jobs without them", "remote: true braucht applicant_countries (z. B. [DE, AT]); ohne sie übergeht Google Remote-Stellen")
	CountriesNeedRemote      = message("countries-need-remote", "applicant_countries is only used with remote: true", "applicant_countries wird nur zusammen mit remote: true verwendet")
	ExperienceInPlaceAlone   = message("experience-in-place-alone", "experience_in_place_of_education needs both experience_months and education", "experience_in_place_of_education braucht sowohl experience_months als auch education")
)

// Role files and their front matter as a whole.
var (
	FileTooLarge          = message("file-too-large", "file is %d bytes, the limit is %d", "die Datei ist %d Bytes groß, erlaubt sind höchstens %d")
	FileNotUTF8           = message("file-not-utf8", "file is not valid UTF-8", "die Datei ist kein gültiges UTF-8 (bitte als UTF-8 speichern)")
	FileHasNUL            = message("file-has-nul", "file contains a NUL byte", "die Datei enthält ein NUL-Byte")
	FileEmpty             = message("file-empty", "file is empty; a role needs front matter between --- lines with at least title, category and description", "die Datei ist leer; eine Rolle braucht Front Matter zwischen zwei Zeilen --- mit mindestens title, category und description")
	NoFrontMatter         = message("no-front-matter", "no front matter: a role file starts with a --- line, then title, category and description, then --- (did you forget to add --- or +++?)", "kein Front Matter: eine Rollendatei beginnt mit einer Zeile ---, dann folgen title, category und description, dann --- (haben Sie --- oder +++ vergessen?)")
	FrontMatterUnreadable = message("front-matter-unreadable", "cannot read front matter: %v", "das Front Matter kann nicht gelesen werden: %v")
	FrontMatterUnclosed   = message("front-matter-unclosed", "front matter opened with %q is never closed (add a line %q after the last key)", "das mit %q geöffnete Front Matter wird nicht geschlossen (fügen Sie nach dem letzten Schlüssel eine Zeile %q ein)")
	BadYAML               = message("bad-yaml", "invalid YAML front matter: %s", "ungültiges YAML im Front Matter: %s")
	BadTOML               = message("bad-toml", "invalid TOML front matter: %v", "ungültiges TOML im Front Matter: %v")
	FrontMatterNotMapping = message("front-matter-not-mapping", "front matter must be a mapping of keys to values", "das Front Matter muss eine Zuordnung von Schlüsseln zu Werten sein")
	YAMLNotUTF8           = message("yaml-not-utf8", "text is not valid UTF-8", "der Text ist kein gültiges UTF-8")
	YAMLBadCharacter      = message("yaml-bad-character", "character %U is not allowed in YAML", "das Zeichen %U ist in YAML nicht erlaubt")
)

// site.yaml.
var (
	SiteMissing         = message("site-missing", "site.yaml is missing: every content folder needs one (title, base_url, language, categories)", "site.yaml fehlt: jeder Inhaltsordner braucht eine (title, base_url, language, categories)")
	SiteUnreadable      = message("site-unreadable", "cannot read site.yaml: %s", "site.yaml kann nicht gelesen werden: %s")
	SiteNotYAML         = message("site-not-yaml", "site configuration must be YAML", "die Konfiguration der Website muss YAML sein")
	SiteEmpty           = message("site-empty", "site.yaml is empty; it needs at least title, base_url, language and categories", "site.yaml ist leer; nötig sind mindestens title, base_url, language und categories")
	SiteBadYAML         = message("site-bad-yaml", "invalid YAML: %s", "ungültiges YAML: %s")
	SiteNotMapping      = message("site-not-mapping", "site.yaml must be a mapping of keys to values", "site.yaml muss eine Zuordnung von Schlüsseln zu Werten sein")
	BadBaseURL          = message("bad-base-url", "%s: %s", "%s: %s")
	BaseURLNotAbsolute  = message("base-url-not-absolute", "%q must be an absolute http or https URL such as https://karriere.example.de/", "%q muss eine absolute http- oder https-URL sein, etwa https://karriere.example.de/")
	BaseURLHasQuery     = message("base-url-has-query", "%q must not carry a query or fragment", "%q darf keine Query und kein Fragment (? oder #) enthalten")
	BaseURLHasUser      = message("base-url-has-user", "%q must not carry a user name or password", "%q darf weder Benutzernamen noch Passwort enthalten")
	BadLanguage         = message("bad-language", "%s: %q is not a language tag like de or de-AT", "%s: %q ist kein Sprach-Tag wie de oder de-AT")
	BadOrganization     = message("bad-organization", "%s: want a mapping with name, url, logo and same_as, got %s", "%s: erwartet wird eine Zuordnung mit name, url, logo und same_as, angegeben ist %s")
	BadEmail            = message("bad-email", "%s: %q is not an e-mail address", "%s: %q ist keine E-Mail-Adresse")
	BadPhone            = message("bad-phone", "%s: %q is not a phone number (digits, spaces, + ( ) / -)", "%s: %q ist keine Telefonnummer (Ziffern, Leerzeichen, + ( ) / -)")
	WantCategoryList    = message("want-category-list", "%s: want a list of categories, got %s", "%s: erwartet wird eine Liste von Kategorien, angegeben ist %s")
	BadCategoryKey      = message("bad-category-key", "%s: %q must be lowercase letters, digits and hyphens", "%s: %q darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten")
	ReservedCategoryKey = message("reserved-category-key", "%s: %q is reserved for generated files", "%s: %q ist für erzeugte Dateien reserviert")
	CategoryTwice       = message("category-twice", "%s: category %q is defined twice (also at %s)", "%s: die Kategorie %q ist zweimal definiert (auch in %s)")
	CategoryIncomplete  = message("category-incomplete", "%s: a category needs key and title", "%s: eine Kategorie braucht key und title")
	NoCategories        = message("no-categories", "categories: define at least one category", "categories: bitte mindestens eine Kategorie definieren")
)

// The content folder and the site as a whole.
var (
	Cancelled          = message("cancelled", "load cancelled: %v", "Laden abgebrochen: %v")
	RolesFolderMissing = message("roles-folder-missing", "roles folder is missing: put one Markdown file per role in it", "der Ordner roles fehlt: legen Sie darin eine Markdown-Datei pro Rolle an")
	RoleUnreadable     = message("role-unreadable", "cannot read role file: %s", "die Rollendatei kann nicht gelesen werden: %s")
	Unreadable         = message("unreadable", "cannot read: %s", "kann nicht gelesen werden: %s")
	RolesUnlistable    = message("roles-unlistable", "cannot list roles: %v", "die Rollen können nicht aufgelistet werden: %v")
	BrokenSymlink      = message("broken-symlink", "broken symbolic link: %s", "defekter symbolischer Link: %s")
	SymlinkOutside     = message("symlink-outside", "symbolic link points outside the content folder (to %s); not followed", "der symbolische Link zeigt aus dem Inhaltsordner hinaus (auf %s) und wird nicht verfolgt")
	SymlinkToFolder    = message("symlink-to-folder", "symbolic link to a folder ending in .md; a role must be a file", "symbolischer Link auf einen Ordner, dessen Name auf .md endet; eine Rolle muss eine Datei sein")
	FolderNamedLikeMD  = message("folder-named-like-role", "a folder named like a role file; a role must be a file", "ein Ordner, der wie eine Rollendatei heißt; eine Rolle muss eine Datei sein")
	DuplicateSlug      = message("duplicate-slug", "duplicate slug %q (also %s)", "doppelter Slug %q (auch %s)")
	BadSlug            = message("bad-slug", "file name %q is not a valid slug: use lowercase letters a-z, digits and single hyphens, e.g. backend-entwickler.md", "der Dateiname %q ist kein gültiger Slug: verwenden Sie Kleinbuchstaben a-z, Ziffern und einzelne Bindestriche, z. B. backend-entwickler.md")
	UnknownCategory    = message("unknown-category", "category %q is not defined in site.yaml%s", "die Kategorie %q ist in site.yaml nicht definiert%s")
	RelatedSelf        = message("related-self", "related: %q is this role itself", "related: %q ist diese Rolle selbst")
	RelatedDraft       = message("related-draft", "related: role %q is a draft and is not published", "related: die Rolle %q ist ein Entwurf und wird nicht veröffentlicht")
	RelatedMissing     = message("related-missing", "related: no role %q%s", "related: es gibt keine Rolle %q%s")
	NameClash          = message("name-clash", "name %q is claimed by two roles (also at %s)", "der Name %q gehört zu zwei Rollen (auch in %s)")
	Island             = message("island", "no other role links to %q (an island): name it in a related role's text or its related list", "keine andere Rolle verlinkt auf %q (eine Insel): nennen Sie sie im Text einer verwandten Rolle oder in deren related-Liste")
	PositionClosed     = message("position-closed", "position closed on %s: the page stays as a role description, without JobPosting", "die Stelle ist seit %s geschlossen: die Seite bleibt als Rollenbeschreibung erhalten, ohne JobPosting")
	ShallowClone       = message("shallow-clone", "content is in a shallow git clone: last-commit dates would all be the same, so lastmod falls back to date_posted (fetch full history, e.g. git fetch --unshallow, for true dates)", "die Inhalte liegen in einem flachen Git-Klon: alle Commit-Daten wären gleich, daher gilt für lastmod date_posted (für echte Daten die ganze Historie holen, z. B. mit git fetch --unshallow)")
)

// Aliases: the reasons follow the alias as written (`aliases: "x" must
// start with /`).
var (
	BadAlias           = message("bad-alias", "aliases: %q %s", "aliases: %q %s")
	AliasTaken         = message("alias-taken", "aliases: %q is already %s", "aliases: %q ist bereits %s")
	OwnerCategoryPage  = message("owner-category-page", "the page of category %q", "die Seite der Kategorie %q")
	OwnerRolePage      = message("owner-role-page", "the page of %s", "die Seite von %s")
	OwnerAlias         = message("owner-alias", "an alias of %s", "ein Alias von %s")
	AliasEmpty         = message("alias-empty", "must name a path such as /jobs/old-name/", "muss einen Pfad wie /jobs/old-name/ nennen")
	AliasLeavesSite    = message("alias-leaves-site", "leaves the site: an alias is a path on this site, such as /jobs/old-name/", "verlässt die Website: ein Alias ist ein Pfad auf dieser Website, etwa /jobs/old-name/")
	AliasNoSlash       = message("alias-no-slash", "must start with /", "muss mit / beginnen")
	AliasHasQuery      = message("alias-has-query", "must not carry a query or fragment", "darf keine Query und kein Fragment (? oder #) enthalten")
	AliasBadCharacters = message("alias-bad-characters", "must not contain backslashes, spaces or control characters", "darf keine Backslashes, Leerzeichen oder Steuerzeichen enthalten")
	AliasEmptySegment  = message("alias-empty-segment", "must not contain an empty path segment (//)", "darf kein leeres Pfadsegment (//) enthalten")
	AliasDotSegment    = message("alias-dot-segment", "leaves the site: . and .. are not allowed in an alias", "verlässt die Website: . und .. sind in einem Alias nicht erlaubt")
	AliasSegmentChars  = message("alias-segment-characters", "may contain only letters, digits, and - . _ ~ in each segment", "darf in jedem Segment nur Buchstaben, Ziffern und - . _ ~ enthalten")
	AliasGeneratedFile = message("alias-generated-file", "collides with a file the generator writes", "kollidiert mit einer Datei, die der Generator schreibt")
	AliasHidden        = message("alias-hidden", "must not have a segment starting with . (hidden and .rolesite* names are reserved)", "darf kein Segment haben, das mit . beginnt (versteckte und .rolesite*-Namen sind reserviert)")
	AliasIndexSegment  = message("alias-index-segment", "must not have an index.html segment: it collides with a page's file", "darf kein Segment index.html haben: es kollidiert mit der Datei einer Seite")
	AliasLongSegment   = message("alias-long-segment", "has a segment longer than 255 bytes", "hat ein Segment, das länger als 255 Bytes ist")
	AliasTooLong       = message("alias-too-long", "is longer than 2,000 bytes", "ist länger als 2.000 Bytes")
)

// Links in role bodies.
var (
	BrokenLink = message("broken-link", "link to %q points to no page", "der Link auf %q führt zu keiner Seite")
	UnsafeLink = message("unsafe-link", "unsafe link %q removed", "der unsichere Link %q wurde entfernt")
)

// Rendering and layouts.
var (
	RenderFailed           = message("render-failed", "render bodies: %v", "die Texte konnten nicht gerendert werden: %v")
	BuiltinTemplates       = message("builtin-templates", "built-in templates: %v", "eingebaute Vorlagen: %v")
	LayoutsUnreadable      = message("layouts-unreadable", "cannot read layouts: %v", "die Layouts können nicht gelesen werden: %v")
	LayoutUnreadable       = message("layout-unreadable", "cannot read layout: %v", "das Layout kann nicht gelesen werden: %v")
	LayoutOverridesNothing = message("layout-overrides-nothing", "layout %q overrides nothing (built-in layouts: %s)", "das Layout %q ersetzt nichts (eingebaute Layouts: %s)")
	TemplateError          = message("template-error", "template error: %s", "Fehler in der Vorlage: %s")
)

// What the build command prints besides diagnostics, and the dev server's
// browser overlay.
var (
	SummaryBuilt    = message("summary-built", "built %d pages (%d files) into %s: %d written, %d unchanged, %d removed; %d links, %d warnings in %s", "%d Seiten (%d Dateien) nach %s erzeugt: %d geschrieben, %d unverändert, %d entfernt; %d Links, %d Warnungen in %s")
	SummaryChecked  = message("summary-checked", "checked %d pages (%d files), %d links, %d warnings in %s; nothing written", "%d Seiten (%d Dateien), %d Links, %d Warnungen in %s geprüft; nichts geschrieben")
	SummaryFailed   = message("summary-failed", "build failed: %d error(s); %s left unchanged", "Build fehlgeschlagen: %d Fehler; %s bleibt unverändert")
	NextChange      = message("next-change", "next change: %s (%s closes)", "nächste Änderung: %s (%s schließt)")
	BuildProblem    = message("build-problem", "build: %v", "Build: %v")
	Serving         = message("serving", "serving %s at %s (Ctrl-C to stop)", "%s wird unter %s bereitgestellt (Strg-C beendet)")
	Watching        = message("watching", "watching %s and %s for changes", "%s und %s werden auf Änderungen überwacht")
	WatchingContent = message("watching-content", "watching %s for changes (no %s folder)", "%s wird auf Änderungen überwacht (kein Ordner %s)")
	OverlayTitle    = message("overlay-title", "Build failed: the page shows the last good build.", "Build fehlgeschlagen: die Seite zeigt den letzten erfolgreichen Stand.")
	NotBuiltYet     = message("not-built-yet", "404 page not found: the site has not been built yet", "404 Seite nicht gefunden: die Website wurde noch nicht erzeugt")
)
