package app

import (
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/passphrase"
)

// strengthMeter shows how strong a new passphrase is: four bars and a
// sentence giving the reason when it is too weak.
type strengthMeter struct {
	widget.BaseWidget
	bars    [4]*canvas.Rectangle
	message *widget.Label
	result  passphrase.Strength
	empty   bool
}

func newStrengthMeter() *strengthMeter {
	m := &strengthMeter{message: widget.NewLabel(""), empty: true}
	m.message.Wrapping = fyne.TextWrapWord
	m.message.SizeName = theme.SizeNameCaptionText
	m.message.Hide()
	for i := range m.bars {
		r := canvas.NewRectangle(theme.Color(theme.ColorNameDisabledButton))
		r.SetMinSize(fyne.NewSize(20, 6))
		r.CornerRadius = 3
		m.bars[i] = r
	}
	m.ExtendBaseWidget(m)
	return m
}

// UpdateSecret measures the passphrase p (a secretEntry's buffer) and
// shows the verdict. The check reads p through a string that shares its
// bytes (unsafe.String), so that no copy of the whole passphrase is made;
// the check keeps nothing once it returns.
func (m *strengthMeter) UpdateSecret(p []byte) passphrase.Strength {
	return m.Update(unsafe.String(unsafe.SliceData(p), len(p)))
}

// Update measures p and shows the verdict.
func (m *strengthMeter) Update(p string) passphrase.Strength {
	m.result = passphrase.Check(p)
	m.empty = p == ""
	if m.empty {
		setNote(m.message, "")
	} else {
		setNote(m.message, strengthMessage(m.result))
	}
	m.Refresh()
	return m.result
}

// Result is the last verdict.
func (m *strengthMeter) Result() passphrase.Strength { return m.result }

func (m *strengthMeter) Refresh() {
	lit := 0
	var c fyne.ThemeColorName = theme.ColorNameError
	if !m.empty {
		lit = m.result.Score
		if m.result.OK() {
			lit = max(lit, 3)
		} else {
			lit = 1
		}
		switch {
		case !m.result.OK():
			c = theme.ColorNameError
		case m.result.Score >= 4:
			c = theme.ColorNameSuccess
		default:
			c = theme.ColorNamePrimary
		}
	}
	for i, r := range m.bars {
		if i < lit {
			r.FillColor = theme.Color(c)
		} else {
			r.FillColor = theme.Color(theme.ColorNameDisabledButton)
		}
		r.Refresh()
	}
	if m.empty || !m.result.OK() {
		m.message.Importance = widget.DangerImportance
	} else {
		m.message.Importance = widget.SuccessImportance
	}
	if m.empty {
		m.message.Importance = widget.MediumImportance
	}
	m.message.Refresh()
	m.BaseWidget.Refresh()
}

func (m *strengthMeter) CreateRenderer() fyne.WidgetRenderer {
	bars := container.NewGridWithColumns(4, m.bars[0], m.bars[1], m.bars[2], m.bars[3])
	return widget.NewSimpleRenderer(container.NewVBox(bars, m.message))
}
