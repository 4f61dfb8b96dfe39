// Command build turns a Rolesite content folder into a static site.
//
//	build [-content DIR] [-layouts DIR] [-static DIR] [-out DIR] [-state DIR] [-asset-grace D]
//	      [-base-url URL] [-drafts] [-check] [-changes FILE] [-minify] [-precompress]
//	      [-notify] [-notify-quota N]
//	      [-watch] [-serve [ADDR]] [-lang de|en] [-format text|json|github] [-schema DIR]
//	build [-content DIR] [-lang de|en] -new CATEGORY/SLUG
//	build [-lang de|en] -init DIR
//	build [-lang de|en] -eject DIR
//
// Exit status: 0 on success, 1 on content or build errors, 2 on usage errors,
// 3 when the build succeeded and -notify failed to tell the search engines.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"rolesite/generator"
	"rolesite/generator/content"
	"rolesite/generator/dev"
	"rolesite/generator/diag"
	"rolesite/generator/notify"
	"rolesite/generator/output"
	"rolesite/generator/render"
	"rolesite/generator/scaffold"
	"rolesite/generator/schema"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// options are the parsed flags.
type options struct {
	cfg    generator.Config
	watch  bool
	serve  serveFlag
	format format
	// newRole is -new CATEGORY/SLUG and initDir -init DIR: write files for
	// editors instead of building.
	newRole, initDir string
	schemaDir        string
	ejectDir         string // -eject DIR: write the built-in layouts
	// notify is -notify: after a successful build, tell search engines
	// what changed (runNotify), with these endpoints and quota.
	notify    bool
	notifyCfg notify.Config
}

// exitNotifyFailed is the exit status of a build that succeeded and whose
// -notify failed.
const exitNotifyFailed = 3

// The environment variables that override -notify's endpoints.
const (
	envIndexNowURL  = "ROLESITE_INDEXNOW_URL"
	envTokenURL     = "ROLESITE_GOOGLE_TOKEN_URL"
	envPublishURL   = "ROLESITE_GOOGLE_PUBLISH_URL"
	envCredentials  = "GOOGLE_APPLICATION_CREDENTIALS"
	notifyFlagsHint = "-check, -watch or -serve"
)

// serveFlag is -serve with an optional address: "-serve", "-serve=ADDR" or
// "-serve ADDR".
type serveFlag struct {
	set  bool
	addr string
}

func (s *serveFlag) String() string   { return s.addr }
func (s *serveFlag) IsBoolFlag() bool { return true }
func (s *serveFlag) Set(v string) error {
	s.set = true
	switch v {
	case "true":
		s.addr = defaultServeAddr
	case "false":
		s.set = false
	default:
		s.addr = v
	}
	return nil
}

// graceFlag is -asset-grace: a Go duration ("36h"), a number of days
// ("7d"), or "off".
type graceFlag struct{ d *time.Duration }

// defaultAssetGrace: a week covers what CDNs and browsers cache HTML for
// when its headers allow it at all.
const defaultAssetGrace = 7 * 24 * time.Hour

func (g graceFlag) String() string {
	switch {
	case g.d == nil:
		return ""
	case *g.d < 0:
		return "off"
	case *g.d%(24*time.Hour) == 0 && *g.d > 0:
		return strconv.FormatInt(int64(*g.d/(24*time.Hour)), 10) + "d"
	}
	return g.d.String()
}

func (g graceFlag) Set(v string) error {
	if v == "off" {
		*g.d = -1
		return nil
	}
	if days, ok := strings.CutSuffix(v, "d"); ok {
		n, err := strconv.ParseUint(days, 10, 16)
		if err != nil {
			return err
		}
		*g.d = time.Duration(n) * 24 * time.Hour
		return nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return fmt.Errorf("not a duration: %q", v)
	}
	*g.d = d
	return nil
}

// defaultServeAddr binds the loopback interface on a free port.
const defaultServeAddr = "127.0.0.1:0"

