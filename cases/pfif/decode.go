package pfif

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"kintrace/cases"
	"kintrace/cases/report"
)

// ImportOptions choose how PFIF records become cases.
type ImportOptions struct {
	// Lang is the language of the lines Decode adds to a case's notes for
	// what has no field of its own (a foreign record id, an age, a photo
	// address); "" is English.
	Lang report.Lang
}

// Decode reads a PFIF 1.4 document and returns one new case per person
// record, with the person's notes as timeline events (or places, for notes
// Kintrace wrote from places), each validated. The parse is strict: the
// document must be UTF-8 PFIF 1.4 with no DTD, every PFIF element must be one
// the standard defines and appear once per record, and the limits
// MaxDocument, MaxPersons, MaxNotesPerPerson and MaxField hold. Elements of
// other namespaces are skipped, except Kintrace's own. Cases keep their id
// when the record id is in Domain; others get an id derived from the record
// id, so a second import of the same file fails with cases.ErrExists
// instead of adding copies. Errors wrap ErrInvalid, ErrVersion or
// ErrTooLarge and name records by position, never by content.
func Decode(r io.Reader, opt ImportOptions) ([]cases.Case, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxDocument+1))
	if err != nil {
		return nil, fmt.Errorf("pfif: reading: %w", err)
	}
	if len(data) > MaxDocument {
		return nil, ErrTooLarge
	}
	persons, err := parse(data)
	if err != nil {
		return nil, err
	}
	t := report.LabelsFor(opt.Lang)
	out := make([]cases.Case, 0, len(persons))
	seen := map[string]bool{}
	for i, p := range persons {
		c, err := toCase(t, p)
		if err != nil {
			return nil, fmt.Errorf("pfif: person %d: %w", i+1, err)
		}
		if seen[c.ID] {
			return nil, fmt.Errorf("%w: person %d repeats an earlier person_record_id", ErrInvalid, i+1)
		}
		seen[c.ID] = true
		if err := c.Validate(); err != nil {
			return nil, fmt.Errorf("pfif: person %d: %w", i+1, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// record is a parsed person or note.
type record struct {
	fields map[string]string
	ext    *extElem
	notes  []*record
}

// extElem is one of Kintrace's elements: kt:case, kt:event or kt:place.
type extElem struct {
	name     string
	attrs    map[string]string
	children []extChild
}

type extChild struct {
	name, channel, text string
}

func (e *extElem) child(name string) string {
	for _, c := range e.children {
		if c.name == name {
			return c.text
		}
	}
	return ""
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

// syntaxError reports a decoder error by line only: its text may quote the
// document.
func syntaxError(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return invalid("malformed XML at line %d", se.Line)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return invalid("the document ends early")
	}
	return invalid("malformed XML")
}

// shortName bounds an element name quoted in an error.
func shortName(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strconv.Quote(s)
}

type parser struct {
	dec *xml.Decoder
}

func (p *parser) token() (xml.Token, error) {
	tok, err := p.dec.Token()
	if err != nil {
		return nil, syntaxError(err)
	}
	if _, ok := tok.(xml.Directive); ok {
		return nil, invalid("DTDs and other directives are not allowed")
	}
	return tok, nil
}

func parse(data []byte) ([]*record, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	// No CharsetReader: a document declaring another encoding than UTF-8
	// is refused by the decoder.
	p := &parser{dec: dec}
	var root xml.StartElement
	for {
		tok, err := p.token()
		if err != nil {
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			root = se
			break
		}
		if cd, ok := tok.(xml.CharData); ok && len(bytes.TrimSpace(cd)) > 0 {
			return nil, invalid("text before the root element")
		}
	}
	if root.Name.Space != Namespace {
		if strings.HasPrefix(root.Name.Space, "http://zesty.ca/pfif/") {
			return nil, ErrVersion
		}
		return nil, invalid("the root element is not pfif:pfif of PFIF 1.4")
	}
	if root.Name.Local != "pfif" {
		return nil, invalid("the root element is not pfif:pfif")
	}
	var persons []*record
	var loose []*record // notes outside a person
	for {
		tok, err := p.token()
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch {
			case tok.Name.Space == Namespace && tok.Name.Local == "person":
				if len(persons) >= MaxPersons {
					return nil, ErrTooLarge
				}
				rec, err := p.record(tok, "person", len(persons)+1)
				if err != nil {
					return nil, err
				}
				persons = append(persons, rec)
			case tok.Name.Space == Namespace && tok.Name.Local == "note":
				if len(loose) >= MaxPersons*10 {
					return nil, ErrTooLarge
				}
				rec, err := p.record(tok, "note", len(loose)+1)
				if err != nil {
					return nil, err
				}
				loose = append(loose, rec)
			case tok.Name.Space == Namespace:
				return nil, invalid("unknown element %s in pfif:pfif", shortName(tok.Name.Local))
			default:
				if err := dec.Skip(); err != nil {
					return nil, syntaxError(err)
				}
			}
		case xml.CharData:
			if len(bytes.TrimSpace(tok)) > 0 {
				return nil, invalid("text between records")
			}
		case xml.EndElement:
			if err := attachLoose(persons, loose); err != nil {
				return nil, err
			}
			// Anything after the root element must be space, comments or
			// processing instructions.
			for {
				tok, err := dec.Token()
				if errors.Is(err, io.EOF) {
					return persons, nil
				}
				if err != nil {
					return nil, syntaxError(err)
				}
				switch tok := tok.(type) {
				case xml.CharData:
					if len(bytes.TrimSpace(tok)) > 0 {
						return nil, invalid("text after the root element")
					}
				case xml.Comment, xml.ProcInst:
				default:
					return nil, invalid("content after the root element")
				}
			}
		}
	}
}

// attachLoose gives each note outside a person to the person it names.
func attachLoose(persons []*record, loose []*record) error {
	byID := map[string]*record{}
	for _, p := range persons {
		byID[p.fields["person_record_id"]] = p
	}
	for i, n := range loose {
		p := byID[n.fields["person_record_id"]]
		if p == nil {
			return invalid("note %d outside a person names no person in the document", i+1)
		}
		if len(p.notes) >= MaxNotesPerPerson {
			return ErrTooLarge
		}
		p.notes = append(p.notes, n)
	}
	return nil
}

// record parses a person or note element whose start tag has been read.
func (p *parser) record(start xml.StartElement, kind string, n int) (*record, error) {
	fields := personFields
	if kind == "note" {
		fields = noteFields
	}
	rec := &record{fields: map[string]string{}}
	for {
		tok, err := p.token()
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := tok.Name
			switch {
			case name.Space == Namespace && kind == "person" && name.Local == "note":
				if len(rec.notes) >= MaxNotesPerPerson {
					return nil, ErrTooLarge
				}
				note, err := p.record(tok, "note", len(rec.notes)+1)
				if err != nil {
					return nil, fmt.Errorf("person %d: %w", n, err)
				}
				rec.notes = append(rec.notes, note)
			case name.Space == Namespace:
				if !slices.Contains(fields, name.Local) {
					return nil, invalid("%s %d: unknown element %s", kind, n, shortName(name.Local))
				}
				if _, dup := rec.fields[name.Local]; dup {
					return nil, invalid("%s %d: %s appears twice", kind, n, name.Local)
				}
				text, err := p.text()
				if err != nil {
					return nil, fmt.Errorf("%s %d: %s: %w", kind, n, name.Local, err)
				}
				rec.fields[name.Local] = text
			case name.Space == ExtNamespace:
				want := map[string]string{"person": "case", "note": "event"}[kind]
				if name.Local != want && !(kind == "note" && (name.Local == "place" || name.Local == "request")) {
					return nil, invalid("%s %d: unknown element kt:%s", kind, n, shortName(name.Local))
				}
				if rec.ext != nil {
					return nil, invalid("%s %d: more than one kt element", kind, n)
				}
				ext, err := p.ext(tok)
				if err != nil {
					return nil, fmt.Errorf("%s %d: %w", kind, n, err)
				}
				rec.ext = ext
			default:
				if err := p.dec.Skip(); err != nil {
					return nil, syntaxError(err)
				}
			}
		case xml.CharData:
			if len(bytes.TrimSpace(tok)) > 0 {
				return nil, invalid("%s %d: text outside its fields", kind, n)
			}
		case xml.EndElement:
			return rec, nil
		}
	}
}

// text reads an element's text up to its end tag; it holds no elements.
func (p *parser) text() (string, error) {
	var b []byte
	for {
		tok, err := p.token()
		if err != nil {
			return "", err
		}
		switch tok := tok.(type) {
		case xml.CharData:
			if len(b)+len(tok) > MaxField {
				return "", ErrTooLarge
			}
			b = append(b, tok...)
		case xml.StartElement:
			return "", invalid("an element inside a field")
		case xml.EndElement:
			return string(b), nil
		}
	}
}

// ext parses one of Kintrace's elements.
func (p *parser) ext(start xml.StartElement) (*extElem, error) {
	e := &extElem{name: start.Name.Local, attrs: map[string]string{}}
	for _, a := range start.Attr {
		if a.Name.Space == "" {
			e.attrs[a.Name.Local] = a.Value
		}
	}
	for {
		tok, err := p.token()
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Space != ExtNamespace {
				return nil, invalid("kt:%s: unknown element %s", e.name, shortName(tok.Name.Local))
			}
			if len(e.children) >= MaxNotesPerPerson {
				return nil, ErrTooLarge
			}
			child := extChild{name: tok.Name.Local}
			for _, a := range tok.Attr {
				if a.Name.Space == "" && a.Name.Local == "channel" {
					child.channel = a.Value
				}
			}
			if child.text, err = p.text(); err != nil {
				return nil, fmt.Errorf("kt:%s: %w", e.name, err)
			}
			e.children = append(e.children, child)
		case xml.CharData:
			if len(bytes.TrimSpace(tok)) > 0 {
				return nil, invalid("kt:%s: text outside its fields", e.name)
			}
		case xml.EndElement:
			return e, nil
		}
	}
}

