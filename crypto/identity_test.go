package crypto_test

import (
	"errors"
	"strings"
	"testing"

	"filippo.io/age"

	"kintrace/crypto"
)

func TestIdentityRoundTrip(t *testing.T) {
	id, err := crypto.NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	back, err := crypto.ParseIdentity(id.Marshal())
	if err != nil {
		t.Fatal(err)
	}
	if !back.Public().Equal(id.Public()) {
		t.Fatal("parsed identity has another public key")
	}
	msg := []byte("hello")
	if !id.Public().Verify(msg, back.Sign(msg)) {
		t.Fatal("signature by the parsed identity does not verify")
	}
	for _, bad := range []string{``, `{}`, `{"age":"x","ed25519":"AAAA"}`, `{"age":"` + id.AgeIdentity().String() + `","ed25519":"AAAA"}`,
		`{"age":"` + id.AgeIdentity().String() + `","ed25519":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","x":1}`} {
		if _, err := crypto.ParseIdentity([]byte(bad)); !errors.Is(err, crypto.ErrCorrupt) {
			t.Errorf("ParseIdentity(%q) = %v, want ErrCorrupt", bad, err)
		}
	}
}

func TestPublicKeyText(t *testing.T) {
	id, _ := crypto.NewIdentity()
	pub := id.Public()
	s := pub.String()
	if !strings.HasPrefix(s, "age1") || !strings.Contains(s, " kts1") {
		t.Fatalf("String() = %q, want \"age1… kts1…\"", s)
	}
	if _, err := age.ParseX25519Recipient(strings.Fields(s)[0]); err != nil {
		t.Fatalf("the age half is not an age recipient: %v", err)
	}
	halves := strings.Fields(s)
	for _, text := range []string{s, halves[1] + "\n" + halves[0], "  " + strings.ToUpper(halves[0]) + "\t" + halves[1] + "\n"} {
		got, err := crypto.ParsePublicKey(text)
		if err != nil || !got.Equal(pub) {
			t.Errorf("ParsePublicKey(%q) = %v, %v", text, got, err)
		}
	}
	typo := []byte(halves[1])
	typo[10] ^= 1
	for _, bad := range []string{"", halves[0], halves[1], halves[0] + " " + halves[0], halves[0] + " " + string(typo),
		halves[0] + " " + halves[1][:len(halves[1])-1], s + " extra"} {
		if _, err := crypto.ParsePublicKey(bad); !errors.Is(err, crypto.ErrBadKey) {
			t.Errorf("ParsePublicKey(%q) = %v, want ErrBadKey", bad, err)
		}
	}
}

func TestFingerprint(t *testing.T) {
	a, _ := crypto.NewIdentity()
	b, _ := crypto.NewIdentity()
	fa := a.Public().Fingerprint()
	if len(fa) != 29 || strings.Count(fa, " ") != 5 {
		t.Fatalf("fingerprint %q: want six groups of four", fa)
	}
	if fa == b.Public().Fingerprint() {
		t.Fatal("two identities share a fingerprint")
	}
	// Swapping one half changes the fingerprint: it covers both keys.
	mixed := crypto.PublicKey{Age: a.Public().Age, Sign: b.Public().Sign}
	if mixed.Fingerprint() == fa {
		t.Fatal("fingerprint ignores the signing key")
	}
	typed := strings.ToLower(strings.ReplaceAll(fa, " ", "-"))
	typed = strings.ReplaceAll(typed, "0", "o")
	if got := crypto.NormalizeFingerprint(typed); got != fa {
		t.Errorf("NormalizeFingerprint(%q) = %q, want %q", typed, got, fa)
	}
	for _, bad := range []string{"", fa[:20], fa + "A", "UUUU UUUU UUUU UUUU UUUU UUUU"} {
		if got := crypto.NormalizeFingerprint(bad); got != "" {
			t.Errorf("NormalizeFingerprint(%q) = %q, want \"\"", bad, got)
		}
	}
}
