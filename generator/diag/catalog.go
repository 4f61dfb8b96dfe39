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
	TooManyRedirects   = message("too-many-redirects", "host: %s reads at most %[3]d redirects from _redirects and skips the rest, but the roles have %[2]d aliases: remove aliases, or leave host unset so that every alias also gets a redirect page", "host: %s liest höchstens %[3]d Umleitungen aus _redirects und übergeht den Rest, die Rollen haben aber %[2]d Aliase: entfernen Sie Aliase, oder lassen Sie host weg, damit jeder Alias auch eine Weiterleitungsseite bekommt")
	NotOneOf           = message("not-one-of", "%s: %q is not one of %s%s", "%s: %q ist keiner der Werte %s%s")
	BadURL             = message("bad-url", "%s: %s", "%s: %s")
	NotAbsoluteURL     = message("not-absolute-url", "%q is not an absolute http or https URL", "%q ist keine absolute http- oder https-URL")
	DescriptionTooLong = message("description-too-long", "%s: %d characters, at most %d fit a search snippet", "%s: %d Zeichen; in ein Suchergebnis passen höchstens %d")
)

// Role front matter.
var (
	SalaryNeedsMinMax        = message("salary-needs-min-max", "%s: set min and max", "%s: bitte min und max angeben")
	SalaryNotPositive        = message("salary-not-positive", "%s: %s must be greater than 0", "%s: %s muss größer als 0 sein")
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
	FileNotUTF8           = message("file-not-utf8", "file is not valid UTF-8 here: a character was broken by copying or by a save in another encoding; type it again and save the file as UTF-8", "die Datei ist hier kein gültiges UTF-8: ein Zeichen wurde beim Kopieren oder beim Speichern in einer anderen Codierung beschädigt; tippen Sie es neu und speichern Sie die Datei als UTF-8")
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
	ListingOutOfRange   = message("listing-out-of-range", "%s: %d is out of range (1 to %d)", "%s: %d liegt außerhalb des erlaubten Bereichs (1 bis %d)")
	NoCategories        = message("no-categories", "categories: define at least one category", "categories: bitte mindestens eine Kategorie definieren")
)

// The content folder and the site as a whole.
var (
	RolesFolderMissing  = message("roles-folder-missing", "roles folder is missing: put one Markdown file per role in it", "der Ordner roles fehlt: legen Sie darin eine Markdown-Datei pro Rolle an")
	RoleUnreadable      = message("role-unreadable", "cannot read role file: %s", "die Rollendatei kann nicht gelesen werden: %s")
	Unreadable          = message("unreadable", "cannot read: %s", "kann nicht gelesen werden: %s")
	RolesUnlistable     = message("roles-unlistable", "cannot list roles: %v", "die Rollen können nicht aufgelistet werden: %v")
	BrokenSymlink       = message("broken-symlink", "broken symbolic link: %s", "defekter symbolischer Link: %s")
	SymlinkOutside      = message("symlink-outside", "symbolic link points outside the content folder (to %s); not followed", "der symbolische Link zeigt aus dem Inhaltsordner hinaus (auf %s) und wird nicht verfolgt")
	SymlinkToFolder     = message("symlink-to-folder", "symbolic link to a folder ending in .md; a role must be a file", "symbolischer Link auf einen Ordner, dessen Name auf .md endet; eine Rolle muss eine Datei sein")
	FolderNamedLikeMD   = message("folder-named-like-role", "a folder named like a role file; a role must be a file", "ein Ordner, der wie eine Rollendatei heißt; eine Rolle muss eine Datei sein")
	DuplicateSlug       = message("duplicate-slug", "duplicate slug %q (also %s)", "doppelter Slug %q (auch %s)")
	BadSlug             = message("bad-slug", "file name %q is not a valid slug: %s.md", "der Dateiname %q ist kein gültiger Slug: %s.md")
	UnknownCategory     = message("unknown-category", "category %q is not defined in site.yaml%s", "die Kategorie %q ist in site.yaml nicht definiert%s")
	RelatedSelf         = message("related-self", "related: %q is this role itself", "related: %q ist diese Rolle selbst")
	RelatedDraft        = message("related-draft", "related: role %q is a draft and is not published", "related: die Rolle %q ist ein Entwurf und wird nicht veröffentlicht")
	RelatedMissing      = message("related-missing", "related: no role %q%s", "related: es gibt keine Rolle %q%s")
	NameClash           = message("name-clash", "name %q is claimed by two roles (also at %s)", "der Name %q gehört zu zwei Rollen (auch in %s)")
	Island              = message("island", "no other role links to %q (an island): name it in a related role's text or its related list", "keine andere Rolle verlinkt auf %q (eine Insel): nennen Sie sie im Text einer verwandten Rolle oder in deren related-Liste")
	JobFeedMissing      = message("job-feed-missing", "%s: job boards require it of an open position (Indeed's feed: city, postalcode, country): the position is in /jobs.xml without it; set it in location, or in site.yaml defaults.location", "%s: Jobbörsen verlangen das für eine offene Stelle (Indeed-Feed: city, postalcode, country): die Stelle steht ohne es in /jobs.xml; bitte in location setzen oder in site.yaml unter defaults.location")
	PositionClosed      = message("position-closed", "position closed on %s: the page stays as a role description, without JobPosting", "die Stelle ist seit %s geschlossen: die Seite bleibt als Rollenbeschreibung erhalten, ohne JobPosting")
	LocalityClash       = message("locality-clash", "location.locality: %q and %q (in %s) would share the location page %s; write the place the same way in both files", "location.locality: %q und %q (in %s) bekämen dieselbe Standortseite %s; schreiben Sie den Ort in beiden Dateien gleich")
	LocalityNoSlug      = message("locality-no-slug", "location.locality: %q has no Latin letter or digit for the path of its location page; write the place in Latin letters", "location.locality: %q hat keinen lateinischen Buchstaben und keine Ziffer für den Pfad seiner Standortseite; schreiben Sie den Ort in lateinischen Buchstaben")
	CategoryIsLocations = message("category-is-locations", "key: %q is the path of the location pages (%s); choose another key", "key: %q ist der Pfad der Standortseiten (%s); wählen Sie einen anderen Schlüssel")
	ShallowClone        = message("shallow-clone", "content is in a shallow git clone: last-commit dates would all be the same, so lastmod falls back to date_posted (fetch full history, e.g. git fetch --unshallow, for true dates)", "die Inhalte liegen in einem flachen Git-Klon: alle Commit-Daten wären gleich, daher gilt für lastmod date_posted (für echte Daten die ganze Historie holen, z. B. mit git fetch --unshallow)")
)