// toCase turns a person record and its notes into a case.
func toCase(t *report.Labels, p *record) (cases.Case, error) {
	f := p.fields
	id := strings.TrimSpace(f["person_record_id"])
	if id == "" {
		return cases.Case{}, invalid("no person_record_id")
	}
	c := cases.Case{ID: localID(id), Status: cases.StatusOpen}
	ours := p.ext != nil && p.ext.name == "case"
	var notes []string
	if !ours {
		notes = append(notes, t.T("pfif.record", "id", id))
		notes = append(notes, nonEmpty(strings.TrimSpace(f["source_name"]+" "+f["source_url"]))...)
	}

	name := strings.TrimSpace(f["full_name"])
	if name == "" {
		name = strings.TrimSpace(f["given_name"] + " " + f["family_name"])
	}
	if name == "" {
		return cases.Case{}, invalid("no full_name")
	}
	c.Person.Name = name
	for _, a := range strings.Split(f["alternate_names"], "\n") {
		if a = strings.TrimSpace(a); a != "" {
			c.Person.Aliases = append(c.Person.Aliases, a)
		}
	}
	switch sex := f["sex"]; sex {
	case "":
	case "male", "female", "other":
		c.Person.Sex = cases.Sex(sex)
	default:
		return cases.Case{}, invalid("sex is not female, male or other")
	}
	if dob := strings.TrimSpace(f["date_of_birth"]); dob != "" {
		d, err := cases.ParseDate(dob)
		if err != nil || d.Precision() > cases.PrecisionDay {
			return cases.Case{}, invalid("date_of_birth is not YYYY, YYYY-MM or YYYY-MM-DD")
		}
		c.Person.BirthDate = d
	}
	if src := strings.TrimSpace(f["source_date"]); src != "" {
		tm, err := time.Parse(time.RFC3339, src)
		if err != nil {
			return cases.Case{}, invalid("source_date is not a UTC date and time")
		}
		c.CreatedAt = tm.UTC()
	}
	if ours {
		if err := applyCaseExt(&c, p.ext); err != nil {
			return cases.Case{}, err
		}
	} else {
		// Kintrace writes its places as notes; another system's home
		// address becomes a place of kind home.
		if home := strings.Join(nonEmpty(f["home_street"], f["home_neighborhood"], f["home_city"],
			f["home_postal_code"], f["home_country"]), ", "); home != "" || f["home_state"] != "" {
			c.Places = append(c.Places, cases.Place{Name: home, Region: strings.TrimSpace(f["home_state"]),
				Kind: cases.PlaceHome, Source: "PFIF"})
		}
		c.Person.Features = strings.TrimSpace(f["description"])
		if a := strings.TrimSpace(f["age"]); a != "" && c.Person.BirthDate.IsZero() {
			notes = append(notes, t.T("pfif.age", "age", a, "date", t.Day(c.CreatedAt)))
		}
		for _, u := range nonEmpty(f["photo_url"], f["profile_urls"]) {
			notes = append(notes, t.T("pfif.photo", "url", strings.TrimSpace(u)))
		}
		author := cases.Reporter{Name: strings.TrimSpace(f["author_name"]), Consent: cases.ConsentInternal,
			Contact: strings.Join(nonEmpty(f["author_email"], f["author_phone"]), ", ")}
		if author.Name != "" || author.Contact != "" {
			c.Reporters = append(c.Reporters, author)
		}
	}

	var latest time.Time
	latestStatus := ""
	for i, n := range p.notes {
		status := n.fields["status"]
		if status != "" && !slices.Contains(noteStatuses, status) {
			return cases.Case{}, invalid("note %d: unknown status", i+1)
		}
		var when time.Time
		if src := strings.TrimSpace(n.fields["source_date"]); src != "" {
			tm, err := time.Parse(time.RFC3339, src)
			if err != nil {
				return cases.Case{}, invalid("note %d: source_date is not a UTC date and time", i+1)
			}
			when = tm.UTC()
		}
		if status != "" && !when.Before(latest) {
			latest, latestStatus = when, status
		}
		switch {
		case n.ext != nil && n.ext.name == "place":
			pl, err := placeFromExt(n)
			if err != nil {
				return cases.Case{}, fmt.Errorf("note %d: %w", i+1, err)
			}
			c.Places = append(c.Places, pl)
		case n.ext != nil && n.ext.name == "request":
			r, err := requestFromExt(n)
			if err != nil {
				return cases.Case{}, fmt.Errorf("note %d: %w", i+1, err)
			}
			c.Requests = append(c.Requests, r)
		case n.ext != nil && n.ext.name == "event":
			e, err := eventFromExt(n)
			if err != nil {
				return cases.Case{}, fmt.Errorf("note %d: %w", i+1, err)
			}
			c.Events = append(c.Events, e)
		default:
			e, err := foreignEvent(t, &c, n, when)
			if err != nil {
				return cases.Case{}, fmt.Errorf("note %d: %w", i+1, err)
			}
			c.Events = append(c.Events, e)
		}
	}
	if !ours {
		c.Status = statusOf(latestStatus)
	}
	c.Notes = strings.Join(notes, "\n")
	return c, nil
}

