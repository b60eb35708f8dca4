package patterns

import (
	"cmp"
	"context"
	"slices"

	"kintrace/cases"
	"kintrace/cases/search"
)

// DuplicatesOf scores one case, c (saved or not), against the cases os,
// as FindDuplicates scores pairs, and returns the cases that are probably
// the same person, best first, at most opt.Limit; in each pair A is c.
// Cases with c's id (its saved version) and cases merged into another are
// skipped, and so are the pairs in opt.NotSame. Like FindDuplicates, it
// compares c only with the cases that share a block with it: a name's
// block, or an own number or handle that no more than a few people hold.
// It stops with ctx's error when ctx is done.
func DuplicatesOf(ctx context.Context, c cases.Overview, os []cases.Overview, opt DupeOptions) ([]Duplicate, error) {
	minScore := cmp.Or(opt.MinScore, DefaultMinScore)
	limit := cmp.Or(opt.Limit, DefaultDupeLimit)
	me := newDupePerson(&c)
	if len(me.blocks) == 0 {
		return nil, nil
	}
	// shared[i] lists the blocks os[i] shares with c.
	shared := make([][]string, len(os))
	people := make([]*dupePerson, len(os))
	parallelChunks(len(os), func(from, to int) {
		for i := from; i < to && ctx.Err() == nil; i++ {
			o := &os[i]
			if o.MergedInto != "" || o.ID == c.ID && c.ID != "" {
				continue
			}
			p := newDupePerson(o)
			for _, b := range p.blocks {
				if _, ok := slices.BinarySearch(me.blocks, b); ok {
					shared[i] = append(shared[i], b)
				}
			}
			if shared[i] != nil {
				people[i] = p
			}
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	holders := map[string]int{}
	for _, bs := range shared {
		for _, b := range bs {
			holders[b]++
		}
	}
	var (
		out     []Duplicate
		reasons [16]Reason
	)
	for i, p := range people {
		if p == nil || opt.NotSame[PairKey(c.ID, p.ref.ID)] {
			continue
		}
		// A number held by more people than largestNumberBlock is an
		// office's or a recruiter's: it does not bring c and p together.
		if !slices.ContainsFunc(shared[i], func(b string) bool { return b[0] == 'n' || holders[b]+1 <= largestNumberBlock }) {
			continue
		}
		rs := scorePair(me, p, reasons[:0], true)
		if score := sumPoints(rs); score >= minScore {
			out = append(out, Duplicate{A: me.ref, B: p.ref, Score: score, Reasons: slices.Clone(rs)})
		}
	}
	slices.SortFunc(out, func(a, b Duplicate) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(search.NaturalKey(a.B.Number), search.NaturalKey(b.B.Number)))
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
