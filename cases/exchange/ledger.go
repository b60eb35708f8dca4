package exchange

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"kintrace/cases/vault"
	"kintrace/crypto"
)

// held is one case version a contact was sent or is known to hold.
type held struct {
	Version int64  `json:"v"`
	SHA256  string `json:"h"`
	// Acked is set when the contact acknowledged it (a receipt) or sent it
	// itself; otherwise it was sent and not yet acknowledged.
	Acked bool `json:"a,omitempty"`
}

// ledger is what a vault knows of one contact's holdings
// (exchange-ledger/<contact id>). It holds ids, version numbers and
// hashes, no case content.
type ledger struct {
	Format      int             `json:"format"`
	Cases       map[string]held `json:"cases"`
	Attachments map[string]bool `json:"attachments"` // id -> acknowledged
	Deletions   map[string]held `json:"deletions"`   // case id -> deletion offered
	LastSent    time.Time       `json:"last_sent,omitzero"`
	LastReceipt time.Time       `json:"last_receipt,omitzero"`
	Received    time.Time       `json:"last_received,omitzero"`
}

func newLedger() *ledger {
	return &ledger{Format: recordFormat, Cases: map[string]held{}, Attachments: map[string]bool{}, Deletions: map[string]held{}}
}

// readLedger reads the ledger of the contact with key through t (a new one
// when there is none).
func readLedger(t *vault.Tx, key crypto.PublicKey) (*ledger, error) {
	data, err := t.Record(kindLedger, vault.ContactID(key))
	if errors.Is(err, vault.ErrNotFound) {
		return newLedger(), nil
	}
	if err != nil {
		return nil, err
	}
	l := newLedger()
	if err := json.Unmarshal(data, l); err != nil || l.Format != recordFormat {
		return nil, fmt.Errorf("exchange ledger record: %w", crypto.ErrCorrupt)
	}
	if l.Cases == nil {
		l.Cases = map[string]held{}
	}
	if l.Attachments == nil {
		l.Attachments = map[string]bool{}
	}
	if l.Deletions == nil {
		l.Deletions = map[string]held{}
	}
	return l, nil
}

func (l *ledger) write(t *vault.Tx, key crypto.PublicKey) error {
	data, err := json.Marshal(l)
	if err != nil {
		return err
	}
	defer crypto.Wipe(data)
	return t.PutRecord(kindLedger, vault.ContactID(key), data)
}

// holds records that the contact holds version/hash of case id, known
// from the contact itself (acknowledged). An older version than one
// already noted does not replace it.
func (l *ledger) holds(id string, version int64, sha string) {
	if cur, ok := l.Cases[id]; ok && cur.Version > version {
		return
	}
	l.Cases[id] = held{Version: version, SHA256: sha, Acked: true}
	delete(l.Deletions, id)
}

// unacked counts what was sent and not acknowledged.
func (l *ledger) unacked() (cases, attachments, deletions int) {
	for _, h := range l.Cases {
		if !h.Acked {
			cases++
		}
	}
	for _, ok := range l.Attachments {
		if !ok {
			attachments++
		}
	}
	for _, h := range l.Deletions {
		if !h.Acked {
			deletions++
		}
	}
	return
}
