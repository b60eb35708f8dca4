package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme choices as settings store them.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// kintraceTheme is Fyne's default theme with Kintrace's colours and, when
// the user chose one, a fixed light or dark variant.
type kintraceTheme struct {
	forced  bool
	variant fyne.ThemeVariant
}

// newTheme returns the theme for a settings choice.
func newTheme(choice string) fyne.Theme {
	switch choice {
	case themeLight:
		return kintraceTheme{forced: true, variant: theme.VariantLight}
	case themeDark:
		return kintraceTheme{forced: true, variant: theme.VariantDark}
	}
	return kintraceTheme{}
}

var (
	brandLight = color.NRGBA{0x1f, 0x5f, 0x8b, 0xff} // the icon's teal-blue
	brandDark  = color.NRGBA{0x3a, 0x86, 0xbf, 0xff}
	amber      = color.NRGBA{0xf2, 0xa9, 0x3b, 0xff} // the icon's trace
)

func (t kintraceTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced {
		v = t.variant
	}
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		if v == theme.VariantDark {
			return brandDark
		}
		return brandLight
	case theme.ColorNameFocus:
		if v == theme.VariantDark {
			return color.NRGBA{0x5f, 0xa8, 0xd3, 0x7f}
		}
		return color.NRGBA{0x1f, 0x5f, 0x8b, 0x5f}
	case theme.ColorNameSelection:
		if v == theme.VariantDark {
			return color.NRGBA{0x5f, 0xa8, 0xd3, 0x40}
		}
		return color.NRGBA{0x1f, 0x5f, 0x8b, 0x30}
	case theme.ColorNameWarning:
		return amber
	case theme.ColorNameSuccess:
		if v == theme.VariantDark {
			return color.NRGBA{0x66, 0xbb, 0x6a, 0xff}
		}
		return color.NRGBA{0x2e, 0x7d, 0x32, 0xff}
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t kintraceTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t kintraceTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t kintraceTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }
