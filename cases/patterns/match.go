package patterns

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"kintrace/cases"
	"kintrace/cases/search"
)

// ListMatch is a line of a list that is probably the person of a case.
type ListMatch struct {
	Line    int // index of the entry given to Match
	Case    CaseRef
	Score   int // 0–100
	Reasons []Reason
}

// MatchOptions tune Match.
type MatchOptions struct {
	// MinScore is the lowest score proposed; 0 means DefaultMatchScore.
	MinScore int
	// PerLine caps the cases proposed for one line, best first; 0 means
	// DefaultPerLine.
	PerLine int
	// Margin: a line's candidates scoring more than Margin below its best
	// are left out (a namesake a year off beside one of the same year); 0
	// means DefaultMargin, a negative value keeps them all.
	Margin int
	// Progress, when set, is called now and then with the lines done and
	// the lines to do (from the calling goroutine).
	Progress func(done, total int)
}

// Defaults of MatchOptions.
const (
	DefaultMatchScore = 60
	DefaultPerLine    = 3
	DefaultMargin     = 10
)

// matchIndex finds the cases a line may be: by surname frame (skeleton)
// and first-name initial, with the frames one letter apart.
type matchIndex struct {
	people []*matchPerson
	// byKey maps frame+"|"+initial to the cases; byFrame maps a frame to
	// its cases (for lines without a first name or initial).
	byKey   map[string][]int32
	byFrame map[string][]int32
	// near maps each frame and each frame with one letter deleted to the
	// frames.
	near map[string][]string
}

func buildMatchIndex(ctx context.Context, os []cases.Overview) *matchIndex {
	ix := &matchIndex{people: make([]*matchPerson, len(os)), byKey: map[string][]int32{},
		byFrame: map[string][]int32{}, near: map[string][]string{}}
	parallelChunks(len(os), func(from, to int) {
		for i := from; i < to && ctx.Err() == nil; i++ {
			if os[i].MergedInto == "" {
				ix.people[i] = newMatchCase(&os[i])
			}
		}
	})
	var keys []string
	for i, p := range ix.people {
		if p == nil {
			continue
		}
		keys = keys[:0]
		for _, s := range p.name.surnames {
			f := skeleton(s)
			if _, ok := ix.byFrame[f]; !ok {
				ix.addFrame(f)
			}
			if n := len(ix.byFrame[f]); n == 0 || ix.byFrame[f][n-1] != int32(i) {
				ix.byFrame[f] = append(ix.byFrame[f], int32(i))
			}
			for _, g := range p.name.given {
				if g.form == s {
					continue
				}
				keys = append(keys, f+"|"+g.canon[:1], f+"|"+g.form[:1])
				if w := writtenInitial(g); w != "" {
					keys = append(keys, f+"|"+w)
				}
			}
		}
		slices.Sort(keys)
		for _, k := range slices.Compact(keys) {
			ix.byKey[k] = append(ix.byKey[k], int32(i))
		}
	}
	return ix
}

func (ix *matchIndex) addFrame(f string) {
	ix.byFrame[f] = nil
	ix.near[f] = append(ix.near[f], f)
	if len(f) <= 3 {
		return
	}
	for i := range len(f) {
		d := f[:i] + f[i+1:]
		if !slices.Contains(ix.near[d], f) {
			ix.near[d] = append(ix.near[d], f)
		}
	}
}

// frames lists the known frames near frame f: the same, or one letter
// inserted, deleted or replaced.
func (ix *matchIndex) frames(f string, out []string) []string {
	add := func(fs []string) {
		for _, g := range fs {
			if !slices.Contains(out, g) {
				out = append(out, g)
			}
		}
	}
	add(ix.near[f])
	if len(f) > 3 {
		for i := range len(f) {
			add(ix.near[f[:i]+f[i+1:]])
		}
	}
	return out
}

// candidates calls fn with each case l may be, once per case; mark is a
// slice as long as the cases, stamp a value not yet in it.
func (ix *matchIndex) candidates(l *matchPerson, mark []int32, stamp int32, fn func(i int32)) {
	var frames []string
	for _, s := range l.name.surnames {
		frames = ix.frames(skeleton(s), frames)
	}
	visit := func(list []int32) {
		for _, i := range list {
			if mark[i] != stamp {
				mark[i] = stamp
				fn(i)
			}
		}
	}
	var letters []string
	for _, g := range l.name.given {
		letters = append(letters, g.canon[:1], g.form[:1])
	}
	for _, in := range l.initials {
		letters = append(letters, in[:1])
	}
	slices.Sort(letters)
	letters = slices.Compact(letters)
	for _, f := range frames {
		if len(letters) == 0 {
			visit(ix.byFrame[f])
			continue
		}
		for _, c := range letters {
			visit(ix.byKey[f+"|"+c])
		}
	}
}

// Match compares every entry of a published list with every case os and
// proposes the cases each line probably is, with the reasons: names in any
// script, order and spelling (short forms, initials, a letter off),
// birth years a year apart at most, facility and region. Each line is
// compared only with the cases whose surname has the same consonant frame
// or one a letter apart, and whose first name starts with the line's
// first name or initial; so the work grows with the list and those
// blocks, not with the list times the cases. Cases merged into another
// are skipped. The result is best first, at most opt.PerLine per line. It
// stops with ctx's error when ctx is done.
func Match(ctx context.Context, list []ListEntry, os []cases.Overview, opt MatchOptions) ([]ListMatch, error) {
	minScore := cmp.Or(opt.MinScore, DefaultMatchScore)
	perLine := cmp.Or(opt.PerLine, DefaultPerLine)
	margin := cmp.Or(opt.Margin, DefaultMargin)
	if margin < 0 {
		margin = 100
	}
	ix := buildMatchIndex(ctx, os)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opt.Progress != nil {
		opt.Progress(0, len(list))
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(list)/64))
	var (
		next, done atomic.Int64
		wg         sync.WaitGroup
		found      = make([][]ListMatch, len(list))
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mark := make([]int32, len(os))
			var reasons [16]Reason
			type scored struct {
				i     int32
				score int
			}
			var best []scored
			for {
				li := int(next.Add(1) - 1)
				if li >= len(list) || ctx.Err() != nil {
					return
				}
				l := newMatchLine(&list[li])
				best = best[:0]
				ix.candidates(l, mark, int32(li+1), func(i int32) {
					if score := sumPoints(scoreListPair(l, ix.people[i], reasons[:0], false)); score >= minScore {
						best = append(best, scored{i, score})
					}
				})
				slices.SortFunc(best, func(a, b scored) int {
					return cmp.Or(cmp.Compare(b.score, a.score),
						cmp.Compare(search.NaturalKey(ix.people[a.i].ref.Number), search.NaturalKey(ix.people[b.i].ref.Number)))
				})
				for _, s := range best[:min(len(best), perLine)] {
					if s.score < best[0].score-margin {
						break
					}
					c := ix.people[s.i]
					found[li] = append(found[li], ListMatch{Line: li, Case: c.ref, Score: s.score,
						Reasons: slices.Clone(scoreListPair(l, c, reasons[:0], true))})
				}
				done.Add(1)
			}
		}()
	}
	waitReporting(&wg, &done, len(list), opt.Progress)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opt.Progress != nil {
		opt.Progress(len(list), len(list))
	}
	var out []ListMatch
	for _, f := range found {
		out = append(out, f...)
	}
	slices.SortStableFunc(out, func(a, b ListMatch) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Line, b.Line))
	})
	return out, nil
}
