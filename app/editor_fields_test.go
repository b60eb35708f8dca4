package app

import (
	"testing"

	"kintrace/cases"
)

func TestParseUserDate(t *testing.T) {
	tests := []struct {
		in   string
		want cases.Date
		ok   bool
	}{
		{"", "", true},
		{"2022", "2022", true},
		{" 2022-07 ", "2022-07", true},
		{"2022-07-10", "2022-07-10", true},
		{"2022-07-10T14:05:00Z", "2022-07-10T14:05:00Z", true},
		{"10.07.2022", "2022-07-10", true},
		{"1.7.2022", "2022-07-01", true},
		{"07.2022", "2022-07", true},
		{"31.02.2022", "", false},
		{"13.2022", "", false},
		{"10.13.2022", "", false},
		{"10.07.22", "2022-07-10", true},
		{"late July", "", false},
		{"2022-13", "", false},
		{"-1.07.2022", "", false},
	}
	for _, tt := range tests {
		got, err := parseUserDate(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseUserDate(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestFindTarget(t *testing.T) {
	name, phones, event, place := newFieldError(), newFieldError(), newFieldError(), newFieldError()
	targets := map[string]*fieldError{
		"person.name": name, "person.phones": phones, "events[0]": event, "places[1]": place,
	}
	tests := []struct {
		path     string
		want     *fieldError
		position int
		rest     string
	}{
		{"person.name", name, 0, ""},
		{"person.phones[2]", phones, 3, ""},
		{"events[0].type", event, 0, "type"},
		{"places[1].lat", place, 0, "lat"},
		{"places[1]", place, 0, ""},
		{"events[1].type", nil, 0, ""},
		{"number", nil, 0, ""},
	}
	for _, tt := range tests {
		fe, pos, rest := findTarget(targets, tt.path)
		if fe != tt.want || pos != tt.position || rest != tt.rest {
			t.Errorf("findTarget(%q) = %p, %d, %q; want %p, %d, %q", tt.path, fe, pos, rest, tt.want, tt.position, tt.rest)
		}
	}
}

func TestPathLabel(t *testing.T) {
	newTestApp(t)
	if err := applyLanguage("en"); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, want string }{
		{"person.name", "Person › Name"},
		{"events[2].text", "Event 3 › Words or summary"},
		{"reporters[0].consent", "Reporter 1 › Consent"},
		{"person.handles[1].value", "Person › Account 2 › Number or handle"},
		{"tags", "Tags"},
		{"places[0].lat", "Place 1 › Latitude"},
		{"custom_field", "custom_field"},
	}
	for _, tt := range tests {
		if got := pathLabel(tt.path); got != tt.want {
			t.Errorf("pathLabel(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
