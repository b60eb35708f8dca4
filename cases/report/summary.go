package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"kintrace/cases"
	"kintrace/cases/search"
)

// Summary is one case laid out with the facts a disappearance submission
// asks for (the UN Working Group on Enforced or Involuntary Disappearances,
// the ICRC, an ombudsperson): who the person is, when and where they were
// last seen or heard from, who is believed responsible, what the family has
// done, and the source and whether it consents to be named. It is built in
// one language under one redaction profile and written as PDF or plain text.
type Summary struct {
	Number   string
	Title    string
	Intro    string
	Status   Item
	Sections []Section
}

// Section is a numbered part of a Summary.
type Section struct {
	Title string
	Items []Item
}

// Item is one fact: a label and its value, or a paragraph when Label is
// empty.
type Item struct {
	Label, Value string
}

// BuildSummary lays out c as a Summary.
func BuildSummary(c cases.Case, opt Options) (Summary, error) {
	if err := opt.check(); err != nil {
		return Summary{}, err
	}
	t := opt.labels()
	red := newRedaction(opt.profile(), c.Reporters)
	withheld := t.T("doc.withheld")
	scrub := func(s string) string { return red.scrub(s, withheld) }
	s := Summary{
		Number: c.Number,
		Title:  t.T("doc.summary"),
		Intro:  t.T("summary.intro", "number", c.Number, "date", t.Day(opt.now())),
		Status: Item{t.T("summary.status"), t.Enum("status", string(c.Status))},
	}
	events := chronological(c.Events)

	// 1. Who.
	who := Section{Title: t.T("summary.who")}
	for _, r := range personRows(t, c.Person, scrub) {
		if r[0] == t.T("person.facility") || r[0] == t.T("person.region") || r[0] == t.T("person.unit") ||
			r[0] == t.T("person.recruited_by") || r[0] == t.T("person.recruited_on") {
			continue // under "believed responsible"
		}
		who.add(r[0], r[1])
	}
	s.Sections = append(s.Sections, who)

	// 2. When and where last seen or heard from.
	last := Section{Title: t.T("summary.last")}
	var lastContact, lastSign *cases.Event
	for i := range events {
		if events[i].IsConfirmedContactIn(&c.Person) {
			lastContact = &events[i]
		}
		if events[i].IsSignOfLife() {
			lastSign = &events[i]
		}
	}
	if lastContact != nil {
		last.add(t.T("summary.last_contact"), eventLine(t, c.Person, *lastContact, scrub))
	} else {
		last.add("", t.T("summary.no_contact"))
	}
	if lastSign != nil && lastSign != lastContact && (lastContact == nil || lastSign.Date.Compare(lastContact.Date) > 0) {
		last.add(t.T("summary.last_sign"), eventLine(t, c.Person, *lastSign, scrub))
	}
	if p, ok := latestPlace(c.Places); ok {
		last.add(t.T("summary.last_place"), placeLine(t, p, scrub))
	}
	for _, e := range events {
		switch e.Type {
		case cases.EventContactLost:
			last.add(t.T("summary.contact_lost"), eventLine(t, c.Person, e, scrub))
		case cases.EventFoundOnList: // a prisoner-of-war or hospital list naming him
			last.add(t.Enum("event", string(e.Type)), eventLine(t, c.Person, e, scrub))
		}
	}
	s.Sections = append(s.Sections, last)

	// 3. Who is believed responsible.
	resp := Section{Title: t.T("summary.responsible")}
	resp.add(t.T("summary.recruited"), joinNonEmpty(", ", scrub(c.Person.RecruitedBy), t.Date(c.Person.RecruitedOn, false)))
	resp.add(t.T("person.unit"), c.Person.Unit)
	resp.add(t.T("person.facility"), joinNonEmpty(", ", c.Person.Facility, c.Person.Region))
	for _, e := range events {
		switch e.Type {
		case cases.EventRecruitmentVisit, cases.EventTransfer, cases.EventQuarantine:
			resp.add(t.Enum("event", string(e.Type)), eventLine(t, c.Person, e, scrub))
		}
	}
	s.Sections = append(s.Sections, resp)

	// 4. What the family has done.
	acts := Section{Title: t.T("summary.actions")}
	for _, e := range events {
		switch e.Type {
		case cases.EventOfficialReply, cases.EventMessageSent:
			acts.add(t.Enum("event", string(e.Type)), eventLine(t, c.Person, e, scrub))
		}
	}
	if len(acts.Items) == 0 {
		acts.add("", t.T("summary.no_actions"))
	}
	s.Sections = append(s.Sections, acts)

	// 5. Source and consent.
	src := Section{Title: t.T("summary.source")}
	for _, r := range red.shown {
		src.add(t.T("summary.reporter"), joinNonEmpty(", ", r.Name, r.Relation, consentPhrase(t, r.Consent)))
	}
	for _, r := range red.withheld {
		src.add(t.T("summary.reporter"), joinNonEmpty(", ", withheld, r.Relation, consentPhrase(t, r.Consent)))
	}
	if len(c.Reporters) == 0 {
		src.add("", t.T("summary.no_reporters"))
	}
	var sources []string
	for _, e := range events {
		if src := strings.TrimSpace(scrub(e.Source)); src != "" && !slices.Contains(sources, src) {
			sources = append(sources, src)
		}
	}
	src.add(t.T("summary.sources"), strings.Join(sources, "; "))
	s.Sections = append(s.Sections, src)
	return s, nil
}

