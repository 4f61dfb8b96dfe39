//go:build !unix

package generator

func syncDisks() {}
