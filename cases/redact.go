package cases

import (
	"slices"
)

// Apply returns c as the profile allows it to leave the vault. It never
// changes c's own slices.
func (red Redaction) Apply(c Case) Case {
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

// Redaction is how much of the reporters a bundle carries.
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
