// Command synth writes a synthetic Rolesite content folder for benchmarks:
//
//	go run ./cmd/synth -n 10000 -seed 1 -out DIR
//
// then build it with go run ./cmd/build -content DIR -out OUT. See package
// rolesite/internal/synth.
package main

import (
	"flag"
	"fmt"
	"os"

	"rolesite/internal/synth"
)

func main() {
	n := flag.Int("n", 1000, fmt.Sprintf("number of roles (1 to %d)", synth.Max))
	seed := flag.Int64("seed", 1, "random seed; the same seed writes the same bytes")
	out := flag.String("out", "", "the content folder to write (required; its roles/ must be missing or empty)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: synth [-n N] [-seed S] -out DIR")
		os.Exit(2)
	}
	if err := synth.Write(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
