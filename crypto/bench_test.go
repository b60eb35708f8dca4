package crypto_test

import (
	"testing"

	"kintrace/crypto"
)

func benchmarkSeal(b *testing.B, n int) {
	key := mustKey(b)
	pt := make([]byte, n)
	ad := crypto.RecordAD([]byte("vault"), "case", "r1", "details", 1)
	b.SetBytes(int64(n))
	for b.Loop() {
		if _, err := crypto.Seal(key, pt, ad); err != nil {
			b.Fatal(err)
		}
	}
}

func benchmarkOpen(b *testing.B, n int) {
	key := mustKey(b)
	ad := crypto.RecordAD([]byte("vault"), "case", "r1", "details", 1)
	sealed, err := crypto.Seal(key, make([]byte, n), ad)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		if _, err := crypto.Open(key, sealed, ad); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSeal1KiB(b *testing.B)  { benchmarkSeal(b, 1<<10) }
func BenchmarkSeal64KiB(b *testing.B) { benchmarkSeal(b, 64<<10) }
func BenchmarkOpen1KiB(b *testing.B)  { benchmarkOpen(b, 1<<10) }
func BenchmarkOpen64KiB(b *testing.B) { benchmarkOpen(b, 64<<10) }

func BenchmarkSealChunk(b *testing.B) {
	key := mustKey(b)
	prefix, _ := crypto.NewStreamPrefix()
	pt := make([]byte, crypto.ChunkSize)
	b.SetBytes(crypto.ChunkSize)
	var i uint64
	for b.Loop() {
		if _, err := crypto.SealChunk(key, prefix, i, false, pt, nil); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkDerive(b *testing.B) {
	master := mustKey(b)
	for b.Loop() {
		crypto.Derive(master, crypto.PurposeRecords)
	}
}

// BenchmarkUnlockFloor is one passphrase unlock at the floor parameters
// (t=3, m=64 MiB, p=4): the least time an unlock takes, and the cost of one
// guess for an attacker with this machine.
func BenchmarkUnlockFloor(b *testing.B) {
	master := mustKey(b)
	s, err := crypto.NewPassphraseSlot([]byte("vault"), "pass", []byte("pw"), master, floor)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Unlock([]byte("vault"), []byte("pw")); err != nil {
			b.Fatal(err)
		}
	}
}
