package fingerprint_test

import (
	"fmt"
	"testing"
	"time"

	"rolesite/internal/fingerprint"
	"rolesite/internal/fingerprint/fingerprinttest"
)

// TestEncodingIsUnambiguous: lists that differ only in where one value
// ends and the next begins get different keys.
func TestEncodingIsUnambiguous(t *testing.T) {
	seed := fingerprint.NewSeed()
	cases := []struct {
		name string
		a, b func(*fingerprint.Hash) *fingerprint.Hash
	}{
		{"string boundary", func(h *fingerprint.Hash) *fingerprint.Hash { return h.String("ab").String("c") },
			func(h *fingerprint.Hash) *fingerprint.Hash { return h.String("a").String("bc") }},
		{"empty strings", func(h *fingerprint.Hash) *fingerprint.Hash { return h.String("").String("a") },
			func(h *fingerprint.Hash) *fingerprint.Hash { return h.String("a").String("") }},
		{"NUL inside", func(h *fingerprint.Hash) *fingerprint.Hash { return h.String("a\x00b") },
			func(h *fingerprint.Hash) *fingerprint.Hash { return h.String("a").String("b") }},
		{"list boundary", func(h *fingerprint.Hash) *fingerprint.Hash { return h.Strings([]string{"a", "b"}).Strings(nil) },
			func(h *fingerprint.Hash) *fingerprint.Hash { return h.Strings([]string{"a"}).Strings([]string{"b"}) }},
		{"slice in struct", func(h *fingerprint.Hash) *fingerprint.Hash {
			return h.Value(struct{ A, B []string }{[]string{"x", "y"}, nil})
		}, func(h *fingerprint.Hash) *fingerprint.Hash {
			return h.Value(struct{ A, B []string }{[]string{"x"}, []string{"y"}})
		}},
		{"nil and empty pointer", func(h *fingerprint.Hash) *fingerprint.Hash { return h.Value((*string)(nil)) },
			func(h *fingerprint.Hash) *fingerprint.Hash { return h.Value(new(string)) }},
		{"time zone", func(h *fingerprint.Hash) *fingerprint.Hash { return h.Value(time.Unix(0, 0).UTC()) },
			func(h *fingerprint.Hash) *fingerprint.Hash {
				return h.Value(time.Unix(0, 0).In(time.FixedZone("X", 0)))
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.a(seed.New()).Sum() == c.b(seed.New()).Sum() {
				t.Error("in-memory keys are equal")
			}
			if c.a(fingerprint.NewStable()).Stable() == c.b(fingerprint.NewStable()).Stable() {
				t.Error("stable keys are equal")
			}
		})
	}
}

// TestSameValuesSameKey: equal values give equal keys, whatever the order
// a map was filled in, and a Reset Hash starts afresh.
func TestSameValuesSameKey(t *testing.T) {
	seed := fingerprint.NewSeed()
	a := map[string]int{}
	b := map[string]int{}
	for i, k := range []string{"x", "y", "z", "w"} {
		a[k] = i
	}
	for i, k := range []string{"w", "z", "y", "x"} {
		b[k] = 3 - i
	}
	if seed.New().Value(a).Sum() != seed.New().Value(b).Sum() {
		t.Error("equal maps give different keys")
	}
	h := seed.New().String("other")
	if h.Reset().String("k").Sum() != seed.New().String("k").Sum() {
		t.Error("Reset keeps what the Hash held")
	}
	if seed.String("k") != seed.Bytes([]byte("k")) {
		t.Error("Seed.String and Seed.Bytes disagree")
	}
	if fingerprint.NewStable().String("k").Stable() != fingerprint.NewStable().String("k").Stable() {
		t.Error("stable keys of the same value differ")
	}
}

type inner struct {
	N    int
	When time.Time
}

type covered struct {
	Name   string
	On     bool
	Rate   float64
	Tags   []string
	Extra  map[string]string
	Ptr    *int
	Inner  inner
	hidden uint
	since  time.Time
	any    any
}

// TestValueCoversEveryField: the reflective encoding covers every field,
// unexported and nested ones too, as Covers checks it.
func TestValueCoversEveryField(t *testing.T) {
	seed := fingerprint.NewSeed()
	fingerprinttest.Covers(t, covered{Name: "a", Tags: []string{"t"}}, func(c covered) uint64 { return seed.New().Value(c).Sum() }, "any")
	if seed.New().Value(covered{any: 1}).Sum() == seed.New().Value(covered{any: "1"}).Sum() {
		t.Error("an interface's dynamic type is not covered")
	}
}

// TestCoversFindsGaps runs Covers on a key that leaves fields out, and
// expects it to name them, and a stale exemption.
func TestCoversFindsGaps(t *testing.T) {
	rec := &recorder{TB: t}
	fingerprinttest.Covers[covered](rec, covered{}, func(c covered) string { return c.Name + c.Inner.When.String() }, "Rate", "Gone")
	want := []string{
		"the key does not cover On: changing it leaves the key as it is",
		"the key does not cover Tags: changing it leaves the key as it is",
		"the key does not cover Extra: changing it leaves the key as it is",
		"the key does not cover Ptr: changing it leaves the key as it is",
		"the key does not cover Inner.N: changing it leaves the key as it is",
		"the key does not cover hidden: changing it leaves the key as it is",
		"the key does not cover since: changing it leaves the key as it is",
		"any: cannot change a interface {} field; exempt it or cover it by hand",
		"exempt field Gone is no field of fingerprint_test.covered",
	}
	if len(rec.errs) != len(want) {
		t.Fatalf("Covers reported %d problems, want %d:\n%q", len(rec.errs), len(want), rec.errs)
	}
	for i := range want {
		if rec.errs[i] != want[i] {
			t.Errorf("problem %d = %q, want %q", i, rec.errs[i], want[i])
		}
	}
}

type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
