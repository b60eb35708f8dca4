package cases_test

import (
	"os"
	"reflect"
	"testing"

	"kintrace/cases"
)

func FuzzDecodeCases(f *testing.F) {
	if data, err := os.ReadFile("testdata/example.json"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"format":1,"cases":[{"status":"open","person":{"name":"A","phones":["8 912"]},"events":[{"type":"call","date":"2022"}]}]}`))
	f.Add([]byte(`{"status":"open","person":{"name":"Б"},"places":[{"name":"x","lat":-0,"lon":1e2}],"promises":[{"what":"p","amount":1e21,"honoured":false}],"tags":[]}`))
	f.Add([]byte(`{"format":2}`))
	f.Add([]byte(`{"status":"open","status":"open"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := cases.DecodeCases(data)
		if err != nil {
			if cs != nil {
				t.Fatal("cases returned along with an error")
			}
			return
		}
		enc, err := cases.EncodeCases(cs)
		if err != nil {
			t.Fatalf("decoded cases do not encode: %v", err)
		}
		again, err := cases.DecodeCases(enc)
		if err != nil {
			t.Fatalf("encoded cases do not decode: %v\n%s", err, enc)
		}
		if !reflect.DeepEqual(cs, again) {
			t.Fatalf("decode → encode → decode changed the cases:\n%+v\n%+v", cs, again)
		}
		for _, c := range cs {
			c.Overview()
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"", "2022", "2022-07", "2022-07-10", "2022-07-10T14:05:00Z", "2022-07-10T14:05:00.123456789Z",
		"0001-01-01T00:00:00Z", "9999-12-31", "2022-02-29", "2022-07-10T14:05:00+03:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := cases.ParseDate(s)
		if err != nil {
			if cases.Date(s).Valid() {
				t.Fatalf("ParseDate(%q) fails but Date.Valid is true", s)
			}
			return
		}
		if d.String() != s || !d.Valid() {
			t.Fatalf("ParseDate(%q) = %q, valid %v", s, d, d.Valid())
		}
		if s != "" && (d.Precision() == cases.PrecisionNone || d.Time().Location().String() != "UTC") {
			t.Fatalf("ParseDate(%q): precision %d, time %v", s, d.Precision(), d.Time())
		}
		if d.Compare(d) != 0 {
			t.Fatalf("%q does not equal itself", s)
		}
	})
}

// FuzzParseLocalDate: whatever people type, a date read is valid, and
// shown in either order it reads back as itself.
func FuzzParseLocalDate(f *testing.F) {
	for _, s := range []string{"10.07.2022", "1.7.22", "07.2022", "10/07/2022", "2022-07-10", " 2022 ", "29.02.2023", "9.9.99", "..", "1..2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := cases.ParseLocalDate(s)
		if err != nil {
			if d != "" {
				t.Fatalf("ParseLocalDate(%q) = %q along with an error", s, d)
			}
			return
		}
		if !d.Valid() {
			t.Fatalf("ParseLocalDate(%q) = %q, not valid", s, d)
		}
		if d.Precision() == cases.PrecisionTime {
			return
		}
		for _, order := range []cases.DateOrder{cases.DateISO, cases.DateDayFirst} {
			shown := d.Format(order, nil)
			if back, err := cases.ParseLocalDate(shown); err != nil || back != d {
				t.Fatalf("%q (from %q) shown as %q reads back as %q, %v", d, s, shown, back, err)
			}
		}
	})
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"+7 912 555-01-23", "8 (912) 555-01-23", "067 123 45 67", "00380671234567", "8 10 1 202 555 0143", "+", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := cases.NormalizePhone(s)
		for i := 0; i < len(n); i++ {
			if n[i] < '0' || n[i] > '9' {
				t.Fatalf("NormalizePhone(%q) = %q holds a non-digit", s, n)
			}
		}
		if n != "" && cases.NormalizePhone("+"+n) != n {
			t.Fatalf("NormalizePhone(%q) = %q is not stable: +%s gives %q", s, n, n, cases.NormalizePhone("+"+n))
		}
		if f := cases.FormatPhone(n); n != "" && cases.NormalizePhone(f) != n {
			t.Fatalf("FormatPhone(%q) = %q normalises to %q", n, f, cases.NormalizePhone(f))
		}
	})
}
