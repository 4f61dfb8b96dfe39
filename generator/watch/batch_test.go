package watch

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

const (
	testQuiet   = 100 * time.Millisecond
	testMaxWait = 1 * time.Second
)

// batcher runs batch inside a synctest bubble and lets a test feed changes
// and look for batches at exact points of the bubble's fake clock.
type batcher struct {
	t   *testing.T
	in  chan Change
	out chan []Change
}

func startBatch(t *testing.T) *batcher {
	ctx, cancel := context.WithCancel(t.Context())
	b := &batcher{t: t, in: make(chan Change), out: make(chan []Change)}
	go batch(ctx, b.in, b.out, testQuiet, testMaxWait)
	t.Cleanup(func() {
		cancel()
		for range b.out { // wait for batch to return
		}
	})
	return b
}

func (b *batcher) send(cs ...Change) {
	for _, c := range cs {
		b.in <- c
	}
}

// poll returns the batch that is ready now, or nil.
func (b *batcher) poll() []Change {
	b.t.Helper()
	synctest.Wait()
	select {
	case got := <-b.out:
		return got
	default:
		return nil
	}
}

func (b *batcher) none() {
	b.t.Helper()
	if got := b.poll(); got != nil {
		b.t.Fatalf("at %v: unexpected batch %v", time.Now(), got)
	}
}

func (b *batcher) want(want ...Change) {
	b.t.Helper()
	got := b.poll()
	if got == nil {
		b.t.Fatalf("at %v: no batch, want %v", time.Now(), want)
	}
	if !slices.Equal(got, want) {
		b.t.Fatalf("batch\n got %v\nwant %v", got, want)
	}
}

func TestBatchOneSaveIsOneBatch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := startBatch(t)
		// An editor's save: several raw events within a millisecond.
		b.send(Change{"a.md", Write}, Change{"a.md", Write}, Change{"a.md", opChmod})
		time.Sleep(testQuiet - time.Nanosecond)
		b.none()
		time.Sleep(time.Nanosecond)
		b.want(Change{"a.md", Write})
		time.Sleep(10 * testQuiet)
		b.none()
	})
}

func TestBatchQuietPeriodRestarts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := startBatch(t)
		// Ten changes, each 90ms after the last: never quiet for 100ms.
		for i := range 10 {
			b.send(Change{fmt.Sprintf("%d.md", i), Write})
			time.Sleep(testQuiet - 10*time.Millisecond)
			b.none()
		}
		time.Sleep(10 * time.Millisecond)
		got := b.poll()
		if len(got) != 10 {
			t.Fatalf("got %d changes in the batch, want 10: %v", len(got), got)
		}
	})
}

func TestBatchTwoSavesApartAreTwoBatches(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := startBatch(t)
		b.send(Change{"a.md", Write})
		time.Sleep(testQuiet)
		b.want(Change{"a.md", Write})
		time.Sleep(time.Second)
		b.send(Change{"b.md", Write})
		time.Sleep(testQuiet)
		b.want(Change{"b.md", Write})
	})
}

func TestBatchMaxWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := startBatch(t)
		start := time.Now()
		var batches [][]Change
		// A change every 50ms for 3s: never quiet, so maxWait flushes.
		for i := 0; time.Since(start) < 3*time.Second; i++ {
			b.send(Change{fmt.Sprintf("%d.md", i), Write})
			time.Sleep(50 * time.Millisecond)
			if got := b.poll(); got != nil {
				batches = append(batches, got)
				if len(batches) == 1 && time.Since(start) > testMaxWait+50*time.Millisecond {
					t.Errorf("first batch after %v, want at most maxWait %v", time.Since(start), testMaxWait)
				}
			}
		}
		time.Sleep(testQuiet)
		if got := b.poll(); got != nil {
			batches = append(batches, got)
		}
		n := 0
		for _, b := range batches {
			n += len(b)
		}
		if len(batches) < 3 || len(batches) > 4 || n != 60 {
			t.Errorf("got %d batches with %d changes, want 3 or 4 batches with 60", len(batches), n)
		}
	})
}

func TestBatchFilteredEmptyIsDropped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := startBatch(t)
		b.send(Change{"a.md", opChmod}, Change{".a.md.swp", Write}, Change{"4913", Create})
		time.Sleep(10 * testQuiet)
		b.none()
		// Nothing of it leaks into the next batch.
		b.send(Change{"b.md", Write})
		time.Sleep(testQuiet)
		b.want(Change{"b.md", Write})
	})
}

func TestBatchBusyReceiverGetsEverything(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := startBatch(t)
		b.send(Change{"a.md", Write})
		time.Sleep(testQuiet)
		// The batch is ready, but the receiver is rebuilding: more changes
		// join it, and the quiet period starts again.
		time.Sleep(testMaxWait / 2)
		b.send(Change{"b.md", Write}, Change{"a.md", Remove})
		b.none()
		time.Sleep(testQuiet)
		b.want(Change{"a.md", Remove}, Change{"b.md", Write})

		// A long rebuild: the first waiting change is older than maxWait,
		// so what joins it is ready at once.
		b.send(Change{"c.md", Write})
		time.Sleep(2 * testMaxWait)
		b.send(Change{"d.md", Write})
		b.want(Change{"c.md", Write}, Change{"d.md", Write})
	})
}

func TestBatchStopsWithContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		in, out := make(chan Change), make(chan []Change)
		go batch(ctx, in, out, testQuiet, testMaxWait)
		in <- Change{"a.md", Write}
		cancel()
		synctest.Wait()
		if _, ok := <-out; ok {
			t.Fatal("out is open after the context was done")
		}
	})
}
