package search

import (
	"cmp"
	"slices"
	"strings"

	"kintrace/cases"
)

// The orders of search results: each Sort's comparison of index slots,
// and the sorted slots cached per order until the index changes.

// order returns every live slot sorted for s, cached until the next change.
// Caller holds ix.mu for reading, so the entries cannot change meanwhile.
func (ix *Index) order(s Sort) []int32 {
	if s < 0 || s >= sortModes {
		s = SortSilentLongest
	}
	ix.orderMu.Lock()
	c := ix.orders[s]
	ix.orderMu.Unlock()
	if c.valid && c.gen == ix.gen {
		return c.slots
	}
	slots := make([]int32, 0, ix.live)
	for i := range ix.entries {
		if ix.entries[i].live {
			slots = append(slots, int32(i))
		}
	}
	if s == SortName {
		keys := make([]string, len(ix.entries))
		for _, sl := range slots {
			keys[sl] = Fold(ix.entries[sl].o.Name)
		}
		tie := ix.compare(SortNumber)
		slices.SortFunc(slots, func(a, b int32) int {
			if c := strings.Compare(keys[a], keys[b]); c != 0 {
				return c
			}
			return tie(a, b)
		})
	} else {
		slices.SortFunc(slots, ix.compare(s))
	}
	ix.orderMu.Lock()
	ix.orders[s] = cachedOrder{gen: ix.gen, valid: true, slots: slots}
	ix.orderMu.Unlock()
	return slots
}

// compare returns the comparison of slots for sort order s; ties fall back
// to the case number, then the id, so results are deterministic.
func (ix *Index) compare(s Sort) func(a, b int32) int {
	tie := func(x, y *entry) int {
		if c := strings.Compare(x.number, y.number); c != 0 {
			return c
		}
		return strings.Compare(x.o.ID, y.o.ID)
	}
	switch s {
	case SortUpdated:
		return func(a, b int32) int {
			x, y := &ix.entries[a], &ix.entries[b]
			if c := cmp.Compare(y.updated, x.updated); c != 0 {
				return c
			}
			return tie(x, y)
		}
	case SortNumber:
		return func(a, b int32) int { return tie(&ix.entries[a], &ix.entries[b]) }
	case SortStatus:
		return func(a, b int32) int {
			x, y := &ix.entries[a], &ix.entries[b]
			if c := cmp.Compare(statusRank(x.o.Status), statusRank(y.o.Status)); c != 0 {
				return c
			}
			return tie(x, y)
		}
	case SortFacility:
		return func(a, b int32) int {
			x, y := &ix.entries[a], &ix.entries[b]
			if (x.facility == "") != (y.facility == "") {
				if x.facility == "" {
					return 1
				}
				return -1
			}
			if c := strings.Compare(x.facility, y.facility); c != 0 {
				return c
			}
			return tie(x, y)
		}
	}
	return func(a, b int32) int {
		x, y := &ix.entries[a], &ix.entries[b]
		if c := cmp.Compare(x.silent, y.silent); c != 0 {
			return c
		}
		return tie(x, y)
	}
}

// statusRank is a status's place in cases.AllStatuses; an unknown or empty
// status sorts last.
func statusRank(st cases.Status) int {
	if i := slices.Index(cases.AllStatuses, st); i >= 0 {
		return i
	}
	return len(cases.AllStatuses)
}
