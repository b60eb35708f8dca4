package vault

import (
	"context"
	"database/sql"
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
