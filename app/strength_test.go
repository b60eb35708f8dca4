package app

import "testing"

func TestCheckPassphrase(t *testing.T) {
	tests := []struct {
		in   string
		want weakness
	}{
		{"", weakEmpty},
		{"   ", weakEmpty},
		{"Kx7#pQ2", weakShort},
		{"password1234", weakCommon},
		{"P@ssw0rd2024!", weakCommon},
		{"qwerty123456", weakCommon},
		{"йцукенгшщзхъ", weakCommon},
		{"Пароль123456", weakCommon},
		{"aaaaaaaaaaaaaaaa", weakRepeated},
		{"abababababababab", weakRepeated},
		{"Zz!Zz!Zz!Zz!Zz!", weakRepeated},
		{"abcdefghijkl9", weakSequence},
		{"9876543210xyz", weakSequence},
		{"mishkakotyon", weakPredictable},
		{"correct horse battery staple", weakCommon},
		{"violet harbour cinnamon ladder", weakNone},
		{"рыжий кот спит на крыше", weakNone},
		{"Tq8#vLm2!rWx9z", weakNone},
		{"маяк-7-сосна-облако", weakNone},
	}
	for _, tt := range tests {
		got := checkPassphrase(tt.in)
		if got.Reason != tt.want {
			t.Errorf("checkPassphrase(%q).Reason = %v (bits %.0f), want %v", tt.in, got.Reason, got.Bits, tt.want)
		}
		if got.OK() != (tt.want == weakNone) {
			t.Errorf("checkPassphrase(%q).OK() = %v", tt.in, got.OK())
		}
		if !got.OK() && got.Score > 1 {
			t.Errorf("checkPassphrase(%q).Score = %d for a rejected passphrase, want ≤ 1", tt.in, got.Score)
		}
		if got.Message() == "" {
			t.Errorf("checkPassphrase(%q).Message() is empty", tt.in)
		}
	}
}

func TestCheckPassphraseScoreGrows(t *testing.T) {
	a := checkPassphrase("river stone lamp")
	b := checkPassphrase("river stone lamp window orchard")
	if !(b.Bits > a.Bits) || b.Score < a.Score {
		t.Errorf("more words: bits %.0f -> %.0f, score %d -> %d; want growth", a.Bits, b.Bits, a.Score, b.Score)
	}
}

func TestCommonPasswordsLoaded(t *testing.T) {
	if n := len(commonPasswords); n < 300 {
		t.Fatalf("embedded common-password list has %d entries, want a few hundred", n)
	}
	for i := 1; i < len(commonPasswords); i++ {
		if len([]rune(commonPasswords[i])) > len([]rune(commonPasswords[i-1])) {
			t.Fatalf("list not sorted longest first at %d: %q after %q", i, commonPasswords[i], commonPasswords[i-1])
		}
	}
}
