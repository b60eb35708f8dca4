// Package crypto holds Kintrace's cryptography: keys and subkeys, key slots
// that wrap the vault's master key, sealed blobs for records and the STREAM
// construction for attachments.
//
// Everything here is built from three primitives and nothing else:
// XChaCha20-Poly1305 for encryption, HKDF-SHA256 for subkeys and Argon2id
// for passphrases. The byte layouts are specified in docs/FORMAT.md
// ("Sealed blobs and key slots"); changing any of them needs a new format
// version.
//
// Secrets live in byte slices ([Key], passphrases) so that they can be wiped
// with [Wipe]. Go cannot promise more than that: the garbage collector may
// have copied a slice before it was wiped, and strings cannot be wiped at all.
//
// The package never imports Fyne and never puts secrets or plaintext in error
// strings.
package crypto
