package cases_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/crypto"
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

func TestGenerateCases(t *testing.T) {
	a, b := cases.GenerateCases(300, 42), cases.GenerateCases(300, 42)
	if !slices.EqualFunc(a, b, func(x, y cases.Case) bool { return x.ID == y.ID && x.Person.Name == y.Person.Name }) {
		t.Fatal("same seed gave different cases")
	}
	if c := cases.GenerateCases(1, 43); c[0].Person.Name == a[0].Person.Name && c[0].Events[0].Text == a[0].Events[0].Text &&
		c[0].Person.Phones[0] == a[0].Person.Phones[0] {
		t.Error("another seed gave the same case")
	}
	var cyrillic, latin, facility, unit int
	for i, c := range a {
		if err := c.Validate(); err != nil {
			t.Fatalf("generated case %d invalid: %v", i, err)
		}
		if c.Person.Name[0] < 0x80 {
			latin++
		} else {
			cyrillic++
		}
		if c.Person.Facility != "" {
			facility++
		}
		if c.Person.Unit != "" {
			unit++
		}
	}
	if cyrillic < 100 || latin < 30 || facility < 100 || unit < 50 {
		t.Errorf("unrealistic mix: %d Cyrillic, %d Latin names, %d in colonies, %d in units", cyrillic, latin, facility, unit)
	}
	data, err := cases.EncodeCases(a)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cases.DecodeCases(data); err != nil {
		t.Fatalf("generated cases do not decode: %v", err)
	}
}

// overviewSamples are overviews whose encoding must round-trip exactly:
// generated cases, nil and empty lists, zero and non-UTC times.
func overviewSamples() []cases.Overview {
	var os []cases.Overview
	for _, c := range cases.GenerateCases(300, 5) {
		os = append(os, c.Overview())
	}
	kyiv := time.FixedZone("", 3*3600)
	odd := time.FixedZone("", 5*3600+30*60+15) // an offset with seconds
	os = append(os,
		cases.Overview{},
		cases.Overview{ID: "a", Aliases: []string{}, Tags: []string{}, Texts: []string{""},
			Verifications: []cases.Verification{}, Pseudonym: true, BirthYear: -1, Version: -5},
		cases.Overview{ID: "b", Name: "Ёжиков Пётр", Places: []string{"ИК-17, Мордовия", "ИК-17, Мордовия"},
			LastContact: time.Date(2022, 7, 10, 0, 0, 0, 0, kyiv),
			CreatedAt:   time.Date(2021, 1, 2, 3, 4, 5, 6, odd),
			UpdatedAt:   time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC)},
		cases.Overview{ID: "c", CreatedAt: time.Time{}.In(kyiv)},
	)
	return os
}

func TestOverviewEncodingRoundTrip(t *testing.T) {
	for i, o := range overviewSamples() {
		b, err := cases.EncodeOverview(o)
		if err != nil {
			t.Fatalf("sample %d: %v", i, err)
		}
		got, err := cases.DecodeOverview(b)
		if err != nil {
			t.Fatalf("sample %d: %v", i, err)
		}
		// Times come back as the same instants, in UTC.
		inUTC := o
		inUTC.LastContact, inUTC.CreatedAt, inUTC.UpdatedAt = o.LastContact.UTC(), o.CreatedAt.UTC(), o.UpdatedAt.UTC()
		if !reflect.DeepEqual(got, inUTC) {
			t.Fatalf("sample %d:\n got %#v\nwant %#v", i, got, inUTC)
		}
		// The JSON of older vaults decodes to what encoding/json gives.
		js, err := json.Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		var want cases.Overview
		if err := json.Unmarshal(js, &want); err != nil {
			t.Fatal(err)
		}
		if got, err := cases.DecodeOverview(js); err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("sample %d as JSON: %v\n got %#v\nwant %#v", i, err, got, want)
		}
	}
}

// TestOverviewEncodingDamaged checks that every truncation of an encoding
// and a trailing byte are refused as corrupt (the AEAD makes these the work
// of a faulty writer, but the decoder must not trust lengths).
func TestOverviewEncodingDamaged(t *testing.T) {
	for i, o := range overviewSamples()[295:] {
		b, err := cases.EncodeOverview(o)
		if err != nil {
			t.Fatal(err)
		}
		for n := 1; n < len(b); n++ {
			if _, err := cases.DecodeOverview(b[:n]); !errors.Is(err, crypto.ErrCorrupt) {
				t.Fatalf("sample %d cut to %d of %d bytes: %v, want ErrCorrupt", i, n, len(b), err)
			}
		}
		if _, err := cases.DecodeOverview(append(b, 0)); !errors.Is(err, crypto.ErrCorrupt) {
			t.Fatalf("sample %d with a trailing byte: %v, want ErrCorrupt", i, err)
		}
	}
}

func FuzzDecodeOverview(f *testing.F) {
	for _, o := range overviewSamples()[295:] {
		b, err := cases.EncodeOverview(o)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"ID":"x","Tags":["a"]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		o, err := cases.DecodeOverview(b)
		if err != nil || len(b) == 0 || b[0] != 0x01 {
			return
		}
		again, err := cases.EncodeOverview(o)
		if err != nil {
			t.Fatal(err)
		}
		// Decoding what was encoded must give the same encoding again.
		// (Times are compared through their encoding: a decoded time's
		// fixed zone is a new *time.Location each time.)
		o2, err := cases.DecodeOverview(again)
		if err != nil {
			t.Fatalf("re-decoding: %v", err)
		}
		third, err := cases.EncodeOverview(o2)
		if err != nil || !bytes.Equal(again, third) {
			t.Fatalf("re-encoding differs: %v\n%#v\n%#v", err, o, o2)
		}
	})
}

// TestOverviewEncodingCoversEveryField sets each field of Overview in turn
// and checks that it survives the sealed encoding, so that a field added to
// Overview without being added to the encoding (and FORMAT.md) fails here
// instead of vanishing at the next unlock.
func TestOverviewEncodingCoversEveryField(t *testing.T) {
	typ := reflect.TypeFor[cases.Overview]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		var o cases.Overview
		v := reflect.ValueOf(&o).Elem().Field(i)
		switch {
		case f.Type == reflect.TypeFor[time.Time]():
			v.Set(reflect.ValueOf(time.Date(2023, 4, 5, 6, 7, 8, 9, time.UTC)))
		case v.Kind() == reflect.String:
			v.SetString("x")
		case v.Kind() == reflect.Bool:
			v.SetBool(true)
		case v.CanInt():
			v.SetInt(42)
		case v.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
			s := reflect.MakeSlice(f.Type, 1, 1)
			s.Index(0).SetString("y")
			v.Set(s)
		default:
			t.Fatalf("Overview.%s (%s): the test does not know how to set it; add it to appendOverview, decodeOverview, docs/FORMAT.md and here", f.Name, f.Type)
		}
		b, err := cases.EncodeOverview(o)
		if err != nil {
			t.Fatal(err)
		}
		got, err := cases.DecodeOverview(b)
		if err != nil || !reflect.DeepEqual(got, o) {
			t.Fatalf("Overview.%s does not survive the encoding (%v): got %+v", f.Name, err, got)
		}
	}
}
