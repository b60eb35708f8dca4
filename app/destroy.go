package app

import (
	"context"
	"embed"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

//go:embed translations/destroy
var destroyTranslations embed.FS

func init() { registerTranslations(destroyTranslations, "translations/destroy") }

// destroyControl is the unlock screen's (and so the lock screen's)
// "Destroy vault…" button and the two dialogs it leads through: an
// explanation that the wipe cannot be undone, then a confirmation word to
// type. Cancelling either changes nothing. The wipe itself (vault.Destroy)
// needs no passphrase and takes well under a second; afterwards the window
// shows the first-run screen.
type destroyControl struct {
	ui     *UI
	button *widget.Button

	// explain is step one, confirm step two; each is nil until shown.
	explain *dialog.ConfirmDialog
	confirm *dialog.CustomDialog
	word    *widget.Entry
	destroy *widget.Button
	cancel  *widget.Button
	wait    *widget.ProgressBarInfinite
	status  *widget.Label
}

// newDestroyControl builds the button; it is hidden for the demo vault and
// disabled when no vault file could be opened.
func newDestroyControl(u *UI) *destroyControl {
	c := &destroyControl{ui: u}
	c.button = widget.NewButton(lang.L("destroy.button"), c.showExplain)
	c.button.Importance = widget.LowImportance
	if u.path == u.demoPath {
		c.button.Hide()
	}
	if u.vault == nil {
		c.button.Disable()
	}
	return c
}

// showExplain is step one: what destroying means.
func (c *destroyControl) showExplain() {
	u := c.ui
	if u.vault == nil {
		return
	}
	text := widget.NewLabel(lang.L("destroy.explain"))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("destroy.title"), lang.L("destroy.continue"), lang.L("destroy.cancel"),
		container.New(fixedWidth{width: 440}, text), func(ok bool) {
			if ok {
				c.showConfirm()
			}
		}, u.win)
	c.explain = d
	u.showDialog(d)
}

// showConfirm is step two: type the word, then the Destroy button works.
func (c *destroyControl) showConfirm() {
	u := c.ui
	word := lang.L("destroy.word")
	prompt := widget.NewLabel(lang.L("destroy.prompt", map[string]any{"Word": word}))
	prompt.Wrapping = fyne.TextWrapWord
	c.word = widget.NewEntry()
	c.word.SetPlaceHolder(word)
	c.destroy = widget.NewButton(lang.L("destroy.now"), c.run)
	c.destroy.Importance = widget.DangerImportance
	c.destroy.Disable()
	c.word.OnChanged = func(string) {
		if c.wordTyped() {
			c.destroy.Enable()
		} else {
			c.destroy.Disable()
		}
	}
	c.word.OnSubmitted = func(string) {
		if c.wordTyped() {
			c.run()
		}
	}
	c.wait = widget.NewProgressBarInfinite()
	c.wait.Stop()
	c.wait.Hide()
	c.status = widget.NewLabel("")
	c.status.Wrapping = fyne.TextWrapWord
	c.status.Hide()
	var d *dialog.CustomDialog
	c.cancel = widget.NewButton(lang.L("destroy.cancel"), func() { d.Hide() })
	body := container.NewVBox(prompt, c.word, c.wait, c.status,
		container.NewHBox(layout.NewSpacer(), c.cancel, c.destroy))
	d = dialog.NewCustomWithoutButtons(lang.L("destroy.confirm_title"), container.New(fixedWidth{width: 440}, body), u.win)
	c.confirm = d
	u.showDialog(d)
	u.win.Canvas().Focus(c.word)
}

// wordTyped reports whether the confirmation word was typed: the word of
// the user's language, or the English one (the keyboard may be in another
// layout).
func (c *destroyControl) wordTyped() bool {
	typed := strings.TrimSpace(c.word.Text)
	return strings.EqualFold(typed, lang.L("destroy.word")) || strings.EqualFold(typed, "destroy")
}

// run destroys the vault: work under way is cancelled and waited for, the
// window drops every screen and the clipboard, and the wipe runs off the UI
// goroutine while the dialog shows that it is working.
func (c *destroyControl) run() {
	u := c.ui
	v := u.vault
	if v == nil || c.destroy.Disabled() {
		return
	}
	c.destroy.Disable()
	c.cancel.Disable()
	c.word.Disable()
	c.wait.Show()
	c.wait.Start()
	setNote(c.status, lang.L("destroy.working"))
	if u.unlock != nil {
		u.unlock.cancelWork()
	}
	u.idle.Stop()
	u.clip.Check()
	u.clip.Wipe()
	u.stopWork() // an unlock under way returns before the vault goes
	u.Go(func(context.Context) {
		start := time.Now()
		err := v.Destroy()
		took := time.Since(start)
		fyne.Do(func() { c.finished(err, took) })
	})
}

// finished shows the first-run screen once the vault is gone, or the
// unlock screen with the error when its file is still there.
func (c *destroyControl) finished(err error, took time.Duration) {
	u := c.ui
	u.vault = nil
	if _, serr := os.Stat(u.path); errors.Is(serr, fs.ErrNotExist) {
		u.showFirstRun()
	} else {
		u.start()
	}
	if err != nil {
		u.showError(err)
		return
	}
	u.showToast(lang.L("destroy.done", map[string]any{"Millis": strconv.FormatInt(took.Milliseconds(), 10)}))
}
