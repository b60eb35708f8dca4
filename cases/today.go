package cases

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// The Today view: what a case worker should do today, computed from the
// overviews alone (no case is opened), so that it is ready the moment the
// vault is unlocked.

// TodayKind is what a row of Today is about.
type TodayKind string

// The kinds of Today rows, in the order Today lists them.
const (
	TodayFollowUp TodayKind = "followup" // an open follow-up due today or earlier
	TodayRequest  TodayKind = "request"  // a sent request past its deadline
	TodaySilence  TodayKind = "silence"  // an active case silent beyond the threshold
)

// TodayRow is one thing to do.
type TodayRow struct {
	Kind   TodayKind
	CaseID string
	Number string
	Name   string
	// Owner is who the row is for: a follow-up's owner, else the case's
	// assignee; "" for nobody in particular.
	Owner string
	// ItemID is the follow-up's or request's id within its case.
	ItemID string
	// Due is a follow-up's due date or a request's deadline.
	Due Date
	// Overdue is set for a follow-up whose due day has passed (a request
	// row is always overdue).
	Overdue bool
	// Text is a follow-up's note, or a request's authority (its name,
	// else empty: the kind says the rest).
	Text string
	// Kind of authority of a request row.
	Authority AuthorityKind
	// SilentDays is a silence row's days since the last confirmed contact;
	// -1 for a case that never had one.
	SilentDays int
}

// OwnerCount is how many rows of Today are for one owner.
type OwnerCount struct {
	Owner                       string // "" for rows without one
	FollowUps, Requests, Silent int
}

// Today is the Today view's content: its rows in order (Len, Row) and the
// counts per owner. Rows are made when asked for, so that a list showing a
// screenful of 200 000 rows makes a screenful; they read the overviews
// they were built from, which an Index never changes once it holds them.
type Today struct {
	items   []todayItem
	counts  [3]int
	ByOwner []OwnerCount // most rows first, then by name; "" last
}

// todayItem is a row not made yet: its case's overview and which of its
// follow-ups or requests it is about.
type todayItem struct {
	o       *Overview
	item    int32 // index in o.FollowUps or o.Requests
	days    int32 // a silence row's SilentDays
	rank    uint8 // rankFollowUp, rankRequest, rankSilence
	overdue bool
}

// Len is the number of rows.
func (t *Today) Len() int { return len(t.items) }

// Row makes row i.
func (t *Today) Row(i int) TodayRow {
	it := &t.items[i]
	o := it.o
	r := TodayRow{CaseID: o.ID, Number: o.Number, Name: o.Name, Owner: o.AssignedTo, Overdue: it.overdue}
	switch it.rank {
	case rankFollowUp:
		f := &o.FollowUps[it.item]
		r.Kind, r.ItemID, r.Due, r.Text = TodayFollowUp, f.ID, f.Due, f.Note
		r.Owner = cmp.Or(f.Owner, o.AssignedTo)
	case rankRequest:
		q := &o.Requests[it.item]
		r.Kind, r.ItemID, r.Due, r.Text, r.Authority = TodayRequest, q.ID, q.Due, q.Authority, q.Kind
	default:
		r.Kind, r.SilentDays = TodaySilence, int(it.days)
	}
	return r
}

// Rows makes every row, in order.
func (t *Today) Rows() []TodayRow {
	out := make([]TodayRow, len(t.items))
	for i := range out {
		out[i] = t.Row(i)
	}
	return out
}

// Count is how many rows are of kind k.
func (t *Today) Count(k TodayKind) int {
	switch k {
	case TodayFollowUp:
		return t.counts[rankFollowUp]
	case TodayRequest:
		return t.counts[rankRequest]
	case TodaySilence:
		return t.counts[rankSilence]
	}
	return 0
}

// SilenceDays is the silence after which an active case counts as overdue
// (the case list's red badge).
const SilenceDays = 30

// Active reports whether a case of status s is still being worked on, so
// that its silence and its requests count; a located, returned, deceased or
// closed person's case is not.
func (s Status) Active() bool {
	switch s {
	case StatusLocated, StatusReturned, StatusDeceased, StatusClosed:
		return false
	}
	return true
}

// TodayBuilder collects Today from overviews one at a time. It keeps a
// pointer to each overview added: they must not change afterwards (an
// Index's never do).
type TodayBuilder struct {
	now         time.Time
	today       int // now's day number
	silenceDays int
	items       []todayItem
	// keys order the items: rank, then the due day (or the silence), then
	// the order they were added in, which is the item's index.
	keys []uint64
	// counts per owner, with the last owner's entry at hand (rows of one
	// case mostly share it)
	owners    map[string]*OwnerCount
	order     []*OwnerCount
	lastOwner string
	lastCount *OwnerCount
}

