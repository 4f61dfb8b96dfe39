package generator

import (
	"os"
	"path/filepath"
	"regexp"

	"go.yaml.in/yaml/v3"

	"rolesite/generator/diag"
)

// MessageLang returns the language of the messages a build of cfg reports:
// cfg.Lang when set, else German when site.yaml's language has the primary
// subtag de, else English. It reads site.yaml itself, so that a site.yaml
// that fails to load still gets its messages in the site's language; when
// the file cannot be parsed at all, a top-level "language:" line decides.
func MessageLang(cfg Config) diag.Lang {
	if cfg.Lang != nil {
		return *cfg.Lang
	}
	src, err := os.ReadFile(filepath.Join(cfg.ContentDir, "site.yaml"))
	if err != nil {
		return diag.English
	}
	var site struct {
		Language string `yaml:"language"`
	}
	if yaml.Unmarshal(src, &site) == nil {
		return diag.SiteLang(site.Language)
	}
	if m := languageLine.FindSubmatch(src); m != nil {
		return diag.SiteLang(string(m[1]))
	}
	return diag.English
}

// languageLine finds a top-level language key in a site.yaml that is not
// valid YAML.
var languageLine = regexp.MustCompile(`(?m)^language:[ \t]*["']?([A-Za-z0-9_-]+)`)
