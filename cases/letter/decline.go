package letter

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"kintrace/cases"
)

// Russian and Ukrainian letters name the person in the genitive case ("о
// розыске Морозова Андрея Викторовича", "щодо розшуку Шевченка Андрія
// Петровича"). Genitive declines a full name by the rules of the common
// endings of surnames, first names and patronymics; a word it has no rule
// for (a foreign name, a surname in -ых or -ко in Russian, a woman's
// surname ending in a consonant) is left as written, which is what the
// grammar asks of indeclinable names.

// role is what a word of a full name is.
type role int

const (
	roleSurname role = iota
	roleFirst
	rolePatronymic
)

// Genitive returns the full name in the genitive case of lang (Russian or
// Ukrainian; English names are returned as they are). sex is the person's
// as recorded; when it is unknown, the patronymic or the endings decide.
// The order of the words is kept: "Морозов Андрей Викторович" and "Андрей
// Викторович Морозов" both work.
func Genitive(name string, sex cases.Sex, lang Lang) string {
	if lang != Russian && lang != Ukrainian {
		return name
	}
	words := strings.Fields(name)
	if len(words) == 0 {
		return name
	}
	roles := nameRoles(words, lang)
	female := isFemale(words, roles, sex)
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = declineWord(w, roles[i], female, lang)
	}
	return strings.Join(out, " ")
}

// nameRoles guesses which word is the surname, the first name and the
// patronymic: a patronymic is found by its ending; without one, a word
// with a surname's ending is the surname, and otherwise the official
// order (surname first) is assumed.
func nameRoles(words []string, lang Lang) []role {
	roles := make([]role, len(words))
	n := len(words)
	if n == 1 {
		return roles // a single word: a surname
	}
	switch {
	case n == 3 && isPatronymic(words[1]):
		// First Patronymic Surname; checked first, since a surname may end
		// like a patronymic (Бабич).
		roles[0], roles[1], roles[2] = roleFirst, rolePatronymic, roleSurname
		return roles
	case n >= 3 && isPatronymic(words[n-1]):
		// Surname (perhaps of several words) First Patronymic.
		roles[n-2], roles[n-1] = roleFirst, rolePatronymic
		return roles
	}
	// No patronymic: the first name is the word that is a known first name
	// or lacks a surname's ending.
	first := n - 1
	if looksLikeSurname(words[n-1], lang) && !isKnownFirstName(words[n-1]) &&
		(isKnownFirstName(words[0]) || !looksLikeSurname(words[0], lang)) {
		first = 0
	}
	roles[first] = roleFirst
	return roles
}

func isPatronymic(w string) bool {
	l := strings.ToLower(w)
	for _, end := range []string{"вич", "вна", "ична", "ич", "івна", "ївна"} {
		if strings.HasSuffix(l, end) && utf8.RuneCountInString(l) > len([]rune(end))+2 {
			return true
		}
	}
	return false
}

// surnameEndings are endings found on surnames and (almost) never on first
// names, masculine and feminine.
var surnameEndings = []string{
	"ов", "ев", "ёв", "єв", "ин", "ын", "ін", "їн",
	"ова", "ева", "ёва", "єва", "ина", "ына", "іна", "їна",
	"ский", "цкий", "ская", "цкая", "ський", "цький", "ська", "цька",
	"ой", "ый", "ая", "енко", "ко", "ук", "юк", "чук", "ых", "их",
}

func looksLikeSurname(w string, _ Lang) bool {
	l := strings.ToLower(w)
	for _, end := range surnameEndings {
		if strings.HasSuffix(l, end) {
			return true
		}
	}
	return false
}

// knownFirstNames are common first names that end like surnames (-ина,
// -ин, -ая), so that "Ирина Морозова" is read in the right order.
var knownFirstNames = []string{
	"ирина", "марина", "галина", "алина", "полина", "нина", "кристина", "валентина",
	"карина", "арина", "регина", "ангелина", "зарина", "дина", "екатерина", "катерина",
	"ірина", "марина", "галина", "аліна", "поліна", "ніна", "христина", "валентина",
	"вениамин", "веніамін", "валентин", "константин", "костянтин",
}

func isKnownFirstName(w string) bool {
	return slices.Contains(knownFirstNames, strings.ToLower(w))
}

