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
//
// Every colour the app draws with is named here, in a palette per variant,
// so that theme_test.go can hold each text colour against each background
// it is drawn on to WCAG AA: 4.5:1 for text (the disabled and placeholder
// greys too: a hint nobody can read is no hint), 3:1 for the outlines of
// controls such as check boxes and entries. Fyne's own greys fail that
// (its light "disabled" grey, which it also uses for low-importance labels,
// is 1.3:1 on white), so none of them is left to Fyne.
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

func rgb(r, g, b uint8) color.NRGBA     { return color.NRGBA{r, g, b, 0xff} }
func rgba(r, g, b, a uint8) color.NRGBA { return color.NRGBA{r, g, b, a} }
func (kintraceTheme) palette(v fyne.ThemeVariant) map[fyne.ThemeColorName]color.NRGBA {
	if v == theme.VariantDark {
		return darkPalette
	}
	return lightPalette
}

// lightPalette: dark text on white; the brand's teal-blue (the icon's) for
// primary and links; the icon's amber darkened until it reads as text.
var lightPalette = map[fyne.ThemeColorName]color.NRGBA{
	theme.ColorNameBackground:          rgb(0xff, 0xff, 0xff),
	theme.ColorNameOverlayBackground:   rgb(0xff, 0xff, 0xff),
	theme.ColorNameMenuBackground:      rgb(0xf5, 0xf5, 0xf5),
	theme.ColorNameHeaderBackground:    rgb(0xf5, 0xf5, 0xf5),
	theme.ColorNameInputBackground:     rgb(0xf3, 0xf3, 0xf3),
	theme.ColorNameButton:              rgb(0xed, 0xed, 0xed),
	theme.ColorNameDisabledButton:      rgb(0xf2, 0xf2, 0xf2),
	theme.ColorNameForeground:          rgb(0x26, 0x26, 0x26),
	theme.ColorNamePlaceHolder:         rgb(0x66, 0x66, 0x66),
	theme.ColorNameDisabled:            rgb(0x60, 0x60, 0x60),
	theme.ColorNameInputBorder:         rgb(0x7a, 0x7a, 0x7a),
	theme.ColorNameSeparator:           rgb(0xdd, 0xdd, 0xdd),
	theme.ColorNamePrimary:             rgb(0x1f, 0x5f, 0x8b),
	theme.ColorNameHyperlink:           rgb(0x1f, 0x5f, 0x8b),
	theme.ColorNameForegroundOnPrimary: rgb(0xff, 0xff, 0xff),
	theme.ColorNameWarning:             rgb(0x8a, 0x51, 0x00),
	theme.ColorNameForegroundOnWarning: rgb(0xff, 0xff, 0xff),
	theme.ColorNameError:               rgb(0xb7, 0x1c, 0x1c),
	theme.ColorNameForegroundOnError:   rgb(0xff, 0xff, 0xff),
	theme.ColorNameSuccess:             rgb(0x25, 0x6b, 0x29),
	theme.ColorNameForegroundOnSuccess: rgb(0xff, 0xff, 0xff),
	theme.ColorNameFocus:               rgba(0x1f, 0x5f, 0x8b, 0x5f),
	theme.ColorNameSelection:           rgba(0x1f, 0x5f, 0x8b, 0x24),
	theme.ColorNameHover:               rgba(0x00, 0x00, 0x00, 0x0f),
	theme.ColorNamePressed:             rgba(0x00, 0x00, 0x00, 0x19),
	theme.ColorNameScrollBar:           rgba(0x00, 0x00, 0x00, 0x99),
	theme.ColorNameScrollBarBackground: rgb(0xdb, 0xdb, 0xdb),
	theme.ColorNameShadow:              rgba(0x00, 0x00, 0x00, 0x33),
}

// darkPalette: light text on near-black; primary, links and statuses
// lightened until they read on every dark surface, with dark text on them
// where they fill a button or a badge.
var darkPalette = map[fyne.ThemeColorName]color.NRGBA{
	theme.ColorNameBackground:          rgb(0x17, 0x17, 0x18),
	theme.ColorNameOverlayBackground:   rgb(0x18, 0x1d, 0x25),
	theme.ColorNameMenuBackground:      rgb(0x28, 0x29, 0x2e),
	theme.ColorNameHeaderBackground:    rgb(0x1b, 0x1b, 0x1b),
	theme.ColorNameInputBackground:     rgb(0x20, 0x20, 0x23),
	theme.ColorNameButton:              rgb(0x28, 0x29, 0x2e),
	theme.ColorNameDisabledButton:      rgb(0x24, 0x25, 0x29),
	theme.ColorNameForeground:          rgb(0xf3, 0xf3, 0xf3),
	theme.ColorNamePlaceHolder:         rgb(0xa8, 0xa8, 0xa8),
	theme.ColorNameDisabled:            rgb(0xa2, 0xa2, 0xa2),
	theme.ColorNameInputBorder:         rgb(0x7e, 0x7e, 0x80),
	theme.ColorNameSeparator:           rgb(0x00, 0x00, 0x00),
	theme.ColorNamePrimary:             rgb(0x6a, 0xae, 0xe0),
	theme.ColorNameHyperlink:           rgb(0x7c, 0xbb, 0xea),
	theme.ColorNameForegroundOnPrimary: rgb(0x10, 0x12, 0x16),
	theme.ColorNameWarning:             rgb(0xf2, 0xa9, 0x3b), // the icon's trace
	theme.ColorNameForegroundOnWarning: rgb(0x17, 0x17, 0x18),
	theme.ColorNameError:               rgb(0xff, 0x7d, 0x71),
	theme.ColorNameForegroundOnError:   rgb(0x17, 0x17, 0x18),
	theme.ColorNameSuccess:             rgb(0x66, 0xbb, 0x6a),
	theme.ColorNameForegroundOnSuccess: rgb(0x17, 0x17, 0x18),
	theme.ColorNameFocus:               rgba(0x5f, 0xa8, 0xd3, 0x7f),
	theme.ColorNameSelection:           rgba(0x5f, 0xa8, 0xd3, 0x30),
	theme.ColorNameHover:               rgba(0xff, 0xff, 0xff, 0x0f),
	theme.ColorNamePressed:             rgba(0xff, 0xff, 0xff, 0x66),
	theme.ColorNameScrollBar:           rgba(0xff, 0xff, 0xff, 0x99),
	theme.ColorNameScrollBarBackground: rgb(0x20, 0x20, 0x23),
	theme.ColorNameShadow:              rgba(0x00, 0x00, 0x00, 0x66),
}

func (t kintraceTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced {
		v = t.variant
	}
	if c, ok := t.palette(v)[n]; ok {
		return c
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t kintraceTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t kintraceTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t kintraceTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }
