package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// manifestVersion is the format version of the manifest file. Bump it when
// the format or the meaning of a field changes (another hash, say): a build
// treats a manifest of an older version as missing, and compares bytes.
//
// Version 2 records the output folder's identity (Folder) and lives in the
// state folder; version 1 lived in the output folder itself
// (legacyNames), and a build takes over what it records (readLegacyManifest).
const manifestVersion = 2

// entry records one file the generator wrote. A file on disk with this Size
// and MTime is taken to hold the bytes whose SHA-256 is SHA256. An entry with
// an empty SHA256 only claims the path (a file a build may have written
// before it stopped) and never matches new bytes.
//
// Why SHA-256: the hash only has to tell a re-rendered page from the one on
// disk of the same size, so accidental collisions are all that matter and a
// 64-bit checksum would be enough. But SHA-256 is not slower than the
// cheaper candidates where CPUs hash it in hardware (SHA-NI on x86-64 since
// AMD Zen and Intel Ice Lake, the SHA2 instructions of ARMv8): on the
// benchmark machine (AMD EPYC, BenchmarkHash, 30 KB pages) SHA-256 runs at
// 1.7-2.0 GB/s, CRC-64 at 1.1-2.1 GB/s (ISO) and 0.7-1.1 GB/s (ECMA), and
// FNV-128a at 0.4-0.75 GB/s. Hashing 10,000 such pages is about 150 ms of
// CPU, spread over all cores, against 1 s (tmpfs) to 5-10 s (ext4) for the
// cold build (BenchmarkSession); a Keep rebuild hashes nothing. So the hash
// stays, and with it manifest version 1. Without SHA instructions
// (GODEBUG=cpu.sha=off) SHA-256 drops to 0.45-0.65 GB/s: there CRC-64 would
// save some 300 ms of CPU per cold build, not enough to change the format.
type entry struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	MTime  int64  `json:"mtime"` // Unix nanoseconds after writing
	// Until, when set, says the file is no longer part of the site and
	// stays in the output folder for its grace (Options.Grace) until this
	// moment, Unix nanoseconds.
	Until int64 `json:"until,omitempty"`
}

// manifest is the content of ManifestName. Complete is false while a build
// is writing: the next build then looks for its leftover temporary files.
type manifest struct {
	Version int `json:"version"`
	// Folder is the identity (folderID) of the output folder the files are
	// in; absent in version 1.
	Folder   string `json:"folder,omitempty"`
	Complete bool   `json:"complete"`
	// State is what the build that committed the folder asked to keep with
	// it (Session.SetState); absent when it asked for nothing.
	State json.RawMessage `json:"state,omitempty"`
	Files []entry         `json:"files"`
}

// oldManifest is the manifest a build finds on disk.
type oldManifest struct {
	found    bool             // the file exists and describes the output folder
	complete bool             // the build that wrote it finished
	raw      []byte           // its bytes, to skip rewriting an identical one
	state    []byte           // its State, nil when absent
	entries  map[string]entry // by path
}

// readManifest reads the manifest in the state folder state, for the
// output folder whose identity is outID. A missing manifest is no error:
// the build then compares bytes and prunes nothing. So is a manifest of
// another folder (see folderID) or of an older version, which counts as
// missing; one of a newer version is an error.
func readManifest(state *os.Root, outID string) (oldManifest, error) {
	raw, err := state.ReadFile(ManifestName)
	if errors.Is(err, fs.ErrNotExist) {
		return oldManifest{entries: map[string]entry{}}, nil
	}
	if err != nil {
		return oldManifest{}, fmt.Errorf("read manifest: %w", err)
	}
	m, err := parseManifest(raw, state.Name()+string(os.PathSeparator)+ManifestName)
	if err != nil {
		return oldManifest{}, err
	}
	if m.Version < manifestVersion || !sameFolder(m.Folder, outID) {
		return oldManifest{entries: map[string]entry{}}, nil
	}
	return m.old(raw, state.Name()+string(os.PathSeparator)+ManifestName)
}

// readLegacyManifest reads the version 1 manifest that builds before the
// state folder kept in the output folder out itself; found is false when
// there is none.
func readLegacyManifest(out *os.Root) (oldManifest, error) {
	name := legacyNames[0]
	raw, err := out.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return oldManifest{entries: map[string]entry{}}, nil
	}
	if err != nil {
		return oldManifest{}, fmt.Errorf("read manifest: %w", err)
	}
	path := out.Name() + string(os.PathSeparator) + name
	m, err := parseManifest(raw, path)
	if err != nil {
		return oldManifest{}, err
	}
	if m.Version != 1 {
		return oldManifest{entries: map[string]entry{}}, nil
	}
	old, err := m.old(nil, path)
	old.state = nil // the state folder's shortcut starts afresh
	return old, err
}

