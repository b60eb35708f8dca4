package app

import (
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Preference keys. Fyne keeps preferences in a plaintext JSON file that is
// not written atomically, so only these harmless UI settings go there:
// never a case, a name, a number, a path to a case file or a passphrase.
const (
	prefIdleMinutes = "idle_minutes"
	prefLanguage    = "language"
	prefTheme       = "theme"
)

var idleChoices = []int{1, 2, 5, 10, 15, 30, 60}

// settings are the user's UI preferences.
type settings struct {
	IdleMinutes int
	Language    string // one of appLanguages, or "" for the system's
	Theme       string // themeSystem, themeLight or themeDark
}

func loadSettings(p fyne.Preferences) settings {
	s := settings{
		IdleMinutes: p.IntWithFallback(prefIdleMinutes, defaultIdleMinutes),
		Language:    p.String(prefLanguage),
		Theme:       p.StringWithFallback(prefTheme, themeSystem),
	}
	if !slices.Contains(idleChoices, s.IdleMinutes) {
		s.IdleMinutes = defaultIdleMinutes
	}
	if s.Language != "" && !slices.Contains(appLanguages, s.Language) {
		s.Language = ""
	}
	if s.Theme != themeLight && s.Theme != themeDark {
		s.Theme = themeSystem
	}
	return s
}

func (s settings) save(p fyne.Preferences) {
	p.SetInt(prefIdleMinutes, s.IdleMinutes)
	p.SetString(prefLanguage, s.Language)
	p.SetString(prefTheme, s.Theme)
}

// IdleTimeout is the idle time after which the vault locks.
func (s settings) IdleTimeout() time.Duration { return time.Duration(s.IdleMinutes) * time.Minute }

// settingsDialog edits the settings; its widgets are fields so that tests
// can set them and Submit.
type settingsDialog struct {
	dialog   *dialog.FormDialog
	idle     *widget.Select
	language *widget.Select
	theme    *widget.Select
	extras   []settingsExtra
}

// settingsExtra is a line of the settings dialog kept elsewhere than in
// Fyne's preferences (in the unlocked vault): save runs on Save.
type settingsExtra struct {
	item *widget.FormItem
	save func()
}

// newSettingsDialog builds the dialog; onSave receives the edited settings.
func newSettingsDialog(current settings, w fyne.Window, onSave func(settings), extras ...settingsExtra) *settingsDialog {
	d := &settingsDialog{extras: extras}

	idleLabels := make([]string, len(idleChoices))
	for i, m := range idleChoices {
		idleLabels[i] = lang.L("{{.Minutes}} min", map[string]any{"Minutes": strconv.Itoa(m)})
	}
	d.idle = widget.NewSelect(idleLabels, nil)
	d.idle.SetSelectedIndex(slices.Index(idleChoices, current.IdleMinutes))

	languageCodes := append([]string{""}, appLanguages...)
	languageLabels := []string{lang.L("System language"), "English", "Русский", "Українська"}
	d.language = widget.NewSelect(languageLabels, nil)
	d.language.SetSelectedIndex(slices.Index(languageCodes, current.Language))

	themeCodes := []string{themeSystem, themeLight, themeDark}
	themeLabels := []string{lang.L("Like the system"), lang.L("Light"), lang.L("Dark")}
	d.theme = widget.NewSelect(themeLabels, nil)
	d.theme.SetSelectedIndex(slices.Index(themeCodes, current.Theme))

	items := []*widget.FormItem{
		{Text: lang.L("Lock after idle"), Widget: d.idle, HintText: lang.L("The vault locks when nobody uses it for this long.")},
		{Text: lang.L("Language"), Widget: d.language},
		{Text: lang.L("Theme"), Widget: d.theme},
	}
	for _, x := range extras {
		items = append(items, x.item)
	}
	d.dialog = dialog.NewForm(lang.L("Settings"), lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		for _, x := range d.extras {
			x.save()
		}
		onSave(settings{
			IdleMinutes: idleChoices[max(d.idle.SelectedIndex(), 0)],
			Language:    languageCodes[max(d.language.SelectedIndex(), 0)],
			Theme:       themeCodes[max(d.theme.SelectedIndex(), 0)],
		})
	}, w)
	d.dialog.Resize(fyne.NewSize(480, 0))
	return d
}
