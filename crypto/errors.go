package crypto

import "errors"

// Sentinel errors. Functions wrap them with %w and the operation, so callers
// test them with errors.Is. None of the wrapped messages ever contain
// plaintext, keys or passphrases.
var (
	// ErrWrongPassphrase is deliberately vague: it does not say whether the
	// passphrase or recovery key was wrong or the slot was tampered with,
	// because an authentication failure cannot tell the two apart.
	ErrWrongPassphrase = errors.New("crypto: wrong passphrase or recovery key")

	// ErrCorrupt reports data that failed authentication or is malformed.
	ErrCorrupt = errors.New("crypto: data is damaged or has been tampered with")

	// ErrUnsupported reports a format version this build does not know,
	// typically a file written by a newer Kintrace.
	ErrUnsupported = errors.New("crypto: unsupported format version")
)

// errKeySize reports a programming error: a key of the wrong length.
var errKeySize = errors.New("crypto: key must be 32 bytes")
