package app

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// luminance is WCAG 2's relative luminance of an opaque colour.
func luminance(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast is WCAG 2's contrast ratio of two opaque colours.
func contrast(a, b color.NRGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over paints c (maybe translucent) over the opaque colour under.
func over(c, under color.NRGBA) color.NRGBA {
	a := float64(c.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{mix(c.R, under.R), mix(c.G, under.G), mix(c.B, under.B), 0xff}
}

func TestContrastRatioKnownValues(t *testing.T) {
	for _, tc := range []struct {
		a, b color.NRGBA
		want float64
	}{
		{rgb(0, 0, 0), rgb(0xff, 0xff, 0xff), 21},
		{rgb(0x76, 0x76, 0x76), rgb(0xff, 0xff, 0xff), 4.54}, // the lightest grey that passes AA on white
		{rgb(0xff, 0xff, 0xff), rgb(0xff, 0xff, 0xff), 1},
	} {
		if got := contrast(tc.a, tc.b); math.Abs(got-tc.want) > 0.01 {
			t.Errorf("contrast(%v, %v) = %.2f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
}

// allColorNames are the colours Fyne 2.7 asks a theme for.
var allColorNames = []fyne.ThemeColorName{
	theme.ColorNameBackground, theme.ColorNameButton, theme.ColorNameDisabledButton, theme.ColorNameDisabled,
	theme.ColorNameError, theme.ColorNameFocus, theme.ColorNameForeground, theme.ColorNameForegroundOnError,
	theme.ColorNameForegroundOnPrimary, theme.ColorNameForegroundOnSuccess, theme.ColorNameForegroundOnWarning,
	theme.ColorNameHeaderBackground, theme.ColorNameHover, theme.ColorNameHyperlink, theme.ColorNameInputBackground,
	theme.ColorNameInputBorder, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground,
	theme.ColorNamePlaceHolder, theme.ColorNamePressed, theme.ColorNamePrimary, theme.ColorNameScrollBar,
	theme.ColorNameScrollBarBackground, theme.ColorNameSelection, theme.ColorNameSeparator, theme.ColorNameShadow,
	theme.ColorNameSuccess, theme.ColorNameWarning,
}

// TestThemeContrast holds every text colour the app draws against every
// surface it is drawn on, in both variants: 4.5:1 for text (WCAG 1.4.3 AA),
// 3:1 for the outline that shows a check box or entry (WCAG 1.4.11).
func TestThemeContrast(t *testing.T) {
	for _, variant := range []struct {
		name   string
		choice string
	}{{"light", themeLight}, {"dark", themeDark}} {
		th := newTheme(variant.choice).(kintraceTheme)
		pal := th.palette(th.variant)
		c := func(n fyne.ThemeColorName) color.NRGBA {
			return color.NRGBAModel.Convert(th.Color(n, th.variant)).(color.NRGBA)
		}
		for _, n := range allColorNames {
			if _, ok := pal[n]; !ok {
				t.Errorf("%s: %q is left to Fyne's default theme, so no test covers it", variant.name, n)
			}
		}
		bg, overlay, input := c(theme.ColorNameBackground), c(theme.ColorNameOverlayBackground), c(theme.ColorNameInputBackground)
		// Surfaces: the window, dialogs, entries and the editor's panels
		// (opaque input background, or a primary or warning tint at 0x26
		// as editor_panel.go paints it), a selected or hovered row, menus,
		// headers and buttons.
		tint := func(n fyne.ThemeColorName, under color.NRGBA) color.NRGBA {
			x := c(n)
			x.A = 0x26
			return over(x, under)
		}
		surfaces := map[string]color.NRGBA{
			"background":          bg,
			"overlay":             overlay,
			"input background":    input,
			"warning panel":       tint(theme.ColorNameWarning, bg),
			"warning panel (dlg)": tint(theme.ColorNameWarning, overlay),
			"primary panel":       tint(theme.ColorNamePrimary, bg),
			"primary panel (dlg)": tint(theme.ColorNamePrimary, overlay),
			"selected row":        over(c(theme.ColorNameSelection), bg),
			"hovered row":         over(c(theme.ColorNameHover), bg),
		}
		type pair struct {
			fg  fyne.ThemeColorName
			on  []string
			min float64
		}
		everywhere := []string{"background", "overlay", "input background", "warning panel", "warning panel (dlg)",
			"primary panel", "primary panel (dlg)", "selected row", "hovered row"}
		pairs := []pair{
			{theme.ColorNameForeground, everywhere, 4.5},
			{theme.ColorNameDisabled, everywhere, 4.5}, // also low-importance labels such as the empty list's hint
			{theme.ColorNamePlaceHolder, []string{"background", "overlay", "input background"}, 4.5},
			{theme.ColorNamePrimary, everywhere, 4.5}, // high-importance labels, history headings, a ticked box
			{theme.ColorNameHyperlink, everywhere, 4.5},
			{theme.ColorNameWarning, everywhere, 4.5}, // demo banner, unverified, unsaved
			{theme.ColorNameError, everywhere, 4.5},
			{theme.ColorNameSuccess, everywhere, 4.5},
			{theme.ColorNameInputBorder, []string{"background", "overlay", "input background", "warning panel", "primary panel"}, 3},
		}
		for _, p := range pairs {
			for _, s := range p.on {
				if got := contrast(c(p.fg), surfaces[s]); got < p.min {
					t.Errorf("%s: %s on %s is %.2f:1, want at least %.1f:1", variant.name, p.fg, s, got, p.min)
				}
			}
		}
		// Text on filled controls: buttons, menus, headers, the silence
		// badge and coloured buttons.
		for _, p := range []struct{ fg, bg fyne.ThemeColorName }{
			{theme.ColorNameForeground, theme.ColorNameButton},
			{theme.ColorNameForeground, theme.ColorNameMenuBackground},
			{theme.ColorNameForeground, theme.ColorNameHeaderBackground},
			{theme.ColorNameDisabled, theme.ColorNameDisabledButton},
			{theme.ColorNameDisabled, theme.ColorNameButton},
			{theme.ColorNameDisabled, theme.ColorNameMenuBackground},
			{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary},
			{theme.ColorNameForegroundOnWarning, theme.ColorNameWarning},
			{theme.ColorNameForegroundOnError, theme.ColorNameError},
			{theme.ColorNameForegroundOnSuccess, theme.ColorNameSuccess},
		} {
			if got := contrast(c(p.fg), c(p.bg)); got < 4.5 {
				t.Errorf("%s: %s on %s is %.2f:1, want at least 4.5:1", variant.name, p.fg, p.bg, got)
			}
		}
		// A focused button or entry: foreground over the focus tint.
		if got := contrast(c(theme.ColorNameForeground), over(c(theme.ColorNameFocus), c(theme.ColorNameButton))); got < 4.5 {
			t.Errorf("%s: foreground on a focused button is %.2f:1", variant.name, got)
		}
	}
}
