package generator

import (
	"testing"

	"rolesite/internal/filestamp"
	"rolesite/internal/fingerprint"
	"rolesite/internal/fingerprint/fingerprinttest"
)

// TestStateKeyCoversConfig fails when a field added to Config is neither
// in the recorded state's key nor left out on purpose (see addConfig): a
// new option that changes the output must make an older state untrusted.
func TestStateKeyCoversConfig(t *testing.T) {
	key := func(cfg Config) string {
		h := fingerprint.NewStable()
		addConfig(h, cfg)
		return h.Stable()
	}
	fingerprinttest.Covers(t, Config{ContentDir: "content", OutDir: "public"}, key,
		"Check", "Now", "ChangesFile", "Notify", "Durable", "Lang", "StateDir", "fault")
}

// TestStampKeyCoversStamp: every part of a file's stamp is in the layouts
// key and the state key, which add stamps whole.
func TestStampKeyCoversStamp(t *testing.T) {
	seed := fingerprint.NewSeed()
	fingerprinttest.Covers(t, filestamp.Stamp{Size: 1, MTime: 2, Inode: 3}, func(s filestamp.Stamp) uint64 { return seed.New().Value(s).Sum() })
}
