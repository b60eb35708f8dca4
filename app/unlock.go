package app

import (
	"context"
	"errors"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/passphrase"
	"kintrace/crypto"
)

// unlockScreen asks for the passphrase, or for the recovery key and a new
// passphrase ("Forgot passphrase?"), and shows progress while the key is
// derived and the index loads. It also shows when the vault was last saved,
// so that someone who finds an older copy of their vault in its place can
// notice.
type unlockScreen struct {
	widget.BaseWidget
	ui *UI

	title      *widget.RichText
	lastSaved  *widget.Label
	demoNote   *widget.Label
	passphrase *secretEntry
	unlock     *widget.Button
	forgot     *widget.Button
	demo       *widget.Button
	destroy    *destroyControl // "Destroy vault…" (destroy.go)

	// recovery: the recovery key and a new passphrase
	recoveryBox   *fyne.Container
	recoveryKey   *trackedEntry
	newPass1      *secretEntry
	newPass2      *secretEntry
	meter         *strengthMeter
	recoverButton *widget.Button
	back          *widget.Button
	passBox       *fyne.Container

	progress      *widget.ProgressBar
	progressWait  *widget.ProgressBarInfinite
	progressLabel *widget.Label
	cancel        *widget.Button
	status        *widget.Label

	busy       bool
	cancelFunc context.CancelFunc
	content    fyne.CanvasObject
}

func newUnlockScreen(u *UI) *unlockScreen {
	s := &unlockScreen{ui: u}
	demo := u.path == u.demoPath
	if demo {
		s.title = heading(lang.L("Unlock the demo vault"))
	} else {
		s.title = heading(lang.L("Unlock your vault"))
	}
	s.lastSaved = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	s.demoNote = widget.NewLabel(lang.L("The demo vault holds invented cases. Its passphrase is “demo”."))
	s.demoNote.Wrapping = fyne.TextWrapWord
	s.demoNote.Importance = widget.WarningImportance
	if !demo {
		s.demoNote.Hide()
	}

	s.passphrase = newSecretEntry(u, lang.L("Passphrase"))
	s.passphrase.OnSubmitted = s.submit
	s.unlock = widget.NewButton(lang.L("Unlock"), s.submit)
	s.unlock.Importance = widget.HighImportance
	s.forgot = widget.NewButton(lang.L("Forgot passphrase?"), func() { s.showRecovery(true) })
	s.forgot.Importance = widget.LowImportance
	if demo {
		s.demo = widget.NewButton(lang.L("Back to my vault"), u.openMain)
	} else {
		s.demo = widget.NewButton(lang.L("Open demo vault"), u.openDemo)
	}
	s.demo.Importance = widget.LowImportance
	s.destroy = newDestroyControl(u)

	s.recoveryKey = u.newEntry()
	s.recoveryKey.SetPlaceHolder(lang.L("Recovery key"))
	s.newPass1 = newSecretEntry(u, lang.L("New passphrase"))
	s.newPass2 = newSecretEntry(u, lang.L("The same passphrase again"))
	s.meter = newStrengthMeter()
	s.recoverButton = widget.NewButton(lang.L("Unlock and set the new passphrase"), s.submitRecovery)
	s.recoverButton.Importance = widget.HighImportance
	s.recoverButton.Disable()
	s.back = widget.NewButton(lang.L("Back"), func() { s.showRecovery(false) })
	s.back.Importance = widget.LowImportance
	s.recoveryKey.OnChanged = func(string) { s.validateRecovery() }
	s.newPass1.OnChanged = s.validateRecovery
	s.newPass2.OnChanged = s.validateRecovery
	s.newPass2.OnSubmitted = s.submitRecovery
	recoveryHelp := widget.NewLabel(lang.L("Type the recovery key you wrote down when the vault was created, and choose a new passphrase."))
	recoveryHelp.Wrapping = fyne.TextWrapWord
	s.recoveryBox = container.NewVBox(recoveryHelp, s.recoveryKey, s.newPass1, s.meter, s.newPass2,
		s.recoverButton, container.NewCenter(s.back))
	s.recoveryBox.Hide()
	s.passBox = container.NewVBox(s.passphrase, s.unlock)

	s.progress = widget.NewProgressBar()
	s.progress.Hide()
	s.progressWait = widget.NewProgressBarInfinite()
	s.progressWait.Stop()
	s.progressWait.Hide()
	s.progressLabel = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	s.progressLabel.Hide()
	s.cancel = widget.NewButton(lang.L("Cancel"), s.cancelWork)
	s.cancel.Hide()
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.status.Importance = widget.DangerImportance
	s.status.Hide()

	s.content = startFrame(u,
		container.NewCenter(appIcon(88)),
		container.NewCenter(s.title),
		s.lastSaved, s.demoNote,
		s.passBox, s.recoveryBox,
		s.progressWait, s.progress, s.progressLabel, container.NewCenter(s.cancel), s.status,
		widget.NewSeparator(),
		container.NewHBox(s.forgot, layout.NewSpacer(), s.demo),
		container.NewCenter(s.destroy.button),
	)
	s.ExtendBaseWidget(s)
	s.showInfo()
	if demo {
		s.passphrase.Set([]byte(demoPassphrase))
	}
	return s
}

