package vault

import "kintrace/crypto"

// DecodeBundleJSON runs the parsers of a bundle's history.json and
// attachments.json against a manifest, for their fuzz target.
func DecodeBundleJSON(m *crypto.Manifest, history, attachments []byte) error {
	in := &incoming{ob: &crypto.OpenedBundle{Manifest: m}}
	if err := in.decodeHistory(history); err != nil {
		return err
	}
	return in.decodeAttachments(attachments)
}