// looksLikeAddr tells an address ("8080", ":8080", "127.0.0.1:8080",
// "127.0.0.1", "localhost") given after -serve from a stray argument.
func looksLikeAddr(s string) bool {
	if s == "" || strings.HasPrefix(s, "-") {
		return false
	}
	if _, err := strconv.Atoi(s); err == nil {
		return true
	}
	if _, err := netip.ParseAddr(s); err == nil {
		return true
	}
	return strings.Contains(s, ":") || s == "localhost"
}

func parseFlags(args []string, stderr io.Writer) (*options, error) {
	o := &options{}
	fs, lang, formatName := defineFlags(o)
	fs.Usage = func() {} // the usage is printed for -h only, below
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			fmt.Fprintf(stderr, "Usage: build [flags]\n\nBuilds the Rolesite content folder into a static site.\n\nFlags:\n")
			fs.PrintDefaults()
		}
		return nil, flagError(err)
	}
	rest := fs.Args()
	if o.serve.set && o.serve.addr == defaultServeAddr && len(rest) > 0 && looksLikeAddr(rest[0]) {
		o.serve.addr = rest[0]
		if err := fs.Parse(rest[1:]); err != nil {
			return nil, flagError(err)
		}
		rest = fs.Args()
	}
	if len(rest) > 0 {
		return nil, diag.Fail(nil, diag.UnexpectedArgument, rest[0])
	}
	if *lang != "" {
		l, err := diag.ParseLang(*lang)
		if err != nil {
			return nil, err
		}
		o.cfg.Lang = &l
	}
	f, err := parseFormat(*formatName)
	if err != nil {
		return nil, err
	}
	o.format = f
	if _, err := strconv.Atoi(o.serve.addr); err == nil {
		o.serve.addr = "127.0.0.1:" + o.serve.addr
	}
	if err := checkScaffoldFlags(fs, o); err != nil {
		return nil, err
	}
	if o.serve.set {
		o.watch = true
	}
	if o.watch && o.cfg.Check {
		return nil, diag.Fail(nil, diag.CheckWithWatch)
	}
	if err := o.notifyFlags(); err != nil {
		return nil, err
	}
	if o.cfg.BaseURL != "" {
		if reason := content.CheckBaseURL(o.cfg.BaseURL); !reason.IsZero() {
			return nil, diag.Fail(nil, diag.BadBaseURLFlag, reason)
		}
	}
	if o.cfg.StaticDir == "" {
		o.cfg.StaticDir = staticBeside(o.cfg.ContentDir)
	}
	return o, nil
}

// notifyFlags checks -notify and -notify-quota and reads the endpoints and
// credentials from the environment.
func (o *options) notifyFlags() error {
	if o.notifyCfg.Quota < 0 {
		return diag.Fail(nil, diag.BadNotifyQuota, o.notifyCfg.Quota)
	}
	if !o.notify {
		return nil
	}
	if o.cfg.Check || o.watch {
		return diag.Fail(nil, diag.NotifyWith, notifyFlagsHint)
	}
	o.cfg.Notify = true
	o.notifyCfg.Credentials = os.Getenv(envCredentials)
	for _, e := range []struct {
		name string
		to   *string
	}{{envIndexNowURL, &o.notifyCfg.IndexNowEndpoint}, {envTokenURL, &o.notifyCfg.TokenURL}, {envPublishURL, &o.notifyCfg.PublishURL}} {
		v := os.Getenv(e.name)
		if v == "" {
			continue
		}
		if !content.CheckBaseURL(v).IsZero() {
			return diag.Fail(nil, diag.BadNotifyEndpoint, e.name, v)
		}
		*e.to = v
	}
	return nil
}

