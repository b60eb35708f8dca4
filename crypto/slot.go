package crypto

import (
	"bytes"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Slot kinds.
const (
	KindPassphrase = "passphrase"
	KindRecovery   = "recovery"
)

const (
	saltSize = 16
	// wrappedSize is the length of a sealed 32-byte master key.
	wrappedSize     = sealOverhead + padBlock
	maxSlotID       = 64
	slotADTag       = "kintrace/slot/v1"
	recoveryKDFInfo = "kintrace/v1/recovery-slot"
)

// A Slot wraps the vault's master key under a key-encryption key (KEK)
// derived from a passphrase or a recovery key, as restic's key files do.
// A vault has one slot of each kind; changing the passphrase rewrites only
// the passphrase slot.
//
// Wrapped is Seal(KEK, master, slotAD), where slotAD binds the vault id, the
// slot id, the kind, the KDF parameters and the salt, so that none of them
// can be changed or the slot copied to another vault without Unlock failing.
type Slot struct {
	ID      string     `json:"id"`
	Kind    string     `json:"kind"` // KindPassphrase or KindRecovery
	KDF     *KDFParams `json:"kdf,omitempty"`
	Salt    []byte     `json:"salt"`
	Wrapped []byte     `json:"wrapped"`
}

// NewPassphraseSlot wraps master under Argon2id(passphrase, fresh salt, p).
//
// The passphrase is normalised to Unicode NFC first, so the same words typed
// on systems that compose letters such as "й" differently unlock the same
// slot. Parameters below the floor (t=3, m=64 MiB) are refused unless
// UseInsecureKDFForTests is in effect.
func NewPassphraseSlot(vaultID []byte, id string, passphrase []byte, master Key, p KDFParams) (Slot, error) {
	if err := checkSlotInputs(vaultID, id, master); err != nil {
		return Slot{}, err
	}
	if err := p.Check(); err != nil {
		return Slot{}, fmt.Errorf("crypto: new passphrase slot: invalid KDF parameters (t=%d m=%d p=%d)", p.Time, p.MemoryKiB, p.Threads)
	}
	if p.belowFloor() && !insecureKDF.Load() {
		return Slot{}, fmt.Errorf("crypto: new passphrase slot: KDF parameters below the minimum t=%d m=%d KiB", floorKDFTime, floorKDFMemoryKiB)
	}
	if len(passphrase) == 0 {
		return Slot{}, errors.New("crypto: new passphrase slot: empty passphrase")
	}
	s := Slot{ID: id, Kind: KindPassphrase, KDF: &p, Salt: make([]byte, saltSize)}
	if _, err := rand.Read(s.Salt); err != nil {
		return Slot{}, fmt.Errorf("crypto: new passphrase slot: %w", err)
	}
	kek := passphraseKEK(passphrase, s.Salt, p)
	defer kek.Wipe()
	return s.wrap(vaultID, kek, master)
}

// NewRecoverySlot makes a fresh 256-bit recovery key, wraps master under it
// and returns the slot and the key in its printed form (see
// recoverykey.go). The caller shows the printed key once and keeps it
// nowhere.
func NewRecoverySlot(vaultID []byte, id string, master Key) (Slot, string, error) {
	if err := checkSlotInputs(vaultID, id, master); err != nil {
		return Slot{}, "", err
	}
	secret := make([]byte, recoveryKeyBytes)
	defer Wipe(secret)
	if _, err := rand.Read(secret); err != nil {
		return Slot{}, "", fmt.Errorf("crypto: new recovery slot: %w", err)
	}
	s, err := newRecoverySlot(vaultID, id, master, secret)
	if err != nil {
		return Slot{}, "", err
	}
	return s, formatRecoveryKey(secret), nil
}

// newRecoverySlot wraps master under the recovery key secret.
func newRecoverySlot(vaultID []byte, id string, master Key, secret []byte) (Slot, error) {
	s := Slot{ID: id, Kind: KindRecovery, Salt: make([]byte, saltSize)}
	if _, err := rand.Read(s.Salt); err != nil {
		return Slot{}, fmt.Errorf("crypto: new recovery slot: %w", err)
	}
	kek := recoveryKEK(secret, s.Salt)
	defer kek.Wipe()
	return s.wrap(vaultID, kek, master)
}

func checkSlotInputs(vaultID []byte, id string, master Key) error {
	if len(master) != KeySize {
		return fmt.Errorf("crypto: new slot: %w", errKeySize)
	}
	if !validSlotID(id) {
		return errors.New("crypto: new slot: slot id must be 1 to 64 bytes of UTF-8")
	}
	if len(vaultID) == 0 || len(vaultID) > 0xFFFF {
		return errors.New("crypto: new slot: vault id must be 1 to 65535 bytes")
	}
	return nil
}

func validSlotID(id string) bool {
	return len(id) >= 1 && len(id) <= maxSlotID && utf8.ValidString(id)
}

func (s Slot) wrap(vaultID []byte, kek, master Key) (Slot, error) {
	w, err := Seal(kek, master, s.ad(vaultID))
	if err != nil {
		return Slot{}, err
	}
	s.Wrapped = w
	return s, nil
}

// passphraseKEK is Argon2id(NFC(passphrase), salt, p), 32 bytes.
func passphraseKEK(passphrase, salt []byte, p KDFParams) Key {
	nfc := norm.NFC.Bytes(passphrase)
	if len(nfc) > 0 && len(passphrase) > 0 && &nfc[0] != &passphrase[0] {
		defer Wipe(nfc) // a copy we made; the caller wipes its own
	}
	return p.key(nfc, salt)
}

// recoveryKEK is HKDF-SHA256(IKM = secret, salt, info "kintrace/v1/recovery-slot").
// The secret has 256 bits of entropy, so a slow KDF would add nothing.
func recoveryKEK(secret, salt []byte) Key {
	k, err := hkdf.Key(sha256.New, secret, salt, recoveryKDFInfo, KeySize)
	if err != nil {
		panic("crypto: HKDF failed: " + err.Error())
	}
	return k
}

// ad returns the slot's associated data:
//
//	"kintrace/slot/v1" ‖ lp(vaultID) ‖ lp(id) ‖ lp(kind) ‖ kdf ‖ lp(salt)
//
// where kdf is 0x00 for a slot without KDF parameters, or
// 0x01 ‖ u32be(t) ‖ u32be(m) ‖ u8(p).
func (s Slot) ad(vaultID []byte) []byte {
	ad := make([]byte, 0, 128)
	ad = append(ad, slotADTag...)
	ad = appendLP(ad, vaultID)
	ad = appendLP(ad, []byte(s.ID))
	ad = appendLP(ad, []byte(s.Kind))
	if s.KDF == nil {
		ad = append(ad, 0)
	} else {
		ad = append(ad, 1)
		ad = binary.BigEndian.AppendUint32(ad, s.KDF.Time)
		ad = binary.BigEndian.AppendUint32(ad, s.KDF.MemoryKiB)
		ad = append(ad, s.KDF.Threads)
	}
	return appendLP(ad, s.Salt)
}

// validate checks the slot's structure without any secret. Everything it
// refuses is ErrCorrupt, and it runs before Argon2 so that tampered KDF
// parameters are refused before they can cost anything.
func (s Slot) validate() error {
	if !validSlotID(s.ID) {
		return fmt.Errorf("crypto: slot: bad id: %w", ErrCorrupt)
	}
	switch s.Kind {
	case KindPassphrase:
		if s.KDF == nil {
			return fmt.Errorf("crypto: slot: passphrase slot without KDF parameters: %w", ErrCorrupt)
		}
		if err := s.KDF.Check(); err != nil {
			return fmt.Errorf("crypto: slot: %w", err)
		}
	case KindRecovery:
		if s.KDF != nil {
			return fmt.Errorf("crypto: slot: recovery slot with KDF parameters: %w", ErrCorrupt)
		}
	default:
		return fmt.Errorf("crypto: slot: unknown kind: %w", ErrCorrupt)
	}
	if len(s.Salt) != saltSize {
		return fmt.Errorf("crypto: slot: salt of %d bytes: %w", len(s.Salt), ErrCorrupt)
	}
	if len(s.Wrapped) > 0 && s.Wrapped[0] != sealVersion {
		return fmt.Errorf("crypto: slot: wrapped key version %d: %w", s.Wrapped[0], ErrUnsupported)
	}
	if len(s.Wrapped) != wrappedSize {
		return fmt.Errorf("crypto: slot: wrapped key of %d bytes: %w", len(s.Wrapped), ErrCorrupt)
	}
	return nil
}

// Unlock derives the slot's KEK from secret (a passphrase, or the printed
// recovery key for a recovery slot) and unwraps the master key.
//
// A malformed slot, or KDF parameters above the caps of KDFParams.Check,
// gives ErrCorrupt before any key derivation runs. A wrong secret gives
// ErrWrongPassphrase, and so does a slot whose bytes were changed after the
// structural checks: authentication cannot tell those apart, and the error
// deliberately does not try. Recovery key text is normalised: case, spaces,
// line breaks and dashes do not matter, and a mistyped character is caught
// by the checksum before any key is tried.
func (s Slot) Unlock(vaultID []byte, secret []byte) (Key, error) {
	if err := s.validate(); err != nil {
		return nil, err
	}
	var kek Key
	switch s.Kind {
	case KindPassphrase:
		if len(secret) == 0 {
			return nil, fmt.Errorf("crypto: unlock: empty passphrase: %w", ErrWrongPassphrase)
		}
		kek = passphraseKEK(secret, s.Salt, *s.KDF)
	case KindRecovery:
		rk, err := parseRecoveryKey(secret)
		if err != nil {
			return nil, fmt.Errorf("crypto: unlock: %w", err)
		}
		kek = recoveryKEK(rk, s.Salt)
		Wipe(rk)
	}
	defer kek.Wipe()
	master, err := Open(kek, s.Wrapped, s.ad(vaultID))
	if err != nil {
		return nil, fmt.Errorf("crypto: unlock %s slot: %w", s.Kind, ErrWrongPassphrase)
	}
	if len(master) != KeySize {
		Wipe(master)
		return nil, fmt.Errorf("crypto: unlock: wrapped key of wrong size: %w", ErrCorrupt)
	}
	return Key(master), nil
}

// ParseSlot decodes a slot written by Marshal. It is strict: unknown,
// duplicate or differently-cased member names, trailing data, an unknown
// kind, a wrong salt or wrapped-key length, or KDF parameters outside the
// caps give ErrCorrupt (ErrUnsupported for a wrapped key of another format
// version).
func ParseSlot(data []byte) (Slot, error) {
	if err := checkMembers(data, "id", "kind", "kdf", "salt", "wrapped"); err != nil {
		return Slot{}, fmt.Errorf("crypto: parse slot: %v: %w", err, ErrCorrupt)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s Slot
	if err := dec.Decode(&s); err != nil {
		return Slot{}, fmt.Errorf("crypto: parse slot: invalid JSON: %w", ErrCorrupt)
	}
	if err := s.validate(); err != nil {
		return Slot{}, fmt.Errorf("crypto: parse slot: %w", err)
	}
	return s, nil
}

// checkMembers requires data to be exactly one JSON object whose member
// names are among allowed, matched exactly and each at most once. It makes
// up for encoding/json, which matches names case-insensitively and lets a
// repeated name override an earlier one. The "kdf" member, unless null, is
// checked the same way for "t", "m" and "p".
func checkMembers(data []byte, allowed ...string) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return errors.New("not a JSON object")
	}
	seen := make(map[string]bool, len(allowed))
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return errors.New("invalid JSON")
		}
		name, _ := tok.(string)
		if !slices.Contains(allowed, name) {
			return errors.New("unknown member")
		}
		if seen[name] {
			return errors.New("repeated member")
		}
		seen[name] = true
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return errors.New("invalid JSON")
		}
		if name == "kdf" && string(raw) != "null" {
			if err := checkMembers(raw, "t", "m", "p"); err != nil {
				return fmt.Errorf("kdf: %v", err)
			}
		}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return errors.New("invalid JSON")
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data")
	}
	return nil
}

// Marshal encodes the slot as compact JSON, byte slices in standard base64:
//
//	{"id":"…","kind":"passphrase","kdf":{"t":3,"m":65536,"p":4},"salt":"…","wrapped":"…"}
func (s Slot) Marshal() []byte {
	b, err := json.Marshal(s)
	if err != nil {
		// Slot has only strings, byte slices and integers.
		panic("crypto: marshal slot: " + err.Error())
	}
	return b
}
