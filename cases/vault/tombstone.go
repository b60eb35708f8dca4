package vault

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"kintrace/crypto"
)

// A tombstone remembers that a case was deleted in this vault, so that a
// bundle that still carries the case (a colleague's older export, a backup)
// does not bring it back as "new" without the user choosing to. It is a
// sealed record of kind "tombstone" under the case's id, counted in the
// integrity head like every record, and holds no case content: the id, the
// version deleted and when. Deleting a case writes its tombstone in the same
// transaction; restoring the case from a bundle removes it.
const kindTombstone = "tombstone"

// Tombstone records the deletion of a case in this vault.
type Tombstone struct {
	CaseID    string    `json:"case_id"`
	Version   int64     `json:"version"` // the version that was deleted
	DeletedAt time.Time `json:"deleted_at"`
}

// putTombstoneTx records within tx that the case id was deleted at its
// version, replacing an earlier tombstone of the same id.
func (v *Vault) putTombstoneTx(tx *sql.Tx, k *keyring, id string, version int64) error {
	data, err := json.Marshal(Tombstone{CaseID: id, Version: version, DeletedAt: time.Now().UTC().Truncate(time.Second)})
	if err != nil {
		return err
	}
	return v.putRecordTx(tx, k, kindTombstone, id, data)
}

func decodeTombstone(id string, data []byte) (Tombstone, error) {
	var ts Tombstone
	if err := json.Unmarshal(data, &ts); err != nil || ts.CaseID != id {
		return Tombstone{}, fmt.Errorf("tombstone: %w", crypto.ErrCorrupt)
	}
	return ts, nil
}

// Tombstones lists the cases deleted in this vault, most recent first.
func (v *Vault) Tombstones(ctx context.Context) ([]Tombstone, error) {
	recs, err := v.ListRecords(ctx, kindTombstone)
	if err != nil {
		return nil, err
	}
	out := make([]Tombstone, 0, len(recs))
	for id, data := range recs {
		ts, err := decodeTombstone(id, data)
		if err != nil {
			return nil, err
		}
		out = append(out, ts)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].DeletedAt.Equal(out[j].DeletedAt) {
			return out[i].DeletedAt.After(out[j].DeletedAt)
		}
		return out[i].CaseID < out[j].CaseID
	})
	return out, nil
}

// Tombstone returns the tombstone of the case id: ErrNotFound when the
// case was never deleted here (or was restored since).
func (t *Tx) Tombstone(id string) (Tombstone, error) {
	data, err := t.Record(kindTombstone, id)
	if err != nil {
		return Tombstone{}, err
	}
	return decodeTombstone(id, data)
}

// RemoveTombstone forgets that the case id was deleted, as restoring it
// does; a case without a tombstone is no error.
func (t *Tx) RemoveTombstone(id string) error {
	if err := t.writable(); err != nil {
		return err
	}
	err := t.v.deleteRecordTx(t.ctx, t.tx, t.k, kindTombstone, id)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}
