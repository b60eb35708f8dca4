package report

import (
	"context"
	"fmt"
	"time"

	"kintrace/cases"
)

// Options choose how a document is written.
type Options struct {
	// Lang is the language of the document's labels; "" is English.
	Lang Lang
	// Profile decides which reporters are named (see Redactions); "" is
	// cases.RedactPublicOnly.
	Profile cases.Redaction
	// Now is the preparation date printed in the document and stored in
	// the PDF's metadata; the zero time means the current time.
	Now time.Time
	// Progress, if set, is called after each case is laid out with the
	// number done and the total. It runs on the caller's goroutine.
	Progress func(done, total int)
}

func (o Options) labels() *Labels { return LabelsFor(o.Lang) }

func (o Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now().UTC()
	}
	return o.Now.UTC()
}

// profile is the redaction profile; "" is cases.RedactPublicOnly, the
// safest profile that still names anyone.
func (o Options) profile() cases.Redaction {
	if o.Profile == "" {
		return cases.RedactPublicOnly
	}
	p, err := cases.ParseRedaction(string(o.Profile))
	if err != nil {
		return cases.RedactReporterIdentity // check refuses such options first
	}
	return p
}

func (o Options) check() error {
	if _, err := ParseLang(string(o.Lang)); err != nil {
		return err
	}
	if o.Profile != "" {
		if _, err := cases.ParseRedaction(string(o.Profile)); err != nil {
			return err
		}
	}
	return nil
}

// Getter reads one case by id or number; *vault.Vault is one.
type Getter interface {
	Get(ctx context.Context, idOrNumber string) (cases.Case, error)
}

// Load reads the cases named by ids in order, calling progress after each.
// It stops at the first error or when ctx is cancelled.
func Load(ctx context.Context, g Getter, ids []string, progress func(done, total int)) ([]cases.Case, error) {
	out := make([]cases.Case, 0, len(ids))
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		c, err := g.Get(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("report: reading case %d of %d: %w", i+1, len(ids), err)
		}
		out = append(out, c)
		if progress != nil {
			progress(i+1, len(ids))
		}
	}
	return out, nil
}
