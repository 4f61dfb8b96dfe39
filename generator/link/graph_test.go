package link

import (
	"reflect"
	"testing"
)

func TestBuildGraph(t *testing.T) {
	tests := []struct {
		name              string
		n                 int
		related, mentions [][]int
		out, in           [][]int
		islands           []int
	}{
		{"empty", 0, nil, nil, [][]int{}, [][]int{}, nil},
		{"no links", 2, nil, nil, [][]int{nil, nil}, [][]int{nil, nil}, []int{0, 1}},
		{"one role alone is no island", 1, nil, nil, [][]int{nil}, [][]int{nil}, nil},
		{
			"related first, then mentions, deduplicated, no self", 4,
			[][]int{{2, 1}, {0}, nil, nil},
			[][]int{{1, 3, 0, 2}, {1, 3}, {0}, nil},
			[][]int{{2, 1, 3}, {0, 3}, {0}, nil},
			[][]int{{1, 2}, {0}, {0}, {0, 1}},
			nil,
		},
		{
			"incoming sorted by index whatever the order of links", 4,
			nil,
			[][]int{nil, {0}, nil, {0}},
			[][]int{nil, {0}, nil, {0}},
			[][]int{{1, 3}, nil, nil, nil},
			[]int{1, 2, 3},
		},
		{
			"indices out of range and short slices", 3,
			[][]int{{5, -1, 1}},
			[][]int{{3}, {2, 2}},
			[][]int{{1}, {2}, nil},
			[][]int{nil, {0}, {1}},
			[]int{0},
		},
		{
			"self links only", 2,
			[][]int{{0}, {1}},
			[][]int{{0}, {1}},
			[][]int{nil, nil},
			[][]int{nil, nil},
			[]int{0, 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := BuildGraph(tt.n, tt.related, tt.mentions)
			if !reflect.DeepEqual(g.Outgoing, tt.out) {
				t.Errorf("Outgoing = %v, want %v", g.Outgoing, tt.out)
			}
			if !reflect.DeepEqual(g.Incoming, tt.in) {
				t.Errorf("Incoming = %v, want %v", g.Incoming, tt.in)
			}
			if got := g.Islands(); !reflect.DeepEqual(got, tt.islands) {
				t.Errorf("Islands() = %v, want %v", got, tt.islands)
			}
		})
	}
}