// Aliases: the reasons follow the alias as written (`aliases: "x" must
// start with /`).
var (
	BadAlias           = message("bad-alias", "aliases: %q %s", "aliases: %q %s")
	AliasTaken         = message("alias-taken", "aliases: %q is already %s", "aliases: %q ist bereits %s")
	OwnerCategoryPage  = message("owner-category-page", "the page of category %q", "die Seite der Kategorie %q")
	OwnerRolePage      = message("owner-role-page", "the page of %s", "die Seite von %s")
	OwnerLocationPage  = message("owner-location-page", "the location page of %q", "die Standortseite von %q")
	OwnerLocationPages = message("owner-location-pages", "under the location pages %s", "unter den Standortseiten %s")
	OwnerFurtherPages  = message("owner-further-pages", "a further page of category %q", "eine Folgeseite der Kategorie %q")
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
	BuiltinTemplates       = message("builtin-templates", "built-in templates: %v", "eingebaute Vorlagen: %v")
	LayoutsUnreadable      = message("layouts-unreadable", "cannot read layouts: %v", "die Layouts können nicht gelesen werden: %v")
	LayoutUnreadable       = message("layout-unreadable", "cannot read layout: %v", "das Layout kann nicht gelesen werden: %v")
	LayoutOverridesNothing = message("layout-overrides-nothing", "layout %q overrides nothing (built-in layouts: %s)", "das Layout %q ersetzt nichts (eingebaute Layouts: %s)")
	LayoutNotRead          = message("layout-not-read", "not read: the build reads only the files directly in the layouts folder named like a built-in layout (%s); partials go into _partials.html", "wird nicht gelesen: der Build liest nur die Dateien direkt im Layouts-Ordner, die wie ein eingebautes Layout heißen (%s); Partials gehören in _partials.html")
	EjectExists            = message("eject-exists", "-eject %s: %s already exist; -eject never overwrites a file (move them away or choose another folder)", "-eject %s: %s gibt es schon; -eject überschreibt keine Datei (verschieben Sie sie oder wählen Sie einen anderen Ordner)")
	EjectFailed            = message("eject-failed", "-eject %s", "-eject %s")
	WroteLayouts           = message("wrote-layouts", "wrote %s into %s; build with -layouts %s, then edit any of them", "%s in %s geschrieben; erzeugen Sie mit -layouts %s und bearbeiten Sie dann beliebige davon")
	DirectApplyNoForm      = message("direct-apply-no-form", "direct_apply: true says candidates apply on this site, but the role page takes no application and no apply_url names a form here: set apply_url to the site's application form, or remove direct_apply", "direct_apply: true heißt, man bewirbt sich auf dieser Website, aber die Rollenseite nimmt keine Bewerbung an und kein apply_url nennt ein Formular hier: setzen Sie apply_url auf das Bewerbungsformular der Website, oder entfernen Sie direct_apply")
	DirectApplyElsewhere   = message("direct-apply-elsewhere", "direct_apply: true says candidates apply on this site, but apply_url %q sends them to another site: remove direct_apply (Google counts only applications completed on the job's own site)", "direct_apply: true heißt, man bewirbt sich auf dieser Website, aber apply_url %q schickt die Bewerber auf eine andere Website: entfernen Sie direct_apply (Google zählt nur Bewerbungen, die auf der Website der Stelle abgeschlossen werden)")
	TemplateError          = message("template-error", "template error: %s", "Fehler in der Vorlage: %s")
	FeedTemplateName       = message("feed-template-name", "not read: a feed template is a file named like careerjet.xml (lowercase letters, digits, . _ -, ending in .xml), published as /feeds/careerjet.xml; rename %q", "nicht gelesen: eine Feed-Vorlage ist eine Datei mit einem Namen wie careerjet.xml (Kleinbuchstaben, Ziffern, . _ -, endet auf .xml) und erscheint als /feeds/careerjet.xml; bitte %q umbenennen")
	FeedNotWellFormed      = message("feed-not-well-formed", "the feed %s this template writes is not well-formed XML: %v; escape values with {{xml .X}} or {{cdata .X}}", "der Feed %s, den diese Vorlage schreibt, ist kein wohlgeformtes XML: %v; Werte bitte mit {{xml .X}} oder {{cdata .X}} schreiben")
	TemplateNoField        = message("template-no-field", "%s has no field %s (docs/TEMPLATES.md lists the fields)", "%s hat kein Feld %s (docs/TEMPLATES.md listet die Felder)")
	TemplateNoFieldNear    = message("template-no-field-near", "%s has no field %s (did you mean %s?)", "%s hat kein Feld %s (meinten Sie %s?)")
	TemplateNoMessage      = message("template-no-message", "no message %q in the catalogues (docs/TEMPLATES.md lists the keys)", "keine Meldung %q in den Katalogen (docs/TEMPLATES.md listet die Schlüssel)")
	TemplateNoMessageNear  = message("template-no-message-near", "no message %q in the catalogues (did you mean %q?)", "keine Meldung %q in den Katalogen (meinten Sie %q?)")
	TemplateMessageKey     = message("template-message-key", "t needs a quoted message key first: {{t \"badge_open\"}}", "t braucht zuerst einen Meldungsschlüssel in Anführungszeichen: {{t \"badge_open\"}}")
	TemplateMessageCount   = message("template-message-count", "message %q has plural forms: give the count after the key, {{t %q .Home.OpenCount}}", "die Meldung %q hat Pluralformen: geben Sie die Anzahl nach dem Schlüssel an, {{t %q .Home.OpenCount}}")
	CatalogueNotYAML       = message("catalogue-not-yaml", "not a message catalogue in YAML: %s", "kein Meldungskatalog in YAML: %s")
	CatalogueNotMapping    = message("catalogue-not-mapping", "a message catalogue is a mapping of keys to texts (badge_open: Offene Position)", "ein Meldungskatalog ist eine Zuordnung von Schlüsseln zu Texten (badge_open: Offene Position)")
	CatalogueBadKey        = message("catalogue-bad-key", "%q is no message key: letters, digits and _, starting with a letter", "%q ist kein Meldungsschlüssel: Buchstaben, Ziffern und _, beginnend mit einem Buchstaben")
	CatalogueKeyTwice      = message("catalogue-key-twice", "message %q is set twice (first in line %d)", "die Meldung %q ist zweimal gesetzt (zuerst in Zeile %d)")
	CatalogueBadText       = message("catalogue-bad-text", "message %q: %s", "Meldung %q: %s")
	CatalogueBadForm       = message("catalogue-bad-form", "message %q: %q is no plural form; write a text for each of zero, one, two, few, many, other", "Meldung %q: %q ist keine Pluralform; schreiben Sie einen Text für zero, one, two, few, many oder other")
	CatalogueNoOther       = message("catalogue-no-other", "message %q has plural forms but no \"other\" form, which every language needs", "die Meldung %q hat Pluralformen, aber keine Form \"other\", die jede Sprache braucht")
	CatalogueBadValue      = message("catalogue-bad-value", "message %q: write a text, or a mapping of plural forms (one: …, other: …)", "Meldung %q: schreiben Sie einen Text oder eine Zuordnung von Pluralformen (one: …, other: …)")
	CatalogueNotRead       = message("catalogue-not-read", "not read: the i18n folder holds one catalogue per language, named after it (de.yaml, en.yaml, fr.yaml, en-US.yaml)", "wird nicht gelesen: der Ordner i18n enthält einen Katalog je Sprache, nach ihr benannt (de.yaml, en.yaml, fr.yaml, en-US.yaml)")
	CatalogueUnused        = message("catalogue-unused", "message %q is used by no template and replaces no built-in one", "die Meldung %q benutzt keine Vorlage und sie ersetzt keine eingebaute")
	CatalogueUnusedNear    = message("catalogue-unused-near", "message %q is used by no template and replaces no built-in one (did you mean %q?)", "die Meldung %q benutzt keine Vorlage und sie ersetzt keine eingebaute (meinten Sie %q?)")
	CatalogueNoLanguage    = message("catalogue-no-language", "%s.yaml changes texts of language %s, which has no catalogue: add %s", "%s.yaml ändert Texte der Sprache %s, für die es keinen Katalog gibt: legen Sie %s an")
	CatalogueMissingKeys   = message("catalogue-missing-keys", "language %s lacks messages the templates use: %s (copy them from the built-in %s, which build -eject writes)", "der Sprache %s fehlen Meldungen, die die Vorlagen benutzen: %s (übernehmen Sie sie aus dem eingebauten %s, das build -eject schreibt)")
	LanguageMissingKeys    = message("language-missing-keys", "language %s has no message for %s, which the templates use: add them to layouts/i18n/%s.yaml", "der Sprache %s fehlen die Meldungen %s, die die Vorlagen benutzen: ergänzen Sie sie in layouts/i18n/%s.yaml")
	NoCatalogue            = message("no-catalogue", "no message catalogue for language %q: add layouts/i18n/%s.yaml with every key of the built-in de.yaml (build -eject writes it), or choose a built-in language (%s)", "kein Meldungskatalog für die Sprache %q: legen Sie layouts/i18n/%s.yaml mit allen Schlüsseln des eingebauten de.yaml an (build -eject schreibt es), oder wählen Sie eine eingebaute Sprache (%s)")
	MinifyFailed           = message("minify-failed", "-minify cannot minify %s: %v", "-minify kann %s nicht verkleinern: %v")
)