// statusOf maps the latest PFIF note status to a case status.
func statusOf(s string) cases.Status {
	switch s {
	case statusBelievedMissing:
		return cases.StatusContactLost
	case statusBelievedDead:
		return cases.StatusDeceased
	case statusBelievedAlive, statusIsNoteAuthor:
		return cases.StatusLocated
	}
	return cases.StatusOpen
}

func applyCaseExt(c *cases.Case, e *extElem) error {
	if s := e.attrs["status"]; s != "" {
		c.Status = cases.Status(s)
	}
	switch e.attrs["pseudonym"] {
	case "", "false":
	case "true":
		c.Person.Pseudonym = true
	default:
		return invalid("kt:case pseudonym is not true or false")
	}
	p := &c.Person
	for _, ch := range e.children {
		switch ch.name {
		case "features":
			p.Features = ch.text
		case "phone":
			p.Phones = append(p.Phones, ch.text)
		case "handle":
			p.Handles = append(p.Handles, cases.Handle{Channel: cases.Channel(ch.channel), Value: ch.text})
		case "facility":
			p.Facility = ch.text
		case "region":
			p.Region = ch.text
		case "unit":
			p.Unit = ch.text
		case "recruited_by":
			p.RecruitedBy = ch.text
		case "recruited_on":
			d, err := cases.ParseDate(ch.text)
			if err != nil {
				return invalid("kt:recruited_on is not a date")
			}
			p.RecruitedOn = d
		default:
			return invalid("kt:case: unknown element %s", shortName(ch.name))
		}
	}
	return nil
}

