package patterns

import (
	"context"
	"sync"
	"sync/atomic"

	"kintrace/cases"
)

// build is a PutAllLater under way: its cases are extracted off the lock
// and added in one go when they all are.
type build struct {
	done chan struct{} // closed once the cases are in the index, or abandoned
	// superseded are the cases Put, PutBatch or Remove changed since the
	// build started: theirs is the newer word, so the build skips them.
	superseded map[string]bool
	abandoned  bool
}

// supersede records that the case id changed after the build started.
// Caller holds x.mu; b may be nil.
func (b *build) supersede(id string) {
	if b != nil {
		b.superseded[id] = true
	}
}

// abandon ends the build without adding its cases (Clear). Caller holds
// x.mu; b may be nil.
func (b *build) abandon() {
	if b != nil && !b.abandoned {
		b.abandoned = true
		close(b.done)
	}
}

// PutAllLater is PutAll on other goroutines: it returns at once, and the
// cases of os are added once all their identifiers are extracted (about
// half a second for 100 000 cases on two cores). Unlock uses it so that the
// case list shows before the identifier index is complete.
//
// Until then the readers (Links, Shared, CasesOf, Of, Len) wait for it;
// Ready tells when they would not, so that a GUI can say "indexing"
// instead of blocking. Put, PutBatch and Remove do not wait: what they
// write wins over the older overviews of os. Clear abandons the build. Like
// PutAll, the index may read os until the build is done: neither os nor its
// overviews' slices may change.
func (x *Identifiers) PutAllLater(os []cases.Overview) {
	b := &build{done: make(chan struct{}), superseded: map[string]bool{}}
	x.mu.Lock()
	for x.build != nil {
		// An earlier build is still running: this one's cases are newer,
		// so it starts once that one is done.
		prev := x.build
		x.mu.Unlock()
		<-prev.done
		x.mu.Lock()
	}
	x.build = b
	x.mu.Unlock()
	go func() {
		prep := Prepare(os)
		if gate := buildGate.Load(); gate != nil {
			<-*gate
		}
		x.mu.Lock()
		defer x.mu.Unlock()
		if b.abandoned {
			return
		}
		if x.byCase == nil {
			x.byCase = make(map[string]*identCase, len(prep.cs))
			x.byKey = make(map[identKey]identEntry, len(prep.cs)*4)
		}
		for _, c := range prep.cs {
			if !b.superseded[c.id] {
				x.putLocked(c)
			}
		}
		x.build = nil
		close(b.done)
	}()
}

// closedChan is what Ready returns when no build is under way.
var closedChan = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

// Ready returns a channel that is closed once no PutAllLater is under way:
// the readers then answer without waiting. It is closed already when none
// is.
func (x *Identifiers) Ready() <-chan struct{} {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.build == nil {
		return closedChan
	}
	return x.build.done
}

// Wait waits until no PutAllLater is under way, or ctx is done.
func (x *Identifiers) Wait(ctx context.Context) error {
	for {
		select {
		case <-x.Ready():
		case <-ctx.Done():
		}
		x.mu.RLock()
		idle := x.build == nil
		x.mu.RUnlock()
		if idle {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// rlock takes the read lock once no build is under way.
func (x *Identifiers) rlock() {
	x.mu.RLock()
	for x.build != nil {
		done := x.build.done
		x.mu.RUnlock()
		<-done
		x.mu.RLock()
	}
}

// buildGate, when set, holds PutAllLater's builds before they fill the
// index: see PauseBuildsForTests.
var buildGate atomic.Pointer[chan struct{}]

// PauseBuildsForTests holds every PutAllLater build started from now on
// before it fills its index, until the returned function is called, so
// that tests can see what a caller does while the index is being built.
// Tests only.
func PauseBuildsForTests() (resume func()) {
	gate := make(chan struct{})
	buildGate.Store(&gate)
	return sync.OnceFunc(func() {
		buildGate.CompareAndSwap(&gate, nil)
		close(gate)
	})
}