// Response headers: layouts/_headers and the _headers file the build writes.
var (
	HeadersNotUTF8          = message("headers-not-utf8", "the line is not valid UTF-8", "die Zeile ist kein gültiges UTF-8")
	HeadersPathSlash        = message("headers-path-slash", "%q: a line at the start of the line is a rule's path, which starts with \"/\" (Netlify reads no absolute URLs); indent a header line", "%q: eine Zeile ohne Einrückung ist der Pfad einer Regel und beginnt mit \"/\" (Netlify liest keine absoluten URLs); rücken Sie eine Kopfzeile ein")
	HeadersPathSpace        = message("headers-path-space", "a path has no white space: write each header on its own indented line below the path", "ein Pfad enthält keine Leerzeichen: schreiben Sie jeden Header eingerückt in eine eigene Zeile unter dem Pfad")
	HeadersPathEmptySegment = message("headers-path-empty-segment", "a path has no empty segment (//): Netlify reads it as one /, Cloudflare Pages does not", "ein Pfad hat kein leeres Segment (//): Netlify liest es als ein /, Cloudflare Pages nicht")
	HeadersPathQuery        = message("headers-path-query", "a path has no %s: the hosts match the path alone, without query or fragment", "ein Pfad enthält kein %s: die Hosts vergleichen nur den Pfad, ohne Query und Fragment")
	HeadersTwoSplats        = message("headers-two-splats", "a second *: Cloudflare Pages reads one * per path", "ein zweites *: Cloudflare Pages liest nur ein * je Pfad")
	HeadersBadPlaceholder   = message("headers-bad-placeholder", "placeholder %q: a placeholder is : and a letter, then letters, digits or _, and each name appears once in a path", "Platzhalter %q: ein Platzhalter ist : und ein Buchstabe, dann Buchstaben, Ziffern oder _, und jeder Name steht nur einmal im Pfad")
	HeadersRuleTwice        = message("headers-rule-twice", "the path %s has a rule at line %d already: write all of its headers in that one", "der Pfad %s hat schon in Zeile %d eine Regel: schreiben Sie alle seine Header in diese eine")
	HeadersNoHeader         = message("headers-no-header", "the rule %s sets no header: write its headers below it, each on its own indented line", "die Regel %s setzt keinen Header: schreiben Sie ihre Header darunter, jeden eingerückt in eine eigene Zeile")
	HeadersBeforePath       = message("headers-before-path", "a header line before any path: start the rule with its path at the start of a line, e.g. /*", "eine Kopfzeile vor jedem Pfad: beginnen Sie die Regel mit ihrem Pfad am Zeilenanfang, z. B. /*")
	HeadersWantColon        = message("headers-want-colon", "want Name: value (or ! Name), got %q", "erwartet wird Name: Wert (oder ! Name), angegeben ist %q")
	HeadersBadName          = message("headers-bad-name", "%q is not a header name: a name is letters, digits and - (and !#$&'*+.^_`|~)", "%q ist kein Header-Name: ein Name besteht aus Buchstaben, Ziffern und - (und !#$&'*+.^_`|~)")
	HeadersNoValue          = message("headers-no-value", "header %s has no value, which Netlify refuses; to drop a header the build sends, write ! and its name", "der Header %s hat keinen Wert, was Netlify ablehnt; um einen Header wegzulassen, den der Build sendet, schreiben Sie ! und seinen Namen")
	HeadersDetachElsewhere  = message("headers-detach-elsewhere", "! %s: a ! line drops a header from one of the build's own rules (%[3]s), and %[2]s is none of them: Netlify reads no ! lines, so the build writes none", "! %s: eine !-Zeile lässt einen Header aus einer Regel des Builds weg (%[3]s), und %[2]s ist keine davon: Netlify liest keine !-Zeilen, daher schreibt der Build keine")
	HeadersDetachNothing    = message("headers-detach-nothing", "! %s drops nothing: the build's rule %s sets no such header", "! %s lässt nichts weg: die Regel %s des Builds setzt keinen solchen Header")
	HeadersOverlap          = message("headers-overlap", "the rule %s sets %s, and so does the rule %s, both for %s and maybe more: the hosts then send both values joined by a comma; set it in one rule (a rule with the path %[3]s changes that one)", "die Regel %s setzt %s, und die Regel %s auch, beide für %s und vielleicht mehr: die Hosts senden dann beide Werte durch ein Komma verbunden; setzen Sie ihn in einer Regel (eine Regel mit dem Pfad %[3]s ändert jene)")
	HeadersOverlapCSP       = message("headers-overlap-csp", "the rule %s sets %s, and so does the rule %s, both for %s and maybe more: a browser then applies both policies, and whatever either refuses stays refused; set it in one rule (a rule with the path %[3]s changes that one)", "die Regel %s setzt %s, und die Regel %s auch, beide für %s und vielleicht mehr: ein Browser wendet dann beide Richtlinien an, und was eine verbietet, bleibt verboten; setzen Sie ihn in einer Regel (eine Regel mit dem Pfad %[3]s ändert jene)")
	HeadersNotWritten       = message("headers-not-written", "host: %s reads no _headers, so the build writes none and this file has no effect; set the headers where the host takes them (see \"Response headers\" in README.md)", "host: %s liest keine _headers, daher schreibt der Build keine, und diese Datei wirkt nicht; setzen Sie die Header dort, wo der Host sie annimmt (siehe \"Response headers\" in README.md)")
	HeadersTooManyRules     = message("headers-too-many-rules", "_headers has %d rules, but Cloudflare Pages reads at most %d and ignores the rest: merge rules", "_headers hat %d Regeln, aber Cloudflare Pages liest höchstens %d und übergeht den Rest: fassen Sie Regeln zusammen")
	HeadersLineTooLong      = message("headers-line-too-long", "this line of _headers has %d characters, but Cloudflare Pages reads lines of at most %d", "diese Zeile von _headers hat %d Zeichen, aber Cloudflare Pages liest Zeilen von höchstens %d")
)

