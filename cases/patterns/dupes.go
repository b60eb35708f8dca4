package patterns

import (
	"cmp"
	"container/heap"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"kintrace/cases"
	"kintrace/cases/search"
)

// ReasonKind is why two cases may be about the same person.
type ReasonKind string

// The reasons of a duplicate suggestion. BirthYearDiffers counts against.
const (
	ReasonSameName         ReasonKind = "same_name"          // first name and surname alike in any script
	ReasonShortForm        ReasonKind = "short_form"         // a first name is a short or other form (Саша = Oleksandr)
	ReasonSimilarSurname   ReasonKind = "similar_surname"    // surnames one letter apart
	ReasonInitial          ReasonKind = "initial"            // same surname, an initial that fits
	ReasonSamePatronymic   ReasonKind = "same_patronymic"    //
	ReasonPatronymicDiffer ReasonKind = "patronymic_differs" // counts against
	ReasonSameBirthYear    ReasonKind = "same_birth_year"    //
	ReasonNearBirthYear    ReasonKind = "near_birth_year"    // one year apart
	ReasonBirthYearDiffers ReasonKind = "birth_year_differs" // two or more years apart: counts against
	ReasonSameFacility     ReasonKind = "same_facility"      //
	ReasonSameUnit         ReasonKind = "same_unit"          //
	ReasonSharedPhone      ReasonKind = "shared_phone"       // the person's own number
	ReasonSharedHandle     ReasonKind = "shared_handle"      // the person's own handle
)

// Reason is one piece of evidence of a Duplicate and its weight.
type Reason struct {
	Kind ReasonKind
	// Detail is what matched, for display ("Серёжа = Sergei", "1987",
	// "IK-17"); it is case plaintext and must never go into a log or error.
	Detail string
	Points int
}

// Duplicate is a pair of cases that are probably about the same person.
type Duplicate struct {
	A, B    CaseRef
	Score   int // 0–100
	Reasons []Reason
}

// PairKey names a pair of cases whatever their order.
func PairKey(a, b string) string {
	if a > b {
		a, b = b, a
	}
	return a + "+" + b
}

// DupeOptions tune FindDuplicates.
type DupeOptions struct {
	// MinScore is the lowest score suggested; 0 means DefaultMinScore.
	MinScore int
	// Limit caps the suggestions, best first; 0 means DefaultDupeLimit.
	Limit int
	// NotSame holds the PairKeys of pairs a person said are not the same
	// person; they are never suggested.
	NotSame map[string]bool
	// Progress, when set, is called now and then with the work done and
	// the work to do (from the calling goroutine).
	Progress func(done, total int)
	// Involving, when set, limits FindDuplicates to the pairs in which it
	// holds for the id of at least one of the two cases (a spreadsheet's
	// rows against a vault and each other, not the vault's own pairs).
	Involving func(id string) bool
}

// Defaults of DupeOptions.
const (
	DefaultMinScore  = 60
	DefaultDupeLimit = 1000
)

// Points of each reason. A matching name alone (50) is not enough: it takes
// a birth year, a facility, a unit or a number as well.
const (
	pointsSameName        = 50
	pointsSimilarSurname  = 35
	pointsInitial         = 30
	pointsSamePatronymic  = 10
	pointsPatronymicDiff  = -20
	pointsSameBirthYear   = 25
	pointsNearBirthYear   = 10
	pointsBirthYearDiffer = -40
	pointsFacility        = 15
	pointsUnit            = 15
	pointsPhone           = 35
	pointsHandle          = 30
	// largestNumberBlock: a number held by more people than this is an
	// office's or a recruiter's, not a sign that two cases are one person.
	largestNumberBlock = 8
)

// dupePerson is what duplicate scoring compares of one case.
type dupePerson struct {
	ref      CaseRef
	name     nameParts
	year     int
	facility Identifier // Kind "" when none
	unit     string
	phones   []string
	handles  []string
	blocks   []string // sorted block keys
	blockIDs []int32  // the blocks' ranks among all keys, sorted
}

func newDupePerson(o *cases.Overview) *dupePerson {
	p := &dupePerson{ref: CaseRef{ID: o.ID, Number: o.Number, Name: o.Name}, year: o.BirthYear}
	p.name.addName(o.Name)
	for _, a := range o.Aliases {
		p.name.addName(a)
	}
	var x extractor
	for _, ph := range o.Phones {
		x.phone(ph)
	}
	for _, h := range o.Handles {
		x.handleValue(h)
	}
	if o.Facility != "" {
		x.facilities(o.Facility, o.Region, true)
	}
	if o.Unit != "" {
		x.units(o.Unit, true)
	}
	for _, id := range x.out {
		switch id.Kind {
		case IdentPhone:
			p.phones = append(p.phones, id.Key)
		case IdentHandle:
			p.handles = append(p.handles, id.Key)
		case IdentFacility:
			if p.facility.Kind == "" {
				p.facility = id
			}
		case IdentUnit:
			p.unit = id.Key
		}
	}
	// Blocks: surname start + first-name initial, and each own number.
	for _, s := range p.name.surnames {
		stem := s[:min(4, len(s))]
		if len(p.name.given) == 0 {
			p.blocks = append(p.blocks, "n|"+stem+"|")
		}
		for _, g := range p.name.given {
			p.blocks = append(p.blocks, "n|"+stem+"|"+g.canon[:1])
		}
	}
	for _, ph := range p.phones {
		p.blocks = append(p.blocks, "p|"+ph)
	}
	for _, h := range p.handles {
		p.blocks = append(p.blocks, "h|"+h)
	}
	slices.Sort(p.blocks)
	p.blocks = slices.Compact(p.blocks)
	return p
}

