package app

import (
	"context"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/passphrase"
	"kintrace/crypto"
)

// firstRunScreen creates the vault: a passphrase typed twice and checked by
// the strength meter.
type firstRunScreen struct {
	widget.BaseWidget
	ui *UI

	pass1, pass2 *secretEntry
	meter        *strengthMeter
	mismatch     *widget.Label
	create       *widget.Button
	progress     *widget.ProgressBarInfinite
	status       *widget.Label
	demo         *widget.Button

	content fyne.CanvasObject
}

func newFirstRunScreen(u *UI) *firstRunScreen {
	s := &firstRunScreen{ui: u}
	s.pass1 = newSecretEntry(u, lang.L("New passphrase"))
	s.pass2 = newSecretEntry(u, lang.L("The same passphrase again"))
	s.meter = newStrengthMeter()
	s.mismatch = widget.NewLabel("")
	s.mismatch.Importance = widget.DangerImportance
	s.mismatch.Hide()
	s.create = widget.NewButton(lang.L("Create vault"), s.submit)
	s.create.Importance = widget.HighImportance
	s.create.Disable()
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Hide()
	s.progress.Stop()
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.status.Hide()
	s.demo = widget.NewButton(lang.L("Open demo vault"), u.openDemo)
	s.demo.Importance = widget.LowImportance

	s.pass1.OnChanged = s.validate
	s.pass2.OnChanged = s.validate
	s.pass1.OnSubmitted = func() { u.win.Canvas().Focus(s.pass2) }
	s.pass2.OnSubmitted = s.submit

	intro := widget.NewLabel(lang.L("Your cases are kept in an encrypted vault on this computer. Choose a passphrase of several words that nobody could guess: without it, or the recovery key you will see next, the vault cannot be opened by anyone, including you."))
	intro.Wrapping = fyne.TextWrapWord
	s.content = startFrame(u,
		container.NewCenter(appIcon(88)),
		container.NewCenter(heading(lang.L("Create your vault"))),
		intro,
		s.pass1, s.meter, s.pass2, s.mismatch,
		s.create, s.progress, s.status,
		widget.NewSeparator(),
		container.NewCenter(s.demo),
	)
	s.ExtendBaseWidget(s)
	return s
}

func (s *firstRunScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// validate enables Create only for a strong passphrase typed twice alike.
func (s *firstRunScreen) validate() {
	var st passphrase.Strength
	s.pass1.withSecret(func(p []byte) { st = s.meter.UpdateSecret(p) })
	same := s.pass1.Equal(s.pass2)
	if !s.pass2.Empty() && !same {
		setNote(s.mismatch, lang.L("The two passphrases differ."))
	} else {
		setNote(s.mismatch, "")
	}
	if st.OK() && same {
		s.create.Enable()
	} else {
		s.create.Disable()
	}
}

// submit creates the vault off the UI goroutine; calibrating the key
// derivation takes about a second.
func (s *firstRunScreen) submit() {
	if s.create.Disabled() {
		return
	}
	u := s.ui
	pass := s.pass1.Secret()
	s.setBusy(true)
	s.status.Importance = widget.MediumImportance
	setNote(s.status, lang.L("Creating the vault. Kintrace measures this computer's speed to make passphrase guessing slow…"))
	path := u.path
	u.Go(func(ctx context.Context) {
		var v Vault
		var key string
		err := os.MkdirAll(filepath.Dir(path), 0o700)
		if err == nil {
			v, key, err = createVault(path, pass)
		}
		crypto.Wipe(pass)
		fyne.Do(func() {
			if err != nil {
				s.setBusy(false)
				s.status.Importance = widget.DangerImportance
				setNote(s.status, errorMessage(err))
				return
			}
			u.vault = v
			u.showRecovery(key)
		})
	})
}

func (s *firstRunScreen) setBusy(busy bool) {
	if busy {
		s.create.Disable()
		s.pass1.Disable()
		s.pass2.Disable()
		s.demo.Disable()
		s.progress.Show()
		s.progress.Start()
		return
	}
	s.pass1.Enable()
	s.pass2.Enable()
	s.demo.Enable()
	s.progress.Stop()
	s.progress.Hide()
	s.validate()
}
