package listmatch

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseText: any text parses without a panic into lines whose text is
// valid UTF-8 without control characters, within MaxLineLen, and whose
// name is in the line.
func FuzzParseText(f *testing.F) {
	for _, s := range []string{"Морозов Андрей Викторович 1987", "MOROZOV Andrei V., 12.03.1987, Luhansk", "Морозов А.В.",
		"12. Морозов А.В., 1987 г.р., ИК-17 Мордовия", "Лебедев; Олег; 1985 г.р.;", "№ 7 (1979)", "\xff\xfe1.", "a.b.c.d 31.02.1999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range ParseText(s) {
			if !utf8.ValidString(l.Text) || len(l.Text) > MaxLineLen || strings.ContainsFunc(l.Text, func(r rune) bool { return r < 0x20 }) {
				t.Fatalf("line text %q", l.Text)
			}
			for _, w := range strings.Fields(l.Name) {
				if !strings.Contains(l.Text, w) {
					t.Fatalf("name word %q not in %q", w, l.Text)
				}
			}
			if l.Birth != "" && !l.Birth.Valid() {
				t.Fatalf("birth %q", l.Birth)
			}
			_ = l.Entry()
		}
	})
}
