package bundle

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"kintrace/crypto"
)

// Format names the bundle format in every manifest.
const Format = "kintrace-bundle/1"

// Caps on what a bundle may declare, checked before anything is allocated
// for it, so a hostile file cannot make the reader exhaust the machine.
// The JSON entries are read whole and decoded, so each kind has a cap of
// its own sized to what Kintrace writes: a case is about 3.5 KiB of JSON,
// so cases.json of 100 000 cases is about 350 MiB, and history.json
// carries earlier versions of the same cases. Attachments are streamed,
// never held whole.
const (
	MaxManifestSize         = 64 << 20 // bytes of manifest.json
	MaxEntries              = 100_000  // entries after the manifest and signature
	MaxCases                = 200_000
	MaxCaseVersions         = 10_000    // versions listed per case
	MaxCasesEntrySize       = 512 << 20 // cases.json
	MaxHistoryEntrySize     = 512 << 20 // history.json
	MaxAttachmentsEntrySize = 64 << 20  // attachments.json
	MaxBlobEntrySize        = 8 << 30   // one attachment
	MaxDataSize             = 256 << 30 // all entries together
	maxEntryName            = 200

	// MaxUntrustedJSON caps the JSON entries together of a bundle whose
	// sender is neither this vault nor a contact and has not been trusted
	// by fingerprint: Inspect refuses a larger one from its signed manifest
	// (ErrUntrustedSender) before reading any entry, so a stranger's file
	// cannot make the reader decode hundreds of MiB before the user has
	// decided to trust it. 64 MiB is some 15 000 cases with their history.
	MaxUntrustedJSON = 64 << 20
)

// maxEntrySize is the cap on one entry of the given name.
func maxEntrySize(name string) int64 {
	switch {
	case name == entryCases:
		return MaxCasesEntrySize
	case name == entryHistory:
		return MaxHistoryEntrySize
	case strings.HasSuffix(name, ".json"):
		return MaxAttachmentsEntrySize
	}
	return MaxBlobEntrySize
}

// Errors of reading a bundle, beside ErrCorrupt (damaged or altered) and
// ErrUnsupported (a newer format).
var (
	// ErrNotBundle reports a file that is not a Kintrace bundle: not an
	// age file at all, or an age file without a Kintrace manifest.
	ErrNotBundle = errors.New("crypto: not a Kintrace bundle")
	// ErrNotRecipient reports a bundle that none of this vault's keys can
	// open.
	ErrNotRecipient = errors.New("crypto: this bundle is not addressed to this vault")
	// ErrRecipientMismatch reports a bundle that opens but whose signed
	// recipient list does not name this vault: it was re-encrypted by
	// someone other than its signer.
	ErrRecipientMismatch = errors.New("crypto: the bundle's signed recipient list does not include this vault")
	// ErrBadSignature reports a manifest whose signature does not verify.
	ErrBadSignature = errors.New("crypto: the bundle's signature does not verify")
	// ErrNeedPassphrase reports a bundle locked with a passphrase, opened
	// without one.
	ErrNeedPassphrase = errors.New("crypto: the bundle is locked with a passphrase")
)

// Manifest describes a bundle and is signed by its sender. Its JSON is
// exactly what encoding/json writes for this struct; ParseManifest accepts
// nothing else (no extra spaces, members in this order, no repeated or
// unknown member), so there is one byte string per manifest and the
// signature covers the same bytes every reader parses.
type Manifest struct {
	Format  string    `json:"format"`
	ID      string    `json:"id"` // 32 lowercase hex digits, random
	Created time.Time `json:"created"`
	// SenderAge and SenderSign are the sender's public keys ("age1…" and
	// "kts1…").
	SenderAge  string `json:"sender_age"`
	SenderSign string `json:"sender_sign"`
	// Sequence counts the sender's bundles, from 1.
	Sequence uint64 `json:"sequence"`
	// Passphrase is true for a bundle locked with a passphrase; then
	// Recipients is empty (age does not mix the two).
	Passphrase bool `json:"passphrase"`
	// Recipients are the age recipients the file is encrypted to, sorted,
	// always including the sender's own.
	Recipients []string `json:"recipients"`
	// Redaction is the profile the sender applied ("full", …).
	Redaction string `json:"redaction"`
	// Entries are the container's entries after manifest.json and
	// manifest.sig, in order, with their sizes and SHA-256.
	Entries []ManifestEntry `json:"entries"`
	// Cases lists every case with its version and the SHA-256 of its
	// canonical JSON, and the same for each earlier version carried.
	Cases []ManifestCase `json:"cases"`
}

