package vault

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"kintrace/crypto"
)

// kindTemplate is the record kind of the letter templates the user edited
// (package letter renders them; the vault only keeps them). A record's id
// is "<authority kind>/<language>", sealed like every record id. Templates
// are vault-local: bundles do not carry them.
const kindTemplate = "letter-template"

// templateRecord is the sealed record of one template.
type templateRecord struct {
	Kind string    `json:",omitempty"`
	Lang string    `json:",omitempty"`
	Text string    `json:",omitempty"`
	At   time.Time `json:",omitzero"`
	By   string    `json:",omitempty"`
}

// MaxTemplate is the longest template the vault keeps, in bytes (package
// letter's limit).
const MaxTemplate = 64 << 10

// ErrTemplateTooLong is returned for a template over MaxTemplate bytes.
var ErrTemplateTooLong = errors.New("vault: template too long")

// Template is a letter template as the vault keeps it.
type Template struct {
	Kind, Lang string
	Text       []byte
	// At is when it was saved (UTC, seconds); By who saved it.
	At time.Time
	By string
}

func templateID(kind, lang string) string { return kind + "/" + lang }

// SetTemplate keeps text as the user's template for letters of an
// authority kind in a language, sealed; empty text (only spaces) removes
// it, so that the embedded default applies again. The caller checks the
// template (letter.Parse) before saving it.
func (v *Vault) SetTemplate(ctx context.Context, kind, lang string, text []byte) error {
	if kind == "" || lang == "" || strings.Contains(kind, "/") {
		return errors.New("vault: template: kind and language are required")
	}
	if len(text) > MaxTemplate {
		return fmt.Errorf("template: %w", ErrTemplateTooLong)
	}
	id := templateID(kind, lang)
	if strings.TrimSpace(string(text)) == "" {
		if err := v.DeleteRecord(ctx, kindTemplate, id); err != nil && !errors.Is(err, ErrNotFound) {
			return fmt.Errorf("template: %w", err)
		}
		return nil
	}
	data, err := json.Marshal(templateRecord{Kind: kind, Lang: lang, Text: string(text),
		At: time.Now().UTC().Truncate(time.Second), By: v.Owner()})
	if err != nil {
		return err
	}
	if err := v.PutRecord(ctx, kindTemplate, id, data); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	return nil
}

// Template reads the user's template for kind and lang; ErrNotFound when
// there is none (the embedded default applies).
func (v *Vault) Template(ctx context.Context, kind, lang string) ([]byte, error) {
	data, err := v.GetRecord(ctx, kindTemplate, templateID(kind, lang))
	if err != nil {
		return nil, fmt.Errorf("template: %w", err)
	}
	var r templateRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("template: %w", crypto.ErrCorrupt)
	}
	return []byte(r.Text), nil
}

// Templates lists every template the user saved, by kind then language.
func (v *Vault) Templates(ctx context.Context) ([]Template, error) {
	recs, err := v.ListRecords(ctx, kindTemplate)
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	out := make([]Template, 0, len(recs))
	for _, data := range recs {
		var r templateRecord
		if err := json.Unmarshal(data, &r); err != nil || r.Text == "" {
			continue // a record this version cannot read is skipped, not fatal
		}
		out = append(out, Template{Kind: r.Kind, Lang: r.Lang, Text: []byte(r.Text), At: r.At, By: r.By})
	}
	slices.SortFunc(out, func(a, b Template) int {
		return strings.Compare(templateID(a.Kind, a.Lang), templateID(b.Kind, b.Lang))
	})
	return out, nil
}
