package app

import (
	"fyne.io/fyne/v2/lang"

	"kintrace/cases/passphrase"
)

// strengthMessage is the translated sentence the strength meter shows for s.
func strengthMessage(s passphrase.Strength) string {
	switch s.Reason {
	case passphrase.Empty:
		return lang.L("Enter a passphrase.")
	case passphrase.Short:
		return lang.L("Too short: use at least 12 characters, better a few words.")
	case passphrase.Common:
		return lang.L("Built on a common password that attackers try first.")
	case passphrase.Repeated:
		return lang.L("Too many repeated characters.")
	case passphrase.Sequence:
		return lang.L("Avoid sequences such as 1234, abcd or qwerty.")
	case passphrase.Predictable:
		return lang.L("Too predictable: add another word or mix in digits and symbols.")
	}
	if s.Score >= 4 {
		return lang.L("Strong passphrase.")
	}
	return lang.L("Good passphrase.")
}
