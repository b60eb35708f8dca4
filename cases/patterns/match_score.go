package patterns

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"kintrace/cases"
	"kintrace/cases/search"
)

// ListEntry is one person on a published list (prisoners of war, a
// hospital's patients, the wounded, the dead), as Match compares it with
// the cases.
type ListEntry struct {
	// Name is the name as the list writes it, in any order and script. A
	// single letter, or letters each followed by a dot ("А.В.", "V."), are
	// initials: the first is the first name's unless a first name is
	// written out, the next the patronymic's.
	Name string
	// BirthYear is 0 when the list does not give it.
	BirthYear int
	// Place is where the list puts the person: a facility, a town, a
	// region; "" when none.
	Place string
}

// Reasons of a list match beyond those of FindDuplicates.
const (
	ReasonSimilarFirstName  ReasonKind = "similar_first_name" // a first name one letter off (a typo)
	ReasonPatronymicInitial ReasonKind = "patronymic_initial" // the patronymic's initial fits
	ReasonSameRegion        ReasonKind = "same_region"        //
	ReasonFacilityDiffers   ReasonKind = "facility_differs"   // the list and the case name other facilities: counts against
)

// Points of a list match. A name alone is not enough: it takes a birth
// year, a facility or a region as well.
const (
	mpSameName          = 50
	mpSimilarSurname    = 40 // surname one letter off, first name alike
	mpSimilarFirstName  = 40 // surname alike, first name one letter off
	mpBothSimilar       = 30
	mpInitial           = 35
	mpInitialSimilar    = 25
	mpSamePatronymic    = 10
	mpPatronymicInitial = 5
	mpPatronymicDiffer  = -20
	mpPatInitialDiffer  = -15
	mpSameBirthYear     = 25
	mpNearBirthYear     = 15
	mpBirthYearDiffer   = -40
	mpFacility          = 15
	mpFacilityDiffer    = -10
	mpRegion            = 5
)

// matchPerson is what list matching compares of a case or of a line.
type matchPerson struct {
	ref        CaseRef
	name       nameParts
	initials   []string // folded initials of first names (lines only)
	patInitial string   // folded initial of the patronymic (lines only)
	// initialShown and patInitialShown are the initials as written ("С.").
	initialShown, patInitialShown string
	year                          int
	facility                      Identifier
	region                        string   // the gazetteer's key, "" when none
	regionText                    string   // the region as the case writes it
	spellings                     []string // the name and its aliases as written (cases only)
}

// written is the word of p's name, as written, whose fold is folded; folded
// itself when none is.
func (p *matchPerson) written(folded string) string {
	for _, s := range p.spellings {
		for _, w := range strings.Fields(s) {
			if search.Fold(w) == folded {
				return strings.Trim(w, ".,;:()")
			}
		}
	}
	return folded
}

func newMatchCase(o *cases.Overview) *matchPerson {
	p := &matchPerson{ref: CaseRef{ID: o.ID, Number: o.Number, Name: o.Name}, year: o.BirthYear, spellings: []string{o.Name}}
	p.name.addName(o.Name)
	for _, a := range o.Aliases {
		// A nickname alone ("Лёха", "Малой") is not how a list writes a
		// name: only aliases with a surname count.
		if len(strings.Fields(a)) >= 2 {
			p.name.addName(a)
			p.spellings = append(p.spellings, a)
		}
	}
	if o.Facility != "" {
		var x extractor
		x.facilities(o.Facility, o.Region, true)
		for _, id := range x.out {
			if id.Kind == IdentFacility {
				p.facility = id
				break
			}
		}
	}
	if r, ok := search.LookupRegion(o.Region); ok {
		p.region, p.regionText = r.Key, o.Region
	} else if o.Facility != "" {
		p.region, p.regionText = placeRegion(o.Facility), o.Facility
	}
	return p
}

func newMatchLine(e *ListEntry) *matchPerson {
	p := &matchPerson{year: e.BirthYear, spellings: []string{e.Name}}
	p.addLineName(e.Name)
	if e.Place != "" {
		var x extractor
		x.facilities(e.Place, "", true)
		for _, id := range x.out {
			if id.Kind == IdentFacility {
				p.facility = id
				break
			}
		}
		p.region = placeRegion(e.Place)
	}
	return p
}

