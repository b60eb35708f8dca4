package search

import (
	"unicode"
	"unicode/utf8"
)

// Fold returns the search form of s, so that one name written in different
// scripts and transliterations folds to the same "skeleton":
//
//   - letters are lower-cased; ё folds to е and й to и;
//   - diacritics are stripped (é → e; č, š, ž → ch, sh, zh as in scholarly
//     transliteration); apostrophes inside words are dropped; every other
//     character that is not a letter or digit separates words, and the
//     result is the words joined by single spaces;
//   - Russian and Ukrainian Cyrillic (with і ї є ґ, and a few Belarusian and
//     Kazakh letters) is transliterated to Latin: ж zh, х kh, ц ts, ч ch,
//     ш sh, щ shch, ю yu, я ya, ы y, ь and ъ dropped;
//   - then Latin spellings are folded together: x → ks, w → v, j → y, q → k,
//     tch → ch, a lone h → g (Ukrainian г: Serhiy, Olha), a y sounding
//     like i → i, word-initial ye/yo → e and yo → e (Fyodor = Фёдор),
//     y between vowels dropped (Sergeyevich = Сергеевич), word-initial
//     ia/iu → ya/yu (Iuliia = Юлия), runs of i → i, and a word-final
//     consonant + "er" → consonant + "r" (Alexander = Aleksandr).
//
// So "Морозов" and "Morozov", "Юлия", "Yulia" and "Julia", "Щукин" and
// "Shchukin", "Сергей", "Sergei" and "Sergey" fold alike. Vowel choices that
// differ between Russian and Ukrainian (Олександр, Aleksandr) are not folded.
// Fold is used on both the index and the query; matching is by substring.
func Fold(s string) string {
	return string(appendFold(nil, s))
}

// appendFold appends the fold of s to dst; words are separated by one space
// and there is no leading or trailing space (relative to what dst held).
func appendFold(dst []byte, s string) []byte {
	var stack [256]byte
	pre := preFold(stack[:0], s)
	start := len(dst)
	for i := 0; i < len(pre); {
		for i < len(pre) && pre[i] == ' ' {
			i++
		}
		j := i
		for j < len(pre) && pre[j] != ' ' {
			j++
		}
		if j > i {
			if len(dst) > start {
				dst = append(dst, ' ')
			}
			dst = foldWord(dst, pre[i:j])
		}
		i = j
	}
	return dst
}

// preFold lower-cases s, strips diacritics, transliterates Cyrillic to Latin
// and turns separators into spaces.
func preFold(dst []byte, s string) []byte {
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch {
			case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
				dst = append(dst, byte(r))
			case r >= 'A' && r <= 'Z':
				dst = append(dst, byte(r)+'a'-'A')
			case r == '\'' || r == '`':
				// apostrophe inside a word: В'ячеслав, O'Neill
			default:
				dst = append(dst, ' ')
			}
			continue
		}
		switch {
		case r >= 0x410 && r <= 0x42F: // А-Я
			dst = append(dst, cyrillicFold[r+0x20-0x430]...)
			continue
		case r >= 0x430 && r <= 0x45F: // а-я, ѐ-џ
			dst = append(dst, cyrillicFold[r-0x430]...)
			continue
		case r >= 0x400 && r <= 0x40F: // Ѐ-Џ
			dst = append(dst, cyrillicFold[r+0x50-0x430]...)
			continue
		case r >= latinFoldFirst && r <= latinFoldLast:
			if f := latinFold[r-latinFoldFirst]; f != "" {
				dst = append(dst, f...)
				continue
			}
		case r >= 0x300 && r <= 0x36F, r == 0x2019, r == 0x2018, r == 0x02BC, r == 0x02B9:
			// combining marks (stress, decomposed й and ё), typographic apostrophes
			continue
		}
		if f, ok := cyrillicExtra[r]; ok {
			dst = append(dst, f...)
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		dst = append(dst, ' ')
	}
	return dst
}

// cyrillicFold transliterates U+0430..U+045F; ё and й already fold to е and
// и here.
// LatinLetters returns the Latin letters Fold writes for the lower-case
// Cyrillic letter r (U+0430 to U+045F), or "" for any other rune.
func LatinLetters(r rune) string {
	if r < 0x430 || r > 0x45F {
		return ""
	}
	return cyrillicFold[r-0x430]
}