// Salary figures.
var (
	SalaryTooHigh        = message("salary-too-high", "%s: %s is more than %s a year; check the figure", "%s: %s ist mehr als %s im Jahr; bitte prüfen Sie die Zahl")
	SalaryTooHighPerUnit = message("salary-too-high-per-unit", "%s: %s per %s is %s a year, more than %s; check the figure and the unit", "%s: %s pro %s sind %s im Jahr, mehr als %s; bitte prüfen Sie die Zahl und die Einheit")
	SalaryBelowBand      = message("salary-below-band", "%s: %s is below %s, the usual least for unit %s; check the figure and the unit", "%s: %s liegt unter %s, dem üblichen Mindestwert für die Einheit %s; bitte prüfen Sie die Zahl und die Einheit")
	SalaryAboveBand      = message("salary-above-band", "%s: %s is above %s, the usual most for unit %s; check the figure and the unit", "%s: %s liegt über %s, dem üblichen Höchstwert für die Einheit %s; bitte prüfen Sie die Zahl und die Einheit")
	SalaryQuoted         = message("salary-quoted", "%s: want a number, got %s: write %s without quotes", "%s: erwartet wird eine Zahl, angegeben ist %s: schreiben Sie %s ohne Anführungszeichen")
	SalaryWrittenAs      = message("salary-written-as", "%s: want a number, got %s: write %s (digits only, a dot before cents)", "%s: erwartet wird eine Zahl, angegeben ist %s: schreiben Sie %s (nur Ziffern, ein Punkt vor den Cent)")
	ThousandsSeparator   = message("thousands-separator", "%s: %s looks like a thousands separator: write %s", "%s: %s sieht nach einem Tausenderpunkt aus: schreiben Sie %s")
	SalaryDecimals       = message("salary-decimals", "%s: %s has %d decimals; a salary has at most %d (cents)", "%s: %s hat %d Nachkommastellen; ein Gehalt hat höchstens %d (Cent)")
)

// Characters in text.
var (
	ControlCharacter = message("control-character", "control character U+%04X is not allowed", "das Steuerzeichen U+%04X ist nicht erlaubt")
	Noncharacter     = message("noncharacter", "noncharacter U+%04X is not allowed", "das Nichtzeichen U+%04X ist nicht erlaubt")
	BidiControl      = message("bidi-control", "bidirectional control U+%04X is not allowed; remove it, it reorders the text around it", "das Bidi-Steuerzeichen U+%04X ist nicht erlaubt; entfernen Sie es, es ordnet den Text um sich herum neu an")
	TextBadCharacter = message("text-bad-character", "%s: %s", "%s: %s")
	BodyBadCharacter = message("body-bad-character", "%s in the text: it would make the page invalid HTML; delete it (it is often invisible: retype the words around it)", "im Text: %s; es würde die Seite zu ungültigem HTML machen; löschen Sie es (oft ist es unsichtbar: tippen Sie die Wörter drumherum neu)")
	NoLetterOrDigit  = message("no-letter-or-digit", "%s: %q has no letter or digit", "%s: %q enthält keinen Buchstaben und keine Ziffer")
)

// Dates and text values.
var (
	CutByComment    = message("cut-by-comment", "%s: %s is read as a YAML comment, so the value is %s; quote the value to keep it: %s", "%s: %s wird als YAML-Kommentar gelesen, der Wert ist also %s; setzen Sie den Wert in Anführungszeichen, um ihn zu behalten: %s")
	ImplausibleDate = message("implausible-date", "%s: %s is not a plausible date (allowed: %s to %s); write the real date, or remove %s to leave it unset", "%s: %s ist kein plausibles Datum (erlaubt: %s bis %s); schreiben Sie das richtige Datum oder entfernen Sie %s, um es offenzulassen")
	GermanDate      = message("german-date", "%s: want a date like 2026-11-01, got %s: write %s", "%s: erwartet wird ein Datum wie 2026-11-01, angegeben ist %s: schreiben Sie %s")
)

// Markdown constructs in a role body that would take goldmark too long.
var (
	BodyLongDestination = message("body-long-destination", `link destination after "](" runs on without a closing ")" or ">" (%d like it): goldmark rereads the rest of the line for each; close each link, escape literal brackets as \[ \], or break the line`, `das Linkziel nach "](" läuft ohne schließendes ")" oder ">" weiter (%d solche): goldmark liest für jedes den Rest der Zeile neu; schließen Sie jeden Link, schreiben Sie wörtliche Klammern als \[ \] oder brechen Sie die Zeile um`)
	BodyDelimiters      = message("body-delimiters", `emphasis delimiter %q finds no opener of its kind among the %d open * _ ~ runs of its paragraph, and many after it do the same: goldmark walks all of them for each; escape literal ones as \* \_ \~ or split the paragraph with blank lines`, `das Hervorhebungszeichen %q findet unter den %d offenen * _ ~ seines Absatzes kein passendes öffnendes, und viele danach ebenso nicht: goldmark geht für jedes alle durch; schreiben Sie wörtliche als \* \_ \~ oder teilen Sie den Absatz mit Leerzeilen`)
	BodyBrackets        = message("body-brackets", `brackets: "[" closed by a "]" far away, nested or many times over: goldmark walks everything between them for each; escape literal brackets as \[ \] or split the paragraph with blank lines`, `Klammern: ein "[" wird von einem weit entfernten, verschachtelten oder vielfach wiederholten "]" geschlossen: goldmark geht für jede alles dazwischen durch; schreiben Sie wörtliche Klammern als \[ \] oder teilen Sie den Absatz mit Leerzeilen`)
	BodyNesting         = message("body-nesting", `blockquotes and lists nested %d deep, the limit is %d: goldmark's time grows with the square of the depth; flatten the nesting or escape a literal > as \>`, `Zitate und Listen sind %d Ebenen tief verschachtelt, erlaubt sind %d: die Zeit von goldmark wächst mit dem Quadrat der Tiefe; verschachteln Sie flacher oder schreiben Sie ein wörtliches > als \>`)
	BodyDefinitions     = message("body-definitions", "link reference definitions: %d in one paragraph of %d lines; goldmark copies the rest of the paragraph for each; put a blank line after every few hundred", "Linkreferenz-Definitionen: %d in einem Absatz von %d Zeilen; goldmark kopiert für jede den Rest des Absatzes; setzen Sie nach einigen hundert eine Leerzeile")
	BodyProblem         = message("body-problem", "body: %s", "Text: %s")
)

// YAML mistakes an editor commonly makes, named at the character where they
// happened (YAMLMistake carries one of the others).
var (
	YAMLMistake           = message("yaml-mistake", "%s", "%s")
	YAMLTab               = message("yaml-tab", "line %d is indented with a tab: use spaces", "Zeile %d ist mit einem Tabulator eingerückt: bitte Leerzeichen verwenden")
	YAMLColonInValue      = message("yaml-colon-in-value", "%s: a colon followed by a space inside a value starts a new key in YAML: put the value in quotes: %s", "%s: ein Doppelpunkt mit Leerzeichen im Wert beginnt in YAML einen neuen Schlüssel: setzen Sie den Wert in Anführungszeichen: %s")
	YAMLNoSpaceAfterColon = message("yaml-no-space-after-colon", "%s: a space is missing after the colon: %s", "%s: nach dem Doppelpunkt fehlt ein Leerzeichen: %s")
	YAMLUnclosedQuote     = message("yaml-unclosed-quote", "%s: the quote %s is never closed: close it at the end of the value: %s", "%s: das Anführungszeichen %s wird nicht geschlossen: schließen Sie es am Ende des Werts: %s")
	YAMLTextAfterQuote    = message("yaml-text-after-quote", "%s: text follows the closing quote: put the whole value in quotes: %s", "%s: nach dem schließenden Anführungszeichen folgt noch Text: setzen Sie den ganzen Wert in Anführungszeichen: %s")
	YAMLReservedStart     = message("yaml-reserved-start", "%s: a value that starts with %s must be in quotes: %s", "%s: ein Wert, der mit %s beginnt, muss in Anführungszeichen stehen: %s")
	YAMLDashNoSpace       = message("yaml-dash-no-space", "a space is missing after the dash of the list item: %s", "nach dem Strich des Listeneintrags fehlt ein Leerzeichen: %s")
	YAMLUnclosedBracket   = message("yaml-unclosed-bracket", "%s: the bracket %s is not closed on this line: %s", "%s: die Klammer %s wird in dieser Zeile nicht geschlossen: %s")
	YAMLNoColon           = message("yaml-no-colon", "line %d has no colon: a key and its value are written %s", "in Zeile %d fehlt der Doppelpunkt: Schlüssel und Wert werden so geschrieben: %s")
	YAMLStrayListItem     = message("yaml-stray-list-item", "line %d is a list item, but no key above it opens a list: write the key first (skills:) and indent the items under it", "Zeile %d ist ein Listeneintrag, aber darüber steht kein Schlüssel, der eine Liste beginnt: schreiben Sie zuerst den Schlüssel (skills:) und rücken Sie die Einträge darunter ein")
	YAMLIndent            = message("yaml-indent", "line %d is indented differently from the keys above it: keys of one level start in the same column", "Zeile %d ist anders eingerückt als die Schlüssel darüber: Schlüssel einer Ebene beginnen in derselben Spalte")
	FileEncoding          = message("file-encoding", "the file is saved as %s, not UTF-8: open it in your editor and save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)", "die Datei ist als %s gespeichert, nicht als UTF-8: öffnen Sie sie im Editor und speichern Sie sie als UTF-8 (im Editor von Windows: Speichern unter, Codierung: UTF-8)")
)

