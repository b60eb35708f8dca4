package app

import (
	"time"

	"kintrace/cases"
)

// Every date and time the GUI shows goes through these, so that one screen
// never writes ISO where another writes the local order. Russian and
// Ukrainian read day first with dots ("10.07.2022", "07.2022", "2022");
// English reads ISO 8601 ("2022-07-10", "2022-07", "2022"): it is the case
// file's own form, the same for British and American readers (10/07 means
// two different days to them), and it keeps partial dates readable.
// Date fields read either order (cases.ParseLocalDate).

// dateOrder is the order of the GUI's language.
func dateOrder() cases.DateOrder {
	switch currentLanguage() {
	case "ru", "uk":
		return cases.DateDayFirst
	}
	return cases.DateISO
}

// showDate is a partial date as the GUI shows it; a timestamp in local
// time, to the minute.
func showDate(d cases.Date) string { return d.Format(dateOrder(), time.Local) }

// showDay is the local day t falls on.
func showDay(t time.Time) string { return cases.FormatDay(t.Local(), dateOrder()) }

// formatTime shows a time in local time, to the minute.
func formatTime(t time.Time) string { return cases.FormatTime(t.Local(), dateOrder()) }
