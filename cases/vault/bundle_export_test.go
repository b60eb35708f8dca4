package vault

import (
	"kintrace/cases/bundle"
)

// DecodeBundleJSON runs the parsers of a bundle's history.json and
// attachments.json against a manifest, for their fuzz target.
func DecodeBundleJSON(m *bundle.Manifest, history, attachments []byte) error {
	in := &incoming{ob: &bundle.Opened{Manifest: m}}
	if err := in.decodeHistory(history); err != nil {
		return err
	}
	return in.decodeAttachments(attachments)
}
