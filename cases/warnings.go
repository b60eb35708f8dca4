package cases

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// Warning is a value that is allowed but implausible: a "place" as long as
// a paragraph (a summary typed into the wrong field), a date in the
// future, a birth date that makes the person a child. Unlike a
// ValidationError it does not stop a save; the editor shows it beside the
// field. Path is as in ValidationError ("person.birth_date",
// "events[2].place").
type Warning struct {
	Path string
	Kind WarningKind
	// N is the limit in characters for WarnTooLong, the age in years
	// for WarnTooYoung and WarnTooOld.
	N int
}

// WarningKind names what is implausible about a value.
type WarningKind string

// The kinds of warning.
const (
	WarnTooLong  WarningKind = "too_long"  // longer than such a value plausibly is
	WarnFuture   WarningKind = "future"    // a date after today
	WarnTooYoung WarningKind = "too_young" // a birth date giving an age under MinPlausibleAge
	WarnTooOld   WarningKind = "too_old"   // a birth date giving an age over MaxPlausibleAge
	// WarnFarDeadline: a request's deadline more than N days after it was
	// sent (a mistyped year, most likely).
	WarnFarDeadline WarningKind = "far_deadline"
)

// The ages outside which a birth date is probably mistyped: the people
// Kintrace tracks are conscripts, prisoners and detainees.
const (
	MinPlausibleAge = 14
	MaxPlausibleAge = 100
)

// Plausible lengths, in characters, of the short fields. The longest real
// values (a colony's full name with its region, "Федеральное казённое
// учреждение Исправительная колония № 17 …") stay under them; a sentence
// pasted into the wrong field does not.
const (
	maxNameLen     = 100 // a person's name or alias, a reporter's name
	maxPlaceLen    = 80  // a place, a facility, a unit, a recruiter
	maxRegionLen   = 60  // a region
	maxNumberLen   = 40  // a phone number or a messenger handle
	maxShortLen    = 60  // a relation, a language
	maxSourceLen   = 120 // where a piece of information came from
	maxPromiseLen  = 200 // what was promised
	maxPromiseBy   = 100 // who promised it
	maxContactLine = 200 // how to reach a reporter
)

// Warnings lists the implausible values of c at now, in document order.
func Warnings(c Case, now time.Time) []Warning {
	var w warnings
	p := c.Person
	w.long("person.name", p.Name, maxNameLen)
	for i, a := range p.Aliases {
		w.long("person.aliases["+strconv.Itoa(i)+"]", a, maxNameLen)
	}
	w.birth("person.birth_date", p.BirthDate, now)
	for i, ph := range p.Phones {
		w.long("person.phones["+strconv.Itoa(i)+"]", ph, maxNumberLen)
	}
	for i, h := range p.Handles {
		w.long("person.handles["+strconv.Itoa(i)+"].value", h.Value, maxNumberLen)
	}
	w.long("person.facility", p.Facility, maxPlaceLen)
	w.long("person.region", p.Region, maxRegionLen)
	w.long("person.unit", p.Unit, maxPlaceLen)
	w.long("person.recruited_by", p.RecruitedBy, maxPlaceLen)
	w.future("person.recruited_on", p.RecruitedOn, now)
	for i, r := range c.Reporters {
		path := "reporters[" + strconv.Itoa(i) + "]"
		w.long(path+".name", r.Name, maxNameLen)
		w.long(path+".relation", r.Relation, maxShortLen)
		w.long(path+".contact", r.Contact, maxContactLine)
		w.long(path+".language", r.Language, maxShortLen)
	}
	for i, ev := range c.Events {
		w.list = append(w.list, EventWarnings(ev, "events["+strconv.Itoa(i)+"]", now)...)
	}
	for i, pl := range c.Places {
		path := "places[" + strconv.Itoa(i) + "]"
		w.future(path+".date", pl.Date, now)
		w.long(path+".name", pl.Name, maxPlaceLen)
		w.long(path+".region", pl.Region, maxRegionLen)
		w.long(path+".source", pl.Source, maxSourceLen)
	}
	for i, pr := range c.Promises {
		path := "promises[" + strconv.Itoa(i) + "]"
		w.long(path+".what", pr.What, maxPromiseLen)
		w.long(path+".by", pr.By, maxPromiseBy)
	}
	w.casework(c, now)
	return w.list
}

// EventWarnings lists the implausible values of one event, with paths
// under prefix ("events[2]"; "" gives "date", "place"…), so that the
// timeline's form can warn before the event is added.
func EventWarnings(ev Event, prefix string, now time.Time) []Warning {
	var w warnings
	w.future(pathJoin(prefix, "date"), ev.Date, now)
	w.long(pathJoin(prefix, "from"), ev.From, maxNumberLen)
	w.long(pathJoin(prefix, "place"), ev.Place, maxPlaceLen)
	w.long(pathJoin(prefix, "source"), ev.Source, maxSourceLen)
	return w.list
}

type warnings struct{ list []Warning }

func (w *warnings) long(path, s string, limit int) {
	if utf8.RuneCountInString(s) > limit {
		w.list = append(w.list, Warning{Path: path, Kind: WarnTooLong, N: limit})
	}
}

// future warns when the whole period d names lies after now ("2026" is
// not in the future during 2026).
func (w *warnings) future(path string, d Date, now time.Time) {
	if start := d.Time(); !start.IsZero() && start.After(now) {
		w.list = append(w.list, Warning{Path: path, Kind: WarnFuture})
	}
}

// birth warns about a birth date in the future, or one that makes the
// person certainly younger than MinPlausibleAge or older than
// MaxPlausibleAge today (for a year or a month, whatever day of it he was
// born on).
func (w *warnings) birth(path string, d Date, now time.Time) {
	start := d.Time()
	if start.IsZero() {
		return
	}
	if start.After(now) {
		w.list = append(w.list, Warning{Path: path, Kind: WarnFuture})
		return
	}
	end := start
	switch d.Precision() {
	case PrecisionYear:
		end = start.AddDate(1, 0, -1)
	case PrecisionMonth:
		end = start.AddDate(0, 1, -1)
	}
	switch {
	case ageAt(start, now) < MinPlausibleAge: // even born on the first day
		w.list = append(w.list, Warning{Path: path, Kind: WarnTooYoung, N: MinPlausibleAge})
	case ageAt(end, now) > MaxPlausibleAge: // even born on the last day
		w.list = append(w.list, Warning{Path: path, Kind: WarnTooOld, N: MaxPlausibleAge})
	}
}

// ageAt is the age in whole years at now of someone born on born.
func ageAt(born, now time.Time) int {
	age := now.Year() - born.Year()
	if now.Month() < born.Month() || now.Month() == born.Month() && now.Day() < born.Day() {
		age--
	}
	return age
}