// Role files and the roles of a site as a whole (checks added since).
var (
	SlugRule             = message("slug-rule", "use lowercase letters a-z, digits and single hyphens, e.g. backend-entwickler", "verwenden Sie Kleinbuchstaben a-z, Ziffern und einzelne Bindestriche, z. B. backend-entwickler")
	BadSlugRename        = message("bad-slug-rename", "file name %q is not a valid slug: rename it to %s (lowercase letters a-z, digits and single hyphens)", "der Dateiname %q ist kein gültiger Slug: benennen Sie die Datei in %s um (Kleinbuchstaben a-z, Ziffern und einzelne Bindestriche)")
	NotBuilt             = message("not-built", "%s", "%s")
	MisnamedRole         = message("misnamed-role", "not built: only files ending in .md are roles (rename it to %s)", "nicht erzeugt: nur Dateien, die auf .md enden, sind Rollen (benennen Sie die Datei in %s um)")
	MisnamedRoleCopy     = message("misnamed-role-copy", "not built: only files ending in .md are roles, and %s is already there (move this file out of roles/ if it is a copy)", "nicht erzeugt: nur Dateien, die auf .md enden, sind Rollen, und %s gibt es bereits (verschieben Sie diese Datei aus roles/ heraus, wenn sie eine Kopie ist)")
	DuplicateDescription = message("duplicate-description", "description is the same as in %s: search results show it, so write one for this role", "die description ist dieselbe wie in %s: Suchergebnisse zeigen sie an, schreiben Sie daher eine eigene für diese Rolle")
	NameTaken            = message("name-taken", "name %q is already a name of %s (at %s): mentions could not tell the two roles apart; choose another name here", "der Name %q ist bereits ein Name von %s (in %s): Erwähnungen könnten die beiden Rollen nicht auseinanderhalten; wählen Sie hier einen anderen Namen")
)

// Placeholders of a new role's file left in a role that is published.
var (
	PlaceholderDescription = message("placeholder-description", "description: %q is a placeholder; write the meta description (at most %d characters), or set draft: true until it is done", "description: %q ist ein Platzhalter; schreiben Sie die Meta-Beschreibung (höchstens %d Zeichen) oder setzen Sie draft: true, bis sie fertig ist")
	PlaceholderText        = message("placeholder-text", "text: %q is a placeholder%s; write the real text, or set draft: true until it is done", "Text: %q ist ein Platzhalter%s; schreiben Sie den richtigen Text oder setzen Sie draft: true, bis er fertig ist")
	PlaceholdersBelow      = message("placeholders-below", " (and %d more below)", " (und %d weitere darunter)")
)

// Heading ids and the #fragments of links to them.
var (
	ComputedID         = message("computed-id", "id %q is computed and starts with no fixed text, so a heading in a role body could get the same id: begin it with fixed text, e.g. id=\"rolle-%s\"", "die id %q wird berechnet und beginnt ohne festen Text, daher könnte eine Überschrift im Text einer Rolle dieselbe id bekommen: beginnen Sie sie mit festem Text, z. B. id=\"rolle-%s\"")
	IDLikeMovedHeading = message("id-like-moved-heading", "id %q starts with %q, as the ids of headings moved out of the way do (%s-...): begin it with other fixed text, e.g. id=\"rolle-%s\"", "die id %q beginnt mit %q, wie die ids ausgewichener Überschriften (%s-...): beginnen Sie sie mit anderem festem Text, z. B. id=\"rolle-%s\"")
)

// In-page links (#id) of role bodies.
var (
	BadFragment       = message("bad-fragment", "%s", "%s")
	NoSuchFragment    = message("no-such-fragment", "link to %q names no heading on this page%s", "der Link auf %q nennt keine Überschrift dieser Seite%s")
	AmbiguousFragment = message("ambiguous-fragment", "link to %q is ambiguous: the layouts keep the id %q for an element of their own, so the heading %q has the id %q: link \"#%s\" for the heading, or rename it", "der Link auf %q ist mehrdeutig: die Layouts verwenden die id %q für ein eigenes Element, daher hat die Überschrift %q die id %q: verlinken Sie \"#%s\" für die Überschrift oder benennen Sie sie um")
	HintFragment      = message("hint-fragment", " (did you mean \"#%s\"?)", " (meinten Sie \"#%s\"?)")
	HintNoHeadings    = message("hint-no-headings", " (the body has no headings)", " (der Text hat keine Überschriften)")
	HintHeadings      = message("hint-headings", " (its headings: %s)", " (seine Überschriften: %s)")
)

// Reading and rendering role bodies.
var (
	BodyUnrenderable    = message("body-unrenderable", "cannot render the body: %v", "der Text kann nicht gerendert werden: %v")
	RemovedWhileReading = message("removed-while-reading", "removed while the build read it: build again", "wurde entfernt, während der Build sie las: bitte erneut erzeugen")
	ChangedWhileReading = message("changed-while-reading", "changed while the build read it: build again", "wurde geändert, während der Build sie las: bitte erneut erzeugen")
)

// What the build command prints besides diagnostics, and the dev server's
// browser overlay.
var (
	SummaryBuilt        = message("summary-built", "built %d pages (%d files) into %s: %d written, %d unchanged, %d removed; %d links, %d warnings in %s", "%d Seiten (%d Dateien) nach %s erzeugt: %d geschrieben, %d unverändert, %d entfernt; %d Links, %d Warnungen in %s")
	SummaryChecked      = message("summary-checked", "checked %d pages (%d files), %d links, %d warnings in %s; nothing written", "%d Seiten (%d Dateien), %d Links, %d Warnungen in %s geprüft; nichts geschrieben")
	SummaryFailed       = message("summary-failed", "build failed: %d error(s); %s left unchanged", "Build fehlgeschlagen: %d Fehler; %s bleibt unverändert")
	SummaryFailedPartly = message("summary-failed-partly", "build failed: %d error(s); %d files in %s were written before it stopped; build again to finish", "Build fehlgeschlagen: %d Fehler; %d Dateien in %s wurden geschrieben, bevor er abbrach; bitte erneut erzeugen, um ihn abzuschließen")
	SummaryFailedAfter  = message("summary-failed-after", "build failed: %d error(s) after the new site was in place; %s holds the new site", "Build fehlgeschlagen: %d Fehler, nachdem die neue Website fertig war; %s enthält die neue Website")
	WroteRole           = message("wrote-role", "wrote %s: a draft; replace its placeholders in [ ], then delete draft: true to publish it (build -drafts shows it meanwhile)", "%s geschrieben: ein Entwurf; ersetzen Sie die Platzhalter in [ ] und löschen Sie dann draft: true, um die Rolle zu veröffentlichen (build -drafts zeigt sie bis dahin an)")
	WroteSite           = message("wrote-site", "wrote %s\nreplace the example values, then build it: build -content %s -out %s", "%s geschrieben\nersetzen Sie die Beispielwerte und erzeugen Sie dann die Website: build -content %s -out %s")
	NextChange          = message("next-change", "next change: %s (%s closes)", "nächste Änderung: %s (%s schließt)")
	BuildProblem        = message("build-problem", "build: %v", "Build: %v")
	Serving             = message("serving", "serving %s at %s (Ctrl-C to stop)", "%s wird unter %s bereitgestellt (Strg-C beendet)")
	Watching            = message("watching", "watching %s for changes", "Änderungen in %s werden überwacht")
	WatchingContent     = message("watching-content", "watching %s for changes (no %s folder)", "Änderungen in %s werden überwacht (kein Ordner %s)")
	OverlayTitle        = message("overlay-title", "Build failed: the page shows the last good build.", "Build fehlgeschlagen: die Seite zeigt den letzten erfolgreichen Stand.")
	NotBuiltYet         = message("not-built-yet", "404 page not found: the site has not been built yet", "404 Seite nicht gefunden: die Website wurde noch nicht erzeugt")
)

