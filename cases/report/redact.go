package report

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"kintrace/cases"
)

// Redactions lists the redaction profiles a document offers, from most to
// least revealing. In a document, RedactNone shows every reporter with
// contact and safety notes (for use inside the organisation only);
// RedactPublicOnly names only reporters whose consent is "public", without
// their contact or safety notes, and withholds the others;
// RedactReporterIdentity withholds every reporter's identity: only
// relation, consent and language remain.
var Redactions = []cases.Redaction{cases.RedactNone, cases.RedactPublicOnly, cases.RedactReporterIdentity}

// redaction is a redaction profile applied to one case.
type redaction struct {
	profile  cases.Redaction
	shown    []cases.Reporter // reporters named in the document
	withheld []cases.Reporter // reporters whose identity is left out
	secrets  [][]rune         // lowercased names and contacts of withheld reporters
}

func newRedaction(p cases.Redaction, rs []cases.Reporter) *redaction {
	r := &redaction{profile: p}
	for _, rep := range rs {
		switch {
		case p == cases.RedactNone, p == cases.RedactPublicOnly && rep.Consent == cases.ConsentPublic:
			r.shown = append(r.shown, rep)
		default:
			r.withheld = append(r.withheld, rep)
		}
	}
	for _, rep := range r.withheld {
		r.addSecret(rep.Name)
		r.addSecret(rep.Contact)
		r.addSecret(rep.Safety)
	}
	// Outside the full profile, shown reporters' contacts and safety notes
	// are left out too.
	if p != cases.RedactNone {
		for _, rep := range r.shown {
			r.addSecret(rep.Contact)
			r.addSecret(rep.Safety)
		}
	}
	sortSecrets(r.secrets)
	return r
}

// sortSecrets puts the longest first, so that a name inside a longer
// contact string does not leave the rest of it behind.
func sortSecrets(secrets [][]rune) {
	slices.SortFunc(secrets, func(a, b []rune) int { return len(b) - len(a) })
}

// addSecret records s for scrubbing. Strings under three letters are too
// likely to match ordinary words.
func (r *redaction) addSecret(s string) {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) < 3 {
		return
	}
	r.secrets = append(r.secrets, lowerRunes([]rune(s)))
}

func lowerRunes(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, c := range rs {
		out[i] = unicode.ToLower(c)
	}
	return out
}

// scrub replaces, without regard to case, every occurrence in s of a
// withheld reporter's name or contact with mark.
func (r *redaction) scrub(s, mark string) string {
	if len(r.secrets) == 0 || s == "" {
		return s
	}
	text := []rune(s)
	lower := lowerRunes(text)
	for _, sec := range r.secrets {
		var out, outLower []rune
		for i := 0; i < len(text); {
			if i+len(sec) <= len(lower) && slices.Equal(lower[i:i+len(sec)], sec) {
				out = append(out, []rune(mark)...)
				outLower = append(outLower, lowerRunes([]rune(mark))...)
				i += len(sec)
				continue
			}
			out = append(out, text[i])
			outLower = append(outLower, lower[i])
			i++
		}
		text, lower = out, outLower
	}
	return string(text)
}

// Scrubber returns a function that blanks, in free text, the names and
// contacts of the reporters profile p withholds (and, outside RedactNone,
// every reporter's contact and safety notes), writing mark in their place.
// Other exports (PFIF) use it so that no format leaks what documents hide.
//
// The requests' applicants, reporter data too, are scrubbed outside the
// full profile when given as requests.
func Scrubber(p cases.Redaction, rs []cases.Reporter, mark string, requests ...cases.Request) func(string) string {
	red := newRedaction(p, rs)
	red.addApplicants(requests)
	return func(s string) string { return red.scrub(s, mark) }
}
