package pfif_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/pfif"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

func exampleCase(t testing.TB) cases.Case {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "example.json"))
	if err != nil {
		t.Fatal(err)
	}
	cs, err := cases.DecodeCases(data)
	if err != nil {
		t.Fatalf("DecodeCases: %v", err)
	}
	return cs[0]
}

// richCase is the example with more kinds of dates, places and handles.
func richCase(t testing.TB) cases.Case {
	c := exampleCase(t)
	lat, lon := 47.2357, 39.7015
	c.Person.BirthDate = cases.DayDate(1987, 3, 14)
	c.Person.Handles = append(c.Person.Handles, cases.Handle{Channel: cases.ChannelTelegram, Value: "@serg_l"})
	c.Person.Unit = "storm unit \"V\" <5>"
	c.Events = append(c.Events,
		cases.Event{Date: cases.YearDate(2023), Type: cases.EventSighting, Text: "Seen in a hospital list & a photo",
			Source: "volunteer", Verification: cases.VerificationDisputed},
		cases.Event{Date: cases.TimeDate(time.Date(2022, 8, 2, 14, 5, 0, 0, time.UTC)), Type: cases.EventOfficialReply,
			Channel: cases.ChannelLetter, Text: "Ministry: no information.\nSecond line.", Source: "ombudsperson",
			Verification: cases.VerificationConfirmed},
		cases.Event{Type: cases.EventNote, Text: "undated remark"},
		cases.Event{Date: cases.DayDate(2022, 8, 20), Type: cases.EventCall, Channel: cases.ChannelPhone,
			From: "+7 999 000-55-00", Origin: cases.OriginPerson, Verification: cases.VerificationConfirmed,
			ConfirmedBy: cases.ConfirmedByVoice, Source: "mother"},
	)
	c.Places = append(c.Places, cases.Place{Date: cases.MonthDate(2022, 9), Name: "hospital No. 2", Kind: cases.PlaceHospital,
		Region: "Rostov Oblast", Lat: &lat, Lon: &lon, Source: "list", Confidence: cases.ConfidenceRumour},
		cases.Place{Name: "Saransk", Kind: cases.PlaceHome, Region: "Republic of Mordovia"})
	return c
}

func newVault(t *testing.T) *vault.Vault {
	t.Helper()
	restore := crypto.UseInsecureKDFForTests()
	t.Cleanup(restore)
	v, _, err := vault.Create(filepath.Join(t.TempDir(), "v.kintrace"), []byte("correct horse"), vault.CreateOptions{Owner: "tester"})
	if err != nil {
		t.Fatalf("CreateVault: %v", err)
	}
	t.Cleanup(func() { v.Close() })
	return v
}

