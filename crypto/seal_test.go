package crypto_test

import (
	"bytes"
	"errors"
	"testing"

	"kintrace/crypto"
)

func mustKey(t testing.TB) crypto.Key {
	t.Helper()
	k, err := crypto.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSealOpenRoundTrip(t *testing.T) {
	key := mustKey(t)
	ad := crypto.RecordAD([]byte("vault-0001"), "case", "rec1", "overview", 1)
	for _, n := range []int{0, 1, 251, 252, 253, 255, 256, 1000, 70000} {
		pt := bytes.Repeat([]byte{0xA5}, n)
		sealed, err := crypto.Seal(key, pt, ad)
		if err != nil {
			t.Fatalf("Seal(%d bytes): %v", n, err)
		}
		got, err := crypto.Open(key, sealed, ad)
		if err != nil {
			t.Fatalf("Open(%d bytes): %v", n, err)
		}
		if !bytes.Equal(got, pt) {
			t.Errorf("Open(Seal(%d bytes)) returned different plaintext", n)
		}
	}
}

func TestSealPaddingHidesLength(t *testing.T) {
	key := mustKey(t)
	// Overhead: 1 version byte + 24 nonce + 16 tag; padded body is
	// (4 + n) rounded up to 256.
	tests := []struct{ n, want int }{
		{0, 41 + 256},
		{1, 41 + 256},
		{251, 41 + 256},
		{252, 41 + 256},
		{253, 41 + 512},
		{1000, 41 + 1024},
		{1020, 41 + 1024},
		{1021, 41 + 1280},
	}
	for _, tt := range tests {
		sealed, err := crypto.Seal(key, make([]byte, tt.n), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(sealed) != tt.want {
			t.Errorf("len(Seal(%d bytes)) = %d, want %d", tt.n, len(sealed), tt.want)
		}
		if got := crypto.SealedSize(tt.n); got != tt.want {
			t.Errorf("SealedSize(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
}

func TestSealFreshNonce(t *testing.T) {
	key := mustKey(t)
	a, _ := crypto.Seal(key, []byte("same"), nil)
	b, _ := crypto.Seal(key, []byte("same"), nil)
	if bytes.Equal(a[1:25], b[1:25]) || bytes.Equal(a, b) {
		t.Fatal("two seals of the same plaintext share a nonce")
	}
}

func TestOpenEveryFlippedByteFails(t *testing.T) {
	key := mustKey(t)
	ad := []byte("ad")
	sealed, err := crypto.Seal(key, []byte("Ivan Petrov, last call 2022-07-10"), ad)
	if err != nil {
		t.Fatal(err)
	}
	for i := range sealed {
		for _, bit := range []byte{0x01, 0x80} {
			mut := bytes.Clone(sealed)
			mut[i] ^= bit
			_, err := crypto.Open(key, mut, ad)
			if err == nil {
				t.Fatalf("Open succeeded with byte %d flipped by %#x", i, bit)
			}
			want := crypto.ErrCorrupt
			if i == 0 {
				want = crypto.ErrUnsupported
			}
			if !errors.Is(err, want) {
				t.Fatalf("byte %d flipped: err = %v, want %v", i, err, want)
			}
		}
	}
}

func TestOpenWrongADFails(t *testing.T) {
	key := mustKey(t)
	vault := []byte("vault-A")
	orig := crypto.RecordAD(vault, "case", "r1", "details", 3)
	sealed, err := crypto.Seal(key, []byte("details"), orig)
	if err != nil {
		t.Fatal(err)
	}
	others := map[string][]byte{
		"other vault":   crypto.RecordAD([]byte("vault-B"), "case", "r1", "details", 3),
		"other kind":    crypto.RecordAD(vault, "contact", "r1", "details", 3),
		"other record":  crypto.RecordAD(vault, "case", "r2", "details", 3),
		"other field":   crypto.RecordAD(vault, "case", "r1", "overview", 3),
		"older version": crypto.RecordAD(vault, "case", "r1", "details", 2),
		"newer version": crypto.RecordAD(vault, "case", "r1", "details", 4),
		"no ad":         nil,
	}
	for name, ad := range others {
		if _, err := crypto.Open(key, sealed, ad); !errors.Is(err, crypto.ErrCorrupt) {
			t.Errorf("%s: Open err = %v, want ErrCorrupt", name, err)
		}
	}
	if _, err := crypto.Open(mustKey(t), sealed, orig); !errors.Is(err, crypto.ErrCorrupt) {
		t.Errorf("wrong key: Open err = %v, want ErrCorrupt", err)
	}
}

func TestRecordADIsUnambiguous(t *testing.T) {
	// Length prefixes keep field boundaries: moving bytes between fields
	// must change the AD.
	a := crypto.RecordAD([]byte("v"), "ab", "c", "f", 1)
	b := crypto.RecordAD([]byte("v"), "a", "bc", "f", 1)
	if bytes.Equal(a, b) {
		t.Fatal("RecordAD is ambiguous across field boundaries")
	}
	want := []byte("kintrace/record/v1\x00\x01v\x00\x02ab\x00\x01c\x00\x01f\x00\x00\x00\x00\x00\x00\x00\x01")
	if !bytes.Equal(a, want) {
		t.Errorf("RecordAD = %q, want %q", a, want)
	}
}

func TestOpenMalformed(t *testing.T) {
	key := mustKey(t)
	good, err := crypto.Seal(key, []byte("x"), nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		sealed []byte
		want   error
	}{
		{"nil", nil, crypto.ErrCorrupt},
		{"empty", []byte{}, crypto.ErrCorrupt},
		{"version only", []byte{1}, crypto.ErrCorrupt},
		{"header only", good[:25], crypto.ErrCorrupt},
		{"one byte short", good[:len(good)-1], crypto.ErrCorrupt},
		{"one byte long", append(bytes.Clone(good), 0), crypto.ErrCorrupt},
		{"tag missing", good[:len(good)-16], crypto.ErrCorrupt},
		{"version 0", append([]byte{0}, good[1:]...), crypto.ErrUnsupported},
		{"version 2", append([]byte{2}, good[1:]...), crypto.ErrUnsupported},
		{"version 2 short", []byte{2}, crypto.ErrUnsupported},
	}
	for _, tt := range tests {
		if _, err := crypto.Open(key, tt.sealed, nil); !errors.Is(err, tt.want) {
			t.Errorf("%s: Open err = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestBadKeySize(t *testing.T) {
	for _, k := range []crypto.Key{nil, make(crypto.Key, 16), make(crypto.Key, 33)} {
		if _, err := crypto.Seal(k, []byte("x"), nil); err == nil {
			t.Errorf("Seal with %d-byte key succeeded", len(k))
		}
		if _, err := crypto.Open(k, make([]byte, 297), nil); err == nil {
			t.Errorf("Open with %d-byte key succeeded", len(k))
		}
	}
}

func TestErrorsCarryNoPlaintext(t *testing.T) {
	key := mustKey(t)
	secret := []byte("Olena Kovalenko +380501234567")
	sealed, _ := crypto.Seal(key, secret, nil)
	sealed[40] ^= 1
	_, err := crypto.Open(key, sealed, nil)
	if err == nil || bytes.Contains([]byte(err.Error()), []byte("Olena")) {
		t.Fatalf("err = %v", err)
	}
}

// TestSealToReusesMemory: SealTo writes into dst's memory when it is large
// enough, and a blob sealed over an older, longer one opens to its own
// plaintext (the padding is zeros again, not the older blob's bytes).
func TestSealToReusesMemory(t *testing.T) {
	key := mustKey(t)
	ad := []byte("ad")
	long, err := crypto.SealTo(nil, key, bytes.Repeat([]byte{0xFF}, 900), ad)
	if err != nil {
		t.Fatal(err)
	}
	short := []byte("short")
	sealed, err := crypto.SealTo(long, key, short, ad)
	if err != nil {
		t.Fatal(err)
	}
	if &sealed[0] != &long[0] {
		t.Error("SealTo did not reuse dst's memory")
	}
	got, err := crypto.Open(key, sealed, ad)
	if err != nil || !bytes.Equal(got, short) {
		t.Fatalf("Open: %q, %v", got, err)
	}
	small := make([]byte, 0, 8)
	if sealed, err = crypto.SealTo(small, key, short, ad); err != nil || cap(sealed) == 8 {
		t.Fatalf("a dst too small was used (cap %d): %v", cap(sealed), err)
	}
}
