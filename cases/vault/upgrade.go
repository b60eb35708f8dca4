package vault

import (
	"context"
	"crypto/hmac"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"kintrace/crypto"
)

// The tables of format 2 (layout.go explains what each hides). They are
// created under temporary names beside format 1's and renamed once those
// are dropped, so a new vault (whose migrations made format 1's empty
// tables) and an upgraded one end with the same schema.
const layoutTables = `
CREATE TABLE records_v2 (
    id       TEXT PRIMARY KEY,
    overview BLOB NOT NULL,
    details  BLOB NOT NULL
);
CREATE TABLE revisions_v2 (
    id   TEXT PRIMARY KEY,
    data BLOB NOT NULL
);
CREATE TABLE attachment_chunks_v2 (
    id   TEXT PRIMARY KEY,
    data BLOB NOT NULL
);
CREATE TABLE head_v2 (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    acc       BLOB NOT NULL,
    count     INTEGER NOT NULL,
    revisions INTEGER NOT NULL,
    chunks    INTEGER NOT NULL,
    state     BLOB NOT NULL,
    mac       BLOB NOT NULL
);`

const layoutSwap = `
DROP TABLE attachment_chunks;
DROP TABLE revisions;
DROP INDEX records_kind;
DROP TABLE records;
DROP TABLE head;
ALTER TABLE records_v2 RENAME TO records;
ALTER TABLE revisions_v2 RENAME TO revisions;
ALTER TABLE attachment_chunks_v2 RENAME TO attachment_chunks;
ALTER TABLE head_v2 RENAME TO head;`

// createLayout turns the empty tables of format 1 into those of format 2.
func createLayout(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, layoutTables); err != nil {
		return fmt.Errorf("create tables: %w", err)
	}
	if _, err := tx.ExecContext(ctx, layoutSwap); err != nil {
		return fmt.Errorf("create tables: %w", err)
	}
	return nil
}

// upgrade rewrites a vault of format 1 into format 2 at its first unlock,
// in one transaction (all or nothing, also when the process dies half
// way): it checks the old integrity head, opens every record and revision
// with format 1's associated data and seals it again as format 2 does,
// gives every chunk its opaque id and full size, moves the plaintext meta
// rows into the sealed state, and drops the old tables (secure_delete
// zeroes their pages). Like a large attachment, it writes with a rollback
// journal, and the WAL is truncated after it.
func (v *Vault) upgrade(ctx context.Context, k *keyring) error {
	err := v.withRollbackJournal(func() error {
		tx, err := v.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		st, err := readV1State(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, layoutTables); err != nil {
			return err
		}
		h := &headState{}
		if err := v.upgradeRecords(ctx, tx, k, h); err != nil {
			return err
		}
		if h.revisions, err = v.upgradeRevisions(ctx, tx, k); err != nil {
			return err
		}
		if h.chunks, err = upgradeChunks(ctx, tx, k); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, layoutSwap); err != nil {
			return err
		}
		if err := v.storeState(tx, k, h, st); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE key NOT IN ('format', 'vault_id')`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'format'`, []byte(formatV2)); err != nil {
			return err
		}
		return tx.Commit()
	})
	if err != nil {
		return err
	}
	// Format 2 goes on to format 3 once load has computed the overviews
	// (migrate.go).
	v.format = formatV2
	return v.checkpoint()
}

