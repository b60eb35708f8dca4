package vault

import (
	"context"
	"database/sql"

	"kintrace/crypto"
)

// refreshOverviews seals the current overview of each of rows (cases whose
// stored overview was of an older encoding; load has already computed their
// overviews anew for the index) in one transaction. The case itself and its
// version do not change, so no revision is kept. The caller holds v.mu.
func (v *Vault) refreshOverviews(ctx context.Context, rows []string) error {
	k := v.keys
	return v.write(ctx, func(tx *sql.Tx) error {
		return v.resealOverviews(ctx, tx, k, rows)
	})
}

// resealOverviews seals each row's overview anew inside tx and updates the
// integrity head.
func (v *Vault) resealOverviews(ctx context.Context, tx *sql.Tx, k *keyring, rows []string) error {
	var d headDelta
	e := &caseEncoder{}
	for _, row := range rows {
		prev, err := v.readRow(tx, ctx, k, row)
		if err != nil {
			return err
		}
		if next, ok, err := v.reencodeHeader(k, row, prev); err != nil {
			return err
		} else if ok {
			if _, err := tx.ExecContext(ctx, `UPDATE records SET overview = ? WHERE id = ?`, next.overview, row); err != nil {
				return err
			}
			d.remove(prev.term(k, row, kindCase))
			d.add(next.term(k, row, kindCase))
			continue
		}
		c, err := v.openCase(k, row, prev)
		if err != nil {
			return err
		}
		o := c.Overview()
		next, err := v.sealCase(k, row, &c, &o, e)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE records SET overview = ?, details = ? WHERE id = ?`,
			next.overview, next.details, row); err != nil {
			return err
		}
		d.remove(prev.term(k, row, kindCase))
		d.add(next.term(k, row, kindCase))
	}
	return v.applyHead(tx, k, d)
}

// reencodeHeader seals anew, in the current encoding, the header of a case
// row whose overview needs no case to be computed (overviewNeedsCase): the
// details blob stays as it is. ok is false for the other rows.
func (v *Vault) reencodeHeader(k *keyring, row string, prev *storedRow) (next *storedRow, ok bool, err error) {
	_, version, body, pt, err := v.openHeader(k, row, prev.overview)
	if err != nil {
		return nil, false, err
	}
	defer crypto.Wipe(pt)
	if !overviewIsStale(body) || overviewNeedsCase(body) {
		return nil, false, nil
	}
	o, err := decodeOverview(body, nil)
	if err != nil {
		return nil, false, err
	}
	ov, err := appendOverview(nil, &o)
	if err != nil {
		return nil, false, err
	}
	defer crypto.Wipe(ov)
	sealed, err := v.sealHeader(k, row, kindCase, version, ov)
	if err != nil {
		return nil, false, err
	}
	return &storedRow{kind: kindCase, version: version, overview: sealed, details: prev.details}, true, nil
}
