package crypto

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"filippo.io/age"
)

// ErrBadKey reports public key text that is not a Kintrace public key: a
// typo, a missing half, or a checksum that does not match.
var ErrBadKey = errors.New("crypto: not a valid public key")

// An Identity is a vault's pair of secret keys: an age X25519 identity that
// receives bundles and an Ed25519 key that signs them. Two keys, because one
// key must never serve two purposes; the fingerprint covers both, so people
// compare one short string.
type Identity struct {
	x    *age.X25519Identity
	sign ed25519.PrivateKey
}

// PublicKey is what a colleague needs to send to and verify bundles from a
// vault: its age recipient and its Ed25519 verification key.
type PublicKey struct {
	Age  *age.X25519Recipient
	Sign ed25519.PublicKey
}

// signKeyHRP is the bech32 prefix of the text form of an Ed25519 key
// ("kts1…"); age recipients keep their own "age1…" form.
const signKeyHRP = "kts"

// NewIdentity generates a fresh identity.
func NewIdentity() (*Identity, error) {
	x, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, fmt.Errorf("new identity: %w", err)
	}
	_, sk, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("new identity: %w", err)
	}
	return &Identity{x: x, sign: sk}, nil
}

// identityJSON is the sealed form of an identity inside the vault.
type identityJSON struct {
	Age     string `json:"age"`     // AGE-SECRET-KEY-1…
	Ed25519 []byte `json:"ed25519"` // the 32-byte seed
}

// Marshal returns the identity's secret form, to be sealed in the vault and
// wiped by the caller after use.
func (id *Identity) Marshal() []byte {
	b, _ := json.Marshal(identityJSON{Age: id.x.String(), Ed25519: id.sign.Seed()})
	return b
}

// ParseIdentity reads what Marshal wrote; anything else is ErrCorrupt.
func ParseIdentity(data []byte) (*Identity, error) {
	if err := checkMembers(data, "age", "ed25519"); err != nil {
		return nil, fmt.Errorf("identity: %w", ErrCorrupt)
	}
	var j identityJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil || len(j.Ed25519) != ed25519.SeedSize {
		return nil, fmt.Errorf("identity: %w", ErrCorrupt)
	}
	x, err := age.ParseX25519Identity(j.Age)
	if err != nil {
		return nil, fmt.Errorf("identity: %w", ErrCorrupt)
	}
	sk := ed25519.NewKeyFromSeed(j.Ed25519)
	Wipe(j.Ed25519)
	return &Identity{x: x, sign: sk}, nil
}

// Public is the identity's public half.
func (id *Identity) Public() PublicKey {
	return PublicKey{Age: id.x.Recipient(), Sign: id.sign.Public().(ed25519.PublicKey)}
}

// AgeIdentity is the X25519 identity, for age.Decrypt.
func (id *Identity) AgeIdentity() *age.X25519Identity { return id.x }

// Wipe zeroes the signing key. (The age identity keeps its scalar in an
// unexported field that cannot be reached; Go cannot promise more.)
func (id *Identity) Wipe() { Wipe(id.sign) }

// String is the public key as one line of text: the age recipient and the
// signing key, separated by a space: "age1… kts1…". The age half alone is
// what the age tool takes as a recipient.
func (p PublicKey) String() string {
	if p.Age == nil {
		return ""
	}
	return p.Age.String() + " " + p.SignString()
}

// SignString is the signing key in its bech32 text form, "kts1…".
func (p PublicKey) SignString() string {
	return bech32Encode(signKeyHRP, p.Sign)
}

// ParsePublicKey reads the text String writes. The two halves may come in
// either order, separated by any white space (a line break, say), so a key
// pasted from a message or a QR code reads back.
func ParsePublicKey(s string) (PublicKey, error) {
	var p PublicKey
	fields := strings.Fields(s)
	if len(fields) != 2 {
		return p, ErrBadKey
	}
	for _, f := range fields {
		f = strings.ToLower(f)
		switch {
		case strings.HasPrefix(f, "age1") && p.Age == nil:
			r, err := age.ParseX25519Recipient(f)
			if err != nil {
				return PublicKey{}, ErrBadKey
			}
			p.Age = r
		case strings.HasPrefix(f, signKeyHRP+"1") && p.Sign == nil:
			hrp, data, err := bech32Decode(f)
			if err != nil || hrp != signKeyHRP || len(data) != ed25519.PublicKeySize {
				return PublicKey{}, ErrBadKey
			}
			p.Sign = ed25519.PublicKey(data)
		default:
			return PublicKey{}, ErrBadKey
		}
	}
	return p, nil
}

// Equal reports whether two public keys are the same pair.
func (p PublicKey) Equal(q PublicKey) bool {
	return p.Age != nil && q.Age != nil && p.Age.String() == q.Age.String() && p.Sign.Equal(q.Sign)
}

// Verify checks an Ed25519 signature made by the key's owner.
func (p PublicKey) Verify(msg, sig []byte) bool {
	return len(p.Sign) == ed25519.PublicKeySize && ed25519.Verify(p.Sign, msg, sig)
}

// Sign signs msg with the identity's Ed25519 key.
func (id *Identity) Sign(msg []byte) []byte { return ed25519.Sign(id.sign, msg) }

