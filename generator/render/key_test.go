package render

import (
	"testing"

	"rolesite/internal/fingerprint"
	"rolesite/internal/fingerprint/fingerprinttest"
)

// TestCardKeyCoversRoleLink: every field a card partial can show is in
// the card's key, which decides whether the pages listing it are kept.
func TestCardKeyCoversRoleLink(t *testing.T) {
	seed := fingerprint.NewSeed()
	fingerprinttest.Covers(t, RoleLink{Title: "Backend-Entwickler", Path: "/tech/backend/"}, func(l RoleLink) uint64 { return l.Key(seed.New()) })
}