// runNotify tells the search engines what the build of res changed, and
// sends what earlier runs queued. It holds the output folder's lock, so
// that two runs do not send the same queue. Its failure is printed line by
// line and exits exitNotifyFailed: the site is in place all the same.
func runNotify(ctx context.Context, opts *options, res *generator.Result, stdout, stderr io.Writer) int {
	lang := generator.MessageLang(opts.cfg)
	cfg := opts.notifyCfg
	cfg.Queue = opts.cfg.NotifyQueueFile()
	cfg.IndexNowKey = res.IndexNowKey
	if res.Changes != nil {
		cfg.BaseURL = res.Changes.BaseURL
	}
	failed := func(err error) int {
		errs := []error{err}
		if joined, ok := err.(interface{ Unwrap() []error }); ok {
			errs = joined.Unwrap()
		}
		for _, e := range errs {
			fmt.Fprintln(stderr, diag.NotifyProblem.Format(lang, diag.ErrorIn(e, lang)))
		}
		fmt.Fprintln(stderr, diag.NotifyFailedExit.Format(lang, cfg.Queue))
		return exitNotifyFailed
	}
	unlock, err := output.Lock(opts.cfg.OutDir, opts.cfg.StateDir)
	if err != nil {
		return failed(err)
	}
	defer unlock()
	rep, err := notify.Run(ctx, cfg, notify.FromReport(res.Changes))
	fmt.Fprintln(stdout, diag.NotifySummary.Format(lang, rep.IndexNowURLs, rep.IndexNowPosts, rep.Updated, rep.Deleted, rep.Waiting, cfg.Queue))
	if err != nil {
		return failed(err)
	}
	return 0
}

// staticBeside is the default static folder: the folder static beside
// the content folder ("static" for "content", "site/static" for
// "site/content", "../static" for ".").
func staticBeside(contentDir string) string {
	clean := filepath.Clean(contentDir)
	if base := filepath.Base(clean); base == "." || base == ".." || base == string(filepath.Separator) {
		return filepath.Join(clean, "..", "static")
	}
	return filepath.Join(filepath.Dir(clean), "static")
}

// checkScaffoldFlags refuses -new and -init next to flags they would
// ignore: -new takes -content and -lang only, -init -lang only.
func checkScaffoldFlags(fs *flag.FlagSet, o *options) error {
	if o.newRole == "" && o.initDir == "" {
		return nil
	}
	mode, allowed := "-new", "content"
	if o.initDir != "" {
		mode, allowed = "-init", ""
	}
	var extra []string
	fs.Visit(func(f *flag.Flag) {
		if f.Name != allowed && f.Name != "lang" && "-"+f.Name != mode {
			extra = append(extra, "-"+f.Name)
		}
	})
	if len(extra) == 0 {
		return nil
	}
	if mode == "-new" {
		return diag.Fail(nil, diag.NewTakesFlags, strings.Join(extra, ", "))
	}
	return diag.Fail(nil, diag.InitTakesFlags, strings.Join(extra, ", "))
}

// buildTime is SOURCE_DATE_EPOCH when set, else the clock.
func buildTime() (time.Time, error) {
	v, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || v == "" {
		return time.Now().UTC(), nil
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, diag.Fail(nil, diag.BadSourceDateEpoch, v)
	}
	return time.Unix(sec, 0).UTC(), nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	opts, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "build: %s\n", diag.ErrorIn(err, usageLang(args)))
		return 2
	}
	if opts.ejectDir != "" {
		lang := generator.MessageLang(opts.cfg)
		paths, err := render.Eject(opts.ejectDir)
		if err != nil {
			fmt.Fprintln(stderr, diag.BuildProblem.Format(lang, err))
			return 1
		}
		fmt.Fprintln(stdout, diag.WroteLayouts.Format(lang, strings.Join(paths, ", "), opts.ejectDir, opts.ejectDir))
		return 0
	}
	if opts.schemaDir != "" {
		lang := generator.MessageLang(opts.cfg)
		if err := schema.Write(opts.schemaDir); err != nil {
			fmt.Fprintln(stderr, diag.BuildProblem.Format(lang, err))
			return 1
		}
		fmt.Fprintln(stdout, diag.WroteSchemaFiles.Format(lang, schema.RoleFile, schema.SiteFile, opts.schemaDir))
		return 0
	}
	now, err := buildTime()
	if err != nil {
		fmt.Fprintf(stderr, "build: %s\n", diag.ErrorIn(err, generator.MessageLang(opts.cfg)))
		return 2
	}
	if opts.newRole != "" || opts.initDir != "" {
		return runScaffold(ctx, opts, now, stdout, stderr)
	}
	// The report is refused before anything is read or written, in every
	// mode, so that -check tells of it too.
	if err := generator.CheckChangesFile(opts.cfg); err != nil {
		fmt.Fprintln(stderr, diag.BuildProblem.Format(generator.MessageLang(opts.cfg), err))
		return 2
	}
	if opts.watch {
		return runDev(ctx, opts, stdout, stderr)
	}
	opts.cfg.Now = now
	start := time.Now()
	res, err := generator.Build(ctx, opts.cfg)
	code := report(stdout, stderr, opts, res, err, time.Since(start))
	if code != 0 || !opts.notify {
		return code
	}
	return runNotify(ctx, opts, res, stdout, stderr)
}

