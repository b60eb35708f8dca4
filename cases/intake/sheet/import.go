package sheet

import (
	"context"

	"kintrace/cases"
	"kintrace/cases/patterns"
)

// Vault is what Import and LikelyDuplicates need of the vault
// (*vault.Vault has both methods).
type Vault interface {
	// AddAll stores new cases all-or-nothing.
	AddAll(ctx context.Context, cs []cases.Case) ([]cases.Case, error)
	// DuplicatesOf lists the stored cases that are probably the same
	// person as c.
	DuplicatesOf(ctx context.Context, c cases.Case, opt patterns.DupeOptions) ([]patterns.Duplicate, error)
}

// Stage is how far Import has come, for a progress bar.
type Stage int

// The stages Import reports.
const (
	StageStoring Stage = iota // the cases are being sealed and written, in one transaction
	StageDone                 // all of them are stored
)

// Import stores cs (from Result.Cases) in v in one transaction: all of them
// or, on any error, none. progress (if not nil) hears StageStoring before
// and StageDone after; the vault's AddAll has no finer progress, and for a
// sheet it takes about a second per 10 000 cases (docs/PERFORMANCE.md).
// It returns the stored cases with their ids and numbers.
func Import(ctx context.Context, v Vault, cs []cases.Case, progress func(Stage)) ([]cases.Case, error) {
	if progress != nil {
		progress(StageStoring)
	}
	added, err := v.AddAll(ctx, cs)
	if err != nil {
		return nil, err
	}
	if progress != nil {
		progress(StageDone)
	}
	return added, nil
}

// Duplicate is a row whose case looks like one already in the vault.
type Duplicate struct {
	Index int // in the cs given to LikelyDuplicates
	Of    []patterns.Duplicate
}

// LikelyDuplicates scores each of cs against the vault's cases (as the
// editor warns on save: patterns.DuplicatesOf) and lists those that are
// probably already there: importing a sheet a second time, or a sheet
// whose people the vault already has, shows them before anything is
// stored. Import does not skip them: the user decides (and can merge
// later). progress (if not nil) hears how many cases were checked. Cases
// within the sheet are not compared with each other.
func LikelyDuplicates(ctx context.Context, v Vault, cs []cases.Case, progress func(done int)) ([]Duplicate, error) {
	var out []Duplicate
	for i, c := range cs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ds, err := v.DuplicatesOf(ctx, c, patterns.DupeOptions{Limit: 3})
		if err != nil {
			return nil, err
		}
		if len(ds) > 0 {
			out = append(out, Duplicate{Index: i, Of: ds})
		}
		if progress != nil && (i+1)%100 == 0 {
			progress(i + 1)
		}
	}
	if progress != nil {
		progress(len(cs))
	}
	return out, nil
}
