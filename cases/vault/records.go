package vault

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kintrace/crypto"
)

// Generic sealed records hold everything that is not a case: the vault's
// profile, its identity, contacts, attachment metadata. Each is one row of
// its kind with a sealed details blob and no overview; the version grows on
// every put so an old blob cannot be put back unnoticed.

// PutRecord stores data as the record (kind, id), replacing any earlier one.
func (v *Vault) PutRecord(ctx context.Context, kind, id string, data []byte) error {
	if kind == kindCase {
		return fmt.Errorf("put record: kind %q is reserved", kind)
	}
	err := v.withKeys(func(k *keyring) error {
		return v.write(ctx, func(tx *sql.Tx) error { return v.putRecordTx(tx, k, kind, id, data) })
	})
	if err != nil {
		return fmt.Errorf("put record: %w", err)
	}
	return nil
}

func (v *Vault) putRecordTx(tx *sql.Tx, k *keyring, kind, id string, data []byte) error {
	ctx := context.Background()
	row := rowID(k, kind, id)
	prev, err := v.readRow(tx, ctx, k, row)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	next := storedRow{kind: kind, version: 1}
	var old *headTerm
	if prev != nil {
		if prev.kind != kind {
			return fmt.Errorf("record kind: %w", ErrTampered)
		}
		next.version = prev.version + 1
		old = prev.term(k, row, kind)
	}
	// The id travels inside the blob so ListRecords can return it.
	payload := append([]byte(id+"\x00"), data...)
	defer crypto.Wipe(payload)
	if next.overview, err = v.sealHeader(k, row, kind, next.version, nil); err != nil {
		return err
	}
	if next.details, err = v.sealDetails(k, payload, v.ad(kind, row, fieldDetails, next.version)); err != nil {
		return err
	}
	if _, err := tx.Exec(insertRecord+` ON CONFLICT (id) DO UPDATE SET overview = excluded.overview, details = excluded.details`,
		row, next.overview, next.details); err != nil {
		return err
	}
	v.kinds.note(tx, kind, row, false)
	return v.updateHead(tx, k, old, next.term(k, row, kind))
}

func (v *Vault) openRecord(k *keyring, kind, row string, r *storedRow) (id string, data []byte, err error) {
	if r.kind != kind {
		return "", nil, fmt.Errorf("record: %w", crypto.ErrCorrupt)
	}
	body, pt, err := openDetails(k, r.details, v.ad(kind, row, fieldDetails, r.version))
	if err != nil {
		return "", nil, err
	}
	for i, b := range body {
		if b == 0 {
			return string(body[:i]), body[i+1:], nil
		}
	}
	crypto.Wipe(pt)
	return "", nil, fmt.Errorf("record: %w", crypto.ErrCorrupt)
}

// GetRecord reads the record (kind, id); ErrNotFound when there is none.
func (v *Vault) GetRecord(ctx context.Context, kind, id string) ([]byte, error) {
	var out []byte
	err := v.withKeys(func(k *keyring) error {
		row := rowID(k, kind, id)
		r, err := v.readRow(v.db, ctx, k, row)
		if err != nil {
			return err
		}
		_, out, err = v.openRecord(k, kind, row, r)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read record: %w", err)
	}
	return out, nil
}

// ListRecords returns every record of a kind, by id.
func (v *Vault) ListRecords(ctx context.Context, kind string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := v.withKeys(func(k *keyring) error {
		return v.scanKind(ctx, v.db, k, kind, func(row string, r *storedRow) error {
			id, data, err := v.openRecord(k, kind, row, r)
			if err != nil {
				return err
			}
			out[id] = data
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list records: %w", err)
	}
	return out, nil
}

// DeleteRecord removes the record (kind, id); ErrNotFound when there is none.
func (v *Vault) DeleteRecord(ctx context.Context, kind, id string) error {
	err := v.withKeys(func(k *keyring) error {
		row := rowID(k, kind, id)
		return v.write(ctx, func(tx *sql.Tx) error {
			prev, err := v.readRow(tx, ctx, k, row)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(`DELETE FROM records WHERE id = ?`, row); err != nil {
				return err
			}
			v.kinds.note(tx, kind, row, true)
			return v.updateHead(tx, k, prev.term(k, row, kind), nil)
		})
	})
	if err != nil {
		return fmt.Errorf("delete record: %w", err)
	}
	return v.checkpoint()
}
