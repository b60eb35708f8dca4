package app

import (
	"crypto/sha256"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// clipboardLifetime is how long copied text stays on the clipboard.
const clipboardLifetime = 30 * time.Second

// clipboardWiper copies text to the clipboard and clears it again after
// clipboardLifetime, but only if the clipboard still holds what we put
// there: text the user copied since then from another program is left alone.
// Only a hash of the copied text is kept, not the text.
type clipboardWiper struct {
	clipboard fyne.Clipboard
	clock     clock

	mu     sync.Mutex
	copied [sha256.Size]byte
	timer  stopper
}

func newClipboardWiper(cb fyne.Clipboard, c clock) *clipboardWiper {
	return &clipboardWiper{clipboard: cb, clock: c}
}

// Copy puts text on the clipboard and schedules its removal. Call it on the
// UI goroutine.
func (w *clipboardWiper) Copy(text string) {
	w.clipboard.SetContent(text)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.timer != nil {
		w.timer.Stop()
	}
	w.copied = sha256.Sum256([]byte(text))
	w.timer = w.clock.AfterFunc(clipboardLifetime, func() { fyne.Do(w.Wipe) })
}

// Wipe clears the clipboard now if it still holds what Copy put there. The
// lock calls it too. Call it on the UI goroutine.
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
	}
	w.copied = [sha256.Size]byte{}
}
