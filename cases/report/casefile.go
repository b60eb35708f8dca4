package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"kintrace/cases"
)

// ErrNoCases reports a document asked for without any case.
var ErrNoCases = errors.New("report: no cases selected")

// CaseFile writes cs as one PDF: each case starts on a new page with its
// number, status and dates, then the missing person, the timeline with
// sources and verification, the places, the promises, the requests to
// authorities, the reporters the profile allows and, in the full profile
// only, the follow-ups and the advocate's notes. Every
// page carries a "confidential" footer and its page number.
func CaseFile(ctx context.Context, w io.Writer, cs []cases.Case, opt Options) error {
	if len(cs) == 0 {
		return ErrNoCases
	}
	if err := opt.check(); err != nil {
		return err
	}
	t := opt.labels()
	title := t.T("doc.casefile") + " " + cs[0].Number
	if len(cs) > 1 {
		title = t.T("doc.casefiles") + " (" + strconv.Itoa(len(cs)) + ")"
	}
	d := newDoc(t, title, opt.now())
	for i, c := range cs {
		if err := ctx.Err(); err != nil {
			return err
		}
		writeCase(d, c, opt)
		if opt.Progress != nil {
			opt.Progress(i+1, len(cs))
		}
	}
	return d.finish(w)
}

func writeCase(d *doc, c cases.Case, opt Options) {
	t := d.t
	red := newRedaction(opt.profile(), c.Reporters)
	red.addApplicants(c.Requests)
	withheld := t.T("doc.withheld")
	scrub := func(s string) string { return red.scrub(s, withheld) }

	d.startPart(t.T("doc.casefile")+" "+c.Number+"  ·  "+personName(t, c.Person), c.Number)
	titleBlock(d, t.T("doc.casefile"), personName(t, c.Person),
		c.Number+"  ·  "+t.Enum("status", string(c.Status)))

	meta := [][2]string{
		{t.T("meta.number"), c.Number},
		{t.T("meta.status"), t.Enum("status", string(c.Status))},
		{t.T("meta.priority"), t.Enum("priority", string(c.Priority))},
		{t.T("meta.opened"), t.Day(c.CreatedAt)},
		{t.T("meta.updated"), joinNonEmpty(", ", t.Day(c.UpdatedAt), versionLabel(t, c.Version))},
	}
	if red.profile == cases.RedactNone {
		meta = append(meta, [2]string{t.T("meta.assigned"), c.AssignedTo},
			[2]string{t.T("meta.tags"), strings.Join(c.Tags, ", ")})
	}
	meta = append(meta, [2]string{t.T("meta.prepared"), t.Day(opt.now())},
		[2]string{t.T("meta.redaction"), t.T("redact." + string(red.profile))})
	d.keyValues(meta)

	d.heading(t.T("section.person"))
	d.keyValues(personRows(t, c.Person, scrub))

	d.heading(t.T("section.timeline"))
	if len(c.Events) == 0 {
		d.paragraph(t.T("doc.none"), styleMuted)
	} else {
		d.table(timelineColumns(t), timelineRows(t, c.Person, c.Events, scrub), tableOpts{header: true, rules: true})
	}

	d.heading(t.T("section.places"))
	if len(c.Places) == 0 {
		d.paragraph(t.T("doc.none"), styleMuted)
	} else {
		d.table(placeColumns(t), placeRows(t, c.Places, scrub), tableOpts{header: true, rules: true})
	}

	d.heading(t.T("section.promises"))
	if len(c.Promises) == 0 {
		d.paragraph(t.T("doc.none"), styleMuted)
	} else {
		d.table(promiseColumns(t), promiseRows(t, c.Promises, scrub), tableOpts{header: true, rules: true})
	}

	requestSection(d, c.Requests, red, opt.now(), scrub)

	d.heading(t.T("section.reporters"))
	reporterSection(d, red)

	if red.profile == cases.RedactNone && len(c.FollowUps) > 0 {
		followupSection(d, c.FollowUps)
	}

	if red.profile == cases.RedactNone && strings.TrimSpace(c.Notes) != "" {
		d.heading(t.T("section.notes"))
		d.paragraph(c.Notes, styleBody)
	}
}

// titleBlock sets the top of a part's first page: the kind of document and
// "confidential" on one line, the person's name large, a subtitle, a rule.
func titleBlock(d *doc, kind, name, subtitle string) {
	t := d.t
	d.pdf.SetY(marginTop - 4)
	d.setStyle(style{size: 8.5, bold: true, color: colMuted})
	d.pdf.SetX(marginLeft)
	d.pdf.CellFormat(d.width()/2, 5, d.clean(strings.ToUpper(kind), false), "", 0, "L", false, 0, "")
	d.setStyle(style{size: 8.5, bold: true, color: colAlert})
	d.pdf.CellFormat(d.width()/2, 5, d.clean(t.T("doc.confidential"), false), "", 1, "R", false, 0, "")
	d.pdf.Ln(2)
	d.paragraph(name, style{size: 19, bold: true, color: colText})
	d.pdf.Ln(0.5)
	d.paragraph(subtitle, style{size: 10.5, color: colMuted})
	y := d.pdf.GetY() + 2
	d.rule(y, colHeading, 0.6)
	d.pdf.SetY(y + 3)
}

