package i18n

import (
	"testing"

	"golang.org/x/text/language"
)

// FuzzParseCatalogue: any bytes parse without a panic, every problem is
// told at the file, and every message that parsed writes with enough
// arguments.
func FuzzParseCatalogue(f *testing.F) {
	files, _ := Builtin()
	for _, data := range files {
		f.Add(data)
	}
	f.Add([]byte("a: \"{0} {{ {1}\"\nb:\n  one: x\n  other: \"{0}\"\n"))
	f.Add([]byte("a: {x: y}\n"))
	f.Add([]byte("- a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, errs := Parse("fuzz.yaml", data)
		for _, d := range errs {
			if d.Pos.Path != "fuzz.yaml" {
				t.Errorf("error without the file: %v", d)
			}
		}
		// Every message that parsed writes without panicking.
		loc := &Locale{Tag: language.English, Lang: "en", msgs: file.Msgs}
		loc.init()
		for _, k := range Keys(file.Msgs) {
			for n := 0; n <= 10; n++ {
				args := make([]any, n)
				for i := range args {
					args[i] = i
				}
				if _, err := loc.T(k, args...); err != nil && n == 10 && !file.Msgs[k].Plural() {
					t.Errorf("%s with 10 arguments: %v", k, err)
				}
			}
		}
	})
}
