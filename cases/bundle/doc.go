// Package bundle is how cases travel between vaults: a signed, encrypted
// file (docs/FORMAT.md, "Bundles").
//
// The envelope is an age v1 file, to the recipients' X25519 keys plus the
// sender's own, or to a passphrase alone, so anyone with the age tool and
// the right key can still read it in decades. Inside it, a container of
// named entries begins with a manifest (Manifest: bundle id, sender, sender
// sequence, creation time, the sorted recipient list, and per case its id,
// version, parent version hashes and content hash) and the sender's Ed25519
// signature over it; the signature covers the recipient list, so a bundle
// re-encrypted to someone else is detected (ErrRecipientMismatch).
//
// On top of the container, this package moves cases between a vault and a
// bundle: Export (and ExportTo) writes chosen cases with their history and,
// optionally, attachments, redacted by a cases.Redaction profile; Inspect
// verifies a bundle and plans each case (new, update, same, older,
// conflict) without writing; Import applies that plan in one vault
// transaction (vault.WriteTx), all or nothing. It reaches the vault only
// through its exported API and its Tx.
//
// Write seals a bundle; Read and Open verify one (caps on sizes and counts
// before anything is allocated, strict manifest parsing, signature,
// recipients, every entry's size and hash) and hand its entries over one by
// one. A reader that reaches the end with every check passed holds what the
// sender sealed; any other outcome is an error wrapping crypto.ErrCorrupt or
// one of this package's sentinels.
package bundle