func personName(t *Labels, p cases.Person) string {
	if p.Pseudonym {
		return p.Name + " " + t.T("doc.pseudonym")
	}
	return p.Name
}

func versionLabel(t *Labels, v int64) string {
	if v <= 0 {
		return ""
	}
	return t.T("meta.version", "version", strconv.FormatInt(v, 10))
}

func personRows(t *Labels, p cases.Person, scrub func(string) string) [][2]string {
	var handles []string
	for _, h := range p.Handles {
		handles = append(handles, t.Enum("channel", string(h.Channel))+": "+h.Value)
	}
	return [][2]string{
		{t.T("person.name"), personName(t, p)},
		{t.T("person.aliases"), strings.Join(p.Aliases, ", ")},
		{t.T("person.birth_date"), t.Date(p.BirthDate, false)},
		{t.T("person.sex"), t.Enum("sex", string(p.Sex))},
		{t.T("person.features"), scrub(p.Features)},
		{t.T("person.phones"), strings.Join(p.Phones, ", ")},
		{t.T("person.handles"), strings.Join(handles, ", ")},
		{t.T("person.facility"), p.Facility},
		{t.T("person.region"), p.Region},
		{t.T("person.unit"), p.Unit},
		{t.T("person.recruited_by"), scrub(p.RecruitedBy)},
		{t.T("person.recruited_on"), t.Date(p.RecruitedOn, false)},
	}
}

// chronological returns the events in the order they are known to have
// happened by: sorted by the end of their date's period ("July 2022" after
// "10 July 2022", "2022" after both), undated ones last, in their recorded
// order where that is equal.
func chronological(es []cases.Event) []cases.Event {
	out := slices.Clone(es)
	slices.SortStableFunc(out, func(a, b cases.Event) int {
		switch {
		case a.Date.IsZero() && b.Date.IsZero():
			return 0
		case a.Date.IsZero():
			return 1
		case b.Date.IsZero():
			return -1
		}
		return periodEnd(a.Date).Compare(periodEnd(b.Date))
	})
	return out
}

// periodEnd is the last instant of the period d names.
func periodEnd(d cases.Date) time.Time {
	t := d.Time()
	switch d.Precision() {
	case cases.PrecisionYear:
		return t.AddDate(1, 0, 0).Add(-time.Nanosecond)
	case cases.PrecisionMonth:
		return t.AddDate(0, 1, 0).Add(-time.Nanosecond)
	case cases.PrecisionDay:
		return t.AddDate(0, 0, 1).Add(-time.Nanosecond)
	}
	return t
}

func timelineColumns(t *Labels) []column {
	return []column{
		{t.T("col.date"), 0.13, "L"},
		{t.T("col.type"), 0.15, "L"},
		{t.T("col.channel"), 0.11, "L"},
		{t.T("col.details"), 0.35, "L"},
		{t.T("col.source"), 0.12, "L"},
		{t.T("col.verification"), 0.14, "L"},
	}
}

func timelineRows(t *Labels, p cases.Person, es []cases.Event, scrub func(string) string) [][][]span {
	var rows [][][]span
	for _, e := range chronological(es) {
		details := []span{{scrub(e.Text), styleTable}}
		if e.From != "" {
			details = append(details, span{t.T("event.from", "value", scrub(e.From)), styleMuted})
		}
		if e.Place != "" {
			details = append(details, span{t.T("event.place", "value", scrub(e.Place)), styleMuted})
		}
		if o := e.OriginIn(&p); o != "" && e.Type.IsContact() {
			details = append(details, span{t.Enum("origin", string(o)), styleMuted})
		}
		verification := []span{{t.Enum("verification", string(e.Verification)), verificationStyle(e.Verification)}}
		if e.ConfirmedBy != "" {
			verification = append(verification, span{t.Enum("confirmed_by", string(e.ConfirmedBy)), styleMuted})
		}
		rows = append(rows, [][]span{
			{{t.Date(e.Date, e.Approx), styleTable}},
			{{t.Enum("event", string(e.Type)), styleTableB}},
			{{t.Enum("channel", string(e.Channel)), styleTable}},
			details,
			{{scrub(e.Source), styleTable}},
			verification,
		})
	}
	return rows
}

// verificationStyle sets confirmed facts in bold and disputed ones in red,
// so a reader sees at a glance what is established.
func verificationStyle(v cases.Verification) style {
	switch v {
	case cases.VerificationConfirmed:
		return styleTableB
	case cases.VerificationDisputed:
		return style{size: styleTable.size, color: colAlert}
	}
	return styleTable
}

func placeColumns(t *Labels) []column {
	return []column{
		{t.T("col.date"), 0.13, "L"},
		{t.T("col.place"), 0.27, "L"},
		{t.T("col.kind"), 0.13, "L"},
		{t.T("col.region"), 0.16, "L"},
		{t.T("col.source"), 0.16, "L"},
		{t.T("col.confidence"), 0.15, "L"},
	}
}