// runScaffold runs -new or -init. A mistake in the argument exits 2, a
// conflict with the content (a file that exists, a broken site.yaml) 1.
func runScaffold(ctx context.Context, opts *options, now time.Time, stdout, stderr io.Writer) int {
	var err error
	lang := initLang(opts.cfg)
	if opts.newRole != "" {
		lang = generator.MessageLang(opts.cfg)
		var path string
		if path, err = scaffold.NewRole(ctx, opts.cfg.ContentDir, opts.newRole, now); err == nil {
			fmt.Fprintln(stdout, diag.WroteRole.Format(lang, path))
			return 0
		}
	} else {
		var paths []string
		if paths, err = scaffold.Init(ctx, opts.initDir, now); err == nil {
			fmt.Fprintln(stdout, diag.WroteSite.Format(lang,
				strings.Join(paths, ", "), filepath.Join(opts.initDir, "content"), filepath.Join(opts.initDir, "public")))
			return 0
		}
	}
	var list diag.List
	if errors.As(err, &list) {
		for _, d := range list {
			fmt.Fprintln(stderr, d.Text(lang))
		}
		return 1
	}
	fmt.Fprintln(stderr, diag.BuildProblem.Format(lang, err))
	var usage *scaffold.ArgumentError
	if errors.As(err, &usage) {
		return 2
	}
	return 1
}

// runDev watches (and serves) until ctx is done: Ctrl-C ends it cleanly.
func runDev(ctx context.Context, opts *options, stdout, stderr io.Writer) int {
	if v := os.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		now, _ := buildTime()
		opts.cfg.Now = now
	}
	loop := dev.Config{
		Serve: opts.serve.set,
		Addr:  opts.serve.addr,
		// The summary lines name the folder the dev server builds into.
		Scratch: func(dir string) { opts.cfg.OutDir = dir },
		Report: func(res *generator.Result, err error, took time.Duration) {
			report(stdout, stderr, opts, res, err, took)
		},
		Ready: func(url string) {
			fmt.Fprintln(stdout, diag.Serving.Format(generator.MessageLang(opts.cfg), opts.cfg.OutDir, url))
		},
		Watching: func() {
			fmt.Fprintln(stdout, watchingLine(opts.cfg))
		},
		Logger: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}
	if err := dev.Run(ctx, opts.cfg, loop); err != nil {
		fmt.Fprintln(stderr, diag.BuildProblem.Format(generator.MessageLang(opts.cfg), err))
		return 1
	}
	return 0
}

// watchingLine says which folders the dev loop watches, and which of the
// optional ones (layouts, static) it waits for.
func watchingLine(cfg generator.Config) string {
	lang := generator.MessageLang(cfg)
	watched, missing := []string{cfg.ContentDir}, []string(nil)
	for _, dir := range []string{cfg.LayoutsDir, cfg.StaticDir} {
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			watched = append(watched, dir)
		} else if dir != "" {
			missing = append(missing, dir)
		}
	}
	if len(missing) == 0 {
		return diag.Watching.Format(lang, list(lang, diag.ListAnd, watched))
	}
	return diag.WatchingContent.Format(lang, list(lang, diag.ListAnd, watched), list(lang, diag.ListOr, missing))
}

// list joins items in lang: "a", "a and b", "a, b and c" (with ListOr:
// "a or b").
func list(lang diag.Lang, conj diag.Message, items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return conj.Format(lang, strings.Join(items[:len(items)-1], ", "), items[len(items)-1])
}

