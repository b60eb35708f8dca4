package vault

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"kintrace/cases"
	"kintrace/crypto"
)

// A conflict is an incoming version of a case that diverged from the local
// one: both sides saved changes since their common version. Import keeps
// the local case as it is and stores the incoming version, with its
// history, as a sealed record of kind "conflict" (id: case id ‖ "." ‖ the
// first 16 hex digits of its hash). The record's presence is what marks
// the case for resolution; resolving deletes it in the same transaction
// that saves the outcome.
const kindConflict = "conflict"

func conflictID(caseID, hash string) string { return caseID + "." + hash[:16] }

// ConflictRecord is the sealed record of a conflict: an incoming version
// of a case kept beside the local one until the user resolves it.
type ConflictRecord struct {
	CaseID     string            `json:"case_id"`
	BundleID   string            `json:"bundle_id"`
	Sender     string            `json:"sender"` // fingerprint
	SenderName string            `json:"sender_name,omitempty"`
	ReceivedAt time.Time         `json:"received_at"`
	Incoming   cases.Case        `json:"incoming"`
	History    []IncomingVersion `json:"history"`
}

// Conflict is an incoming version of a case waiting for the user.
type Conflict struct {
	ID       string // the conflict's own id
	CaseID   string
	BundleID string
	// Sender is the fingerprint of the bundle's signer, SenderName the
	// contact's name when it was one.
	Sender, SenderName string
	ReceivedAt         time.Time
	Incoming           cases.Case
	// History lists the incoming side's versions, oldest first.
	History []Revision
}

// Conflicts lists every unresolved conflict, oldest first.
func (v *Vault) Conflicts(ctx context.Context) ([]Conflict, error) {
	all, err := v.ListRecords(ctx, kindConflict)
	if err != nil {
		return nil, fmt.Errorf("conflicts: %w", err)
	}
	out := make([]Conflict, 0, len(all))
	for id, data := range all {
		c, err := decodeConflict(id, data)
		if err != nil {
			return nil, fmt.Errorf("conflicts: %w", err)
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Conflict) int {
		if c := a.ReceivedAt.Compare(b.ReceivedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// CaseConflicts lists the unresolved conflicts of one case (id or number).
func (v *Vault) CaseConflicts(ctx context.Context, caseID string) ([]Conflict, error) {
	id := v.resolve(caseID)
	all, err := v.Conflicts(ctx)
	if err != nil {
		return nil, err
	}
	var out []Conflict
	for _, c := range all {
		if c.CaseID == id {
			out = append(out, c)
		}
	}
	return out, nil
}

func decodeConflict(id string, data []byte) (Conflict, error) {
	var j ConflictRecord
	err := json.Unmarshal(data, &j)
	crypto.Wipe(data)
	if err != nil || !strings.HasPrefix(id, j.CaseID+".") || j.Incoming.ID != j.CaseID {
		return Conflict{}, fmt.Errorf("conflict record: %w", crypto.ErrCorrupt)
	}
	c := Conflict{ID: id, CaseID: j.CaseID, BundleID: j.BundleID, Sender: j.Sender, SenderName: j.SenderName,
		ReceivedAt: j.ReceivedAt, Incoming: j.Incoming}
	for _, r := range j.History {
		c.History = append(c.History, Revision{Version: r.Version, SavedAt: r.SavedAt, SavedBy: r.SavedBy, Changed: r.Changed})
	}
	return c, nil
}

// ResolveConflict saves merged as the case's next version and drops the
// conflict, in one transaction. merged.Version must be the local version it
// was based on (else ErrConflict, as for Update).
func (v *Vault) ResolveConflict(ctx context.Context, conflict string, merged cases.Case) (cases.Case, error) {
	var out cases.Case
	err := v.withKeys(func(k *keyring) error {
		return v.write(ctx, func(tx *sql.Tx) error {
			cf, err := v.readConflictTx(ctx, tx, k, conflict)
			if err != nil {
				return err
			}
			if merged.ID != cf.CaseID {
				return ErrConflict
			}
			c, err := v.saveVersionTx(ctx, tx, k, merged)
			if err != nil {
				return err
			}
			out = c
			return v.deleteRecordTx(ctx, tx, k, kindConflict, conflict)
		})
	})
	if err != nil {
		return cases.Case{}, fmt.Errorf("resolve conflict: %w", err)
	}
	v.indexPut(out.Overview())
	return out, nil
}

// KeepBothConflict adds the incoming version as a separate new case (a new
// id and number of this vault, version 1) and drops the conflict, in one
// transaction; the local case stays as it is.
func (v *Vault) KeepBothConflict(ctx context.Context, conflict string) (cases.Case, error) {
	var out cases.Case
	err := v.withKeys(func(k *keyring) error {
		return v.write(ctx, func(tx *sql.Tx) error {
			cf, err := v.readConflictTx(ctx, tx, k, conflict)
			if err != nil {
				return err
			}
			c := cf.Incoming
			c.ID, c.Version = cases.NewID(), 1
			c.UpdatedAt = time.Now().UTC().Truncate(time.Second)
			c.UpdatedBy = v.owner
			if c.Number, err = v.nextNumber(tx, nil); err != nil {
				return err
			}
			if err := c.Validate(); err != nil {
				return err
			}
			if err := v.putCaseTx(ctx, tx, k, c, nil, SavedVersion{SavedAt: c.UpdatedAt, SavedBy: c.UpdatedBy, Case: c}); err != nil {
				return err
			}
			out = c
			return v.deleteRecordTx(ctx, tx, k, kindConflict, conflict)
		})
	})
	if err != nil {
		return cases.Case{}, fmt.Errorf("keep both: %w", err)
	}
	v.indexPut(out.Overview())
	return out, nil
}

// DismissConflict drops the incoming version and keeps the local case.
func (v *Vault) DismissConflict(ctx context.Context, conflict string) error {
	if err := v.DeleteRecord(ctx, kindConflict, conflict); err != nil {
		return fmt.Errorf("dismiss conflict: %w", err)
	}
	return nil
}

func (v *Vault) readConflictTx(ctx context.Context, tx *sql.Tx, k *keyring, id string) (Conflict, error) {
	data, err := v.getRecordQ(ctx, tx, k, kindConflict, id)
	if err != nil {
		return Conflict{}, err
	}
	return decodeConflict(id, data)
}

func (v *Vault) deleteRecordTx(ctx context.Context, tx *sql.Tx, k *keyring, kind, id string) error {
	row := rowID(k, kind, id)
	prev, err := v.readRow(tx, ctx, k, row)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM records WHERE id = ?`, row); err != nil {
		return err
	}
	v.kinds.note(tx, kind, row, true)
	return v.updateHead(tx, k, prev.term(k, row, kind), nil)
}

// IncomingVersion is one saved version of a case as a bundle carries it
// (history.json) and a conflict record keeps it. Case is absent for the
// current version, which is in cases.json.
type IncomingVersion struct {
	ID      string      `json:"id"`
	Version int64       `json:"version"`
	SavedAt time.Time   `json:"saved_at"`
	SavedBy string      `json:"saved_by,omitempty"`
	Changed []string    `json:"changed,omitempty"`
	Case    *cases.Case `json:"case,omitempty"`
}
