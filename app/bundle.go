package app

import (
	"context"
	"embed"
	"errors"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

//go:embed translations/bundle/*.json
var bundleTranslations embed.FS

func init() {
	registerTranslations(bundleTranslations, "translations/bundle")
}

// bundleErrorMessage maps the errors of bundles, identities and contacts to
// sentences; anything else goes to errorMessage.
func bundleErrorMessage(err error) string {
	var large *bundle.UntrustedSenderError
	switch {
	case errors.As(err, &large):
		return lang.X("bundle.err.untrusted_large", "This bundle is large and its sender is not among your contacts, so it was not opened. Compare this fingerprint with the sender: {{.Fingerprint}}. Then add them as a contact and import it again.",
			map[string]any{"Fingerprint": large.Fingerprint})
	case errors.Is(err, bundle.ErrUntrustedSender):
		return lang.L("bundle.err.untrusted")
	case errors.Is(err, bundle.ErrNotBundle):
		return lang.L("bundle.err.not_bundle")
	case errors.Is(err, bundle.ErrNotRecipient):
		return lang.L("bundle.err.not_recipient")
	case errors.Is(err, bundle.ErrRecipientMismatch):
		return lang.L("bundle.err.recipient_mismatch")
	case errors.Is(err, bundle.ErrBadSignature):
		return lang.L("bundle.err.bad_signature")
	case errors.Is(err, crypto.ErrWrongPassphrase):
		return lang.L("bundle.err.wrong_passphrase")
	case errors.Is(err, crypto.ErrBadKey):
		return lang.L("bundle.err.bad_key")
	case errors.Is(err, bundle.ErrNumberTaken):
		return lang.L("bundle.err.number_taken")
	case errors.Is(err, vault.ErrSelfContact):
		return lang.L("bundle.err.self_contact")
	case errors.Is(err, bundle.ErrNoCases):
		return lang.L("bundle.err.no_cases")
	case errors.Is(err, vault.ErrExists):
		return lang.L("bundle.err.contact_exists")
	case errors.Is(err, cases.ErrInvalid):
		return lang.L("bundle.err.contact_name")
	case errors.Is(err, crypto.ErrUnsupported):
		return lang.L("bundle.err.newer")
	case errors.Is(err, crypto.ErrCorrupt):
		return lang.L("bundle.err.corrupt")
	case errors.Is(err, context.Canceled):
		return lang.L("bundle.err.cancelled")
	}
	return errorMessage(err)
}

func showBundleError(h Host, err error) {
	dialog.ShowError(errors.New(bundleErrorMessage(err)), h.Window())
}