func TestRoundTripThroughVaults(t *testing.T) {
	ctx := context.Background()
	src := newVault(t)
	orig, err := src.Add(ctx, richCase(t))
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	stored, err := src.Get(ctx, orig.ID)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pfif.Export(ctx, &buf, []cases.Case{stored}, pfif.ExportOptions{Author: "Rights Group"}); err != nil {
		t.Fatalf("Export: %v", err)
	}
	doc := buf.String()
	for _, w := range []string{`xmlns:pfif="http://zesty.ca/pfif/1.4"`, "<pfif:person_record_id>kintrace.local/" + stored.ID,
		"<pfif:full_name>Сергей Павлович Лебедев</pfif:full_name>", "<pfif:given_name>Сергей</pfif:given_name>",
		"<pfif:family_name>Лебедев</pfif:family_name>", "<pfif:date_of_birth>1987-03-14</pfif:date_of_birth>",
		"<pfif:sex>male</pfif:sex>", "<pfif:status>believed_missing</pfif:status>", "<pfif:home_city>Saransk</pfif:home_city>",
		"<pfif:author_name>Rights Group</pfif:author_name>"} {
		if !strings.Contains(doc, w) {
			t.Errorf("export lacks %s", w)
		}
	}
	for _, secret := range []string{"Оксана", "Signal only", "hostile"} {
		if strings.Contains(doc, secret) {
			t.Errorf("export carries reporter detail %q", secret)
		}
	}

	got, err := pfif.Decode(strings.NewReader(doc), pfif.ImportOptions{})
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	dst := newVault(t)
	added, err := dst.AddAll(ctx, got)
	if err != nil {
		t.Fatalf("AddAll: %v", err)
	}
	back, err := dst.Get(ctx, added[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if back.ID != stored.ID {
		t.Errorf("id = %q, want %q", back.ID, stored.ID)
	}
	if back.Status != stored.Status {
		t.Errorf("status = %q, want %q", back.Status, stored.Status)
	}
	if !reflect.DeepEqual(back.Person, stored.Person) {
		t.Errorf("person differs:\n got %+v\nwant %+v", back.Person, stored.Person)
	}
	if !reflect.DeepEqual(back.Events, stored.Events) {
		t.Errorf("events differ:\n got %+v\nwant %+v", back.Events, stored.Events)
	}
	if !reflect.DeepEqual(back.Places, stored.Places) {
		t.Errorf("places differ:\n got %+v\nwant %+v", back.Places, stored.Places)
	}
	if !back.CreatedAt.Equal(stored.CreatedAt) {
		t.Errorf("created_at = %v, want %v", back.CreatedAt, stored.CreatedAt)
	}
	if len(back.Reporters) != 0 {
		t.Errorf("import invented %d reporters", len(back.Reporters))
	}

	// A second import of the same file is refused, not duplicated.
	again, err := pfif.Decode(strings.NewReader(doc), pfif.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dst.AddAll(ctx, again); !errors.Is(err, vault.ErrExists) {
		t.Errorf("second import: %v, want ErrExists", err)
	}
}

const foreign = `<?xml version="1.0" encoding="UTF-8"?>
<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">
  <pfif:person>
    <pfif:person_record_id>example.org/p.123</pfif:person_record_id>
    <pfif:entry_date>2011-03-12T09:00:00Z</pfif:entry_date>
    <pfif:author_name>Kenji</pfif:author_name>
    <pfif:author_phone>+81 90 0000 0000</pfif:author_phone>
    <pfif:source_name>Example Finder</pfif:source_name>
    <pfif:source_date>2011-03-12T08:30:00Z</pfif:source_date>
    <pfif:given_name>Yuki</pfif:given_name>
    <pfif:family_name>Sato</pfif:family_name>
    <pfif:alternate_names>Юки Сато
佐藤 由紀</pfif:alternate_names>
    <pfif:description>Red jacket</pfif:description>
    <pfif:sex>female</pfif:sex>
    <pfif:age>30-35</pfif:age>
    <pfif:home_city>Sendai</pfif:home_city>
    <pfif:home_state>Miyagi</pfif:home_state>
    <other:thing xmlns:other="urn:x">ignored <b>entirely</b></other:thing>
  </pfif:person>
  <pfif:note>
    <pfif:note_record_id>example.org/n.1</pfif:note_record_id>
    <pfif:person_record_id>example.org/p.123</pfif:person_record_id>
    <pfif:author_name>Aiko</pfif:author_name>
    <pfif:source_date>2011-03-13T10:00:00Z</pfif:source_date>
    <pfif:status>believed_missing</pfif:status>
    <pfif:text>Not at the shelter.</pfif:text>
  </pfif:note>
  <pfif:note>
    <pfif:note_record_id>example.org/n.2</pfif:note_record_id>
    <pfif:person_record_id>example.org/p.123</pfif:person_record_id>
    <pfif:author_name>Hiro</pfif:author_name>
    <pfif:source_date>2011-03-15T12:00:00Z</pfif:source_date>
    <pfif:author_made_contact>true</pfif:author_made_contact>
    <pfif:status>believed_alive</pfif:status>
    <pfif:phone_of_found_person>+81 90 1111 2222</pfif:phone_of_found_person>
    <pfif:last_known_location>Shelter B</pfif:last_known_location>
    <pfif:text>Spoke to her.</pfif:text>
  </pfif:note>
</pfif:pfif>`

func TestDecodeForeign(t *testing.T) {
	cs, err := pfif.Decode(strings.NewReader(foreign), pfif.ImportOptions{})
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if len(cs) != 1 {
		t.Fatalf("got %d cases, want 1", len(cs))
	}
	c := cs[0]
	checks := []struct {
		what      string
		got, want any
	}{
		{"name", c.Person.Name, "Yuki Sato"},
		{"aliases", c.Person.Aliases, []string{"Юки Сато", "佐藤 由紀"}},
		{"sex", c.Person.Sex, cases.SexFemale},
		{"features", c.Person.Features, "Red jacket"},
		{"status", c.Status, cases.StatusLocated},
		{"created", c.CreatedAt, time.Date(2011, 3, 12, 8, 30, 0, 0, time.UTC)},
		{"events", len(c.Events), 2},
		{"event 1 type", c.Events[0].Type, cases.EventContactLost},
		{"event 1 source", c.Events[0].Source, "Aiko"},
		{"event 1 date", c.Events[0].Date.String(), "2011-03-13T10:00:00Z"},
		{"event 2 type", c.Events[1].Type, cases.EventSighting},
		{"event 2 place", c.Events[1].Place, "Shelter B"},
		{"phones", c.Person.Phones, []string{"+81 90 1111 2222"}},
		{"home", c.Places[0].Name + "/" + c.Places[0].Region, "Sendai/Miyagi"},
		{"reporter", c.Reporters[0].Name + "/" + string(c.Reporters[0].Consent), "Kenji/internal"},
	}
	for _, ch := range checks {
		if !reflect.DeepEqual(ch.got, ch.want) {
			t.Errorf("%s = %#v, want %#v", ch.what, ch.got, ch.want)
		}
	}
	for _, w := range []string{"example.org/p.123", "Example Finder", "30-35"} {
		if !strings.Contains(c.Notes, w) {
			t.Errorf("notes lack %q: %q", w, c.Notes)
		}
	}
	if !strings.HasPrefix(c.ID, "pfif-") {
		t.Errorf("foreign id %q not derived", c.ID)
	}
}

func TestDecodeRejects(t *testing.T) {
	person := func(inner string) string {
		return `<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person>` +
			`<pfif:person_record_id>a.org/1</pfif:person_record_id><pfif:full_name>A B</pfif:full_name>` +
			inner + `</pfif:person></pfif:pfif>`
	}
	tests := []struct {
		name string
		doc  string
		want error
	}{
		{"empty", "", pfif.ErrInvalid},
		{"not xml", "hello", pfif.ErrInvalid},
		{"old version", `<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.2"></pfif:pfif>`, pfif.ErrVersion},
		{"other root", `<pfif xmlns="urn:other"/>`, pfif.ErrInvalid},
		{"doctype", `<!DOCTYPE x [<!ENTITY a "b">]><pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"></pfif:pfif>`, pfif.ErrInvalid},
		{"unknown entity", person(`<pfif:description>&a;</pfif:description>`), pfif.ErrInvalid},
		{"unknown field", person(`<pfif:shoe_size>44</pfif:shoe_size>`), pfif.ErrInvalid},
		{"repeated field", person(`<pfif:sex>male</pfif:sex><pfif:sex>female</pfif:sex>`), pfif.ErrInvalid},
		{"bad sex", person(`<pfif:sex>m</pfif:sex>`), pfif.ErrInvalid},
		{"bad birth date", person(`<pfif:date_of_birth>14.03.1987</pfif:date_of_birth>`), pfif.ErrInvalid},
		{"element in field", person(`<pfif:description><pfif:x/></pfif:description>`), pfif.ErrInvalid},
		{"bad note status", person(`<pfif:note><pfif:note_record_id>a.org/n</pfif:note_record_id><pfif:status>gone</pfif:status></pfif:note>`), pfif.ErrInvalid},
		{"latin1", `<?xml version="1.0" encoding="ISO-8859-1"?><pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"></pfif:pfif>`, pfif.ErrInvalid},
		{"truncated", person("")[:60], pfif.ErrInvalid},
		{"loose note without person", `<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:note><pfif:person_record_id>x/y</pfif:person_record_id></pfif:note></pfif:pfif>`, pfif.ErrInvalid},
		{"no name", `<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person><pfif:person_record_id>a/1</pfif:person_record_id></pfif:person></pfif:pfif>`, pfif.ErrInvalid},
		{"huge field", person(`<pfif:description>` + strings.Repeat("x", pfif.MaxField+1) + `</pfif:description>`), pfif.ErrTooLarge},
		{"bad kt status", person(`<kt:case xmlns:kt="urn:kintrace:pfif:1" status="lost"/>`), cases.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := pfif.Decode(strings.NewReader(tt.doc), pfif.ImportOptions{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Decode = %v, want %v", err, tt.want)
			}
			if strings.Contains(err.Error(), "A B") {
				t.Errorf("error %q repeats case content", err)
			}
		})
	}
}

func TestDecodeTooLarge(t *testing.T) {
	r := io.MultiReader(strings.NewReader(`<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">`),
		strings.NewReader(strings.Repeat(" ", pfif.MaxDocument)))
	if _, err := pfif.Decode(r, pfif.ImportOptions{}); !errors.Is(err, pfif.ErrTooLarge) {
		t.Errorf("Decode of an oversized document = %v, want ErrTooLarge", err)
	}
}

func TestExportCancelledAndProgress(t *testing.T) {
	c := exampleCase(t)
	var done []int
	err := pfif.Export(context.Background(), io.Discard, []cases.Case{c, c}, pfif.ExportOptions{
		Progress: func(d, total int) { done = append(done, d) }})
	if err != nil || !reflect.DeepEqual(done, []int{1, 2}) {
		t.Errorf("Export: err %v, progress %v", err, done)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := pfif.Export(ctx, io.Discard, []cases.Case{c}, pfif.ExportOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Export = %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(foreign)
	var buf bytes.Buffer
	if err := pfif.Export(context.Background(), &buf, []cases.Case{richCase(f)}, pfif.ExportOptions{}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.String())
	f.Add(`<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"></pfif:pfif>`)
	f.Fuzz(func(t *testing.T, doc string) {
		cs, err := pfif.Decode(strings.NewReader(doc), pfif.ImportOptions{})
		if err != nil {
			return
		}
		// What Decode accepts is valid and exports again.
		for _, c := range cs {
			if err := c.Validate(); err != nil {
				t.Fatalf("Decode returned an invalid case: %v", err)
			}
		}
		if err := pfif.Export(context.Background(), io.Discard, cs, pfif.ExportOptions{}); err != nil {
			t.Fatalf("Export of decoded cases: %v", err)
		}
	})
}
