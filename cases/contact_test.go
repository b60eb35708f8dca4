package cases_test

import (
	"strings"
	"testing"
	"time"

	"kintrace/cases"
)

// The finding of issue 13: a case whose only events are a WhatsApp message
// from an unknown number and a call from the "accountant" must not look
// recently in touch.
func TestUnconfirmedContactsDoNotEndSilence(t *testing.T) {
	c := validCase()
	c.CreatedAt = time.Date(2022, 8, 1, 0, 0, 0, 0, time.UTC)
	c.Person.Phones = []string{"+7 912 555-01-23"}
	c.Events = []cases.Event{
		{Date: "2022-07-01", Type: cases.EventCall, Channel: cases.ChannelPhone, From: "8 (912) 555-01-23",
			Verification: cases.VerificationConfirmed}, // his own number, his voice
		{Date: "2022-12-01", Type: cases.EventMessageReceived, Channel: cases.ChannelWhatsApp,
			From: "+7 999 000-44-17", Text: "Мама, всё хорошо, пришли паспорт"}, // unknown number
		{Date: "2022-12-03", Type: cases.EventCall, Channel: cases.ChannelPhone, From: "+7 999 000-55-00",
			Origin: cases.OriginIntermediary, Verification: cases.VerificationCorroborated}, // the "accountant"
	}
	o := c.Overview()
	if want := time.Date(2022, 7, 1, 0, 0, 0, 0, time.UTC); !o.LastContact.Equal(want) {
		t.Errorf("LastContact = %v, want the confirmed call of %v", o.LastContact, want)
	}
	if want := time.Date(2022, 12, 3, 0, 0, 0, 0, time.UTC); !o.LastSign.Equal(want) {
		t.Errorf("LastSign = %v, want %v", o.LastSign, want)
	}
	if !o.UnconfirmedSince() {
		t.Error("UnconfirmedSince = false with two unconfirmed signs after the last confirmed contact")
	}
	if got := o.SilentSince(); !got.Equal(o.LastContact) {
		t.Errorf("SilentSince = %v, want LastContact", got)
	}

	// Without the confirmed call the case was never confirmed.
	c.Events = c.Events[1:]
	o = c.Overview()
	if !o.LastContact.IsZero() || !o.SilentSince().IsZero() || !o.UnconfirmedSince() {
		t.Errorf("never confirmed: LastContact %v, SilentSince %v, UnconfirmedSince %v", o.LastContact, o.SilentSince(), o.UnconfirmedSince())
	}

	// A case worker recognises him in the message (a detail only he knows):
	// silence ends there.
	c.Events[0].Confirm(cases.ConfirmedByDetail)
	o = c.Overview()
	if want := time.Date(2022, 12, 1, 0, 0, 0, 0, time.UTC); !o.LastContact.Equal(want) {
		t.Errorf("after confirming, LastContact = %v, want %v", o.LastContact, want)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("confirmed case does not validate: %v", err)
	}
}

func TestOriginInferredForOldEvents(t *testing.T) {
	p := cases.Person{Phones: []string{"+380 67 123 4567"}, Handles: []cases.Handle{{Channel: cases.ChannelTelegram, Value: "@serhii_k"}}}
	for _, tc := range []struct {
		e    cases.Event
		want cases.Origin
	}{
		{cases.Event{Type: cases.EventCall, From: "067 123 45 67"}, cases.OriginPerson},
		{cases.Event{Type: cases.EventMessageReceived, Channel: cases.ChannelTelegram, From: "https://t.me/Serhii_K"}, cases.OriginPerson},
		{cases.Event{Type: cases.EventMessageReceived, From: "+7 999 000-44-17"}, cases.OriginClaimed},
		{cases.Event{Type: cases.EventMessageReceived, From: "@new_account77"}, cases.OriginClaimed},
		{cases.Event{Type: cases.EventCall}, cases.OriginPerson},
		{cases.Event{Type: cases.EventMessageReceived, Channel: cases.ChannelLetter, From: "IK-17"}, cases.OriginPerson},
		{cases.Event{Type: cases.EventSighting, From: "comrade"}, cases.OriginIntermediary},
		{cases.Event{Type: cases.EventOfficialReply}, cases.OriginOfficial},
		{cases.Event{Type: cases.EventContactRestored}, cases.OriginPerson},
		{cases.Event{Type: cases.EventNote}, ""},
		{cases.Event{Type: cases.EventCall, From: "067 123 45 67", Origin: cases.OriginIntermediary}, cases.OriginIntermediary},
	} {
		if got := tc.e.OriginIn(&p); got != tc.want {
			t.Errorf("OriginIn(%+v) = %q, want %q", tc.e, got, tc.want)
		}
	}
}

func TestSignsOfLife(t *testing.T) {
	p := cases.Person{}
	for _, tc := range []struct {
		e               cases.Event
		sign, confirmed bool
	}{
		{cases.Event{Date: "2023", Type: cases.EventCall, Verification: cases.VerificationConfirmed}, true, true},
		{cases.Event{Date: "2023", Type: cases.EventCall, Verification: cases.VerificationCorroborated}, true, true},
		{cases.Event{Date: "2023", Type: cases.EventCall}, true, false},
		{cases.Event{Date: "2023", Type: cases.EventCall, Verification: cases.VerificationDisputed}, false, false},
		{cases.Event{Type: cases.EventCall, Verification: cases.VerificationConfirmed}, false, false}, // no date
		{cases.Event{Date: "2023", Type: cases.EventSighting, Verification: cases.VerificationConfirmed}, true, false},
		{cases.Event{Date: "2023", Type: cases.EventSighting, Origin: cases.OriginPerson, Verification: cases.VerificationConfirmed}, true, true},
		{cases.Event{Date: "2023", Type: cases.EventTransfer, Origin: cases.OriginPerson, Verification: cases.VerificationConfirmed}, false, false},
	} {
		if got := tc.e.IsSignOfLife(); got != tc.sign {
			t.Errorf("IsSignOfLife(%+v) = %v", tc.e, got)
		}
		if got := tc.e.IsConfirmedContactIn(&p); got != tc.confirmed {
			t.Errorf("IsConfirmedContactIn(%+v) = %v", tc.e, got)
		}
	}
}

func TestUnknownOriginRejected(t *testing.T) {
	c := validCase()
	c.Events = []cases.Event{{Type: cases.EventCall, Origin: "himself", ConfirmedBy: "telepathy"}}
	err := c.Validate()
	if err == nil {
		t.Fatal("unknown origin accepted")
	}
	for _, want := range []string{`events[0].origin: unknown origin "himself"`, `1 more`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}