// report prints diagnostics (in opts.format, on stderr) and the summary line
// in the site's language and returns the exit code.
func report(stdout, stderr io.Writer, opts *options, res *generator.Result, err error, took time.Duration) int {
	cfg := opts.cfg
	lang := generator.MessageLang(cfg)
	var shown diag.List
	if res != nil {
		shown = append(shown, res.Diagnostics...)
	}
	var interrupted *generator.InterruptedError
	if errors.As(err, &interrupted) {
		// It says what became of the output; no file is to blame.
		fmt.Fprintln(stderr, diag.BuildProblem.Format(lang, err))
		return 1
	}
	var list diag.List
	if err != nil && !errors.As(err, &list) {
		shown.Add(diag.Position{}, diag.BuildProblem, err)
	}
	for _, d := range shown {
		fmt.Fprintln(stderr, opts.format.line(d, lang))
	}
	if err != nil {
		n := len(list)
		if n == 0 {
			n = 1
		}
		switch {
		case res != nil && res.InPlace:
			fmt.Fprintln(stderr, diag.SummaryFailedAfter.Format(lang, n, cfg.OutDir))
		case res != nil && res.Stats.Written > 0:
			fmt.Fprintln(stderr, diag.SummaryFailedPartly.Format(lang, n, res.Stats.Written, cfg.OutDir))
		default:
			fmt.Fprintln(stderr, diag.SummaryFailed.Format(lang, n, cfg.OutDir))
		}
		return 1
	}
	warnings := len(res.Diagnostics.Warnings())
	if !res.NextChange.IsZero() {
		fmt.Fprintln(stdout, diag.NextChange.Format(lang, res.NextChange.Format(time.RFC3339), res.NextChangeRole))
	}
	rounded := took.Round(time.Millisecond)
	if cfg.Check {
		fmt.Fprintln(stdout, diag.SummaryChecked.Format(lang, res.Pages, res.Files, res.Links, warnings, rounded))
		return 0
	}
	fmt.Fprintln(stdout, diag.SummaryBuilt.Format(lang, res.Pages, res.Files, cfg.OutDir,
		res.Stats.Written, res.Stats.Unchanged, res.Stats.Removed, res.Links, warnings, rounded))
	return 0
}

// flagError returns an error of the flag package in the catalogue's words.
// The flag package's messages are fixed sentences with the flag or value at
// their end; one that is not known comes back as it is.
func flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return diag.Fail(nil, diag.UnknownFlag, rest)
	}
	if rest, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return diag.Fail(nil, diag.FlagNeedsValue, rest)
	}
	if rest, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		return diag.Fail(nil, diag.BadFlagSyntax, rest)
	}
	for _, prefix := range []string{"invalid boolean value ", "invalid value "} {
		rest, ok := strings.CutPrefix(msg, prefix)
		if !ok {
			continue
		}
		value, err := strconv.QuotedPrefix(rest)
		if err != nil {
			break
		}
		unquoted, _ := strconv.Unquote(value) // a quoted prefix always unquotes
		name, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(rest[len(value):], " for flag "), " for "), ":")
		return diag.Fail(nil, diag.BadFlagValue, unquoted, name)
	}
	return err
}

