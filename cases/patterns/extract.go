package patterns

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"kintrace/cases"
	"kintrace/cases/search"
)

// IdentKind is the kind of an identifier that can link cases.
type IdentKind string

// The kinds of identifiers.
const (
	IdentPhone    IdentKind = "phone"    // a phone number, digits with country code
	IdentHandle   IdentKind = "handle"   // a messenger handle, lower-cased, without "@"
	IdentFacility IdentKind = "facility" // a prison colony, pre-trial centre, prison hospital…
	IdentUnit     IdentKind = "unit"     // a military unit number
	IdentPlace    IdentKind = "place"    // a place or hospital, by its folded name
)

// AllIdentKinds lists every IdentKind.
var AllIdentKinds = []IdentKind{IdentPhone, IdentHandle, IdentFacility, IdentUnit, IdentPlace}

// Valid reports whether k is one of AllIdentKinds.
func (k IdentKind) Valid() bool { return slices.Contains(AllIdentKinds, k) }

// Identifier is one normalised identifier found in a case. Two identifiers
// with the same Kind and Key name the same thing, however they were written:
//
//	phone     "+7 912 555-01-23", "8 (912) 555-01-23"   Key "79125550123"
//	handle    "@Ivan_P", "t.me/ivan_p"                  Key "ivan_p"
//	facility  "ИК-17, Мордовия", "IK-17 Mordovia", "IK17" Key "IK-17"
//	unit      "в/ч 12345", "unit 12345", "войсковая часть 12345"  Key "12345"
//	place     "госпиталь, Донецк", "Donetsk hospital"   Key "donets gospit"
//
// A facility also carries the stem of its region when one is written
// (Region "mordovi"): colonies share numbers across regions, so "IK-17,
// Mordovia" and "IK-17, Perm" are different places, while "IK-17" without a
// region may be either.
type Identifier struct {
	Kind   IdentKind
	Key    string
	Region string
	// Raw is the identifier as written in the case it was found in.
	Raw string
}

// Label is the identifier's normalised form for display: "+79125550123",
// "@ivan_p", "IK-17", "12345", or the place as written.
func (id Identifier) Label() string {
	switch id.Kind {
	case IdentPhone:
		return "+" + id.Key
	case IdentHandle:
		return "@" + id.Key
	case IdentFacility, IdentUnit:
		if strings.HasPrefix(id.Key, "~") {
			return id.Raw
		}
		return id.Key
	}
	return id.Raw
}

// ExtractIdentifiers returns the identifiers of a case overview: the
// person's phones, handles, facility (with the case's region when the
// facility names none), unit and places, and the phones, handles,
// facilities and units mentioned in the events and notes (Overview.Texts).
// Each identifier appears once, in the order first found.
func ExtractIdentifiers(o cases.Overview) []Identifier {
	return extractIdentifiers(&o, nil)
}

// extractIdentifiers is ExtractIdentifiers with a memo of what facility,
// unit and place strings give, since cases repeat them ("Rostov Oblast").
func extractIdentifiers(o *cases.Overview, memo map[memoKey][]Identifier) []Identifier {
	x := extractor{memo: memo, out: make([]Identifier, 0, len(o.Phones)+len(o.Handles)+len(o.Places)+4)}
	for _, p := range o.Phones {
		x.phone(p)
	}
	for _, h := range o.Handles {
		x.handleValue(h)
	}
	if o.Facility != "" {
		x.memoized(memoKey{'f', o.Facility, o.Region}, func(x *extractor) {
			if !x.facilities(o.Facility, o.Region, true) {
				if k := placeKey(o.Facility); k != "" {
					x.add(Identifier{Kind: IdentFacility, Key: "~" + k, Raw: o.Facility})
				}
			}
		})
	}
	if o.Unit != "" {
		x.memoized(memoKey{'u', o.Unit, ""}, func(x *extractor) {
			if !x.units(o.Unit, true) {
				if k := search.Fold(o.Unit); k != "" {
					x.add(Identifier{Kind: IdentUnit, Key: "~" + k, Raw: o.Unit})
				}
			}
		})
	}
	for _, p := range o.Places {
		x.memoized(memoKey{'p', p, ""}, func(x *extractor) {
			if !x.facilities(p, "", false) {
				x.place(p)
			}
		})
	}
	for _, t := range o.Texts {
		x.text(t)
	}
	return x.out
}

// IdentifiersInText returns the phones, handles, facilities and units
// mentioned in free text such as an event's words or its "from" field.
func IdentifiersInText(s string) []Identifier {
	var x extractor
	x.text(s)
	return x.out
}

