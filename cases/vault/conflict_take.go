package vault

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"kintrace/cases"
	"kintrace/crypto"
)

// TakeIncomingConflict replaces the local case by the conflict's incoming
// version and its history, and drops the conflict, in one transaction: the
// choice "take theirs", used when the other side has already merged this
// vault's version (a coordinator's resolution sent back to the workers).
// The local version's content is no longer kept (its revision numbers are
// replaced by the incoming ones). The incoming version must be newer than
// the local one, else ErrConflict: taking it would move the case back.
func (v *Vault) TakeIncomingConflict(ctx context.Context, conflict string) (cases.Case, error) {
	var out cases.Case
	err := v.withKeys(func(k *keyring) error {
		return v.write(ctx, func(tx *sql.Tx) error {
			data, err := v.getRecordQ(ctx, tx, k, kindConflict, conflict)
			if err != nil {
				return err
			}
			var r ConflictRecord
			if err := json.Unmarshal(data, &r); err != nil || r.Incoming.ID != r.CaseID || len(r.History) == 0 {
				return fmt.Errorf("conflict record: %w", crypto.ErrCorrupt)
			}
			row := rowID(k, kindCase, r.CaseID)
			prev, err := v.readRow(tx, ctx, k, row)
			if err != nil {
				return err
			}
			c := r.Incoming
			if c.Version <= prev.version {
				return ErrConflict
			}
			if err := c.Validate(); err != nil {
				return err
			}
			last := r.History[len(r.History)-1]
			cur := SavedVersion{SavedAt: last.SavedAt, SavedBy: last.SavedBy, Changed: last.Changed, Case: c}
			if err := v.putCaseTx(ctx, tx, k, c, prev, cur); err != nil {
				return err
			}
			for _, h := range r.History[:len(r.History)-1] {
				if h.Case == nil || h.Case.Version < 1 || h.Case.Version >= c.Version {
					return fmt.Errorf("conflict history: %w", crypto.ErrCorrupt)
				}
				sv := SavedVersion{SavedAt: h.SavedAt, SavedBy: h.SavedBy, Changed: h.Changed, Case: *h.Case}
				if err := v.putRevisionTx(ctx, tx, k, row, sv); err != nil {
					return err
				}
			}
			out = c
			return v.deleteRecordTx(ctx, tx, k, kindConflict, conflict)
		})
	})
	if err != nil {
		return cases.Case{}, fmt.Errorf("take incoming version: %w", err)
	}
	v.indexPut(out.Overview())
	return out, nil
}
