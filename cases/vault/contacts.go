package vault

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"kintrace/cases"
	"kintrace/cases/search"
	"kintrace/crypto"
)

// The vault's identity and its contacts are sealed generic records:
//
//	identity/self        the age X25519 identity and Ed25519 key (crypto.Identity.Marshal)
//	identity/sequence    the number of the last bundle this vault signed
//	contact/<fingerprint> one colleague: name, public key, verified flag
const (
	kindIdentity   = "identity"
	kindContact    = "contact"
	identitySelf   = "self"
	identitySeqID  = "sequence"
	maxContactName = 200
)

// ErrSelfContact reports an attempt to add the vault's own key as a contact.
var ErrSelfContact = errors.New("cases: this is the vault's own key")

// Contact is a colleague whose bundles this vault can open and verify.
type Contact struct {
	Name string
	Key  crypto.PublicKey
	// Verified is set once the user has compared fingerprints with the
	// colleague in person or on a call.
	Verified bool
	AddedAt  time.Time
}

// Fingerprint is the contact key's fingerprint.
func (c Contact) Fingerprint() string { return c.Key.Fingerprint() }

type contactJSON struct {
	Name     string    `json:"name"`
	Key      string    `json:"key"`
	Verified bool      `json:"verified"`
	AddedAt  time.Time `json:"added_at"`
}

// ContactID is the record id of the contact holding p (also the id of
// records kept per sender, such as the last bundle sequence seen).
func ContactID(p crypto.PublicKey) string {
	return strings.ReplaceAll(p.Fingerprint(), " ", "")
}

// Identity returns the vault's identity, creating it the first time it is
// asked for (vaults get one on first use: creating the vault does not need
// it). The caller should Wipe it after use.
func (v *Vault) Identity(ctx context.Context) (*crypto.Identity, error) {
	var id *crypto.Identity
	err := v.withKeys(func(k *keyring) error {
		got, err := v.readIdentity(ctx, v.db, k)
		if err == nil {
			id = got
			return nil
		}
		if !errors.Is(err, ErrNotFound) {
			return err
		}
		return v.write(ctx, func(tx *sql.Tx) error {
			// Read again inside the write transaction: another caller
			// may have created it meanwhile.
			got, err := v.readIdentity(ctx, tx, k)
			if err == nil {
				id = got
				return nil
			}
			if !errors.Is(err, ErrNotFound) {
				return err
			}
			if id, err = crypto.NewIdentity(); err != nil {
				return err
			}
			data := id.Marshal()
			defer crypto.Wipe(data)
			return v.putRecordTx(tx, k, kindIdentity, identitySelf, data)
		})
	})
	if err != nil {
		return nil, fmt.Errorf("identity: %w", err)
	}
	return id, nil
}

type querier interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}

// getRecordQ reads a generic record through q (the vault or a transaction).
func (v *Vault) getRecordQ(ctx context.Context, q querier, k *keyring, kind, id string) ([]byte, error) {
	row := rowID(k, kind, id)
	r, err := v.readRow(q, ctx, k, row)
	if err != nil {
		return nil, err
	}
	gotID, data, err := v.openRecord(k, kind, row, r)
	if err != nil {
		return nil, err
	}
	if gotID != id {
		crypto.Wipe(data)
		return nil, fmt.Errorf("record: %w", crypto.ErrCorrupt)
	}
	return data, nil
}

func (v *Vault) readIdentity(ctx context.Context, q querier, k *keyring) (*crypto.Identity, error) {
	data, err := v.getRecordQ(ctx, q, k, kindIdentity, identitySelf)
	if err != nil {
		return nil, err
	}
	defer crypto.Wipe(data)
	return crypto.ParseIdentity(data)
}

// PublicKey is the vault's public key, to give to colleagues.
func (v *Vault) PublicKey(ctx context.Context) (crypto.PublicKey, error) {
	id, err := v.Identity(ctx)
	if err != nil {
		return crypto.PublicKey{}, err
	}
	defer id.Wipe()
	return id.Public(), nil
}

// NextSequence takes the vault's next bundle sequence number.
func (v *Vault) NextSequence(ctx context.Context) (uint64, error) {
	var seq uint64
	err := v.withKeys(func(k *keyring) error {
		return v.write(ctx, func(tx *sql.Tx) error {
			data, err := v.getRecordQ(ctx, tx, k, kindIdentity, identitySeqID)
			switch {
			case errors.Is(err, ErrNotFound):
			case err != nil:
				return err
			default:
				if seq, err = strconv.ParseUint(string(data), 10, 64); err != nil {
					return fmt.Errorf("bundle sequence: %w", crypto.ErrCorrupt)
				}
			}
			seq++
			return v.putRecordTx(tx, k, kindIdentity, identitySeqID, []byte(strconv.FormatUint(seq, 10)))
		})
	})
	return seq, err
}

// CleanContactName trims a contact name and checks it.
func CleanContactName(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" || len(name) > maxContactName {
		return "", fmt.Errorf("contact name: %w", cases.ErrInvalid)
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return "", fmt.Errorf("contact name: %w", cases.ErrInvalid)
		}
	}
	return name, nil
}