// Mistakes in the command line of build (exit status 2).
var (
	UnknownFlag        = message("unknown-flag", "flag provided but not defined: %s (build -h lists the flags)", "unbekannte Option %s (build -h listet die Optionen auf)")
	FlagNeedsValue     = message("flag-needs-value", "flag needs an argument: %s", "die Option %s braucht einen Wert")
	BadFlagValue       = message("bad-flag-value", "invalid value %q for flag %s", "ungültiger Wert %q für die Option %s")
	BadFlagSyntax      = message("bad-flag-syntax", "bad flag syntax: %s", "ungültige Schreibweise einer Option: %s")
	UnexpectedArgument = message("unexpected-argument", "unexpected argument %q (flags start with -)", "unerwartetes Argument %q (Optionen beginnen mit -)")
	CheckWithWatch     = message("check-with-watch", "-check cannot be combined with -watch or -serve", "-check lässt sich nicht mit -watch oder -serve verbinden")
	BadBaseURLFlag     = message("bad-base-url-flag", "-base-url: %s", "-base-url: %s")
	BadLangFlag        = message("bad-lang-flag", "-lang: %q is not a message language: use de or en", "-lang: %q ist keine Sprache für Meldungen: bitte de oder en verwenden")
	BadFormatFlag      = message("bad-format-flag", "-format: %q is not an output format: use text, json or github", "-format: %q ist kein Ausgabeformat: bitte text, json oder github verwenden")
	BadSourceDateEpoch = message("bad-source-date-epoch", "SOURCE_DATE_EPOCH=%q is not a number of seconds", "SOURCE_DATE_EPOCH=%q ist keine Anzahl von Sekunden")
	NewTakesFlags      = message("new-takes-flags", "-new writes a role file and builds nothing: it takes -content and -lang only, not %s", "-new schreibt eine Rollendatei und erzeugt nichts: es nimmt nur -content und -lang, nicht %s")
	InitTakesFlags     = message("init-takes-flags", "-init writes a new site into its folder and builds nothing: it takes -lang only, not %s", "-init schreibt eine neue Website in seinen Ordner und erzeugt nichts: es nimmt nur -lang, nicht %s")
)

// The static folder (-static): files published as they are.
var (
	StaticNotFolder     = message("static-not-folder", "not a folder: the static folder holds the files published as they are", "kein Ordner: der Ordner static enthält die Dateien, die unverändert veröffentlicht werden")
	RefuseStatic        = message("refuse-static", "refusing to publish the static folder %q: %s, and every file in it would be published; give the static folder a place of its own, beside the content folder", "der Ordner static %q wird nicht veröffentlicht: %s, und jede Datei darin würde veröffentlicht; geben Sie dem Ordner static einen eigenen Platz neben dem Inhaltsordner")
	StaticSymlink       = message("static-symlink", "symbolic link (to %s): files in the static folder are copied as they are, and links are not followed; put the file itself here", "symbolischer Link (auf %s): die Dateien im Ordner static werden unverändert kopiert, Links werden nicht verfolgt; legen Sie die Datei selbst hierher")
	StaticNotRegular    = message("static-not-regular", "neither a file nor a folder: only files are published", "weder Datei noch Ordner: veröffentlicht werden nur Dateien")
	StaticReservedName  = message("static-reserved-name", "the name %q is reserved for the generator's own files (%s*): rename it", "der Name %q ist den eigenen Dateien des Generators vorbehalten (%s*): bitte umbenennen")
	StaticNameNotUTF8   = message("static-name-not-utf8", "the name %q is not valid UTF-8, so it cannot be a URL: rename it", "der Name %q ist kein gültiges UTF-8 und kann daher keine URL sein: bitte umbenennen")
	StaticNameBackslash = message("static-name-backslash", "the name %q contains a backslash, which URLs and Windows read as a folder separator: rename it", "der Name %q enthält einen Backslash, den URLs und Windows als Ordnertrenner lesen: bitte umbenennen")
	StaticNameControl   = message("static-name-control", "the name %q contains the control character U+%04X, which no URL and no deploy tool's file list can carry: rename it", "der Name %q enthält das Steuerzeichen U+%04X, das weder eine URL noch die Dateiliste eines Deploy-Werkzeugs tragen kann: bitte umbenennen")
	StaticNameTooLong   = message("static-name-too-long", "the name is longer than %d bytes: rename it", "der Name ist länger als %d Bytes: bitte umbenennen")
	StaticGenerated     = message("static-generated", "%s is also a file the build writes (%s): remove or rename the static file", "%s ist auch eine Datei, die der Build schreibt (%s): bitte die Datei in static entfernen oder umbenennen")
	StaticOverFolder    = message("static-over-generated-folder", "the build writes %s (%s), which needs a folder here: rename the static file", "der Build schreibt %s (%s), dafür muss hier ein Ordner sein: bitte die Datei in static umbenennen")
	StaticInFile        = message("static-in-generated-file", "%s is a file the build writes (%s), so it cannot be a folder of static files: rename the folder", "%s ist eine Datei, die der Build schreibt (%s), und kann daher kein Ordner für Dateien aus static sein: bitte den Ordner umbenennen")
	StaticCaseClash     = message("static-case-clash", "differs from %s only in case or in how a letter is encoded; a file system that ignores case (macOS, Windows) holds only one of them: rename one", "unterscheidet sich von %s nur in Groß- und Kleinschreibung oder in der Codierung eines Buchstabens; ein Dateisystem, das die Schreibung nicht unterscheidet (macOS, Windows), fasst nur eines davon: bitte eines umbenennen")
	StaticCaseGenerated = message("static-case-generated", "%s (which the build writes: %s)", "%s (vom Build geschrieben: %s)")
	OwnerHome           = message("owner-home", "the home page", "die Startseite")
	OwnerNotFound       = message("owner-not-found", "the not-found page", "die Fehlerseite 404")
	OwnerSitemap        = message("owner-sitemap", "the sitemap", "die Sitemap")
	OwnerRobots         = message("owner-robots", "the robots file, which names the sitemap", "die robots-Datei, die die Sitemap nennt")
	OwnerRedirects      = message("owner-redirects", "the redirect rules of the roles' aliases", "die Umleitungsregeln der Aliase der Rollen")
	OwnerAsset          = message("owner-asset", "the stylesheet or icon of the layouts", "das Stylesheet oder Icon der Layouts")
	OwnerFeed           = message("owner-feed", "the Atom feed of the open positions on the page %s", "der Atom-Feed der offenen Positionen der Seite %s")
	OwnerJobFeed        = message("owner-job-feed", "the job-board feed of the open positions (Indeed's XML format)", "der Stellen-Feed für Jobbörsen (im XML-Format von Indeed)")
	OwnerFeedTemplate   = message("owner-feed-template", "the feed of the template %s", "der Feed der Vorlage %s")
	ListAnd             = message("list-and", "%s and %s", "%s und %s")
	ListOr              = message("list-or", "%s or %s", "%s oder %s")
)

