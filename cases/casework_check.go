package cases

import (
	"strconv"
	"time"
)

// validate checks the requests and follow-ups of c (casework.go) under
// prefix.
func (c Case) validateCasework(prefix string, p *problems) {
	ids := map[string]bool{}
	checkID := func(id, path string) {
		if id == "" {
			return
		}
		if !ValidID(id) {
			p.add(path, "must be 1 to 64 letters, digits, '-' or '_'")
		} else if ids[id] {
			p.add(path, "is used by another request or follow-up of the case")
		}
		ids[id] = true
	}
	for i, r := range c.Requests {
		rp := pathIndex(pathJoin(prefix, "requests"), i)
		checkID(r.ID, pathJoin(rp, "id"))
		switch {
		case r.AuthorityKind == "":
			p.add(pathJoin(rp, "authority_kind"), "is required")
		case !r.AuthorityKind.Valid():
			p.add(pathJoin(rp, "authority_kind"), "unknown authority kind"+shown(string(r.AuthorityKind)))
		}
		if r.Via != "" && !r.Via.Valid() {
			p.add(pathJoin(rp, "via"), "unknown way of sending"+shown(string(r.Via)))
		}
		switch {
		case r.Status == "":
			p.add(pathJoin(rp, "status"), "is required")
		case r.Status == RequestOverdue:
			p.add(pathJoin(rp, "status"), "overdue is not stored: it follows from the deadline (write sent)")
		case !r.Status.Valid():
			p.add(pathJoin(rp, "status"), "unknown request status"+shown(string(r.Status)))
		}
		checkDate(r.SentOn, pathJoin(rp, "sent_on"), p)
		checkDate(r.Deadline, pathJoin(rp, "deadline"), p)
		checkDate(r.AnsweredOn, pathJoin(rp, "answered_on"), p)
		if r.Status != RequestDraft && r.Status != "" && r.SentOn.IsZero() {
			p.add(pathJoin(rp, "sent_on"), "is required once the request is sent")
		}
		if r.Deadline != "" && r.SentOn != "" && r.Deadline.Valid() && r.SentOn.Valid() && r.Deadline.Compare(r.SentOn) < 0 {
			p.add(pathJoin(rp, "deadline"), "is before the request was sent")
		}
		if r.AnsweredOn != "" && r.Status != RequestAnswered && r.Status != RequestRefused {
			p.add(pathJoin(rp, "answered_on"), "is set but the request is not answered or refused")
		}
		for j, a := range r.Attachments {
			if !ValidID(a) {
				p.add(pathIndex(pathJoin(rp, "attachments"), j), "must be an attachment id")
			}
		}
		checkLine(r.Authority, pathJoin(rp, "authority"), p)
		checkLines(r.Subject, pathJoin(rp, "subject"), p)
		checkLine(r.Applicant, pathJoin(rp, "applicant"), p)
		checkLine(r.ApplicantContact, pathJoin(rp, "applicant_contact"), p)
		checkLine(r.Reference, pathJoin(rp, "reference"), p)
		checkLines(r.Answer, pathJoin(rp, "answer"), p)
	}
	for i, f := range c.FollowUps {
		fp := pathIndex(pathJoin(prefix, "followups"), i)
		checkID(f.ID, pathJoin(fp, "id"))
		if f.Due.IsZero() {
			p.add(pathJoin(fp, "due"), "is required")
		}
		checkDate(f.Due, pathJoin(fp, "due"), p)
		if blank(f.Note) {
			p.add(pathJoin(fp, "note"), "is required")
		}
		checkLine(f.Owner, pathJoin(fp, "owner"), p)
		checkLines(f.Note, pathJoin(fp, "note"), p)
	}
}

// Plausible lengths of casework fields.
const (
	maxAuthorityLen = 200 // an authority's full name with its address line
	maxReferenceLen = 60  // a registration or tracking number
)

// caseworkWarnings adds the implausible values of c's requests and
// follow-ups: dates of sending or answering in the future, a deadline more
// than a year after sending, over-long names and numbers.
func (w *warnings) casework(c Case, now time.Time) {
	for i, r := range c.Requests {
		path := "requests[" + strconv.Itoa(i) + "]"
		w.future(path+".sent_on", r.SentOn, now)
		w.future(path+".answered_on", r.AnsweredOn, now)
		w.long(path+".authority", r.Authority, maxAuthorityLen)
		w.long(path+".reference", r.Reference, maxReferenceLen)
		w.long(path+".applicant", r.Applicant, maxNameLen)
		w.long(path+".applicant_contact", r.ApplicantContact, maxContactLine)
		if r.Deadline.Valid() && r.SentOn.Valid() && r.Deadline != "" && r.SentOn != "" &&
			r.Deadline.Time().After(r.SentOn.Time().AddDate(1, 0, 0)) {
			w.list = append(w.list, Warning{Path: path + ".deadline", Kind: WarnFarDeadline, N: 365})
		}
	}
	for i, f := range c.FollowUps {
		w.long("followups["+strconv.Itoa(i)+"].owner", f.Owner, maxNameLen)
	}
}

// redactCasework removes the applicant of every request: reporter data
// that the profiles other than RedactNone leave out.
func redactCasework(c Case) Case {
	if c.Requests == nil {
		return c
	}
	rs := make([]Request, len(c.Requests))
	for i, r := range c.Requests {
		r.Applicant, r.ApplicantContact = "", ""
		r.Attachments = append([]string(nil), r.Attachments...)
		if len(r.Attachments) == 0 {
			r.Attachments = nil
		}
		rs[i] = r
	}
	c.Requests = rs
	return c
}
