package cases

import "slices"

// Origin is who an event came from, as far as the case worker can tell.
// It is what decides whether a message or a call is proof that the person
// is alive: a text in his style from a new number is not.
type Origin string

// The origins of events.
const (
	// OriginPerson: the person himself (his voice, his face on video, his
	// known number, a detail only he would know).
	OriginPerson Origin = "person"
	// OriginClaimed: someone who says he is the person but has not been
	// recognised, typically a message from an unknown number.
	OriginClaimed Origin = "claimed_person"
	// OriginIntermediary: a comrade, a commander, an "accountant", a
	// recruiter: someone speaking about the person.
	OriginIntermediary Origin = "intermediary"
	// OriginOfficial: an authority, a prison or the army, in its own name.
	OriginOfficial Origin = "official"
	// OriginDocument: a document, a list, a photo, a record.
	OriginDocument Origin = "document"
)

// AllOrigins lists every Origin in the order of docs/FORMAT.md.
var AllOrigins = []Origin{OriginPerson, OriginClaimed, OriginIntermediary, OriginOfficial, OriginDocument}

// Valid reports whether o is one of AllOrigins.
func (o Origin) Valid() bool { return slices.Contains(AllOrigins, o) }

// ConfirmedBy is how a contact was confirmed to come from the person.
type ConfirmedBy string

// The ways a contact is confirmed.
const (
	ConfirmedByVoice    ConfirmedBy = "voice"
	ConfirmedByVideo    ConfirmedBy = "video"
	ConfirmedByDetail   ConfirmedBy = "detail" // a detail only he knows
	ConfirmedByInPerson ConfirmedBy = "in_person"
	ConfirmedByOther    ConfirmedBy = "other"
)

// AllConfirmedBy lists every ConfirmedBy in the order of docs/FORMAT.md.
var AllConfirmedBy = []ConfirmedBy{ConfirmedByVoice, ConfirmedByVideo, ConfirmedByDetail,
	ConfirmedByInPerson, ConfirmedByOther}

// Valid reports whether b is one of AllConfirmedBy.
func (b ConfirmedBy) Valid() bool { return slices.Contains(AllConfirmedBy, b) }

// OriginIn returns who e came from: its Origin when one is recorded, else
// what its type, channel and number say, for events written before origins
// were recorded (and by tools that do not record them):
//   - an official reply is official; a sighting comes from an intermediary;
//   - a contact restored, a meeting in person and a letter come from the
//     person;
//   - a message or call from none of the person's own numbers and handles
//     comes from someone claiming to be him; from one of them, or with no
//     number given, from the person;
//   - anything else has no origin ("").
func (e *Event) OriginIn(p *Person) Origin {
	if e.Origin != "" {
		return e.Origin
	}
	switch e.Type {
	case EventOfficialReply:
		return OriginOfficial
	case EventSighting:
		return OriginIntermediary
	case EventContactRestored:
		return OriginPerson
	case EventMessageReceived, EventCall:
		if e.Channel == ChannelInPerson || e.Channel == ChannelLetter {
			return OriginPerson
		}
		if e.From == "" || p.HasNumber(e.From) {
			return OriginPerson
		}
		return OriginClaimed
	}
	return ""
}

// HasNumber reports whether s is one of the person's phone numbers or
// handles, compared in their normalised forms.
func (p *Person) HasNumber(s string) bool {
	n := NormalizePhone(s)
	if len(n) < 7 { // a handle with a few digits in it is not a number
		n = ""
	}
	h := HandleKey(s)
	for _, ph := range p.Phones {
		if n != "" && NormalizePhone(ph) == n {
			return true
		}
	}
	for _, hd := range p.Handles {
		if h != "" && HandleKey(hd.Value) == h {
			return true
		}
		if n != "" && NormalizePhone(hd.Value) == n {
			return true
		}
	}
	return false
}

// IsSignOfLife reports whether e suggests the person was alive at its date:
// a contact event (IsContact) that nobody has disputed, whoever it came
// from.
func (e *Event) IsSignOfLife() bool {
	return e.Type.IsContact() && e.Verification != VerificationDisputed && !e.Date.IsZero()
}

// IsConfirmedContactIn reports whether e is proof of life: a sign of life
// that came from the person himself (OriginIn) and that a case worker has
// confirmed or corroborated. Silence counts from the latest such event.
func (e *Event) IsConfirmedContactIn(p *Person) bool {
	if !e.IsSignOfLife() || e.OriginIn(p) != OriginPerson {
		return false
	}
	return e.Verification == VerificationConfirmed || e.Verification == VerificationCorroborated
}

// Confirm marks e as a contact from the person himself, confirmed by how.
func (e *Event) Confirm(how ConfirmedBy) {
	e.Origin = OriginPerson
	e.Verification = VerificationConfirmed
	e.ConfirmedBy = how
}
