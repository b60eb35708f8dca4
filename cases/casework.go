package cases

import (
	"slices"
	"time"
)

// Casework: the requests a case worker sends to authorities, with their
// legal deadlines, and the follow-ups (next actions) of a case. Both are
// sections of the case file ("requests", "followups"; docs/FORMAT.md) and
// travel with it.

// Request is one written request (an appeal, an inquiry) to an authority
// about the person: to whom, how and when it went, by when the law wants
// an answer, and the answer.
type Request struct {
	// ID names the request within its case (a short random id, given
	// when empty by Case.AssignRequestIDs), so that a command or an
	// attachment can refer to it.
	ID string `json:"id,omitempty"`
	// AuthorityKind is what sort of authority it went to; it sets the
	// legal term of the answer (LegalTermDays).
	AuthorityKind AuthorityKind `json:"authority_kind"`
	// Authority is the authority's name as written on the request
	// ("ФКУ ИК-17 УФСИН России по Республике Мордовия").
	Authority string     `json:"authority,omitempty"`
	Via       RequestVia `json:"via,omitempty"`
	// Subject is what the request asks, in a line or a paragraph.
	Subject string `json:"subject,omitempty"`
	// Applicant and ApplicantContact name who signed the request and how
	// the answer reaches them: reporter data, left out by the redaction
	// profiles that leave out reporters' identities.
	Applicant        string `json:"applicant,omitempty"`
	ApplicantContact string `json:"applicant_contact,omitempty"`
	// SentOn is when the request went out; empty for a draft.
	SentOn Date `json:"sent_on,omitempty"`
	// Reference is the registration or tracking number (a postal
	// tracking code, the number the authority gave it).
	Reference string `json:"reference,omitempty"`
	// Deadline is when the answer is due. DefaultDeadline computes it from
	// SentOn and the authority kind's legal term; the worker may change it
	// (an extension the authority announced, a term of its own). Empty:
	// Due computes it.
	Deadline Date          `json:"deadline,omitempty"`
	Status   RequestStatus `json:"status"`
	// AnsweredOn and Answer are the reply's date and its text or summary.
	AnsweredOn Date   `json:"answered_on,omitempty"`
	Answer     string `json:"answer,omitempty"`
	// Attachments are the ids of the case's attachments that belong to
	// the request: the scanned reply, the copy of the letter sent.
	Attachments []string `json:"attachments,omitempty"`
}

// FollowUp is a next action of a case: what to do, by when and by whom.
type FollowUp struct {
	ID    string `json:"id,omitempty"`
	Due   Date   `json:"due"`
	Owner string `json:"owner,omitempty"`
	Note  string `json:"note"`
	Done  bool   `json:"done,omitempty"`
}

// AuthorityKind is the sort of authority a request goes to.
type AuthorityKind string

// The kinds of authority.
const (
	AuthorityPrisonService          AuthorityKind = "prison_service"
	AuthorityMilitaryProsecutor     AuthorityKind = "military_prosecutor"
	AuthorityMilitaryUnit           AuthorityKind = "military_unit"
	AuthorityDefenceMinistry        AuthorityKind = "defence_ministry"
	AuthorityInvestigativeCommittee AuthorityKind = "investigative_committee"
	AuthorityOmbudsperson           AuthorityKind = "ombudsperson"
	AuthorityICRC                   AuthorityKind = "icrc"
	AuthorityHospital               AuthorityKind = "hospital"
	AuthorityCourt                  AuthorityKind = "court"
	AuthorityOther                  AuthorityKind = "other"
)

// AllAuthorityKinds lists every AuthorityKind in the order menus show them.
// New kinds are added at the end, before AuthorityOther, with their term in
// legalTerms; a particular authority is named in Request.Authority.
var AllAuthorityKinds = []AuthorityKind{AuthorityPrisonService, AuthorityMilitaryProsecutor,
	AuthorityMilitaryUnit, AuthorityDefenceMinistry, AuthorityInvestigativeCommittee,
	AuthorityOmbudsperson, AuthorityICRC, AuthorityHospital, AuthorityCourt, AuthorityOther}