var cyrillicFold = [0x30]string{
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", // а-п
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", // р-я
	"e", "e", "dj", "g", "ye", "dz", "i", "yi", "y", "lj", "nj", "c", "k", "i", "u", "dz", // ѐ-џ
}

// cyrillicExtra covers Ukrainian ґ and the Kazakh letters outside the basic
// block.
var cyrillicExtra = map[rune]string{
	'ґ': "g", 'Ґ': "g", 'ғ': "g", 'Ғ': "g", 'қ': "k", 'Қ': "k", 'ң': "n", 'Ң': "n",
	'ү': "u", 'Ү': "u", 'ұ': "u", 'Ұ': "u", 'һ': "h", 'Һ': "h", 'ә': "a", 'Ә': "a",
	'ө': "o", 'Ө': "o",
}

// Placeholders for Latin digraphs while a word is folded; they are written
// out as the digraphs again.
const (
	phShch = 'Q'
	phZh   = 'Z'
	phKh   = 'X'
	phCh   = 'C'
	phSh   = 'S'
)

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'o' || c == 'u' }

// isConsonant reports whether c is a Latin consonant or a digraph placeholder
// (i and y count as neither).
func isConsonant(c byte) bool {
	return c >= 'a' && c <= 'z' && !isVowel(c) && c != 'i' && c != 'y' ||
		c == phShch || c == phZh || c == phKh || c == phCh || c == phSh
}

// foldWord folds one word of preFold's output onto dst.
func foldWord(dst []byte, w []byte) []byte {
	// Step 1: digraphs and single-letter spellings.
	var stack [64]byte
	t := stack[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		rest := w[i:]
		switch {
		case hasPrefix(rest, "shch"):
			t = append(t, phShch)
			i += 3
		case hasPrefix(rest, "tch"):
			t = append(t, phCh)
			i += 2
		case hasPrefix(rest, "zh"):
			t = append(t, phZh)
			i++
		case hasPrefix(rest, "kh"):
			t = append(t, phKh)
			i++
		case hasPrefix(rest, "ch"):
			t = append(t, phCh)
			i++
		case hasPrefix(rest, "sh"):
			t = append(t, phSh)
			i++
		case c == 'x':
			t = append(t, 'k', 's')
		case c == 'w':
			t = append(t, 'v')
		case c == 'j':
			t = append(t, 'y')
		case c == 'q':
			t = append(t, 'k')
		case c == 'h':
			t = append(t, 'g')
		default:
			t = append(t, c)
		}
	}

	// Step 2: i and y.
	var stack2 [64]byte
	u := stack2[:0]
	emitI := func() {
		if len(u) == 0 || u[len(u)-1] != 'i' {
			u = append(u, 'i')
		}
	}
	for k := 0; k < len(t); k++ {
		c := t[k]
		var next byte
		if k+1 < len(t) {
			next = t[k+1]
		}
		switch {
		case c == 'y' && len(u) == 0:
			switch {
			case next == 'e' || next == 'o':
				u = append(u, 'e')
				k++
			case isVowel(next):
				u = append(u, 'y')
			default:
				emitI()
			}
		case c == 'y' && next == 'o':
			u = append(u, 'e')
			k++
		case c == 'y' && isVowel(u[len(u)-1]) && isVowel(next):
			// dropped between vowels
		case c == 'y':
			emitI()
		case c == 'i' && len(u) == 0 && (next == 'a' || next == 'u'):
			u = append(u, 'y')
		case c == 'i':
			emitI()
		default:
			u = append(u, c)
		}
	}

	// Step 3: word-final consonant + "er".
	if n := len(u); n >= 4 && u[n-2] == 'e' && u[n-1] == 'r' && isConsonant(u[n-3]) {
		u[n-2] = 'r'
		u = u[:n-1]
	}

	for _, c := range u {
		switch c {
		case phShch:
			dst = append(dst, "shch"...)
		case phZh:
			dst = append(dst, "zh"...)
		case phKh:
			dst = append(dst, "kh"...)
		case phCh:
			dst = append(dst, "ch"...)
		case phSh:
			dst = append(dst, "sh"...)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

func hasPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == p
}
