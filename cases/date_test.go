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
