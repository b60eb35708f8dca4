package cases

// redact returns c as the profile allows it to leave the vault. It never
// changes c's own slices.
func redact(c Case, red Redaction) Case {
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