// The output folder, and what a build that stopped left in it.
var (
	NoOutputFolder   = message("no-output-folder", "no output folder given", "kein Ausgabeordner angegeben")
	CheckOutFolder   = message("check-out-folder", "check output folder %q", "der Ausgabeordner %q kann nicht geprüft werden")
	CheckFolder      = message("check-folder", "check folder %q", "der Ordner %q kann nicht geprüft werden")
	RefuseOutput     = message("refuse-output", "refusing to write output to %q: %s", "in %q wird nicht geschrieben: %s")
	OutIsRoot        = message("out-is-root", "it is the root folder", "er ist das Wurzelverzeichnis")
	OutIsHome        = message("out-is-home", "it is your home folder", "er ist Ihr Home-Ordner")
	OutHoldsHome     = message("out-holds-home", "it contains your home folder %q", "er enthält Ihren Home-Ordner %q")
	OutIsProtected   = message("out-is-protected", "it is the %s folder %q", "er ist der %s-Ordner %q")
	OutHoldsProtect  = message("out-holds-protected", "it contains the %s folder %q", "er enthält den %s-Ordner %q")
	OutInProtected   = message("out-in-protected", "it is inside the %s folder %q", "er liegt im %s-Ordner %q")
	OutputLocked     = message("output-locked", "another build is writing to %q (lock %s held); wait for it to finish", "ein anderer Build schreibt gerade in %q (Sperre %s belegt); bitte warten, bis er fertig ist")
	LockFailed       = message("lock-failed", "lock %s", "%s kann nicht gesperrt werden")
	Interrupted      = message("interrupted", "interrupted; %s still holds the previous site", "abgebrochen; %s enthält weiterhin die vorige Website")
	InterruptedCheck = message("interrupted-check", "interrupted; nothing written", "abgebrochen; nichts geschrieben")
	PreviousSiteKept = message("previous-site-kept", "%s; %s still holds the previous site", "%s; %s enthält weiterhin die vorige Website")
	NewSiteInPlace   = message("new-site-in-place", "%s; %s holds the new site", "%s; %s enthält die neue Website")
	SitesMixed       = message("sites-mixed", "%s; %s mixes the previous site and the new one: build again, the next build finishes the commit before anything else", "%s; %s enthält teils die vorige, teils die neue Website: bitte erneut erzeugen, der nächste Build schließt zuerst das Übernehmen ab")
	ScratchFull      = message("scratch-full", "the temporary folder %s cannot hold the rendered role bodies (%v), and they do not fit in memory either (more than %s, a quarter of GOMEMLIMIT): free space in %s or set TMPDIR to a folder with room", "der temporäre Ordner %s kann die gerenderten Rollentexte nicht aufnehmen (%v), und in den Arbeitsspeicher passen sie auch nicht (mehr als %s, ein Viertel von GOMEMLIMIT): schaffen Sie Platz in %s oder setzen Sie TMPDIR auf einen Ordner mit genug Platz")
	ScratchRead      = message("scratch-read", "read the role bodies back from the scratch file in %s", "die Rollentexte können nicht aus der temporären Datei in %s zurückgelesen werden")
)

// The change report (-changes).
var (
	RefuseChanges     = message("refuse-changes", "refusing to write the change report to %q: %s", "der Änderungsbericht wird nicht nach %q geschrieben: %s")
	ChangesIsFolder   = message("changes-is-folder-of", "it is the %s folder %q; name a file outside the content, layouts, static and output folders", "das ist der %s-Ordner %q; nennen Sie eine Datei außerhalb der Ordner für Inhalte, Layouts, static und Ausgabe")
	ChangesInFolder   = message("changes-in-folder-of", "it is inside the %s folder %q; name a file outside the content, layouts, static and output folders", "die Datei läge im %s-Ordner %q; nennen Sie eine Datei außerhalb der Ordner für Inhalte, Layouts, static und Ausgabe")
	ChangesDangling   = message("changes-dangling-link", "it is a symbolic link to a missing file; name the report file itself", "das ist ein symbolischer Link auf eine fehlende Datei; nennen Sie die Berichtsdatei selbst")
	ChangesIsDir      = message("changes-is-dir", "it is a folder; name a file in it, e.g. %q", "das ist ein Ordner; nennen Sie eine Datei darin, z. B. %q")
	ChangesNotRegular = message("changes-not-regular", "it is not a regular file", "das ist keine gewöhnliche Datei")
	ChangesNotReport  = message("changes-not-report", "the file exists and is not a change report the build wrote (no \"format\": %q); name a new file, or delete this one if it is no longer needed", "die Datei gibt es schon, und sie ist kein Änderungsbericht eines Builds (kein \"format\": %q); nennen Sie eine neue Datei, oder löschen Sie diese, wenn sie nicht mehr gebraucht wird")
	CheckChanges      = message("check-changes", "check change report %q", "der Änderungsbericht %q kann nicht geprüft werden")
	CheckChangesAgain = message("check-changes-against", "check change report %q against the %s folder %q", "der Änderungsbericht %q kann nicht mit dem %s-Ordner %q verglichen werden")
	WriteChanges      = message("write-changes", "write change report %s", "der Änderungsbericht %s kann nicht geschrieben werden")
	ReadPrevSitemap   = message("read-previous-sitemap", "read previous %s", "die vorige %s kann nicht gelesen werden")
	WroteSchemaFiles  = message("wrote-schema", "wrote %s and %s in %s", "%s und %s in %s geschrieben")
	SchemaNotRegular  = message("schema-not-regular", "%s: not a regular file; refusing to replace it", "%s: keine gewöhnliche Datei; sie wird nicht ersetzt")
	SchemaNotOurs     = message("schema-not-ours", "%s: not a schema written by build -schema; refusing to overwrite it (move it away or choose another folder)", "%s: kein Schema von build -schema; es wird nicht überschrieben (verschieben Sie die Datei oder wählen Sie einen anderen Ordner)")
	SchemaFailed      = message("schema-failed", "-schema %s", "-schema %s")
)

// Scaffolding: build -new and build -init.
var (
	NewWantCategorySlug = message("new-want-category-slug", "-new %q: want CATEGORY/SLUG, e.g. -new tech-development/data-engineer", "-new %q: erwartet wird FACHBEREICH/SLUG, z. B. -new tech-development/data-engineer")
	NewBadSlug          = message("new-bad-slug", "-new %s: slug %q is not valid: %s%s", "-new %s: der Slug %q ist ungültig: %s%s")
	NewUnknownCategory  = message("new-unknown-category", "-new %s: category %q is not defined in %s%s", "-new %s: der Fachbereich %q ist in %s nicht definiert%s")
	NewFileExists       = message("new-file-exists", "-new %s: %s already exists; -new never overwrites a file: edit that one, or choose another slug", "-new %s: %s gibt es schon; -new überschreibt nie eine Datei: bearbeiten Sie diese, oder wählen Sie einen anderen Slug")
	NewSlugTaken        = message("new-slug-taken", "-new %s: slug %q is taken by %s (a slug names one role in all folders under roles/); choose another slug", "-new %s: der Slug %q ist schon durch %s vergeben (ein Slug bezeichnet eine Rolle in allen Ordnern unter roles/); wählen Sie einen anderen Slug")
	NewFailed           = message("new-failed", "-new %s", "-new %s")
	InitExists          = message("init-exists", "-init %s: %s already exists; -init writes a new site only into a folder without content/, site.yaml or roles/ (choose another folder)", "-init %s: %s gibt es schon; -init schreibt eine neue Website nur in einen Ordner ohne content/, site.yaml und roles/ (wählen Sie einen anderen Ordner)")
	InitFailed          = message("init-failed", "-init %s", "-init %s")
	WriteFailed         = message("write-failed", "write %s", "%s kann nicht geschrieben werden")
	AppearedMeanwhile   = message("appeared-meanwhile", "%s already exists; it is left as it is", "%s gibt es inzwischen; die Datei bleibt, wie sie ist")
)