// AddContact stores a colleague's public key under a name. A key or a name
// (compared case-insensitively) already among the contacts is ErrExists; the
// vault's own key is ErrSelfContact.
func (v *Vault) AddContact(ctx context.Context, name string, key crypto.PublicKey) (Contact, error) {
	name, err := CleanContactName(name)
	if err != nil {
		return Contact{}, fmt.Errorf("add contact: %w", err)
	}
	self, err := v.PublicKey(ctx)
	if err != nil {
		return Contact{}, fmt.Errorf("add contact: %w", err)
	}
	if key.Equal(self) {
		return Contact{}, fmt.Errorf("add contact: %w", ErrSelfContact)
	}
	c := Contact{Name: name, Key: key, AddedAt: time.Now().UTC().Truncate(time.Second)}
	err = v.withKeys(func(k *keyring) error {
		return v.write(ctx, func(tx *sql.Tx) error { return v.addContactTx(ctx, tx, k, c) })
	})
	if err != nil {
		return Contact{}, fmt.Errorf("add contact: %w", err)
	}
	return c, nil
}

func (v *Vault) addContactTx(ctx context.Context, tx *sql.Tx, k *keyring, c Contact) error {
	all, err := v.contactsQ(ctx, tx, k)
	if err != nil {
		return err
	}
	for _, o := range all {
		if o.Key.Equal(c.Key) || strings.EqualFold(o.Name, c.Name) {
			return ErrExists
		}
	}
	return v.putContactTx(tx, k, c)
}

func (v *Vault) putContactTx(tx *sql.Tx, k *keyring, c Contact) error {
	data, err := json.Marshal(contactJSON{Name: c.Name, Key: c.Key.String(), Verified: c.Verified, AddedAt: c.AddedAt})
	if err != nil {
		return err
	}
	defer crypto.Wipe(data)
	return v.putRecordTx(tx, k, kindContact, ContactID(c.Key), data)
}

// Contacts lists the contacts by name.
func (v *Vault) Contacts(ctx context.Context) ([]Contact, error) {
	var out []Contact
	err := v.withKeys(func(k *keyring) error {
		var err error
		out, err = v.contactsQ(ctx, v.db, k)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("contacts: %w", err)
	}
	return out, nil
}

func (v *Vault) contactsQ(ctx context.Context, q querier, k *keyring) ([]Contact, error) {
	var raw []struct {
		row string
		r   storedRow
	}
	err := v.scanKind(ctx, q, k, kindContact, func(row string, r *storedRow) error {
		raw = append(raw, struct {
			row string
			r   storedRow
		}{row, *r})
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Contact, 0, len(raw))
	for _, x := range raw {
		id, data, err := v.openRecord(k, kindContact, x.row, &x.r)
		if err != nil {
			return nil, err
		}
		var j contactJSON
		err = json.Unmarshal(data, &j)
		crypto.Wipe(data)
		if err != nil {
			return nil, fmt.Errorf("contact: %w", crypto.ErrCorrupt)
		}
		key, err := crypto.ParsePublicKey(j.Key)
		if err != nil || ContactID(key) != id {
			return nil, fmt.Errorf("contact: %w", crypto.ErrCorrupt)
		}
		out = append(out, Contact{Name: j.Name, Key: key, Verified: j.Verified, AddedAt: j.AddedAt})
	}
	slices.SortFunc(out, func(a, b Contact) int { return strings.Compare(search.Fold(a.Name), search.Fold(b.Name)) })
	return out, nil
}

// FindContact finds a contact by name (case-insensitively) or by
// fingerprint (as typed, see crypto.NormalizeFingerprint); ErrNotFound when
// there is none.
func (v *Vault) FindContact(ctx context.Context, nameOrFingerprint string) (Contact, error) {
	all, err := v.Contacts(ctx)
	if err != nil {
		return Contact{}, err
	}
	c, ok := findContact(all, nameOrFingerprint)
	if !ok {
		return Contact{}, fmt.Errorf("contact: %w", ErrNotFound)
	}
	return c, nil
}

func findContact(all []Contact, nameOrFingerprint string) (Contact, bool) {
	fp := crypto.NormalizeFingerprint(nameOrFingerprint)
	want := strings.Join(strings.Fields(nameOrFingerprint), " ")
	for _, c := range all {
		if strings.EqualFold(c.Name, want) || fp != "" && c.Fingerprint() == fp {
			return c, true
		}
	}
	return Contact{}, false
}

// ContactByKey returns the contact of all that holds key.
func ContactByKey(all []Contact, key crypto.PublicKey) (Contact, bool) {
	for _, c := range all {
		if c.Key.Equal(key) {
			return c, true
		}
	}
	return Contact{}, false
}

// SetContactVerified marks a contact (by name or fingerprint) as verified
// or not.
func (v *Vault) SetContactVerified(ctx context.Context, nameOrFingerprint string, verified bool) (Contact, error) {
	var out Contact
	err := v.withKeys(func(k *keyring) error {
		return v.write(ctx, func(tx *sql.Tx) error {
			all, err := v.contactsQ(ctx, tx, k)
			if err != nil {
				return err
			}
			c, ok := findContact(all, nameOrFingerprint)
			if !ok {
				return ErrNotFound
			}
			c.Verified = verified
			out = c
			return v.putContactTx(tx, k, c)
		})
	})
	if err != nil {
		return Contact{}, fmt.Errorf("verify contact: %w", err)
	}
	return out, nil
}

// RemoveContact deletes a contact (by name or fingerprint).
func (v *Vault) RemoveContact(ctx context.Context, nameOrFingerprint string) error {
	c, err := v.FindContact(ctx, nameOrFingerprint)
	if err != nil {
		return fmt.Errorf("remove contact: %w", err)
	}
	if err := v.DeleteRecord(ctx, kindContact, ContactID(c.Key)); err != nil {
		return fmt.Errorf("remove contact: %w", err)
	}
	return nil
}
