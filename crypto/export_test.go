package crypto

// Test-only seams, compiled only into this package's tests.

// SealWithNonce is Seal with a chosen nonce, for known-answer vectors.
func SealWithNonce(key Key, nonce, plaintext, ad []byte) ([]byte, error) {
	return seal(key, nonce, plaintext, ad)
}

// NewRecoverySlotFromSecret is NewRecoverySlot with a chosen 32-byte secret.
func NewRecoverySlotFromSecret(vaultID []byte, id string, master Key, secret []byte) (Slot, string, error) {
	s, err := newRecoverySlot(vaultID, id, master, secret)
	if err != nil {
		return Slot{}, "", err
	}
	return s, formatRecoveryKey(secret), nil
}

// ScaleKDF exposes the calibration arithmetic.
var ScaleKDF = scaleKDF

// CRC20 exposes the recovery key checksum.
var CRC20 = crc20

// SlotAD exposes a slot's associated data.
func (s Slot) AD(vaultID []byte) []byte { return s.ad(vaultID) }
