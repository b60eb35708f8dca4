package bundle

import (
	"crypto/rand"
	"strings"
)

// Generated bundle passphrases are pronounceable made-up words, so they can
// be read out on a call or copied by hand without a word list: five words
// of three consonant-vowel syllables, joined by dashes, such as
// "doketi-murava-sopile-gunaro-fisemu". Each syllable is one of 16×5 = 80,
// chosen uniformly with crypto/rand, so a passphrase carries
// 15 × log2(80) ≈ 94.8 bits: beyond any offline search, even before age's
// scrypt (2^18) slows each guess.
const (
	passphraseConsonants = "bdfghjklmnprstvz"
	passphraseVowels     = "aeiou"
	passphraseWords      = 5
	passphraseSyllables  = 3
)

// PassphraseBits is the entropy of NewPassphrase, rounded down.
const PassphraseBits = 94

// NewPassphrase returns a random passphrase for a bundle.
func NewPassphrase() (string, error) {
	n := len(passphraseConsonants) * len(passphraseVowels)
	var b strings.Builder
	buf := make([]byte, 64)
	pos := len(buf)
	next := func() (int, error) {
		for {
			if pos == len(buf) {
				if _, err := rand.Read(buf); err != nil {
					return 0, err
				}
				pos = 0
			}
			x := int(buf[pos])
			pos++
			// Rejection sampling keeps the choice uniform: 240 = 3×80.
			if x < 256/n*n {
				return x % n, nil
			}
		}
	}
	for w := range passphraseWords {
		if w > 0 {
			b.WriteByte('-')
		}
		for range passphraseSyllables {
			s, err := next()
			if err != nil {
				return "", err
			}
			b.WriteByte(passphraseConsonants[s/len(passphraseVowels)])
			b.WriteByte(passphraseVowels[s%len(passphraseVowels)])
		}
	}
	return b.String(), nil
}