// readV1State reads format 1's plaintext meta rows.
func readV1State(ctx context.Context, tx *sql.Tx) (*vaultState, error) {
	meta := map[string]string{}
	rows, err := tx.QueryContext(ctx, `SELECT key, value FROM meta`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var key string
		var val []byte
		if err := rows.Scan(&key, &val); err != nil {
			rows.Close()
			return nil, err
		}
		meta[key] = string(val)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	st := &vaultState{Prefix: meta["prefix"]}
	st.CreatedAt, _ = time.Parse(time.RFC3339, meta["created_at"])
	st.LastSaved, _ = time.Parse(time.RFC3339Nano, meta["last_saved"])
	st.NextNumber, err = strconv.Atoi(meta["next_number"])
	if err != nil || st.NextNumber < 1 || st.Prefix == "" {
		return nil, fmt.Errorf("vault state: %w", ErrTampered)
	}
	return st, nil
}

// upgradeBatch is how many rows the upgrade reads at a time.
const upgradeBatch = 256

// v1Row is a records row of format 1.
type v1Row struct {
	rowid             int64
	id, kind          string
	version           int64
	overview, details []byte
}

// upgradeRecords copies every records row into records_v2, sealed anew,
// and checks format 1's integrity head on the way; h receives the new
// head's terms and count.
func (v *Vault) upgradeRecords(ctx context.Context, tx *sql.Tx, k *keyring, h *headState) error {
	var oldAcc headTerm
	var after int64 = -1 << 63
	for {
		batch, err := readV1Rows(ctx, tx, after)
		if err != nil {
			return err
		}
		if len(batch) == 0 {
			break
		}
		for i := range batch {
			r := &batch[i]
			after = r.rowid
			t := rowTerm(k, r.id, r.kind, r.version, r.overview, r.details)
			xorInto(&oldAcc, &t)
			next, err := v.resealV1(k, r)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO records_v2 (rowid, id, overview, details) VALUES (random(), ?, ?, ?)`,
				r.id, next.overview, next.details); err != nil {
				return err
			}
			h.acc, h.count = xorTerm(h.acc, next.term(k, r.id, r.kind)), h.count+1
		}
	}
	var raw, mac []byte
	var count int64
	if err := tx.QueryRowContext(ctx, `SELECT acc, count, mac FROM head WHERE id = 1`).Scan(&raw, &count, &mac); err != nil {
		return fmt.Errorf("integrity head: %w", ErrTampered)
	}
	var acc headTerm
	if len(raw) != len(acc) {
		return fmt.Errorf("integrity head: %w", ErrTampered)
	}
	copy(acc[:], raw)
	if !hmac.Equal(mac, v.headMACv1(k, acc, count)) || acc != oldAcc || count != h.count {
		return ErrTampered
	}
	return nil
}

func readV1Rows(ctx context.Context, tx *sql.Tx, after int64) ([]v1Row, error) {
	rows, err := tx.QueryContext(ctx, `SELECT rowid, id, kind, version, overview, details FROM records
		WHERE rowid > ? ORDER BY rowid LIMIT ?`, after, upgradeBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []v1Row
	for rows.Next() {
		var r v1Row
		if err := rows.Scan(&r.rowid, &r.id, &r.kind, &r.version, &r.overview, &r.details); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// resealV1 opens a format 1 row and seals it as format 2 does.
func (v *Vault) resealV1(k *keyring, r *v1Row) (*storedRow, error) {
	next := &storedRow{kind: r.kind, version: r.version}
	var body []byte
	if r.overview != nil {
		pt, err := crypto.Open(k.records, r.overview, v.ad(r.kind, r.id, fieldOverview, r.version))
		if err != nil {
			return nil, fmt.Errorf("record overview: %w", err)
		}
		defer crypto.Wipe(pt)
		body = pt
	}
	det, err := crypto.Open(k.records, r.details, v.ad(r.kind, r.id, fieldDetails, r.version))
	if err != nil {
		return nil, fmt.Errorf("record details: %w", err)
	}
	defer crypto.Wipe(det)
	if next.overview, err = v.sealHeader(k, r.id, r.kind, r.version, body); err != nil {
		return nil, err
	}
	if next.details, err = v.sealDetails(k, det, v.ad(r.kind, r.id, fieldDetails, r.version)); err != nil {
		return nil, err
	}
	return next, nil
}

// upgradeRevisions copies every revision into revisions_v2 under its
// opaque id, sealed anew, and returns their number.
func (v *Vault) upgradeRevisions(ctx context.Context, tx *sql.Tx, k *keyring) (int64, error) {
	type rev struct {
		row     string
		version int64
		data    []byte
	}
	var n int64
	afterRow, afterVer := "", int64(-1<<63)
	for {
		rows, err := tx.QueryContext(ctx, `SELECT record_id, version, data FROM revisions
			WHERE (record_id, version) > (?, ?) ORDER BY record_id, version LIMIT ?`, afterRow, afterVer, upgradeBatch)
		if err != nil {
			return 0, err
		}
		var batch []rev
		for rows.Next() {
			var r rev
			if err := rows.Scan(&r.row, &r.version, &r.data); err != nil {
				rows.Close()
				return 0, err
			}
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, err
		}
		if len(batch) == 0 {
			return n, nil
		}
		for _, r := range batch {
			afterRow, afterVer = r.row, r.version
			pt, err := crypto.Open(k.records, r.data, v.ad(kindCase, r.row, fieldRevision, r.version))
			if err != nil {
				return 0, fmt.Errorf("revision: %w", err)
			}
			sealed, err := v.sealDetails(k, pt, v.ad(kindCase, r.row, fieldRevision, r.version))
			crypto.Wipe(pt)
			if err != nil {
				return 0, err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO revisions_v2 (rowid, id, data) VALUES (random(), ?, ?)`,
				revisionID(k, r.row, r.version), sealed); err != nil {
				return 0, err
			}
			n++
		}
	}
}

// upgradeChunks copies every attachment chunk into attachment_chunks_v2
// under its opaque id, at the full chunk size, and returns their number.
// Chunks are not sealed anew: their associated data and nonces do not
// name their row.
func upgradeChunks(ctx context.Context, tx *sql.Tx, k *keyring) (int64, error) {
	var n int64
	var after int64 = -1 << 63
	for {
		rows, err := tx.QueryContext(ctx, `SELECT rowid, attachment, seq, data FROM attachment_chunks
			WHERE rowid > ? ORDER BY rowid LIMIT 16`, after)
		if err != nil {
			return 0, err
		}
		type chunk struct {
			row  string
			seq  int64
			data []byte
		}
		var batch []chunk
		for rows.Next() {
			var c chunk
			if err := rows.Scan(&after, &c.row, &c.seq, &c.data); err != nil {
				rows.Close()
				return 0, err
			}
			batch = append(batch, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, err
		}
		if len(batch) == 0 {
			return n, nil
		}
		for _, c := range batch {
			if _, err := tx.ExecContext(ctx, `INSERT INTO attachment_chunks_v2 (rowid, id, data) VALUES (random(), ?, ?)`,
				chunkID(k, c.row, c.seq), padChunk(c.data)); err != nil {
				return 0, err
			}
			n++
		}
	}
}