// isFemale decides the grammatical gender of the name: the recorded sex,
// else the patronymic's ending, else the first name's.
func isFemale(words []string, roles []role, sex cases.Sex) bool {
	switch sex {
	case cases.SexFemale:
		return true
	case cases.SexMale:
		return false
	}
	for i, r := range roles {
		if r == rolePatronymic {
			l := strings.ToLower(words[i])
			return strings.HasSuffix(l, "на")
		}
	}
	for i, r := range roles {
		if r == roleFirst {
			l := strings.ToLower(words[i])
			if isMaleInA(l) {
				return false
			}
			return strings.HasSuffix(l, "а") || strings.HasSuffix(l, "я") || l == "любовь" || l == "любов"
		}
	}
	l := strings.ToLower(words[0])
	return strings.HasSuffix(l, "ова") || strings.HasSuffix(l, "ева") || strings.HasSuffix(l, "ина") ||
		strings.HasSuffix(l, "ая") || strings.HasSuffix(l, "ська") || strings.HasSuffix(l, "цька")
}

// maleNamesInA are men's first names ending in -а or -я.
var maleNamesInA = []string{
	"никита", "илья", "кузьма", "фома", "лука", "савва", "данила", "гаврила",
	"микола", "ілля", "кузьма", "сава", "лука", "хома", "микита",
}

func isMaleInA(l string) bool { return slices.Contains(maleNamesInA, l) }

// declineWord declines one word (each part of a hyphenated one).
func declineWord(w string, r role, female bool, lang Lang) string {
	if strings.Contains(w, "-") {
		parts := strings.Split(w, "-")
		for i, p := range parts {
			parts[i] = declineWord(p, r, female, lang)
		}
		return strings.Join(parts, "-")
	}
	if !isCyrillicWord(w) {
		return w
	}
	lower := strings.ToLower(w)
	var stem, end string
	if lang == Ukrainian {
		stem, end = genitiveUK(lower, r, female)
	} else {
		stem, end = genitiveRU(lower, r, female)
	}
	if end == "" && stem == lower {
		return w
	}
	return matchCase(w, stem, end)
}

func isCyrillicWord(w string) bool {
	if utf8.RuneCountInString(w) < 2 {
		return false
	}
	for _, r := range w {
		if !unicode.Is(unicode.Cyrillic, r) && r != '\'' && r != '’' && r != 'ʼ' {
			return false
		}
	}
	return true
}

// matchCase returns stem+end with the letters of the original word w: the
// kept stem is cut from w itself, and the ending is upper case when w is
// written in capitals.
func matchCase(w, stem, end string) string {
	n := utf8.RuneCountInString(stem)
	rw := []rune(w)
	if n > len(rw) {
		n = len(rw)
	}
	kept := string(rw[:n])
	if strings.ToLower(kept) != stem {
		kept = stem // a changed stem (a dropped vowel): take it as computed
		if unicode.IsUpper(rw[0]) {
			rs := []rune(kept)
			rs[0] = unicode.ToUpper(rs[0])
			kept = string(rs)
		}
	}
	if isAllUpper(w) {
		return strings.ToUpper(kept + end)
	}
	return kept + end
}

func isAllUpper(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 1
}

// cut returns l without its last n runes.
func cut(l string, n int) string {
	rs := []rune(l)
	return string(rs[:len(rs)-n])
}

// hardA is the genitive ending of a noun in -а: -и after г, к, х and the
// hushing consonants, -ы otherwise (Russian).
func hardA(stem string) string {
	switch last(stem) {
	case 'г', 'к', 'х', 'ж', 'ш', 'ч', 'щ':
		return "и"
	}
	return "ы"
}