func eventFromExt(n *record) (cases.Event, error) {
	e := n.ext
	d, err := cases.ParseDate(e.attrs["date"])
	if err != nil {
		return cases.Event{}, invalid("kt:event date is not a date")
	}
	ev := cases.Event{
		Date:         d,
		Type:         cases.EventType(e.attrs["type"]),
		Channel:      cases.Channel(e.attrs["channel"]),
		Verification: cases.Verification(e.attrs["verification"]),
		Origin:       cases.Origin(e.attrs["origin"]),
		ConfirmedBy:  cases.ConfirmedBy(e.attrs["confirmed_by"]),
		From:         e.child("from"),
		Source:       e.child("source"),
		Text:         e.child("text"),
		Place:        n.fields["last_known_location"],
	}
	switch e.attrs["approx"] {
	case "", "false":
	case "true":
		ev.Approx = true
	default:
		return cases.Event{}, invalid("kt:event approx is not true or false")
	}
	for _, ch := range e.children {
		switch ch.name {
		case "from", "source", "text":
		default:
			return cases.Event{}, invalid("kt:event: unknown element %s", shortName(ch.name))
		}
	}
	return ev, nil
}

func placeFromExt(n *record) (cases.Place, error) {
	e := n.ext
	d, err := cases.ParseDate(e.attrs["date"])
	if err != nil {
		return cases.Place{}, invalid("kt:place date is not a date")
	}
	pl := cases.Place{
		Date:       d,
		Kind:       cases.PlaceKind(e.attrs["kind"]),
		Confidence: cases.Confidence(e.attrs["confidence"]),
		Name:       e.child("name"),
		Region:     e.child("region"),
		Source:     e.child("source"),
	}
	for _, key := range []string{"lat", "lon"} {
		v, ok := e.attrs[key]
		if !ok {
			continue
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return cases.Place{}, invalid("kt:place %s is not a number", key)
		}
		if key == "lat" {
			pl.Lat = &f
		} else {
			pl.Lon = &f
		}
	}
	for _, ch := range e.children {
		switch ch.name {
		case "name", "region", "source":
		default:
			return cases.Place{}, invalid("kt:place: unknown element %s", shortName(ch.name))
		}
	}
	return pl, nil
}

