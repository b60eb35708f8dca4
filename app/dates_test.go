package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintrace/cases"
)

// TestDatesInLocaleOrder: in Russian the editor shows every date day first
// (the birth date field, the timeline's rows) and reads either order back;
// in English it shows ISO.
func TestDatesInLocaleOrder(t *testing.T) {
	for _, tt := range []struct{ code, birth, event string }{
		{"ru", "04.03.1987", "10.01.2026"},
		{"uk", "04.03.1987", "10.01.2026"},
		{"en", "1987-03-04", "2026-01-10"},
	} {
		t.Run(tt.code, func(t *testing.T) {
			h := newHarness(t)
			h.createVault()
			c := lebedev
			c.Person.BirthDate = "1987-03-04"
			c = h.addCase(c)
			if err := applyLanguage(tt.code); err != nil {
				t.Fatal(err)
			}
			h.ui.openCase(c.ID)
			ed := h.editor()
			if got := ed.person.birth.entry.Text; got != tt.birth {
				t.Errorf("birth date field shows %q, want %q", got, tt.birth)
			}
			if len(ed.timeline.events) != 1 {
				t.Fatalf("timeline has %d events", len(ed.timeline.events))
			}
			if head := ed.timeline.events[0].head.Text; !strings.HasPrefix(head, tt.event+" · ") {
				t.Errorf("timeline row %q, want it to start with %q", head, tt.event)
			}
			// Saving without a change keeps the dates as they were; a date
			// typed day first is stored in ISO.
			ed.person.birth.entry.SetText("")
			test.Type(ed.person.birth.entry, "5.3.87")
			ed.name.TypedShortcut(shortcut("S"))
			h.wait()
			got := h.getCase(c.ID)
			if got.Person.BirthDate != "1987-03-05" || got.Events[0].Date != "2026-01-10" {
				t.Errorf("stored birth %q, event %q; want 1987-03-05 and 2026-01-10", got.Person.BirthDate, got.Events[0].Date)
			}
		})
	}
}

func TestShowDateFollowsLanguage(t *testing.T) {
	newTestApp(t)
	t.Cleanup(func() { applyLanguage("en") })
	for _, tt := range []struct {
		code string
		d    cases.Date
		want string
	}{
		{"ru", "2022-07-10", "10.07.2022"},
		{"ru", "2022-07", "07.2022"},
		{"uk", "2022", "2022"},
		{"en", "2022-07-10", "2022-07-10"},
		{"en", "2022-07", "2022-07"},
	} {
		if err := applyLanguage(tt.code); err != nil {
			t.Fatal(err)
		}
		if got := showDate(tt.d); got != tt.want {
			t.Errorf("%s: showDate(%q) = %q, want %q", tt.code, tt.d, got, tt.want)
		}
	}
}
