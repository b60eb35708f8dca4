package crypto

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"runtime"
)

// KeySize is the size in bytes of every symmetric key in Kintrace.
const KeySize = 32

// Key is a 32-byte secret key. It is a slice so that [Key.Wipe] can zero it
// in place; copy it only when necessary and wipe every copy.
type Key []byte

// Purposes for [Derive]. Each subkey is used for exactly one purpose, so a
// ciphertext made with one subkey can never be opened as another kind.
const (
	PurposeRecords     = "records"
	PurposeAttachments = "attachments"
	PurposeHead        = "integrity-head"
	PurposeIdentity    = "identity"
)

// deriveInfoPrefix is the HKDF info prefix; the purpose string follows it.
const deriveInfoPrefix = "kintrace/v1/"

// NewKey returns KeySize bytes from the operating system's secure random
// source.
func NewKey() (Key, error) {
	k := make(Key, KeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, err
	}
	return k, nil
}

// Wipe zeroes the key in place. Wiping a nil key does nothing.
func (k Key) Wipe() { Wipe(k) }

// Wipe zeroes b in place. It is meant for keys, passphrases and decrypted
// plaintext that should not linger in memory longer than needed.
func Wipe(b []byte) {
	clear(b)
	// Keep the store from being treated as dead before b goes out of scope.
	runtime.KeepAlive(b)
}

// Derive returns the subkey of master for purpose:
//
//	HKDF-SHA256(IKM = master, salt = empty, info = "kintrace/v1/" ‖ purpose, L = 32)
//
// The master key is already uniformly random, so no salt is needed (RFC 5869,
// section 3.1). Derive panics if master is not KeySize bytes long: that is a
// programming error, not a property of outside data.
func Derive(master Key, purpose string) Key {
	if len(master) != KeySize {
		panic("crypto: Derive called with a key that is not 32 bytes")
	}
	k, err := hkdf.Key(sha256.New, master, nil, deriveInfoPrefix+purpose, KeySize)
	if err != nil {
		// hkdf.Key fails only for output lengths above 255*32 bytes.
		panic("crypto: HKDF failed: " + err.Error())
	}
	return k
}
