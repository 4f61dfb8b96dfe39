package output

import (
	"strings"
	"testing"
)

func TestRedirects(t *testing.T) {
	f, err := Redirects([]Redirect{
		{"/jobs/backend-developer/", "/tech-development/backend-entwickler/"},
		{"/alt/", "https://other.example.com/x/"},
		{"/jobs/backend-developer/", "/tech-development/backend-entwickler/"},
		{"/b%C3%BCro/", "/office/"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "/alt/ https://other.example.com/x/ 301\n" +
		"/b%C3%BCro/ /office/ 301\n" +
		"/jobs/backend-developer/ /tech-development/backend-entwickler/ 301\n"
	if f.Path != "_redirects" || string(f.Data) != want {
		t.Errorf("Redirects = %s:\n%s\nwant\n%s", f.Path, f.Data, want)
	}
	if f, err := Redirects(nil); err != nil || f.Path != "_redirects" || len(f.Data) != 0 {
		t.Errorf("Redirects(nil) = %+v, %v", f, err)
	}
}

func TestRedirectsErrors(t *testing.T) {
	tests := []struct {
		rules []Redirect
		want  string
	}{
		{[]Redirect{{"", "/a/"}}, `must start with "/"`},
		{[]Redirect{{"a/", "/b/"}}, `must start with "/"`},
		{[]Redirect{{"/a/", ""}}, `to must start`},
		{[]Redirect{{"/a/", "ftp://x/"}}, `to must start`},
		{[]Redirect{{"/a b/", "/c/"}}, "white space"},
		{[]Redirect{{"/a/", "/c/\n/evil/ /x/"}}, "white space"},
		{[]Redirect{{"/a/", "/a/"}}, "itself"},
		{[]Redirect{{"/a/", "/b/"}, {"/a/", "/c/"}}, `two targets, "/b/" and "/c/"`},
	}
	for _, tt := range tests {
		_, err := Redirects(tt.rules)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Redirects(%q) = %v, want %q", tt.rules, err, tt.want)
		}
	}
}

func TestRobots(t *testing.T) {
	want := "User-agent: *\nAllow: /\n\nSitemap: https://jobs.example.com/sitemap.xml\n"
	for _, base := range []string{"https://jobs.example.com/", "https://jobs.example.com"} {
		f := Robots(base)
		if f.Path != "robots.txt" || string(f.Data) != want {
			t.Errorf("Robots(%q) = %s %q", base, f.Path, f.Data)
		}
	}
}
