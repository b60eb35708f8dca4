package vault

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"kintrace/cases/patterns"
)

// kindIdentLabel is the record kind of the labels people give identifiers
// ("Wagner accountant" for a phone number that called several families).
// A record's id is the identifier's kind and key; like every record id it
// is sealed in the blob, and the row's id is keyed (rowID), so neither the
// number nor the label is readable in the file.
const kindIdentLabel = "identifier-label"

// identLabelRecord is the sealed record of one label.
type identLabelRecord struct {
	Kind  patterns.IdentKind `json:",omitempty"`
	Key   string             `json:",omitempty"`
	Label string             `json:",omitempty"`
	At    time.Time          `json:",omitzero"`
	By    string             `json:",omitempty"`
}

// MaxIdentLabel is the longest label, in bytes.
const MaxIdentLabel = 200

// ErrLabelTooLong is returned for a label over MaxIdentLabel bytes.
var ErrLabelTooLong = errors.New("vault: label too long")

func identLabelID(kind patterns.IdentKind, key string) string { return string(kind) + ":" + key }

// SetIdentLabel labels the identifier id (by its Kind and Key) for the
// whole vault; an empty label (after trimming spaces) removes it.
func (v *Vault) SetIdentLabel(ctx context.Context, id patterns.Identifier, label string) error {
	label = strings.Join(strings.Fields(label), " ")
	if len(label) > MaxIdentLabel {
		return fmt.Errorf("identifier label: %w", ErrLabelTooLong)
	}
	rid := identLabelID(id.Kind, id.Key)
	if label == "" {
		if err := v.DeleteRecord(ctx, kindIdentLabel, rid); err != nil && !errors.Is(err, ErrNotFound) {
			return fmt.Errorf("identifier label: %w", err)
		}
		return nil
	}
	data, err := json.Marshal(identLabelRecord{Kind: id.Kind, Key: id.Key, Label: label,
		At: time.Now().UTC().Truncate(time.Second), By: v.Owner()})
	if err != nil {
		return err
	}
	if err := v.PutRecord(ctx, kindIdentLabel, rid, data); err != nil {
		return fmt.Errorf("identifier label: %w", err)
	}
	return nil
}

// IdentLabels are the labels of identifiers, by kind and key.
type IdentLabels map[patterns.IdentKind]map[string]string

// Of is the label of id, "" when it has none.
func (l IdentLabels) Of(id patterns.Identifier) string { return l[id.Kind][id.Key] }

// IdentLabels reads every identifier label of the vault.
func (v *Vault) IdentLabels(ctx context.Context) (IdentLabels, error) {
	recs, err := v.ListRecords(ctx, kindIdentLabel)
	if err != nil {
		return nil, fmt.Errorf("identifier labels: %w", err)
	}
	out := IdentLabels{}
	for _, data := range recs {
		var r identLabelRecord
		if err := json.Unmarshal(data, &r); err != nil || r.Label == "" {
			continue // a record this version cannot read is skipped, not fatal
		}
		if out[r.Kind] == nil {
			out[r.Kind] = map[string]string{}
		}
		out[r.Kind][r.Key] = r.Label
	}
	return out, nil
}
