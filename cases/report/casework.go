package report

import (
	"time"

	"kintrace/cases"
)

// The casework sections of the case file: the requests to authorities in
// every profile (the applicant and their contact only in the full one, and
// scrubbed from the other texts otherwise), the follow-ups in the full
// profile only (internal working notes, like the advocate's notes).

// addApplicants records the applicants of rs for scrubbing, outside the
// full profile: a request names the applicant, which is reporter data.
func (r *redaction) addApplicants(rs []cases.Request) {
	if r.profile == cases.RedactNone {
		return
	}
	for _, q := range rs {
		r.addSecret(q.Applicant)
		r.addSecret(q.ApplicantContact)
	}
	sortSecrets(r.secrets)
}

// styleOverdue marks a request past its deadline.
var styleOverdue = style{size: 8.5, bold: true, color: colAlert}

func requestSection(d *doc, rs []cases.Request, red *redaction, now time.Time, scrub func(string) string) {
	t := d.t
	d.heading(t.T("section.requests"))
	if len(rs) == 0 {
		d.paragraph(t.T("doc.none"), styleMuted)
		return
	}
	d.table(requestColumns(t), requestRows(t, rs, red.profile == cases.RedactNone, now, scrub), tableOpts{header: true, rules: true})
}

func requestColumns(t *Labels) []column {
	return []column{
		{t.T("col.authority"), 0.27, "L"},
		{t.T("col.sent"), 0.13, "L"},
		{t.T("col.reference"), 0.13, "L"},
		{t.T("col.deadline"), 0.12, "L"},
		{t.T("col.request_status"), 0.11, "L"},
		{t.T("col.answer"), 0.24, "L"},
	}
}

func requestRows(t *Labels, rs []cases.Request, full bool, now time.Time, scrub func(string) string) [][][]span {
	var rows [][][]span
	for _, r := range rs {
		authority := []span{{t.Enum("authority_kind", string(r.AuthorityKind)), styleTableB}}
		if r.Authority != "" {
			authority = append(authority, span{scrub(r.Authority), styleTable})
		}
		if r.Subject != "" {
			authority = append(authority, span{scrub(r.Subject), styleMuted})
		}
		if full && (r.Applicant != "" || r.ApplicantContact != "") {
			authority = append(authority, span{t.T("col.applicant") + ": " + joinNonEmpty(", ", r.Applicant, r.ApplicantContact), styleMuted})
		}
		sent := []span{{t.Date(r.SentOn, false), styleTable}}
		if r.Via != "" {
			sent = append(sent, span{t.Enum("via", string(r.Via)), styleMuted})
		}
		st := r.StatusAt(now)
		stStyle := styleTable
		if st == cases.RequestOverdue {
			stStyle = styleOverdue
		}
		answer := []span{{t.Date(r.AnsweredOn, false), styleTable}}
		if r.Answer != "" {
			answer = append(answer, span{scrub(r.Answer), styleTable})
		}
		rows = append(rows, [][]span{
			authority,
			sent,
			{{scrub(r.Reference), styleTable}},
			{{t.Date(r.Due(), false), styleTable}},
			{{t.Enum("request_status", string(st)), stStyle}},
			answer,
		})
	}
	return rows
}

func followupSection(d *doc, fs []cases.FollowUp) {
	t := d.t
	d.heading(t.T("section.followups"))
	if len(fs) == 0 {
		d.paragraph(t.T("doc.none"), styleMuted)
		return
	}
	cols := []column{
		{t.T("col.due"), 0.15, "L"},
		{t.T("col.owner"), 0.18, "L"},
		{t.T("col.note"), 0.52, "L"},
		{t.T("col.request_status"), 0.15, "L"},
	}
	var rows [][][]span
	for _, f := range fs {
		done := ""
		if f.Done {
			done = t.T("doc.done")
		}
		rows = append(rows, [][]span{
			{{t.Date(f.Due, false), styleTable}},
			{{f.Owner, styleTable}},
			{{f.Note, styleTable}},
			{{done, styleMuted}},
		})
	}
	d.table(cols, rows, tableOpts{header: true, rules: true})
}
