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

// Today is the Today view's content.
type Today struct {
	Rows    []TodayRow
	ByOwner []OwnerCount // most rows first, then by name; "" last
}

// Count is how many rows are of kind k.
func (t *Today) Count(k TodayKind) int {
	n := 0
	for i := range t.Rows {
		if t.Rows[i].Kind == k {
			n++
		}
	}
	return n
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

// TodayBuilder collects Today from overviews one at a time; Add may be
// called under an index's read lock (it keeps no pointer to o).
type TodayBuilder struct {
	now         time.Time
	silenceDays int
	rows        []TodayRow
}

// NewTodayBuilder starts a Today at now with the given silence threshold
// in days (SilenceDays when 0 or less).
func NewTodayBuilder(now time.Time, silenceDays int) *TodayBuilder {
	if silenceDays <= 0 {
		silenceDays = SilenceDays
	}
	return &TodayBuilder{now: now, silenceDays: silenceDays}
}

// Add adds the rows of one case. A case merged into another adds none.
func (b *TodayBuilder) Add(o *Overview) {
	if o.MergedInto != "" {
		return
	}
	row := func(k TodayKind) TodayRow {
		return TodayRow{Kind: k, CaseID: o.ID, Number: o.Number, Name: o.Name, Owner: o.AssignedTo}
	}
	for _, f := range o.FollowUps {
		fu := FollowUp{Due: f.Due}
		if !fu.DueBy(b.now) {
			break // earliest due first
		}
		r := row(TodayFollowUp)
		r.Owner = cmp.Or(f.Owner, o.AssignedTo)
		r.ItemID, r.Due, r.Text, r.Overdue = f.ID, f.Due, f.Note, fu.OverdueAt(b.now)
		b.rows = append(b.rows, r)
	}
	if !o.Status.Active() {
		return
	}
	for _, q := range o.Requests {
		if pastDay(q.Due, b.now) {
			r := row(TodayRequest)
			r.ItemID, r.Due, r.Text, r.Authority, r.Overdue = q.ID, q.Due, q.Authority, q.Kind, true
			b.rows = append(b.rows, r)
		}
	}
	days := -1
	if !o.LastContact.IsZero() {
		days = max(int(b.now.Sub(o.LastContact).Hours()/24), 0)
	}
	if days < 0 || days > b.silenceDays {
		r := row(TodaySilence)
		r.SilentDays = days
		b.rows = append(b.rows, r)
	}
}

// Today returns the rows in order: follow-ups (earliest due first), then
// requests past deadline (earliest deadline first), then silent cases
// (never confirmed first, then the longest silence); ties by case number.
func (b *TodayBuilder) Today() Today {
	rank := map[TodayKind]int{TodayFollowUp: 0, TodayRequest: 1, TodaySilence: 2}
	slices.SortFunc(b.rows, func(x, y TodayRow) int {
		if c := cmp.Compare(rank[x.Kind], rank[y.Kind]); c != 0 {
			return c
		}
		if x.Kind == TodaySilence {
			xd, yd := x.SilentDays, y.SilentDays
			if xd < 0 {
				xd = 1 << 30
			}
			if yd < 0 {
				yd = 1 << 30
			}
			if c := cmp.Compare(yd, xd); c != 0 {
				return c
			}
		} else if c := x.Due.Compare(y.Due); c != 0 {
			return c
		}
		if c := strings.Compare(x.Number, y.Number); c != 0 {
			return c
		}
		return strings.Compare(x.ItemID, y.ItemID)
	})
	counts := map[string]*OwnerCount{}
	var owners []*OwnerCount
	for i := range b.rows {
		r := &b.rows[i]
		oc := counts[r.Owner]
		if oc == nil {
			oc = &OwnerCount{Owner: r.Owner}
			counts[r.Owner] = oc
			owners = append(owners, oc)
		}
		switch r.Kind {
		case TodayFollowUp:
			oc.FollowUps++
		case TodayRequest:
			oc.Requests++
		case TodaySilence:
			oc.Silent++
		}
	}
	total := func(c *OwnerCount) int { return c.FollowUps + c.Requests + c.Silent }
	slices.SortFunc(owners, func(x, y *OwnerCount) int {
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
	t := Today{Rows: b.rows}
	for _, oc := range owners {
		t.ByOwner = append(t.ByOwner, *oc)
	}
	return t
}
