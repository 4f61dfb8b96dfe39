package watch

import (
	"context"
	"time"
)

// batch collects raw changes from in and sends them on out, reduced by
// [Filter], once no change has arrived for quiet, or once the oldest pending
// change has waited maxWait while changes keep coming (so a change that never
// stops still rebuilds now and then). A batch that Filter empties (chmod only,
// swap files only) is dropped without a send.
//
// in is read all the time, also while a batch waits for its receiver: changes
// that arrive while the receiver is busy (rebuilding) join the waiting batch,
// and the quiet period starts again. So a burst of a thousand changes ends in
// a few batches, one save ends in one, and no change is lost.
//
// batch returns when ctx is done and then closes out. It is the whole
// debounce, without the file system, so that it can be tested with
// testing/synctest.
func batch(ctx context.Context, in <-chan Change, out chan<- []Change, quiet, maxWait time.Duration) {
	defer close(out)
	var (
		pending []Change  // raw changes since the last send, in order
		first   time.Time // when the oldest pending change arrived
		ready   []Change  // Filter(pending), once the quiet period is over
		timer   = time.NewTimer(quiet)
	)
	timer.Stop()
	defer timer.Stop()

	for {
		var send chan<- []Change
		if ready != nil {
			send = out
		}
		select {
		case <-ctx.Done():
			return
		case c := <-in:
			now := time.Now()
			if len(pending) == 0 {
				first = now
			}
			pending = append(pending, c)
			ready = nil
			wait := min(quiet, first.Add(maxWait).Sub(now))
			if wait > 0 {
				timer.Reset(wait)
				continue
			}
			// Changes kept coming for maxWait: ready now.
			timer.Stop()
			if ready = Filter(pending); ready == nil {
				pending = nil
			}
		case <-timer.C:
			if ready = Filter(pending); ready == nil {
				pending = nil
			}
		case send <- ready:
			pending, ready = nil, nil
		}
	}
}