func (s *unlockScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// showInfo shows when the vault was last saved, when that is known.
func (s *unlockScreen) showInfo() {
	if s.ui.vault == nil {
		setNote(s.lastSaved, "")
		s.passphrase.Disable()
		s.unlock.Disable()
		s.forgot.Disable()
		return
	}
	// A locked vault's save time is sealed in the file (docs/SECURITY.md,
	// "What the file reveals"), so Info has none before unlocking.
	info := s.ui.vault.Info()
	if info.LastSaved.IsZero() {
		setNote(s.lastSaved, "")
	} else {
		setNote(s.lastSaved, lang.L("Last saved {{.When}}", map[string]any{"When": formatTime(info.LastSaved)}))
	}
	s.passphrase.Enable()
	s.unlock.Enable()
	s.forgot.Enable()
}

// showOpenError reports that the vault file could not be opened at all.
func (s *unlockScreen) showOpenError(err error) {
	s.setError(errorMessage(err))
	s.passphrase.Disable()
	s.unlock.Disable()
	s.forgot.Disable()
}

func (s *unlockScreen) setError(msg string) {
	s.status.Importance = widget.DangerImportance
	setNote(s.status, msg)
}

// showRecovery switches between the passphrase and the recovery key.
func (s *unlockScreen) showRecovery(on bool) {
	setNote(s.status, "")
	if on {
		s.passBox.Hide()
		s.forgot.Hide()
		s.recoveryBox.Show()
		s.ui.win.Canvas().Focus(s.recoveryKey)
		return
	}
	s.recoveryBox.Hide()
	s.passBox.Show()
	s.forgot.Show()
	s.ui.win.Canvas().Focus(s.passphrase)
}

func (s *unlockScreen) validateRecovery() {
	var st passphrase.Strength
	s.newPass1.withSecret(func(p []byte) { st = s.meter.UpdateSecret(p) })
	same := s.newPass1.Equal(s.newPass2)
	if st.OK() && same && s.recoveryKey.Text != "" && !s.busy {
		s.recoverButton.Enable()
	} else {
		s.recoverButton.Disable()
	}
	if !s.newPass2.Empty() && !same {
		s.setError(lang.L("The two passphrases differ."))
	} else {
		setNote(s.status, "")
	}
}

// submit unlocks with the passphrase off the UI goroutine.
func (s *unlockScreen) submit() {
	if s.busy || s.ui.vault == nil || s.passphrase.Disabled() {
		return
	}
	pass := s.passphrase.Secret()
	s.passphrase.Wipe()
	v := s.ui.vault
	s.run(lang.L("Checking the passphrase…"), func(ctx context.Context, progress func(done, total int)) error {
		defer crypto.Wipe(pass)
		return v.Unlock(ctx, pass, progress)
	}, s.ui.showAfterUnlock)
}

// submitRecovery unlocks with the recovery key and sets the new passphrase.
func (s *unlockScreen) submitRecovery() {
	if s.busy || s.ui.vault == nil || s.recoverButton.Disabled() {
		return
	}
	u := s.ui
	key := s.recoveryKey.Text
	pass := s.newPass1.Secret()
	v := u.vault
	var changeErr error
	s.run(lang.L("Checking the recovery key…"), func(ctx context.Context, progress func(done, total int)) error {
		defer crypto.Wipe(pass)
		if err := v.UnlockWithRecoveryKey(ctx, key, progress); err != nil {
			return err
		}
		changeErr = v.ChangePassphrase(pass)
		return nil
	}, func() {
		u.showDesk()
		if changeErr != nil {
			u.showError(changeErr)
			return
		}
		u.showDialog(dialog.NewInformation(lang.L("New passphrase set"),
			lang.L("From now on, unlock the vault with your new passphrase."), u.win))
	})
}

// run does work (an unlock) off the UI goroutine, showing label and then
// the progress work reports; on success it calls done on the UI goroutine,
// on failure it shows the error and lets the user try again.
func (s *unlockScreen) run(label string, work func(ctx context.Context, progress func(done, total int)) error, done func()) {
	u := s.ui
	ctx, cancel := context.WithCancel(context.Background())
	s.cancelFunc = cancel
	s.setBusy(true)
	setNote(s.status, "")
	s.progressLabel.SetText(label)
	progress := func(done, total int) {
		fyne.Do(func() { s.showProgress(done, total) })
	}
	u.Go(func(hctx context.Context) {
		defer context.AfterFunc(hctx, cancel)()
		err := work(ctx, progress)
		cancel()
		fyne.Do(func() { s.finished(err, done) })
	})
}

func (s *unlockScreen) showProgress(done, total int) {
	if s.ui.unlock != s || !s.busy || total <= 0 {
		return
	}
	s.progressWait.Stop()
	s.progressWait.Hide()
	s.progress.Show()
	s.progress.SetValue(float64(done) / float64(total))
	s.progressLabel.SetText(lang.L("Loading cases: {{.Done}} of {{.Total}}",
		map[string]any{"Done": strconv.Itoa(done), "Total": strconv.Itoa(total)}))
}

func (s *unlockScreen) finished(err error, done func()) {
	u := s.ui
	if u.unlock != s {
		return // the window moved on (closed, or another vault opened)
	}
	s.cancelFunc = nil
	s.setBusy(false)
	if err == nil {
		done()
		return
	}
	if errors.Is(err, context.Canceled) {
		s.status.Importance = widget.MediumImportance
		setNote(s.status, lang.L("Cancelled."))
	} else {
		s.setError(errorMessage(err))
	}
	if s.recoveryBox.Visible() {
		u.win.Canvas().Focus(s.recoveryKey)
		return
	}
	s.passphrase.Wipe()
	u.win.Canvas().Focus(s.passphrase)
}

// cancelWork cancels an unlock under way.
func (s *unlockScreen) cancelWork() {
	if s.cancelFunc != nil {
		s.cancelFunc()
	}
}

func (s *unlockScreen) setBusy(busy bool) {
	s.busy = busy
	for _, d := range []fyne.Disableable{s.passphrase, s.unlock, s.forgot, s.demo, s.recoveryKey, s.newPass1, s.newPass2, s.back} {
		if busy {
			d.Disable()
		} else {
			d.Enable()
		}
	}
	if busy {
		s.recoverButton.Disable()
		s.progressWait.Show()
		s.progressWait.Start()
		s.progressLabel.Show()
		s.cancel.Show()
		return
	}
	s.validateRecovery()
	s.progressWait.Stop()
	s.progressWait.Hide()
	s.progress.Hide()
	s.progress.SetValue(0)
	s.progressLabel.Hide()
	s.cancel.Hide()
	s.showInfo()
}

// wipe overwrites the passphrases typed (the window drops the screen).
func (s *unlockScreen) wipe() {
	for _, e := range []*secretEntry{s.passphrase, s.newPass1, s.newPass2} {
		e.Wipe()
	}
}
