package cases

import (
	"strconv"
	"strings"
	"time"
)

// DateOrder is how dates are written for people: ISO 8601 (year first) or
// day first with dots, as in Russia and Ukraine.
type DateOrder uint8

// The orders dates are shown in.
const (
	// DateISO writes "2022-07-10", "2022-07", "2022" and "2022-07-10 14:05":
	// the case file's own form, read the same way everywhere.
	DateISO DateOrder = iota
	// DateDayFirst writes "10.07.2022", "07.2022", "2022" and
	// "10.07.2022 14:05".
	DateDayFirst
)

// ParseLocalDate reads a date as people type it, in either order: the ISO
// forms ParseDate takes ("2022", "2022-07", "2022-07-10", an RFC 3339 UTC
// time) and the day-first dotted forms of Russia and Ukraine ("10.07.2022",
// "10.7.22", "07.2022", "7.2022"); "/" may stand for the dot. A two-digit
// year is 2000–2068 up to 68 and 1969–1999 from 69 (as strptime reads %y),
// but a month needs its four-digit year ("10.07" is a day, not July 2007).
// Spaces around the text are ignored. Errors wrap ErrInvalidDate and never
// repeat the input.
func ParseLocalDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if d, err := ParseDate(s); err == nil {
		return d, nil
	}
	s = strings.ReplaceAll(s, "/", ".")
	parts := strings.Split(s, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return "", ErrInvalidDate
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		if len(p) == 0 || len(p) > 4 {
			return "", ErrInvalidDate
		}
		n, ok := digits(p)
		if !ok {
			return "", ErrInvalidDate
		}
		nums[i] = n
	}
	yearPart := parts[len(parts)-1]
	year := nums[len(nums)-1]
	switch len(yearPart) {
	case 2:
		if year <= 68 {
			year += 2000
		} else {
			year += 1900
		}
	case 4:
	default:
		return "", ErrInvalidDate
	}
	if year < 1 {
		return "", ErrInvalidDate
	}
	for _, p := range parts[:len(parts)-1] {
		if len(p) > 2 {
			return "", ErrInvalidDate
		}
	}
	if len(nums) == 2 {
		if len(yearPart) != 4 { // "10.07" is a day without its year
			return "", ErrInvalidDate
		}
		if nums[0] < 1 || nums[0] > 12 {
			return "", ErrInvalidDate
		}
		return MonthDate(year, time.Month(nums[0])), nil
	}
	day, month := nums[0], nums[1]
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return "", ErrInvalidDate
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day { // 30.02
		return "", ErrInvalidDate
	}
	return DayDate(year, time.Month(month), day), nil
}

// Format writes d for people in order, at its precision; a full timestamp
// shows its minute in loc (nil: UTC). A malformed date is returned as
// written.
func (d Date) Format(order DateOrder, loc *time.Location) string {
	t, p := d.parse()
	if p == PrecisionTime && loc != nil {
		t = t.In(loc)
	}
	switch p {
	case PrecisionNone:
		return string(d)
	case PrecisionYear:
		return pad4(t.Year())
	case PrecisionMonth:
		if order == DateDayFirst {
			return two(int(t.Month())) + "." + pad4(t.Year())
		}
		return pad4(t.Year()) + "-" + two(int(t.Month()))
	}
	day := FormatDay(t, order)
	if p == PrecisionTime {
		day += " " + two(t.Hour()) + ":" + two(t.Minute())
	}
	return day
}

// FormatDay writes the day t falls on (in t's location) in order.
func FormatDay(t time.Time, order DateOrder) string {
	if order == DateDayFirst {
		return two(t.Day()) + "." + two(int(t.Month())) + "." + pad4(t.Year())
	}
	return pad4(t.Year()) + "-" + two(int(t.Month())) + "-" + two(t.Day())
}

// FormatTime writes t's day and minute (in t's location) in order.
func FormatTime(t time.Time, order DateOrder) string {
	return FormatDay(t, order) + " " + two(t.Hour()) + ":" + two(t.Minute())
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func pad4(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}
