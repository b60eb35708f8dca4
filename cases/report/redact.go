package report

import (
	"errors"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"kintrace/cases"
)

// Profile decides which reporters a document names. The three profiles are
// the ones encrypted bundles use, under the same names.
type Profile string

// The redaction profiles.
const (
	// ProfileFull shows every reporter with contact and safety notes: for
	// use inside the organisation only.
	ProfileFull Profile = "full"
	// ProfileNoReporters withholds every reporter's identity: only relation,
	// consent and language remain.
	ProfileNoReporters Profile = "no-reporters"
	// ProfilePublic names only reporters whose consent is "public", without
	// their contact or safety notes, and withholds the others.
	ProfilePublic Profile = "public"
)

// Profiles lists every Profile from most to least revealing.
var Profiles = []Profile{ProfileFull, ProfilePublic, ProfileNoReporters}

// ErrProfile reports an unknown redaction profile.
var ErrProfile = errors.New("report: unknown redaction profile (want full, no-reporters or public)")

// ParseProfile reads a Profile's name; "" gives ProfilePublic, the safest
// profile that still names anyone. The names encrypted bundles use
// ("no-reporter-identity", "public-consent-only") are accepted too.
func ParseProfile(s string) (Profile, error) {
	switch s {
	case "":
		return ProfilePublic, nil
	case "no-reporter-identity":
		return ProfileNoReporters, nil
	case "public-consent-only":
		return ProfilePublic, nil
	}
	p := Profile(s)
	if slices.Contains(Profiles, p) {
		return p, nil
	}
	return "", ErrProfile
}

// redaction is a Profile applied to one case.
type redaction struct {
	profile  Profile
	shown    []cases.Reporter // reporters named in the document
	withheld []cases.Reporter // reporters whose identity is left out
	secrets  [][]rune         // lowercased names and contacts of withheld reporters
}

func newRedaction(p Profile, rs []cases.Reporter) *redaction {
	r := &redaction{profile: p}
	for _, rep := range rs {
		switch {
		case p == ProfileFull, p == ProfilePublic && rep.Consent == cases.ConsentPublic:
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
	if p != ProfileFull {
		for _, rep := range r.shown {
			r.addSecret(rep.Contact)
			r.addSecret(rep.Safety)
		}
	}
	// Longest first, so that a name inside a longer contact string does not
	// leave the rest of it behind.
	slices.SortFunc(r.secrets, func(a, b []rune) int { return len(b) - len(a) })
	return r
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
// contacts of the reporters profile p withholds (and, outside ProfileFull,
// every reporter's contact and safety notes), writing mark in their place.
// Other exports (PFIF) use it so that no format leaks what documents hide.
func Scrubber(p Profile, rs []cases.Reporter, mark string) func(string) string {
	red := newRedaction(p, rs)
	return func(s string) string { return red.scrub(s, mark) }
}
