package vault

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"kintrace/cases"
	"kintrace/crypto"
)

// A Tx is one operation of a package built on the vault (bundle import and
// export) on the unlocked vault: reads, and with WriteTx writes, that see
// and change the sealed records without that package knowing how they are
// sealed or stored. A Tx lives only during the function it is given to.
type Tx struct {
	ctx     context.Context
	v       *Vault
	q       querier
	tx      *sql.Tx // nil in ReadTx
	k       *keyring
	touched []cases.Case
}

// ReadTx runs fn with a Tx that reads the vault as it is; it writes nothing.
func (v *Vault) ReadTx(ctx context.Context, fn func(t *Tx) error) error {
	return v.withKeys(func(k *keyring) error {
		return fn(&Tx{ctx: ctx, v: v, q: v.db, k: k})
	})
}

// WriteTx runs fn in one write transaction: everything fn writes is
// committed when it returns nil, nothing when it returns an error (which
// WriteTx returns). The cases it wrote (Tx.PutCase) are put into the search
// and identifier indexes after the commit. With bulk, the transaction uses
// a rollback journal instead of the WAL, as large attachments do (see
// withRollbackJournal), and the WAL is checkpointed after it.
func (v *Vault) WriteTx(ctx context.Context, bulk bool, fn func(t *Tx) error) error {
	var touched []cases.Case
	err := v.withKeys(func(k *keyring) error {
		run := func() error {
			return v.write(ctx, func(tx *sql.Tx) error {
				t := &Tx{ctx: ctx, v: v, q: tx, tx: tx, k: k}
				err := fn(t)
				touched = t.touched
				return err
			})
		}
		if bulk {
			return v.withRollbackJournal(run)
		}
		return run()
	})
	if err != nil {
		return err
	}
	if bulk {
		// Had the journal stayed WAL (another process has the vault
		// open), do not leave the written bytes in it a second time.
		if err := v.checkpoint(); err != nil {
			return err
		}
	}
	overviews := make([]cases.Overview, len(touched))
	for i, c := range touched {
		overviews[i] = c.Overview()
	}
	v.indexAll(overviews, nil, nil)
	return nil
}

// errReadOnly reports a write through a Tx of ReadTx: a programming error.
var errReadOnly = errors.New("vault: write in a read transaction")

func (t *Tx) writable() error {
	if t.tx == nil {
		return errReadOnly
	}
	return nil
}

// Resolve returns the id of the case with the case number idOrNumber, or
// idOrNumber itself when no case has that number.
func (t *Tx) Resolve(idOrNumber string) string { return t.v.resolve(idOrNumber) }

// Case returns the current version of the case with id (an id, never a
// case number: see Resolve), or ErrNotFound.
func (t *Tx) Case(id string) (cases.Case, error) {
	row := rowID(t.k, kindCase, id)
	r, err := t.v.readRow(t.q, t.ctx, t.k, row)
	if err != nil {
		return cases.Case{}, err
	}
	return t.v.openCase(t.k, row, r)
}

// Versions returns every saved version of the case with id, oldest first,
// the current one included.
func (t *Tx) Versions(id string) ([]SavedVersion, error) {
	return t.v.versionsQ(t.ctx, t.q, t.k, rowID(t.k, kindCase, id))
}

// Version returns one saved version of the case with id, or ErrNotFound.
func (t *Tx) Version(id string, version int64) (SavedVersion, error) {
	return t.v.versionQ(t.ctx, t.q, t.k, rowID(t.k, kindCase, id), version)
}

// NumberTaken reports whether a case other than id has the case number.
func (t *Tx) NumberTaken(number, id string) bool {
	other, ok := t.v.numbers.lookup(number)
	return ok && other != id
}

// Record returns the plaintext of a record of kind, or ErrNotFound.
func (t *Tx) Record(kind, id string) ([]byte, error) {
	return t.v.getRecordQ(t.ctx, t.q, t.k, kind, id)
}

// PutRecord seals data as the record (kind, id), replacing it.
func (t *Tx) PutRecord(kind, id string, data []byte) error {
	if err := t.writable(); err != nil {
		return err
	}
	return t.v.putRecordTx(t.tx, t.k, kind, id, data)
}

// Contacts lists the contacts by name.
func (t *Tx) Contacts() ([]Contact, error) { return t.v.contactsQ(t.ctx, t.q, t.k) }

// PutContact stores c as it is (its name already checked).
func (t *Tx) PutContact(c Contact) error {
	if err := t.writable(); err != nil {
		return err
	}
	return t.v.putContactTx(t.tx, t.k, c)
}

// HasConflict reports whether the incoming version with content hash
// (CaseHash) of the case is already kept as a conflict.
func (t *Tx) HasConflict(caseID, hash string) (bool, error) {
	return t.has(kindConflict, conflictID(caseID, hash))
}

