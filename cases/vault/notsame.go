package vault

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/search"
)

// kindNotSame is the record kind of "not the same person" decisions.
const kindNotSame = "not-same-person"

// notSameRecord is the sealed record of one decision.
type notSameRecord struct {
	A, B string    `json:",omitempty"`
	At   time.Time `json:",omitzero"`
	By   string    `json:",omitempty"`
}

// MarkNotSame remembers that the cases a and b are not about the same
// person, so Duplicates never suggests the pair again. The decision is a
// sealed record of the vault.
func (v *Vault) MarkNotSame(ctx context.Context, a, b string) error {
	a, b = v.resolve(a), v.resolve(b)
	if a == b {
		return fmt.Errorf("not the same person: %w", ErrSameCase)
	}
	data, err := json.Marshal(notSameRecord{A: a, B: b, At: time.Now().UTC().Truncate(time.Second), By: v.Owner()})
	if err != nil {
		return err
	}
	if err := v.PutRecord(ctx, kindNotSame, patterns.PairKey(a, b), data); err != nil {
		return fmt.Errorf("not the same person: %w", err)
	}
	return nil
}

// UnmarkNotSame forgets a "not the same person" decision.
func (v *Vault) UnmarkNotSame(ctx context.Context, a, b string) error {
	if err := v.DeleteRecord(ctx, kindNotSame, patterns.PairKey(v.resolve(a), v.resolve(b))); err != nil {
		return fmt.Errorf("not the same person: %w", err)
	}
	return nil
}

// NotSame returns the PairKeys of the pairs marked "not the same person".
func (v *Vault) NotSame(ctx context.Context) (map[string]bool, error) {
	recs, err := v.ListRecords(ctx, kindNotSame)
	if err != nil {
		return nil, fmt.Errorf("not the same person: %w", err)
	}
	out := make(map[string]bool, len(recs))
	for id := range recs {
		out[id] = true
	}
	return out, nil
}

// Duplicates suggests pairs of the vault's cases that are probably about
// the same person (see FindDuplicates), leaving out the pairs marked "not
// the same person". It runs on the caller's goroutine: the GUI calls it
// from its own.
func (v *Vault) Duplicates(ctx context.Context, opt patterns.DupeOptions) ([]patterns.Duplicate, error) {
	notSame, err := v.NotSame(ctx)
	if err != nil {
		return nil, err
	}
	for k := range opt.NotSame {
		notSame[k] = true
	}
	opt.NotSame = notSame
	if v.Locked() {
		return nil, fmt.Errorf("duplicates: %w", ErrLocked)
	}
	return patterns.FindDuplicates(ctx, v.index.Search(search.Query{}), opt)
}

// DuplicatesOf lists the vault's cases that are probably about the same
// person as c, a case about to be saved (new, or an edit of a saved one),
// best first (see patterns.DuplicatesOf); pairs marked "not the same
// person" are left out. It runs on the caller's goroutine.
func (v *Vault) DuplicatesOf(ctx context.Context, c cases.Case, opt patterns.DupeOptions) ([]patterns.Duplicate, error) {
	notSame, err := v.NotSame(ctx)
	if err != nil {
		return nil, err
	}
	for k := range opt.NotSame {
		notSame[k] = true
	}
	opt.NotSame = notSame
	if v.Locked() {
		return nil, fmt.Errorf("duplicates: %w", ErrLocked)
	}
	return patterns.DuplicatesOf(ctx, c.Overview(), v.index.Search(search.Query{}), opt)
}
