package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// A message is a small signed file of the exchange itself, in the same
// envelope and container as a bundle (bundle.Write) but with a single
// entry, exchange.json, and no cases: a receipt ("I now hold these
// versions") or a notice of deletions ("these cases were deleted here").
// docs/FORMAT.md, "Exchange folders", describes it.
const messageEntry = "exchange.json"

// Message kinds.
const (
	KindReceipt   = "receipt"
	KindDeletions = "deletions"
)

// Caps on a message, checked by ParseMessage.
const (
	maxMessageSize  = 32 << 20
	maxMessageItems = 200_000
)

// Message is the content of exchange.json.
type Message struct {
	Format int    `json:"format"`
	Kind   string `json:"kind"`
	// Bundle is the id of the bundle or deletions notice a receipt
	// acknowledges.
	Bundle string `json:"bundle,omitempty"`
	// Holds are the case versions the receipt's sender now holds.
	Holds []Holding `json:"holds,omitempty"`
	// Attachments are the attachment ids it now holds.
	Attachments []string `json:"attachments,omitempty"`
	// Deletions are, in a notice, the cases deleted at the sender; in a
	// receipt, the deletions handled (Deleted: applied, else kept because
	// the user declined or the case changed since).
	Deletions []Deletion `json:"deletions,omitempty"`
}

// Holding is one case version.
type Holding struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
	SHA256  string `json:"sha256"`
}

// Deletion is one deleted case.
type Deletion struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
	Deleted bool   `json:"deleted,omitempty"`
}

// ParseMessage reads exchange.json strictly: no unknown member, nothing
// after the value, a known kind, valid ids, versions and hashes, and at most
// maxMessageItems of each list. Errors wrap crypto.ErrCorrupt.
func ParseMessage(data []byte) (*Message, error) {
	bad := func(what string) (*Message, error) {
		return nil, fmt.Errorf("exchange message: %s: %w", what, crypto.ErrCorrupt)
	}
	if len(data) > maxMessageSize {
		return bad("size")
	}
	var m Message
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return bad("json")
	}
	if _, err := dec.Token(); err != io.EOF {
		return bad("trailing data")
	}
	if m.Format != recordFormat {
		return bad("format")
	}
	switch m.Kind {
	case KindReceipt:
		if !isHexN(m.Bundle, 32) {
			return bad("bundle")
		}
	case KindDeletions:
		if m.Bundle != "" || len(m.Holds) != 0 || len(m.Attachments) != 0 || len(m.Deletions) == 0 {
			return bad("deletions")
		}
	default:
		return bad("kind")
	}
	if len(m.Holds) > maxMessageItems || len(m.Attachments) > maxMessageItems || len(m.Deletions) > maxMessageItems {
		return bad("count")
	}
	for _, h := range m.Holds {
		if !cases.ValidID(h.ID) || h.Version < 1 || !isHexN(h.SHA256, 64) {
			return bad("holding")
		}
	}
	for _, a := range m.Attachments {
		if !cases.ValidID(a) {
			return bad("attachment")
		}
	}
	for _, d := range m.Deletions {
		if !cases.ValidID(d.ID) || d.Version < 1 || m.Kind == KindDeletions && d.Deleted {
			return bad("deletion")
		}
	}
	return &m, nil
}

// writeMessage seals m for the contact with key and writes it to the
// outbox; it returns the file's path, its size and the notice's id.
func writeMessage(ctx context.Context, v *vault.Vault, f Folder, to crypto.PublicKey, m *Message) (string, int64, string, error) {
	data, err := json.Marshal(m)
	if err != nil {
		return "", 0, "", err
	}
	if _, err := ParseMessage(data); err != nil {
		return "", 0, "", err
	}
	id, err := v.Identity(ctx)
	if err != nil {
		return "", 0, "", err
	}
	defer id.Wipe()
	man := &bundle.Manifest{Created: time.Now().UTC().Truncate(time.Second), Redaction: string(cases.RedactNone)}
	if man.ID, err = bundle.NewID(); err != nil {
		return "", 0, "", err
	}
	path, size, err := writeOutbox(f, func(w io.Writer) (string, error) {
		if man.Sequence, err = v.NextSequence(ctx); err != nil {
			return "", err
		}
		err := bundle.Write(ctx, w, man, []bundle.Entry{bundle.BytesEntry(messageEntry, data)},
			bundle.SealOptions{Sender: id, Recipients: []crypto.PublicKey{to}})
		return FileName(f.Tag, man.Sequence), err
	})
	return path, size, man.ID, err
}

// isMessage tells a message's manifest from a bundle's.
func isMessage(m *bundle.Manifest) bool {
	return len(m.Entries) == 1 && m.Entries[0].Name == messageEntry && len(m.Cases) == 0
}

// readMessage reads and parses the single entry of an opened message.
func readMessage(ctx context.Context, br *bundle.Reader) (*Message, error) {
	var data []byte
	err := br.ReadEntries(ctx, func(e bundle.ManifestEntry, r io.Reader) error {
		if e.Size > maxMessageSize {
			return fmt.Errorf("exchange message: size: %w", crypto.ErrCorrupt)
		}
		var err error
		data, err = io.ReadAll(io.LimitReader(r, maxMessageSize+1))
		return err
	})
	if err != nil {
		return nil, err
	}
	return ParseMessage(data)
}