// FindDuplicates suggests pairs of the given cases that are probably about
// the same person, best first, with the reasons. Cases are compared only
// within blocks (same surname start and first-name initial, or the same own
// phone number or handle), so the work grows with the size of the blocks,
// not with the square of the number of cases. Cases merged into another
// are skipped. It stops with ctx's error when ctx is done.
func FindDuplicates(ctx context.Context, os []cases.Overview, opt DupeOptions) ([]Duplicate, error) {
	minScore := cmp.Or(opt.MinScore, DefaultMinScore)
	limit := cmp.Or(opt.Limit, DefaultDupeLimit)
	people := make([]*dupePerson, len(os))
	parallelChunks(len(os), func(from, to int) {
		for i := from; i < to; i++ {
			if os[i].MergedInto == "" {
				people[i] = newDupePerson(&os[i])
			}
		}
	})
	blocks := map[string][]*dupePerson{}
	for _, p := range people {
		if p == nil {
			continue
		}
		for _, b := range p.blocks {
			blocks[b] = append(blocks[b], p)
		}
	}
	keys := make([]string, 0, len(blocks))
	total := 0
	for k, ps := range blocks {
		if len(ps) < 2 || k[0] != 'n' && len(ps) > largestNumberBlock {
			continue
		}
		keys = append(keys, k)
		total += len(ps) * (len(ps) - 1) / 2
	}
	slices.Sort(keys)
	// Number the blocks in key order, so that each pair is scored once:
	// in the first block both are in.
	rank := make(map[string]int32, len(keys))
	for i, k := range keys {
		rank[k] = int32(i)
	}
	for _, p := range people {
		if p == nil {
			continue
		}
		for _, b := range p.blocks {
			if r, ok := rank[b]; ok {
				p.blockIDs = append(p.blockIDs, r)
			}
		}
		slices.Sort(p.blockIDs)
	}

	// Blocks are shared out to one worker per CPU; each keeps its own best
	// suggestions and the calling goroutine reports progress.
	workers := max(1, min(runtime.GOMAXPROCS(0), len(keys)))
	var (
		next, done atomic.Int64
		wg         sync.WaitGroup
		heaps      = make([]dupeHeap, workers)
	)
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var reasons [16]Reason
			best := &heaps[w]
			for {
				i := int(next.Add(1) - 1)
				if i >= len(keys) || wctx.Err() != nil {
					return
				}
				ps := blocks[keys[i]]
				if opt.Involving != nil && !slices.ContainsFunc(ps, func(p *dupePerson) bool { return opt.Involving(p.ref.ID) }) {
					done.Add(int64(len(ps) * (len(ps) - 1) / 2))
					continue
				}
				for x, a := range ps {
					for _, b := range ps[x+1:] {
						if opt.Involving != nil && !opt.Involving(a.ref.ID) && !opt.Involving(b.ref.ID) {
							continue
						}
						if firstSharedBlock(a.blockIDs, b.blockIDs) != int32(i) {
							continue // scored in an earlier block
						}
						score := sumPoints(scorePair(a, b, reasons[:0], false))
						if score < minScore || best.Len() == limit && score <= (*best)[0].Score {
							continue
						}
						if opt.NotSame[PairKey(a.ref.ID, b.ref.ID)] {
							continue
						}
						d := Duplicate{A: a.ref, B: b.ref, Score: score, Reasons: slices.Clone(scorePair(a, b, reasons[:0], true))}
						if search.NaturalKey(d.B.Number) < search.NaturalKey(d.A.Number) {
							d.A, d.B = d.B, d.A
						}
						heap.Push(best, d)
						if best.Len() > limit {
							heap.Pop(best)
						}
					}
				}
				done.Add(int64(len(ps) * (len(ps) - 1) / 2))
			}
		}()
	}
	waitReporting(&wg, &done, total, opt.Progress)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opt.Progress != nil {
		opt.Progress(total, total)
	}
	var best dupeHeap
	for _, h := range heaps {
		best = append(best, h...)
	}
	slices.SortFunc(best, func(a, b Duplicate) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(search.NaturalKey(a.A.Number), search.NaturalKey(b.A.Number)),
			cmp.Compare(search.NaturalKey(a.B.Number), search.NaturalKey(b.B.Number)))
	})
	if len(best) > limit {
		best = best[:limit]
	}
	return best, nil
}

func sumPoints(rs []Reason) int {
	score := 0
	for _, r := range rs {
		score += r.Points
	}
	return min(score, 100)
}

