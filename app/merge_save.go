package app

import (
	"context"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/vault"
)

// mergePair is two cases read for the side-by-side comparison, with their
// numbers of attachments.
type mergePair struct {
	a, b       cases.Case
	attA, attB int
}

// loadMergePair reads the cases a and b and counts their attachments; it
// runs off the UI goroutine.
func loadMergePair(ctx context.Context, v *vault.Vault, a, b string) (mergePair, error) {
	var p mergePair
	var err error
	if p.a, err = v.Get(ctx, a); err != nil {
		return p, err
	}
	if p.b, err = v.Get(ctx, b); err != nil {
		return p, err
	}
	p.attA, err = countAttachments(ctx, v, p.a.ID)
	if err != nil {
		return p, err
	}
	p.attB, err = countAttachments(ctx, v, p.b.ID)
	return p, err
}

func countAttachments(ctx context.Context, v *vault.Vault, id string) (int, error) {
	if id == "" {
		return 0, nil
	}
	as, err := v.Attachments(ctx, id)
	return len(as), err
}

// showMergeDialog shows m in a dialog over most of the window; confirming
// calls done with what the person chose. Closing it wipes the case text it
// showed.
func showMergeDialog(h Host, m *mergeView, confirm string, done func(keep, other cases.Case, take []string)) *dialog.ConfirmDialog {
	d := dialog.NewCustomConfirm(lang.L("patterns.dupes.merge_title"), confirm, lang.L("patterns.cancel"), m.content,
		func(ok bool) {
			if ok {
				done(m.result())
			}
		}, h.Window())
	d.Resize(dialogSize(h.Window()))
	showHostDialog(h, d, m.wipe)
	return d
}

// refOf names a case as the patterns views do.
func refOf(c cases.Case) patterns.CaseRef {
	return patterns.CaseRef{ID: c.ID, Number: c.Number, Name: c.Person.Name}
}
