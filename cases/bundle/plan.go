package bundle

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"kintrace/cases"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// SenderStatus says what this vault knows of a bundle's signer. (A
// signature that does not verify never gets this far: it is
// ErrBadSignature.)
type SenderStatus string

// Sender statuses.
const (
	SenderSelf    SenderStatus = "self"    // this vault's own key
	SenderContact SenderStatus = "contact" // a contact (see Info.SenderVerified)
	SenderUnknown SenderStatus = "unknown" // a valid signature by a key that is not a contact
)

// PlanAction is what importing does with one incoming case.
type PlanAction string

// Plan actions.
const (
	PlanNew      PlanAction = "new"          // not in this vault: added with its history
	PlanUpdate   PlanAction = "update"       // a newer version of ours: fast-forwarded
	PlanSame     PlanAction = "already_have" // the same version: nothing to do
	PlanOlder    PlanAction = "older"        // an older version of ours: ignored
	PlanConflict PlanAction = "conflict"     // both sides changed it: both kept
	// PlanDeleted is a case deleted in this vault (it has a tombstone):
	// left deleted unless ImportOptions.RestoreDeleted, which adds it
	// back with its history.
	PlanDeleted PlanAction = "deleted_here"
)

// PlanItem is the plan for one incoming case.
type PlanItem struct {
	ID, Number string
	// Name is the person's name in the incoming version, for display.
	Name         string
	Version      int64
	LocalVersion int64 // 0 when the case is new; the version deleted for PlanDeleted
	Action       PlanAction
	// NumberTaken marks a new case whose number another case of this
	// vault has: the import is refused (ErrNumberTaken).
	NumberTaken bool
}

// Recipient is one signed recipient of a bundle.
type Recipient struct {
	Key  string // age1…
	Name string // the contact's name, when known
	Self bool   // this vault
}

// Info is what inspecting a bundle tells before importing it.
type Info struct {
	ID         string
	Created    time.Time
	Sequence   uint64
	Redaction  cases.Redaction
	Passphrase bool
	Sender     crypto.PublicKey
	// Fingerprint is the sender's key fingerprint, to compare with them.
	Fingerprint    string
	SenderStatus   SenderStatus
	SenderName     string // the contact's name
	SenderVerified bool
	Recipients     []Recipient
	// AlreadyImported is set when this bundle was imported before:
	// importing it again changes nothing.
	AlreadyImported bool
	// OlderSequence is set when the sender has since sent a newer bundle
	// to this vault (LastSequence).
	OlderSequence   bool
	LastSequence    uint64
	Cases           []PlanItem
	Attachments     int
	AttachmentBytes int64
}

// Count is the number of cases planned for action a.
func (b *Info) Count(a PlanAction) int {
	n := 0
	for _, c := range b.Cases {
		if c.Action == a {
			n++
		}
	}
	return n
}

// describe fills what a bundle's manifest tells, reading the vault's
// bookkeeping through t.
func describe(t *vault.Tx, self crypto.PublicKey, ob *Opened) (*Info, []vault.Contact, error) {
	m := ob.Manifest
	info := &Info{ID: m.ID, Created: m.Created, Sequence: m.Sequence, Redaction: cases.Redaction(m.Redaction),
		Passphrase: m.Passphrase, Sender: ob.Sender, Fingerprint: ob.Sender.Fingerprint(), SenderStatus: SenderUnknown}
	contacts, err := t.Contacts()
	if err != nil {
		return nil, nil, err
	}
	if ob.Sender.Equal(self) {
		info.SenderStatus = SenderSelf
	} else if c, ok := vault.ContactByKey(contacts, ob.Sender); ok {
		info.SenderStatus, info.SenderName, info.SenderVerified = SenderContact, c.Name, c.Verified
	}
	for _, r := range m.Recipients {
		br := Recipient{Key: r, Self: r == self.Age.String()}
		for _, c := range contacts {
			if c.Key.Age.String() == r {
				br.Name = c.Name
			}
		}
		info.Recipients = append(info.Recipients, br)
	}
	if _, err := t.Record(kindBundleSeen, m.ID); err == nil {
		info.AlreadyImported = true
	} else if !errors.Is(err, vault.ErrNotFound) {
		return nil, nil, err
	}
	last, err := senderSequence(t, ob.Sender)
	if err != nil {
		return nil, nil, err
	}
	info.LastSequence = last
	info.OlderSequence = m.Sequence <= last && !info.AlreadyImported
	return info, contacts, nil
}

func senderSequence(t *vault.Tx, sender crypto.PublicKey) (uint64, error) {
	data, err := t.Record(kindBundleSender, vault.ContactID(sender))
	if errors.Is(err, vault.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseUint(string(data), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("bundle sender record: %w", crypto.ErrCorrupt)
	}
	return n, nil
}

// plan decides what to do with each incoming case, reading through t.
func plan(t *vault.Tx, in *incoming) ([]PlanItem, error) {
	out := make([]PlanItem, len(in.cases))
	numbers := map[string]string{}
	for i, c := range in.cases {
		mc := in.ob.Manifest.Cases[i]
		it := PlanItem{ID: c.ID, Number: c.Number, Name: c.Person.Name, Version: c.Version}
		local, err := t.Case(c.ID)
		var ts vault.Tombstone
		if errors.Is(err, vault.ErrNotFound) {
			if ts, err = t.Tombstone(c.ID); err == nil {
				it.Action, it.LocalVersion = PlanDeleted, ts.Version
				out[i] = it
				continue
			}
		}
		switch {
		case errors.Is(err, vault.ErrNotFound):
			it.Action = PlanNew
			if c.Number != "" {
				key := strings.ToUpper(c.Number)
				if t.NumberTaken(c.Number, c.ID) {
					it.NumberTaken = true
				}
				if other, ok := numbers[key]; ok && other != c.ID {
					it.NumberTaken = true
				}
				numbers[key] = c.ID
			}
		case err != nil:
			return nil, err
		default:
			it.LocalVersion = local.Version
			if it.Action, err = compare(t, local, mc); err != nil {
				return nil, err
			}
			if it.Action == PlanConflict {
				kept, err := t.HasConflict(c.ID, mc.SHA256)
				if err != nil {
					return nil, err
				}
				if kept {
					it.Action = PlanSame // this divergent version is already kept
				}
			}
		}
		out[i] = it
	}
	return out, nil
}

// compare places an incoming version against the local case by the hashes
// of their common versions.
func compare(t *vault.Tx, local cases.Case, mc ManifestCase) (PlanAction, error) {
	lh := CaseHash(local)
	switch {
	case mc.Version == local.Version:
		if mc.SHA256 == lh {
			return PlanSame, nil
		}
	case mc.Version > local.Version:
		for _, p := range mc.Parents {
			if p.Version == local.Version && p.SHA256 == lh {
				return PlanUpdate, nil
			}
		}
	default:
		rb, err := t.Version(local.ID, mc.Version)
		if errors.Is(err, vault.ErrNotFound) {
			return PlanConflict, nil
		}
		if err != nil {
			return "", err
		}
		if CaseHash(rb.Case) == mc.SHA256 {
			return PlanOlder, nil
		}
	}
	return PlanConflict, nil
}
