package vault_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/casegen"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

func TestOverviewEncodingRoundTrip(t *testing.T) {
	for i, o := range overviewSamples() {
		b, err := vault.EncodeOverview(o)
		if err != nil {
			t.Fatalf("sample %d: %v", i, err)
		}
		got, err := vault.DecodeOverview(b)
		if err != nil {
			t.Fatalf("sample %d: %v", i, err)
		}
		// Times come back as the same instants, in UTC.
		inUTC := o
		inUTC.LastContact, inUTC.LastSign, inUTC.CreatedAt, inUTC.UpdatedAt = o.LastContact.UTC(), o.LastSign.UTC(), o.CreatedAt.UTC(), o.UpdatedAt.UTC()
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
		if got, err := vault.DecodeOverview(js); err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("sample %d as JSON: %v\n got %#v\nwant %#v", i, err, got, want)
		}
	}
}

// TestOverviewEncodingDamaged checks that every truncation of an encoding
// and a trailing byte are refused as corrupt (the AEAD makes these the work
// of a faulty writer, but the decoder must not trust lengths).
func TestOverviewEncodingDamaged(t *testing.T) {
	for i, o := range overviewSamples()[295:] {
		b, err := vault.EncodeOverview(o)
		if err != nil {
			t.Fatal(err)
		}
		for n := 1; n < len(b); n++ {
			if _, err := vault.DecodeOverview(b[:n]); !errors.Is(err, crypto.ErrCorrupt) {
				t.Fatalf("sample %d cut to %d of %d bytes: %v, want ErrCorrupt", i, n, len(b), err)
			}
		}
		if _, err := vault.DecodeOverview(append(b, 0)); !errors.Is(err, crypto.ErrCorrupt) {
			t.Fatalf("sample %d with a trailing byte: %v, want ErrCorrupt", i, err)
		}
	}
}

func FuzzDecodeOverview(f *testing.F) {
	for _, o := range overviewSamples()[295:] {
		b, err := vault.EncodeOverview(o)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"ID":"x","Tags":["a"]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		o, err := vault.DecodeOverview(b)
		if err != nil || len(b) == 0 || b[0] != 0x03 {
			return
		}
		again, err := vault.EncodeOverview(o)
		if err != nil {
			t.Fatal(err)
		}
		// Decoding what was encoded must give the same encoding again.
		// (Times are compared through their encoding: a decoded time's
		// fixed zone is a new *time.Location each time.)
		o2, err := vault.DecodeOverview(again)
		if err != nil {
			t.Fatalf("re-decoding: %v", err)
		}
		third, err := vault.EncodeOverview(o2)
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
		case f.Type == reflect.TypeFor[[]cases.OpenFollowUp]():
			o.FollowUps = []cases.OpenFollowUp{{ID: "F1", Due: "2024-05-06", Owner: "Marina", Note: "call the mother"}}
		case f.Type == reflect.TypeFor[[]cases.OpenRequest]():
			o.Requests = []cases.OpenRequest{{ID: "R1", Due: "2024-06-01", Kind: cases.AuthorityICRC, Authority: "ICRC Moscow"}}
		default:
			t.Fatalf("Overview.%s (%s): the test does not know how to set it; add it to appendOverview, decodeOverview, docs/FORMAT.md and here", f.Name, f.Type)
		}
		b, err := vault.EncodeOverview(o)
		if err != nil {
			t.Fatal(err)
		}
		got, err := vault.DecodeOverview(b)
		if err != nil || !reflect.DeepEqual(got, o) {
			t.Fatalf("Overview.%s does not survive the encoding (%v): got %+v", f.Name, err, got)
		}
	}
}

// overviewSamples are overviews whose encoding must round-trip exactly:
// generated cases, nil and empty lists, zero and non-UTC times.
func overviewSamples() []cases.Overview {
	var os []cases.Overview
	for _, c := range casegen.Generate(300, 5) {
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
			LastSign:    time.Date(2022, 12, 1, 9, 30, 0, 0, kyiv),
			CreatedAt:   time.Date(2021, 1, 2, 3, 4, 5, 6, odd),
			UpdatedAt:   time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC)},
		cases.Overview{ID: "c", CreatedAt: time.Time{}.In(kyiv)},
		cases.Overview{ID: "d", FollowUps: []cases.OpenFollowUp{}, Requests: []cases.OpenRequest{}},
		cases.Overview{ID: "e", FollowUps: []cases.OpenFollowUp{{ID: "F1", Due: "2024-05-06", Owner: "Марина", Note: "позвонить матери"}, {}},
			Requests: []cases.OpenRequest{{ID: "R1", Due: "2024-06", Kind: cases.AuthorityPrisonService, Authority: "УФСИН"}}},
	)
	return os
}
