package exchange

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"kintrace/cases/bundle"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// Outcomes of Receive, remembered with a handled file.
const (
	OutcomeImported  = "imported"
	OutcomeReceipt   = "receipt"
	OutcomeDeletions = "deletions"
	OutcomeDismissed = "dismissed"
)

// ReceiveOptions say what the user agreed to.
type ReceiveOptions struct {
	// ConfirmDeletions deletes the cases a deletions notice names (those
	// not changed here since the version deleted there); without it such
	// an item is ErrNeedsConfirmation and stays in the inbox.
	ConfirmDeletions bool
	// Progress, when set, follows a bundle's import (bytes read, total).
	Progress func(done, total int64)
}

// ReceiveResult tells what Receive did.
type ReceiveResult struct {
	Outcome string
	// Import is the bundle import's result.
	Import *bundle.ImportResult
	// Acknowledged counts the case versions a receipt acknowledged.
	Acknowledged int
	// Deleted and Kept count the deletions applied and those left because
	// the case changed here since.
	Deleted, Kept int
	// Receipt is the path of the receipt written to the outbox.
	Receipt string
}

// Receive takes one inbox item in, as Scan described it: a bundle is
// imported (bundle.Import: all or nothing, the same version twice is a
// no-op, an older version never replaces a newer one, both sides' edits
// are kept as a conflict), a receipt updates the sender's ledger, and
// deletions are applied when opt.ConfirmDeletions. After a bundle or
// deletions a receipt for the sender is written to the outbox. The file is
// then remembered by its hash and never taken in again. Items of another
// status are ErrNotReady; a file changed since Scan is ErrNotReady too.
func Receive(ctx context.Context, v *vault.Vault, it InboxItem, opt ReceiveOptions) (ReceiveResult, error) {
	var res ReceiveResult
	switch it.Status {
	case StatusReady, StatusReceipt, StatusDeletions:
	default:
		return res, ErrNotReady
	}
	if h, err := hashFile(it.Path); err != nil || h != it.Hash {
		return res, ErrNotReady
	}
	contacts, err := v.Contacts(ctx)
	if err != nil {
		return res, err
	}
	if _, ok := vault.ContactByKey(contacts, it.Sender); !ok {
		return res, ErrNotReady
	}
	f, err := GetFolder(ctx, v)
	if err != nil {
		return res, err
	}
	now := time.Now().UTC().Truncate(time.Second)
	switch it.Status {
	case StatusReady:
		ir, err := bundle.Import(ctx, v, it.Path, bundle.ImportOptions{Progress: opt.Progress})
		if err != nil {
			return res, err
		}
		res.Import, res.Outcome = ir, OutcomeImported
		err = v.WriteTx(ctx, false, func(t *vault.Tx) error {
			l, err := readLedger(t, it.Sender)
			if err != nil {
				return err
			}
			for _, h := range it.holds {
				l.holds(h.ID, h.Version, h.SHA256)
			}
			for _, a := range it.attIDs {
				l.Attachments[a] = true
			}
			l.Received = now
			if err := l.write(t, it.Sender); err != nil {
				return err
			}
			return markHandled(t, it.Hash, OutcomeImported, now)
		})
		if err != nil {
			return res, err
		}
		receipt := &Message{Format: recordFormat, Kind: KindReceipt, Bundle: it.id, Holds: it.holds, Attachments: it.attIDs}
		res.Receipt, _, _, err = writeMessage(ctx, v, f, it.Sender, receipt)
		return res, err
	case StatusReceipt:
		m := it.Message
		err = v.WriteTx(ctx, false, func(t *vault.Tx) error {
			l, err := readLedger(t, it.Sender)
			if err != nil {
				return err
			}
			res.Acknowledged = l.acknowledge(m)
			l.LastReceipt = now
			if err := l.write(t, it.Sender); err != nil {
				return err
			}
			return markHandled(t, it.Hash, OutcomeReceipt, now)
		})
		res.Outcome = OutcomeReceipt
		return res, err
	default:
		if !opt.ConfirmDeletions {
			return res, ErrNeedsConfirmation
		}
		return receiveDeletions(ctx, v, f, it, now)
	}
}

// acknowledge takes a receipt into the ledger and returns the number of
// case versions it acknowledged.
func (l *ledger) acknowledge(m *Message) int {
	n := 0
	for _, h := range m.Holds {
		cur, ok := l.Cases[h.ID]
		switch {
		case ok && cur.Version == h.Version:
			cur.Acked = true
			l.Cases[h.ID] = cur
			n++
		case !ok || cur.Version < h.Version:
			l.Cases[h.ID] = held{Version: h.Version, SHA256: h.SHA256, Acked: true}
			n++
		}
	}
	for _, a := range m.Attachments {
		l.Attachments[a] = true
	}
	for _, d := range m.Deletions {
		l.Deletions[d.ID] = held{Version: d.Version, Acked: true}
		if d.Deleted {
			delete(l.Cases, d.ID)
		}
	}
	return n
}

// receiveDeletions deletes the cases of a confirmed notice that have not
// changed here since the version deleted there.
func receiveDeletions(ctx context.Context, v *vault.Vault, f Folder, it InboxItem, now time.Time) (ReceiveResult, error) {
	res := ReceiveResult{Outcome: OutcomeDeletions}
	done := make([]Deletion, 0, len(it.Message.Deletions))
	for _, d := range it.Message.Deletions {
		c, err := v.Get(ctx, d.ID)
		switch {
		case errors.Is(err, vault.ErrNotFound):
			d.Deleted = true // gone here already
		case err != nil:
			return res, err
		case c.Version <= d.Version:
			if err := v.Delete(ctx, d.ID); err != nil && !errors.Is(err, vault.ErrNotFound) {
				return res, err
			}
			d.Deleted = true
			res.Deleted++
		default:
			res.Kept++ // changed here since: kept, and the sender is told
		}
		done = append(done, d)
	}
	err := v.WriteTx(ctx, false, func(t *vault.Tx) error {
		l, err := readLedger(t, it.Sender)
		if err != nil {
			return err
		}
		for _, d := range done {
			if d.Deleted {
				delete(l.Cases, d.ID)
				// Deleted there: never offered back.
				l.Deletions[d.ID] = held{Version: d.Version, Acked: true}
			}
		}
		l.Received = now
		if err := l.write(t, it.Sender); err != nil {
			return err
		}
		return markHandled(t, it.Hash, OutcomeDeletions, now)
	})
	if err != nil {
		return res, err
	}
	receipt := &Message{Format: recordFormat, Kind: KindReceipt, Bundle: it.id, Deletions: done}
	res.Receipt, _, _, err = writeMessage(ctx, v, f, it.Sender, receipt)
	return res, err
}

// Dismiss remembers an inbox file as handled without taking anything in
// (a damaged file, one from an unknown key, deletions declined), so that
// it no longer shows as new.
func Dismiss(ctx context.Context, v *vault.Vault, it InboxItem) error {
	if !isHexN(it.Hash, 64) {
		return fmt.Errorf("dismiss: %w", ErrNotReady)
	}
	return v.WriteTx(ctx, false, func(t *vault.Tx) error {
		return markHandled(t, it.Hash, OutcomeDismissed, time.Now().UTC().Truncate(time.Second))
	})
}

func markHandled(t *vault.Tx, hash, outcome string, at time.Time) error {
	if !isHexN(hash, 64) {
		return fmt.Errorf("inbox file hash: %w", crypto.ErrCorrupt)
	}
	data, _ := json.Marshal(handledRecord{Outcome: outcome, At: at})
	return t.PutRecord(kindInbox, hash, data)
}
