package exchange

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"kintrace/cases"
	"kintrace/cases/search"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// Scope says which cases a contact is sent.
type Scope string

// Scopes.
const (
	ScopeAll   Scope = "all"   // every case
	ScopeTag   Scope = "tag"   // the cases with Rules.Tag
	ScopeQuery Scope = "query" // the cases a search finds (Rules.Query)
	ScopeCases Scope = "cases" // the cases ticked (Rules.Cases)
)

// Scopes lists the scopes in the order a menu shows them.
var Scopes = []Scope{ScopeAll, ScopeTag, ScopeQuery, ScopeCases}

// Rules are what a vault shares with one contact.
type Rules struct {
	Scope Scope    `json:"scope"`
	Tag   string   `json:"tag,omitempty"`
	Query string   `json:"query,omitempty"`
	Cases []string `json:"cases,omitempty"` // ids
	// Redaction is the profile applied to every case sent.
	Redaction cases.Redaction `json:"redaction"`
	// Attachments sends the cases' attachments too.
	Attachments bool `json:"attachments"`
	// AutoImport takes in this contact's bundles without asking, when the
	// contact is verified.
	AutoImport bool `json:"auto_import,omitempty"`
}

// DefaultRules share every case, unredacted, with attachments, and import
// nothing automatically.
func DefaultRules() Rules {
	return Rules{Scope: ScopeAll, Redaction: cases.RedactNone, Attachments: true}
}

// check validates r.
func (r Rules) check() error {
	if !slices.Contains(Scopes, r.Scope) || !slices.Contains(cases.Redactions, r.Redaction) {
		return fmt.Errorf("exchange rules: %w", cases.ErrInvalid)
	}
	if r.Scope == ScopeTag && strings.TrimSpace(r.Tag) == "" || r.Scope == ScopeQuery && strings.TrimSpace(r.Query) == "" {
		return fmt.Errorf("exchange rules: %w", cases.ErrInvalid)
	}
	return nil
}

// GetRules returns what v shares with contact (DefaultRules when never set).
func GetRules(ctx context.Context, v *vault.Vault, contact vault.Contact) (Rules, error) {
	data, err := v.GetRecord(ctx, kindRules, vault.ContactID(contact.Key))
	if errors.Is(err, vault.ErrNotFound) {
		return DefaultRules(), nil
	}
	if err != nil {
		return Rules{}, err
	}
	var r Rules
	if err := json.Unmarshal(data, &r); err != nil || r.check() != nil {
		return Rules{}, fmt.Errorf("exchange rules record: %w", crypto.ErrCorrupt)
	}
	return r, nil
}

// SetRules stores what v shares with contact.
func SetRules(ctx context.Context, v *vault.Vault, contact vault.Contact, r Rules) error {
	if r.Redaction == "" {
		r.Redaction = cases.RedactNone
	}
	r.Tag, r.Query = strings.TrimSpace(r.Tag), strings.TrimSpace(r.Query)
	if err := r.check(); err != nil {
		return err
	}
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return v.PutRecord(ctx, kindRules, vault.ContactID(contact.Key), data)
}

// selectCases lists the cases r shares: ids in the index's order, or
// for ScopeCases the ids and numbers ticked.
func selectCases(v *vault.Vault, r Rules) []string {
	var q search.Query
	switch r.Scope {
	case ScopeCases:
		return slices.Clone(r.Cases) // ids or numbers: Send resolves them
	case ScopeTag:
		q.Tag = r.Tag
	case ScopeQuery:
		q.Text = r.Query
	}
	list := v.Search(q)
	out := make([]string, len(list))
	for i, o := range list {
		out[i] = o.ID
	}
	return out
}
