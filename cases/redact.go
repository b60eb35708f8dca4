package cases

import (
	"errors"
	"slices"
)

// Apply returns c as the profile allows it to leave the vault. It never
// changes c's own slices.
//
// A request's applicant and their contact are reporter data: both
// profiles other than RedactNone leave them out.
func (red Redaction) Apply(c Case) Case {
	if red != RedactNone {
		c = redactCasework(c)
	}
	switch red {
	case RedactReporterIdentity:
		if c.Reporters == nil {
			return c
		}
		rs := make([]Reporter, len(c.Reporters))
		for i, r := range c.Reporters {
			rs[i] = Reporter{Pseudonym: r.Pseudonym, Relation: r.Relation, Consent: r.Consent, Language: r.Language}
		}
		c.Reporters = rs
	case RedactPublicOnly:
		var rs []Reporter
		for _, r := range c.Reporters {
			if r.Consent == ConsentPublic {
				rs = append(rs, r)
			}
		}
		c.Reporters = rs
	}
	return c
}

// Redaction is how much of the reporters leaves the vault, in a bundle or
// in a document (package report, PFIF). It is one idea with one set of
// values; what a profile keeps of a reporter differs only where the
// destination does: a bundle goes to a partner organisation and carries a
// public reporter whole (Apply), while a document may be published and
// leaves out even a public reporter's contact and safety notes.
type Redaction string

// Redaction profiles.
const (
	// RedactNone sends everything.
	RedactNone Redaction = "full"
	// RedactReporterIdentity removes every reporter's name, contact and
	// safety notes; relation, consent and language stay.
	RedactReporterIdentity Redaction = "no-reporter-identity"
	// RedactPublicOnly keeps only reporters whose consent is "public",
	// whole; the others are left out of the case entirely.
	RedactPublicOnly Redaction = "public-consent-only"
)

// Redactions lists the profiles in the order a menu shows them.
var Redactions = []Redaction{RedactNone, RedactReporterIdentity, RedactPublicOnly}

// Valid reports whether r is one of Redactions.
func (r Redaction) Valid() bool { return slices.Contains(Redactions, r) }

// ErrUnknownRedaction reports a redaction profile name ParseRedaction does
// not know.
var ErrUnknownRedaction = errors.New("cases: unknown redaction profile (want full, no-reporters or public)")

// ParseRedaction reads a profile by its name (a Redaction's value, as
// bundles store it) or its short name as documents and the command line
// write it: "full"; "no-reporter-identity" or "no-reporters";
// "public-consent-only" or "public".
func ParseRedaction(s string) (Redaction, error) {
	switch s {
	case "no-reporters":
		return RedactReporterIdentity, nil
	case "public":
		return RedactPublicOnly, nil
	}
	if r := Redaction(s); r.Valid() {
		return r, nil
	}
	return "", ErrUnknownRedaction
}
