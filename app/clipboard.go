package app

import (
	"crypto/sha256"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// clipboardLifetime is how long copied text stays on the clipboard.
const clipboardLifetime = 30 * time.Second

// clipboardPoll is how often the clipboard is checked while Kintrace has
// focus.
const clipboardPoll = time.Second

// clipboardWiper copies text to the clipboard and clears it again after
// clipboardLifetime, but only if the clipboard still holds what we put
// there: text the user copied since then from another program is left alone.
// Only a hash of the copied text is kept, not the text.
//
// Fyne's entries and selectable labels copy (Ctrl+C, Ctrl+X, their context
// menus) straight to the driver's clipboard, out of Kintrace's reach. So
// while Kintrace has focus the wiper also checks the clipboard every
// clipboardPoll (Watch): text that appears there while Kintrace has focus
// can only have come from Kintrace, and is wiped like Copy's.
type clipboardWiper struct {
	clipboard fyne.Clipboard
	clock     clock

	mu       sync.Mutex
	copied   [sha256.Size]byte
	timer    stopper
	seen     [sha256.Size]byte // what the clipboard held at the last check
	watching bool
	focused  bool
	poller   stopper
	polls    int // counts armed polls, so that a stale one does nothing
}

func newClipboardWiper(cb fyne.Clipboard, c clock) *clipboardWiper {
	return &clipboardWiper{clipboard: cb, clock: c, focused: true}
}

// Copy puts text on the clipboard and schedules its removal. Call it on the
// UI goroutine.
func (w *clipboardWiper) Copy(text string) {
	w.clipboard.SetContent(text)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.seen = sha256.Sum256([]byte(text))
	w.schedule(w.seen)
}

// schedule arms the wipe of the clipboard content whose hash is h. Call it
// with w.mu held.
func (w *clipboardWiper) schedule(h [sha256.Size]byte) {
	if w.timer != nil {
		w.timer.Stop()
	}
	w.copied = h
	w.timer = w.clock.AfterFunc(clipboardLifetime, func() { fyne.Do(w.Wipe) })
}

// Pasted schedules the removal of text, just pasted from the clipboard
// into a passphrase field, as if Kintrace had copied it: a passphrase
// should not linger on the clipboard. Call it on the UI goroutine.
func (w *clipboardWiper) Pasted(text string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.seen = sha256.Sum256([]byte(text))
	w.schedule(w.seen)
}

// Wipe clears the clipboard now if it still holds what Copy put there (or
// what Check saw Kintrace put there). The lock calls it too. Call it on the
// UI goroutine.
func (w *clipboardWiper) Wipe() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.timer == nil {
		return
	}
	w.timer.Stop()
	w.timer = nil
	if sha256.Sum256([]byte(w.clipboard.Content())) == w.copied {
		w.clipboard.SetContent("")
		w.seen = sha256.Sum256(nil)
	}
	w.copied = [sha256.Size]byte{}
}

// Watch starts checking the clipboard every clipboardPoll while Kintrace
// has focus; what is on the clipboard now is not Kintrace's. Call it on the
// UI goroutine.
func (w *clipboardWiper) Watch() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.watching {
		return
	}
	w.watching = true
	w.seen = sha256.Sum256([]byte(w.clipboard.Content()))
	w.armPoll()
}

// StopWatching stops the checks Watch started.
func (w *clipboardWiper) StopWatching() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.watching = false
	w.stopPoll()
}

// stopPoll cancels the next Check. Call it with w.mu held.
func (w *clipboardWiper) stopPoll() {
	w.polls++
	if w.poller != nil {
		w.poller.Stop()
		w.poller = nil
	}
}

// SetFocused tells the wiper whether Kintrace has input focus. Losing focus
// checks one last time (a copy just before switching away is Kintrace's);
// regaining it takes what another program put on the clipboard meanwhile as
// not Kintrace's. Call it on the UI goroutine.
func (w *clipboardWiper) SetFocused(focused bool) {
	if !focused {
		w.Check()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.focused = focused
	if !w.watching {
		return
	}
	if focused {
		w.seen = sha256.Sum256([]byte(w.clipboard.Content()))
		w.armPoll()
	} else {
		w.stopPoll()
	}
}

// Check looks at the clipboard now: new text there while Kintrace has focus
// was copied from Kintrace, and its wipe is scheduled. Call it on the UI
// goroutine.
func (w *clipboardWiper) Check() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.watching || !w.focused {
		return
	}
	text := w.clipboard.Content()
	h := sha256.Sum256([]byte(text))
	if h == w.seen {
		return
	}
	w.seen = h
	if text != "" {
		w.schedule(h)
	}
}

// armPoll schedules the next Check. Call it with w.mu held.
func (w *clipboardWiper) armPoll() {
	w.stopPoll()
	n := w.polls
	w.poller = w.clock.AfterFunc(clipboardPoll, func() {
		fyne.Do(func() {
			w.mu.Lock()
			stale := n != w.polls
			w.mu.Unlock()
			if stale {
				return
			}
			w.Check()
			w.mu.Lock()
			defer w.mu.Unlock()
			if n == w.polls && w.watching && w.focused {
				w.armPoll()
			}
		})
	})
}
