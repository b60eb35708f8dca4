// Package vault is the encrypted SQLite store of cases: one file holding
// key slots, sealed records and their revisions, attachments and an
// integrity head (docs/FORMAT.md describes every table and blob).
//
// Its contract:
//
//   - Create makes a vault and returns its recovery key; Open opens one
//     locked; Unlock (passphrase) or UnlockWithRecoveryKey derive the keys,
//     upgrade a vault of an older format (upgrade.go), check the integrity
//     head against every row and fill the search and identifier indexes
//     from the decrypted overviews; Lock wipes the keys and empties the
//     indexes. The file shows no record kind, version, time or counter
//     (layout.go, state.go): Info has only the id and path while locked.
//   - Add, AddAll, Update, Delete, Get, History and Revision read and write
//     cases; Update is optimistic (ErrConflict when the case changed since
//     it was read). Every write is one transaction that also updates the
//     integrity head, so a row deleted, restored or replaced behind the
//     vault's back fails the next unlock with ErrTampered.
//   - ReadTx and WriteTx give packages built on the vault (bundle) a Tx:
//     reads and all-or-nothing writes of cases with their history,
//     conflicts, contacts, attachments and records, without knowing how
//     they are sealed; Tx.Remember keeps what they carry between calls until
//     Lock.
//   - Attachments are sealed in 64 KiB STREAM chunks (AddAttachment,
//     OpenAttachment); contacts, merges, conflicts and "not the same
//     person" decisions are sealed records of their own kinds.
//
// Errors are the sentinels of errors.go wrapped with the operation; none
// carries case plaintext. A Vault is safe for concurrent use. Only this
// package imports database/sql and the SQLite driver.
package vault
