package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/assets"
)

// fixedWidth lays its objects out one above the other at a fixed width,
// like a card; the start screens use it inside a centring container.
type fixedWidth struct{ width float32 }

func (l fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return layout.NewVBoxLayout().MinSize(objs).Max(fyne.NewSize(l.width, 0))
}

func (l fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	layout.NewVBoxLayout().Layout(objs, size)
}

// columns lays out a row of cells with fixed widths; the cell at flex takes
// the room left over. The case list's rows and header share one, so their
// columns line up.
type columns struct {
	widths []float32
	flex   int
}

func (c columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	var w, h float32
	for i, o := range objs {
		min := o.MinSize()
		if i < len(c.widths) && i != c.flex {
			w += c.widths[i]
		} else {
			w += min.Width
		}
		h = max(h, min.Height)
	}
	return fyne.NewSize(w+pad*float32(len(objs)-1), h)
}

func (c columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed := pad * float32(len(objs)-1)
	for i := range objs {
		if i != c.flex && i < len(c.widths) {
			fixed += c.widths[i]
		}
	}
	x := float32(0)
	for i, o := range objs {
		w := size.Width - fixed
		if i != c.flex && i < len(c.widths) {
			w = c.widths[i]
		}
		w = max(w, 0)
		h := o.MinSize().Height
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w, h))
		x += w + pad
	}
}

// appIcon returns the application icon at the given size.
func appIcon(size float32) *canvas.Image {
	img := canvas.NewImageFromResource(iconResource)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSquareSize(size))
	return img
}

var iconResource = fyne.NewStaticResource("icon.png", assets.Icon)

// heading is a large title.
func heading(text string) *widget.RichText {
	return widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleHeading, Text: text})
}

// startFrame is the frame of the screens shown while the vault is locked: a
// card centred in the window, with the About and settings buttons in the
// corner so that the language can be changed (and the version read) before
// unlocking.
func startFrame(u *UI, card ...fyne.CanvasObject) fyne.CanvasObject {
	settingsButton := widget.NewButtonWithIcon("", theme.SettingsIcon(), func() { u.openSettings() })
	settingsButton.Importance = widget.LowImportance
	top := container.NewHBox(layout.NewSpacer(), u.newAboutButton(), settingsButton)
	body := container.New(fixedWidth{width: 460}, card...)
	return visualBorder(top, nil, nil, nil, container.NewCenter(container.NewPadded(body)))
}
