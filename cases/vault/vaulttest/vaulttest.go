// Package vaulttest is the test kit of the vault and of the packages built
// on it (bundle): temporary vaults, a sample case, deterministic attachment
// bytes and raw access to a closed vault's SQLite file for tamper tests.
// Only tests import it.
package vaulttest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"hash"
	"io"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"kintrace/cases"
	"kintrace/cases/vault"
)

// Passphrase unlocks every vault New creates.
const Passphrase = "correct horse battery staple"

// New creates an unlocked vault (owner "Marina") in a fresh temporary
// folder and returns it with its path and recovery key; it is closed when
// the test ends. Tests run it under crypto.UseInsecureKDFForTests.
func New(t testing.TB) (*vault.Vault, string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "vault", "test.kintrace")
	v, recovery, err := vault.Create(path, []byte(Passphrase), vault.CreateOptions{Owner: "Marina"})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	t.Cleanup(func() { v.Close() })
	return v, path, recovery
}

// Reopen closes v, opens the vault at path again and unlocks it.
func Reopen(t testing.TB, v *vault.Vault, path string) *vault.Vault {
	t.Helper()
	if err := v.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return OpenUnlocked(t, path)
}

// OpenUnlocked opens the vault at path and unlocks it with Passphrase; it
// is closed when the test ends.
func OpenUnlocked(t testing.TB, path string) *vault.Vault {
	t.Helper()
	v, err := vault.Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { v.Close() })
	if err := v.Unlock(context.Background(), []byte(Passphrase), nil); err != nil {
		t.Fatalf("Unlock: %v", err)
	}
	return v
}

// SampleCase is a valid case about a person called name, with a phone, a
// facility and one message.
func SampleCase(name string) cases.Case {
	return cases.Case{
		Status:   cases.Status("contact_lost"),
		Priority: cases.Priority("high"),
		Tags:     []string{"recruitment"},
		Person: cases.Person{
			Name:     name,
			Aliases:  []string{"Sergei Lebedev"},
			Facility: "IK-17, Mordovia",
			Phones:   []string{"+7 912 555-01-23"},
		},
		Events: []cases.Event{{
			Date: "2022-07-10", Type: "message_received", Channel: "whatsapp",
			From: "+7 999 000-44-17", Text: "Asked for a passport copy", Source: "reporter",
			Verification: "unverified",
		}},
	}
}

// A Pattern yields n deterministic pseudo-random bytes and hashes them.
type Pattern struct {
	rng  *rand.ChaCha8
	n    int64
	hash hash.Hash
}

// NewPattern returns a Pattern of n bytes; the same seed gives the same
// bytes.
func NewPattern(n int64, seed byte) *Pattern {
	return &Pattern{rng: rand.NewChaCha8([32]byte{seed}), n: n, hash: sha256.New()}
}

func (p *Pattern) Read(b []byte) (int, error) {
	if p.n == 0 {
		return 0, io.EOF
	}
	if int64(len(b)) > p.n {
		b = b[:p.n]
	}
	p.rng.Read(b)
	p.hash.Write(b)
	p.n -= int64(len(b))
	return len(b), nil
}

// Sum is the hex SHA-256 of the bytes read so far.
func (p *Pattern) Sum() string { return hex.EncodeToString(p.hash.Sum(nil)) }

// ReadAttachment reads an attachment of v whole.
func ReadAttachment(t testing.TB, v *vault.Vault, id string) ([]byte, vault.Attachment, error) {
	t.Helper()
	rc, a, err := v.OpenAttachment(context.Background(), id)
	if err != nil {
		return nil, a, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	return data, a, err
}

// Raw runs fn on the closed vault's SQLite file directly, then checkpoints
// its WAL.
func Raw(t testing.TB, path string, fn func(db *sql.DB)) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fn(db)
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
}

// ChunkRows counts the attachment chunk rows of the closed vault at path.
func ChunkRows(t testing.TB, path string) int {
	t.Helper()
	var n int
	Raw(t, path, func(db *sql.DB) {
		if err := db.QueryRow(`SELECT count(*) FROM attachment_chunks`).Scan(&n); err != nil {
			t.Fatal(err)
		}
	})
	return n
}
