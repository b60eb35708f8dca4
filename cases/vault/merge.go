package vault

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"time"

	"kintrace/cases"
)

// Errors of merging.
var (
	// ErrSameCase reports a case merged with, or paired with, itself.
	ErrSameCase = errors.New("cases: a case cannot be merged with itself")
	// ErrAlreadyMerged reports a case that is already merged into another.
	ErrAlreadyMerged = errors.New("cases: the case is already merged into another")
	// ErrNoMerge reports that there is no merge to undo.
	ErrNoMerge = errors.New("cases: no merge to undo")
	// ErrChangedSinceMerge reports a merge that cannot be undone exactly
	// because one of its cases was saved again after it; it is an
	// ErrConflict.
	ErrChangedSinceMerge = fmt.Errorf("cases: a merged case was changed after the merge: %w", ErrConflict)
)

// kindMerge is the record kind of the merges done in a vault, kept so that
// a merge can be undone.
const kindMerge = "merge"

// MergeRecord records one merge: which versions it replaced and which it
// wrote. It is sealed in the vault (record kind "merge").
type MergeRecord struct {
	From, Into             string // case ids: From was merged into Into
	FromBefore, IntoBefore int64  // the versions before the merge
	FromAfter, IntoAfter   int64  // the versions the merge wrote
	At                     time.Time
	By                     string
	// UndoneAt is set when the merge was undone.
	UndoneAt time.Time `json:",omitzero"`
}

// Merge merges the case from into the case into (ids or numbers) in one
// transaction: into's new version holds the union of both (MergeCases);
// from's new version is unchanged but for MergedInto, so it leaves the
// default list but keeps all its versions. Nothing is deleted, and
// UndoMerge restores both. It returns the two new versions.
func (v *Vault) Merge(ctx context.Context, from, into string) (fromCase, intoCase cases.Case, err error) {
	return v.merge(ctx, from, into, nil)
}

// MergeChoosing is Merge with the choices of a side-by-side comparison:
// every single-value field of the merged case (cases.MergeChoose) holds
// from's value when its key is in take and into's value otherwise
// (cases.ApplyMergeChoices); lists are united as Merge does. UndoMerge
// undoes it like any merge.
func (v *Vault) MergeChoosing(ctx context.Context, from, into string, take []string) (fromCase, intoCase cases.Case, err error) {
	if take == nil {
		take = []string{}
	}
	return v.merge(ctx, from, into, take)
}

// merge merges from into into; take, when not nil, holds the fields whose
// value is from's.
func (v *Vault) merge(ctx context.Context, from, into string, take []string) (fromCase, intoCase cases.Case, err error) {
	fromID, intoID := v.resolve(from), v.resolve(into)
	if fromID == intoID {
		return cases.Case{}, cases.Case{}, fmt.Errorf("merge: %w", ErrSameCase)
	}
	var rec MergeRecord
	err = v.withKeys(func(k *keyring) error {
		return v.write(ctx, func(tx *sql.Tx) error {
			f, err := v.currentTx(ctx, tx, k, fromID)
			if err != nil {
				return err
			}
			t, err := v.currentTx(ctx, tx, k, intoID)
			if err != nil {
				return err
			}
			if f.MergedInto != "" || t.MergedInto != "" {
				return ErrAlreadyMerged
			}
			merged := MergeCases(f, t)
			if take != nil {
				merged = cases.ApplyMergeChoices(merged, f, t, take)
			}
			marked := f
			marked.MergedInto = t.ID
			if intoCase, err = v.saveVersionTx(ctx, tx, k, merged); err != nil {
				return err
			}
			if fromCase, err = v.saveVersionTx(ctx, tx, k, marked); err != nil {
				return err
			}
			rec = MergeRecord{From: f.ID, Into: t.ID, FromBefore: f.Version, IntoBefore: t.Version,
				FromAfter: fromCase.Version, IntoAfter: intoCase.Version, At: intoCase.UpdatedAt, By: v.owner}
			return v.putMergeTx(tx, k, rec)
		})
	})
	if err != nil {
		return cases.Case{}, cases.Case{}, fmt.Errorf("merge: %w", err)
	}
	v.indexPut(intoCase.Overview())
	v.indexPut(fromCase.Overview())
	return fromCase, intoCase, nil
}

