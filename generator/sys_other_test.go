//go:build !unix

package generator

func syncDisks() {}

func maxRSSKB() int64 { return 0 }
