package cases

import "strings"

// FormatPhone writes the digits of a normalised number (NormalizePhone's
// result, country code first) the way people read them:
//
//	"79125550123"  -> "+7 912 555-01-23"  (Russia, Kazakhstan)
//	"380671234567" -> "+380 67 123-45-67" (Ukraine)
//	"375291234567" -> "+375 29 123-45-67" (Belarus)
//
// Numbers of other countries or lengths, whose country code's length is not
// known here, get the "+" and the digits in groups of three from the left.
// Digits are never dropped or reordered, so NormalizePhone of the result
// gives digits back. A string holding anything but digits is returned as
// it is.
func FormatPhone(digits string) string {
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return digits
	}
	switch {
	case len(digits) == 11 && digits[0] == '7':
		return "+7 " + digits[1:4] + " " + digits[4:7] + "-" + digits[7:9] + "-" + digits[9:]
	case len(digits) == 12 && (strings.HasPrefix(digits, "380") || strings.HasPrefix(digits, "375")):
		return "+" + digits[:3] + " " + digits[3:5] + " " + digits[5:8] + "-" + digits[8:10] + "-" + digits[10:]
	}
	var b strings.Builder
	b.WriteByte('+')
	for i := 0; i < len(digits); i += 3 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(digits[i:min(i+3, len(digits))])
	}
	return b.String()
}
