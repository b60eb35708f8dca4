package crypto

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"
)

// KDFParams are the Argon2id cost parameters of a passphrase slot. They are
// stored in the slot and bound into its associated data.
type KDFParams struct {
	Time      uint32 `json:"t"` // passes over memory
	MemoryKiB uint32 `json:"m"` // memory in KiB
	Threads   uint8  `json:"p"` // lanes
}

// Caps on parameters read from a slot. A tampered slot could otherwise ask
// for gigabytes of memory or minutes of work (t=64, m=2 GiB froze unlock for
// minutes before failing); these are refused before Argon2 runs. Memory and
// passes are capped at the most CalibrateKDF ever chooses (calibMaxMemoryKiB,
// calibMaxTime), so every slot Kintrace wrote opens and nothing else costs
// more than the slowest of them.
const (
	maxKDFTime      = calibMaxTime
	maxKDFMemoryKiB = calibMaxMemoryKiB
	maxKDFThreads   = 16
)

// The floor: CalibrateKDF never returns less, and NewPassphraseSlot refuses
// less, unless UseInsecureKDFForTests is in effect.
const (
	floorKDFTime      = 3
	floorKDFMemoryKiB = 64 << 10 // 64 MiB
	floorKDFThreads   = 4
)

// Calibration bounds: memory grows first (it is what makes guessing on GPUs
// expensive), up to 256 MiB so that unlocking still works on small laptops;
// then passes grow, up to calibMaxTime.
const (
	calibMaxMemoryKiB = 256 << 10
	calibMaxTime      = 16
)

// Check returns an error wrapping ErrCorrupt unless 1 <= Time <= 16,
// 8*Threads <= MemoryKiB <= 256 MiB and 1 <= Threads <= 16. Unlock calls it
// before running Argon2, so tampered parameters cannot exhaust the machine.
func (p KDFParams) Check() error {
	switch {
	case p.Time < 1 || p.Time > maxKDFTime:
		return fmt.Errorf("crypto: KDF time %d out of range: %w", p.Time, ErrCorrupt)
	case p.Threads < 1 || p.Threads > maxKDFThreads:
		return fmt.Errorf("crypto: KDF threads %d out of range: %w", p.Threads, ErrCorrupt)
	case p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > maxKDFMemoryKiB:
		// Argon2 needs 8 KiB per lane; x/crypto would silently raise a
		// smaller value, which would make two encodings mean the same cost.
		return fmt.Errorf("crypto: KDF memory %d KiB out of range: %w", p.MemoryKiB, ErrCorrupt)
	}
	return nil
}

// belowFloor reports whether p is cheaper than the production floor.
func (p KDFParams) belowFloor() bool {
	return p.Time < floorKDFTime || p.MemoryKiB < floorKDFMemoryKiB
}

// key runs Argon2id. p must have passed Check.
func (p KDFParams) key(passphrase, salt []byte) Key {
	return argon2.IDKey(passphrase, salt, p.Time, p.MemoryKiB, p.Threads, KeySize)
}

// insecureKDF is set only by UseInsecureKDFForTests.
var insecureKDF atomic.Bool

// insecureKDFParams are what CalibrateKDF returns under the test hook.
var insecureKDFParams = KDFParams{Time: 1, MemoryKiB: 8, Threads: 1}

// UseInsecureKDFForTests makes CalibrateKDF return t=1 m=8 KiB p=1 and lets
// NewPassphraseSlot accept parameters below the floor, so that tests which
// create vaults run in milliseconds. It returns a function that restores the
// secure behaviour; call it with defer or t.Cleanup.
//
// It is for tests only and panics outside a test binary (testing.Testing),
// so a production build cannot weaken its passphrase slots by mistake. The
// setting is process-wide: tests that use it must not run in parallel with
// tests that need the real parameters.
func UseInsecureKDFForTests() (restore func()) {
	if !testing.Testing() {
		panic("crypto: UseInsecureKDFForTests called outside a test binary")
	}
	old := insecureKDF.Swap(true)
	return func() { insecureKDF.Store(old) }
}

// CalibrateKDF chooses Argon2id parameters that take about target on this
// machine, never below the floor t=3, m=64 MiB, p=4.
//
// It runs Argon2id once at the floor. If that is faster than target, it
// scales memory up (in whole MiB, to at most 256 MiB) and then passes (to at
// most 16), assuming cost grows linearly with t×m, which holds closely for
// Argon2. It takes the time of one floor run (70 to 90 ms on the development
// machines). Under UseInsecureKDFForTests it returns t=1 m=8 KiB p=1
// immediately.
func CalibrateKDF(target time.Duration) KDFParams {
	if insecureKDF.Load() {
		return insecureKDFParams
	}
	floor := KDFParams{Time: floorKDFTime, MemoryKiB: floorKDFMemoryKiB, Threads: floorKDFThreads}
	salt := make([]byte, saltSize)
	start := time.Now()
	Wipe(floor.key([]byte("kintrace calibration"), salt))
	return scaleKDF(floor, time.Since(start), target)
}

// scaleKDF extrapolates from one measured run of base to parameters that
// take about target. It never returns less than base.
func scaleKDF(base KDFParams, took, target time.Duration) KDFParams {
	if took <= 0 {
		took = time.Nanosecond
	}
	if took >= target {
		return base
	}
	// ratio = how many times more work fits into target.
	ratio := float64(target) / float64(took)
	p := base
	mem := float64(base.MemoryKiB) * ratio
	if mem > calibMaxMemoryKiB {
		mem = calibMaxMemoryKiB
	}
	p.MemoryKiB = max(base.MemoryKiB, uint32(mem)/1024*1024)
	// Whatever ratio memory could not absorb goes into passes.
	rest := ratio * float64(base.MemoryKiB) / float64(p.MemoryKiB)
	t := float64(base.Time) * rest
	if t > calibMaxTime {
		t = calibMaxTime
	}
	p.Time = max(base.Time, uint32(t))
	return p
}

// ScryptWorkFactor is the scrypt cost (log2 of N) for age files sealed to a
// passphrase: age's own default, about a second; 2^10 under
// UseInsecureKDFForTests.
func ScryptWorkFactor() int {
	if insecureKDF.Load() {
		return 10
	}
	return 18
}
