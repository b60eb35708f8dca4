package crypto_test

import (
	"bytes"
	"testing"

	"kintrace/crypto"
)

func TestNewKey(t *testing.T) {
	a, b := mustKey(t), mustKey(t)
	if len(a) != crypto.KeySize {
		t.Fatalf("len(NewKey()) = %d, want %d", len(a), crypto.KeySize)
	}
	if bytes.Equal(a, b) {
		t.Fatal("two NewKey calls returned the same key")
	}
}

func TestWipe(t *testing.T) {
	k := mustKey(t)
	alias := k[:]
	k.Wipe()
	if !bytes.Equal(alias, make([]byte, crypto.KeySize)) {
		t.Fatalf("Wipe left %x", alias)
	}
	b := []byte("passphrase")
	crypto.Wipe(b)
	if !bytes.Equal(b, make([]byte, len(b))) {
		t.Fatalf("Wipe left %q", b)
	}
	crypto.Wipe(nil)
	crypto.Key(nil).Wipe()
}

func TestDeriveSeparatesPurposes(t *testing.T) {
	master := mustKey(t)
	seen := map[string]string{}
	for _, p := range []string{crypto.PurposeRecords, crypto.PurposeAttachments, crypto.PurposeHead, crypto.PurposeIdentity} {
		k := crypto.Derive(master, p)
		if len(k) != crypto.KeySize {
			t.Fatalf("Derive(%q) has %d bytes", p, len(k))
		}
		if bytes.Equal(k, master) {
			t.Fatalf("Derive(%q) returned the master key", p)
		}
		if other, dup := seen[string(k)]; dup {
			t.Fatalf("Derive(%q) == Derive(%q)", p, other)
		}
		seen[string(k)] = p
		if !bytes.Equal(k, crypto.Derive(master, p)) {
			t.Fatalf("Derive(%q) is not deterministic", p)
		}
	}
}

func TestDerivePanicsOnBadKey(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("Derive with a 16-byte key did not panic")
		}
	}()
	crypto.Derive(make(crypto.Key, 16), crypto.PurposeRecords)
}
