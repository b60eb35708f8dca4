package cases_test

import (
	"errors"
	"testing"
	"time"

	"kintrace/cases"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		prec cases.Precision
		time time.Time
	}{
		{"", cases.PrecisionNone, time.Time{}},
		{"2022", cases.PrecisionYear, time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"2022-07", cases.PrecisionMonth, time.Date(2022, 7, 1, 0, 0, 0, 0, time.UTC)},
		{"2022-07-10", cases.PrecisionDay, time.Date(2022, 7, 10, 0, 0, 0, 0, time.UTC)},
		{"2022-07-10T14:05:00Z", cases.PrecisionTime, time.Date(2022, 7, 10, 14, 5, 0, 0, time.UTC)},
		{"2022-07-10T14:05:00.5Z", cases.PrecisionTime, time.Date(2022, 7, 10, 14, 5, 0, 5e8, time.UTC)},
	}
	for _, tt := range tests {
		d, err := cases.ParseDate(tt.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tt.in, err)
			continue
		}
		if d.Precision() != tt.prec || !d.Time().Equal(tt.time) || d.String() != tt.in || !d.Valid() {
			t.Errorf("ParseDate(%q) = precision %d time %v, want %d %v", tt.in, d.Precision(), d.Time(), tt.prec, tt.time)
		}
	}
	for _, bad := range []string{"22", "2022-7", "2022-13", "2022-00", "2022-02-30", "0000", "2022/07/10",
		"2022-07-10T14:05:00+03:00", "2022-07-10 14:05:00Z", " 2022", "late July", "２０２２"} {
		if _, err := cases.ParseDate(bad); !errors.Is(err, cases.ErrInvalidDate) {
			t.Errorf("ParseDate(%q) error = %v, want ErrInvalidDate", bad, err)
		}
		if d := cases.Date(bad); d.Valid() || d.Precision() != cases.PrecisionNone || !d.Time().IsZero() {
			t.Errorf("Date(%q) counts as valid", bad)
		}
	}
}

func TestDateConstructorsAndCompare(t *testing.T) {
	if got := cases.YearDate(1987); got != "1987" {
		t.Errorf("YearDate = %q", got)
	}
	if got := cases.MonthDate(2022, time.July); got != "2022-07" {
		t.Errorf("MonthDate = %q", got)
	}
	if got := cases.DayDate(2022, time.July, 10); got != "2022-07-10" {
		t.Errorf("DayDate = %q", got)
	}
	if got := cases.TimeDate(time.Date(2022, 7, 10, 17, 5, 0, 0, time.FixedZone("MSK", 3*3600))); got != "2022-07-10T14:05:00Z" {
		t.Errorf("TimeDate = %q", got)
	}
	ordered := []cases.Date{"", "2021-12-31", "2022", "2022-01-01", "2022-01-01T00:00:00Z", "2022-07", "2022-07-10"}
	for i := range ordered {
		for j := range ordered {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := ordered[i].Compare(ordered[j]); got != want {
				t.Errorf("%q.Compare(%q) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
}

func TestParseLocalDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2022-07-10", "2022-07-10"},
		{" 2022 ", "2022"},
		{"2022-07", "2022-07"},
		{"2022-07-10T14:05:00Z", "2022-07-10T14:05:00Z"},
		{"10.07.2022", "2022-07-10"},
		{"1.7.2022", "2022-07-01"},
		{"10.7.22", "2022-07-10"},
		{"3.4.85", "1985-04-03"},
		{"10/07/2022", "2022-07-10"},
		{"07.2022", "2022-07"},
		{"7.2022", "2022-07"},
		{"29.02.2024", "2024-02-29"},
	}
	for _, tt := range tests {
		d, err := cases.ParseLocalDate(tt.in)
		if err != nil || string(d) != tt.want {
			t.Errorf("ParseLocalDate(%q) = %q, %v; want %q", tt.in, d, err, tt.want)
		}
	}
	for _, bad := range []string{"late July", "29.02.2023", "32.01.2022", "10.13.2022", "13.2022", "0.2022",
		"10.07", "1.2.3.2022", "10..2022", "10.07.202", "100.07.2022", "10.07.-22", "10.07.0000", "+1.07.2022", "x"} {
		if d, err := cases.ParseLocalDate(bad); !errors.Is(err, cases.ErrInvalidDate) {
			t.Errorf("ParseLocalDate(%q) = %q, %v; want ErrInvalidDate", bad, d, err)
		}
	}
}

func TestDateFormat(t *testing.T) {
	kyiv := time.FixedZone("EEST", 3*3600)
	tests := []struct {
		d             cases.Date
		iso, dayFirst string
	}{
		{"2022", "2022", "2022"},
		{"2022-07", "2022-07", "07.2022"},
		{"2022-07-10", "2022-07-10", "10.07.2022"},
		{"2022-07-10T22:05:00Z", "2022-07-11 01:05", "11.07.2022 01:05"},
		{"", "", ""},
		{"late July", "late July", "late July"},
	}
	for _, tt := range tests {
		if got := tt.d.Format(cases.DateISO, kyiv); got != tt.iso {
			t.Errorf("%q ISO = %q, want %q", tt.d, got, tt.iso)
		}
		got := tt.d.Format(cases.DateDayFirst, kyiv)
		if got != tt.dayFirst {
			t.Errorf("%q day first = %q, want %q", tt.d, got, tt.dayFirst)
		}
		// What is shown reads back as the same date (timestamps aside:
		// they are shown to the minute, in local time).
		if tt.d.Precision() != cases.PrecisionNone && tt.d.Precision() != cases.PrecisionTime {
			if back, err := cases.ParseLocalDate(got); err != nil || back != tt.d {
				t.Errorf("%q shown as %q reads back as %q, %v", tt.d, got, back, err)
			}
		}
	}
	at := time.Date(2024, 3, 5, 9, 7, 0, 0, time.UTC)
	if got := cases.FormatTime(at, cases.DateDayFirst); got != "05.03.2024 09:07" {
		t.Errorf("FormatTime day first = %q", got)
	}
	if got := cases.FormatDay(at, cases.DateISO); got != "2024-03-05" {
		t.Errorf("FormatDay ISO = %q", got)
	}
}
