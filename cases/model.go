package cases

import "time"

// Case is one case file: the missing person, who reported them, what is
// known of them over time, and the advocate's bookkeeping. Its JSON form is
// the public interchange format of case-format.md; the field names there are
// a promise to users and must not change.
type Case struct {
	// ID is the case's stable, random, sortable id; the store assigns it
	// when empty.
	ID string `json:"id,omitempty"`
	// Number is the human case number, such as "KT-2022-0007".
	Number string `json:"number,omitempty"`
	// Version grows by one on every saved change.
	Version int64 `json:"version,omitempty"`

	Status     Status   `json:"status"`
	Priority   Priority `json:"priority,omitempty"`
	Tags       []string `json:"tags,omitempty"`
	AssignedTo string   `json:"assigned_to,omitempty"`

	Person    Person     `json:"person"`
	Reporters []Reporter `json:"reporters,omitempty"`
	Events    []Event    `json:"events,omitempty"`
	Places    []Place    `json:"places,omitempty"`
	Promises  []Promise  `json:"promises,omitempty"`
	Notes     string     `json:"notes,omitempty"`

	// Requests are the requests sent to authorities about the person, and
	// FollowUps the case's next actions (additions to case-format.md,
	// case file format 2; casework.go).
	Requests  []Request  `json:"requests,omitempty"`
	FollowUps []FollowUp `json:"followups,omitempty"`

	CreatedAt time.Time `json:"created_at,omitzero"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// UpdatedBy names who saved the current version (an addition to
	// case-format.md).
	UpdatedBy string `json:"updated_by,omitempty"`

	// MergedInto is the id of the case this one was merged into (an
	// addition to case-format.md): the case is kept, with its history, but
	// leaves the default case list. See Vault.Merge.
	MergedInto string `json:"merged_into,omitempty"`
	// MergedFrom lists the ids of the cases merged into this one, oldest
	// merge first (an addition to case-format.md).
	MergedFrom []string `json:"merged_from,omitempty"`
}

// Person is the missing person.
type Person struct {
	Name      string   `json:"name"`
	Pseudonym bool     `json:"pseudonym,omitempty"`
	Aliases   []string `json:"aliases,omitempty"` // other spellings and transliterations
	BirthDate Date     `json:"birth_date,omitempty"`
	Sex       Sex      `json:"sex,omitempty"`
	Features  string   `json:"features,omitempty"`
	// Phones are kept as typed; NormalizePhone gives the form they are
	// matched in.
	Phones      []string `json:"phones,omitempty"`
	Handles     []Handle `json:"handles,omitempty"`
	Facility    string   `json:"facility,omitempty"`
	Region      string   `json:"region,omitempty"`
	Unit        string   `json:"unit,omitempty"`
	RecruitedBy string   `json:"recruited_by,omitempty"`
	RecruitedOn Date     `json:"recruited_on,omitempty"`
}

// Handle is an account on a messenger or other channel.
type Handle struct {
	Channel Channel `json:"channel"`
	Value   string  `json:"value"`
}

// Reporter is a relative or contact who reported the case. Redacted bundles
// leave reporters out according to Consent.
type Reporter struct {
	Name      string  `json:"name,omitempty"`
	Pseudonym bool    `json:"pseudonym,omitempty"`
	Relation  string  `json:"relation,omitempty"`
	Contact   string  `json:"contact,omitempty"` // how to reach them safely
	Safety    string  `json:"safety,omitempty"`
	Consent   Consent `json:"consent,omitempty"`
	Language  string  `json:"language,omitempty"`
}

// Event is one dated entry of the timeline.
type Event struct {
	Date Date `json:"date,omitempty"`
	// Approx marks Date as approximate ("late July").
	Approx       bool         `json:"approx,omitempty"`
	Type         EventType    `json:"type"`
	Channel      Channel      `json:"channel,omitempty"`
	From         string       `json:"from,omitempty"` // number or handle involved
	Text         string       `json:"text,omitempty"` // the words, or a summary
	Place        string       `json:"place,omitempty"`
	Source       string       `json:"source,omitempty"`
	Verification Verification `json:"verification,omitempty"`
	// Origin is who the event came from; "" for events recorded without
	// one, whose origin OriginIn infers.
	Origin Origin `json:"origin,omitempty"`
	// ConfirmedBy is how a contact from the person was confirmed.
	ConfirmedBy ConfirmedBy `json:"confirmed_by,omitempty"`
}

// Place is a known location of the person.
type Place struct {
	Date       Date       `json:"date,omitempty"`
	Name       string     `json:"name,omitempty"`
	Kind       PlaceKind  `json:"kind,omitempty"`
	Region     string     `json:"region,omitempty"`
	Lat        *float64   `json:"lat,omitempty"`
	Lon        *float64   `json:"lon,omitempty"`
	Source     string     `json:"source,omitempty"`
	Confidence Confidence `json:"confidence,omitempty"`
}

// Promise is something offered to the person or the family: pay, a payout,
// a pardon.
type Promise struct {
	What     string   `json:"what"`
	Amount   *float64 `json:"amount,omitempty"`
	Currency string   `json:"currency,omitempty"` // ISO 4217, such as "RUB"
	By       string   `json:"by,omitempty"`
	Honoured *bool    `json:"honoured,omitempty"` // nil: not known yet
}