// foreignEvent turns a note from another system into an event: its status
// gives the type, its author the source; what the found person's phone and
// email were is added to the person.
func foreignEvent(t *report.Labels, c *cases.Case, n *record, when time.Time) (cases.Event, error) {
	f := n.fields
	ev := cases.Event{
		Date:         cases.TimeDate(when),
		Type:         cases.EventNote,
		Text:         strings.TrimSpace(f["text"]),
		Place:        strings.TrimSpace(f["last_known_location"]),
		Source:       strings.TrimSpace(f["author_name"]),
		Verification: cases.VerificationUnverified,
	}
	switch f["status"] {
	case statusBelievedMissing:
		ev.Type = cases.EventContactLost
	case statusBelievedDead:
		ev.Type = cases.EventDeathNotice
	case statusBelievedAlive:
		ev.Type = cases.EventSighting
	case statusIsNoteAuthor:
		ev.Type = cases.EventContactRestored
	}
	switch f["author_made_contact"] {
	case "", "false":
	case "true":
		if ev.Type == cases.EventNote {
			ev.Type = cases.EventSighting
		}
	default:
		return cases.Event{}, invalid("author_made_contact is not true or false")
	}
	var extra []string
	if id := strings.TrimSpace(f["linked_person_record_id"]); id != "" {
		extra = append(extra, t.T("pfif.record", "id", id))
	}
	if u := strings.TrimSpace(f["photo_url"]); u != "" {
		extra = append(extra, t.T("pfif.photo", "url", u))
	}
	ev.Text = strings.Join(nonEmpty(append([]string{ev.Text}, extra...)...), "\n")
	if ph := strings.TrimSpace(f["phone_of_found_person"]); ph != "" && cases.NormalizePhone(ph) != "" {
		norm := cases.NormalizePhone(ph)
		if !slices.ContainsFunc(c.Person.Phones, func(s string) bool { return cases.NormalizePhone(s) == norm }) {
			c.Person.Phones = append(c.Person.Phones, ph)
		}
	}
	if em := strings.TrimSpace(f["email_of_found_person"]); em != "" {
		h := cases.Handle{Channel: cases.ChannelEmail, Value: em}
		if !slices.Contains(c.Person.Handles, h) {
			c.Person.Handles = append(c.Person.Handles, h)
		}
	}
	return ev, nil
}
