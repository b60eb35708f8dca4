package cases_test

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"kintrace/cases"
)

func readExample(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func ptr[T any](v T) *T { return &v }

// TestDecodeExample checks every field of the case-format.md example.
func TestDecodeExample(t *testing.T) {
	cs, err := cases.DecodeCases(readExample(t))
	if err != nil {
		t.Fatalf("DecodeCases: %v", err)
	}
	if len(cs) != 1 {
		t.Fatalf("got %d cases, want 1", len(cs))
	}
	want := cases.Case{
		ID: "01JD8Q7W3K9F2M6T4R0YB5XHCN", Number: "KT-2022-0007", Version: 3,
		Status: cases.StatusContactLost, Priority: cases.PriorityHigh,
		Tags: []string{"recruitment", "new-number"}, AssignedTo: "Marina",
		Person: cases.Person{
			Name: "Сергей Павлович Лебедев", Pseudonym: true,
			Aliases:   []string{"Sergei Lebedev", "Серёжа"},
			BirthDate: "1987", Sex: cases.SexMale,
			Features: "tattoo of an anchor on the left forearm",
			Phones:   []string{"+7 912 555-01-23"},
			Handles:  []cases.Handle{{Channel: cases.ChannelWhatsApp, Value: "+79125550123"}},
			Facility: "IK-17, Mordovia", Region: "Republic of Mordovia",
			RecruitedBy: "private military company", RecruitedOn: "2022-07",
		},
		Reporters: []cases.Reporter{{
			Name: "Оксана", Pseudonym: true, Relation: "half-sister",
			Contact: "Signal only, evenings", Safety: "do not phone: the husband is hostile",
			Consent: cases.ConsentInternal, Language: "ru",
		}},
		Events: []cases.Event{
			{Date: "2022-07-10", Type: cases.EventMessageReceived, Channel: cases.ChannelWhatsApp,
				From:  "+7 999 000-44-17",
				Text:  "Asked for a copy of mother's passport so that she can receive his wages.",
				Place: "Rostov Oblast", Source: "reporter", Verification: cases.VerificationUnverified},
			{Date: "2022-07", Approx: true, Type: cases.EventContactLost, Source: "reporter",
				Verification: cases.VerificationCorroborated},
		},
		Places: []cases.Place{{
			Date: "2022-07-10", Name: "training ground, Rostov Oblast", Kind: cases.PlaceTrainingGround,
			Region: "Rostov Oblast", Source: "message of 2022-07-10", Confidence: cases.ConfidenceProbable,
		}},
		Promises: []cases.Promise{
			{What: "monthly pay", Amount: ptr(200000.0), Currency: "RUB", By: "recruiters"},
			{What: "pardon after six months", By: "recruiters"},
		},
		Notes:     "Mother was keen at first; since he vanished from messengers she is beside herself.",
		CreatedAt: time.Date(2022, 8, 1, 10, 12, 0, 0, time.UTC),
		UpdatedAt: time.Date(2022, 8, 3, 17, 40, 0, 0, time.UTC),
	}
	if !reflect.DeepEqual(cs[0], want) {
		t.Errorf("decoded example:\n got %+v\nwant %+v", cs[0], want)
	}
}

func TestRoundTripExample(t *testing.T) {
	first, err := cases.DecodeCases(readExample(t))
	if err != nil {
		t.Fatal(err)
	}
	first[0].UpdatedBy = "Marina"
	first[0].MergedFrom = []string{"01JD8Q7W3K9F2M6T4R0YB5XHCA"}
	first[0].Places[0].Lat, first[0].Places[0].Lon = ptr(47.2), ptr(-39.7)
	first[0].Promises[1].Honoured = ptr(false)
	for name, encode := range map[string]func() ([]byte, error){
		"EncodeCases": func() ([]byte, error) { return cases.EncodeCases(first) },
		"EncodeCase":  func() ([]byte, error) { return cases.EncodeCase(first[0]) },
	} {
		data, err := encode()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		second, err := cases.DecodeCases(data)
		if err != nil {
			t.Fatalf("%s: decode again: %v\n%s", name, err, data)
		}
		if !reflect.DeepEqual(first, second) {
			t.Errorf("%s: round trip changed the case:\n got %+v\nwant %+v", name, second, first)
		}
	}
}

func TestEncodeCasesShape(t *testing.T) {
	data, err := cases.EncodeCases(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(strings.Fields(string(data)), ""), `{"format":2,"cases":[]}`; got != want {
		t.Errorf("EncodeCases(nil) = %s, want %s", got, want)
	}
	c := cases.Case{Status: cases.StatusOpen, Person: cases.Person{Name: "<Лебедев & Co>"}}
	data, err = cases.EncodeCase(c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"name": "<Лебедев & Co>"`) {
		t.Errorf("EncodeCase escaped or reshaped text:\n%s", data)
	}
	if _, err := cases.EncodeCase(cases.Case{}); !errors.Is(err, cases.ErrInvalid) {
		t.Errorf("EncodeCase(invalid) error = %v, want ErrInvalid", err)
	}
}

func TestDecodeFileForm(t *testing.T) {
	one := `{"status":"open","person":{"name":"A"}}`
	cs, err := cases.DecodeCases([]byte(`{"format":1,"cases":[` + one + `,` + one + `]}`))
	if err != nil || len(cs) != 2 {
		t.Fatalf("DecodeCases = %d cases, %v; want 2, nil", len(cs), err)
	}
	cs, err = cases.DecodeCases([]byte(`{"format":1,"cases":[]}`))
	if err != nil || len(cs) != 0 {
		t.Fatalf("empty file = %d cases, %v; want 0, nil", len(cs), err)
	}
	_, err = cases.DecodeCases([]byte(`{"format":3,"cases":[]}`))
	if !errors.Is(err, cases.ErrUnsupportedFormat) || !strings.Contains(err.Error(), "format 3") {
		t.Errorf("format 3: error = %v, want ErrUnsupportedFormat naming format 3", err)
	}
}

func TestDecodeErrors(t *testing.T) {
	c := func(body string) string { return `{"status":"open","person":{"name":"A"}` + body + `}` }
	file := func(cs ...string) string { return `{"format":1,"cases":[` + strings.Join(cs, ",") + `]}` }
	tests := []struct {
		name  string
		input string
		want  []cases.ValidationError
	}{
		{"event type in file", file(c(""), c(""), c(""), c(`,"events":[{"type":"calll"}]`)),
			[]cases.ValidationError{{Path: "cases[3].events[0].type", Msg: `unknown event type "calll"`}}},
		{"event type in single case", c(`,"events":[{"type":"calll"}]`),
			[]cases.ValidationError{{Path: "events[0].type", Msg: `unknown event type "calll"`}}},
		{"unknown field", c(`,"person2":1`),
			[]cases.ValidationError{{Path: "person2", Msg: "unknown field"}}},
		{"unknown nested field", file(c(`,"events":[{"type":"call","dat":"2022"}]`)),
			[]cases.ValidationError{{Path: "cases[0].events[0].dat", Msg: "unknown field"}}},
		{"field name case matters", `{"Status":"open","person":{"name":"A"}}`,
			[]cases.ValidationError{{Path: "Status", Msg: "unknown field"}}},
		{"repeated field", `{"status":"open","status":"closed","person":{"name":"A"}}`,
			[]cases.ValidationError{{Path: "status", Msg: "appears more than once"}}},
		{"wrong type", c(`,"version":"3"`),
			[]cases.ValidationError{{Path: "version", Msg: "must be a whole number"}}},
		{"bad date", c(`,"events":[{"type":"call","date":"2022-13"}]`),
			[]cases.ValidationError{{Path: "events[0].date", Msg: `invalid date "2022-13" (want YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 UTC time)`}}},
		{"date not shown when not date-like", c(`,"places":[{"name":"x","date":"Лебедев"}]`),
			[]cases.ValidationError{{Path: "places[0].date", Msg: `invalid date (want YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 UTC time)`}}},
		{"missing name and status", `{"person":{}}`,
			[]cases.ValidationError{{Path: "status", Msg: "is required"}, {Path: "person.name", Msg: "is required"}}},
		{"latitude", c(`,"places":[{"name":"x","lat":91,"lon":0}]`),
			[]cases.ValidationError{{Path: "places[0].lat", Msg: "must be between -90 and 90"}}},
		{"not an object", `[1]`, []cases.ValidationError{{Msg: "a case file must hold a JSON object"}}},
		{"trailing data", c("") + "{}", []cases.ValidationError{{Msg: "unexpected data after the JSON value"}}},
		{"malformed", `{"status":`, []cases.ValidationError{{Msg: "the JSON is empty or cut short"}}},
		{"null case", file("null"), []cases.ValidationError{{Path: "cases[0]", Msg: "must be a case object, not null"}}},
		{"format missing", `{"cases":[]}`, []cases.ValidationError{{Path: "format", Msg: "is required"}}},
		{"extra top-level field", `{"format":1,"cases":[],"x":1}`, []cases.ValidationError{{Path: "x", Msg: "unknown field"}}},
		{"tag null", c(`,"tags":[null]`), []cases.ValidationError{{Path: "tags[0]", Msg: "must not be null"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := cases.DecodeCases([]byte(tt.input))
			if cs != nil {
				t.Errorf("got %d cases along with the error", len(cs))
			}
			var ves cases.ValidationErrors
			if !errors.As(err, &ves) {
				t.Fatalf("error = %v, want ValidationErrors", err)
			}
			if !errors.Is(err, cases.ErrInvalid) {
				t.Errorf("error does not wrap ErrInvalid")
			}
			if !reflect.DeepEqual([]cases.ValidationError(ves), tt.want) {
				t.Errorf("errors:\n got %q\nwant %q", ves, tt.want)
			}
		})
	}
}

func TestValidationErrorText(t *testing.T) {
	es := cases.ValidationErrors{{Path: "cases[3].events[0].type", Msg: `unknown event type "calll"`}}
	if got, want := es.Error(), `cases[3].events[0].type: unknown event type "calll"`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	es = append(es, cases.ValidationError{Path: "status", Msg: "is required"})
	if got := es.Error(); !strings.HasSuffix(got, "(and 1 more problems)") {
		t.Errorf("Error() = %q, want a count of the others", got)
	}
	var one error = &es[0]
	if !errors.Is(one, cases.ErrInvalid) {
		t.Error("ValidationError does not wrap ErrInvalid")
	}
}
