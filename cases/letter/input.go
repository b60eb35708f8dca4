package letter

import (
	"errors"
	"slices"
	"strings"
	"time"

	"kintrace/cases"
)

// Kind is the kind of authority a letter goes to.
type Kind string

// The authority kinds letters have templates for.
const (
	PrisonService          Kind = "prison_service"
	MilitaryProsecutor     Kind = "military_prosecutor"
	MilitaryUnit           Kind = "military_unit"
	DefenceMinistry        Kind = "defence_ministry"
	InvestigativeCommittee Kind = "investigative_committee"
	Ombudsperson           Kind = "ombudsperson"
	ICRC                   Kind = "icrc"
	Hospital               Kind = "hospital"
	Court                  Kind = "court"
	Other                  Kind = "other"
)

// Kinds lists every Kind in the order a menu shows them.
var Kinds = []Kind{PrisonService, MilitaryProsecutor, MilitaryUnit, DefenceMinistry,
	InvestigativeCommittee, Ombudsperson, ICRC, Hospital, Court, Other}

// ErrKind reports an authority kind letters have no template for.
var ErrKind = errors.New("letter: unknown authority kind")

// ParseKind reads a Kind by its value; "-" may stand for "_"
// ("prison-service").
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_"))
	if slices.Contains(Kinds, k) {
		return k, nil
	}
	return "", ErrKind
}

// Lang is the language of a letter.
type Lang string

// The languages of letters.
const (
	English   Lang = "en"
	Russian   Lang = "ru"
	Ukrainian Lang = "uk"
)

// Langs lists every Lang.
var Langs = []Lang{Russian, Ukrainian, English}

// ErrLang reports a language letters are not written in.
var ErrLang = errors.New("letter: unsupported language (want ru, uk or en)")

// ParseLang reads "ru", "uk" or "en" (a locale such as "uk_UA.UTF-8" gives
// its language).
func ParseLang(s string) (Lang, error) {
	code := strings.ToLower(s)
	if i := strings.IndexAny(code, "_-.@"); i >= 0 {
		code = code[:i]
	}
	if slices.Contains(Langs, Lang(code)) {
		return Lang(code), nil
	}
	return "", ErrLang
}

// Jurisdiction is the legal system whose law on citizens' appeals a letter
// cites.
type Jurisdiction string

// The jurisdictions.
const (
	// NoLaw cites no law (the ICRC; an English letter by default).
	NoLaw Jurisdiction = "none"
	// Russia: Federal Law 59-FZ, a reply within 30 days.
	Russia Jurisdiction = "ru"
	// Ukraine: the Law "On Citizens' Appeals", one month, at most 45 days.
	Ukraine Jurisdiction = "ua"
)

// Input is everything a letter says. It is its own data, not a case: the
// caller (FromCase, or a form) decides what of a case goes into a letter.
type Input struct {
	Kind Kind
	// Authority is the addressee as it should be written ("ФКУ ИК-2 УФСИН
	// России по Республике Мордовия"); "" gives the kind's general
	// addressee in the letter's language.
	Authority string
	Lang      Lang
	// Jurisdiction is whose law the letter cites; "" follows the language
	// (Russian: Russia, Ukrainian: Ukraine, English: none). A letter to the
	// ICRC cites none.
	Jurisdiction Jurisdiction

	// Person is the missing person's full name as recorded.
	Person    string
	Sex       cases.Sex
	BirthDate cases.Date
	// Facility is the last known facility (colony, detention centre,
	// hospital); Unit the military unit; Region the region.
	Facility, Unit, Region string
	// Ask is what is asked, in the user's words; "" lets the template say
	// what letters to this kind of authority usually ask.
	Ask string
	// Reference is the organisation's reference for the letter (the case
	// number).
	Reference string

	// Applicant is who asks; nil when no one may be named (no reporter's
	// consent allows it, or the profile withholds them).
	Applicant *Applicant

	// Date is the day of the letter; Place where it is written.
	Date  time.Time
	Place string
}

// Applicant is the person on whose behalf the letter is written.
type Applicant struct {
	Name     string
	Relation string
	// Contact is the address for the reply; "" when withheld.
	Contact string
}

// jurisdiction is the law the letter cites.
func (in Input) jurisdiction() Jurisdiction {
	if in.Kind == ICRC {
		return NoLaw
	}
	if in.Jurisdiction != "" {
		return in.Jurisdiction
	}
	switch in.Lang {
	case Russian:
		return Russia
	case Ukrainian:
		return Ukraine
	}
	return NoLaw
}

// Options choose what FromCase takes from a case.
type Options struct {
	Kind      Kind
	Lang      Lang
	Authority string
	Ask       string
	Place     string
	// Profile decides whether the applicant is named: a reporter is named
	// only if their consent is "public" and the profile does not withhold
	// reporters (cases.RedactReporterIdentity names no one); their contact
	// goes into the letter only with cases.RedactNone. "" is
	// cases.RedactPublicOnly: the applicant named, their contact left for
	// the sender to write in.
	Profile cases.Redaction
	// Now is the letter's date; zero is today.
	Now time.Time
}

// FromCase builds the input of a letter about c: the person, their last
// known facility, unit and region, and the applicant (the first reporter
// whose consent allows naming them, see Options.Profile).
func FromCase(c *cases.Case, opt Options) Input {
	in := Input{
		Kind:      opt.Kind,
		Authority: strings.TrimSpace(opt.Authority),
		Lang:      opt.Lang,
		Person:    strings.Join(strings.Fields(c.Person.Name), " "),
		Sex:       c.Person.Sex,
		BirthDate: c.Person.BirthDate,
		Facility:  c.Person.Facility,
		Unit:      c.Person.Unit,
		Region:    c.Person.Region,
		Ask:       strings.TrimSpace(opt.Ask),
		Reference: c.Number,
		Date:      opt.Now,
		Place:     opt.Place,
	}
	if in.Date.IsZero() {
		in.Date = time.Now()
	}
	if in.Facility == "" || in.Region == "" {
		if p, ok := lastPlace(c.Places); ok {
			if in.Facility == "" {
				in.Facility = p.Name
			}
			if in.Region == "" {
				in.Region = p.Region
			}
		}
	}
	profile := opt.Profile
	if profile == "" {
		profile = cases.RedactPublicOnly
	}
	if profile == cases.RedactReporterIdentity {
		return in
	}
	for _, r := range c.Reporters {
		if r.Consent != cases.ConsentPublic || r.Pseudonym || strings.TrimSpace(r.Name) == "" {
			continue
		}
		a := &Applicant{Name: strings.Join(strings.Fields(r.Name), " "), Relation: strings.TrimSpace(r.Relation)}
		if profile == cases.RedactNone {
			a.Contact = strings.TrimSpace(r.Contact)
		}
		in.Applicant = a
		break
	}
	return in
}

// lastPlace is the latest dated place of a detaining or medical kind, else
// the latest dated place at all.
func lastPlace(ps []cases.Place) (cases.Place, bool) {
	var best cases.Place
	found, bestFacility := false, false
	for _, p := range ps {
		if strings.TrimSpace(p.Name) == "" {
			continue
		}
		facility := p.Kind == cases.PlaceColony || p.Kind == cases.PlacePretrialDetention || p.Kind == cases.PlaceHospital
		switch {
		case !found, facility && !bestFacility,
			facility == bestFacility && p.Date.Compare(best.Date) > 0:
			best, found, bestFacility = p, true, facility
		}
	}
	return best, found
}
