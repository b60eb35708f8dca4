package app

import (
	"embed"

	"fyne.io/fyne/v2/lang"
)

// Messages about counts, dates in the locale's order and other locale
// matters live in translations/locale.
//
//go:embed translations/locale/*.json
var localeTranslations embed.FS

func init() { registerTranslations(localeTranslations, "translations/locale") }

// Plural forms are chosen here, by CLDR's rules for integers, and not by
// Fyne's lang.N: applyLanguage loads the chosen language's messages under
// every language tag (see i18n.go), so the rules go-i18n would apply are
// those of whatever tag the localizer matched, not of the language the
// message is in (Russian messages under an English tag would never get
// their "few" form).

// pluralForms lists the CLDR plural categories integers take in each
// language. Every plural message has all four keys (key.one, key.few,
// key.many, key.other) in every language, as feature folders hold the same
// keys in each: English repeats "other" as few and many, Russian and
// Ukrainian repeat "many" as other (CLDR's form for fractions, which counts
// never are).
var pluralForms = map[string][]string{
	"en": {"one", "other"},
	"ru": {"one", "few", "many"},
	"uk": {"one", "few", "many"},
}

// pluralForm is the CLDR plural category of the integer n in language
// code: English 1 file, 2 files; Russian and Ukrainian 1, 21 файл;
// 2–4, 22–24 файла; 0, 5–20, 25–30 and 11–14 файлов.
func pluralForm(code string, n int) string {
	if n < 0 {
		n = -n
	}
	switch code {
	case "ru", "uk":
		switch d, dd := n%10, n%100; {
		case d == 1 && dd != 11:
			return "one"
		case d >= 2 && d <= 4 && (dd < 12 || dd > 14):
			return "few"
		default:
			return "many"
		}
	}
	if n == 1 {
		return "one"
	}
	return "other"
}

// plural is the message key in the form that count n takes in the GUI's
// language, filled with data (which holds n under the message's own field
// name).
func plural(key string, n int, data map[string]any) string {
	return lang.X(key+"."+pluralForm(currentLanguage(), n), key, data)
}
