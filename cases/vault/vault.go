package vault

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/search"
	"kintrace/crypto"
)

// FormatVersion is the vault file format this code writes. It also reads
// formats "1" and "2" and upgrades them to this one at the first unlock
// (upgrade.go, migrate.go).
const FormatVersion = "3"

// formatV1 is the first layout, with plaintext kinds, versions and times.
const formatV1 = "1"

// Slot ids inside a vault.
const (
	slotPassphrase = "passphrase"
	slotRecovery   = "recovery"
)

// kdfTarget is how long unlocking with a passphrase should take on the
// machine that creates the vault.
const kdfTarget = 700 * time.Millisecond

// CreateOptions tune a new vault.
type CreateOptions struct {
	// KDF overrides calibration (tests use crypto.UseInsecureKDFForTests
	// instead; this is for benchmarks and tools that need fixed params).
	KDF *crypto.KDFParams
	// Owner is the name recorded as the author of changes ("updated_by").
	Owner string
}

// Info describes a vault. Only ID and Path can be read from the file
// without unlocking it: the rest is sealed (see docs/SECURITY.md, "What
// the file reveals"). A vault not yet unlocked since Open has zero values
// there; once locked again, it keeps LastSaved and Saves as it last knew
// them (for the unlock screen) and zeroes the rest.
type Info struct {
	ID        string
	Path      string
	Prefix    string
	CreatedAt time.Time
	LastSaved time.Time
	// Saves counts the saves since the vault was created (since its
	// upgrade, for a vault made by an older Kintrace): with LastSaved it
	// lets a person notice a vault file put back from an older copy.
	Saves uint64
	// Cases is the number of cases.
	Cases int
}

// Vault is one encrypted SQLite file of cases. It is safe for concurrent use.
// A Vault starts locked (Open) or unlocked (Create); Lock wipes
// its keys and empties its index.
type Vault struct {
	path   string
	db     *sql.DB
	id     []byte
	format string // as read from the file: FormatVersion, formatV2 or formatV1
	prefix string // the case number prefix, known while unlocked

	stateMu sync.Mutex
	state   *vaultState // the sealed state as last saved; nil while locked
	kinds   kindIndex   // the rows of each generic kind, while unlocked

	mu      sync.RWMutex
	keys    *keyring // nil while locked
	owner   string
	index   *search.Index
	numbers numberMap
	idents  patterns.Identifiers // identifiers shared between cases (see package patterns)
	session session              // see Remember
}

// keyring holds the master key and its subkeys while the vault is unlocked.
type keyring struct {
	master, records, head, rows crypto.Key
}

func newKeyring(master crypto.Key) *keyring {
	return &keyring{
		master:  master,
		records: crypto.Derive(master, crypto.PurposeRecords),
		head:    crypto.Derive(master, crypto.PurposeHead),
		rows:    crypto.Derive(master, "row-ids"),
	}
}

func (k *keyring) wipe() {
	k.master.Wipe()
	k.records.Wipe()
	k.head.Wipe()
	k.rows.Wipe()
}

// DefaultPath is where Kintrace keeps its vault unless told otherwise:
// the portable data folder in portable mode (see cases.PortableMarker),
// else the user's data folder (XDG_DATA_HOME or ~/.local/share on Linux,
// Application Support on macOS, AppData on Windows).
func DefaultPath() (string, error) {
	if dir := cases.PortableDir(); dir != "" {
		return filepath.Join(dir, "vault.kintrace"), nil
	}
	var base string
	switch runtime.GOOS {
	case "windows", "darwin":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		base = d
	default:
		base = os.Getenv("XDG_DATA_HOME")
		if base == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", err
			}
			base = filepath.Join(home, ".local", "share")
		}
	}
	return filepath.Join(base, "kintrace", "vault.kintrace"), nil
}