// placeRegion finds a gazetteer region named in a place's text: the whole,
// one of its comma-separated parts, or one or two of its words.
func placeRegion(s string) string {
	if r, ok := search.LookupRegion(s); ok {
		return r.Key
	}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '(' || r == ')' }) {
		if r, ok := search.LookupRegion(part); ok {
			return r.Key
		}
		words := strings.Fields(part)
		for i := range words {
			if i+1 < len(words) {
				if r, ok := search.LookupRegion(words[i] + " " + words[i+1]); ok {
					return r.Key
				}
			}
			if utf8.RuneCountInString(words[i]) >= 4 {
				if r, ok := search.LookupRegion(words[i]); ok {
					return r.Key
				}
			}
		}
	}
	return ""
}

// addLineName reads a list's name: initials apart, then the words as
// nameParts.addName reads them.
func (p *matchPerson) addLineName(s string) {
	var words []string
	var initials, shown []string // folded, and as written
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' }) {
		// "А.В." and "V." are initials; "Морозов." is a word.
		parts := strings.Split(w, ".")
		allShort := true
		for _, part := range parts {
			if utf8.RuneCountInString(part) > 1 {
				allShort = false
			}
		}
		if allShort {
			for _, part := range parts {
				r, _ := utf8.DecodeRuneInString(part)
				switch {
				case r < utf8.RuneSelf && unicode.IsLetter(r):
					initials = append(initials, string(unicode.ToLower(r)))
					shown = append(shown, string(unicode.ToUpper(r))+".")
				case part != "":
					if f := search.Fold(part); f != "" {
						initials = append(initials, f)
						shown = append(shown, strings.ToUpper(part)+".")
					}
				}
			}
			continue
		}
		words = append(words, w)
	}
	p.name.addName(strings.Join(words, " "))
	hasGiven := false
	for _, g := range p.name.given {
		if len(g.form) > 1 {
			hasGiven = true
		}
	}
	// addName took lone Latin letters as given names: take them back as
	// initials.
	given := p.name.given[:0]
	for _, g := range p.name.given {
		if len(g.form) == 1 {
			initials = append(initials, g.form)
			shown = append(shown, strings.ToUpper(g.written)+".")
			continue
		}
		given = append(given, g)
	}
	p.name.given = given
	for i, in := range initials {
		switch {
		case !hasGiven && len(p.initials) == 0:
			p.initials = append(p.initials, in)
			p.initialShown = shown[i]
		case p.patInitial == "" && p.name.patronymic == "":
			p.patInitial, p.patInitialShown = in, shown[i]
		}
	}
}

