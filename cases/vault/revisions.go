package vault

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kintrace/crypto"
)

// insertRecord inserts a records row (id, header blob, details blob) with
// a random rowid, so that the table's order says nothing of when, or
// together with what, a row was written.
const insertRecord = `INSERT INTO records (rowid, id, overview, details) VALUES (random(), ?, ?, ?)`

// insertRecordAt is insertRecord with the random rowid given by the caller
// (see randomRowids).
const insertRecordAt = `INSERT INTO records (rowid, id, overview, details) VALUES (?, ?, ?, ?)`

// Past versions of a case are rows of revisions keyed by revisionID(row
// id, version), an opaque keyed hash: the table cannot be grouped by case,
// so it shows how many past versions the vault holds in all, not how many
// any case has. A case's versions are found by computing the ids of
// versions 1 to current−1.

// insertRevisionTx seals b, the JSON of a SavedVersion of version of the
// case row, as its revision row (replacing one already there).
func (v *Vault) insertRevisionTx(ctx context.Context, tx *sql.Tx, k *keyring, row string, version int64, b []byte) error {
	sealed, err := v.sealDetails(k, b, v.ad(kindCase, row, fieldRevision, version))
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO revisions (rowid, id, data) VALUES (random(), ?, ?)`,
		revisionID(k, row, version), sealed)
	return err
}

// deleteRevisionsTx deletes the revisions of a case row whose current
// version is cur.
func deleteRevisionsTx(ctx context.Context, tx *sql.Tx, k *keyring, row string, cur int64) error {
	stmt, err := tx.PrepareContext(ctx, `DELETE FROM revisions WHERE id = ?`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for ver := int64(1); ver < cur; ver++ {
		if _, err := stmt.ExecContext(ctx, revisionID(k, row, ver)); err != nil {
			return err
		}
	}
	return nil
}

// readRevisions reads the sealed revisions of a case row below version
// cur, oldest first (as storedRow's version and details); versions the
// vault does not hold are left out.
func readRevisions(ctx context.Context, q querier, k *keyring, row string, cur int64) ([]storedRow, error) {
	var out []storedRow
	for ver := int64(1); ver < cur; ver++ {
		var data []byte
		err := q.QueryRowContext(ctx, `SELECT data FROM revisions WHERE id = ?`, revisionID(k, row, ver)).Scan(&data)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, storedRow{kind: kindCase, version: ver, details: data})
	}
	return out, nil
}

// scanKind calls fn with every stored row of a kind (its row id and its
// row with kind, version and sealed blobs), one at a time, reading through
// q. Call it with the keys held. Cases are found by a scan of every row
// (their headers say which are cases); other kinds through the kind index.
func (v *Vault) scanKind(ctx context.Context, q querier, k *keyring, kind string, fn func(row string, r *storedRow) error) error {
	if kind != kindCase {
		for _, row := range v.kinds.candidates(kind) {
			r, err := v.readRow(q, ctx, k, row)
			if errors.Is(err, ErrNotFound) {
				continue // deleted by the transaction under way
			}
			if err != nil {
				return err
			}
			if r.kind != kind {
				return fmt.Errorf("record kind: %w", ErrTampered)
			}
			if err := fn(row, r); err != nil {
				return err
			}
		}
		return nil
	}
	rows, err := q.QueryContext(ctx, `SELECT id, overview, details FROM records`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var row string
		var r storedRow
		if err := rows.Scan(&row, &r.overview, &r.details); err != nil {
			return err
		}
		got, version, _, pt, err := v.openHeader(k, row, r.overview)
		if err != nil {
			return err
		}
		crypto.Wipe(pt)
		if got != kind {
			continue
		}
		r.kind, r.version = got, version
		if err := fn(row, &r); err != nil {
			return err
		}
	}
	return rows.Err()
}