// PutConflict keeps r, an incoming version with content hash, beside the
// local case until the user resolves it.
func (t *Tx) PutConflict(r ConflictRecord, hash string) error {
	if err := t.writable(); err != nil {
		return err
	}
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	defer crypto.Wipe(data)
	return t.v.putRecordTx(t.tx, t.k, kindConflict, conflictID(r.CaseID, hash), data)
}

// PutCase stores cur.Case as the current version of its case, new or
// replacing the stored one, with cur's save metadata, and the earlier
// versions (each with its case) as its history. The case is indexed after
// the commit.
func (t *Tx) PutCase(cur SavedVersion, earlier []SavedVersion) error {
	if err := t.writable(); err != nil {
		return err
	}
	c := cur.Case
	row := rowID(t.k, kindCase, c.ID)
	prev, err := t.v.readRow(t.tx, t.ctx, t.k, row)
	switch {
	case errors.Is(err, ErrNotFound):
		prev = nil
	case err != nil:
		return err
	}
	if err := t.v.putCaseTx(t.ctx, t.tx, t.k, c, prev, cur); err != nil {
		return err
	}
	for _, rb := range earlier {
		if rb.Case.Version < 1 || rb.Case.Version >= c.Version {
			// Not an earlier version: kept, it could be neither read nor
			// found again when the case is deleted (revision ids are
			// computed from 1 to the current version).
			return fmt.Errorf("case history: version %d of %d: %w", rb.Case.Version, c.Version, crypto.ErrCorrupt)
		}
		if err := t.v.putRevisionTx(t.ctx, t.tx, t.k, row, rb); err != nil {
			return err
		}
	}
	t.touched = append(t.touched, c)
	return nil
}

// HasAttachment reports whether the vault has the attachment with id.
func (t *Tx) HasAttachment(id string) (bool, error) {
	_, err := t.v.readRow(t.q, t.ctx, t.k, rowID(t.k, kindAttachment, id))
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// A PendingAttachment is an attachment whose bytes are stored but whose
// description is not yet (see Tx.WriteAttachment).
type PendingAttachment struct {
	m *attachmentMeta
}

// Wipe forgets the attachment's key.
func (p *PendingAttachment) Wipe() { p.m.wipe() }

// WriteAttachment stores the bytes of a, read from r and checked against
// a's size and SHA-256, without its description: that is stored by
// AttachPending once the case it belongs to is stored (the chunk rows'
// reference to it is checked at commit). The caller wipes the result.
func (t *Tx) WriteAttachment(a Attachment, r io.Reader) (*PendingAttachment, error) {
	if err := t.writable(); err != nil {
		return nil, err
	}
	m, err := t.v.writeAttachmentChunksTx(t.ctx, t.tx, t.k, a, r, true, nil)
	if m == nil {
		return nil, err
	}
	return &PendingAttachment{m}, err
}

// AttachPending stores the description of an attachment WriteAttachment
// stored. An attachment tied to an event its case does not have (the local
// version of a conflict) is attached to the case as a whole.
func (t *Tx) AttachPending(p *PendingAttachment) error {
	if err := t.writable(); err != nil {
		return err
	}
	m := p.m
	if m.Event != nil {
		if err := t.v.checkAttachmentTarget(t.ctx, t.tx, t.k, m.CaseID, m.Event); errors.Is(err, ErrNotFound) {
			m.Event = nil
		}
	}
	if err := t.v.checkAttachmentTarget(t.ctx, t.tx, t.k, m.CaseID, m.Event); err != nil {
		return err
	}
	return t.v.putAttachmentMetaTx(t.tx, t.k, m)
}

func (t *Tx) has(kind, id string) (bool, error) {
	_, err := t.Record(kind, id)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, nil
}

// session holds what packages built on the vault keep between calls while
// it is unlocked (Remember); Lock and Close drop it.
type session struct {
	mu   sync.Mutex
	vals map[any]any
}

// Remember keeps val under key until the vault is locked or closed (a nil
// val forgets key), for a package built on the vault that carries
// something derived from an unlocked session from one call to the next
// (bundle import: the bundle last inspected). key should be a value of an
// unexported type of that package. It is a Tx method so that it runs while
// the keys are held: a Lock cannot come between and leave val behind.
func (t *Tx) Remember(key, val any) {
	s := &t.v.session
	s.mu.Lock()
	defer s.mu.Unlock()
	if val == nil {
		delete(s.vals, key)
		return
	}
	if s.vals == nil {
		s.vals = map[any]any{}
	}
	s.vals[key] = val
}

// Recall returns what Remember keeps under key, or nil.
func (t *Tx) Recall(key any) any {
	s := &t.v.session
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.vals[key]
}

// forget drops everything Remember keeps.
func (s *session) forget() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.vals)
}
