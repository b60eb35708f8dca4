package cases_test

import (
	"errors"
	"testing"

	"kintrace/cases"
)

// TestParseRedaction: each profile is read by its name (as bundles store
// it) and by its short name (as documents and the command line write it).
func TestParseRedaction(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want cases.Redaction
	}{
		{"full", cases.RedactNone},
		{"no-reporter-identity", cases.RedactReporterIdentity},
		{"no-reporters", cases.RedactReporterIdentity},
		{"public-consent-only", cases.RedactPublicOnly},
		{"public", cases.RedactPublicOnly},
	} {
		if got, err := cases.ParseRedaction(tt.in); got != tt.want || err != nil {
			t.Errorf("ParseRedaction(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "none", "Full", " public"} {
		if got, err := cases.ParseRedaction(in); !errors.Is(err, cases.ErrUnknownRedaction) {
			t.Errorf("ParseRedaction(%q) = %q, %v; want ErrUnknownRedaction", in, got, err)
		}
	}
}
