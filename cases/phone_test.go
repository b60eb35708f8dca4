package cases_test

import (
	"testing"

	"kintrace/cases"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+7 912 555-01-23", "79125550123"},
		{"8 (912) 555-01-23", "79125550123"},
		{"+79125550123", "79125550123"},
		{"79125550123", "79125550123"},
		{"912 555 01 23", "79125550123"},
		{"8 701 123 45 67", "77011234567"}, // Kazakhstan, trunk prefix 8
		{"067 123 45 67", "380671234567"},  // Ukraine, national form
		{"+380 67 123 4567", "380671234567"},
		{"8 067 123 45 67", "380671234567"}, // Ukraine, old long-distance form
		{"00380671234567", "380671234567"},
		{"8 10 380 67 123 4567", "380671234567"},
		{"+49 30 1234567", "49301234567"},
		{"+1 (202) 555-0143", "12025550143"},
		{"+8 912", "8912"}, // with "+", digits are kept as written
		{"112", "112"},
		{"no digits", ""},
		{"", ""},
		{"+", ""},
		{"тел. 8-912-555-01-23 (вечером)", "79125550123"},
	}
	for _, tt := range tests {
		if got := cases.NormalizePhone(tt.in); got != tt.want {
			t.Errorf("NormalizePhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatPhone(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"79125550123", "+7 912 555-01-23"},
		{"380671234567", "+380 67 123-45-67"},
		{"375291234567", "+375 29 123-45-67"},
		{"12025550143", "+120 255 501 43"},
		{"4930", "+493 0"},
		{"", ""},
		{"+7 912", "+7 912"},
	} {
		got := cases.FormatPhone(tt.in)
		if got != tt.want {
			t.Errorf("FormatPhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if tt.in != "" && tt.in[0] != '+' && cases.NormalizePhone(got) != tt.in {
			t.Errorf("FormatPhone(%q) = %q normalises to %q", tt.in, got, cases.NormalizePhone(got))
		}
	}
}
