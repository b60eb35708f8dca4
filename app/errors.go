package app

import (
	"context"
	"errors"
	"io/fs"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases/vault"
	"kintrace/crypto"
)

// errorMessage maps an error from the vault to a sentence in the user's
// language. It is the one place that does so; the error's own text (which
// is English and technical, though never holds case content) is not shown.
func errorMessage(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, crypto.ErrWrongPassphrase):
		return lang.L("Wrong passphrase or recovery key. Check the keyboard layout and Caps Lock, then try again.")
	case errors.Is(err, vault.ErrTampered):
		return lang.L("The vault's records do not match its integrity record: a record was removed, replaced or restored from an older copy.")
	case errors.Is(err, crypto.ErrCorrupt):
		return lang.L("The vault file is damaged or has been tampered with.")
	case errors.Is(err, crypto.ErrUnsupported):
		return lang.L("This vault was made by a newer version of Kintrace.")
	case errors.Is(err, vault.ErrNotVault):
		return lang.L("This file is not a Kintrace vault.")
	case errors.Is(err, vault.ErrNotFound):
		return lang.L("The case was not found.")
	case errors.Is(err, vault.ErrConflict):
		return lang.L("Someone saved this case after you opened it. Reopen it to see their changes.")
	case errors.Is(err, vault.ErrLocked):
		return lang.L("The vault is locked.")
	case errors.Is(err, vault.ErrExists):
		return lang.L("A vault already exists at this place.")
	case errors.Is(err, context.Canceled):
		return lang.L("Cancelled.")
	case errors.Is(err, fs.ErrPermission):
		return lang.L("Kintrace is not allowed to read or write the vault file.")
	}
	return lang.L("The operation failed. Your saved data is as it was.")
}
