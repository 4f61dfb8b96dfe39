// Package serve is the development server: it serves the output folder over
// HTTP and reloads open pages after each rebuild, over Server-Sent Events.
//
// It knows no build stage. [New] serves a folder; a [Broker] tells browsers
// what a rebuild changed ([Broker.Reload]) or that it failed ([Broker.Fail]);
// [ListenAndServe] runs a handler until its context is done. The caller
// (cmd/build) wires them to the watcher and the build.
//
// Files are served as they are on disk, except that HTML responses get a
// small script before </body> (never written to the files): it listens on
// [EventsPath] and reloads the page, or shows the build error in an overlay.
package serve

import (
	"bytes"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"time"
)

// Reserved URL paths; the site cannot have files there.
const (
	// EventsPath is the Server-Sent Events stream of reload and fail events.
	EventsPath = "/_rolesite/events"
	// ScriptPath is the live-reload script that HTML responses load.
	ScriptPath = "/_rolesite/reload.js"
)

// Server serves one output folder, confined to it with os.Root: no path,
// symbolic link or encoding trick reaches a file outside. It is an
// http.Handler:
//
//   - /x/ serves x/index.html; /x, a folder with an index.html, redirects to
//     /x/; a folder without index.html is not found (no listings);
//   - a path that is not found gets the folder's 404.html with status 404, or
//     a plain-text 404 when there is none;
//   - only GET and HEAD are allowed (405 with an Allow header otherwise);
//   - the content type comes from the extension, never from sniffing;
//   - every response has X-Content-Type-Options: nosniff and
//     Cache-Control: no-store.
//
// The folder is opened on each request, so it may be created, or replaced,
// after the Server.
type Server struct {
	dir    string
	broker *Broker
}

// New returns a Server for the folder dir. With a nil Broker it serves the
// files only: no script is injected and EventsPath is not found.
func New(dir string, b *Broker) *Server {
	return &Server{dir: dir, broker: b}
}

// ServeHTTP serves a request; see [Server].
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if s.broker != nil {
		switch r.URL.Path {
		case EventsPath:
			s.broker.ServeHTTP(w, r)
			return
		case ScriptPath:
			h.Set("Content-Type", "text/javascript; charset=utf-8")
			http.ServeContent(w, r, "", time.Time{}, strings.NewReader(reloadScript))
			return
		}
	}

	root, err := os.OpenRoot(s.dir)
	if err != nil {
		s.notBuilt(w, r)
		return
	}
	defer root.Close()

	name, ok := fileName(r.URL)
	if !ok {
		s.notFound(w, r, root)
		return
	}
	// Stat before Open: opening a named pipe would block.
	fi, err := root.Stat(name)
	if err != nil {
		s.notFound(w, r, root)
		return
	}
	if fi.IsDir() {
		// /x where x is a folder: to /x/, if that has a page to show.
		if !strings.HasSuffix(r.URL.Path, "/") && isFile(root, name+"/index.html") {
			redirectToFolder(w, r)
			return
		}
		s.notFound(w, r, root)
		return
	}
	if !fi.Mode().IsRegular() {
		s.notFound(w, r, root)
		return
	}
	f, err := root.Open(name)
	if err != nil {
		s.notFound(w, r, root)
		return
	}
	defer f.Close()
	ctype := contentType(name)
	h.Set("Content-Type", ctype)
	if s.broker == nil || !isHTML(ctype) {
		http.ServeContent(w, r, "", time.Time{}, f)
		return
	}
	body, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, "cannot read "+name, http.StatusInternalServerError)
		return
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(Inject(body)))
}

// fileName maps a request's URL to a file name inside the folder, for
// os.Root: without the leading slash, index.html added to a folder's path.
// ok is false for anything that is not a plain path down the folder: an
// encoded slash or backslash, a backslash, a NUL byte, "." or ".." segments,
// or empty segments ("//").
func fileName(u *url.URL) (name string, ok bool) {
	raw := strings.ToLower(u.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", false
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	name = p[1:]
	segments := strings.Split(name, "/")
	for i, seg := range segments {
		if seg == "." || seg == ".." || (seg == "" && i != len(segments)-1) {
			return "", false
		}
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return name, true
}

// isFile reports whether name is a regular file inside root.
func isFile(root *os.Root, name string) bool {
	fi, err := root.Stat(name)
	return err == nil && fi.Mode().IsRegular()
}

// redirectToFolder redirects /x to /x/, keeping the query. The path never
// starts with "//" (fileName refuses empty segments), so the Location cannot
// name another host.
func redirectToFolder(w http.ResponseWriter, r *http.Request) {
	loc := r.URL.EscapedPath() + "/"
	if r.URL.RawQuery != "" {
		loc += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", loc)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusMovedPermanently)
	if r.Method == http.MethodGet {
		io.WriteString(w, "<a href=\""+htmlEscape(loc)+"\">Moved Permanently</a>.\n")
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// notFound answers 404 with the folder's 404.html (with the live-reload
// script, so the page reloads once the path exists), or in plain text.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, root *os.Root) {
	body, err := fs.ReadFile(root.FS(), "404.html")
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	if s.broker != nil {
		body = Inject(body)
	}
	writeHTML(w, r, http.StatusNotFound, body)
}

// notBuilt answers 404 while the folder does not exist: the first build has
// not finished, or failed. With a broker the answer is a page with the
// live-reload script, which shows the build error and reloads after the
// first good build.
func (s *Server) notBuilt(w http.ResponseWriter, r *http.Request) {
	const text = "404 page not found: the site has not been built yet"
	if s.broker == nil {
		http.Error(w, text, http.StatusNotFound)
		return
	}
	page := `<!doctype html><html><head><meta charset="utf-8"><title>Not built yet</title></head><body><p>` +
		text + `</p></body></html>`
	writeHTML(w, r, http.StatusNotFound, Inject([]byte(page)))
}

// writeHTML writes an HTML body with a status; HEAD gets the headers only.
func writeHTML(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// contentType returns the media type for a file name's extension: a fixed
// table for what a site holds (so that the answer does not depend on the
// machine's mime.types), then the mime package, then
// application/octet-stream. Never sniffed.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".xml":
		return "application/xml"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".avif":
		return "image/avif"
	case ".ico":
		return "image/vnd.microsoft.icon"
	case ".woff":
		return "font/woff"
	case ".woff2":
		return "font/woff2"
	case ".pdf":
		return "application/pdf"
	case ".webmanifest":
		return "application/manifest+json"
	}
	if t := mime.TypeByExtension(ext); ext != "" && t != "" {
		return t
	}
	return "application/octet-stream"
}

func isHTML(ctype string) bool { return strings.HasPrefix(ctype, "text/html") }
