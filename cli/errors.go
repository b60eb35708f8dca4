package cli

import (
	"errors"
	"io/fs"

	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
	"kintrace/cases/passphrase"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// describe turns an error into a translated sentence. Validation errors list
// each field path; other errors map from their sentinel. The raw error text
// is never shown: it may name internals, and it is not translated.
func describe(err error) string {
	if msg, ok := describeDestroy(err); ok {
		return msg
	}
	if msg, ok := describeExchange(err); ok {
		return msg
	}
	if msg, ok := describeBundle(err); ok {
		return msg
	}
	if msg, ok := describeAttachment(err); ok {
		return msg
	}
	if msg, ok := describeReport(err); ok {
		return msg
	}
	if msg, ok := describePatterns(err); ok {
		return msg
	}
	if msg, ok := describeChat(err); ok {
		return msg
	}
	if msg, ok := describeSheet(err); ok {
		return msg
	}
	var verrs cases.ValidationErrors
	if errors.As(err, &verrs) {
		msg := lang.L("cli.err.invalid")
		for _, ve := range verrs {
			msg += "\n  " + ve.Error()
		}
		return msg
	}
	var weak *passphrase.WeakError
	if errors.As(err, &weak) {
		return weakMessage(weak.Reason)
	}
	var nv noVaultError
	if errors.As(err, &nv) {
		return lang.X("cli.err.no_vault", "there is no vault at {{.Path}}: create one with \"kintrace vault init\" or name another with --vault", map[string]any{"Path": nv.path})
	}
	switch {
	case errors.Is(err, errNoPassphrase):
		return lang.L("cli.err.no_passphrase")
	case errors.Is(err, errPassphraseMismatch):
		return lang.L("cli.err.passphrase_mismatch")
	case errors.Is(err, crypto.ErrWrongPassphrase):
		return lang.L("cli.err.wrong_passphrase")
	case errors.Is(err, vault.ErrTampered):
		return lang.L("cli.err.tampered")
	case errors.Is(err, crypto.ErrCorrupt):
		return lang.L("cli.err.corrupt")
	case errors.Is(err, crypto.ErrUnsupported):
		return lang.L("cli.err.unsupported")
	case errors.Is(err, vault.ErrNotVault):
		return lang.L("cli.err.not_vault")
	case errors.Is(err, vault.ErrConflict):
		return lang.L("cli.err.conflict")
	case errors.Is(err, vault.ErrExists):
		return lang.L("cli.err.exists")
	case errors.Is(err, vault.ErrNotFound):
		return lang.L("cli.err.not_found")
	case errors.Is(err, vault.ErrLocked):
		return lang.L("cli.err.locked")
	case errors.Is(err, cases.ErrInvalid):
		return lang.L("cli.err.invalid_input")
	case errors.Is(err, fs.ErrNotExist):
		return lang.L("cli.err.no_file")
	case errors.Is(err, fs.ErrPermission):
		return lang.L("cli.err.permission")
	}
	// Error strings never carry case plaintext (a rule of cases and
	// crypto), so the detail of an unexpected failure is safe to show.
	return lang.X("cli.err.other", "unexpected error: {{.Detail}}", map[string]any{"Detail": err.Error()})
}

// weakMessage says in the user's language why a new passphrase is refused.
func weakMessage(r passphrase.Weakness) string {
	switch r {
	case passphrase.Empty:
		return lang.L("cli.err.no_passphrase")
	case passphrase.Short:
		return lang.L("cli.err.weak_short")
	case passphrase.Common:
		return lang.L("cli.err.weak_common")
	case passphrase.Repeated:
		return lang.L("cli.err.weak_repeated")
	case passphrase.Sequence:
		return lang.L("cli.err.weak_sequence")
	}
	return lang.L("cli.err.weak_predictable")
}