// Valid reports whether k is one of AllAuthorityKinds.
func (k AuthorityKind) Valid() bool { return slices.Contains(AllAuthorityKinds, k) }

// legalTerms are the days an authority of each kind has by law to answer a
// written request, counted from the day it was sent (the law counts from
// registration, at most three days after receipt: the worker moves the
// deadline when the post is slow). Russia's Federal Law 59-FZ "On the
// procedure of considering citizens' appeals" (art. 12) gives state and
// municipal bodies, their officials and institutions with public functions
// 30 days; Ukraine's Law "On citizens' appeals" (art. 20) gives one month
// (15 days when no study is needed, 45 days at most with an extension).
// The exceptions the worker enters as an edited deadline: an extension by
// up to 30 more days (59-FZ art. 12 part 2), forwarding to the competent
// body within 7 days (art. 8 part 3), procedural complaints to a court or a
// prosecutor under the procedure codes. The ICRC is not bound by either
// law: it has no term (0), and a request to it gets no deadline unless the
// worker sets one.
var legalTerms = map[AuthorityKind]int{
	AuthorityPrisonService:          30,
	AuthorityMilitaryProsecutor:     30,
	AuthorityMilitaryUnit:           30,
	AuthorityDefenceMinistry:        30,
	AuthorityInvestigativeCommittee: 30,
	AuthorityOmbudsperson:           30,
	AuthorityICRC:                   0,
	AuthorityHospital:               30,
	AuthorityCourt:                  30,
	AuthorityOther:                  30,
}

// LegalTermDays is the days an authority of kind k has to answer; 0 when no
// law sets a term.
func LegalTermDays(k AuthorityKind) int { return legalTerms[k] }

// DefaultDeadline is the deadline of a request to an authority of kind k
// sent on sent: sent plus the legal term. It is empty when the term is 0 or
// sent is not known to the day.
func DefaultDeadline(k AuthorityKind, sent Date) Date {
	days := LegalTermDays(k)
	if days == 0 || sent.Precision() < PrecisionDay {
		return ""
	}
	t := sent.Time().AddDate(0, 0, days)
	return DayDate(t.Year(), t.Month(), t.Day())
}

// Due is when the answer to r is due: its Deadline, else its default
// deadline. Empty when neither is known.
func (r *Request) Due() Date {
	if r.Deadline != "" {
		return r.Deadline
	}
	return DefaultDeadline(r.AuthorityKind, r.SentOn)
}

// RequestVia is how a request was sent.
type RequestVia string

// The ways of sending a request.
const (
	ViaPost     RequestVia = "post"
	ViaEmail    RequestVia = "email"
	ViaForm     RequestVia = "form" // an online reception form
	ViaInPerson RequestVia = "in_person"
)

// AllRequestVias lists every RequestVia.
var AllRequestVias = []RequestVia{ViaPost, ViaEmail, ViaForm, ViaInPerson}

// Valid reports whether v is one of AllRequestVias.
func (v RequestVia) Valid() bool { return slices.Contains(AllRequestVias, v) }

// RequestStatus is where a request stands.
type RequestStatus string

// The statuses of a request. RequestOverdue is never stored: StatusAt
// derives it from the clock for a sent request past its deadline.
const (
	RequestDraft    RequestStatus = "draft"
	RequestSent     RequestStatus = "sent"
	RequestAnswered RequestStatus = "answered"
	RequestOverdue  RequestStatus = "overdue"
	RequestRefused  RequestStatus = "refused"
)

// AllRequestStatuses lists the statuses a request is stored with.
var AllRequestStatuses = []RequestStatus{RequestDraft, RequestSent, RequestAnswered, RequestRefused}