func placeRows(t *Labels, ps []cases.Place, scrub func(string) string) [][][]span {
	sorted := slices.Clone(ps)
	slices.SortStableFunc(sorted, func(a, b cases.Place) int { return b.Date.Compare(a.Date) })
	var rows [][][]span
	for _, p := range sorted {
		place := []span{{scrub(p.Name), styleTable}}
		if p.Lat != nil && p.Lon != nil {
			place = append(place, span{fmt.Sprintf("%.5f, %.5f", *p.Lat, *p.Lon), styleMuted})
		}
		rows = append(rows, [][]span{
			{{t.Date(p.Date, false), styleTable}},
			place,
			{{t.Enum("place_kind", string(p.Kind)), styleTable}},
			{{p.Region, styleTable}},
			{{scrub(p.Source), styleTable}},
			{{t.Enum("confidence", string(p.Confidence)), styleTable}},
		})
	}
	return rows
}

func promiseColumns(t *Labels) []column {
	return []column{
		{t.T("col.what"), 0.38, "L"},
		{t.T("col.amount"), 0.18, "R"},
		{t.T("col.by"), 0.28, "L"},
		{t.T("col.honoured"), 0.16, "L"},
	}
}

func promiseRows(t *Labels, ps []cases.Promise, scrub func(string) string) [][][]span {
	var rows [][][]span
	for _, p := range ps {
		honoured := t.T("doc.unknown")
		if p.Honoured != nil {
			honoured = t.T("doc.no")
			if *p.Honoured {
				honoured = t.T("doc.yes")
			}
		}
		rows = append(rows, [][]span{
			{{scrub(p.What), styleTable}},
			{{amount(t, p.Amount, p.Currency), styleTable}},
			{{scrub(p.By), styleTable}},
			{{honoured, styleTable}},
		})
	}
	return rows
}

// amount writes 200000 RUB as "200,000 RUB" in English and "200 000 RUB"
// in Russian and Ukrainian.
func amount(t *Labels, a *float64, currency string) string {
	if a == nil {
		return ""
	}
	sep, dec := ",", "."
	if t.Lang() != English {
		sep, dec = "\u00a0", ","
	}
	whole := math.Floor(*a)
	frac := int(math.Round((*a - whole) * 100))
	if frac == 100 {
		whole, frac = whole+1, 0
	}
	digits := strconv.FormatFloat(whole, 'f', 0, 64)
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if frac != 0 {
		b.WriteString(dec + fmt.Sprintf("%02d", frac))
	}
	return joinNonEmpty(" ", b.String(), currency)
}

func reporterSection(d *doc, red *redaction) {
	t := d.t
	if len(red.shown)+len(red.withheld) == 0 {
		d.paragraph(t.T("doc.none"), styleMuted)
		return
	}
	switch red.profile {
	case cases.RedactNone:
		d.table([]column{
			{t.T("col.name"), 0.18, "L"}, {t.T("col.relation"), 0.14, "L"}, {t.T("col.contact"), 0.22, "L"},
			{t.T("col.safety"), 0.22, "L"}, {t.T("col.consent"), 0.14, "L"}, {t.T("col.language"), 0.10, "L"},
		}, reporterRows(t, red.shown, true), tableOpts{header: true, rules: true})
	case cases.RedactPublicOnly:
		if len(red.shown) > 0 {
			d.table([]column{
				{t.T("col.name"), 0.34, "L"}, {t.T("col.relation"), 0.28, "L"},
				{t.T("col.consent"), 0.22, "L"}, {t.T("col.language"), 0.16, "L"},
			}, reporterRows(t, red.shown, false), tableOpts{header: true, rules: true})
		}
		if len(red.withheld) > 0 {
			d.pdf.Ln(1.5)
			d.paragraph(t.T("reporters.withheld_some", "n", strconv.Itoa(len(red.withheld))), styleMuted)
		}
	default:
		d.paragraph(t.T("reporters.withheld_all", "n", strconv.Itoa(len(red.withheld))), styleMuted)
		d.pdf.Ln(1)
		var rows [][][]span
		for _, r := range red.withheld {
			rows = append(rows, [][]span{
				{{r.Relation, styleTable}},
				{{t.Enum("consent", string(r.Consent)), styleTable}},
				{{r.Language, styleTable}},
			})
		}
		d.table([]column{{t.T("col.relation"), 0.4, "L"}, {t.T("col.consent"), 0.4, "L"}, {t.T("col.language"), 0.2, "L"}},
			rows, tableOpts{header: true, rules: true})
	}
}

func reporterRows(t *Labels, rs []cases.Reporter, full bool) [][][]span {
	var rows [][][]span
	for _, r := range rs {
		name := r.Name
		if r.Pseudonym {
			name += " " + t.T("doc.pseudonym")
		}
		row := [][]span{{{name, styleTableB}}, {{r.Relation, styleTable}}}
		if full {
			row = append(row, []span{{r.Contact, styleTable}}, []span{{r.Safety, styleTable}})
		}
		row = append(row, []span{{t.Enum("consent", string(r.Consent)), styleTable}}, []span{{r.Language, styleTable}})
		rows = append(rows, row)
	}
	return rows
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
