package passphrase

import (
	_ "embed"
	"errors"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MinRunes and MinBits are the floor a new passphrase must reach. The
// vault's Argon2id slows each guess to about half a second, but a seized
// laptop gives an attacker unlimited offline time, so the passphrase itself
// has to carry the strength.
const (
	MinRunes = 12
	MinBits  = 60
)

// Weakness says why a passphrase is rejected; None means it is accepted.
type Weakness int

const (
	None Weakness = iota
	Empty
	Short
	Common
	Repeated
	Sequence
	Predictable
)

// Strength is the verdict on a new passphrase.
type Strength struct {
	Bits   float64  // estimated entropy after discounting patterns
	Score  int      // 0 (worst) to 4 (best), for the meter
	Reason Weakness // None when acceptable
}

// OK reports whether the passphrase may be used.
func (s Strength) OK() bool { return s.Reason == None }

// ErrWeak is wrapped by every WeakError: a new passphrase is refused.
var ErrWeak = errors.New("passphrase: too weak")

// WeakError says why a new passphrase is refused; it never holds the
// passphrase.
type WeakError struct {
	Reason Weakness
}

func (e *WeakError) Error() string {
	return [...]string{"acceptable", "empty", "too short", "built on a common password",
		"too many repeated characters", "a keyboard or alphabet sequence", "too predictable"}[e.Reason] +
		": " + ErrWeak.Error()
}

// Unwrap returns ErrWeak.
func (e *WeakError) Unwrap() error { return ErrWeak }

// Err is nil when the passphrase may be used, else a *WeakError.
func (s Strength) Err() error {
	if s.OK() {
		return nil
	}
	return &WeakError{Reason: s.Reason}
}

// Accept checks a new passphrase, given as bytes as the vault takes it, and
// returns nil or a *WeakError. Every front end calls it before it creates a
// vault or changes a passphrase, so the GUI and the CLI apply one rule.
func Accept(p []byte) error { return Check(string(p)).Err() }

//go:embed commonpasswords.txt
var commonPasswordsText string

// commonPasswords holds the embedded list, longest first so that the longest
// match is removed before its parts.
var commonPasswords = parseCommonPasswords(commonPasswordsText)

func parseCommonPasswords(text string) []string {
	var out []string
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	// Longest first: a stable insertion sort keeps this dependency-free and
	// the list is only a few hundred entries.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && utf8.RuneCountInString(out[j]) > utf8.RuneCountInString(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// sequences are runs people type without thinking; any four consecutive
// characters of one (forwards or backwards) count as a pattern.
var sequences = []string{
	"0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm",
	"1qaz2wsx3edc4rfv", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю",
}

// Check estimates how hard p is to guess. It rejects, with a
// reason, passphrases that are short, built on common passwords, repetitive
// or sequential, and otherwise scores the entropy of what is left after those
// patterns are discounted.
func Check(p string) Strength {
	runes := utf8.RuneCountInString(p)
	if strings.TrimSpace(p) == "" {
		return Strength{Reason: Empty}
	}
	bits := estimateBits(p)
	s := Strength{Bits: bits, Score: scoreOf(bits)}
	lower := strings.ToLower(p)
	switch {
	case runes < MinRunes:
		s.Reason = Short
	case isCommon(lower):
		s.Reason = Common
	case repeatedShare(lower) >= 0.5:
		s.Reason = Repeated
	case patternShare(lower) >= 0.6:
		s.Reason = Sequence
	case bits < MinBits:
		s.Reason = Predictable
	}
	if !s.OK() && s.Score > 1 {
		s.Score = 1
	}
	return s
}

func scoreOf(bits float64) int {
	switch {
	case bits < 40:
		return 0
	case bits < 50:
		return 1
	case bits < MinBits:
		return 2
	case bits < 80:
		return 3
	}
	return 4
}

// isCommon reports whether p, stripped of separators, digits and symbols at
// its ends and of simple letter substitutions, is a common password or
// nothing but common passwords glued together.
func isCommon(p string) bool {
	core := unleet(strings.Trim(p, " -_.!?0123456789@#$%^&*"))
	if core == "" {
		core = p
	}
	rest := strings.NewReplacer(" ", "", "-", "", "_", "", ".", "").Replace(core)
	for _, w := range commonPasswords {
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		rest = strings.ReplaceAll(rest, w, "")
		if rest == "" {
			return true
		}
	}
	return false
}

func unleet(s string) string {
	return strings.NewReplacer("@", "a", "4", "a", "3", "e", "1", "i", "0", "o", "$", "s", "5", "s", "7", "t").Replace(s)
}

// repeatedShare is the share of characters that repeat the one before them
// or belong to a tiny alphabet (at most three distinct characters).
func repeatedShare(p string) float64 {
	runes := []rune(p)
	distinct := map[rune]bool{}
	repeats := 0
	for i, r := range runes {
		distinct[r] = true
		if i > 0 && r == runes[i-1] {
			repeats++
		}
	}
	if len(distinct) <= 3 {
		return 1
	}
	return float64(repeats) / float64(len(runes))
}

// patternShare is the share of characters covered by patterns.
func patternShare(p string) float64 {
	mask := patternMask([]rune(p))
	n := 0
	for _, c := range mask {
		if c {
			n++
		}
	}
	return float64(n) / float64(len(mask))
}

// patternMask marks the characters of p (lower case) that belong to a
// keyboard or alphabet sequence of four or more, either way round, or to a
// common password.
func patternMask(runes []rune) []bool {
	covered := make([]bool, len(runes))
	for _, seq := range sequences {
		markRuns(runes, []rune(seq), covered)
		markRuns(runes, []rune(reverse(seq)), covered)
	}
	for _, w := range commonPasswords {
		wr := []rune(w)
		if len(wr) < 4 {
			continue
		}
		for i := 0; i+len(wr) <= len(runes); i++ {
			if string(runes[i:i+len(wr)]) == w {
				for k := i; k < i+len(wr); k++ {
					covered[k] = true
				}
			}
		}
	}
	return covered
}

// markRuns marks every run of four or more characters of p that appears in
// seq in order.
func markRuns(p, seq []rune, covered []bool) {
	pos := map[rune]int{}
	for i, r := range seq {
		pos[r] = i
	}
	start := 0
	for i := 1; i <= len(p); i++ {
		if i < len(p) {
			a, okA := pos[p[i-1]]
			b, okB := pos[p[i]]
			if okA && okB && b == a+1 {
				continue
			}
		}
		if i-start >= 4 {
			for k := start; k < i; k++ {
				covered[k] = true
			}
		}
		start = i
	}
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// estimateBits is length × log2(pool size), where the pool is the union of
// the character classes used and the length counts patterned characters (a
// repeat, a sequence, a common password) as a quarter each.
func estimateBits(p string) float64 {
	runes := []rune(strings.ToLower(p))
	covered := patternMask(runes)
	length := 0.0
	for i := range runes {
		switch {
		case covered[i]:
			length += 0.25
		case i > 0 && runes[i] == runes[i-1]:
			length += 0.25
		default:
			length++
		}
	}
	return length * math.Log2(float64(poolSize(p)))
}

func poolSize(p string) int {
	var lowerLatin, upperLatin, digit, space, symbol, lowerCyr, upperCyr, other bool
	for _, r := range p {
		switch {
		case r >= 'a' && r <= 'z':
			lowerLatin = true
		case r >= 'A' && r <= 'Z':
			upperLatin = true
		case r >= '0' && r <= '9':
			digit = true
		case r == ' ':
			space = true
		case unicode.Is(unicode.Cyrillic, r) && unicode.IsLower(r):
			lowerCyr = true
		case unicode.Is(unicode.Cyrillic, r):
			upperCyr = true
		case r < 128:
			symbol = true
		default:
			other = true
		}
	}
	pool := 0
	for _, c := range []struct {
		on bool
		n  int
	}{{lowerLatin, 26}, {upperLatin, 26}, {digit, 10}, {space, 1}, {symbol, 33}, {lowerCyr, 33}, {upperCyr, 33}, {other, 100}} {
		if c.on {
			pool += c.n
		}
	}
	return max(pool, 2)
}
