package vault

import (
	"context"
)

// formatV2 is the layout of issue 12 before casework: the same tables as
// format 3, but its cases were written before the case file's "requests"
// and "followups" sections existed, and its sealed overviews are of
// encoding 0x02.
const formatV2 = "2"

// migrateHook, when set (by tests only), runs inside the migration's
// transaction after every row is rewritten and before the commit.
var migrateHook func()

// migrateFormat3 turns a vault of format 2 into format 3 at unlock, in one
// transaction (all or nothing, also when the process dies half way): the
// overview of every case in stale (for a format 2 vault, every case: their
// overviews are of encoding 0x02, which load has computed anew) is sealed
// again in encoding 0x03, and meta.format becomes "3". The cases' JSON
// needs no change: a case of format 2 is a valid case of format 3 without
// requests or follow-ups. Format 3 marks that the vault may hold them, so
// that an older Kintrace, whose strict reading would refuse such a case,
// refuses the vault as a newer format instead. The save counter does not
// move: the migration changes what is stored, not what the vault holds.
func (v *Vault) migrateFormat3(ctx context.Context, k *keyring, stale []string) error {
	err := v.withRollbackJournal(func() error {
		tx, err := v.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if err := v.resealOverviews(ctx, tx, k, stale); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'format'`, []byte(FormatVersion)); err != nil {
			return err
		}
		if migrateHook != nil {
			migrateHook()
		}
		return tx.Commit()
	})
	if err != nil {
		return err
	}
	v.format = FormatVersion
	return v.checkpoint()
}
