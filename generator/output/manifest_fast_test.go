package output

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

func decodeManifestJSON(raw []byte) (manifest, error) {
	var m manifest
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(&m)
	return m, err
}

// TestDecodeManifestFast checks the fast manifest reader against
// encoding/json on what encodeManifest writes, and that it declines what
// it does not read exactly.
func TestDecodeManifestFast(t *testing.T) {
	entries := []entry{
		{Path: "index.html", Size: 12, SHA256: "ab12", MTime: 1764547200123456789},
		{Path: "tech/backend-entwickler/index.html", Size: 0, SHA256: "", MTime: -5},
		{Path: "jobs/ümlaut/index.html", Size: 7, SHA256: "ff", MTime: 0},
	}
	for _, tt := range []struct {
		name     string
		complete bool
		state    string
		entries  []entry
	}{
		{"empty", true, "", nil},
		{"entries", true, "", entries},
		{"incomplete", false, "", entries},
		{"state", true, `{"v":1,"key":"x,\n\"files\":[","n":[1,2]}`, entries},
	} {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := encodeManifest("1:2:3", tt.complete, []byte(tt.state), append([]entry(nil), tt.entries...))
			if err != nil {
				t.Fatal(err)
			}
			fast, ok := decodeManifestFast(raw)
			if !ok {
				t.Fatalf("fast reader declined\n%s", raw)
			}
			want, err := decodeManifestJSON(raw)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Files) == 0 && len(fast.Files) == 0 {
				want.Files, fast.Files = nil, nil
			}
			if !reflect.DeepEqual(fast, want) {
				t.Errorf("fast %+v\njson %+v", fast, want)
			}
		})
	}
	raw, _ := encodeManifest("1:2:3", true, nil, []entry{{Path: "a&b<c>.html", Size: 1, SHA256: "x", MTime: 1}})
	if _, ok := decodeManifestFast(raw); ok {
		t.Errorf("fast reader took an escaped path:\n%s", raw)
	}
	for _, bad := range []string{
		`{"version":2,"folder":"1:2:3","complete":true,"files":[` + "\n" + `{"path":"a","size":01,"sha256":"x","mtime":1}` + "\n]}\n",
		`{"version":1,"complete":true,"files":[` + "\n" + `{"path":"a","size":1,"sha256":"x","mtime":1,"x":2}` + "\n]}\n",
		`{"version":1,"complete":true,"files":[` + "\n" + `{"path":"a","size":1,"sha256":"x","mtime":1}` + "\n]}\nxx",
		`{"version":2,"complete":true,"files":[` + "\n]}\n",
	} {
		if _, ok := decodeManifestFast([]byte(bad)); ok {
			t.Errorf("fast reader took %q", bad)
		}
	}
}

// FuzzDecodeManifestFast checks that whatever the fast reader takes,
// encoding/json reads the same way.
func FuzzDecodeManifestFast(f *testing.F) {
	raw, _ := encodeManifest("1:2:3", true, []byte(`{"a":1}`), []entry{{Path: "a/b.html", Size: 3, SHA256: "cd", MTime: 9}, {Path: "c", Size: 1, SHA256: "", MTime: -1}})
	f.Add(raw)
	f.Fuzz(func(t *testing.T, raw []byte) {
		fast, ok := decodeManifestFast(raw)
		if !ok {
			return
		}
		want, err := decodeManifestJSON(raw)
		if err != nil {
			t.Fatalf("fast reader took what encoding/json refuses (%v):\n%q", err, raw)
		}
		if len(want.Files) == 0 && len(fast.Files) == 0 {
			want.Files, fast.Files = nil, nil
		}
		if !reflect.DeepEqual(fast, want) {
			t.Fatalf("fast %+v\njson %+v", fast, want)
		}
	})
}

// TestEncodeManifestEntries checks the hand-written entry lines against
// json.Marshal.
func TestEncodeManifestEntries(t *testing.T) {
	for _, p := range []string{"a/index.html", "ä/ö.html", "a&b", "<x>", "q\"uote", "back\\slash", "tab\t", "ls\u2028", "bad\xff", "ok€/x"} {
		e := entry{Path: p, Size: 42, SHA256: "00ff", MTime: -7}
		raw, err := encodeManifest("1:2:3", true, nil, []entry{e})
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(e)
		if got := string(raw); got != `{"version":2,"folder":"1:2:3","complete":true,"files":[`+"\n"+string(want)+"\n]}\n" {
			t.Errorf("%q: %s, want line %s", p, got, want)
		}
	}
}