// skeleton is a surname's consonant frame: its fold's first letter, then
// its consonants without repeats, so that vowel spellings (Воробьёв,
// Vorobyov) meet.
func skeleton(folded string) string {
	b := make([]byte, 0, len(folded))
	for i := 0; i < len(folded); i++ {
		c := folded[i]
		if i > 0 && (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y') {
			continue
		}
		if len(b) > 0 && b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// similarSurname reports surnames one letter apart, or with the same
// consonant frame.
func similarSurname(a, b string) bool {
	if oneEdit(a, b, 5) {
		return true
	}
	sa := skeleton(a)
	return len(sa) >= 3 && sa == skeleton(b)
}

// oneEdit reports words of at least minLen letters that differ by one
// letter inserted, deleted or replaced, or two neighbours swapped
// (Рмоан, Роман).
func oneEdit(a, b string, minLen int) bool {
	if len(a) < minLen || len(b) < minLen {
		return false
	}
	if len(a) != len(b) {
		if len(a) > len(b) {
			a, b = b, a
		}
		if len(b)-len(a) != 1 {
			return false
		}
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return true
	}
	if a[i+1:] == b[i+1:] {
		return true // one replaced
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// initialFits reports whether initial (folded: "a", "yu") starts a first
// name as written or in its canonical form.
func initialFits(initial string, g givenName) bool {
	return strings.HasPrefix(g.canon, initial) || strings.HasPrefix(g.form, initial) ||
		writtenInitial(g) == initial
}

// writtenInitial is a Latin first name's first letter as written, lower
// case ("y" of Yevgeny, whose fold starts with "e"); "" for others.
func writtenInitial(g givenName) string {
	if g.written != "" && g.written[0] < utf8.RuneSelf && unicode.IsLetter(rune(g.written[0])) {
		return string(unicode.ToLower(rune(g.written[0])))
	}
	return ""
}

// scoreListPair appends the reasons line l may be case c to rs; with
// details, it also says what matched.
func scoreListPair(l, c *matchPerson, rs []Reason, details bool) []Reason {
	best := Reason{}
	for _, sl := range l.name.surnames {
		for _, sc := range c.name.surnames {
			exact := sl == sc
			if !exact && !similarSurname(sl, sc) {
				continue
			}
			for _, gl := range l.name.given {
				if gl.form == sl {
					continue
				}
				for _, gc := range c.name.given {
					if gc.form == sc {
						continue
					}
					var r Reason
					same := gl.canon == gc.canon && len(gl.canon) > 1
					near := !same && (oneEdit(gl.form, gc.form, 4) || oneEdit(gl.canon, gc.canon, 4))
					switch {
					case same && exact:
						r = Reason{ReasonSameName, "", mpSameName}
						if gl.form != gc.form {
							r.Kind = ReasonShortForm
							r.Detail = detail(details, "", gl.written+" = "+gc.written)
						}
					case same:
						r = Reason{ReasonSimilarSurname, detail(details, "", sl+" ~ "+sc), mpSimilarSurname}
					case near && exact:
						r = Reason{ReasonSimilarFirstName, detail(details, "", gl.written+" ~ "+gc.written), mpSimilarFirstName}
					case near:
						r = Reason{ReasonSimilarFirstName, detail(details, "", sl+" "+gl.written+" ~ "+sc+" "+gc.written), mpBothSimilar}
					}
					if r.Points > best.Points {
						best = r
					}
				}
			}
			for _, in := range l.initials {
				for _, gc := range c.name.given {
					if gc.form == sc || !initialFits(in, gc) {
						continue
					}
					r := Reason{ReasonInitial, detail(details, "", l.initialShown+" ~ "+gc.written), mpInitial}
					if !exact {
						r.Points = mpInitialSimilar
					}
					if r.Points > best.Points {
						best = r
					}
				}
			}
		}
	}
	if best.Points == 0 {
		return rs
	}
	rs = append(rs, best)
	if pc := c.name.patronymic; pc != "" {
		shown := func(prefix string) string {
			if !details {
				return ""
			}
			return prefix + c.written(pc)
		}
		switch pl := l.name.patronymic; {
		case pl != "" && (pl == pc || nearlyEqual(pl, pc)):
			rs = append(rs, Reason{ReasonSamePatronymic, shown(""), mpSamePatronymic})
		case pl != "":
			rs = append(rs, Reason{ReasonPatronymicDiffer, shown(l.written(pl) + ", "), mpPatronymicDiffer})
		case l.patInitial != "" && strings.HasPrefix(pc, l.patInitial):
			rs = append(rs, Reason{ReasonPatronymicInitial, shown(l.patInitialShown + " ~ "), mpPatronymicInitial})
		case l.patInitial != "":
			rs = append(rs, Reason{ReasonPatronymicDiffer, shown(l.patInitialShown + ", "), mpPatInitialDiffer})
		}
	}
	if l.year > 0 && c.year > 0 {
		years := ""
		if details {
			years = fmt.Sprintf("%d, %d", l.year, c.year)
		}
		switch d := l.year - c.year; {
		case d == 0:
			rs = append(rs, Reason{ReasonSameBirthYear, detail(details, "", fmt.Sprint(l.year)), mpSameBirthYear})
		case d == 1 || d == -1:
			rs = append(rs, Reason{ReasonNearBirthYear, years, mpNearBirthYear})
		default:
			rs = append(rs, Reason{ReasonBirthYearDiffers, years, mpBirthYearDiffer})
		}
	}
	if l.facility.Kind != "" && c.facility.Kind != "" {
		if l.facility.Key == c.facility.Key && regionsMatch(l.facility.Region, c.facility.Region) {
			rs = append(rs, Reason{ReasonSameFacility, detail(details, "", c.facility.Label()), mpFacility})
		} else {
			rs = append(rs, Reason{ReasonFacilityDiffers, detail(details, "", l.facility.Label()+", "+c.facility.Label()), mpFacilityDiffer})
		}
	}
	if l.region != "" && l.region == c.region {
		rs = append(rs, Reason{ReasonSameRegion, detail(details, "", c.regionText), mpRegion})
	}
	return rs
}