// parseManifest decodes a manifest of any version up to manifestVersion;
// name is its path for messages.
func parseManifest(raw []byte, name string) (manifest, error) {
	bad := func(err error) (manifest, error) {
		return manifest{}, fmt.Errorf("read manifest %s: %w (delete it to rebuild; files of earlier builds are then no longer pruned)", name, err)
	}
	m, ok := decodeManifestFast(raw)
	if ok {
		return m, nil
	}
	m = manifest{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		// A version before the first may have had other fields: it counts
		// as missing.
		var v struct {
			Version int `json:"version"`
		}
		if json.Unmarshal(raw, &v) == nil && v.Version < 1 {
			return manifest{Version: v.Version}, nil
		}
		return bad(err)
	}
	if m.Version < 1 || m.Version > manifestVersion {
		return bad(fmt.Errorf("unknown version %d (want %d)", m.Version, manifestVersion))
	}
	return m, nil
}

// manifestFolder returns the Folder of the manifest raw; ok is false when
// raw is no manifest of this version.
func manifestFolder(raw []byte) (folder string, ok bool) {
	m, err := parseManifest(raw, "")
	if err != nil || m.Version != manifestVersion {
		return "", false
	}
	return m.Folder, true
}

// old indexes m's entries; raw is what to compare the next manifest with
// (nil: rewrite it whatever it holds), name the file for messages.
func (m manifest) old(raw []byte, name string) (oldManifest, error) {
	entries := make(map[string]entry, len(m.Files))
	for _, e := range m.Files {
		if err := checkPath(e.Path); err != nil {
			return oldManifest{}, fmt.Errorf("read manifest %s: path %q: %w (delete it to rebuild; files of earlier builds are then no longer pruned)", name, e.Path, err)
		}
		if _, dup := entries[e.Path]; dup {
			return oldManifest{}, fmt.Errorf("read manifest %s: path %q listed twice (delete it to rebuild; files of earlier builds are then no longer pruned)", name, e.Path)
		}
		entries[e.Path] = e
	}
	var state []byte
	if len(m.State) > 0 {
		state = []byte(m.State)
	}
	return oldManifest{found: true, complete: m.Complete, raw: raw, state: state, entries: entries}, nil
}

// encodeManifest renders entries deterministically: sorted by path, one
// entry a line, after folder, the output folder's identity. state, when not empty, must be compact JSON; it is written on
// a line of its own before the files.
func encodeManifest(folder string, complete bool, state []byte, entries []entry) ([]byte, error) {
	if !plainJSON(folder) {
		return nil, fmt.Errorf("encode manifest: folder id %q", folder)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Path < entries[j].Path })
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\"version\":%d,\"folder\":\"%s\",\"complete\":%t,", manifestVersion, folder, complete)
	if len(state) > 0 {
		if !json.Valid(state) {
			return nil, errors.New("encode manifest: state is not valid JSON")
		}
		b.WriteString("\n\"state\":")
		if err := json.Compact(&b, state); err != nil {
			return nil, fmt.Errorf("encode manifest: %w", err)
		}
		b.WriteString(",\n")
	}
	b.WriteString("\"files\":[")
	b.Grow(len(entries) * 160)
	var line []byte
	for i, e := range entries {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n")
		if plainJSON(e.Path) && plainJSON(e.SHA256) {
			// What json.Marshal(e) writes, without its reflection.
			line = append(line[:0], `{"path":"`...)
			line = append(line, e.Path...)
			line = append(line, `","size":`...)
			line = strconv.AppendInt(line, e.Size, 10)
			line = append(line, `,"sha256":"`...)
			line = append(line, e.SHA256...)
			line = append(line, `","mtime":`...)
			line = strconv.AppendInt(line, e.MTime, 10)
			if e.Until != 0 {
				line = append(line, `,"until":`...)
				line = strconv.AppendInt(line, e.Until, 10)
			}
			line = append(line, '}')
			b.Write(line)
			continue
		}
		enc, err := json.Marshal(e)
		if err != nil {
			return nil, fmt.Errorf("encode manifest: %w", err)
		}
		b.Write(enc)
	}
	b.WriteString("\n]}\n")
	return b.Bytes(), nil
}

// Names of the next manifest in the state folder: manifestTemp while a
// session commits through the commit journal, which moves it over
// ManifestName; nextManifestName while one commits by exchanging folders,
// moved over ManifestName once the exchange is made (promoteNext).
const (
	manifestTemp     = "manifest.tmp"
	nextManifestName = "manifest.next"
)

