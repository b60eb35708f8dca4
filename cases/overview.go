package cases

import (
	"slices"
	"time"
)

// Overview is what the case list shows and search matches: a case's
// identifying facts without its reporters' contact details. It is built by
// Case.Overview and kept in the Index.
type Overview struct {
	ID, Number string
	Version    int64
	Name       string
	Pseudonym  bool
	// BirthYear is the year of the person's birth date; 0 if unknown.
	BirthYear int
	// MergedInto is Case.MergedInto: such a case leaves the default list.
	MergedInto string
	Aliases    []string
	Status     Status
	Priority   Priority
	Tags       []string
	AssignedTo string
	Facility   string
	Region     string
	Unit       string
	// Places holds the names and regions of the case's places.
	Places []string
	// Phones holds the person's numbers as typed.
	Phones []string
	// Handles holds the values of the person's messenger handles.
	Handles []string
	// Texts holds what else search should find: each event's text, "from"
	// and place; the person's features and recruiter; who made each promise
	// and what; reporters' names and relations; the notes.
	Texts []string
	// Verifications lists the verification levels the events use, in the
	// order of AllVerifications.
	Verifications []Verification
	// LastContact is the start of the latest date among the events that are
	// a confirmed contact from the person (Event.IsConfirmedContactIn): the
	// last proof of life. Zero if there is none ("never confirmed").
	LastContact time.Time
	// LastSign is the start of the latest date among all signs of life
	// (Event.IsSignOfLife), confirmed or not: a message from an unknown
	// number, a call from an intermediary. It is after LastContact when
	// something unconfirmed came since; zero if there is none.
	LastSign  time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
	// FollowUps are the case's open follow-ups, earliest due first, and
	// Requests its sent requests awaiting an answer that have a due date,
	// earliest due first: what the Today view and the case list's request
	// marks need without opening the case.
	FollowUps []OpenFollowUp
	Requests  []OpenRequest
}

// OpenFollowUp is a follow-up not done yet, as an Overview keeps it.
type OpenFollowUp struct {
	ID    string
	Due   Date
	Owner string
	Note  string
}

// OpenRequest is a sent, unanswered request with a due date (Request.Due),
// as an Overview keeps it.
type OpenRequest struct {
	ID        string
	Due       Date
	Kind      AuthorityKind
	Authority string
}

// NextFollowUp is the open follow-up due first; false if there is none.
func (o *Overview) NextFollowUp() (OpenFollowUp, bool) {
	if len(o.FollowUps) == 0 {
		return OpenFollowUp{}, false
	}
	return o.FollowUps[0], true
}

// OverdueRequests counts the case's requests past their deadline at now
// (Request.OverdueAt).
func (o *Overview) OverdueRequests(now time.Time) int {
	n := 0
	for i := range o.Requests {
		if pastDay(o.Requests[i].Due, now) {
			n++
		}
	}
	return n
}

// Overview returns c's Overview. The slices are new, so c may change later.
func (c Case) Overview() Overview {
	o := Overview{
		ID:         c.ID,
		Number:     c.Number,
		Version:    c.Version,
		Name:       c.Person.Name,
		Pseudonym:  c.Person.Pseudonym,
		Aliases:    slices.Clone(c.Person.Aliases),
		Status:     c.Status,
		Priority:   c.Priority,
		Tags:       slices.Clone(c.Tags),
		AssignedTo: c.AssignedTo,
		Facility:   c.Person.Facility,
		Region:     c.Person.Region,
		Unit:       c.Person.Unit,
		Phones:     slices.Clone(c.Person.Phones),
		CreatedAt:  c.CreatedAt,
		UpdatedAt:  c.UpdatedAt,
		MergedInto: c.MergedInto,
	}
	if t := c.Person.BirthDate.Time(); !t.IsZero() {
		o.BirthYear = t.Year()
	}
	for _, h := range c.Person.Handles {
		o.Handles = appendNonEmpty(o.Handles, h.Value)
	}
	for _, p := range c.Places {
		o.Places = appendNonEmpty(o.Places, p.Name)
		o.Places = appendNonEmpty(o.Places, p.Region)
	}
	o.Texts = appendNonEmpty(o.Texts, c.Person.Features)
	o.Texts = appendNonEmpty(o.Texts, c.Person.RecruitedBy)
	var seen [4]bool
	var last, sign Date
	for i := range c.Events {
		e := &c.Events[i]
		o.Texts = appendNonEmpty(o.Texts, e.Text)
		o.Texts = appendNonEmpty(o.Texts, e.From)
		o.Texts = appendNonEmpty(o.Texts, e.Place)
		if i := slices.Index(AllVerifications, e.Verification); i >= 0 {
			seen[i] = true
		}
		if e.IsSignOfLife() && e.Date.Compare(sign) > 0 {
			sign = e.Date
		}
		if e.IsConfirmedContactIn(&c.Person) && e.Date.Compare(last) > 0 {
			last = e.Date
		}
	}
	for i, v := range AllVerifications {
		if seen[i] {
			o.Verifications = append(o.Verifications, v)
		}
	}
	o.LastContact = last.Time()
	o.LastSign = sign.Time()
	for _, p := range c.Promises {
		o.Texts = appendNonEmpty(o.Texts, p.What)
		o.Texts = appendNonEmpty(o.Texts, p.By)
	}
	for _, r := range c.Reporters {
		o.Texts = appendNonEmpty(o.Texts, r.Name)
		o.Texts = appendNonEmpty(o.Texts, r.Relation)
	}
	o.Texts = appendNonEmpty(o.Texts, c.Notes)
	c.caseworkOverview(&o)
	return o
}

// caseworkOverview fills o's open follow-ups and requests, and adds the
// requests' authorities and references and the follow-ups' notes to what
// search finds.
func (c *Case) caseworkOverview(o *Overview) {
	for i := range c.Requests {
		r := &c.Requests[i]
		o.Texts = appendNonEmpty(o.Texts, r.Authority)
		o.Texts = appendNonEmpty(o.Texts, r.Reference)
		if due := r.Due(); r.Status == RequestSent && due != "" && due.Valid() {
			o.Requests = append(o.Requests, OpenRequest{ID: r.ID, Due: due, Kind: r.AuthorityKind, Authority: r.Authority})
		}
	}
	for i := range c.FollowUps {
		f := &c.FollowUps[i]
		o.Texts = appendNonEmpty(o.Texts, f.Note)
		if !f.Done && f.Due.Valid() && f.Due != "" {
			o.FollowUps = append(o.FollowUps, OpenFollowUp{ID: f.ID, Due: f.Due, Owner: f.Owner, Note: f.Note})
		}
	}
	slices.SortStableFunc(o.Requests, func(a, b OpenRequest) int { return a.Due.Compare(b.Due) })
	slices.SortStableFunc(o.FollowUps, func(a, b OpenFollowUp) int { return a.Due.Compare(b.Due) })
}

func appendNonEmpty(list []string, s string) []string {
	if s == "" {
		return list
	}
	return append(list, s)
}

// SilentSince is when the silence of the case began: the last confirmed
// contact (LastContact). It is the zero time for a case that never had a
// confirmed contact, so "silent longest" puts such cases first. Unconfirmed
// signs of life do not end a silence.
func (o *Overview) SilentSince() time.Time {
	return o.LastContact
}

// UnconfirmedSince reports whether something that may be a sign of life came
// after the last confirmed contact (or with none confirmed at all).
func (o *Overview) UnconfirmedSince() bool {
	return !o.LastSign.IsZero() && o.LastSign.After(o.LastContact)
}
