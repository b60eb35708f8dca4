package crypto_test

import (
	"testing"
	"time"

	"kintrace/crypto"
)

var floor = crypto.KDFParams{Time: 3, MemoryKiB: 64 << 10, Threads: 4}

func TestScaleKDF(t *testing.T) {
	tests := []struct {
		name         string
		took, target time.Duration
		want         crypto.KDFParams
	}{
		{"slow machine stays at floor", 900 * time.Millisecond, 500 * time.Millisecond, floor},
		{"exactly on target", 500 * time.Millisecond, 500 * time.Millisecond, floor},
		{"twice as fast: memory doubles", 250 * time.Millisecond, 500 * time.Millisecond,
			crypto.KDFParams{Time: 3, MemoryKiB: 128 << 10, Threads: 4}},
		{"fast machine: memory capped at 256 MiB, then passes", 70 * time.Millisecond, 700 * time.Millisecond,
			crypto.KDFParams{Time: 7, MemoryKiB: 256 << 10, Threads: 4}},
		{"very fast machine: passes capped", time.Millisecond, 10 * time.Second,
			crypto.KDFParams{Time: 16, MemoryKiB: 256 << 10, Threads: 4}},
		{"zero duration", 0, time.Second,
			crypto.KDFParams{Time: 16, MemoryKiB: 256 << 10, Threads: 4}},
	}
	for _, tt := range tests {
		got := crypto.ScaleKDF(floor, tt.took, tt.target)
		if got != tt.want {
			t.Errorf("%s: ScaleKDF = %+v, want %+v", tt.name, got, tt.want)
		}
		if err := got.Check(); err != nil {
			t.Errorf("%s: %+v fails Check: %v", tt.name, got, err)
		}
		if got.MemoryKiB%1024 != 0 {
			t.Errorf("%s: memory %d KiB is not whole MiB", tt.name, got.MemoryKiB)
		}
	}
}

func TestCalibrateKDFNeverBelowFloor(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Argon2id at 64 MiB")
	}
	// A tiny target keeps this to one floor run.
	got := crypto.CalibrateKDF(time.Millisecond)
	if got != floor {
		t.Fatalf("CalibrateKDF(1ms) = %+v, want the floor %+v", got, floor)
	}
}

func TestUseInsecureKDFForTests(t *testing.T) {
	restore := crypto.UseInsecureKDFForTests()
	got := crypto.CalibrateKDF(time.Second)
	restore()
	if want := (crypto.KDFParams{Time: 1, MemoryKiB: 8, Threads: 1}); got != want {
		t.Fatalf("CalibrateKDF under the test hook = %+v, want %+v", got, want)
	}
	// After restore, weak parameters are refused again.
	if _, err := crypto.NewPassphraseSlot(testVault, "p", []byte("pw"), mustKey(t), got); err == nil {
		t.Fatal("weak parameters accepted after restore")
	}
}
