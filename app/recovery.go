package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// recoveryScreen shows the recovery key once, right after the vault is
// created, and goes on only when the user confirms they wrote it down.
type recoveryScreen struct {
	widget.BaseWidget
	ui  *UI
	key string

	keyLabel *widget.Label
	written  *widget.Check
	next     *widget.Button

	content fyne.CanvasObject
}

func newRecoveryScreen(u *UI, key string) *recoveryScreen {
	s := &recoveryScreen{ui: u, key: key}
	s.keyLabel = widget.NewLabelWithStyle(key, fyne.TextAlignCenter, fyne.TextStyle{Monospace: true, Bold: true})
	s.keyLabel.Wrapping = fyne.TextWrapWord
	s.keyLabel.SizeName = theme.SizeNameSubHeadingText
	s.keyLabel.Selectable = true
	s.next = widget.NewButton(lang.L("Continue"), func() { u.showDesk() })
	s.next.Importance = widget.HighImportance
	s.next.Disable()
	s.written = widget.NewCheck(lang.L("I have written the recovery key down and will keep it away from this computer."), func(on bool) {
		if on {
			s.next.Enable()
		} else {
			s.next.Disable()
		}
	})

	explain := widget.NewLabel(lang.L("If you forget the passphrase, this key is the only way into the vault. Write it on paper now and keep it somewhere safe, apart from this computer. Kintrace will not show it again."))
	explain.Wrapping = fyne.TextWrapWord
	keyCard := widget.NewCard("", "", container.NewPadded(s.keyLabel))
	s.content = startFrame(u,
		container.NewCenter(appIcon(88)),
		container.NewCenter(heading(lang.L("Your recovery key"))),
		explain, keyCard, s.written, s.next,
	)
	s.ExtendBaseWidget(s)
	return s
}

func (s *recoveryScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

// wipe drops the key from the screen.
func (s *recoveryScreen) wipe() {
	s.key = ""
	s.keyLabel.SetText("")
}