// Telling search engines what a build changed: build -notify.
var (
	BadIndexNowKey    = message("bad-indexnow-key", "%s: %q is not an IndexNow key: 8 to 128 characters, each a letter a-z or A-Z, a digit or a hyphen (e.g. 32 random hexadecimal digits)", "%s: %q ist kein IndexNow-Schlüssel: 8 bis 128 Zeichen, jedes ein Buchstabe a-z oder A-Z, eine Ziffer oder ein Bindestrich (z. B. 32 zufällige Hexadezimalziffern)")
	OwnerIndexNowKey  = message("owner-indexnow-key", "the IndexNow key file (indexnow.key in site.yaml)", "die IndexNow-Schlüsseldatei (indexnow.key in site.yaml)")
	NotifyWith        = message("notify-with", "-notify tells search engines what a build changed: it cannot be combined with %s", "-notify meldet Suchmaschinen, was ein Build geändert hat: es lässt sich nicht mit %s verbinden")
	BadNotifyEndpoint = message("bad-notify-endpoint", "%s=%q is not an absolute http or https URL", "%s=%q ist keine absolute http- oder https-URL")
	BadNotifyQuota    = message("bad-notify-quota", "-notify-quota: %d is negative; give the number of Indexing API requests a day (0 sends none and queues them)", "-notify-quota: %d ist negativ; bitte die Zahl der Anfragen an die Indexing API pro Tag angeben (0 sendet keine und stellt sie zurück)")
	NotifyProblem     = message("notify-problem", "notify: %v", "Melden: %v")
	NotifySummary     = message("notify-summary", "told search engines: IndexNow %d URLs in %d requests; Google Indexing API %d updated, %d deleted; %d waiting in %s for a later run", "Suchmaschinen benachrichtigt: IndexNow %d URLs in %d Anfragen; Google Indexing API %d aktualisiert, %d gelöscht; %d warten in %s auf einen späteren Lauf")
	NotifyFailedExit  = message("notify-failed-exit", "the site is built and in place; telling the search engines failed (exit status 3); what was not sent waits in %s for the next build -notify", "die Website ist erzeugt und liegt bereit; das Melden an die Suchmaschinen ist fehlgeschlagen (Exit-Status 3); was nicht gesendet wurde, wartet in %s auf den nächsten build -notify")
	NotifyNoTarget    = message("notify-no-target", "nothing to tell: site.yaml sets no indexnow.key and GOOGLE_APPLICATION_CREDENTIALS is not set", "nichts zu melden: site.yaml setzt kein indexnow.key, und GOOGLE_APPLICATION_CREDENTIALS ist nicht gesetzt")
	NotifyNoBaseURL   = message("notify-no-base-url", "the build reported no base URL to tell search engines about", "der Build hat keine Basis-URL gemeldet, die den Suchmaschinen genannt werden könnte")
	IndexNowAnswered  = message("indexnow-answered", "IndexNow %s answered %d for %d URLs: %s", "IndexNow %s antwortete %d für %d URLs: %s")
	IndexNow400       = message("indexnow-400", "bad request: the request is malformed", "ungültige Anfrage: die Anfrage ist fehlerhaft")
	IndexNow403       = message("indexnow-403", "forbidden: the key is not valid; %s must be live and hold the key of site.yaml (deploy the site, then run build -notify again)", "verboten: der Schlüssel ist ungültig; %s muss erreichbar sein und den Schlüssel aus site.yaml enthalten (veröffentlichen Sie die Website und starten Sie build -notify erneut)")
	IndexNow422       = message("indexnow-422", "unprocessable: the URLs do not belong to %s, or the key does not match the protocol", "nicht verarbeitbar: die URLs gehören nicht zu %s, oder der Schlüssel passt nicht zum Protokoll")
	IndexNow429       = message("indexnow-429", "too many requests: the site sent too often; the URLs are sent again on the next run", "zu viele Anfragen: die Website hat zu oft gesendet; die URLs werden beim nächsten Lauf erneut gesendet")
	NotifyServerError = message("notify-server-error", "the server failed on all %d tries (%s)", "der Server ist bei allen %d Versuchen fehlgeschlagen (%s)")
	NotifyUnexpected  = message("notify-unexpected", "an unexpected answer (%s)", "eine unerwartete Antwort (%s)")
	GoogleAnswered    = message("google-answered", "Google Indexing API %s answered %d for %s %s: %s", "Google Indexing API %s antwortete %d für %s %s: %s")
	GoogleForbidden   = message("google-forbidden", "the service account %s is not an owner of the site in Search Console (%s)", "das Dienstkonto %s ist kein Inhaber der Website in der Search Console (%s)")
	GoogleQuotaHit    = message("google-quota-hit", "over quota (%s); the rest is sent on a later day", "Kontingent überschritten (%s); der Rest wird an einem späteren Tag gesendet")
	NotifySend        = message("notify-send", "send to %s", "an %s kann nicht gesendet werden")
	NotifyGaveUp      = message("notify-gave-up", "%s: gave up after %d tries", "%s: nach %d Versuchen aufgegeben")
	NotifyWaitTooLong = message("notify-wait-too-long", "%s asks to wait %s before trying again, longer than %s: the rest is sent on the next run", "%s bittet, %s bis zum nächsten Versuch zu warten, länger als %s: der Rest wird beim nächsten Lauf gesendet")
	CredentialsRead   = message("credentials-read", "GOOGLE_APPLICATION_CREDENTIALS: read the service-account key %s", "GOOGLE_APPLICATION_CREDENTIALS: der Schlüssel des Dienstkontos %s kann nicht gelesen werden")
	CredentialsBad    = message("credentials-bad", "GOOGLE_APPLICATION_CREDENTIALS: %s is not a service-account key (want the JSON key file of a service account, with type \"service_account\", client_email and private_key): %s", "GOOGLE_APPLICATION_CREDENTIALS: %s ist kein Schlüssel eines Dienstkontos (erwartet wird die JSON-Schlüsseldatei eines Dienstkontos, mit type \"service_account\", client_email und private_key): %s")
	GoogleToken       = message("google-token", "get an access token for %s from %s", "für %s kann kein Zugriffstoken von %s geholt werden")
	QueueNotOurs      = message("queue-not-ours", "%s is not a notify queue that build -notify wrote (%v); it is left as it is: move it away to start a new queue (what it held is then not sent)", "%s ist keine Warteschlange von build -notify (%v); sie bleibt, wie sie ist: verschieben Sie sie, um eine neue anzufangen (was sie enthielt, wird dann nicht gesendet)")
	QueueRead         = message("queue-read", "read notify queue %s", "die Warteschlange %s kann nicht gelesen werden")
	QueueWrite        = message("queue-write", "write notify queue %s", "die Warteschlange %s kann nicht geschrieben werden")
)
