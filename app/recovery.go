package app

import (
	"strings"

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
	s.keyLabel = widget.NewLabelWithStyle(keyLines(key), fyne.TextAlignCenter, fyne.TextStyle{Monospace: true, Bold: true})
	s.keyLabel.SizeName = theme.SizeNameSubHeadingText
	// Not selectable: the key is for paper, and a copy of it on the
	// clipboard could outlive the session.
	s.keyLabel.Selectable = false
	s.next = widget.NewButton(lang.L("Continue"), func() { u.showDesk() })
	s.next.Importance = widget.HighImportance
	s.next.Disable()
	s.written = widget.NewCheck(lang.L("I have written the key down"), func(on bool) {
		if on {
			s.next.Enable()
		} else {
			s.next.Disable()
		}
	})

	explain := widget.NewLabel(lang.L("If you forget the passphrase, this key is the only way into the vault. Write it on paper now and keep it somewhere safe, away from this computer. Kintrace will not show it again."))
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

// keyLines lays the recovery key out four groups to a line, so that it is
// easy to copy onto paper. Dashes and line breaks are ignored when it is
// typed back.
func keyLines(key string) string {
	groups := strings.Split(key, "-")
	var lines []string
	for len(groups) > 4 {
		lines = append(lines, strings.Join(groups[:4], "-"))
		groups = groups[4:]
	}
	lines = append(lines, strings.Join(groups, "-"))
	return strings.Join(lines, "\n")
}
