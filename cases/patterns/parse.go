package patterns

import (
	"slices"
	"strconv"
	"strings"

	"kintrace/cases/search"
)

// foldTokens folds s and splits it into words, also splitting where letters
// meet digits ("ik17" -> "ik", "17").
func foldTokens(s string) []string {
	words := strings.Fields(search.Fold(s))
	out := words[:0:0]
	for _, w := range words {
		start := 0
		for i := 1; i < len(w); i++ {
			if isDigit(w[i]) != isDigit(w[i-1]) {
				out = append(out, w[start:i])
				start = i
			}
		}
		out = append(out, w[start:])
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// facilityPhrases are the folded ways of naming a kind of facility, longest
// first, with the short code the key uses.
var facilityPhrases = []struct {
	words []string
	code  string
}{
	{[]string{"ispravitelnaa", "kolonia"}, "IK"},
	{[]string{"kolonia", "poselenie"}, "KP"},
	{[]string{"sledstvenni", "izoliator"}, "SIZO"},
	{[]string{"pretrial", "detention", "centre"}, "SIZO"},
	{[]string{"pretrial", "detention", "center"}, "SIZO"},
	{[]string{"penal", "coloni"}, "IK"},
	{[]string{"ik"}, "IK"},
	{[]string{"itk"}, "IK"},
	{[]string{"kolonia"}, "IK"},
	{[]string{"coloni"}, "IK"},
	{[]string{"sizo"}, "SIZO"},
	{[]string{"iz"}, "IZ"},
	{[]string{"liu"}, "LIU"},
	{[]string{"lpu"}, "LPU"},
	{[]string{"kp"}, "KP"},
	{[]string{"vk"}, "VK"},
	{[]string{"pfrsi"}, "PFRSI"},
}

// numberWords stand between a facility or unit and its number ("№", "No.").
var numberWords = map[string]bool{"no": true, "n": true, "nomer": true, "number": true, "num": true, "nr": true}

// regionNoise are words around a facility or region that do not name the
// region ("ФКУ ИК-17 УФСИН России по Республике Мордовия").
var regionNoise = map[string]bool{
	"fku": true, "ufsin": true, "fsin": true, "rossii": true, "rossi": true, "russia": true, "po": true, "g": true,
	"gorod": true, "city": true, "oblast": true, "obl": true, "krai": true, "respublika": true,
	"respublike": true, "republic": true, "of": true, "the": true, "region": true, "rf": true,
	"ao": true, "v": true, "in": true, "na": true, "on": true, "near": true, "pod": true,
	"raion": true, "district": true, "pos": true, "poselok": true, "selo": true, "village": true,
	"town": true, "i": true, "and": true, "a": true, "s": true, "k": true,
}

func matchPhrase(tokens []string, i int, words []string) bool {
	if i+len(words) > len(tokens) {
		return false
	}
	for k, w := range words {
		if tokens[i+k] != w {
			return false
		}
	}
	return true
}

// facilities adds every facility named in s ("ИК-17, Мордовия", "IK17",
// "СИЗО №1", "ИЗ-77/1"). With withRegion, the words around the facility name
// its region, and fallback (the case's region) is used when they do not.
// It reports whether it found one.
func (x *extractor) facilities(s, fallback string, withRegion bool) bool {
	tokens := foldTokens(s)
	found := false
	for i := 0; i < len(tokens); i++ {
		code, n := "", 0
		for _, p := range facilityPhrases {
			if matchPhrase(tokens, i, p.words) {
				code, n = p.code, len(p.words)
				break
			}
		}
		if code == "" {
			continue
		}
		j := i + n
		for j < len(tokens) && numberWords[tokens[j]] {
			j++
		}
		if j >= len(tokens) || !allDigits(tokens[j]) || len(tokens[j]) > 4 {
			continue
		}
		num, _ := strconv.Atoi(tokens[j])
		if num == 0 {
			continue
		}
		key := code + "-" + strconv.Itoa(num)
		if code == "IZ" {
			// "ИЗ-77/1" only: a bare "из 3" is the Russian word "from".
			if j+1 >= len(tokens) || !allDigits(tokens[j+1]) || len(tokens[j+1]) > 2 {
				continue
			}
			sub, _ := strconv.Atoi(tokens[j+1])
			key += "/" + strconv.Itoa(sub)
			j++
		}
		id := Identifier{Kind: IdentFacility, Key: key, Raw: strings.TrimSpace(s)}
		if withRegion {
			id.Region = regionStemTokens(slices.Concat(tokens[j+1:], tokens[:i]))
			if id.Region == "" {
				id.Region = regionStem(fallback)
			}
		}
		x.add(id)
		found = true
		i = j
	}
	return found
}

// units adds the military unit named in s ("в/ч 12345", "unit 12345",
// "войсковая часть № 12345"); with whole, s may also be the bare number.
func (x *extractor) units(s string, whole bool) bool {
	tokens := foldTokens(s)
	if whole && len(tokens) == 1 && allDigits(tokens[0]) && len(tokens[0]) >= 4 && len(tokens[0]) <= 6 {
		x.add(Identifier{Kind: IdentUnit, Key: tokens[0], Raw: strings.TrimSpace(s)})
		return true
	}
	found := false
	for i := 0; i < len(tokens); i++ {
		n := 0
		switch {
		case matchPhrase(tokens, i, []string{"v", "ch"}):
			n = 2
		case tokens[i] == "vch" || tokens[i] == "unit" || tokens[i] == "chast":
			n = 1
		}
		if n == 0 {
			continue
		}
		j := i + n
		for j < len(tokens) && numberWords[tokens[j]] {
			j++
		}
		if j < len(tokens) && allDigits(tokens[j]) && len(tokens[j]) >= 4 && len(tokens[j]) <= 6 {
			x.add(Identifier{Kind: IdentUnit, Key: tokens[j], Raw: strings.TrimSpace(s)})
			found = true
			i = j
		}
	}
	return found
}

// regionStemLen is how much of a region's first significant word its stem
// keeps: enough to tell Krasnodar from Krasnoyarsk, short enough that the
// adjective and the noun meet ("Пермский" -> "permski", "Perm" -> "perm").
const regionStemLen = 7

// regionStem is the stem of a region's name: its first word that is not
// "Republic", "Oblast" and the like, cut to regionStemLen.
func regionStem(s string) string {
	if s == "" {
		return ""
	}
	return regionStemTokens(foldTokens(s))
}

func regionStemTokens(tokens []string) string {
	for _, t := range tokens {
		if regionNoise[t] || isDigit(t[0]) || len(t) < 3 {
			continue
		}
		if len(t) > regionStemLen {
			t = t[:regionStemLen]
		}
		return t
	}
	return ""
}

// regionsMatch reports whether two region stems may name the same region:
// equal, or one the start of the other ("perm" and "permski"). An empty
// stem (region unknown) matches any.
func regionsMatch(a, b string) bool {
	return a == "" || b == "" || strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
}

// placeStemLen is how much of each word of a place name its key keeps, so
// that "Ростовская" and "Rostov" meet.
const placeStemLen = 6

// placeSynonyms fold words for the same kind of place in several languages.
var placeSynonyms = map[string]string{
	"bolnitsa": "gospit", "likarnia": "gospit", "gospital": "gospit", "morgue": "morg",
	"training": "poligo", "ground": "", "poligon": "poligo",
}

// placeKey is the key of a place name: the stems of its significant words,
// sorted, so that word order and "Oblast"/"область" do not matter. It is ""
// when no word is left.
func placeKey(s string) string {
	tokens := foldTokens(s)
	keep := tokens[:0]
	for _, t := range tokens {
		if regionNoise[t] {
			continue
		}
		if syn, ok := placeSynonyms[t]; ok {
			t = syn
		}
		if t == "" {
			continue
		}
		if len(t) > placeStemLen {
			t = t[:placeStemLen]
		}
		keep = append(keep, t)
	}
	slices.Sort(keep)
	keep = slices.Compact(keep)
	return strings.Join(keep, " ")
}
