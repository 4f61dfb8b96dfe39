// Package editdist measures how far apart two names are, for "did you
// mean" hints.
package editdist

import "strings"

// Distance is the Levenshtein distance of a and b over runes: the fewest
// insertions, deletions and substitutions that turn one into the other.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Nearest returns the candidate closest to name when it is close enough
// to be a typo of it (a few edits, or the same start: ValidUntil for
// ValidThrough), else "".
func Nearest(name string, candidates []string) string {
	lower := strings.ToLower(name)
	best, bestScore := "", [2]int{2, 0}
	for _, cand := range candidates {
		lc := strings.ToLower(cand)
		d := Distance(lower, lc)
		score := [2]int{2, d}
		switch {
		case d <= len(name)/3+1:
			score = [2]int{0, d}
		case commonPrefix(lower, lc) >= max(4, len(name)/2):
			score = [2]int{1, d}
		}
		if score[0] < bestScore[0] || score[0] == bestScore[0] && best != "" && score[1] < bestScore[1] {
			best, bestScore = cand, score
		}
	}
	if bestScore[0] == 2 {
		return ""
	}
	return best
}

// commonPrefix returns the length of the longest common prefix of a and b.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
