package cases

import (
	"errors"
	"fmt"
	"time"
)

// ErrInvalidDate is wrapped by every error of ParseDate.
var ErrInvalidDate = errors.New("cases: invalid date (want YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 UTC time)")

// Precision is how much of a Date is known.
type Precision uint8

// The precisions of a Date, from nothing known to a full timestamp.
const (
	PrecisionNone  Precision = iota // "" (no date) or a malformed date
	PrecisionYear                   // "2022"
	PrecisionMonth                  // "2022-07"
	PrecisionDay                    // "2022-07-10"
	PrecisionTime                   // "2022-07-10T14:05:00Z"
)

// Date is an ISO 8601 date written at the precision known: "2022",
// "2022-07", "2022-07-10", or a full RFC 3339 timestamp in UTC
// ("2022-07-10T14:05:00Z"). Years run from 0001 to 9999. The empty Date
// means "no date" and is left out of JSON. A Date is kept exactly as written;
// Validate reports one that is malformed, and Time gives the instant it
// starts at for sorting.
type Date string

// YearDate returns the Date "YYYY".
func YearDate(year int) Date { return Date(fmt.Sprintf("%04d", year)) }

// MonthDate returns the Date "YYYY-MM".
func MonthDate(year int, month time.Month) Date {
	return Date(fmt.Sprintf("%04d-%02d", year, int(month)))
}

// DayDate returns the Date "YYYY-MM-DD".
func DayDate(year int, month time.Month, day int) Date {
	return Date(time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly))
}

// TimeDate returns the full-precision Date of t, in UTC; "" for the zero time.
func TimeDate(t time.Time) Date {
	if t.IsZero() {
		return ""
	}
	return Date(t.UTC().Format(time.RFC3339Nano))
}

// ParseDate checks s and returns it as a Date; "" is the empty Date. A
// timestamp must be in UTC ("Z"); errors wrap ErrInvalidDate and never repeat
// the input.
func ParseDate(s string) (Date, error) {
	d := Date(s)
	if _, p := d.parse(); p == PrecisionNone && s != "" {
		return "", ErrInvalidDate
	}
	return d, nil
}

// parse returns the start of the period d names and its precision;
// PrecisionNone if d is empty or malformed.
func (d Date) parse() (time.Time, Precision) {
	s := string(d)
	switch len(s) {
	case 0:
		return time.Time{}, PrecisionNone
	case 4:
		if y, ok := digits(s); ok && y >= 1 {
			return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), PrecisionYear
		}
	case 7:
		y, ok1 := digits(s[:4])
		m, ok2 := digits(s[5:])
		if ok1 && ok2 && s[4] == '-' && y >= 1 && m >= 1 && m <= 12 {
			return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), PrecisionMonth
		}
	case 10:
		if t, err := time.Parse(time.DateOnly, s); err == nil && t.Year() >= 1 {
			return t, PrecisionDay
		}
	default:
		if s[len(s)-1] != 'Z' {
			break
		}
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil && t.Year() >= 1 {
			return t.UTC(), PrecisionTime
		}
	}
	return time.Time{}, PrecisionNone
}

// digits parses s as an unsigned decimal made of ASCII digits only.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}

// IsZero reports whether d is empty ("no date").
func (d Date) IsZero() bool { return d == "" }

// Valid reports whether d is empty or well formed.
func (d Date) Valid() bool {
	_, p := d.parse()
	return d == "" || p != PrecisionNone
}

// Precision reports how much of d is known; PrecisionNone if d is empty or
// malformed.
func (d Date) Precision() Precision {
	_, p := d.parse()
	return p
}

// Time returns the start of the period d names, in UTC (1 July 2022 00:00
// for "2022-07"), for sorting and comparison; the zero time if d is empty or
// malformed.
func (d Date) Time() time.Time {
	t, _ := d.parse()
	return t
}

// Compare orders dates by the start of their periods; at equal starts the
// less precise date sorts first ("2022" before "2022-01-01"). Empty and
// malformed dates sort first.
func (d Date) Compare(e Date) int {
	dt, dp := d.parse()
	et, ep := e.parse()
	if c := dt.Compare(et); c != 0 {
		return c
	}
	switch {
	case dp < ep:
		return -1
	case dp > ep:
		return 1
	}
	return 0
}

// String returns d as written.
func (d Date) String() string { return string(d) }
