// Package listrecord stores what a person confirmed of a list match: the
// "found on a list" events, a status change the person chose, the list
// itself as an encrypted attachment, and the decisions, all in one
// vault.WriteTx. It sits above cases/vault as chatimport does; the list's
// parsing and matching (cases/listmatch) stay free of storage.
package listrecord

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"kintrace/cases"
	"kintrace/cases/listmatch"
	"kintrace/cases/vault"
)

// Confirmed is a pair a person marked "same person".
type Confirmed struct {
	Line listmatch.Line
	// Case is the case's id or number.
	Case string
	// Status, when not "", is the case's new status (e.g. detained for a
	// prisoner-of-war list); only the person chooses it.
	Status cases.Status
}

// Request is what to record.
type Request struct {
	Info      listmatch.Info
	Confirmed []Confirmed
	// List, when not nil, is kept as an attachment (ListName its file
	// name) of every case that got a new event, linked to that event: the
	// source document. It is sealed like every attachment; nil discards it.
	List     []byte
	ListName string
}

// Result is what Record did.
type Result struct {
	// Added counts the new events, Already the confirmed pairs whose event
	// the case held already (nothing added), Statuses the cases whose
	// status changed, Attachments the copies of the list kept.
	Added, Already, Statuses, Attachments int
}

// Record adds the event of each confirmed pair (listmatch.Event) to its
// case unless the case holds it already (listmatch.Has), sets the status
// chosen, and keeps the list when asked, all or nothing. Recording the
// same pairs again adds nothing.
func Record(ctx context.Context, v *vault.Vault, req Request) (Result, error) {
	var res Result
	err := v.WriteTx(ctx, false, func(t *vault.Tx) error {
		res = Result{}
		for i, c := range req.Confirmed {
			if err := ctx.Err(); err != nil {
				return err
			}
			if c.Status != "" && !c.Status.Valid() {
				return fmt.Errorf("listrecord: pair %d: unknown status", i+1)
			}
			cs, err := t.Case(t.Resolve(c.Case))
			if err != nil {
				return fmt.Errorf("listrecord: pair %d: %w", i+1, err)
			}
			e := listmatch.Event(req.Info, c.Line)
			changed := false
			event := -1
			if !listmatch.Has(cs.Events, e) {
				cs.Events = append(cs.Events, e)
				event = len(cs.Events) - 1
				res.Added++
				changed = true
			} else {
				res.Already++
			}
			if c.Status != "" && c.Status != cs.Status {
				cs.Status = c.Status
				res.Statuses++
				changed = true
			}
			if !changed {
				continue
			}
			if _, err := t.UpdateCase(cs); err != nil {
				return fmt.Errorf("listrecord: pair %d: %w", i+1, err)
			}
			if req.List != nil && event >= 0 {
				name := strings.TrimSpace(req.ListName)
				if name == "" {
					name = "list.txt"
				}
				if _, err := t.AddAttachment(cs.ID, &event, name, bytes.NewReader(req.List)); err != nil {
					return err
				}
				res.Attachments++
			}
		}
		return nil
	})
	return res, err
}

// KindDecisions is the record kind of a list's decisions (id: ListKey).
const KindDecisions = "list-decisions"

// ListKey names a list by its lines' text, so that the same list opened
// again finds its decisions.
func ListKey(lines []listmatch.Line) string {
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l.Text))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// SaveDecisions seals the decisions of the list with key (ListKey) in the
// vault, replacing those saved before.
func SaveDecisions(ctx context.Context, v *vault.Vault, key string, d listmatch.Decisions) error {
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	return v.WriteTx(ctx, false, func(t *vault.Tx) error { return t.PutRecord(KindDecisions, key, data) })
}

// LoadDecisions returns the decisions saved for the list with key, or nil
// when there are none.
func LoadDecisions(ctx context.Context, v *vault.Vault, key string) (*listmatch.Decisions, error) {
	var d *listmatch.Decisions
	err := v.ReadTx(ctx, func(t *vault.Tx) error {
		data, err := t.Record(KindDecisions, key)
		if errors.Is(err, vault.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		d, err = listmatch.ReadDecisions(bytes.NewReader(data))
		return err
	})
	return d, err
}
