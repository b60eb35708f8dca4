package pfif

import (
	"strconv"
	"strings"
	"time"

	"kintrace/cases"
	"kintrace/cases/report"
)

// Requests to authorities travel as PFIF notes carrying a kt:request
// element, read back on import. The applicant and their contact are
// written only in the full profile (reporter data), and the texts are
// scrubbed like the events'. Follow-ups are internal working notes and are
// not written to PFIF, which may be published.

func writeRequestNote(x *xmlWriter, t *report.Labels, c cases.Case, i int, r cases.Request, fallback time.Time,
	opt ExportOptions, scrub func(string) string) {
	const in = "      "
	x.raw("    <pfif:note>\n")
	x.field(in, "pfif", "note_record_id", Domain+"/"+c.ID+".request"+strconv.Itoa(i+1))
	x.field(in, "pfif", "person_record_id", Domain+"/"+c.ID)
	if !c.UpdatedAt.IsZero() {
		x.field(in, "pfif", "entry_date", formatTime(c.UpdatedAt))
	}
	x.field(in, "pfif", "author_name", opt.Author)
	x.field(in, "pfif", "source_date", formatTime(dateOr(r.SentOn, fallback)))
	head := strings.Join(nonEmpty(t.Enum("authority_kind", string(r.AuthorityKind)), scrub(r.Authority)), ": ")
	x.field(in, "pfif", "text", strings.Join(nonEmpty(
		t.T("section.requests")+": "+head,
		joinPair(t.T("col.sent"), t.Date(r.SentOn, false)),
		joinPair(t.T("col.reference"), scrub(r.Reference)),
		joinPair(t.T("col.deadline"), t.Date(r.Due(), false)),
		joinPair(t.T("col.request_status"), t.Enum("request_status", string(r.StatusAt(opt.Now)))),
		joinPair(t.T("col.answer"), strings.TrimSpace(t.Date(r.AnsweredOn, false)+" "+scrub(r.Answer))),
	), "\n"))
	x.raw(in + `<kt:request` + attrString([]string{"id", r.ID, "kind", string(r.AuthorityKind), "via", string(r.Via),
		"status", string(r.Status), "sent_on", r.SentOn.String(), "deadline", r.Deadline.String(),
		"answered_on", r.AnsweredOn.String()}) + ">\n")
	x.field(in+"  ", "kt", "authority", scrub(r.Authority))
	x.field(in+"  ", "kt", "subject", scrub(r.Subject))
	x.field(in+"  ", "kt", "reference", scrub(r.Reference))
	x.field(in+"  ", "kt", "answer", scrub(r.Answer))
	if opt.Profile == cases.RedactNone {
		x.field(in+"  ", "kt", "applicant", r.Applicant)
		x.field(in+"  ", "kt", "applicant_contact", r.ApplicantContact)
	}
	x.raw(in + "</kt:request>\n")
	x.raw("    </pfif:note>\n")
}

func requestFromExt(n *record) (cases.Request, error) {
	e := n.ext
	var dates [3]cases.Date
	for i, name := range []string{"sent_on", "deadline", "answered_on"} {
		d, err := cases.ParseDate(e.attrs[name])
		if err != nil {
			return cases.Request{}, invalid("kt:request %s is not a date", name)
		}
		dates[i] = d
	}
	r := cases.Request{
		ID:               e.attrs["id"],
		AuthorityKind:    cases.AuthorityKind(e.attrs["kind"]),
		Via:              cases.RequestVia(e.attrs["via"]),
		Status:           cases.RequestStatus(e.attrs["status"]),
		SentOn:           dates[0],
		Deadline:         dates[1],
		AnsweredOn:       dates[2],
		Authority:        e.child("authority"),
		Subject:          e.child("subject"),
		Reference:        e.child("reference"),
		Answer:           e.child("answer"),
		Applicant:        e.child("applicant"),
		ApplicantContact: e.child("applicant_contact"),
	}
	for _, ch := range e.children {
		switch ch.name {
		case "authority", "subject", "reference", "answer", "applicant", "applicant_contact":
		default:
			return cases.Request{}, invalid("kt:request: unknown element %s", shortName(ch.name))
		}
	}
	return r, nil
}