// ManifestEntry is one entry of the container.
type ManifestEntry struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// ManifestCase is one case of the bundle.
type ManifestCase struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
	SHA256  string `json:"sha256"`
	// Parents are the earlier versions carried in history.json, oldest
	// first.
	Parents []ManifestVersion `json:"parents"`
}

// ManifestVersion is the hash of one earlier version of a case.
type ManifestVersion struct {
	Version int64  `json:"version"`
	SHA256  string `json:"sha256"`
}

// NewID returns 16 random bytes in hex.
func NewID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// Marshal encodes the manifest in its one canonical form.
func (m *Manifest) Marshal() ([]byte, error) {
	if m.Recipients == nil {
		m.Recipients = []string{}
	}
	if m.Entries == nil {
		m.Entries = []ManifestEntry{}
	}
	if m.Cases == nil {
		m.Cases = []ManifestCase{}
	}
	for i := range m.Cases {
		if m.Cases[i].Parents == nil {
			m.Cases[i].Parents = []ManifestVersion{}
		}
	}
	m.Created = m.Created.UTC()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// ParseManifest reads and checks a manifest strictly: it must be the
// canonical encoding of a valid Manifest. Errors wrap ErrCorrupt, or
// ErrUnsupported for another format.
func ParseManifest(data []byte) (*Manifest, error) {
	if len(data) > MaxManifestSize {
		return nil, fmt.Errorf("manifest: too large: %w", crypto.ErrCorrupt)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		// Look at the format first: a newer bundle is ErrUnsupported,
		// not damage.
		var probe struct {
			Format string `json:"format"`
		}
		if json.Unmarshal(data, &probe) == nil && probe.Format != "" && probe.Format != Format &&
			strings.HasPrefix(probe.Format, "kintrace-bundle/") {
			return nil, fmt.Errorf("manifest: format %q: %w", probe.Format, crypto.ErrUnsupported)
		}
		return nil, fmt.Errorf("manifest: %w", crypto.ErrCorrupt)
	}
	if m.Format != Format {
		if strings.HasPrefix(m.Format, "kintrace-bundle/") {
			return nil, fmt.Errorf("manifest: format %q: %w", m.Format, crypto.ErrUnsupported)
		}
		return nil, fmt.Errorf("manifest: format: %w", crypto.ErrCorrupt)
	}
	canon, err := m.Marshal()
	if err != nil || !bytes.Equal(canon, data) {
		return nil, fmt.Errorf("manifest: not in canonical form: %w", crypto.ErrCorrupt)
	}
	if err := m.check(); err != nil {
		return nil, fmt.Errorf("manifest: %s: %w", err, crypto.ErrCorrupt)
	}
	return &m, nil
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// validEntryName allows lowercase letters, digits, '.', '-', '_' and '/'
// between non-empty path elements, none of them "." or "..".
func validEntryName(s string) bool {
	if s == "" || len(s) > maxEntryName {
		return false
	}
	for _, part := range strings.Split(s, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '_' || c == '/') {
			return false
		}
	}
	return s != ManifestEntryName && s != SignatureEntryName
}

// validCaseID matches the ids the store writes and accepts: 1 to 64
// letters, digits, '-' and '_'.
func validCaseID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// check validates the manifest's content; its messages name a member, never
// a value.
func (m *Manifest) check() error {
	if !isHex(m.ID, 32) {
		return errors.New("id")
	}
	if m.Created.IsZero() {
		return errors.New("created")
	}
	sender, err := crypto.ParsePublicKey(m.SenderAge + " " + m.SenderSign)
	if err != nil || !strings.HasPrefix(m.SenderAge, "age1") {
		return errors.New("sender")
	}
	if m.Sequence == 0 {
		return errors.New("sequence")
	}
	if m.Passphrase {
		if len(m.Recipients) != 0 {
			return errors.New("recipients with passphrase")
		}
	} else {
		if len(m.Recipients) == 0 || len(m.Recipients) > 1000 {
			return errors.New("recipients")
		}
		if !slices.IsSorted(m.Recipients) || len(slices.Compact(slices.Clone(m.Recipients))) != len(m.Recipients) {
			return errors.New("recipients not sorted")
		}
		for _, r := range m.Recipients {
			if _, err := age.ParseX25519Recipient(r); err != nil {
				return errors.New("recipients")
			}
		}
		if !slices.Contains(m.Recipients, sender.Age.String()) {
			return errors.New("recipients without sender")
		}
	}
	switch m.Redaction {
	case "full", "no-reporter-identity", "public-consent-only":
	default:
		return errors.New("redaction")
	}
	if len(m.Entries) > MaxEntries {
		return errors.New("entries")
	}
	var total int64
	names := make(map[string]bool, len(m.Entries))
	for _, e := range m.Entries {
		if !validEntryName(e.Name) || names[e.Name] {
			return errors.New("entry name")
		}
		names[e.Name] = true
		if e.Size < 0 || e.Size > maxEntrySize(e.Name) {
			return errors.New("entry size")
		}
		total += e.Size
		if total > MaxDataSize {
			return errors.New("entries size")
		}
		if !isHex(e.SHA256, 64) {
			return errors.New("entry hash")
		}
	}
	if len(m.Cases) > MaxCases {
		return errors.New("cases")
	}
	ids := make(map[string]bool, len(m.Cases))
	for _, c := range m.Cases {
		if !validCaseID(c.ID) || ids[c.ID] {
			return errors.New("case id")
		}
		ids[c.ID] = true
		if c.Version < 1 || !isHex(c.SHA256, 64) || len(c.Parents) > MaxCaseVersions {
			return errors.New("case version")
		}
		last := int64(0)
		for _, p := range c.Parents {
			if p.Version <= last || p.Version >= c.Version || !isHex(p.SHA256, 64) {
				return errors.New("case parents")
			}
			last = p.Version
		}
	}
	return nil
}

// Sender is the sender's public key pair.
func (m *Manifest) Sender() crypto.PublicKey {
	p, _ := crypto.ParsePublicKey(m.SenderAge + " " + m.SenderSign)
	return p
}

// Entry returns the entry named name.
func (m *Manifest) Entry(name string) (ManifestEntry, bool) {
	for _, e := range m.Entries {
		if e.Name == name {
			return e, true
		}
	}
	return ManifestEntry{}, false
}

// signatureContext separates bundle signatures from any other use of the
// key: the signed message is this string, a zero byte, then the manifest.
const signatureContext = "kintrace/bundle-manifest/v1"

func signedMessage(manifest []byte) []byte {
	msg := make([]byte, 0, len(signatureContext)+1+len(manifest))
	msg = append(msg, signatureContext...)
	msg = append(msg, 0)
	return append(msg, manifest...)
}

// SignManifest signs the manifest's exact bytes with the sender's identity.
func SignManifest(id *crypto.Identity, manifest []byte) []byte {
	return id.Sign(signedMessage(manifest))
}

// VerifyManifest checks a manifest signature made by p.
func VerifyManifest(p crypto.PublicKey, manifest, sig []byte) bool {
	return p.Verify(signedMessage(manifest), sig)
}
