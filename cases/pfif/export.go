package pfif

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"kintrace/cases"
	"kintrace/cases/report"
	"kintrace/cases/search"
)

// ExportOptions choose how cases are written as PFIF.
type ExportOptions struct {
	// Lang is the language of the texts composed for other systems (the
	// person's description, the notes' summary lines); "" is English.
	Lang report.Lang
	// Author is the author_name of person records: the organisation or
	// advocate exporting, never a reporter. "" writes "Kintrace".
	Author string
	// Profile decides which reporters' names and contacts are blanked in
	// free text; "" is cases.RedactReporterIdentity. Reporter records are
	// never exported.
	Profile cases.Redaction
	// Now is the fallback source_date of a case without a creation time;
	// the zero time means the current time.
	Now time.Time
	// Progress, if set, is called after each case with the number done and
	// the total.
	Progress func(done, total int)
}

// Export writes cs as one PFIF 1.4 document.
func Export(ctx context.Context, w io.Writer, cs []cases.Case, opt ExportOptions) error {
	if opt.Profile == "" {
		opt.Profile = cases.RedactReporterIdentity
	}
	profile, err := cases.ParseRedaction(string(opt.Profile))
	if err != nil {
		return err
	}
	opt.Profile = profile
	if _, err := report.ParseLang(string(opt.Lang)); err != nil {
		return err
	}
	if opt.Author == "" {
		opt.Author = "Kintrace"
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	bw := bufio.NewWriter(w)
	x := &xmlWriter{w: bw}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.raw(`<pfif:pfif xmlns:pfif="` + Namespace + `" xmlns:kt="` + ExtNamespace + `">` + "\n")
	t := report.LabelsFor(opt.Lang)
	for i, c := range cs {
		if err := ctx.Err(); err != nil {
			return err
		}
		writePerson(x, t, c, opt)
		if x.err != nil {
			return fmt.Errorf("pfif: writing: %w", x.err)
		}
		if opt.Progress != nil {
			opt.Progress(i+1, len(cs))
		}
	}
	x.raw("</pfif:pfif>\n")
	if x.err != nil {
		return fmt.Errorf("pfif: writing: %w", x.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("pfif: writing: %w", err)
	}
	return nil
}

// xmlWriter writes indented elements, keeping the first error.
type xmlWriter struct {
	w   *bufio.Writer
	err error
}

func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

func escape(s string) string {
	var b strings.Builder
	// EscapeText also replaces characters XML cannot hold with U+FFFD.
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// field writes <prefix:name>value</prefix:name> unless value is empty.
func (x *xmlWriter) field(indent, prefix, name, value string, attrs ...string) {
	if value == "" && len(attrs) == 0 {
		return
	}
	// Line breaks stay literal in element text (XML keeps them there);
	// only attributes need them escaped.
	text := strings.ReplaceAll(escape(value), "&#xA;", "\n")
	x.raw(indent + "<" + prefix + ":" + name + attrString(attrs) + ">" + text + "</" + prefix + ":" + name + ">\n")
}

func attrString(attrs []string) string {
	var b strings.Builder
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		b.WriteString(" " + attrs[i] + `="` + escape(attrs[i+1]) + `"`)
	}
	return b.String()
}

func writePerson(x *xmlWriter, t *report.Labels, c cases.Case, opt ExportOptions) {
	scrub := report.Scrubber(opt.Profile, c.Reporters, t.T("doc.withheld"), c.Requests...)
	p := c.Person
	id := Domain + "/" + c.ID
	source := c.CreatedAt
	if source.IsZero() {
		source = opt.Now
	}
	const in = "    "
	x.raw("  <pfif:person>\n")
	x.field(in, "pfif", "person_record_id", id)
	if !c.UpdatedAt.IsZero() {
		x.field(in, "pfif", "entry_date", formatTime(c.UpdatedAt))
	}
	x.field(in, "pfif", "author_name", opt.Author)
	x.field(in, "pfif", "source_name", "Kintrace")
	x.field(in, "pfif", "source_date", formatTime(source))
	x.field(in, "pfif", "full_name", p.Name)
	given, family := splitName(p.Name)
	x.field(in, "pfif", "given_name", given)
	x.field(in, "pfif", "family_name", family)
	x.field(in, "pfif", "alternate_names", strings.Join(p.Aliases, "\n"))
	x.field(in, "pfif", "description", description(t, p, scrub))
	switch p.Sex {
	case cases.SexMale, cases.SexFemale, cases.SexOther:
		x.field(in, "pfif", "sex", string(p.Sex))
	}
	x.field(in, "pfif", "date_of_birth", birthDate(p.BirthDate))
	x.field(in, "pfif", "age", age(p.BirthDate, source))
	if home, ok := homePlace(c.Places); ok {
		x.field(in, "pfif", "home_city", scrub(home.Name))
		x.field(in, "pfif", "home_state", home.Region)
	}

	// Kintrace's own facts, read back on import.
	x.raw(in + `<kt:case` + attrString([]string{"status", string(c.Status),
		"pseudonym", strconv.FormatBool(p.Pseudonym)}) + ">\n")
	const in2 = in + "  "
	x.field(in2, "kt", "features", scrub(p.Features))
	for _, ph := range p.Phones {
		x.field(in2, "kt", "phone", ph)
	}
	for _, h := range p.Handles {
		x.field(in2, "kt", "handle", h.Value, "channel", string(h.Channel))
	}
	x.field(in2, "kt", "facility", p.Facility)
	x.field(in2, "kt", "region", p.Region)
	x.field(in2, "kt", "unit", p.Unit)
	x.field(in2, "kt", "recruited_by", scrub(p.RecruitedBy))
	x.field(in2, "kt", "recruited_on", p.RecruitedOn.String())
	x.raw(in + "</kt:case>\n")

	for i, e := range c.Events {
		writeEventNote(x, t, c, i, e, source, opt, scrub)
	}
	for i, pl := range c.Places {
		writePlaceNote(x, t, c, i, pl, source, opt, scrub)
	}
	for i, r := range c.Requests {
		writeRequestNote(x, t, c, i, r, source, opt, scrub)
	}
	x.raw("  </pfif:person>\n")
}

func writeEventNote(x *xmlWriter, t *report.Labels, c cases.Case, i int, e cases.Event, fallback time.Time,
	opt ExportOptions, scrub func(string) string) {
	const in = "      "
	x.raw("    <pfif:note>\n")
	x.field(in, "pfif", "note_record_id", Domain+"/"+c.ID+".event"+strconv.Itoa(i+1))
	x.field(in, "pfif", "person_record_id", Domain+"/"+c.ID)
	if !c.UpdatedAt.IsZero() {
		x.field(in, "pfif", "entry_date", formatTime(c.UpdatedAt))
	}
	author := scrub(e.Source)
	if strings.TrimSpace(author) == "" {
		author = opt.Author
	}
	x.field(in, "pfif", "author_name", author)
	x.field(in, "pfif", "source_date", formatTime(dateOr(e.Date, fallback)))
	x.field(in, "pfif", "status", noteStatus(e.Type))
	x.field(in, "pfif", "last_known_location", scrub(e.Place))
	x.field(in, "pfif", "text", noteText(t, e, scrub))
	x.raw(in + `<kt:event` + attrString([]string{"type", string(e.Type), "date", e.Date.String(),
		"approx", boolAttr(e.Approx), "channel", string(e.Channel), "verification", string(e.Verification),
		"origin", string(e.Origin), "confirmed_by", string(e.ConfirmedBy)}) + ">\n")
	x.field(in+"  ", "kt", "from", scrub(e.From))
	x.field(in+"  ", "kt", "source", scrub(e.Source))
	x.field(in+"  ", "kt", "text", scrub(e.Text))
	x.raw(in + "</kt:event>\n")
	x.raw("    </pfif:note>\n")
}

func writePlaceNote(x *xmlWriter, t *report.Labels, c cases.Case, i int, pl cases.Place, fallback time.Time,
	opt ExportOptions, scrub func(string) string) {
	const in = "      "
	x.raw("    <pfif:note>\n")
	x.field(in, "pfif", "note_record_id", Domain+"/"+c.ID+".place"+strconv.Itoa(i+1))
	x.field(in, "pfif", "person_record_id", Domain+"/"+c.ID)
	if !c.UpdatedAt.IsZero() {
		x.field(in, "pfif", "entry_date", formatTime(c.UpdatedAt))
	}
	x.field(in, "pfif", "author_name", opt.Author)
	x.field(in, "pfif", "source_date", formatTime(dateOr(pl.Date, fallback)))
	location := scrub(pl.Name)
	if !strings.Contains(search.Fold(location), search.Fold(pl.Region)) {
		location = strings.Join(nonEmpty(location, pl.Region), ", ")
	}
	x.field(in, "pfif", "last_known_location", location)
	x.field(in, "pfif", "text", strings.Join(nonEmpty(
		t.T("summary.last_place")+": "+location,
		joinPair(t.T("col.kind"), t.Enum("place_kind", string(pl.Kind))),
		joinPair(t.T("col.confidence"), t.Enum("confidence", string(pl.Confidence))),
		joinPair(t.T("col.date"), t.Date(pl.Date, false)),
		joinPair(t.T("col.source"), scrub(pl.Source)),
	), "\n"))
	attrs := []string{"date", pl.Date.String(), "kind", string(pl.Kind), "confidence", string(pl.Confidence)}
	if pl.Lat != nil && pl.Lon != nil {
		attrs = append(attrs, "lat", strconv.FormatFloat(*pl.Lat, 'f', -1, 64),
			"lon", strconv.FormatFloat(*pl.Lon, 'f', -1, 64))
	}
	x.raw(in + `<kt:place` + attrString(attrs) + ">\n")
	x.field(in+"  ", "kt", "name", scrub(pl.Name))
	x.field(in+"  ", "kt", "region", pl.Region)
	x.field(in+"  ", "kt", "source", scrub(pl.Source))
	x.raw(in + "</kt:place>\n")
	x.raw("    </pfif:note>\n")
}

func boolAttr(b bool) string {
	if b {
		return "true"
	}
	return ""
}

func dateOr(d cases.Date, fallback time.Time) time.Time {
	if d.IsZero() {
		return fallback
	}
	return d.Time()
}

// noteStatus maps an event to what it says of the person, in PFIF's terms.
func noteStatus(t cases.EventType) string {
	switch t {
	case cases.EventContactLost:
		return statusBelievedMissing
	case cases.EventDeathNotice:
		return statusBelievedDead
	case cases.EventContactRestored, cases.EventSighting:
		return statusBelievedAlive
	}
	return ""
}

// noteText is what other systems show of an event: its type and date, the
// words, then channel, sender and verification.
func noteText(t *report.Labels, e cases.Event, scrub func(string) string) string {
	head := strings.Join(nonEmpty(t.Enum("event", string(e.Type)), t.Date(e.Date, e.Approx)), ", ")
	from := ""
	if e.From != "" {
		from = t.T("event.from", "value", scrub(e.From))
	}
	return strings.Join(nonEmpty(head, scrub(e.Text),
		joinPair(t.T("col.channel"), t.Enum("channel", string(e.Channel))), from,
		joinPair(t.T("col.verification"), t.Enum("verification", string(e.Verification)))), "\n")
}

// description is the person's description for other systems: the
// identifying features, then the facts PFIF has no field for.
func description(t *report.Labels, p cases.Person, scrub func(string) string) string {
	var handles []string
	for _, h := range p.Handles {
		handles = append(handles, t.Enum("channel", string(h.Channel))+": "+h.Value)
	}
	pseudonym := ""
	if p.Pseudonym {
		pseudonym = t.T("pfif.pseudonym")
	}
	return strings.Join(nonEmpty(
		scrub(p.Features),
		pseudonym,
		joinPair(t.T("person.phones"), strings.Join(p.Phones, ", ")),
		joinPair(t.T("person.handles"), strings.Join(handles, ", ")),
		joinPair(t.T("person.facility"), p.Facility),
		joinPair(t.T("person.region"), p.Region),
		joinPair(t.T("person.unit"), p.Unit),
		joinPair(t.T("person.recruited_by"), scrub(p.RecruitedBy)),
		joinPair(t.T("person.recruited_on"), t.Date(p.RecruitedOn, false)),
	), "\n")
}

func joinPair(label, value string) string {
	if strings.TrimSpace(value) == "" {
		return ""
	}
	return label + ": " + value
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// splitName guesses given and family names from a full name, as PFIF 1.4
// asks for them "if available": "Сергей Павлович Лебедев" (given,
// patronymic, family) and "Лебедев Сергей Павлович" (family first, as in
// official Russian and Ukrainian papers) are told apart by the patronymic's
// ending; two words are taken as given then family. Anything else is left
// to full_name alone.
func splitName(full string) (given, family string) {
	w := strings.Fields(full)
	switch len(w) {
	case 2:
		return w[0], w[1]
	case 3:
		switch {
		case isPatronymic(w[1]):
			return w[0], w[2]
		case isPatronymic(w[2]):
			return w[1], w[0]
		}
	}
	return "", ""
}

func isPatronymic(s string) bool {
	s = strings.ToLower(s)
	for _, suf := range []string{"вич", "вна", "чна", "ична", "ьич", "ович", "евич", "івна", "ївна",
		"ovich", "evich", "ovna", "evna", "ichna"} {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// birthDate writes a date of birth in the forms PFIF allows (YYYY,
// YYYY-MM, YYYY-MM-DD).
func birthDate(d cases.Date) string {
	switch d.Precision() {
	case cases.PrecisionNone:
		return ""
	case cases.PrecisionYear, cases.PrecisionMonth, cases.PrecisionDay:
		return d.String()
	}
	return d.Time().Format(time.DateOnly)
}

// age is the person's age at the record's source date: exact when the day
// of birth is known, else the range PFIF allows ("34-35").
func age(born cases.Date, at time.Time) string {
	if born.IsZero() || at.IsZero() {
		return ""
	}
	b, at := born.Time(), at.UTC()
	years := at.Year() - b.Year()
	lo, hi := years-1, years
	switch born.Precision() {
	case cases.PrecisionMonth:
		switch {
		case at.Month() > b.Month():
			lo = years
		case at.Month() < b.Month():
			hi = years - 1
		}
	case cases.PrecisionDay, cases.PrecisionTime:
		if at.Month() < b.Month() || at.Month() == b.Month() && at.Day() < b.Day() {
			hi = years - 1
		}
		lo = hi
	}
	if hi < 0 {
		return ""
	}
	lo = max(lo, 0)
	if lo == hi {
		return strconv.Itoa(hi)
	}
	return strconv.Itoa(lo) + "-" + strconv.Itoa(hi)
}

// homePlace is the latest place of kind home, exported as the home address.
func homePlace(ps []cases.Place) (cases.Place, bool) {
	var best cases.Place
	found := false
	for _, p := range ps {
		if p.Kind == cases.PlaceHome && (!found || p.Date.Compare(best.Date) > 0) {
			best, found = p, true
		}
	}
	return best, found
}
