package sheet

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/search"
)

// Vault is what Import and LikelyDuplicates need of the vault
// (*vault.Vault has both methods).
type Vault interface {
	// AddAllProgress stores new cases all-or-nothing, reporting progress.
	AddAllProgress(ctx context.Context, cs []cases.Case, progress func(done, total int)) ([]cases.Case, error)
	// Search lists the overviews of the stored cases; search.Query{} all.
	Search(q search.Query) []cases.Overview
}

// Import stores cs (from Result.Cases) in v in one transaction: all of them
// or, on any error, none. progress (if not nil) hears how many are sealed
// and written, every 64 cases and at the end (vault.AddAllProgress: on the
// caller's goroutine, so a GUI wraps it in fyne.Do). It returns the stored
// cases with their ids and numbers.
func Import(ctx context.Context, v Vault, cs []cases.Case, progress func(done, total int)) ([]cases.Case, error) {
	return v.AddAllProgress(ctx, cs, progress)
}

// Duplicate is a row whose case looks like one already in the vault.
type Duplicate struct {
	Index int // in the cs given to LikelyDuplicates
	// Of are the stored cases it looks like, best first; in each, A is
	// the row's case (its ID is "" ) and B the stored one.
	Of []patterns.Duplicate
}

// Duplicates are the likely duplicates of a sheet's cases.
type Duplicates struct {
	// InVault are the rows that look like cases already in the vault, in
	// row order.
	InVault []Duplicate
	// InSheet are pairs of rows of the sheet that look like the same
	// person (indexes into cs, A < B), best first.
	InSheet []SheetPair
}

// SheetPair is two rows of one sheet that look like the same person.
type SheetPair struct {
	A, B  int // indexes into the cs given to LikelyDuplicates
	Score int
}

// LikelyDuplicates scores the sheet's cases against the vault's and against
// each other, as Patterns finds duplicates (patterns.FindDuplicates: names
// in any script, birth years, facilities, units, own numbers), in one
// pass over the vault's cases and the sheet's together. Importing a sheet a
// second time, or a sheet whose people the vault already has, shows them
// before anything is stored. Import does not skip them: the caller decides
// (the CLI asks for --skip-duplicates or --allow-duplicates). progress (if
// not nil) hears the work done and the work to do.
func LikelyDuplicates(ctx context.Context, v Vault, cs []cases.Case, progress func(done, total int)) (*Duplicates, error) {
	stored := v.Search(search.Query{})
	os := make([]cases.Overview, 0, len(stored)+len(cs))
	os = append(os, stored...)
	for i := range cs {
		o := cs[i].Overview()
		o.ID = rowRef(i)
		os = append(os, o)
	}
	ds, err := patterns.FindDuplicates(ctx, os, patterns.DupeOptions{
		Limit: math.MaxInt32, Progress: progress,
		Involving: func(id string) bool { return strings.HasPrefix(id, "row:") },
	})
	if err != nil {
		return nil, err
	}
	out := &Duplicates{}
	inVault := map[int]int{} // row index → its place in out.InVault
	for _, d := range ds {
		a, aRow := rowIndex(d.A.ID)
		b, bRow := rowIndex(d.B.ID)
		switch {
		case aRow && bRow:
			out.InSheet = append(out.InSheet, SheetPair{A: min(a, b), B: max(a, b), Score: d.Score})
		case aRow || bRow:
			if bRow {
				d.A, d.B, a = d.B, d.A, b
			}
			d.A.ID = ""
			k, ok := inVault[a]
			if !ok {
				k = len(out.InVault)
				inVault[a] = k
				out.InVault = append(out.InVault, Duplicate{Index: a})
			}
			out.InVault[k].Of = append(out.InVault[k].Of, d)
		}
	}
	slices.SortFunc(out.InVault, func(x, y Duplicate) int { return x.Index - y.Index })
	return out, nil
}

// rowRef is the id a row's case takes while duplicates are looked for; no
// stored case has one like it (ids are letters, digits, '-' and '_').
func rowRef(i int) string { return "row:" + strconv.Itoa(i) }

func rowIndex(id string) (int, bool) {
	s, ok := strings.CutPrefix(id, "row:")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(s)
	return i, err == nil
}
