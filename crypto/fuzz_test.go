package crypto_test

import (
	"bytes"
	"errors"
	"testing"

	"kintrace/crypto"
)

var fuzzKey = crypto.Key(bytes.Repeat([]byte{7}, crypto.KeySize))

// FuzzOpen checks that Open never panics, fails only with ErrCorrupt or
// ErrUnsupported, and never accepts a blob other than the one sealed.
func FuzzOpen(f *testing.F) {
	ad := []byte("fuzz ad")
	// A fixed nonce: fuzzing workers are separate processes and must all
	// agree on which blob is the genuine one.
	sealed, err := crypto.SealWithNonce(fuzzKey, make([]byte, 24), []byte("some case details"), ad)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sealed)
	f.Add(sealed[:len(sealed)-1])
	f.Add([]byte{})
	f.Add([]byte{1})
	f.Add([]byte{2, 0, 0})
	f.Add(make([]byte, 297))
	f.Fuzz(func(t *testing.T, data []byte) {
		pt, err := crypto.Open(fuzzKey, data, ad)
		if bytes.Equal(data, sealed) {
			if err != nil || string(pt) != "some case details" {
				t.Fatalf("the genuine blob did not open: %v", err)
			}
			return
		}
		if err == nil {
			t.Fatalf("Open accepted a mutated blob of %d bytes", len(data))
		}
		if !errors.Is(err, crypto.ErrCorrupt) && !errors.Is(err, crypto.ErrUnsupported) {
			t.Fatalf("Open err = %v, want ErrCorrupt or ErrUnsupported", err)
		}
	})
}

// FuzzParseSlot checks that ParseSlot never panics, fails only with
// ErrCorrupt or ErrUnsupported, and that what it accepts re-marshals to a
// slot that parses to the same thing. Accepted slots are also unlocked with
// the fuzzed passphrase under the test hook's cheap parameters, which must
// fail, since only the seed slot wraps anything real.
func FuzzParseSlot(f *testing.F) {
	f.Cleanup(crypto.UseInsecureKDFForTests())
	vault := []byte("fuzz-vault")
	master := crypto.Key(bytes.Repeat([]byte{9}, crypto.KeySize))
	p := crypto.KDFParams{Time: 1, MemoryKiB: 8, Threads: 1}
	ps, err := crypto.NewPassphraseSlot(vault, "pass", []byte("pw"), master, p)
	if err != nil {
		f.Fatal(err)
	}
	rs, _, err := crypto.NewRecoverySlot(vault, "rec", master)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(ps.Marshal())
	f.Add(rs.Marshal())
	f.Add([]byte(`{"id":"a","kind":"passphrase","kdf":{"t":4294967295,"m":4294967295,"p":255},"salt":"","wrapped":""}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := crypto.ParseSlot(data)
		if err != nil {
			if !errors.Is(err, crypto.ErrCorrupt) && !errors.Is(err, crypto.ErrUnsupported) {
				t.Fatalf("ParseSlot err = %v", err)
			}
			return
		}
		again, err := crypto.ParseSlot(s.Marshal())
		if err != nil {
			t.Fatalf("re-parse of an accepted slot failed: %v", err)
		}
		if !bytes.Equal(again.Marshal(), s.Marshal()) {
			t.Fatal("Marshal is not stable")
		}
		// Keep fuzzing fast: only unlock slots with cheap parameters.
		if s.KDF != nil && uint64(s.KDF.Time)*uint64(s.KDF.MemoryKiB) > 1<<12 {
			return
		}
		if k, err := s.Unlock(vault, []byte("wrong")); err == nil {
			t.Fatalf("slot unlocked with a wrong secret to %x", k)
		}
	})
}

// FuzzOpenChunk checks that OpenChunk never panics and accepts only the
// genuine chunk at its genuine position.
func FuzzOpenChunk(f *testing.F) {
	prefix := bytes.Repeat([]byte{3}, crypto.StreamPrefixSize)
	ad := []byte("att")
	sealed, err := crypto.SealChunk(fuzzKey, prefix, 1, true, []byte("tail of an attachment"), ad)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sealed, uint64(1), true)
	f.Add(sealed, uint64(1), false)
	f.Add(sealed, uint64(0), true)
	f.Add([]byte{}, uint64(0), true)
	f.Add(make([]byte, crypto.ChunkSize+16), uint64(0), false)
	f.Fuzz(func(t *testing.T, data []byte, index uint64, last bool) {
		pt, err := crypto.OpenChunk(fuzzKey, prefix, index, last, data, ad)
		if bytes.Equal(data, sealed) && index == 1 && last {
			if err != nil || string(pt) != "tail of an attachment" {
				t.Fatalf("the genuine chunk did not open: %v", err)
			}
			return
		}
		if err == nil {
			t.Fatalf("OpenChunk accepted a forged chunk (index %d, last %v, %d bytes)", index, last, len(data))
		}
		if !errors.Is(err, crypto.ErrCorrupt) {
			t.Fatalf("OpenChunk err = %v, want ErrCorrupt", err)
		}
	})
}
