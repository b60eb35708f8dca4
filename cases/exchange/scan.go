package exchange

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"kintrace/cases/bundle"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// Status is what an inbox file is, for its line in the inbox.
type Status string

// Statuses of inbox items.
const (
	// StatusArriving: still being written or synced (modified too
	// recently); looked at again on the next scan.
	StatusArriving Status = "arriving"
	// StatusReady: a bundle from a contact, inspected; Info has the plan.
	StatusReady Status = "ready"
	// StatusReceipt: a contact's receipt, to take into the ledger.
	StatusReceipt Status = "receipt"
	// StatusDeletions: a contact's deletions, which the user confirms.
	StatusDeletions Status = "deletions"
	// StatusHandled: this very file (by its hash) was handled before.
	StatusHandled Status = "handled"
	// StatusNotBundle: not a Kintrace file at all.
	StatusNotBundle Status = "not_bundle"
	// StatusDamaged: a Kintrace file that does not verify (truncated,
	// altered).
	StatusDamaged Status = "damaged"
	// StatusUnknownSender: signed by a key that is not a contact; nothing
	// of it is taken in (import it by hand after checking the sender).
	StatusUnknownSender Status = "unknown_sender"
	// StatusPassphrase: a bundle locked with a passphrase (import it by
	// hand).
	StatusPassphrase Status = "passphrase"
	// StatusUnreadable: the file could not be read (permissions, I/O).
	StatusUnreadable Status = "unreadable"
)

// InboxItem is one file of the inbox.
type InboxItem struct {
	Path    string
	Name    string // relative to the inbox, with '/'
	Size    int64
	ModTime time.Time
	Hash    string // hex SHA-256 of the file
	Status  Status
	// Sender is the signer, SenderName the contact's name, Verified
	// whether the contact is verified; Auto is set when the contact's
	// rules import its bundles without asking.
	Sender     crypto.PublicKey
	SenderName string
	Verified   bool
	Auto       bool
	// Info is a bundle's inspection (StatusReady); Message a receipt's or
	// notice's content.
	Info    *bundle.Info
	Message *Message
	// Outcome is, for StatusHandled, what was done with it then.
	Outcome string
	// Err is the underlying error of StatusDamaged or StatusUnreadable.
	Err error

	id     string // the bundle's or message's id
	holds  []Holding
	attIDs []string
}

// ScanOptions tune Scan.
type ScanOptions struct {
	// Now is the time of the scan (time.Now when zero); a file modified
	// less than Settle before it is StatusArriving. Settle defaults to
	// DefaultSettle.
	Now    time.Time
	Settle time.Duration
}

// DefaultSettle is how long a file must be left unchanged before it is
// read: long enough for a copy or a sync to finish writing it.
const DefaultSettle = 3 * time.Second

// partial tells the temporary names of sync engines and copies: Syncthing
// (".syncthing.NAME.tmp", "~syncthing~NAME.tmp"), and any hidden or
// ".tmp"/".part" file.
func partial(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~syncthing~") ||
		strings.HasSuffix(name, ".tmp") || strings.HasSuffix(name, ".part") || strings.HasSuffix(name, ".crdownload")
}

// scanCache remembers, while the vault is unlocked, the hash of each file
// by path, size and time, and the files that are not for this vault, so
// that a scan neither rehashes nor reopens them.
type scanCache struct {
	mu    sync.Mutex
	files map[string]cachedFile
}

type cachedFile struct {
	size    int64
	mod     time.Time
	hash    string
	notOurs bool
}

type scanCacheKey struct{}

func cacheOf(ctx context.Context, v *vault.Vault) *scanCache {
	var c *scanCache
	v.ReadTx(ctx, func(t *vault.Tx) error {
		c, _ = t.Recall(scanCacheKey{}).(*scanCache)
		if c == nil {
			c = &scanCache{files: map[string]cachedFile{}}
			t.Remember(scanCacheKey{}, c)
		}
		return nil
	})
	if c == nil {
		c = &scanCache{files: map[string]cachedFile{}}
	}
	return c
}

// handledRecord is exchange-inbox/<hash>.
type handledRecord struct {
	Outcome string    `json:"outcome"`
	At      time.Time `json:"at"`
}

