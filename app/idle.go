package app

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// defaultIdleMinutes is the idle time after which the vault locks unless the
// settings say otherwise.
const defaultIdleMinutes = 5

// idleLock calls onIdle (on the UI goroutine) once no activity has been
// reported for the timeout. Activity is reported with Touch from input
// handlers; Touch is cheap and safe from any goroutine.
//
// Fyne has no global input hook, so activity means: keys typed into any
// entry the app creates (trackedEntry), window shortcuts and keys typed with
// nothing focused, the pointer moving or tapping over the window's background
// layer, rows scrolling into view in the case list, dialogs opening, and the
// searches and screen changes the app's controls start. Hovering over a
// button or a list row without moving anything is not activity.
type idleLock struct {
	clock  clock
	onIdle func()

	mu      sync.Mutex
	timeout time.Duration
	last    time.Time
	timer   stopper
	running bool
}

func newIdleLock(c clock, onIdle func()) *idleLock {
	return &idleLock{clock: c, onIdle: onIdle, timeout: defaultIdleMinutes * time.Minute}
}

// Start arms the lock with the given timeout, counting from now.
func (l *idleLock) Start(timeout time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stopLocked()
	l.timeout = timeout
	l.last = l.clock.Now()
	l.running = true
	l.timer = l.clock.AfterFunc(timeout, l.check)
}

// Stop disarms the lock (while the vault is locked there is nothing to do).
func (l *idleLock) Stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stopLocked()
}

func (l *idleLock) stopLocked() {
	l.running = false
	if l.timer != nil {
		l.timer.Stop()
		l.timer = nil
	}
}

// Touch records activity.
func (l *idleLock) Touch() {
	l.mu.Lock()
	l.last = l.clock.Now()
	l.mu.Unlock()
}

// Running reports whether the lock is armed.
func (l *idleLock) Running() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.running
}

// check runs when the timer fires: it locks if the user has been idle for
// the whole timeout, and otherwise sleeps for the rest of it.
func (l *idleLock) check() {
	l.mu.Lock()
	if !l.running {
		l.mu.Unlock()
		return
	}
	idle := l.clock.Now().Sub(l.last)
	if idle < l.timeout {
		l.timer = l.clock.AfterFunc(l.timeout-idle, l.check)
		l.mu.Unlock()
		return
	}
	l.stopLocked()
	l.mu.Unlock()
	fyne.Do(l.onIdle)
}