// defineFlags returns the command's flag set, whose flags set o, and the
// values of -lang and -format, which parseFlags checks.
func defineFlags(o *options) (fs *flag.FlagSet, lang, formatName *string) {
	fs = flag.NewFlagSet("build", flag.ContinueOnError)
	// The flag package's own messages are English: they are discarded and
	// the error is returned in the catalogue's words (flagError).
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.cfg.ContentDir, "content", "content", "content `folder` with site.yaml and roles/")
	fs.StringVar(&o.cfg.LayoutsDir, "layouts", "layouts", "`folder` of templates that override the built-in ones")
	fs.StringVar(&o.cfg.StaticDir, "static", "", "`folder` of files published as they are, at the same paths (default: static beside the content folder)")
	fs.StringVar(&o.cfg.OutDir, "out", "public", "output `folder`")
	o.cfg.AssetGrace = defaultAssetGrace
	fs.Var(graceFlag{&o.cfg.AssetGrace}, "asset-grace", "how long the stylesheet and icon of earlier builds stay in -out after a build stops writing them: a `duration` (36h), days (7d) or off; they stay for that build at least")
	fs.StringVar(&o.cfg.StateDir, "state", "", "`folder` for the builds' record of -out (manifest, journals, lock); default: one per output folder in the user cache folder")
	fs.StringVar(&o.cfg.BaseURL, "base-url", "", "absolute `URL` that overrides site.yaml's base_url (e.g. for a preview deploy)")
	fs.BoolVar(&o.cfg.Drafts, "drafts", false, "also build roles with draft: true")
	fs.BoolVar(&o.cfg.Check, "check", false, "validate and report without writing anything")
	fs.StringVar(&o.cfg.ChangesFile, "changes", "", "write the URLs added, updated and removed since the previous build to this JSON `file` (for the Indexing API or IndexNow)")
	fs.BoolVar(&o.cfg.Minify, "minify", false, "write HTML, CSS and SVG minified (white space, comments, optional quotes and end tags left out)")
	fs.BoolVar(&o.cfg.Precompress, "precompress", false, "write beside each HTML, CSS, SVG, XML, text and JSON file its brotli (.br) and gzip (.gz) encoding where smaller, for servers that serve them as they are")
	fs.BoolVar(&o.notify, "notify", false, "after a successful build, tell IndexNow (site.yaml indexnow.key) and Google's Indexing API (GOOGLE_APPLICATION_CREDENTIALS) what it added, updated and removed; exit status 3 when that fails")
	fs.IntVar(&o.notifyCfg.Quota, "notify-quota", notify.DefaultQuota, "Indexing API `requests` a day (UTC) for -notify; the rest waits in the state folder for later runs")
	fs.BoolVar(&o.watch, "watch", false, "rebuild on every change under the content and layouts folders")
	fs.StringVar(&o.schemaDir, "schema", "", "write role.schema.json and site.schema.json for editors into `DIR` and exit")
	fs.StringVar(&o.ejectDir, "eject", "", "write every built-in template, partial, asset and message catalogue into `DIR` (never overwriting) and exit: a layouts folder to start from")
	fs.Var(&o.serve, "serve", "build into a scratch folder and serve it with live reload on `ADDR` (default 127.0.0.1, a free port); leaves -out alone; implies -watch")
	lang = fs.String("lang", "", "language of messages, `de or en` (default: German when site.yaml's language is de or de-*, else English)")
	formatName = fs.String("format", "text", "how problems are printed on standard error: `text, json or github` (GitHub Actions annotations)")
	fs.StringVar(&o.newRole, "new", "", "write the file of a new role, a draft, into the content folder's roles/ (e.g. -new tech-development/data-engineer)")
	fs.StringVar(&o.initDir, "init", "", "write a new site into `DIR`: DIR/content/site.yaml and an example role")
	return fs, lang, formatName
}

// usageLang is the language of a mistake in the command line, decided
// before its flags are understood: the value of the last -lang when it is de
// or en, else the language of the site.yaml in the -content folder (content
// by default) when it can be read, else English.
func usageLang(args []string) diag.Lang {
	cfg := generator.Config{ContentDir: "content"}
	fs, _, _ := defineFlags(&options{})
	for i := 0; i < len(args); i++ {
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if args[i] == "--" || !strings.HasPrefix(args[i], "-") {
			break
		}
		f := fs.Lookup(name)
		if f == nil {
			continue // an unknown flag: its mistake; what follows is read on
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue // takes no value after it
		}
		if !hasValue {
			if i+1 >= len(args) {
				break
			}
			i++
			value = args[i]
		}
		switch name {
		case "content":
			cfg.ContentDir = value
		case "lang":
			if l, err := diag.ParseLang(value); err == nil {
				cfg.Lang = &l
			}
		}
	}
	return generator.MessageLang(cfg)
}

// initLang is the language of -init's messages: -lang when given, else
// English, as there is no site yet to take a language from.
func initLang(cfg generator.Config) diag.Lang {
	if cfg.Lang != nil {
		return *cfg.Lang
	}
	return diag.English
}
