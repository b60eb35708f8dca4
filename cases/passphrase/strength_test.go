package passphrase

import "testing"

func TestCheckPassphrase(t *testing.T) {
	tests := []struct {
		in   string
		want Weakness
	}{
		{"", Empty},
		{"   ", Empty},
		{"Kx7#pQ2", Short},
		{"password1234", Common},
		{"P@ssw0rd2024!", Common},
		{"qwerty123456", Common},
		{"йцукенгшщзхъ", Common},
		{"Пароль123456", Common},
		{"aaaaaaaaaaaaaaaa", Repeated},
		{"abababababababab", Repeated},
		{"Zz!Zz!Zz!Zz!Zz!", Repeated},
		{"abcdefghijkl9", Sequence},
		{"9876543210xyz", Sequence},
		{"mishkakotyon", Predictable},
		{"correct horse battery staple", Common},
		{"violet harbour cinnamon ladder", None},
		{"рыжий кот спит на крыше", None},
		{"Tq8#vLm2!rWx9z", None},
		{"маяк-7-сосна-облако", None},
	}
	for _, tt := range tests {
		got := Check(tt.in)
		if got.Reason != tt.want {
			t.Errorf("Check(%q).Reason = %v (bits %.0f), want %v", tt.in, got.Reason, got.Bits, tt.want)
		}
		if got.OK() != (tt.want == None) {
			t.Errorf("Check(%q).OK() = %v", tt.in, got.OK())
		}
		if !got.OK() && got.Score > 1 {
			t.Errorf("Check(%q).Score = %d for a rejected passphrase, want ≤ 1", tt.in, got.Score)
		}
	}
}

func TestCheckPassphraseScoreGrows(t *testing.T) {
	a := Check("river stone lamp")
	b := Check("river stone lamp window orchard")
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
