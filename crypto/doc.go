// Package crypto holds Kintrace's cryptography: keys, key slots, sealing,
// streams, identities and the bundle envelope. It never imports Fyne.
package crypto

import (
	_ "filippo.io/age"
	_ "golang.org/x/crypto/argon2"
	_ "golang.org/x/crypto/chacha20poly1305"
	_ "golang.org/x/crypto/hkdf"
)
