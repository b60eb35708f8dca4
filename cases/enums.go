package cases

import "slices"

// The enumerations of case-format.md. Each is a typed string holding the
// lowercase snake_case word of the format; the zero value "" means "not
// given" where the format allows that. An unknown word is never mapped to a
// default: Validate reports it at its field's path.

// Status is where a case stands.
type Status string

// The statuses of a case.
const (
	StatusOpen         Status = "open"
	StatusContactLost  Status = "contact_lost"
	StatusLocated      Status = "located"
	StatusDetained     Status = "detained"
	StatusHospitalised Status = "hospitalised"
	StatusDeceased     Status = "deceased"
	StatusReturned     Status = "returned"
	StatusClosed       Status = "closed"
)

// AllStatuses lists every Status in the order menus show them.
var AllStatuses = []Status{StatusOpen, StatusContactLost, StatusLocated, StatusDetained,
	StatusHospitalised, StatusDeceased, StatusReturned, StatusClosed}

// Valid reports whether s is one of AllStatuses.
func (s Status) Valid() bool { return slices.Contains(AllStatuses, s) }

// Priority is how urgently a case needs work.
type Priority string

// The priorities of a case.
const (
	PriorityLow    Priority = "low"
	PriorityNormal Priority = "normal"
	PriorityHigh   Priority = "high"
	PriorityUrgent Priority = "urgent"
)

// AllPriorities lists every Priority from lowest to highest.
var AllPriorities = []Priority{PriorityLow, PriorityNormal, PriorityHigh, PriorityUrgent}

// Valid reports whether p is one of AllPriorities.
func (p Priority) Valid() bool { return slices.Contains(AllPriorities, p) }

// EventType is what happened in a timeline event.
type EventType string

// The types of timeline events.
const (
	EventMessageReceived     EventType = "message_received"
	EventMessageSent         EventType = "message_sent"
	EventCall                EventType = "call"
	EventRecruitmentVisit    EventType = "recruitment_visit"
	EventTransfer            EventType = "transfer"
	EventQuarantine          EventType = "quarantine"
	EventRequestForDocuments EventType = "request_for_documents"
	EventPaymentPromised     EventType = "payment_promised"
	EventPaymentReceived     EventType = "payment_received"
	EventInjury              EventType = "injury"
	EventHospitalisation     EventType = "hospitalisation"
	EventDeathNotice         EventType = "death_notice"
	EventContactLost         EventType = "contact_lost"
	EventContactRestored     EventType = "contact_restored"
	EventSighting            EventType = "sighting"
	EventOfficialReply       EventType = "official_reply"
	EventNote                EventType = "note"
	// EventFoundOnList: the person's name on a published list (prisoners
	// of war, a hospital's patients, the wounded, the dead), recorded from
	// a confirmed list match (cases/listmatch).
	EventFoundOnList EventType = "found_on_list"
)

// AllEventTypes lists every EventType in the order of case-format.md.
var AllEventTypes = []EventType{EventMessageReceived, EventMessageSent, EventCall,
	EventRecruitmentVisit, EventTransfer, EventQuarantine, EventRequestForDocuments,
	EventPaymentPromised, EventPaymentReceived, EventInjury, EventHospitalisation,
	EventDeathNotice, EventContactLost, EventContactRestored, EventSighting,
	EventOfficialReply, EventNote, EventFoundOnList}

// Valid reports whether t is one of AllEventTypes.
func (t EventType) Valid() bool { return slices.Contains(AllEventTypes, t) }

// IsContact reports whether an event of this type can be a sign of life of
// the person. Whether it is proof of life depends on who it came from and
// on its verification: see Event.IsConfirmedContactIn.
func (t EventType) IsContact() bool {
	switch t {
	case EventMessageReceived, EventCall, EventContactRestored, EventSighting:
		return true
	}
	return false
}

// Channel is how a message, call or handle reaches someone.
type Channel string