// Create creates a new vault file at path, protected by passphrase,
// and returns it unlocked together with the recovery key, which is shown to
// the user once and never stored.
func Create(path string, passphrase []byte, opt CreateOptions) (*Vault, string, error) {
	ctx := context.Background()
	if len(passphrase) == 0 {
		return nil, "", fmt.Errorf("create vault: empty passphrase")
	}
	db, err := openDB(path, true)
	if err != nil {
		return nil, "", err
	}
	fail := func(err error) (*Vault, string, error) {
		db.Close()
		os.Remove(path)
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
		return nil, "", err
	}
	if err := migrate(ctx, db); err != nil {
		return fail(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	v := &Vault{path: path, db: db, id: make([]byte, 16), format: FormatVersion, prefix: cases.NewNumberPrefix(),
		index: search.NewIndex(), owner: opt.Owner}
	v.state = &vaultState{CreatedAt: now, LastSaved: now, NextNumber: 1, Prefix: v.prefix}
	if _, err := rand.Read(v.id); err != nil {
		return fail(err)
	}
	master, err := crypto.NewKey()
	if err != nil {
		return fail(err)
	}
	params := crypto.CalibrateKDF(kdfTarget)
	if opt.KDF != nil {
		params = *opt.KDF
	}
	pslot, err := crypto.NewPassphraseSlot(v.id, slotPassphrase, passphrase, master, params)
	if err != nil {
		return fail(fmt.Errorf("create vault: %w", err))
	}
	rslot, recovery, err := crypto.NewRecoverySlot(v.id, slotRecovery, master)
	if err != nil {
		return fail(fmt.Errorf("create vault: %w", err))
	}
	v.keys = newKeyring(master)
	err = v.write(ctx, func(tx *sql.Tx) error {
		if err := createLayout(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO meta (key, value) VALUES ('format', ?), ('vault_id', ?)`, []byte(FormatVersion), v.id); err != nil {
			return err
		}
		for _, s := range []crypto.Slot{pslot, rslot} {
			if _, err := tx.Exec(`INSERT INTO slots (id, data) VALUES (?, ?)`, s.ID, s.Marshal()); err != nil {
				return err
			}
		}
		if err := v.storeState(tx, v.keys, &headState{}, v.state); err != nil {
			return err
		}
		if opt.Owner != "" {
			return v.putRecordTx(tx, v.keys, kindProfile, "owner", []byte(opt.Owner))
		}
		return nil
	})
	if err != nil {
		v.keys.wipe()
		return fail(fmt.Errorf("create vault: %w", err))
	}
	return v, recovery, nil
}

// Open opens an existing vault file, locked. It writes nothing unless
// the file needs a schema migration from an older Kintrace.
func Open(path string) (*Vault, error) {
	ctx := context.Background()
	db, err := openDB(path, false)
	if err != nil {
		return nil, err
	}
	v := &Vault{path: path, db: db, index: search.NewIndex()}
	if err := v.readHeader(ctx); err != nil {
		db.Close()
		return nil, err
	}
	pending, err := pendingMigrations(ctx, db)
	if err == nil && pending {
		err = migrate(ctx, db)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open vault: %w", err)
	}
	return v, nil
}

func (v *Vault) readHeader(ctx context.Context) error {
	meta := map[string][]byte{}
	rows, err := v.db.QueryContext(ctx, `SELECT key, value FROM meta`)
	if err != nil {
		return fmt.Errorf("open vault: %w", ErrNotVault)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var val []byte
		if err := rows.Scan(&k, &val); err != nil {
			return fmt.Errorf("open vault: %w", err)
		}
		meta[k] = val
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("open vault: %w", err)
	}
	format, ok := meta["format"]
	if !ok || len(meta["vault_id"]) != 16 {
		return fmt.Errorf("open vault: %w", ErrNotVault)
	}
	if string(format) != FormatVersion && string(format) != formatV2 && string(format) != formatV1 {
		return fmt.Errorf("open vault: format %q: %w", format, crypto.ErrUnsupported)
	}
	v.id = meta["vault_id"]
	v.format = string(format)
	return nil
}

// Path is the vault's file.
func (v *Vault) Path() string { return v.path }

// Info describes the vault: its id and path, and what its sealed state
// holds and its number of cases, as far as they are known (see Info).
func (v *Vault) Info() Info {
	info := Info{ID: fmt.Sprintf("%x", v.id), Path: v.path}
	v.stateMu.Lock()
	st := v.state
	v.stateMu.Unlock()
	if st == nil {
		return info
	}
	info.Prefix, info.CreatedAt, info.LastSaved, info.Saves = st.Prefix, st.CreatedAt, st.LastSaved, st.Saves
	info.Cases = v.index.Len()
	return info
}

// setState keeps st as the vault's state (nil: forget it).
func (v *Vault) setState(st *vaultState) {
	v.stateMu.Lock()
	defer v.stateMu.Unlock()
	v.state = st
}

// Locked reports whether the vault's keys are wiped.
func (v *Vault) Locked() bool {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.keys == nil
}

// Owner is the name recorded as the author of changes in this vault.
func (v *Vault) Owner() string {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.owner
}

// Index is the in-memory index of case overviews; it is empty while locked.
func (v *Vault) Index() *search.Index { return v.index }

// Search looks cases up in the in-memory index.
func (v *Vault) Search(q search.Query) []cases.Overview { return v.index.Search(q) }

// Unlock opens the vault with its passphrase, verifies its integrity head
// and loads the index of overviews, reporting progress as it goes. A wrong
// passphrase returns an error wrapping crypto.ErrWrongPassphrase; nothing is
// written to the file either way.
func (v *Vault) Unlock(ctx context.Context, passphrase []byte, progress func(done, total int)) error {
	return v.unlockWith(ctx, slotPassphrase, passphrase, progress)
}

// UnlockWithRecoveryKey opens the vault with the printed recovery key.
func (v *Vault) UnlockWithRecoveryKey(ctx context.Context, key string, progress func(done, total int)) error {
	return v.unlockWith(ctx, slotRecovery, []byte(key), progress)
}

func (v *Vault) unlockWith(ctx context.Context, slotID string, secret []byte, progress func(done, total int)) error {
	var data []byte
	if err := v.db.QueryRowContext(ctx, `SELECT data FROM slots WHERE id = ?`, slotID).Scan(&data); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("unlock: %w", crypto.ErrWrongPassphrase)
		}
		return fmt.Errorf("unlock: %w", err)
	}
	slot, err := crypto.ParseSlot(data)
	if err != nil {
		return fmt.Errorf("unlock: key slot: %w", err)
	}
	master, err := slot.Unlock(v.id, secret)
	if err != nil {
		return fmt.Errorf("unlock: %w", err)
	}
	keys := newKeyring(master)
	if v.format == formatV1 {
		if err := v.upgrade(ctx, keys); err != nil {
			keys.wipe()
			return fmt.Errorf("unlock: upgrade: %w", err)
		}
	}
	got, err := v.load(ctx, keys, progress)
	if err != nil {
		keys.wipe()
		return fmt.Errorf("unlock: %w", err)
	}
	if v.format == formatV2 {
		if err := v.migrateFormat3(ctx, keys, got.stale); err != nil {
			keys.wipe()
			return fmt.Errorf("unlock: upgrade: %w", err)
		}
		got.stale = nil
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.keys != nil {
		v.keys.wipe()
	}
	v.keys = keys
	v.owner = got.owner
	v.prefix = got.state.Prefix
	v.kinds.reset(got.kinds)
	v.index.Clear()
	v.numbers.clear()
	v.idents.Clear()
	v.indexUnlocked(got.overviews, got.prep) // freshly decoded: the indexes may keep them
	v.setState(got.state)
	if len(got.stale) > 0 {
		// The index already holds the new overviews; storing them spares
		// the next unlock from opening these cases in full. A vault that
		// cannot be written now (a read-only copy) stays usable, and the
		// next unlock tries again.
		_ = v.refreshOverviews(ctx, got.stale)
	}
	return nil
}

// ChangePassphrase rewraps the master key under a new passphrase. Only the
// passphrase slot changes; the recovery key keeps working.
func (v *Vault) ChangePassphrase(newPassphrase []byte) error {
	if len(newPassphrase) == 0 {
		return fmt.Errorf("change passphrase: empty passphrase")
	}
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.keys == nil {
		return fmt.Errorf("change passphrase: %w", ErrLocked)
	}
	slot, err := crypto.NewPassphraseSlot(v.id, slotPassphrase, newPassphrase, v.keys.master, crypto.CalibrateKDF(kdfTarget))
	if err != nil {
		return fmt.Errorf("change passphrase: %w", err)
	}
	return v.write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE slots SET data = ? WHERE id = ?`, slot.Marshal(), slotPassphrase)
		return err
	})
}

// Lock wipes the keys and the index and checkpoints the WAL into the main
// file, truncating it.
func (v *Vault) Lock() error {
	v.mu.Lock()
	if v.keys != nil {
		v.keys.wipe()
		v.keys = nil
	}
	v.owner = ""
	v.prefix = ""
	v.stateMu.Lock()
	if v.state != nil {
		// The unlock screen may still say when the vault was last saved:
		// only the time and count this process knew stay in memory.
		v.state = &vaultState{LastSaved: v.state.LastSaved, Saves: v.state.Saves}
	}
	v.stateMu.Unlock()
	v.kinds.reset(nil)
	v.session.forget()
	v.index.Clear()
	v.numbers.clear()
	v.idents.Clear()
	v.mu.Unlock()
	return v.checkpoint()
}

func (v *Vault) checkpoint() error {
	if _, err := v.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

// Close locks the vault and closes its file.
func (v *Vault) Close() error {
	err := v.Lock()
	if cerr := v.db.Close(); err == nil {
		err = cerr
	}
	return err
}

// write runs fn in one immediate transaction and records the save in the
// sealed state (finishSave). Call it with the keys held.
func (v *Vault) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	k := v.keys
	if k == nil {
		return ErrLocked
	}
	tx, err := v.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	committed := false
	defer func() { v.kinds.settle(tx, committed) }()
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	st, err := v.finishSave(tx, k)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	committed = true
	v.setState(st)
	return nil
}

// withKeys runs fn with the vault's keys, holding the read lock so that Lock
// waits for fn to finish before it wipes them.
func (v *Vault) withKeys(fn func(k *keyring) error) error {
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.keys == nil {
		return ErrLocked
	}
	return fn(v.keys)
}

// Identifiers is the vault's identifier index, kept up to date on every
// save, import and delete while the vault is unlocked, and emptied on Lock.
// Unlock returns before it is filled: its readers wait for that, and its
// Ready channel tells when they would not.
func (v *Vault) Identifiers() *patterns.Identifiers { return &v.idents }