// Valid reports whether s is one of AllRequestStatuses (overdue is not).
func (s RequestStatus) Valid() bool { return slices.Contains(AllRequestStatuses, s) }

// StatusAt is r's status as the lists show it at now: RequestOverdue for a
// sent request whose due date (Due) has passed, else its stored status.
func (r *Request) StatusAt(now time.Time) RequestStatus {
	if r.Status == RequestSent && r.OverdueAt(now) {
		return RequestOverdue
	}
	return r.Status
}

// OverdueAt reports whether r was sent and is unanswered after its due
// date: the whole due day counts, so it is overdue from the next day on.
func (r *Request) OverdueAt(now time.Time) bool {
	if r.Status != RequestSent {
		return false
	}
	return pastDay(r.Due(), now)
}

// pastDay reports whether the whole day (or month, or year) d names ended
// before now's day, in now's calendar; false for an empty or malformed d.
func pastDay(d Date, now time.Time) bool {
	_, last, ok := d.dayRange()
	return ok && last < dayOf(now)
}

// DueBy reports whether f is open and due on or before now's day.
func (f *FollowUp) DueBy(now time.Time) bool {
	if f.Done {
		return false
	}
	first, _, ok := f.Due.dayRange()
	return ok && first <= dayOf(now)
}

// OverdueAt reports whether f is open and its due day ended before now.
func (f *FollowUp) OverdueAt(now time.Time) bool { return !f.Done && pastDay(f.Due, now) }

// dayOf is t's calendar day (in t's location) as a day number.
func dayOf(t time.Time) int {
	y, m, d := t.Date()
	return civilDay(y, int(m), d)
}

// civilDay numbers the days of the proleptic Gregorian calendar (0 is
// 1970-01-01), by Howard Hinnant's days_from_civil: cheap enough to run over
// every follow-up of a vault at unlock.
func civilDay(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// dayRange gives the first and last day (day numbers, see civilDay) of the
// period d names: a day, a month, a year, or a timestamp's day in UTC. It
// reads "YYYY-MM-DD" without parsing a time. false for an empty or
// malformed d.
func (d Date) dayRange() (first, last int, ok bool) {
	s := string(d)
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		dd, ok3 := digits(s[8:10])
		if ok1 && ok2 && ok3 && m >= 1 && m <= 12 && dd >= 1 && dd <= 31 && y >= 1 {
			n := civilDay(y, m, dd)
			if dd <= 28 || time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC).Day() == dd {
				return n, n, true
			}
		}
		return 0, 0, false
	}
	t, p := d.parse()
	switch p {
	case PrecisionYear:
		return civilDay(t.Year(), 1, 1), civilDay(t.Year(), 12, 31), true
	case PrecisionMonth:
		end := t.AddDate(0, 1, -1)
		return civilDay(t.Year(), int(t.Month()), 1), civilDay(end.Year(), int(end.Month()), end.Day()), true
	case PrecisionDay, PrecisionTime:
		n := civilDay(t.Year(), int(t.Month()), t.Day())
		return n, n, true
	}
	return 0, 0, false
}

// AssignCaseworkIDs gives every request and follow-up of c without an id a
// new one (NewItemID), so that commands and attachments can refer to them.
func (c *Case) AssignCaseworkIDs() {
	for i := range c.Requests {
		if c.Requests[i].ID == "" {
			c.Requests[i].ID = NewItemID()
		}
	}
	for i := range c.FollowUps {
		if c.FollowUps[i].ID == "" {
			c.FollowUps[i].ID = NewItemID()
		}
	}
}

// FindRequest returns the index of the request of c named by ref: its id,
// or its number counted from 1 in the case's list. -1 if none is.
func (c *Case) FindRequest(ref string) int {
	for i := range c.Requests {
		if c.Requests[i].ID == ref {
			return i
		}
	}
	if n, ok := digits(ref); ok && n >= 1 && n <= len(c.Requests) && len(ref) < 6 {
		return n - 1
	}
	return -1
}
