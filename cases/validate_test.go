package cases_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"kintrace/cases"
)

const unsafeText = "must not contain control or bidirectional formatting characters"

func validCase() cases.Case {
	return cases.Case{Status: cases.StatusOpen, Person: cases.Person{Name: "Сергей Лебедев"}}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *cases.Case)
		want   []cases.ValidationError // nil: valid
	}{
		{"minimal case", func(c *cases.Case) {}, nil},
		{"blank name", func(c *cases.Case) { c.Person.Name = "  " },
			[]cases.ValidationError{{Path: "person.name", Msg: "is required"}}},
		{"no status", func(c *cases.Case) { c.Status = "" },
			[]cases.ValidationError{{Path: "status", Msg: "is required"}}},
		{"unknown status", func(c *cases.Case) { c.Status = "lost" },
			[]cases.ValidationError{{Path: "status", Msg: `unknown status "lost"`}}},
		{"unknown value not shown if not a word", func(c *cases.Case) { c.Priority = "Сергей" },
			[]cases.ValidationError{{Path: "priority", Msg: "unknown priority"}}},
		{"bad id", func(c *cases.Case) { c.ID = "a b" },
			[]cases.ValidationError{{Path: "id", Msg: "must be 1 to 64 letters, digits, '-' or '_'"}}},
		{"negative version", func(c *cases.Case) { c.Version = -1 },
			[]cases.ValidationError{{Path: "version", Msg: "must not be negative"}}},
		{"empty tag", func(c *cases.Case) { c.Tags = []string{"a", ""} },
			[]cases.ValidationError{{Path: "tags[1]", Msg: "must not be empty"}}},
		{"bad birth date", func(c *cases.Case) { c.Person.BirthDate = "1987-13" },
			[]cases.ValidationError{{Path: "person.birth_date", Msg: `invalid date "1987-13" (want YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 UTC time)`}}},
		{"phone without digits", func(c *cases.Case) { c.Person.Phones = []string{"+7 912 555-01-23", "n/a"} },
			[]cases.ValidationError{{Path: "person.phones[1]", Msg: "has no digits"}}},
		{"handle", func(c *cases.Case) { c.Person.Handles = []cases.Handle{{Channel: "icq"}} },
			[]cases.ValidationError{{Path: "person.handles[0].channel", Msg: `unknown channel "icq"`},
				{Path: "person.handles[0].value", Msg: "is required"}}},
		{"sex", func(c *cases.Case) { c.Person.Sex = "m" },
			[]cases.ValidationError{{Path: "person.sex", Msg: `unknown sex "m"`}}},
		{"consent", func(c *cases.Case) { c.Reporters = []cases.Reporter{{Name: "Оксана", Consent: "all"}} },
			[]cases.ValidationError{{Path: "reporters[0].consent", Msg: `unknown consent level "all"`}}},
		{"event", func(c *cases.Case) {
			c.Events = []cases.Event{{Type: cases.EventCall}, {Approx: true, Channel: "fax", Verification: "maybe"}}
		}, []cases.ValidationError{{Path: "events[1].approx", Msg: "is set but the date is empty"},
			{Path: "events[1].type", Msg: "is required"},
			{Path: "events[1].channel", Msg: `unknown channel "fax"`},
			{Path: "events[1].verification", Msg: `unknown verification level "maybe"`}}},
		{"place", func(c *cases.Case) {
			c.Places = []cases.Place{{Name: "x", Lat: ptr(-91.0), Lon: ptr(181.0), Kind: "camp", Confidence: "sure"},
				{Lat: ptr(1.0)}, {Name: "ok", Lat: ptr(-90.0), Lon: ptr(180.0)}}
		}, []cases.ValidationError{{Path: "places[0].kind", Msg: `unknown place kind "camp"`},
			{Path: "places[0].confidence", Msg: `unknown confidence level "sure"`},
			{Path: "places[0].lat", Msg: "must be between -90 and 90"},
			{Path: "places[0].lon", Msg: "must be between -180 and 180"},
			{Path: "places[1]", Msg: "lat and lon must be given together"}}},
		{"NaN latitude", func(c *cases.Case) { c.Places = []cases.Place{{Name: "x", Lat: ptr(math.NaN()), Lon: ptr(0.0)}} },
			[]cases.ValidationError{{Path: "places[0].lat", Msg: "must be between -90 and 90"}}},
		{"place with nothing", func(c *cases.Case) { c.Places = []cases.Place{{Kind: cases.PlaceMorgue}} },
			[]cases.ValidationError{{Path: "places[0].name", Msg: "is required when there is no region or coordinates"}}},
		{"promise", func(c *cases.Case) {
			c.Promises = []cases.Promise{{Amount: ptr(-1.0), Currency: "rub"}, {What: "pay", Amount: ptr(math.Inf(1))}}
		}, []cases.ValidationError{{Path: "promises[0].what", Msg: "is required"},
			{Path: "promises[0].amount", Msg: "must be a number of at least 0"},
			{Path: "promises[0].currency", Msg: `must be a three-letter ISO 4217 code such as RUB "rub"`},
			{Path: "promises[1].amount", Msg: "must be a number of at least 0"}}},
		{"terminal escapes in a name", func(c *cases.Case) { c.Person.Name = "Сергей\x1b[2K\x1b[1A\x1b]0;pwned\a" },
			[]cases.ValidationError{{Path: "person.name", Msg: unsafeText}}},
		{"OSC 52 clipboard write in notes", func(c *cases.Case) { c.Notes = "ok\n\x1b]52;c;cm0gLXJmIH4=\x07" },
			[]cases.ValidationError{{Path: "notes", Msg: unsafeText}}},
		{"C1 CSI and bidi override", func(c *cases.Case) {
			c.Tags = []string{"a", "b\u009b2J"}
			c.Person.Aliases = []string{"\u202egpj.exe"}
			c.Events = []cases.Event{{Type: cases.EventCall, Text: "line\nline\ttab", From: "\u2066+7\u2069"}}
			c.Places = []cases.Place{{Name: "x\u202ay"}}
			c.Reporters = []cases.Reporter{{Name: "Оксана", Safety: "ok\r\n"}}
			c.Promises = []cases.Promise{{What: "pay", By: "\x7f"}}
		}, []cases.ValidationError{{Path: "tags[1]", Msg: unsafeText},
			{Path: "person.aliases[0]", Msg: unsafeText},
			{Path: "reporters[0].safety", Msg: unsafeText},
			{Path: "events[0].from", Msg: unsafeText},
			{Path: "places[0].name", Msg: unsafeText},
			{Path: "promises[0].by", Msg: unsafeText}}},
		{"newline only in multi-line fields", func(c *cases.Case) {
			c.Notes, c.Person.Features = "a\n\tb", "c\nd"
			c.Person.Region = "a\nb"
		}, []cases.ValidationError{{Path: "person.region", Msg: unsafeText}}},
		{"control character in a case number", func(c *cases.Case) { c.Number = "KT-\u0085-1" },
			[]cases.ValidationError{{Path: "number", Msg: "must be at most 64 printable characters"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validCase()
			tt.change(&c)
			err := c.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var ves cases.ValidationErrors
			if !errors.As(err, &ves) || !errors.Is(err, cases.ErrInvalid) {
				t.Fatalf("Validate() = %v, want ValidationErrors wrapping ErrInvalid", err)
			}
			if !slices.Equal([]cases.ValidationError(ves), tt.want) {
				t.Errorf("Validate():\n got %q\nwant %q", ves, tt.want)
			}
		})
	}
}

