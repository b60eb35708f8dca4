package cases_test

import (
	"slices"
	"testing"
	"time"

	"kintrace/cases"
)

func TestOverviewOfExample(t *testing.T) {
	cs, err := cases.DecodeCases(readExample(t))
	if err != nil {
		t.Fatal(err)
	}
	c := cs[0]
	c.Events = append(c.Events,
		cases.Event{Date: "2022-07-12T08:00:00Z", Type: cases.EventCall, Verification: cases.VerificationConfirmed},
		cases.Event{Date: "2022-09", Type: cases.EventNote}, // not a sign of life
		cases.Event{Date: "2022-07-11", Type: cases.EventSighting})
	o := c.Overview()
	if o.ID != c.ID || o.Number != "KT-2022-0007" || o.Version != 3 || o.Name != c.Person.Name || !o.Pseudonym ||
		o.Status != cases.StatusContactLost || o.Priority != cases.PriorityHigh || o.AssignedTo != "Marina" ||
		o.Facility != "IK-17, Mordovia" || o.Region != "Republic of Mordovia" || o.Unit != "" {
		t.Errorf("scalar fields wrong: %+v", o)
	}
	if !slices.Equal(o.Aliases, c.Person.Aliases) || !slices.Equal(o.Tags, c.Tags) ||
		!slices.Equal(o.Phones, []string{"+7 912 555-01-23"}) || !slices.Equal(o.Handles, []string{"+79125550123"}) {
		t.Errorf("lists wrong: %+v", o)
	}
	if want := []string{"training ground, Rostov Oblast", "Rostov Oblast"}; !slices.Equal(o.Places, want) {
		t.Errorf("Places = %q, want %q", o.Places, want)
	}
	for _, want := range []string{"tattoo of an anchor on the left forearm", "+7 999 000-44-17",
		"Asked for a copy of mother's passport so that she can receive his wages.", "Rostov Oblast",
		"monthly pay", "recruiters", "Оксана", "half-sister", c.Notes} {
		if !slices.Contains(o.Texts, want) {
			t.Errorf("Texts lack %q", want)
		}
	}
	for _, secret := range []string{"Signal only, evenings", "do not phone: the husband is hostile"} {
		if slices.Contains(o.Texts, secret) {
			t.Errorf("Texts hold the reporter's contact details %q", secret)
		}
	}
	wantV := []cases.Verification{cases.VerificationUnverified, cases.VerificationCorroborated, cases.VerificationConfirmed}
	if !slices.Equal(o.Verifications, wantV) {
		t.Errorf("Verifications = %v, want %v", o.Verifications, wantV)
	}
	if want := time.Date(2022, 7, 12, 8, 0, 0, 0, time.UTC); !o.LastContact.Equal(want) {
		t.Errorf("LastContact = %v, want %v", o.LastContact, want)
	}
	if o.BirthYear != 1987 {
		t.Errorf("BirthYear = %d, want 1987", o.BirthYear)
	}
	if !o.CreatedAt.Equal(c.CreatedAt) || !o.UpdatedAt.Equal(c.UpdatedAt) {
		t.Errorf("times wrong: %v %v", o.CreatedAt, o.UpdatedAt)
	}
	o.Tags[0] = "changed"
	if c.Tags[0] == "changed" {
		t.Error("Overview shares slices with the case")
	}
}

func TestOverviewNoContact(t *testing.T) {
	c := validCase()
	c.Events = []cases.Event{{Date: "2023-01-01", Type: cases.EventContactLost}, {Type: cases.EventMessageReceived}}
	if o := c.Overview(); !o.LastContact.IsZero() || o.Verifications != nil {
		t.Errorf("LastContact = %v, Verifications = %v; want zero, nil", o.LastContact, o.Verifications)
	}
}
