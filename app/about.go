package app

import (
	"embed"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/vault"
)

//go:embed translations/about/*.json
var aboutTranslations embed.FS

func init() { registerTranslations(aboutTranslations, "translations/about") }

// aboutDialog shows the version of Kintrace and of what it is built with:
// what a bug report needs. It opens from the info button beside the
// settings on every screen, so it is there before unlocking too.
type aboutDialog struct {
	dialog dialog.Dialog
	rows   [][2]string // label, value: what the grid shows
	copy   *widget.Button
}

// aboutRows are the About dialog's label/value pairs, translated.
func aboutRows(b cases.Build, portableDir string) [][2]string {
	var rows [][2]string
	for _, f := range b.Fields(lang.L("about.unknown")) {
		rows = append(rows, [2]string{aboutLabel(f.Key), f.Value})
	}
	if portableDir != "" {
		rows = append(rows, [2]string{lang.L("about.portable"), portableDir})
	}
	return rows
}

// aboutLabel is the translated label of a cases.BuildField key.
func aboutLabel(key string) string {
	switch key {
	case "version":
		return lang.L("about.version")
	case "commit":
		return lang.L("about.commit")
	case "platform":
		return lang.L("about.platform")
	case "go":
		return lang.L("about.go")
	case "fyne":
		return lang.L("about.fyne")
	case "sqlite":
		return lang.L("about.sqlite")
	case "age":
		return lang.L("about.age")
	case "format":
		return lang.L("about.format")
	}
	return key
}

// aboutText is the rows as plain text, for a bug report.
func aboutText(rows [][2]string) string {
	var b strings.Builder
	b.WriteString("Kintrace\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "%s: %s\n", r[0], r[1])
	}
	return b.String()
}

// openAbout shows the About dialog.
func (u *UI) openAbout() *aboutDialog {
	d := &aboutDialog{rows: aboutRows(vault.BuildInfo(), u.portableDir)}
	grid := container.New(layout.NewFormLayout())
	for _, r := range d.rows {
		label := widget.NewLabel(r[0])
		label.TextStyle.Bold = true
		grid.Add(label)
		grid.Add(widget.NewLabel(r[1]))
	}
	icon := canvas.NewImageFromResource(iconResource)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	title := widget.NewLabelWithStyle("Kintrace", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	tagline := widget.NewLabel(lang.L("about.tagline"))
	tagline.Wrapping = fyne.TextWrapWord
	d.copy = widget.NewButtonWithIcon(lang.L("about.copy"), theme.ContentCopyIcon(), func() {
		u.copyToClipboard(aboutText(d.rows))
	})
	content := container.NewVBox(
		container.NewBorder(nil, nil, icon, nil, container.NewVBox(title, tagline)),
		widget.NewSeparator(),
		grid,
		container.NewHBox(d.copy),
	)
	d.dialog = dialog.NewCustom(lang.L("about.title"), lang.L("about.close"), content, u.win)
	d.dialog.Resize(fyne.NewSize(520, 0))
	u.showDialog(d.dialog)
	return d
}

// newAboutButton is the info button beside the settings button.
func (u *UI) newAboutButton() *widget.Button {
	b := widget.NewButtonWithIcon("", theme.InfoIcon(), func() { u.openAbout() })
	b.Importance = widget.LowImportance
	return b
}