// Scan lists the inbox's files, oldest name first, each with its Status.
// Files of a sync engine's temporary names are left out, and so are files
// addressed to other vaults and this vault's own files (a folder shared by
// the whole team holds them), silently. Scan writes nothing to the vault.
func Scan(ctx context.Context, v *vault.Vault, opt ScanOptions) ([]InboxItem, error) {
	f, err := GetFolder(ctx, v)
	if err != nil {
		return nil, err
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.Settle == 0 {
		opt.Settle = DefaultSettle
	}
	cache := cacheOf(ctx, v)
	var items []InboxItem
	root := f.Inbox()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root {
				return err
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		name := d.Name()
		if d.IsDir() {
			rel, _ := filepath.Rel(root, path)
			if path != root && (strings.HasPrefix(name, ".") || strings.Count(rel, string(filepath.Separator)) >= 1) {
				return filepath.SkipDir
			}
			return nil
		}
		if partial(name) || !d.Type().IsRegular() {
			return nil
		}
		it, keep := scanFile(ctx, v, cache, root, path, opt)
		if keep {
			items = append(items, it)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(items, func(i, j int) bool { return items[i].Name < items[j].Name })
	return items, nil
}

// scanFile looks at one inbox file; keep is false for a file that is not
// this vault's business.
func scanFile(ctx context.Context, v *vault.Vault, cache *scanCache, root, path string, opt ScanOptions) (it InboxItem, keep bool) {
	rel, _ := filepath.Rel(root, path)
	it = InboxItem{Path: path, Name: filepath.ToSlash(rel)}
	st, err := os.Stat(path)
	if err != nil {
		it.Status, it.Err = StatusUnreadable, err
		return it, true
	}
	it.Size, it.ModTime = st.Size(), st.ModTime()
	if opt.Now.Sub(it.ModTime) < opt.Settle {
		it.Status = StatusArriving
		return it, true
	}
	cache.mu.Lock()
	cf, ok := cache.files[path]
	cache.mu.Unlock()
	if !ok || cf.size != it.Size || !cf.mod.Equal(it.ModTime) {
		if cf.hash, err = hashFile(path); err != nil {
			it.Status, it.Err = StatusUnreadable, err
			return it, true
		}
		cf = cachedFile{size: it.Size, mod: it.ModTime, hash: cf.hash}
	}
	it.Hash = cf.hash
	if cf.notOurs {
		return it, false
	}
	if rec, err := v.GetRecord(ctx, kindInbox, it.Hash); err == nil {
		var h handledRecord
		json.Unmarshal(rec, &h)
		it.Status, it.Outcome = StatusHandled, h.Outcome
		return it, true
	}
	notOurs := inspectFile(ctx, v, &it)
	if notOurs {
		cf.notOurs = true
	}
	cache.mu.Lock()
	cache.files[path] = cf
	cache.mu.Unlock()
	return it, !notOurs
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// inspectFile opens the file with the vault's identity and fills it's
// status; it reports true for a file that is not for this vault.
func inspectFile(ctx context.Context, v *vault.Vault, it *InboxItem) (notOurs bool) {
	file, err := os.Open(it.Path)
	if err != nil {
		it.Status, it.Err = StatusUnreadable, err
		return false
	}
	defer file.Close()
	id, err := v.Identity(ctx)
	if err != nil {
		it.Status, it.Err = StatusUnreadable, err
		return false
	}
	self := id.Public()
	br, err := bundle.Open(ctx, file, bundle.OpenOptions{Identity: id})
	id.Wipe()
	switch {
	case errors.Is(err, bundle.ErrNotRecipient):
		return true
	case errors.Is(err, bundle.ErrNotBundle):
		it.Status, it.Err = StatusNotBundle, err
		return false
	case errors.Is(err, bundle.ErrNeedPassphrase):
		it.Status = StatusPassphrase
		return false
	case err != nil:
		it.Status, it.Err = StatusDamaged, err
		return false
	}
	defer br.Close()
	ob := br.Opened()
	it.Sender, it.id = ob.Sender, ob.Manifest.ID
	if ob.Sender.Equal(self) {
		return true // this vault's own file, echoed by a shared folder
	}
	contacts, err := v.Contacts(ctx)
	if err != nil {
		it.Status, it.Err = StatusUnreadable, err
		return false
	}
	c, known := vault.ContactByKey(contacts, ob.Sender)
	if !known {
		it.Status = StatusUnknownSender
		return false
	}
	it.SenderName, it.Verified = c.Name, c.Verified
	if isMessage(ob.Manifest) {
		m, err := readMessage(ctx, br)
		if err != nil {
			it.Status, it.Err = StatusDamaged, err
			return false
		}
		it.Message = m
		it.Status = StatusReceipt
		if m.Kind == KindDeletions {
			it.Status = StatusDeletions
		}
		return false
	}
	for _, mc := range ob.Manifest.Cases {
		it.holds = append(it.holds, Holding{ID: mc.ID, Version: mc.Version, SHA256: mc.SHA256})
	}
	for _, e := range ob.Manifest.Entries {
		if a, ok := strings.CutPrefix(e.Name, "attachments/"); ok {
			it.attIDs = append(it.attIDs, a)
		}
	}
	br.Close()
	info, err := bundle.Inspect(ctx, v, it.Path, bundle.ImportOptions{})
	if err != nil {
		it.Status, it.Err = StatusDamaged, err
		return false
	}
	it.Info, it.Status = info, StatusReady
	if rules, err := GetRules(ctx, v, c); err == nil {
		it.Auto = rules.AutoImport && c.Verified
	}
	return false
}
