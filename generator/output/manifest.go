package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
)

// manifestVersion is the format version of the manifest file.
const manifestVersion = 1

// entry records one file the generator wrote. A file on disk with this Size
// and MTime is taken to hold the bytes whose SHA-256 is SHA256. An entry with
// an empty SHA256 only claims the path (a file a build may have written
// before it stopped) and never matches new bytes.
type entry struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	MTime  int64  `json:"mtime"` // Unix nanoseconds after writing
}

// manifest is the content of ManifestName. Complete is false while a build
// is writing: the next build then looks for its leftover temporary files.
type manifest struct {
	Version  int     `json:"version"`
	Complete bool    `json:"complete"`
	Files    []entry `json:"files"`
}

// oldManifest is the manifest a build finds on disk.
type oldManifest struct {
	found    bool             // the file exists
	complete bool             // the build that wrote it finished
	raw      []byte           // its bytes, to skip rewriting an identical one
	entries  map[string]entry // by path
}

// readManifest reads the manifest in root. A missing manifest is no error:
// the build then compares bytes and prunes nothing. A manifest of an older
// version counts as missing; one of a newer version is an error.
func readManifest(root *os.Root) (oldManifest, error) {
	raw, err := root.ReadFile(ManifestName)
	if errors.Is(err, fs.ErrNotExist) {
		return oldManifest{entries: map[string]entry{}}, nil
	}
	if err != nil {
		return oldManifest{}, fmt.Errorf("read manifest: %w", err)
	}
	bad := func(err error) (oldManifest, error) {
		return oldManifest{}, fmt.Errorf("read manifest %s: %w (delete it to rebuild; files of earlier builds are then no longer pruned)",
			root.Name()+string(os.PathSeparator)+ManifestName, err)
	}
	var m manifest
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil || m.Version != manifestVersion {
		// Another version may have other fields: look at the version alone.
		var v struct {
			Version int `json:"version"`
		}
		if verr := json.Unmarshal(raw, &v); verr == nil && v.Version < manifestVersion {
			return oldManifest{entries: map[string]entry{}}, nil
		}
		if err != nil {
			return bad(err)
		}
		return bad(fmt.Errorf("unknown version %d (want %d)", m.Version, manifestVersion))
	}
	entries := make(map[string]entry, len(m.Files))
	for _, e := range m.Files {
		if err := checkPath(e.Path); err != nil {
			return bad(fmt.Errorf("path %q: %w", e.Path, err))
		}
		if _, dup := entries[e.Path]; dup {
			return bad(fmt.Errorf("path %q listed twice", e.Path))
		}
		entries[e.Path] = e
	}
	return oldManifest{found: true, complete: m.Complete, raw: raw, entries: entries}, nil
}

// encodeManifest renders entries deterministically: sorted by path, one
// entry a line.
func encodeManifest(complete bool, entries []entry) ([]byte, error) {
	sort.Slice(entries, func(i, j int) bool { return entries[i].Path < entries[j].Path })
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\"version\":%d,\"complete\":%t,\"files\":[", manifestVersion, complete)
	for i, e := range entries {
		line, err := json.Marshal(e)
		if err != nil {
			return nil, fmt.Errorf("encode manifest: %w", err)
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n")
		b.Write(line)
	}
	b.WriteString("\n]}\n")
	return b.Bytes(), nil
}

// writeManifest replaces the manifest old atomically, unless it already
// holds these bytes, and returns the bytes now on disk. With durable it
// makes the rename durable too.
func writeManifest(root *os.Root, old []byte, complete bool, entries []entry, durable bool) ([]byte, error) {
	data, err := encodeManifest(complete, entries)
	if err != nil {
		return old, err
	}
	if bytes.Equal(data, old) {
		return old, nil
	}
	if _, err := writeAtomic(root, ManifestName, data, durable); err != nil {
		return old, fmt.Errorf("write manifest: %w", err)
	}
	if durable {
		if err := syncDir(root, "."); err != nil {
			return data, fmt.Errorf("write manifest: %w", err)
		}
	}
	return data, nil
}