// writeState writes data into the state folder's file name, replacing a
// leftover of that name.
func (d disk) writeState(name string, data []byte, durable bool) error {
	if _, err := d.stage(d.state, name, name, data, durable); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// decodeManifestFast decodes a manifest in exactly the form encodeManifest
// writes, with no escape sequence in any path, as encoding/json would; ok is
// false for anything else, which the caller then gives to encoding/json. It
// saves most of the time of reading a manifest of 100,000 files.
func decodeManifestFast(raw []byte) (m manifest, ok bool) {
	rest, ok := bytes.CutPrefix(raw, []byte(`{"version":2,"folder":"`))
	if ok {
		m.Version = 2
		var folder []byte
		if folder, rest, ok = cutString(rest); !ok {
			return manifest{}, false
		}
		m.Folder = string(folder)
		if rest, ok = cutField(rest, `,"complete":`); !ok {
			return manifest{}, false
		}
	} else if rest, ok = bytes.CutPrefix(raw, []byte(`{"version":1,"complete":`)); ok {
		m.Version = 1
	} else {
		return manifest{}, false
	}
	switch {
	case bytes.HasPrefix(rest, []byte("true,")):
		m.Complete, rest = true, rest[len("true,"):]
	case bytes.HasPrefix(rest, []byte("false,")):
		rest = rest[len("false,"):]
	default:
		return manifest{}, false
	}
	if r, ok := bytes.CutPrefix(rest, []byte("\n\"state\":")); ok {
		// Compact JSON holds no line break: the state ends where the files
		// begin.
		i := bytes.Index(r, []byte(",\n\"files\":["))
		if i < 0 || !json.Valid(r[:i]) {
			return manifest{}, false
		}
		m.State = json.RawMessage(bytes.Clone(r[:i]))
		rest = r[i+2:]
	}
	rest, ok = bytes.CutPrefix(rest, []byte(`"files":[`))
	if !ok {
		return manifest{}, false
	}
	m.Files = make([]entry, 0, bytes.Count(rest, []byte("\n")))
	for first := true; ; first = false {
		if r, ok := bytes.CutPrefix(rest, []byte("\n]}\n")); ok && len(r) == 0 {
			return m, true
		}
		if !first {
			if rest, ok = bytes.CutPrefix(rest, []byte(",")); !ok {
				return manifest{}, false
			}
		}
		var e entry
		if rest, ok = cutField(rest, "\n{\"path\":\""); !ok {
			return manifest{}, false
		}
		var path []byte
		if path, rest, ok = cutString(rest); !ok {
			return manifest{}, false
		}
		e.Path = string(path)
		if rest, ok = cutField(rest, `,"size":`); !ok {
			return manifest{}, false
		}
		if e.Size, rest, ok = cutInt(rest); !ok {
			return manifest{}, false
		}
		if rest, ok = cutField(rest, `,"sha256":"`); !ok {
			return manifest{}, false
		}
		var sum []byte
		if sum, rest, ok = cutString(rest); !ok {
			return manifest{}, false
		}
		e.SHA256 = string(sum)
		if rest, ok = cutField(rest, `,"mtime":`); !ok {
			return manifest{}, false
		}
		if e.MTime, rest, ok = cutInt(rest); !ok {
			return manifest{}, false
		}
		if r, ok := cutField(rest, `,"until":`); ok {
			if e.Until, rest, ok = cutInt(r); !ok || e.Until == 0 {
				return manifest{}, false
			}
		}
		if rest, ok = cutField(rest, "}"); !ok {
			return manifest{}, false
		}
		m.Files = append(m.Files, e)
	}
}

func cutField(b []byte, prefix string) ([]byte, bool) {
	if len(b) < len(prefix) || string(b[:len(prefix)]) != prefix {
		return nil, false
	}
	return b[len(prefix):], true
}

// cutString reads the rest of a JSON string whose opening quote was read:
// valid UTF-8 without escapes or control characters, up to the closing quote.
func cutString(b []byte) (s, rest []byte, ok bool) {
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			if !utf8.Valid(b[:i]) {
				return nil, nil, false
			}
			return b[:i], b[i+1:], true
		case c == '\\' || c < 0x20:
			return nil, nil, false
		}
	}
	return nil, nil, false
}

// cutInt reads a JSON integer: an optional minus, then 0 or digits not
// starting with 0.
func cutInt(b []byte) (int64, []byte, bool) {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	start := i
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	if i == start || (b[start] == '0' && i > start+1) {
		return 0, nil, false
	}
	n, err := strconv.ParseInt(string(b[:i]), 10, 64)
	if err != nil {
		return 0, nil, false
	}
	return n, b[i:], true
}

// plainJSON reports whether json.Marshal writes s as it is between quotes:
// valid UTF-8 without quotes, backslashes, control characters, <, >, &,
// U+2028 or U+2029.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		case c >= utf8.RuneSelf:
			if !utf8.ValidString(s[i:]) || strings.ContainsRune(s[i:], '\u2028') || strings.ContainsRune(s[i:], '\u2029') {
				return false
			}
			return plainASCIITail(s[i:])
		}
	}
	return true
}

// plainASCIITail checks the ASCII bytes of s, which is valid UTF-8 without
// U+2028 and U+2029, as plainJSON does.
func plainASCIITail(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		}
	}
	return true
}
