package serve

import (
	"bytes"
	"testing"
)

func TestInject(t *testing.T) {
	const s = ScriptTag
	tests := []struct {
		name, in, want string
	}{
		{"before body end", "<html><body><p>x</p></body></html>", "<html><body><p>x</p>" + s + "</body></html>"},
		{"upper case", "<HTML><BODY>x</BODY></HTML>", "<HTML><BODY>x" + s + "</BODY></HTML>"},
		{"mixed case", "<body>x</Body >", "<body>x" + s + "</Body >"},
		{"white space before >", "<body>x</body\n>", "<body>x" + s + "</body\n>"},
		{"no body end: appended", "<p>fragment</p>", "<p>fragment</p>" + s},
		{"empty", "", s},
		{"last of several", "<body><!-- </body> --><script>'</body>'</script></body>", "<body><!-- </body> --><script>'</body>'</script>" + s + "</body>"},
		{"not another tag", "<body>x</bodyguard>", "<body>x</bodyguard>" + s},
		{"tag at the very end", "<body>x</body", "<body>x" + s + "</body"},
		{"non-ASCII before and after", "<body>İstanbul ÄÖÜ ẞ</body>ſ", "<body>İstanbul ÄÖÜ ẞ" + s + "</body>ſ"},
		{"Kelvin sign is not K", "<body>x</\u212abody>", "<body>x</\u212abody>" + s},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.in)
			got := Inject(in)
			if string(got) != tt.want {
				t.Errorf("Inject(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if !bytes.Equal(in, []byte(tt.in)) {
				t.Errorf("Inject changed its input to %q", in)
			}
		})
	}
}

func FuzzInject(f *testing.F) {
	for _, s := range []string{"", "<body></body>", "</BODY>", "</body", "x</body >y", "ÄÖÜ</bOdY>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := Inject([]byte(in))
		// The script sits before the last end tag, or at the end, and taking
		// it out gives the input back.
		i := bodyEnd([]byte(in))
		if i < 0 {
			i = len(in)
		}
		if len(got) != len(in)+len(ScriptTag) || string(got[i:i+len(ScriptTag)]) != ScriptTag {
			t.Fatalf("Inject(%q) = %q: no script at %d", in, got, i)
		}
		if back := string(got[:i]) + string(got[i+len(ScriptTag):]); back != in {
			t.Fatalf("Inject(%q) = %q: removing the script gives %q", in, got, back)
		}
		if i < len(in) && !bytes.EqualFold([]byte(in[i:i+6]), []byte("</body")) {
			t.Fatalf("Inject(%q): %q at %d is no end tag", in, in[i:i+6], i)
		}
	})
}
