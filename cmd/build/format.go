package main

import (
	"encoding/json"
	"strconv"
	"strings"

	"rolesite/generator/diag"
)

// format is how diagnostics are printed on standard error.
type format int

const (
	// formatText prints "path:line:col: message", for people.
	formatText format = iota
	// formatJSON prints one JSON object per diagnostic per line.
	formatJSON
	// formatGitHub prints GitHub Actions workflow commands, which annotate
	// the file and line in a pull request.
	formatGitHub
)

// parseFormat reads the value of -format.
func parseFormat(s string) (format, error) {
	switch s {
	case "text":
		return formatText, nil
	case "json":
		return formatJSON, nil
	case "github":
		return formatGitHub, nil
	}
	return formatText, diag.Fail(nil, diag.BadFormatFlag, s)
}

// jsonDiagnostic is one line of -format json.
type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

// line renders d in f and lang, without a line break.
func (f format) line(d diag.Diagnostic, lang diag.Lang) string {
	switch f {
	case formatJSON:
		col := d.Pos.Column
		if d.Pos.Line > 0 && col <= 0 {
			col = 1
		}
		b, _ := json.Marshal(jsonDiagnostic{ // strings and ints always marshal
			File: d.Pos.Path, Line: max(d.Pos.Line, 0), Col: col,
			Severity: severityName(d.Severity), Code: d.Code, Message: d.MessageIn(lang),
		})
		return string(b)
	case formatGitHub:
		return githubCommand(d, lang)
	}
	return d.Text(lang)
}

func severityName(s diag.Severity) string {
	if s == diag.Warning {
		return "warning"
	}
	return "error"
}

// githubCommand renders d as a GitHub Actions ::error or ::warning command:
// ::error file=F,line=L,col=C,title=CODE::MESSAGE, with the message's %, CR
// and LF escaped, and in property values also : and ,.
func githubCommand(d diag.Diagnostic, lang diag.Lang) string {
	var props []string
	if d.Pos.Path != "" {
		props = append(props, "file="+githubProperty(d.Pos.Path))
	}
	if d.Pos.Line > 0 {
		props = append(props, "line="+strconv.Itoa(d.Pos.Line), "col="+strconv.Itoa(max(d.Pos.Column, 1)))
	}
	props = append(props, "title="+githubProperty(d.Code))
	return "::" + severityName(d.Severity) + " " + strings.Join(props, ",") + "::" + githubData(d.MessageIn(lang))
}

// githubData escapes a workflow command's message.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a workflow command's property value.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
