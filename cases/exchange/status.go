package exchange

import (
	"context"
	"sort"
	"strings"
	"time"

	"kintrace/cases/vault"
)

// ContactStatus is what a vault knows of its exchange with one contact.
type ContactStatus struct {
	Contact vault.Contact
	Rules   Rules
	// Holds counts the case versions the contact is known to hold or was
	// sent; Unacked those of them, of attachments and of deletions sent and
	// not acknowledged.
	Holds                                              int
	UnackedCases, UnackedAttachments, UnackedDeletions int
	// LastSent, LastReceipt and LastReceived are when this vault last
	// sent to the contact, last had a receipt from it and last took in
	// one of its bundles or notices (zero: never).
	LastSent, LastReceipt, LastReceived time.Time
	// Waiting counts the contact's files in the inbox waiting to be taken
	// in (given the items of a Scan).
	Waiting int
}

// UpToDate reports whether the contact acknowledged everything sent to it:
// it then "has everything up to" LastReceipt.
func (s ContactStatus) UpToDate() bool {
	return s.UnackedCases+s.UnackedAttachments+s.UnackedDeletions == 0 && !s.LastReceipt.IsZero()
}

// Statuses lists the exchange status of every contact, by name; inbox is
// a Scan's items (nil when not scanned).
func Statuses(ctx context.Context, v *vault.Vault, inbox []InboxItem) ([]ContactStatus, error) {
	contacts, err := v.Contacts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ContactStatus, 0, len(contacts))
	for _, c := range contacts {
		s := ContactStatus{Contact: c}
		if s.Rules, err = GetRules(ctx, v, c); err != nil {
			return nil, err
		}
		err = v.ReadTx(ctx, func(t *vault.Tx) error {
			l, err := readLedger(t, c.Key)
			if err != nil {
				return err
			}
			s.Holds = len(l.Cases)
			s.UnackedCases, s.UnackedAttachments, s.UnackedDeletions = l.unacked()
			s.LastSent, s.LastReceipt, s.LastReceived = l.LastSent, l.LastReceipt, l.Received
			return nil
		})
		if err != nil {
			return nil, err
		}
		for _, it := range inbox {
			if it.Sender.Equal(c.Key) && (it.Status == StatusReady || it.Status == StatusReceipt || it.Status == StatusDeletions) {
				s.Waiting++
			}
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		return strings.ToLower(out[i].Contact.Name) < strings.ToLower(out[j].Contact.Name)
	})
	return out, nil
}