// PlaceIdentifier returns the identifier of a place name ("госпиталь,
// Донецк"): a facility when it names one ("СИЗО-1, Ростов"), otherwise a
// place; ok is false when s holds no word.
func PlaceIdentifier(s string) (Identifier, bool) {
	var x extractor
	if !x.facilities(s, "", false) {
		x.place(s)
	}
	if len(x.out) == 0 {
		return Identifier{}, false
	}
	return x.out[0], true
}

type extractor struct {
	out  []Identifier
	memo map[memoKey][]Identifier
}

// memoKey names what a string gave as a facility ('f', with the case's
// region), a unit ('u') or a place ('p').
type memoKey struct {
	what byte
	s, t string
}

// memoized runs fn, or adds what it added the last time it ran for key.
func (x *extractor) memoized(key memoKey, fn func(x *extractor)) {
	if x.memo == nil {
		fn(x)
		return
	}
	ids, ok := x.memo[key]
	if !ok {
		var sub extractor
		fn(&sub)
		ids = sub.out
		x.memo[key] = ids
	}
	for _, id := range ids {
		x.add(id)
	}
}

func (x *extractor) add(id Identifier) {
	for i, o := range x.out {
		if o.Kind == id.Kind && o.Key == id.Key {
			if o.Region == "" && id.Region != "" {
				x.out[i].Region = id.Region
			}
			return
		}
	}
	x.out = append(x.out, id)
}

// minPhoneDigits is the fewest digits a normalised number must have to be
// an identifier: shorter ones are extensions or typos that would link
// unrelated cases.
const minPhoneDigits = 7

func (x *extractor) phone(s string) {
	if n := cases.NormalizePhone(s); len(n) >= minPhoneDigits {
		x.add(Identifier{Kind: IdentPhone, Key: n, Raw: strings.TrimSpace(s)})
	}
}

// handleValue adds a messenger handle, or a phone number when the handle is
// one (WhatsApp and Signal accounts are numbers).
func (x *extractor) handleValue(s string) {
	s = strings.TrimSpace(s)
	if isPhoneLike(s) {
		x.phone(s)
		return
	}
	if k := cases.HandleKey(s); k != "" {
		x.add(Identifier{Kind: IdentHandle, Key: k, Raw: s})
	}
}

// isPhoneLike reports whether s is written only with phone characters and
// holds enough digits.
func isPhoneLike(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '+' || c == ' ' || c == '-' || c == '(' || c == ')' || c == '.':
		default:
			return false
		}
	}
	return digits >= minPhoneDigits
}

// textHandle adds a handle found in free text unless nothing but dots
// follows the "@" or "t.me/" ("@....." is punctuation, not a handle).
func (x *extractor) textHandle(name, raw string) {
	if k := strings.ToLower(strings.TrimRight(name, ".")); len(k) >= 2 {
		x.add(Identifier{Kind: IdentHandle, Key: k, Raw: raw})
	}
}

func (x *extractor) place(s string) {
	if k := placeKey(s); k != "" {
		x.add(Identifier{Kind: IdentPlace, Key: k, Raw: strings.TrimSpace(s)})
	}
}

// text scans free text for phone numbers, handles, facilities and units.
// It looks at digits and "@" only, so plain words cost little.
func (x *extractor) text(s string) {
	if !strings.ContainsAny(s, "0123456789@") && !strings.Contains(s, "t.me/") {
		return
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '@':
			j := i + 1
			for j < len(s) && isHandleByte(s[j]) {
				j++
			}
			// "name@example.org" is an e-mail address, not a handle.
			if j-i > 3 && (i == 0 || !isHandleByte(s[i-1])) {
				x.textHandle(s[i+1:j], s[i:j])
			}
			i = j
		case c == 't' && strings.HasPrefix(s[i:], "t.me/") && (i == 0 || !isHandleByte(s[i-1])):
			j := i + 5
			for j < len(s) && isHandleByte(s[j]) {
				j++
			}
			if j-i > 7 {
				x.textHandle(s[i+5:j], s[i:j])
			}
			i = j
		case c == '+' || c >= '0' && c <= '9':
			if i > 0 && (isDigit(s[i-1]) || c == '+' && isWordByte(s[i-1])) {
				i++
				continue
			}
			// A number glued to a word ("IK17") is no phone number but
			// may be a facility's.
			i = x.numberAt(s, i, i == 0 || !isWordByte(s[i-1]))
		default:
			i++
		}
	}
}

func isHandleByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
}