func (s *Section) add(label, value string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	s.Items = append(s.Items, Item{label, value})
}

// eventLine writes an event in one line: date, type, channel and sender,
// place, the words, and how far it is verified.
func eventLine(t *Labels, p cases.Person, e cases.Event, scrub func(string) string) string {
	head := joinNonEmpty(", ", t.Date(e.Date, e.Approx), t.Enum("event", string(e.Type)),
		t.Enum("channel", string(e.Channel)))
	if e.From != "" {
		head = joinNonEmpty(", ", head, t.T("event.from", "value", scrub(e.From)))
	}
	if e.Place != "" {
		head = joinNonEmpty(", ", head, t.T("event.place", "value", scrub(e.Place)))
	}
	line := head
	if text := strings.TrimSpace(scrub(e.Text)); text != "" {
		line += ": " + text
	}
	var tail []string
	if e.Source != "" {
		tail = append(tail, t.T("col.source")+": "+scrub(e.Source))
	}
	if o := e.OriginIn(&p); o != "" && e.Type.IsContact() {
		tail = append(tail, t.Enum("origin", string(o)))
	}
	if e.Verification != "" {
		tail = append(tail, t.Enum("verification", string(e.Verification)))
	}
	if e.ConfirmedBy != "" {
		tail = append(tail, t.Enum("confirmed_by", string(e.ConfirmedBy)))
	}
	if len(tail) > 0 {
		line += " (" + strings.Join(tail, "; ") + ")"
	}
	return line
}

func latestPlace(ps []cases.Place) (cases.Place, bool) {
	if len(ps) == 0 {
		return cases.Place{}, false
	}
	best := ps[0]
	for _, p := range ps[1:] {
		if p.Date.Compare(best.Date) > 0 {
			best = p
		}
	}
	return best, true
}

func placeLine(t *Labels, p cases.Place, scrub func(string) string) string {
	line := scrub(p.Name)
	if !strings.Contains(search.Fold(line), search.Fold(p.Region)) {
		line = joinNonEmpty(", ", line, p.Region)
	}
	if p.Lat != nil && p.Lon != nil {
		line = joinNonEmpty(", ", line, fmt.Sprintf("%.5f, %.5f", *p.Lat, *p.Lon))
	}
	extra := joinNonEmpty("; ", t.Enum("place_kind", string(p.Kind)), t.Date(p.Date, false),
		t.Enum("confidence", string(p.Confidence)), scrub(p.Source))
	if extra != "" {
		line += " (" + extra + ")"
	}
	return line
}

func consentPhrase(t *Labels, c cases.Consent) string {
	switch c {
	case cases.ConsentPublic:
		return t.T("summary.consent_named")
	case cases.ConsentPartners:
		return t.T("summary.consent_partners")
	}
	return t.T("summary.consent_internal")
}

// WriteText writes s as plain text for pasting into a web form: no hard
// line wrapping, a blank line between sections.
func (s Summary) WriteText(w io.Writer) error {
	var b strings.Builder
	b.WriteString(strings.ToUpper(s.Title) + " — " + s.Number + "\n")
	b.WriteString(s.Intro + "\n")
	b.WriteString(s.Status.Label + ": " + s.Status.Value + "\n")
	for _, sec := range s.Sections {
		b.WriteString("\n" + sec.Title + "\n")
		for _, it := range sec.Items {
			if it.Label == "" {
				b.WriteString(it.Value + "\n")
			} else {
				b.WriteString(it.Label + ": " + it.Value + "\n")
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// SummaryText writes the submission summary of c as plain text.
func SummaryText(w io.Writer, c cases.Case, opt Options) error {
	s, err := BuildSummary(c, opt)
	if err != nil {
		return err
	}
	return s.WriteText(w)
}

// SummaryPDF writes the submission summary of c as a PDF.
func SummaryPDF(w io.Writer, c cases.Case, opt Options) error {
	s, err := BuildSummary(c, opt)
	if err != nil {
		return err
	}
	t := opt.labels()
	d := newDoc(t, s.Title+" "+c.Number, opt.now())
	d.startPart(s.Title+" "+c.Number+"  ·  "+personName(t, c.Person), c.Number)
	titleBlock(d, s.Title, personName(t, c.Person), c.Number+"  ·  "+s.Status.Value)
	d.paragraph(s.Intro, styleBody)
	d.pdf.Ln(1)
	d.keyValues([][2]string{{s.Status.Label, s.Status.Value}})
	for _, sec := range s.Sections {
		d.heading(sec.Title)
		var rows [][2]string
		flush := func() {
			if len(rows) > 0 {
				d.keyValues(rows)
				rows = nil
			}
		}
		for _, it := range sec.Items {
			if it.Label == "" {
				flush()
				d.paragraph(it.Value, styleBody)
				continue
			}
			rows = append(rows, [2]string{it.Label, it.Value})
		}
		flush()
	}
	if opt.Progress != nil {
		opt.Progress(1, 1)
	}
	return d.finish(w)
}
