package link

// Graph holds the links between roles, by role index.
type Graph struct {
	// Outgoing lists, per role, the roles its page links to: its explicit
	// related roles in the given order, then the roles it mentions in order
	// of first mention; without duplicates and without the role itself.
	Outgoing [][]int
	// Incoming lists, per role, the roles whose pages link to it, sorted by
	// role index.
	Incoming [][]int
}

// BuildGraph builds the graph of n roles from the explicit related roles and
// the mentions (PageResult.Mentions) of each role; related and mentions may
// be shorter than n. Role indices outside [0, n) are ignored.
func BuildGraph(n int, related [][]int, mentions [][]int) Graph {
	g := Graph{Outgoing: make([][]int, n), Incoming: make([][]int, n)}
	seen := make([]int, n) // seen[r] == from+1: r is already in Outgoing[from]
	for from := range n {
		var out []int
		add := func(to int) {
			if to < 0 || to >= n || to == from || seen[to] == from+1 {
				return
			}
			seen[to] = from + 1
			out = append(out, to)
		}
		if from < len(related) {
			for _, to := range related[from] {
				add(to)
			}
		}
		if from < len(mentions) {
			for _, to := range mentions[from] {
				add(to)
			}
		}
		g.Outgoing[from] = out
		// from grows, so every Incoming list stays sorted.
		for _, to := range out {
			g.Incoming[to] = append(g.Incoming[to], from)
		}
	}
	return g
}

// Islands returns the roles that no other role links to, in index order.
// A site of one role has none: there is no other role to link to it.
func (g Graph) Islands() []int {
	if len(g.Incoming) < 2 {
		return nil
	}
	var islands []int
	for r, in := range g.Incoming {
		if len(in) == 0 {
			islands = append(islands, r)
		}
	}
	return islands
}