// firstSharedBlock is the smallest block rank in both sorted lists, or -1.
func firstSharedBlock(a, b []int32) int32 {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			return a[i]
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return -1
}

// scorePair appends the reasons a and b may be one person to rs; with
// details, it also says what matched (which costs allocations, so it is
// done only for the pairs kept).
func scorePair(a, b *dupePerson, rs []Reason, details bool) []Reason {
	rs = nameReasons(a, b, rs, details)
	named := len(rs) > 0
	for _, ph := range a.phones {
		if containsString(b.phones, ph) {
			rs = append(rs, Reason{ReasonSharedPhone, detail(details, "+", ph), pointsPhone})
			break
		}
	}
	for _, h := range a.handles {
		if containsString(b.handles, h) {
			rs = append(rs, Reason{ReasonSharedHandle, detail(details, "@", h), pointsHandle})
			break
		}
	}
	if !named && len(rs) == 0 {
		return rs
	}
	if a.year > 0 && b.year > 0 {
		years := ""
		if details {
			years = fmt.Sprintf("%d, %d", a.year, b.year)
		}
		switch d := a.year - b.year; {
		case d == 0:
			rs = append(rs, Reason{ReasonSameBirthYear, detail(details, "", fmt.Sprint(a.year)), pointsSameBirthYear})
		case d == 1 || d == -1:
			rs = append(rs, Reason{ReasonNearBirthYear, years, pointsNearBirthYear})
		default:
			rs = append(rs, Reason{ReasonBirthYearDiffers, years, pointsBirthYearDiffer})
		}
	}
	if a.facility.Kind != "" && a.facility.Key == b.facility.Key && b.facility.Kind != "" &&
		regionsMatch(a.facility.Region, b.facility.Region) {
		rs = append(rs, Reason{ReasonSameFacility, detail(details, "", a.facility.Label()), pointsFacility})
	}
	if a.unit != "" && a.unit == b.unit {
		rs = append(rs, Reason{ReasonSameUnit, a.unit, pointsUnit})
	}
	return rs
}

// detail is prefix+s when details are wanted.
func detail(details bool, prefix, s string) string {
	if !details {
		return ""
	}
	return prefix + s
}

// nameReasons compares the names: the best of every surname and first
// name pairing, so word order and aliases do not matter.
func nameReasons(a, b *dupePerson, rs []Reason, details bool) []Reason {
	bestPoints, bestKind, bestDetail := 0, ReasonKind(""), ""
	for _, sa := range a.name.surnames {
		for _, sb := range b.name.surnames {
			exact := sa == sb
			if !exact && !nearlyEqual(sa, sb) {
				continue
			}
			for _, ga := range a.name.given {
				if ga.form == sa {
					continue
				}
				for _, gb := range b.name.given {
					if gb.form == sb {
						continue
					}
					points, kind, detail := 0, ReasonKind(""), ""
					switch {
					case ga.canon == gb.canon && len(ga.canon) > 1:
						points, kind = pointsSameName, ReasonSameName
						if ga.form != gb.form {
							kind = ReasonShortForm
							if details {
								detail = ga.written + " = " + gb.written
							}
						}
						if !exact {
							points, kind = pointsSimilarSurname, ReasonSimilarSurname
							if details {
								detail = sa + " ~ " + sb
							}
						}
					case exact && (len(ga.form) == 1 || len(gb.form) == 1) && ga.canon[0] == gb.canon[0]:
						points, kind = pointsInitial, ReasonInitial
						if details {
							detail = ga.written + " ~ " + gb.written
						}
					}
					if points > bestPoints {
						bestPoints, bestKind, bestDetail = points, kind, detail
					}
				}
			}
		}
	}
	if bestPoints == 0 {
		return rs
	}
	rs = append(rs, Reason{bestKind, bestDetail, bestPoints})
	if pa, pb := a.name.patronymic, b.name.patronymic; pa != "" && pb != "" {
		if pa == pb || nearlyEqual(pa, pb) {
			rs = append(rs, Reason{ReasonSamePatronymic, pa, pointsSamePatronymic})
		} else {
			rs = append(rs, Reason{ReasonPatronymicDiffer, detail(details, pa+", ", pb), pointsPatronymicDiff})
		}
	}
	return rs
}

// dupeHeap is a min-heap of suggestions by score, to keep the best Limit.
type dupeHeap []Duplicate

func (h dupeHeap) Len() int           { return len(h) }
func (h dupeHeap) Less(i, j int) bool { return h[i].Score < h[j].Score }
func (h dupeHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *dupeHeap) Push(x any)        { *h = append(*h, x.(Duplicate)) }
func (h *dupeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// waitReporting waits for wg, telling progress (when set) every 100 ms how
// much of total the workers have done.
func waitReporting(wg *sync.WaitGroup, done *atomic.Int64, total int, progress func(done, total int)) {
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-finished:
			return
		case <-tick.C:
			if progress != nil {
				progress(int(done.Load()), total)
			}
		}
	}
}
