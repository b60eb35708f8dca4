package listmatch

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"kintrace/cases"
	"kintrace/cases/intake/sheet"
	"kintrace/cases/patterns"
)

// MaxLines is the most lines a list may have; MaxLineLen the longest line
// kept (a longer one is cut).
const (
	MaxLines   = sheet.MaxRows
	MaxLineLen = 2000
)

// Line is one person on a list.
type Line struct {
	// Row is the line's number in the pasted text or file, 1-based.
	Row int
	// Text is the line as the list writes it (a row's cells joined by
	// "; "), without control characters: what a recorded event quotes.
	Text string
	// Name is the name as written; Birth the date or year of birth ("" if
	// none); Place the facility, town or region; Note the rest.
	Name  string
	Birth cases.Date
	Place string
	Note  string
}

// Entry is the line as patterns.Match compares it.
func (l Line) Entry() patterns.ListEntry {
	e := patterns.ListEntry{Name: l.Name, Place: strings.TrimSpace(l.Place + " " + l.Note)}
	if t := l.Birth.Time(); !t.IsZero() {
		e.BirthYear = t.Year()
	}
	return e
}

// cleanText drops control characters (tabs become spaces) and cuts s at
// MaxLineLen bytes.
func cleanText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r < 0x20, r >= 0x7f && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == utf8.RuneError, r == '\ufeff':
			return -1
		}
		return r
	}, s)
	if len(s) > MaxLineLen {
		s = s[:MaxLineLen]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	return strings.TrimSpace(s)
}

// ParseText reads pasted text or a text file: one person a line. Lines
// without a name (empty lines, "ФИО", numbers alone) are left out; at
// most MaxLines lines are read.
func ParseText(text string) []Line {
	var out []Line
	row := 0
	for s := range strings.Lines(text) {
		row++
		if row > MaxLines {
			break
		}
		if l, ok := ParseLine(s); ok {
			l.Row = row
			out = append(out, l)
		}
	}
	return out
}

// ParseLine reads one line of a list: "Морозов Андрей Викторович 1987",
// "MOROZOV Andrei V., 12.03.1987, Luhansk", "3. Морозов А.В., 1987 г.р.,
// ИК-17 Мордовия". A leading number is dropped; the date of birth is the
// first date or year (1920–2019) in the line; the name is the words before
// the first comma or word with a digit; the rest is the place. ok is false
// when the line names nobody.
func ParseLine(s string) (l Line, ok bool) {
	if len(s) > MaxLineLen {
		s = strings.ToValidUTF8(s[:MaxLineLen], "")
	}
	l.Text = cleanText(s)
	// Tabs separate columns pasted from a spreadsheet.
	rest := stripNumbering(cleanText(strings.ReplaceAll(s, "\t", ", ")))
	rest, l.Birth = cutBirth(rest)
	// The name: the leading words of letters, dots, hyphens and
	// apostrophes, up to a comma, a bracket or a word with a digit.
	words := strings.Fields(rest)
	n := 0
	var name []string
	for n < len(words) && len(name) < 6 {
		w := words[n]
		end := strings.IndexAny(w, ",;:()[]/")
		word := w
		if end >= 0 {
			word = w[:end]
		}
		if word == "" || strings.IndexFunc(word, func(r rune) bool { return !isNameRune(r) }) >= 0 {
			break
		}
		name = append(name, word)
		if end >= 0 {
			words[n] = w[end:]
			break
		}
		n++
	}
	// "Морозов; Андрей; Викторович; 1987": a name cut into cells.
	for len(name) < 3 && n < len(words) && strings.HasPrefix(words[n], ";") {
		next := strings.Fields(strings.TrimLeft(words[n], ";") + " " + strings.Join(words[n+1:], " "))
		if len(next) == 0 {
			break
		}
		w := next[0]
		cut := strings.IndexAny(w, ",;:()[]/")
		if cut >= 0 {
			w = w[:cut]
		}
		if w == "" || strings.IndexFunc(w, func(r rune) bool { return !isNameRune(r) }) >= 0 {
			break
		}
		name = append(name, w)
		rest := next[0][len(w):]
		words = append([]string{rest}, next[1:]...)
		n = 0
		if rest == "" {
			words = words[1:]
		}
	}
	l.Name = strings.TrimSpace(strings.Join(name, " "))
	l.Place = strings.Trim(strings.Join(words[n:], " "), " ,;:-–—")
	letters := 0
	for _, r := range l.Name {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return l, letters >= 2 && !isHeaderWord(l.Name)
}

func isNameRune(r rune) bool {
	return unicode.IsLetter(r) || r == '.' || r == '-' || r == '\'' || r == '’' || r == '`'
}

// isHeaderWord reports a list's column title standing where a name would.
func isHeaderWord(s string) bool {
	switch strings.ToLower(strings.Trim(s, ".:")) {
	case "фио", "ф.и.о", "піб", "п.і.б", "name", "full name", "фамилия имя отчество", "прізвище ім'я по батькові":
		return true
	}
	return false
}

// stripNumbering drops a list's running number: "12.", "12)", "№ 12".
func stripNumbering(s string) string {
	t := strings.TrimPrefix(s, "№")
	t = strings.TrimLeft(t, " ")
	i := 0
	for i < len(t) && i < 6 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 {
		return s
	}
	switch {
	case i < len(t) && (t[i] == '.' || t[i] == ')'):
		return strings.TrimSpace(t[i+1:])
	case len(t) != len(s) || i <= 4 && i < len(t) && t[i] == ' ' && !plausibleYear(t[:i]):
		return strings.TrimSpace(t[i:])
	}
	return s
}

func plausibleYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	y := 0
	for _, c := range s {
		y = y*10 + int(c-'0')
	}
	return y >= 1920 && y <= 2019
}

// cutBirth finds the first date (02.03.1987, 1987-03-02, 02.03.87) or year
// of birth in s, with its "г.р." after it, and returns s without it.
func cutBirth(s string) (string, cases.Date) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
			continue
		}
		j := i
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' || s[j] == '-' || s[j] == '/') {
			j++
		}
		tok := strings.TrimRight(s[i:j], ".-/")
		j = i + len(tok)
		if tok == "" || i > 0 && isNameRune(rune(s[i-1])) && s[i-1] != '.' {
			continue // "ИК-17"
		}
		var d cases.Date
		switch {
		case plausibleYear(tok):
			d = cases.Date(tok)
		case strings.ContainsAny(tok, ".-/"):
			p, ok := sheet.ParseDate(tok, false)
			if !ok || p.Precision() != cases.PrecisionDay {
				continue
			}
			if y := p.Time().Year(); y < 1920 || y > 2019 {
				continue
			}
			d = p
		default:
			continue
		}
		after := strings.TrimLeft(s[j:], " ")
		for _, suf := range []string{"г.р.", "г. р.", "г.р", "гр.", "р.н.", "р. н.", "года рождения", "г.", "р.", "year of birth"} {
			if t, ok := strings.CutPrefix(after, suf); ok {
				after = t
				break
			}
		}
		before := strings.TrimRight(s[:i], " ")
		before = strings.TrimSuffix(before, "(")
		after = strings.TrimPrefix(after, ")")
		if after = strings.TrimSpace(after); after != "" && before != "" {
			// The date ends the name: "Морозов Андрей 1987 Луганск".
			return before + ", " + after, d
		}
		return strings.TrimSpace(before + " " + after), d
	}
	return s, ""
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }
