package cases

import "strings"

// NormalizePhone returns the digits of a phone number as typed, with the
// country code, so that numbers written in different ways compare equal:
//
//	"+7 912 555-01-23", "8 (912) 555-01-23", "+79125550123", "79125550123",
//	"912 555 01 23"                                      -> "79125550123"
//	"067 123 45 67", "8 067 123 45 67", "+380 67 123 4567" -> "380671234567"
//
// The rules, applied to the digits only:
//   - a leading international prefix "00" (or the old Russian "8 10") is dropped;
//   - written without "+": 11 digits starting "80" are a Ukrainian number in
//     the old long-distance form (8 0XX …) and become "380…"; other 11 digits
//     starting "8" are Russian or Kazakh numbers with the trunk prefix 8 and
//     become "7…"; 10 digits starting "0" are a Ukrainian national number and
//     become "380…"; 10 digits starting "9" are a Russian mobile number
//     without its prefix and become "79…";
//   - any other number keeps its digits as they are.
//
// It returns "" when s holds no digit. NormalizePhone is for matching; the
// number is always stored as typed.
func NormalizePhone(s string) string {
	plus := false
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			b = append(b, c)
		case c == '+' && len(b) == 0:
			plus = true
		}
	}
	d := string(b)
	switch {
	case strings.HasPrefix(d, "00") && len(d) > 4 && !plus:
		d, plus = d[2:], true
	case strings.HasPrefix(d, "810") && len(d) > 11 && !plus:
		d, plus = d[3:], true
	}
	if plus {
		return d
	}
	switch {
	case len(d) == 11 && strings.HasPrefix(d, "80"):
		return "3" + d
	case len(d) == 11 && d[0] == '8':
		return "7" + d[1:]
	case len(d) == 10 && d[0] == '0':
		return "38" + d
	case len(d) == 10 && d[0] == '9':
		return "7" + d
	}
	return d
}

// HandleKey lower-cases a handle and strips "@" and link prefixes
// ("https://t.me/name", "vk.com/name"), so that two spellings of one
// handle compare equal; it is "" for a handle too short to mean anything.
func HandleKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"https://", "http://", "www."} {
		s = strings.TrimPrefix(s, p)
	}
	for _, p := range []string{"t.me/", "telegram.me/", "vk.com/", "instagram.com/"} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.TrimPrefix(s, "@")
	s = strings.TrimRight(s, "/.")
	if len(s) < 2 {
		return ""
	}
	return s
}
