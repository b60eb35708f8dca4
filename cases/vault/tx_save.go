package vault

import (
	"io"

	"kintrace/cases"
)

// UpdateCase saves a new version of an existing case within the Tx, as
// Vault.Update does: c.Version must be the version read (else
// ErrConflict), the case is validated, and the version before becomes its
// history. The case is indexed after the commit.
func (t *Tx) UpdateCase(c cases.Case) (cases.Case, error) {
	if err := t.writable(); err != nil {
		return cases.Case{}, err
	}
	saved, err := t.v.saveVersionTx(t.ctx, t.tx, t.k, c)
	if err != nil {
		return cases.Case{}, err
	}
	t.touched = append(t.touched, saved)
	return saved, nil
}

// AddAttachment stores the bytes of r as a new attachment of the case
// caseID (an id, see Resolve), or of its event number event when event is
// not nil, within the Tx, as Vault.AddAttachment does: in 64 KiB sealed
// chunks, so that memory use does not depend on the file's size.
func (t *Tx) AddAttachment(caseID string, event *int, name string, r io.Reader) (Attachment, error) {
	if err := t.writable(); err != nil {
		return Attachment{}, err
	}
	return t.v.addAttachmentTx(t.ctx, t.tx, t.k, Attachment{CaseID: caseID, Event: event, Name: name}, r, false, nil)
}