// fingerprintSize is how much of the SHA-256 the fingerprint shows: 120
// bits, 24 Crockford base32 characters in six groups of four. A second-
// preimage search against 120 bits is far out of reach; a shorter string
// would be easier to read aloud but would let a patient attacker make a
// key whose fingerprint matches.
const fingerprintSize = 15

// Fingerprint is a short text people can read aloud to compare keys:
// six groups of four Crockford base32 characters of
// SHA-256("kintrace/fingerprint/v1" ‖ X25519 public key ‖ Ed25519 key).
func (p PublicKey) Fingerprint() string {
	if p.Age == nil {
		return ""
	}
	_, x, err := bech32Decode(p.Age.String())
	if err != nil {
		return ""
	}
	h := sha256.New()
	h.Write([]byte("kintrace/fingerprint/v1"))
	h.Write(x)
	h.Write(p.Sign)
	sum := h.Sum(nil)[:fingerprintSize]
	var out strings.Builder
	var acc uint64
	bits := 0
	n := 0
	for _, b := range sum {
		acc = acc<<8 | uint64(b)
		bits += 8
		for bits >= 5 {
			bits -= 5
			if n > 0 && n%4 == 0 {
				out.WriteByte(' ')
			}
			out.WriteByte(crockfordAlphabet[(acc>>bits)&31])
			n++
		}
	}
	return out.String()
}

// NormalizeFingerprint makes a typed fingerprint comparable with
// Fingerprint: upper case, spaces and dashes dropped, O read as 0 and I, L
// as 1 (Crockford's rule), then regrouped. Text of the wrong length comes
// back as "".
func NormalizeFingerprint(s string) string {
	var b []byte
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == ' ' || r == '-' || r == '\t':
			continue
		case r == 'O':
			b = append(b, '0')
		case r == 'I' || r == 'L':
			b = append(b, '1')
		case r < 128 && strings.IndexByte(crockfordAlphabet, byte(r)) >= 0:
			b = append(b, byte(r))
		default:
			return ""
		}
	}
	if len(b) != fingerprintSize*8/5 {
		return ""
	}
	var out strings.Builder
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			out.WriteByte(' ')
		}
		out.WriteByte(c)
	}
	return out.String()
}

// bech32 (BIP 173), as age uses for its keys. Kintrace uses it for the
// signing key so that a mistyped or truncated key is caught by its checksum.

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

func bech32Polymod(values []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := range 5 {
			if (top>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}

func bech32HRPExpand(hrp string) []byte {
	out := make([]byte, 0, len(hrp)*2+1)
	for i := 0; i < len(hrp); i++ {
		out = append(out, hrp[i]>>5)
	}
	out = append(out, 0)
	for i := 0; i < len(hrp); i++ {
		out = append(out, hrp[i]&31)
	}
	return out
}

func convertBits(data []byte, from, to uint, pad bool) ([]byte, bool) {
	var acc uint32
	var bits uint
	var out []byte
	maxv := uint32(1)<<to - 1
	for _, b := range data {
		if uint32(b)>>from != 0 {
			return nil, false
		}
		acc = acc<<from | uint32(b)
		bits += from
		for bits >= to {
			bits -= to
			out = append(out, byte(acc>>bits&maxv))
		}
	}
	if pad {
		if bits > 0 {
			out = append(out, byte(acc<<(to-bits)&maxv))
		}
	} else if bits >= from || acc<<(to-bits)&maxv != 0 {
		return nil, false
	}
	return out, true
}

func bech32Encode(hrp string, data []byte) string {
	values, _ := convertBits(data, 8, 5, true)
	poly := bech32Polymod(append(append(bech32HRPExpand(hrp), values...), 0, 0, 0, 0, 0, 0)) ^ 1
	var b strings.Builder
	b.WriteString(hrp)
	b.WriteByte('1')
	for _, v := range values {
		b.WriteByte(bech32Charset[v])
	}
	for i := range 6 {
		b.WriteByte(bech32Charset[(poly>>(5*(5-i)))&31])
	}
	return b.String()
}

func bech32Decode(s string) (string, []byte, error) {
	if strings.ToLower(s) != s && strings.ToUpper(s) != s {
		return "", nil, ErrBadKey
	}
	s = strings.ToLower(s)
	pos := strings.LastIndexByte(s, '1')
	if pos < 1 || pos+7 > len(s) {
		return "", nil, ErrBadKey
	}
	hrp := s[:pos]
	values := make([]byte, 0, len(s)-pos-1)
	for i := pos + 1; i < len(s); i++ {
		d := strings.IndexByte(bech32Charset, s[i])
		if d < 0 {
			return "", nil, ErrBadKey
		}
		values = append(values, byte(d))
	}
	if bech32Polymod(append(bech32HRPExpand(hrp), values...)) != 1 {
		return "", nil, ErrBadKey
	}
	data, ok := convertBits(values[:len(values)-6], 5, 8, false)
	if !ok {
		return "", nil, ErrBadKey
	}
	return hrp, data, nil
}

// ParseAgeRecipient reads a bare "age1…" recipient: enough to encrypt a
// bundle to someone who uses the age tool, though not to verify bundles
// from them (the key has no signing half).
func ParseAgeRecipient(s string) (PublicKey, error) {
	r, err := age.ParseX25519Recipient(strings.ToLower(strings.TrimSpace(s)))
	if err != nil {
		return PublicKey{}, ErrBadKey
	}
	return PublicKey{Age: r}, nil
}
