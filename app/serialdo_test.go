package app

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Fyne's test driver runs fyne.Do's function at once on the goroutine that
// calls it, so background work reporting back runs UI code at the same time
// as the test (which plays the main goroutine) and as other work, which the
// real driver never allows: it runs fyne.Do's functions one after the other
// on the main goroutine, between the main goroutine's own event handlers.
// newTestApp's driver does the same:
//   - the test's goroutine owns the UI, as the main goroutine does: its own
//     fyne.Do calls run at once;
//   - fyne.Do from other goroutines is queued and returns at once, as in
//     the real driver; the queue runs when the test waits for work
//     (waitUI), which is when the real main goroutine would be idle;
//   - while the test waits, work's fyne.Do functions run one at a time on
//     the goroutine that calls them; fyne.DoAndWait waits its turn.

// newTestApp is test.NewTempApp with that driver, made the current app; the
// calling goroutine owns the UI.
func newTestApp(t testing.TB) fyne.App {
	a := test.NewTempApp(t)
	d := &serialDriver{Driver: a.Driver()}
	d.mu.Lock()
	d.owner.Store(goid())
	s := &serialApp{App: a, d: d}
	fyne.SetCurrentApp(s)
	return s
}

// waitUI waits for wg as the main goroutine would: it gives up the UI while
// it waits, then runs what work queued for it, until wg is done and nothing
// is queued.
func waitUI(wg *sync.WaitGroup) {
	d, ok := fyne.CurrentApp().Driver().(*serialDriver)
	if !ok {
		wg.Wait()
		return
	}
	for {
		d.release()
		wg.Wait()
		if d.acquire() == 0 {
			return
		}
	}
}

// recvUI receives from ch as the main goroutine would wait for it: giving
// up the UI meanwhile.
func recvUI[T any](ch <-chan T) T {
	d, ok := fyne.CurrentApp().Driver().(*serialDriver)
	if !ok {
		return <-ch
	}
	d.release()
	v := <-ch
	d.acquire()
	return v
}

// release gives up the UI (if the test's side holds it) and lets work run
// what it queued.
func (d *serialDriver) release() {
	if d.owner.Load() != 0 {
		d.owner.Store(0)
		d.mu.Unlock()
	}
	d.kick()
}

// acquire takes the UI for the caller and runs the queue; it says how many
// functions ran.
func (d *serialDriver) acquire() int {
	d.mu.Lock()
	d.owner.Store(goid())
	return d.runQueue()
}

// kick runs the queue on the calling goroutine while it is not empty and
// nobody holds the UI, so nothing queued is left behind when the UI is let
// go.
func (d *serialDriver) kick() {
	for {
		d.qmu.Lock()
		empty := len(d.queue) == 0
		d.qmu.Unlock()
		if empty || !d.mu.TryLock() {
			return
		}
		d.owner.Store(goid())
		d.runQueue()
		d.owner.Store(0)
		d.mu.Unlock()
	}
}

// runQueue runs the queued functions (the caller owns the UI) and says how
// many ran.
func (d *serialDriver) runQueue() int {
	n := 0
	for {
		d.qmu.Lock()
		if len(d.queue) == 0 {
			d.qmu.Unlock()
			return n
		}
		next := d.queue[0]
		d.queue = d.queue[1:]
		d.qmu.Unlock()
		next()
		n++
	}
}

type serialApp struct {
	fyne.App
	d *serialDriver
}

func (a *serialApp) Driver() fyne.Driver { return a.d }

type serialDriver struct {
	fyne.Driver
	mu    sync.Mutex   // held while a function runs
	owner atomic.Int64 // the goroutine holding mu, 0 for none
	qmu   sync.Mutex
	queue []func()
}

func (d *serialDriver) DoFromGoroutine(fn func(), wait bool) {
	me := goid()
	if d.owner.Load() == me { // called from a function already running
		fn()
		return
	}
	if wait {
		d.mu.Lock()
		d.run(me, fn)
		return
	}
	d.qmu.Lock()
	d.queue = append(d.queue, fn)
	d.qmu.Unlock()
	d.kick()
}

// run runs fn and then the queue, holding mu, and releases mu.
func (d *serialDriver) run(me int64, fn func()) {
	d.owner.Store(me)
	defer func() {
		d.owner.Store(0)
		d.mu.Unlock()
		d.kick()
	}()
	if fn != nil {
		fn()
	}
	d.runQueue()
}

// goid is the running goroutine's id, read from its stack header
// ("goroutine 123 [running]:").
func goid() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseInt(string(b), 10, 64)
	return id
}