func TestEnumsValid(t *testing.T) {
	check := func(name string, n int, valid func(i int) bool) {
		for i := range n {
			if !valid(i) {
				t.Errorf("%s[%d] is not Valid", name, i)
			}
		}
	}
	check("AllStatuses", len(cases.AllStatuses), func(i int) bool { return cases.AllStatuses[i].Valid() })
	check("AllPriorities", len(cases.AllPriorities), func(i int) bool { return cases.AllPriorities[i].Valid() })
	check("AllEventTypes", len(cases.AllEventTypes), func(i int) bool { return cases.AllEventTypes[i].Valid() })
	check("AllChannels", len(cases.AllChannels), func(i int) bool { return cases.AllChannels[i].Valid() })
	check("AllVerifications", len(cases.AllVerifications), func(i int) bool { return cases.AllVerifications[i].Valid() })
	check("AllConsents", len(cases.AllConsents), func(i int) bool { return cases.AllConsents[i].Valid() })
	check("AllPlaceKinds", len(cases.AllPlaceKinds), func(i int) bool { return cases.AllPlaceKinds[i].Valid() })
	check("AllConfidences", len(cases.AllConfidences), func(i int) bool { return cases.AllConfidences[i].Valid() })
	check("AllSexes", len(cases.AllSexes), func(i int) bool { return cases.AllSexes[i].Valid() })
	if got := []int{len(cases.AllStatuses), len(cases.AllPriorities), len(cases.AllEventTypes), len(cases.AllChannels),
		len(cases.AllVerifications), len(cases.AllConsents), len(cases.AllPlaceKinds), len(cases.AllConfidences),
		len(cases.AllSexes)}; !slices.Equal(got, []int{8, 4, 18, 11, 4, 3, 8, 4, 4}) {
		t.Errorf("enum sizes = %v, want those of case-format.md", got)
	}
	for _, bad := range []bool{cases.Status("").Valid(), cases.Status("Open").Valid(), cases.EventType("calll").Valid(),
		cases.Channel("WhatsApp").Valid(), cases.Sex("").Valid()} {
		if bad {
			t.Error("an unknown word counts as Valid")
		}
	}
}
