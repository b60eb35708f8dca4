package vault

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"kintrace/crypto"
)

// The vault state is what format 1 kept as plaintext meta rows: when the
// vault was created and last saved, the case number prefix and counter,
// and now a save counter. It is one sealed blob in the integrity head's
// row, and the head's MAC covers it together with the row terms and the
// numbers of revision and chunk rows (head.go), so that restoring some
// rows and the head from an older copy either fails at unlock
// (ErrTampered: rows the newer saves added or changed elsewhere no longer
// match) or, when every difference is reverted, shows the older save time
// and counter: a whole-file rollback, which SECURITY.md says cannot be
// detected without storage outside the file.
type vaultState struct {
	CreatedAt  time.Time `json:"created_at"`
	LastSaved  time.Time `json:"last_saved"`
	Saves      uint64    `json:"saves"`
	NextNumber int       `json:"next_number"`
	Prefix     string    `json:"prefix"`
}

// fieldState names the state blob in its associated data:
// crypto.RecordAD(vault id, "vault-state", "", "state", 0).
const (
	kindState  = "vault-state"
	fieldState = "state"
)

func (v *Vault) sealState(k *keyring, st *vaultState) ([]byte, error) {
	b, err := json.Marshal(st)
	if err != nil {
		return nil, err
	}
	defer crypto.Wipe(b)
	return crypto.Seal(k.records, b, v.ad(kindState, "", fieldState, 0))
}

func (v *Vault) openState(k *keyring, sealed []byte) (*vaultState, error) {
	pt, err := crypto.Open(k.records, sealed, v.ad(kindState, "", fieldState, 0))
	if err != nil {
		return nil, fmt.Errorf("vault state: %w", err)
	}
	defer crypto.Wipe(pt)
	var st vaultState
	if err := json.Unmarshal(pt, &st); err != nil || st.NextNumber < 1 || st.Prefix == "" {
		return nil, fmt.Errorf("vault state: %w", crypto.ErrCorrupt)
	}
	return &st, nil
}

// readState reads the head and opens its state within q.
func (v *Vault) readState(q rowQuerier, k *keyring) (*headState, *vaultState, error) {
	h, err := v.readHead(q, k)
	if err != nil {
		return nil, nil, err
	}
	st, err := v.openState(k, h.state)
	if err != nil {
		return nil, nil, err
	}
	return h, st, nil
}

// storeState seals st into the head within tx.
func (v *Vault) storeState(tx *sql.Tx, k *keyring, h *headState, st *vaultState) error {
	var err error
	if h.state, err = v.sealState(k, st); err != nil {
		return err
	}
	return v.writeHead(tx, k, h)
}

// finishSave ends every write transaction (write): it counts the
// revision and chunk rows into the head, and advances the state's save
// counter and time. The state is kept as the vault's in memory only after
// the commit (see write).
func (v *Vault) finishSave(tx *sql.Tx, k *keyring) (*vaultState, error) {
	h, st, err := v.readState(tx, k)
	if err != nil {
		return nil, err
	}
	if err := tx.QueryRow(`SELECT (SELECT count(*) FROM revisions), (SELECT count(*) FROM attachment_chunks)`).
		Scan(&h.revisions, &h.chunks); err != nil {
		return nil, err
	}
	st.Saves++
	st.LastSaved = time.Now().UTC()
	return st, v.storeState(tx, k, h, st)
}
