// Command rolegen writes the role page writer generated from the built-in
// templates (see rolegen.go in package render). It is run by go generate,
// built with -tags rolegen so that package render compiles without the
// file it replaces.
package main

import (
	"flag"
	"fmt"
	"os"

	"rolesite/generator/render"
)

func main() {
	out := flag.String("o", "role_gen.go", "the file to write")
	flag.Parse()
	src, err := render.GenerateRoleWriter()
	if err != nil {
		fmt.Fprintf(os.Stderr, "rolegen: %v\n", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "rolegen: %v\n", err)
		os.Exit(1)
	}
}