// isWordByte reports a byte of a word: an ASCII letter or digit, or any
// byte of a multi-byte rune (Cyrillic letters).
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// numberAt looks at the number starting at s[i] (a digit or "+"): a phone
// number when it is one, otherwise the number of a facility or unit named
// just before it. It returns where scanning goes on.
func (x *extractor) numberAt(s string, i int, phone bool) int {
	// A phone number: digits in groups joined by single separators.
	j, digits, end := i, 0, i
	if s[j] == '+' {
		j++
	}
	for j < len(s) {
		c := s[j]
		if c >= '0' && c <= '9' {
			digits++
			j++
			end = j
			continue
		}
		if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.') && j+1 < len(s) &&
			(s[j+1] >= '0' && s[j+1] <= '9' || s[j+1] == '(' || c == ')' && s[j+1] == ' ') {
			j++
			continue
		}
		break
	}
	if phone && digits >= 10 && digits <= 15 && (end == len(s) || !isWordByte(s[end])) {
		first := s[i]
		if first == '+' || first == '8' || first == '7' || first == '0' || first == '3' || first == '9' || first == '(' {
			x.phone(s[i:end])
			return end
		}
	}
	// A facility or unit number: the digits of s[i:k].
	k := i
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k == i || k < len(s) && isWordByte(s[k]) && s[k] < 0x80 && !(s[k] >= '0' && s[k] <= '9') {
		return max(k, i+1)
	}
	// Fold what stands before the number (a few words) and the number.
	start := max(0, i-48)
	for start > 0 && start < i && s[start]&0xC0 == 0x80 {
		start++ // not in the middle of a rune
	}
	stop := k
	if k < len(s) && s[k] == '/' { // "ИЗ-77/1"
		m := k + 1
		for m < len(s) && s[m] >= '0' && s[m] <= '9' {
			m++
		}
		stop = m
	}
	if !markerBefore(s, i) {
		return stop
	}
	window := s[start:stop]
	x.facilities(window, "", false)
	x.units(window, false)
	return stop
}

// numberMarkers are the folded last words of the names of facilities and
// units, one of which must stand just before a number for it to be theirs.
var numberMarkers = func() map[string]bool {
	m := map[string]bool{"v": true, "ch": true, "vch": true, "chast": true, "unit": true}
	for _, p := range facilityPhrases {
		m[p.words[len(p.words)-1]] = true
	}
	return m
}()

// markerBefore reports whether the word before s[i] (skipping "№", "No.")
// is one of numberMarkers; it folds only that word, so numbers in ordinary
// sentences ("200 000 roubles") cost little.
func markerBefore(s string, i int) bool {
	for range 2 {
		j := i
		for j > 0 {
			r, n := utf8.DecodeLastRuneInString(s[:j])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				break
			}
			j -= n
		}
		k := j
		for k > 0 {
			r, n := utf8.DecodeLastRuneInString(s[:k])
			if !unicode.IsLetter(r) {
				break
			}
			k -= n
		}
		if k == j || j-k > 40 {
			return false
		}
		w := search.Fold(s[k:j])
		if numberMarkers[w] {
			return true
		}
		if !numberWords[w] {
			return false
		}
		i = k
	}
	return false
}

// Mentions is where a case mentions an identifier: in the person's own
// details and in which events (by index in Case.Events).
type Mentions struct {
	Person bool
	Events []int
}

// MentionsOf finds where c mentions the identifier id (matched by Kind and
// Key): the person's phones, handles, facility, unit and places, and each
// event's "from", words and place.
func MentionsOf(c cases.Case, id Identifier) Mentions {
	var m Mentions
	has := func(ids []Identifier) bool {
		return slices.ContainsFunc(ids, func(x Identifier) bool { return x.Kind == id.Kind && x.Key == id.Key })
	}
	p := c.Person
	person := cases.Overview{Phones: p.Phones, Facility: p.Facility, Region: p.Region, Unit: p.Unit}
	for _, h := range p.Handles {
		person.Handles = append(person.Handles, h.Value)
	}
	for _, pl := range c.Places {
		for _, s := range []string{pl.Name, pl.Region} {
			if s != "" {
				person.Places = append(person.Places, s)
			}
		}
	}
	m.Person = has(ExtractIdentifiers(person))
	for i, e := range c.Events {
		var x extractor
		x.text(e.From)
		x.handleValue(e.From)
		x.text(e.Text)
		if e.Place != "" {
			x.text(e.Place)
			if id, ok := PlaceIdentifier(e.Place); ok {
				x.add(id)
			}
		}
		if has(x.out) {
			m.Events = append(m.Events, i)
		}
	}
	return m
}
