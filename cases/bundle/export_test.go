package bundle

// ReadContainer exposes the container parser behind the age envelope, for
// its fuzz target.
var ReadContainer = readContainer

// DecodeBundleJSON runs the parsers of a bundle's history.json and
// attachments.json against a manifest, for their fuzz target.
func DecodeBundleJSON(m *Manifest, history, attachments []byte) error {
	in := &incoming{ob: &Opened{Manifest: m}}
	if err := in.decodeHistory(history); err != nil {
		return err
	}
	return in.decodeAttachments(attachments)
}
