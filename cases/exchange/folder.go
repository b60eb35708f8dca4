package exchange

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"kintrace/cases/vault"
	"kintrace/crypto"
)

// Record kinds of the package (see the package comment).
const (
	kindFolder   = "exchange-folder"
	kindRules    = "exchange-rules"
	kindLedger   = "exchange-ledger"
	kindInbox    = "exchange-inbox"
	folderID     = "settings"
	outboxDir    = "outbox"
	inboxDir     = "inbox"
	fileExt      = ".kintrace"
	recordFormat = 1
)

// Errors of the package.
var (
	// ErrNoFolder reports a vault without an exchange folder.
	ErrNoFolder = errors.New("exchange: no exchange folder is set")
	// ErrNothingToSend reports a send with nothing the contact lacks.
	ErrNothingToSend = errors.New("exchange: the contact already has everything")
	// ErrNeedsConfirmation reports deletions received without the user's
	// confirmation (ReceiveOptions.ConfirmDeletions).
	ErrNeedsConfirmation = errors.New("exchange: deletions wait for confirmation")
	// ErrNotReady reports a Receive of an item whose Status cannot be
	// taken in (still arriving, damaged, from an unknown key, handled).
	ErrNotReady = errors.New("exchange: this inbox item cannot be received")
)

// Folder is a vault's exchange folder.
type Folder struct {
	Path string `json:"path"`
	// Tag is this vault's random file tag, the first part of every name it
	// writes to its outbox.
	Tag string `json:"tag"`
}

// Outbox is the folder where this vault writes.
func (f Folder) Outbox() string { return filepath.Join(f.Path, outboxDir) }

// Inbox is the folder where this vault reads.
func (f Folder) Inbox() string { return filepath.Join(f.Path, inboxDir) }

// GetFolder returns the vault's exchange folder, ErrNoFolder when none is set.
func GetFolder(ctx context.Context, v *vault.Vault) (Folder, error) {
	data, err := v.GetRecord(ctx, kindFolder, folderID)
	if errors.Is(err, vault.ErrNotFound) {
		return Folder{}, ErrNoFolder
	}
	if err != nil {
		return Folder{}, err
	}
	var f Folder
	if err := json.Unmarshal(data, &f); err != nil || f.Path == "" || !isHexN(f.Tag, 8) {
		return Folder{}, fmt.Errorf("exchange folder record: %w", crypto.ErrCorrupt)
	}
	return f, nil
}

// SetFolder makes dir (created if missing) the vault's exchange folder,
// with its outbox/ and inbox/, and keeps the vault's file tag when it had
// one.
func SetFolder(ctx context.Context, v *vault.Vault, dir string) (Folder, error) {
	abs, err := filepath.Abs(strings.TrimSpace(dir))
	if err != nil || strings.TrimSpace(dir) == "" {
		return Folder{}, fmt.Errorf("exchange folder: %w", os.ErrInvalid)
	}
	for _, sub := range []string{outboxDir, inboxDir} {
		if err := os.MkdirAll(filepath.Join(abs, sub), 0o700); err != nil {
			return Folder{}, fmt.Errorf("exchange folder: %w", err)
		}
	}
	f, err := GetFolder(ctx, v)
	if err != nil && !errors.Is(err, ErrNoFolder) {
		return Folder{}, err
	}
	if f.Tag == "" {
		if f.Tag, err = randomHex(4); err != nil {
			return Folder{}, err
		}
	}
	f.Path = abs
	data, _ := json.Marshal(f)
	if err := v.PutRecord(ctx, kindFolder, folderID, data); err != nil {
		return Folder{}, err
	}
	return f, nil
}

func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

func isHexN(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// FileName is the outbox name of this vault's file with the sequence seq.
func FileName(tag string, seq uint64) string {
	return fmt.Sprintf("%s-%08d%s", tag, seq, fileExt)
}

// writeOutbox writes a file through fn into a temporary file in the
// exchange folder itself (not in the synced outbox), synced, then renamed
// into the outbox under the name that name returns once fn is done (it
// knows the sequence number only then). A failure leaves nothing.
func writeOutbox(f Folder, fn func(w io.Writer) (string, error)) (path string, size int64, err error) {
	if err := os.MkdirAll(f.Outbox(), 0o700); err != nil {
		return "", 0, err
	}
	tmp, err := os.CreateTemp(f.Path, ".kintrace-exchange-*.tmp")
	if err != nil {
		return "", 0, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return "", 0, err
	}
	name, err := fn(tmp)
	if err != nil {
		return "", 0, err
	}
	if err = tmp.Sync(); err != nil {
		return "", 0, err
	}
	st, err := tmp.Stat()
	if err != nil {
		return "", 0, err
	}
	if err = tmp.Close(); err != nil {
		return "", 0, err
	}
	path = filepath.Join(f.Outbox(), name)
	if err = os.Rename(tmp.Name(), path); err != nil {
		return "", 0, err
	}
	return path, st.Size(), nil
}
