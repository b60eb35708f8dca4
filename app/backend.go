package app

import (
	"context"

	"kintrace/cases"
	"kintrace/cases/search"
	"kintrace/cases/vault"
)

// Vault is what the screens need from the encrypted store. *vault.Vault
// implements it; tests run the screens against a real vault in a temporary
// folder.
type Vault interface {
	// Info is readable while locked (the unlock screen shows LastSaved).
	Info() vault.Info
	// Unlock derives the key from the passphrase and loads the index,
	// reporting progress of the index load. A wrong passphrase returns an
	// error wrapping crypto.ErrWrongPassphrase.
	Unlock(ctx context.Context, passphrase []byte, progress func(done, total int)) error
	UnlockWithRecoveryKey(ctx context.Context, key string, progress func(done, total int)) error
	ChangePassphrase(newPassphrase []byte) error
	// Lock wipes the keys and empties the index.
	Lock() error
	Locked() bool
	Close() error
	// Destroy wipes the keys, overwrites the key slots in the file and
	// deletes the vault's files, without the passphrase (the panic wipe).
	// The Vault cannot be used afterwards.
	Destroy() error

	// Index is the in-memory search index (its Facets fill the filters).
	Index() *search.Index
	Search(q search.Query) []cases.Overview

	Get(ctx context.Context, idOrNumber string) (cases.Case, error)
	Add(ctx context.Context, c cases.Case) (cases.Case, error)
	// AddAll stores new cases in one transaction: all or none.
	AddAll(ctx context.Context, cs []cases.Case) ([]cases.Case, error)
	Update(ctx context.Context, c cases.Case) (cases.Case, error)
	Delete(ctx context.Context, id string) error
	History(ctx context.Context, id string) ([]vault.Revision, error)
	Revision(ctx context.Context, id string, version int64) (cases.Case, error)
}

var _ Vault = (*vault.Vault)(nil)

// openVault opens the vault file at path, locked.
func openVault(path string) (Vault, error) {
	v, err := vault.Open(path)
	if err != nil {
		return nil, err
	}
	return v, nil
}

// createVault creates a vault file at path, unlocked, and returns it with
// its recovery key.
func createVault(path string, passphrase []byte) (Vault, string, error) {
	v, key, err := vault.Create(path, passphrase, vault.CreateOptions{})
	if err != nil {
		return nil, "", err
	}
	return v, key, nil
}
