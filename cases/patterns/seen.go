package patterns

import (
	"slices"
	"time"

	"kintrace/cases"
)

// Seen records when identifiers were seen in events: for each, the dates
// of the earliest and the latest dated event that mentions it (in its
// "from", its words or its place). It answers "last seen" with the day the
// accountant's number last called, not the day a case was last saved. The
// zero Seen is empty and ready; it is not safe for concurrent use.
//
// The identifier index is built from case overviews, which hold no event
// dates; Seen is built from whole cases (vault.Each) when a screen needs
// it.
type Seen struct {
	spans map[identKey]seenSpanDates
}

type seenSpanDates struct{ first, last time.Time }

// Add records the dated events of c; a case merged into another is left
// out, as the shared identifiers leave it out.
func (s *Seen) Add(c *cases.Case) {
	if c.MergedInto != "" {
		return
	}
	for i := range c.Events {
		e := &c.Events[i]
		t := e.Date.Time()
		if t.IsZero() {
			continue
		}
		for _, id := range IdentifiersInText(e.From) {
			s.note(id, t)
		}
		for _, id := range IdentifiersInText(e.Text) {
			s.note(id, t)
		}
		if e.Place != "" {
			if id, ok := PlaceIdentifier(e.Place); ok {
				s.note(id, t)
			}
		}
	}
}

func (s *Seen) note(id Identifier, t time.Time) {
	if s.spans == nil {
		s.spans = map[identKey]seenSpanDates{}
	}
	k := identKey{id.Kind, id.Key}
	sp, ok := s.spans[k]
	if !ok || t.Before(sp.first) {
		sp.first = t
	}
	if t.After(sp.last) {
		sp.last = t
	}
	s.spans[k] = sp
}

// Span is when id (by Kind and Key) was first and last seen in a dated
// event; ok is false when no dated event mentions it.
func (s *Seen) Span(id Identifier) (first, last time.Time, ok bool) {
	sp, ok := s.spans[identKey{id.Kind, id.Key}]
	return sp.first, sp.last, ok
}

// Len is the number of identifiers seen in dated events.
func (s *Seen) Len() int { return len(s.spans) }

// Dated gives list (Identifiers.Shared's answer to q) the events' dates:
// each First and Last becomes when dated events first and last mention the
// identifier (zero when none does), and when q sorts by first or last seen
// the list is sorted again by them, identifiers no event mentions last.
func (s *Seen) Dated(list []Shared, q SharedQuery) []Shared {
	for i := range list {
		list[i].First, list[i].Last, _ = s.Span(list[i].Ident)
	}
	if q.Sort != SharedByFirstSeen && q.Sort != SharedByLastSeen {
		return list
	}
	at := func(x Shared) time.Time {
		if q.Sort == SharedByFirstSeen {
			return x.First
		}
		return x.Last
	}
	slices.SortStableFunc(list, func(a, b Shared) int {
		ta, tb := at(a), at(b)
		if ta.IsZero() != tb.IsZero() {
			if ta.IsZero() {
				return 1
			}
			return -1
		}
		c := compareShared(q.Sort, a, b)
		if q.Desc {
			c = -c
		}
		return c
	})
	return list
}
