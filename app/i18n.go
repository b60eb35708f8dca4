package app

import (
	"fmt"
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"kintrace/assets"
)

// Languages the GUI is translated into, as settings store them. The empty
// choice follows the system.
var appLanguages = []string{"en", "ru", "uk"}

// languageProbeKey holds each translation file's own language code; reading
// it tells which translation Fyne's localizer picked.
const languageProbeKey = "kintrace.language"

// Fyne 2.7's lang package has no call to choose a language: at every
// AddTranslations* call it re-reads the system's preferred languages (on
// Linux and the BSDs the LANGUAGE, LC_ALL, LC_MESSAGES and LANG variables;
// on Windows and macOS the OS settings) and matches them against the
// languages it has translations for. applyLanguage therefore does two
// things: it sets LANGUAGE, which makes Fyne's own strings (entry menus and
// the like) follow on Linux, and it loads the chosen language's messages
// under every language tag the localizer might match, so Kintrace's strings
// follow on every system. The plural rules of the tag a message is loaded
// under may thus be another language's: count messages choose their form
// with pluralForm (plural.go), never with lang.N.
var (
	languageMu                        sync.Mutex
	systemLanguageEnv, hadLanguageEnv = os.LookupEnv("LANGUAGE")
)

// translationData returns the embedded JSON of one of appLanguages.
func translationData(code string) ([]byte, error) {
	data, err := assets.Translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		return nil, fmt.Errorf("app: translations for %q: %w", code, err)
	}
	return mergeTranslations(data, code)
}

// applyLanguage switches the GUI's strings to choice (one of appLanguages,
// or "" for the system's language). Screens built afterwards use it; the
// window rebuilds its content after a change.
func applyLanguage(choice string) error {
	languageMu.Lock()
	defer languageMu.Unlock()
	if choice != "" {
		os.Setenv("LANGUAGE", choice)
	} else if hadLanguageEnv {
		os.Setenv("LANGUAGE", systemLanguageEnv)
	} else {
		os.Unsetenv("LANGUAGE")
	}
	for _, code := range appLanguages {
		src := code
		if choice != "" {
			src = choice
		}
		data, err := translationData(src)
		if err != nil {
			return err
		}
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(code)); err != nil {
			return fmt.Errorf("app: loading translations for %q: %w", src, err)
		}
	}
	// A system language we have no translation for (German, say) makes the
	// localizer fall back and log a failure for every string: load the
	// chosen language, or English, under that language's tag too.
	want := choice
	if got := lang.X(languageProbeKey, ""); (want == "" && got == "") || (want != "" && got != want) {
		if want == "" {
			want = "en"
		}
		data, err := translationData(want)
		if err != nil {
			return err
		}
		sys := lang.SystemLocale().LanguageString()
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(sys)); err != nil {
			return fmt.Errorf("app: loading translations for the system language: %w", err)
		}
	}
	return nil
}

// currentLanguage is the language the GUI's strings are in now.
func currentLanguage() string {
	return lang.X(languageProbeKey, "en")
}