// NewTodayBuilder starts a Today at now with the given silence threshold
// in days (SilenceDays when 0 or less); sizeHint is the number of cases
// that will be added (0 if not known).
func NewTodayBuilder(now time.Time, silenceDays, sizeHint int) *TodayBuilder {
	if silenceDays <= 0 {
		silenceDays = SilenceDays
	}
	return &TodayBuilder{now: now, today: dayOf(now), silenceDays: silenceDays,
		items: make([]todayItem, 0, sizeHint), keys: make([]uint64, 0, sizeHint), owners: map[string]*OwnerCount{}}
}

// The ranks of the kinds in Today's order.
const (
	rankFollowUp = iota
	rankRequest
	rankSilence
)

// push adds an item with its order: rank, then by (smaller first, < 2³²),
// then the order of adding; and counts it for owner.
func (b *TodayBuilder) push(it todayItem, by uint64, owner string) {
	b.keys = append(b.keys, uint64(it.rank)<<58|(by&(1<<32-1))<<26|uint64(len(b.items)))
	b.items = append(b.items, it)
	oc := b.lastCount
	if oc == nil || owner != b.lastOwner {
		oc = b.owners[owner]
		if oc == nil {
			oc = &OwnerCount{Owner: owner}
			b.owners[owner] = oc
			b.order = append(b.order, oc)
		}
		b.lastOwner, b.lastCount = owner, oc
	}
	switch it.rank {
	case rankFollowUp:
		oc.FollowUps++
	case rankRequest:
		oc.Requests++
	default:
		oc.Silent++
	}
}

// dayKey makes a day number a non-negative order key.
func dayKey(day int) uint64 { return uint64(day + 1<<30) }

// Add adds the rows of one case. A case merged into another adds none.
func (b *TodayBuilder) Add(o *Overview) {
	if o.MergedInto != "" {
		return
	}
	for i := range o.FollowUps {
		f := &o.FollowUps[i]
		first, last, ok := f.Due.dayRange()
		if !ok || first > b.today {
			continue
		}
		b.push(todayItem{o: o, item: int32(i), rank: rankFollowUp, overdue: last < b.today}, dayKey(first),
			cmp.Or(f.Owner, o.AssignedTo))
	}
	if !o.Status.Active() {
		return
	}
	for i := range o.Requests {
		if _, last, ok := o.Requests[i].Due.dayRange(); ok && last < b.today {
			b.push(todayItem{o: o, item: int32(i), rank: rankRequest, overdue: true}, dayKey(last), o.AssignedTo)
		}
	}
	days := -1
	if !o.LastContact.IsZero() {
		days = max(int(b.now.Sub(o.LastContact).Hours()/24), 0)
	}
	if days < 0 || days > b.silenceDays {
		by := uint64(0) // never confirmed: first
		if days >= 0 {
			by = uint64(1<<31 - min(days, 1<<30)) // the longest silence first
		}
		b.push(todayItem{o: o, rank: rankSilence, days: int32(min(days, 1<<30))}, by, o.AssignedTo)
	}
}

// Today returns the rows in order: follow-ups (earliest due first), then
// requests past deadline (earliest deadline first), then silent cases
// (never confirmed first, then the longest silence); rows that tie keep
// the order they were added in. One radix sort of packed integer keys, and no
// row made before it is asked for: Today over 300 000 follow-ups stays
// within the 100 ms the view is given (docs/PERFORMANCE.md).
func (b *TodayBuilder) Today() Today {
	t := Today{items: make([]todayItem, len(b.items))}
	for i, k := range radixSort(b.keys) {
		it := b.items[k&(1<<26-1)]
		t.items[i] = it
		t.counts[it.rank]++
	}
	total := func(c *OwnerCount) int { return c.FollowUps + c.Requests + c.Silent }
	slices.SortFunc(b.order, func(x, y *OwnerCount) int {
		if (x.Owner == "") != (y.Owner == "") {
			if x.Owner == "" {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(total(y), total(x)); c != 0 {
			return c
		}
		return strings.Compare(x.Owner, y.Owner)
	})
	for _, oc := range b.order {
		t.ByOwner = append(t.ByOwner, *oc)
	}
	return t
}

// radixSort sorts keys packed by push by their rank and order (bits 26 to
// 61), stably, so that ties keep the order of adding: three passes of 12
// bits, linear in the number of rows. It returns the sorted slice (keys or
// a new one).
func radixSort(keys []uint64) []uint64 {
	src, dst := keys, make([]uint64, len(keys))
	for shift := 26; shift < 62; shift += 12 {
		var count [1<<12 + 1]int
		for _, k := range src {
			count[(k>>shift)&(1<<12-1)+1]++
		}
		for i := 1; i < len(count); i++ {
			count[i] += count[i-1]
		}
		for _, k := range src {
			d := (k >> shift) & (1<<12 - 1)
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
	}
	return src
}