// The channels of events and handles.
const (
	ChannelWhatsApp Channel = "whatsapp"
	ChannelTelegram Channel = "telegram"
	ChannelSignal   Channel = "signal"
	ChannelViber    Channel = "viber"
	ChannelVK       Channel = "vk"
	ChannelSMS      Channel = "sms"
	ChannelPhone    Channel = "phone"
	ChannelLetter   Channel = "letter"
	ChannelEmail    Channel = "email"
	ChannelInPerson Channel = "in_person"
	ChannelOther    Channel = "other"
)

// AllChannels lists every Channel in the order of case-format.md.
var AllChannels = []Channel{ChannelWhatsApp, ChannelTelegram, ChannelSignal, ChannelViber,
	ChannelVK, ChannelSMS, ChannelPhone, ChannelLetter, ChannelEmail, ChannelInPerson, ChannelOther}

// Valid reports whether c is one of AllChannels.
func (c Channel) Valid() bool { return slices.Contains(AllChannels, c) }

// Verification is how far an event has been checked.
type Verification string

// The verification levels of events.
const (
	VerificationUnverified   Verification = "unverified"
	VerificationCorroborated Verification = "corroborated"
	VerificationConfirmed    Verification = "confirmed"
	VerificationDisputed     Verification = "disputed"
)

// AllVerifications lists every Verification in the order of case-format.md.
var AllVerifications = []Verification{VerificationUnverified, VerificationCorroborated,
	VerificationConfirmed, VerificationDisputed}

// Valid reports whether v is one of AllVerifications.
func (v Verification) Valid() bool { return slices.Contains(AllVerifications, v) }

// Consent is how widely a reporter allows their identity to be shared.
type Consent string

// The consent levels of reporters.
const (
	ConsentInternal Consent = "internal"
	ConsentPartners Consent = "partners"
	ConsentPublic   Consent = "public"
)

// AllConsents lists every Consent from narrowest to widest.
var AllConsents = []Consent{ConsentInternal, ConsentPartners, ConsentPublic}

// Valid reports whether c is one of AllConsents.
func (c Consent) Valid() bool { return slices.Contains(AllConsents, c) }

// PlaceKind is what sort of place a known location is.
type PlaceKind string

// The kinds of places.
const (
	PlaceColony            PlaceKind = "colony"
	PlacePretrialDetention PlaceKind = "pretrial_detention"
	PlaceTrainingGround    PlaceKind = "training_ground"
	PlaceFrontLine         PlaceKind = "front_line"
	PlaceHospital          PlaceKind = "hospital"
	PlaceMorgue            PlaceKind = "morgue"
	PlaceHome              PlaceKind = "home"
	PlaceOther             PlaceKind = "other"
)

// AllPlaceKinds lists every PlaceKind in the order of case-format.md.
var AllPlaceKinds = []PlaceKind{PlaceColony, PlacePretrialDetention, PlaceTrainingGround,
	PlaceFrontLine, PlaceHospital, PlaceMorgue, PlaceHome, PlaceOther}

// Valid reports whether k is one of AllPlaceKinds.
func (k PlaceKind) Valid() bool { return slices.Contains(AllPlaceKinds, k) }

// Confidence is how sure a known location is.
type Confidence string

// The confidence levels of places.
const (
	ConfidenceConfirmed Confidence = "confirmed"
	ConfidenceProbable  Confidence = "probable"
	ConfidencePossible  Confidence = "possible"
	ConfidenceRumour    Confidence = "rumour"
)

// AllConfidences lists every Confidence from surest to least sure.
var AllConfidences = []Confidence{ConfidenceConfirmed, ConfidenceProbable, ConfidencePossible,
	ConfidenceRumour}

// Valid reports whether c is one of AllConfidences.
func (c Confidence) Valid() bool { return slices.Contains(AllConfidences, c) }

// Sex is the missing person's sex as reported.
type Sex string

// The values of Person.Sex.
const (
	SexMale    Sex = "male"
	SexFemale  Sex = "female"
	SexOther   Sex = "other"
	SexUnknown Sex = "unknown"
)

// AllSexes lists every Sex.
var AllSexes = []Sex{SexMale, SexFemale, SexOther, SexUnknown}

// Valid reports whether s is one of AllSexes.
func (s Sex) Valid() bool { return slices.Contains(AllSexes, s) }