func last(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func isConsonantRU(r rune) bool {
	return strings.ContainsRune("бвгджзклмнпрстфхцчшщ", r)
}

// genitiveRU gives the genitive of a Russian name word as a stem and an
// ending; the unchanged word and "" for an indeclinable one.
func genitiveRU(l string, r role, female bool) (string, string) {
	has := func(end string) bool { return strings.HasSuffix(l, end) }
	switch r {
	case rolePatronymic:
		switch {
		case has("ич"):
			return l, "а"
		case has("на"):
			return cut(l, 1), "ы"
		}
		return l, ""
	case roleFirst:
		if exc, ok := firstNameGenRU[l]; ok {
			return exc, ""
		}
		switch {
		case has("ия"):
			return cut(l, 1), "и"
		case has("ья"), has("я"):
			return cut(l, 1), "и"
		case has("а"):
			return cut(l, 1), hardA(cut(l, 1))
		}
		if female {
			if has("ь") {
				return cut(l, 1), "и"
			}
			return l, ""
		}
		switch {
		case has("ий"):
			return cut(l, 1), "я"
		case has("й"), has("ь"):
			return cut(l, 1), "я"
		case isConsonantRU(last(l)):
			return l, "а"
		}
		return l, ""
	}
	// Surnames.
	if female {
		switch {
		case has("ова"), has("ева"), has("ёва"), has("ина"), has("ына"):
			return cut(l, 1), "ой"
		case has("ская"), has("цкая"), has("ая"):
			return cut(l, 2), "ой"
		case has("яя"):
			return cut(l, 2), "ей"
		case has("ия"):
			return cut(l, 1), "и"
		case has("я"):
			return cut(l, 1), "и"
		case has("а") && !has("иа"):
			return cut(l, 1), hardA(cut(l, 1))
		}
		return l, ""
	}
	switch {
	case has("ых"), has("их"), has("ко"), has("о"), has("е"), has("и"), has("у"), has("ю"), has("э"):
		return l, ""
	case has("ский"), has("цкий"):
		return cut(l, 2), "ого"
	case has("ой"), has("ый"):
		return cut(l, 2), "ого"
	case has("кий"), has("гий"), has("хий"), has("жий"), has("ший"), has("чий"), has("щий"):
		return cut(l, 2), "ого"
	case has("ий"):
		return cut(l, 2), "его"
	case has("ия"):
		return cut(l, 1), "и"
	case has("я"):
		return cut(l, 1), "и"
	case has("а") && !has("иа"):
		return cut(l, 1), hardA(cut(l, 1))
	case has("й"), has("ь"):
		return cut(l, 1), "я"
	case isConsonantRU(last(l)):
		return l, "а"
	}
	return l, ""
}

// firstNameGenRU are the Russian first names whose genitive drops a vowel.
var firstNameGenRU = map[string]string{
	"павел": "павла", "лев": "льва", "пётр": "петра", "петр": "петра",
}

// genitiveUK gives the genitive of a Ukrainian name word as a stem and an
// ending; the unchanged word and "" for an indeclinable one.
func genitiveUK(l string, r role, female bool) (string, string) {
	has := func(end string) bool { return strings.HasSuffix(l, end) }
	// hushing: after ж, ч, ш, щ a noun in -а takes -і (Ukrainian).
	softA := func(stem string) string {
		switch last(stem) {
		case 'ж', 'ч', 'ш', 'щ':
			return "і"
		}
		return "и"
	}
	switch r {
	case rolePatronymic:
		switch {
		case has("ич"):
			return l, "а"
		case has("на"):
			return cut(l, 1), "и"
		}
		return l, ""
	case roleFirst:
		if exc, ok := firstNameGenUK[l]; ok {
			return exc, ""
		}
		switch {
		case has("ія"):
			return cut(l, 1), "ї"
		case has("я"):
			return cut(l, 1), "і"
		case has("а"):
			return cut(l, 1), softA(cut(l, 1))
		}
		if female {
			if has("ь") {
				return cut(l, 1), "і"
			}
			return l, ""
		}
		switch {
		case has("ій"), has("й"), has("ь"):
			return cut(l, 1), "я"
		case has("о"):
			return cut(l, 1), "а"
		case isConsonantUK(last(l)):
			return l, "а"
		}
		return l, ""
	}
	// Surnames.
	if female {
		switch {
		case has("ова"), has("ева"), has("єва"), has("іна"), has("їна"), has("ина"),
			has("ська"), has("цька"), has("зька"):
			return cut(l, 1), "ої"
		case has("ая"):
			return cut(l, 2), "ої"
		case has("ія"):
			return cut(l, 1), "ї"
		case has("я"):
			return cut(l, 1), "і"
		case has("а"):
			return cut(l, 1), softA(cut(l, 1))
		}
		return l, ""
	}
	switch {
	case has("их"), has("ых"), has("е"), has("і"), has("и") && !has("ий"), has("у"), has("ю"):
		return l, ""
	case has("ський"), has("цький"), has("зький"):
		return cut(l, 2), "ого"
	case has("ий"), has("ой"):
		return cut(l, 2), "ого"
	case has("ій"):
		return cut(l, 2), "ія"
	case has("ія"):
		return cut(l, 1), "ї"
	case has("я"):
		return cut(l, 1), "і"
	case has("а"):
		return cut(l, 1), softA(cut(l, 1))
	case has("о"):
		return cut(l, 1), "а"
	case has("ець") && utf8.RuneCountInString(l) > 4:
		return cut(l, 3) + "ц", "я" // Кравець: Кравця
	case has("й"), has("ь"):
		return cut(l, 1), "я"
	case softR(l):
		return l, "я"
	case isConsonantUK(last(l)):
		return l, "а"
	}
	return l, ""
}

// firstNameGenUK are Ukrainian first names outside the rules above.
var firstNameGenUK = map[string]string{
	"ігор": "ігоря", "лев": "лева", "любов": "любові",
}

// softR reports the Ukrainian surnames in -ар/-ир of the soft group
// (Бондар, Гончар, Кобзар, Пономар: Бондаря).
func softR(l string) bool {
	return slices.Contains([]string{"бондар", "гончар", "кобзар", "пономар", "лихтар", "шинкар"}, l)
}

func isConsonantUK(r rune) bool {
	return strings.ContainsRune("бвгґджзклмнпрстфхцчшщ", r)
}
