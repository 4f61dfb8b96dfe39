package watch

import (
	"slices"
	"testing"
)

func TestIgnored(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"content/roles/backend.md", false},
		{"layouts/base.html", false},
		{"content/site.yaml", false},
		{"content/roles/.backend.md.swp", true},
		{"content/roles/.backend.md.swx", true},
		{"content/roles/.backend.md.swo", true},
		{"content/roles/.backend.md.swn", true},
		{"content/roles/backend.md~", true},
		{"content/roles/4913", true},
		{"content/roles/49130", false},
		{"content/roles/.#backend.md", true},
		{"content/roles/#backend.md#", true},
		{"content/roles/#", false},
		{"content/roles/#backend.md", false},
		{"content/roles/backend.md.tmp", true},
		{"content/roles/.backend.md.tmp", true},
		{"content/roles/backend.md___jb_tmp___", true},
		{"content/roles/backend.md___jb_old___", true},
		{"content/.DS_Store", true},
		{"content/roles/tmp", false},
		{"content/roles~/backend.md", false}, // only the last element counts
	}
	for _, tt := range tests {
		if got := Ignored(tt.path); got != tt.want {
			t.Errorf("Ignored(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestFilter(t *testing.T) {
	const f, g = "c/backend.md", "c/frontend.md"
	tests := []struct {
		name string
		in   []Change
		want []Change
	}{
		{"empty", nil, nil},
		{"one write", []Change{{f, Write}}, []Change{{f, Write}}},
		{"many writes are one", []Change{{f, Write}, {f, Write}, {f, Write}}, []Change{{f, Write}}},
		{"last event wins", []Change{{f, Create}, {f, Write}, {f, Remove}}, []Change{{f, Remove}}},
		{"delete and recreate", []Change{{f, Remove}, {f, Create}, {f, Write}}, []Change{{f, Write}}},
		{"chmod only is dropped", []Change{{f, opChmod}, {g, opChmod}}, nil},
		{"chmod never wins", []Change{{f, Create}, {f, opChmod}}, []Change{{f, Create}}},
		{"chmod after remove", []Change{{f, Remove}, {f, opChmod}}, []Change{{f, Remove}}},
		{"swap files only", []Change{
			{"c/.backend.md.swp", Create}, {"c/.backend.md.swp", Write}, {"c/4913", Create},
			{"c/4913", Remove}, {"c/.backend.md.swp", Remove},
		}, nil},
		{"rename over the original", []Change{
			// temp file written, then renamed onto the original
			{f + ".tmp", Create}, {f + ".tmp", Write}, {f + ".tmp", Remove}, {f, Create},
		}, []Change{{f, Create}}},
		{"vs code dot tmp", []Change{
			{"c/.backend.md.tmp", Create}, {"c/.backend.md.tmp", Write}, {"c/.backend.md.tmp", Remove}, {f, Create},
		}, []Change{{f, Create}}},
		{"jetbrains safe write", []Change{
			{f + "___jb_tmp___", Create}, {f + "___jb_tmp___", Write},
			{f, Remove}, {f + "___jb_old___", Create}, // original renamed to ___jb_old___
			{f + "___jb_tmp___", Remove}, {f, Create}, // new content renamed onto the original
			{f + "___jb_old___", Remove},
		}, []Change{{f, Create}}},
		{"vim backup dance", []Change{
			{"c/4913", Create}, {"c/4913", opChmod}, {"c/4913", Remove}, // probe
			{f, Remove}, {f + "~", Create}, // original renamed to backup
			{f, Create}, {f, Write}, {f, opChmod}, // new file written
			{f + "~", Remove}, // backup removed
		}, []Change{{f, Write}}},
		{"sorted by path", []Change{{g, Write}, {f, Write}, {"c/a.md", Remove}},
			[]Change{{"c/a.md", Remove}, {f, Write}, {g, Write}}},
		{"rescan first and kept beside the same path", []Change{{g, Write}, {"c", Create}, {"c", Rescan}, {"c", Rescan}},
			[]Change{{"c", Rescan}, {"c", Create}, {g, Write}}},
		{"folder and its file", []Change{{"c/new", Create}, {"c/new/x.md", Create}, {"c/new/x.md", Write}},
			[]Change{{"c/new", Create}, {"c/new/x.md", Write}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.in)
			got := Filter(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Filter(%v)\n got %v\nwant %v", tt.in, got, tt.want)
			}
			if !slices.Equal(in, tt.in) {
				t.Errorf("Filter changed its input: %v", tt.in)
			}
		})
	}
}
