package sheet

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"kintrace/cases"
)

// cleanLine makes a cell a one-line value: invalid UTF-8 replaced, line
// breaks and tabs made spaces, control and bidirectional formatting
// characters removed (cases.Validate refuses them), runs of spaces made one.
func cleanLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r' || r == '\u00a0':
			return ' '
		case controlRune(r):
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// cleanLines is cleanLine for free text, which keeps its line breaks (a
// CRLF becomes a LF) and tabs.
func cleanLines(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case controlRune(r):
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// controlRune is a character cases.Validate refuses in text: C0 and C1
// controls, DEL, bidirectional embeddings, overrides and isolates.
func controlRune(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

var wordReplacer = strings.NewReplacer("ё", "е", "’", "'", "ʼ", "'", "`", "'")

// normWord lowercases s for matching a word typed in a cell: ё is е, the
// apostrophes of Ukrainian are one, punctuation at the ends is cut and
// inner spaces are single.
func normWord(s string) string {
	s = strings.ToLower(cleanLine(s))
	s = wordReplacer.Replace(s)
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
}

// ParseDate reads a date as people type it into a spreadsheet:
// "02.08.2022", "2.8.22", "02/08/2022", "02-08-2022", "2022-08-02",
// "2022-08", "08.2022", "1987", "1987 г.", "август 2022", "2 августа 2022
// г.", "серпень 2022", "Aug 2022"; and, when fromXLSX, an Excel serial
// number (the raw value of a cell formatted as a date: 44775 is
// 2022-08-02). It returns a partial date at the precision typed (a month
// name without a day is a month); ok is false if s is not a date (empty
// included). Days come first, as in Russia and Ukraine: "02.08.2022" is
// 2 August.
func ParseDate(s string, fromXLSX bool) (d cases.Date, ok bool) {
	s = normWord(s)
	if s == "" {
		return "", false
	}
	// "1987 г.", "2022 р.", "02.08.2022г", "1987 year"
	for _, suf := range []string{" года", " год", " г", "г", " р", "р", " року", " рік", " year"} {
		if t, found := strings.CutSuffix(s, suf); found && t != "" && t[len(t)-1] >= '0' && t[len(t)-1] <= '9' {
			s = strings.TrimSpace(t)
			break
		}
	}
	// A time after the day: "02.08.2022 14:30".
	if i := strings.IndexByte(s, ' '); i > 0 && strings.Contains(s[i:], ":") {
		s = s[:i]
	}
	if d, err := cases.ParseLocalDate(s); err == nil {
		return d, true
	}
	if fromXLSX {
		if d, ok := excelSerial(s); ok {
			return d, true
		}
	}
	if d, ok := monthNameDate(s); ok {
		return d, true
	}
	// Other separators: "02,08,2022", "02-08-2022", "02 08 2022", "2022.08.02".
	t := strings.Map(func(r rune) rune {
		if r == ',' || r == '-' || r == ' ' || r == '/' {
			return '.'
		}
		return r
	}, s)
	if t != s || strings.Count(t, ".") == 2 {
		if d, err := cases.ParseLocalDate(t); err == nil {
			return d, true
		}
		if p := strings.Split(t, "."); len(p) == 3 && len(p[0]) == 4 {
			if d, err := cases.ParseLocalDate(p[2] + "." + p[1] + "." + p[0]); err == nil {
				return d, true
			}
		}
	}
	return "", false
}

// excelSerial reads Excel's serial day number (days since 30 December 1899,
// Excel's fictitious 29 February 1900 accounted for); a fraction is the
// time of day, dropped. Only days from 1900 to 9999 are dates.
func excelSerial(s string) (cases.Date, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 1 || f >= 2958466 || math.IsNaN(f) {
		return "", false
	}
	days := int(f)
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if days < 61 { // before Excel's 29.02.1900, which never was
		base = base.AddDate(0, 0, 1)
	}
	t := base.AddDate(0, 0, days)
	return cases.DayDate(t.Year(), t.Month(), t.Day()), true
}

// monthStems are the beginnings of month names in Russian (nominative and
// genitive), Ukrainian and English, lowercase; the first that begins a
// word names its month.
var monthStems = []struct {
	stem  string
	month time.Month
}{
	{"янв", 1}, {"фев", 2}, {"мар", 3}, {"апр", 4}, {"мая", 5}, {"май", 5}, {"июн", 6}, {"июл", 7},
	{"авг", 8}, {"сен", 9}, {"окт", 10}, {"ноя", 11}, {"дек", 12},
	{"січ", 1}, {"лют", 2}, {"бер", 3}, {"кві", 4}, {"тра", 5}, {"чер", 6}, {"лип", 7},
	{"сер", 8}, {"вер", 9}, {"жов", 10}, {"лис", 11}, {"гру", 12},
	{"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"may", 5}, {"jun", 6}, {"jul", 7},
	{"aug", 8}, {"sep", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
}

// monthName reads w as a month's name or its abbreviation ("авг.",
// "серпня", "August").
func monthName(w string) (time.Month, bool) {
	w = strings.TrimSuffix(w, ".")
	if n := len([]rune(w)); n < 3 || n > 9 {
		return 0, false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return 0, false
		}
	}
	for _, m := range monthStems {
		if strings.HasPrefix(w, m.stem) {
			return m.month, true
		}
	}
	return 0, false
}

// monthNameDate reads "[day] month year" with the month's name: "август
// 2022", "2 августа 2022", "серпень 2022", "Aug 2022", "August 2, 2022",
// and Excel's "2-Aug-22" (a two-digit year only with a day).
func monthNameDate(s string) (cases.Date, bool) {
	ws := strings.Fields(strings.NewReplacer(",", " ", "-", " ").Replace(s))
	var day, year int
	var month time.Month
	switch len(ws) {
	case 2:
		var ok bool
		if month, ok = monthName(ws[0]); !ok {
			return "", false
		}
		year = fourDigits(ws[1])
	case 3:
		if m, ok := monthName(ws[1]); ok { // 2 августа 2022
			month, day = m, atoi(ws[0])
		} else if m, ok := monthName(ws[0]); ok { // August 2 2022
			month, day = m, atoi(ws[1])
		} else {
			return "", false
		}
		year = fourDigits(ws[2])
		if y := atoi(ws[2]); len(ws[2]) == 2 && year == 0 { // "2-Aug-22", Excel's d-mmm-yy
			year = y + 2000
			if y > 68 {
				year = y + 1900
			}
		}
		if day < 1 || day > 31 {
			return "", false
		}
	default:
		return "", false
	}
	if year < 1 {
		return "", false
	}
	if day == 0 {
		return cases.MonthDate(year, month), true
	}
	if time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Day() != day {
		return "", false
	}
	return cases.DayDate(year, month, day), true
}

func fourDigits(s string) int {
	if len(s) != 4 {
		return 0
	}
	return atoi(s)
}

// atoi reads one or two... or four ASCII digits; 0 otherwise.
func atoi(s string) int {
	if len(s) == 0 || len(s) > 4 {
		return 0
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// statusWords: a cell that begins with one of these words (after normWord)
// is that status. Order matters: the first match wins, so "нет связи"
// comes before anything "связь" could match, and negations ("не найден")
// begin with "не", which nothing matches.
var statusWords = []struct {
	prefix string
	status cases.Status
}{
	{"нет связи", cases.StatusContactLost}, {"связь потеряна", cases.StatusContactLost},
	{"потеря связи", cases.StatusContactLost}, {"пропал", cases.StatusContactLost},
	{"бвп", cases.StatusContactLost}, {"без вести", cases.StatusContactLost},
	{"немає зв'язку", cases.StatusContactLost}, {"зв'язок втрачено", cases.StatusContactLost},
	{"втрата зв'язку", cases.StatusContactLost}, {"зник", cases.StatusContactLost},
	{"contact lost", cases.StatusContactLost}, {"no contact", cases.StatusContactLost},
	{"missing", cases.StatusContactLost}, {"lost contact", cases.StatusContactLost},
	{"открыт", cases.StatusOpen}, {"в работе", cases.StatusOpen}, {"нов", cases.StatusOpen},
	{"активн", cases.StatusOpen}, {"відкрит", cases.StatusOpen}, {"в роботі", cases.StatusOpen},
	{"open", cases.StatusOpen}, {"new", cases.StatusOpen}, {"active", cases.StatusOpen},
	{"найден", cases.StatusLocated}, {"нашел", cases.StatusLocated}, {"местонахождение установлено", cases.StatusLocated},
	{"знайден", cases.StatusLocated}, {"located", cases.StatusLocated}, {"found", cases.StatusLocated},
	{"задержан", cases.StatusDetained}, {"под стражей", cases.StatusDetained}, {"в сизо", cases.StatusDetained},
	{"арестован", cases.StatusDetained}, {"в плену", cases.StatusDetained}, {"плен", cases.StatusDetained},
	{"затриман", cases.StatusDetained}, {"в полоні", cases.StatusDetained}, {"полон", cases.StatusDetained},
	{"detained", cases.StatusDetained}, {"arrested", cases.StatusDetained}, {"captured", cases.StatusDetained},
	{"в госпитал", cases.StatusHospitalised}, {"госпитализ", cases.StatusHospitalised}, {"в больниц", cases.StatusHospitalised},
	{"ранен", cases.StatusHospitalised}, {"в госпітал", cases.StatusHospitalised}, {"госпіталіз", cases.StatusHospitalised},
	{"поранен", cases.StatusHospitalised}, {"hospital", cases.StatusHospitalised}, {"wounded", cases.StatusHospitalised},
	{"погиб", cases.StatusDeceased}, {"умер", cases.StatusDeceased}, {"мертв", cases.StatusDeceased},
	{"скончал", cases.StatusDeceased}, {"груз 200", cases.StatusDeceased}, {"загинув", cases.StatusDeceased},
	{"загиблий", cases.StatusDeceased}, {"помер", cases.StatusDeceased}, {"deceased", cases.StatusDeceased},
	{"dead", cases.StatusDeceased}, {"died", cases.StatusDeceased}, {"killed", cases.StatusDeceased},
	{"вернул", cases.StatusReturned}, {"возвращ", cases.StatusReturned}, {"дома", cases.StatusReturned},
	{"повернув", cases.StatusReturned}, {"повернут", cases.StatusReturned}, {"вдома", cases.StatusReturned},
	{"returned", cases.StatusReturned}, {"home", cases.StatusReturned},
	{"закрыт", cases.StatusClosed}, {"архив", cases.StatusClosed}, {"закрит", cases.StatusClosed},
	{"архів", cases.StatusClosed}, {"closed", cases.StatusClosed},
}

// ParseStatus reads a status typed in Russian, Ukrainian or English ("нет
// связи", "Погиб", "в полоні", "contact_lost"); ok is false for anything
// else.
func ParseStatus(s string) (cases.Status, bool) {
	w := normWord(s)
	if st := cases.Status(strings.ReplaceAll(w, " ", "_")); st.Valid() {
		return st, true
	}
	for _, sw := range statusWords {
		if strings.HasPrefix(w, sw.prefix) {
			return sw.status, true
		}
	}
	return "", false
}

// ParseSex reads the person's sex: "м", "муж.", "ч", "чоловіча", "M",
// "male"; "ж", "жін.", "F", "female"; ok is false for anything else.
func ParseSex(s string) (cases.Sex, bool) {
	w := normWord(s)
	switch {
	case w == "":
		return "", false
	case w == "м" || w == "ч" || w == "m" || strings.HasPrefix(w, "муж") || strings.HasPrefix(w, "чол") ||
		w == "male" || w == "man":
		return cases.SexMale, true
	case w == "ж" || w == "f" || w == "w" || strings.HasPrefix(w, "жен") || strings.HasPrefix(w, "жін") ||
		w == "female" || w == "woman":
		return cases.SexFemale, true
	}
	if sx := cases.Sex(w); sx.Valid() {
		return sx, true
	}
	return "", false
}

// ParsePriority reads a priority: "срочно", "терміново", "urgent";
// "высокий", "високий", "high"; "обычный", "звичайний", "средний",
// "normal"; "низкий", "низький", "low"; ok is false for anything else.
func ParsePriority(s string) (cases.Priority, bool) {
	w := normWord(s)
	for _, p := range []struct {
		prefixes []string
		p        cases.Priority
	}{
		{[]string{"сроч", "термін", "urgent", "очень высок", "дуже висок"}, cases.PriorityUrgent},
		{[]string{"высок", "висок", "важн", "high"}, cases.PriorityHigh},
		{[]string{"обыч", "средн", "звичайн", "середн", "normal", "medium"}, cases.PriorityNormal},
		{[]string{"низк", "низьк", "low"}, cases.PriorityLow},
	} {
		for _, pre := range p.prefixes {
			if w != "" && strings.HasPrefix(w, pre) {
				return p.p, true
			}
		}
	}
	return "", false
}

// splitList splits a cell holding several values ("+7 916 …, +7 926 …";
// "тег1; тег2") on commas, semicolons and line breaks.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '\r' }) {
		if p = cleanLine(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
