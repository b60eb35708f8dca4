package vault

import "errors"

// Sentinel errors of the store. Callers test them with errors.Is; the GUI
// maps each to a translated sentence. None of them carries case plaintext.
var (
	ErrNotFound = errors.New("cases: not found")
	ErrConflict = errors.New("cases: the case was changed since it was opened")
	ErrLocked   = errors.New("cases: the vault is locked")
	ErrExists   = errors.New("cases: already exists")
	// ErrTampered reports that the vault's rows no longer match its
	// integrity head: a record was removed, restored from an older copy or
	// replaced.
	ErrTampered = errors.New("cases: the vault's records do not match its integrity record")
	// ErrNotVault reports a file that is not a Kintrace vault.
	ErrNotVault = errors.New("cases: not a Kintrace vault")
)