// UndoMerge undoes the latest merge that involves the case id (either the
// case merged away or the one it was merged into): both get a new version
// whose content equals their version before the merge. Merges into one
// case are undone latest first. It refuses with ErrChangedSinceMerge when
// either case was changed after the merge (other than by undoing a later
// merge), and with ErrNoMerge when there is no merge to undo. It returns
// the restored cases.
func (v *Vault) UndoMerge(ctx context.Context, id string) (fromCase, intoCase cases.Case, err error) {
	id = v.resolve(id)
	rec, ok, err := v.latestMerge(ctx, id)
	if err == nil && !ok {
		err = ErrNoMerge
	}
	if err != nil {
		return cases.Case{}, cases.Case{}, fmt.Errorf("undo merge: %w", err)
	}
	err = v.withKeys(func(k *keyring) error {
		return v.write(ctx, func(tx *sql.Tx) error {
			f, err := v.currentTx(ctx, tx, k, rec.From)
			if err != nil {
				return err
			}
			t, err := v.currentTx(ctx, tx, k, rec.Into)
			if err != nil {
				return err
			}
			for _, c := range []struct {
				cur   cases.Case
				after int64
			}{{f, rec.FromAfter}, {t, rec.IntoAfter}} {
				same, err := v.unchangedSinceTx(ctx, tx, k, c.cur, c.after)
				if err != nil {
					return err
				}
				if !same {
					return ErrChangedSinceMerge
				}
			}
			fb, err := v.versionQ(ctx, tx, k, rowID(k, kindCase, rec.From), rec.FromBefore)
			if err != nil {
				return err
			}
			tb, err := v.versionQ(ctx, tx, k, rowID(k, kindCase, rec.Into), rec.IntoBefore)
			if err != nil {
				return err
			}
			restore := func(old, cur cases.Case) cases.Case {
				old.Version = cur.Version
				return old
			}
			if intoCase, err = v.saveVersionTx(ctx, tx, k, restore(tb.Case, t)); err != nil {
				return err
			}
			if fromCase, err = v.saveVersionTx(ctx, tx, k, restore(fb.Case, f)); err != nil {
				return err
			}
			rec.UndoneAt = intoCase.UpdatedAt
			return v.putMergeTx(tx, k, rec)
		})
	})
	if err != nil {
		return cases.Case{}, cases.Case{}, fmt.Errorf("undo merge: %w", err)
	}
	v.indexPut(intoCase.Overview())
	v.indexPut(fromCase.Overview())
	return fromCase, intoCase, nil
}

// Merges lists the merges done in the vault, latest first.
func (v *Vault) Merges(ctx context.Context) ([]MergeRecord, error) {
	recs, err := v.ListRecords(ctx, kindMerge)
	if err != nil {
		return nil, fmt.Errorf("merges: %w", err)
	}
	out := make([]MergeRecord, 0, len(recs))
	for _, data := range recs {
		var r MergeRecord
		if err := json.Unmarshal(data, &r); err != nil {
			return nil, fmt.Errorf("merges: %w", ErrTampered)
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b MergeRecord) int {
		return cmp.Or(b.At.Compare(a.At), cmp.Compare(b.IntoAfter, a.IntoAfter), cmp.Compare(a.From, b.From))
	})
	return out, nil
}

// latestMerge finds the latest merge involving id that was not undone.
func (v *Vault) latestMerge(ctx context.Context, id string) (MergeRecord, bool, error) {
	all, err := v.Merges(ctx)
	if err != nil {
		return MergeRecord{}, false, err
	}
	for _, r := range all {
		if r.UndoneAt.IsZero() && (r.From == id || r.Into == id) {
			return r, true, nil
		}
	}
	return MergeRecord{}, false, nil
}

func (v *Vault) putMergeTx(tx *sql.Tx, k *keyring, rec MergeRecord) error {
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return v.putRecordTx(tx, k, kindMerge, rec.Into+"/"+strconv.FormatInt(rec.IntoAfter, 10), data)
}

// unchangedSinceTx reports whether cur has the content of its version
// after: it is that version, or a later one that only restored it (the
// undo of a later merge).
func (v *Vault) unchangedSinceTx(ctx context.Context, tx *sql.Tx, k *keyring, cur cases.Case, after int64) (bool, error) {
	if cur.Version == after {
		return true, nil
	}
	rb, err := v.versionQ(ctx, tx, k, rowID(k, kindCase, cur.ID), after)
	if err != nil {
		return false, err
	}
	return reflect.DeepEqual(caseContent(cur), caseContent(rb.Case)), nil
}

// caseContent is c without its bookkeeping (version, save time, author).
func caseContent(c cases.Case) cases.Case {
	c.Version, c.UpdatedAt, c.UpdatedBy = 0, time.Time{}, ""
	return c
}

// currentTx reads the current version of a case inside tx.
func (v *Vault) currentTx(ctx context.Context, tx *sql.Tx, k *keyring, id string) (cases.Case, error) {
	row := rowID(k, kindCase, id)
	prev, err := v.readRow(tx, ctx, k, row)
	if err != nil {
		return cases.Case{}, err
	}
	return v.openCase(k, row, prev)
}
