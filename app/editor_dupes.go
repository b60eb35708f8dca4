package app

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/vault"
)

// saveDupes is the editor's warning on save: a case about to be saved that
// scores as a likely duplicate of another case (patterns.DuplicatesOf) is
// not saved before the person has seen which case that is, and chosen to
// save anyway, to compare the two side by side (and merge them), or to go
// back to editing. An edited case is checked only for cases it was not
// already a likely duplicate of when it was last saved, and a case the
// person chose to save anyway is not asked about again in this editor.
type saveDupes struct {
	accepted map[string]bool // ids of cases "save anyway" was chosen for

	dialog                *dialog.CustomDialog
	message               *widget.Label
	save, compare, cancel *widget.Button
	other                 patterns.CaseRef // the probable duplicate the dialog names
	merge                 *mergeView       // the comparison, when opened
	mergeDialog           *dialog.ConfirmDialog
}

// maxDupesNamed caps the probable duplicates looked at on save: the dialog
// names the best and says how many more there are.
const maxDupesNamed = 5

// checkDuplicates runs before the editor saves c (valid): it looks for
// likely duplicates off the UI goroutine and calls store(c) when there are
// none, or shows the warning.
func (e *editorScreen) checkDuplicates(c cases.Case, store func(cases.Case)) {
	v := e.ui.Store()
	if v == nil || e.saved.ID != "" && sameIdentity(c.Person, e.saved.Person) {
		store(c) // nothing duplicates are scored on has changed
		return
	}
	if e.dupes == nil {
		e.dupes = &saveDupes{accepted: map[string]bool{}}
	}
	e.saving = true
	e.saveButton.Disable()
	e.setBanner(lang.L("merge.checking"), widget.LowImportance)
	saved := e.saved
	e.ui.Go(func(ctx context.Context) {
		ds, err := newDuplicates(ctx, v, c, saved, e.dupes.accepted)
		fyne.Do(func() {
			e.saving = false
			e.saveButton.Enable()
			if e.closed {
				return
			}
			if err != nil || len(ds) == 0 {
				// The check is a help, not a gate: when it fails, save.
				store(c)
				return
			}
			e.setBanner("", widget.MediumImportance)
			e.warnDuplicate(c, ds, store)
		})
	})
}

// sameIdentity reports whether a and b agree in everything duplicates are
// scored on: names, birth date, facility, region, unit, numbers, handles.
func sameIdentity(a, b cases.Person) bool {
	return a.Name == b.Name && slices.Equal(a.Aliases, b.Aliases) && a.BirthDate == b.BirthDate &&
		a.Facility == b.Facility && a.Region == b.Region && a.Unit == b.Unit &&
		slices.Equal(a.Phones, b.Phones) && slices.Equal(a.Handles, b.Handles)
}

// newDuplicates lists the likely duplicates of c, leaving out those the
// saved version already had and those accepted.
func newDuplicates(ctx context.Context, v *vault.Vault, c, saved cases.Case, accepted map[string]bool) ([]patterns.Duplicate, error) {
	ds, err := v.DuplicatesOf(ctx, c, patterns.DupeOptions{Limit: maxDupesNamed})
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	before := map[string]bool{}
	if saved.ID != "" {
		old, err := v.DuplicatesOf(ctx, saved, patterns.DupeOptions{})
		if err != nil {
			return nil, err
		}
		for _, d := range old {
			before[d.B.ID] = true
		}
	}
	var out []patterns.Duplicate
	for _, d := range ds {
		if !before[d.B.ID] && !accepted[d.B.ID] {
			out = append(out, d)
		}
	}
	return out, nil
}

// warnDuplicate names the best likely duplicate and offers: save anyway,
// compare (the side-by-side view, which can save and merge), cancel.
func (e *editorScreen) warnDuplicate(c cases.Case, ds []patterns.Duplicate, store func(cases.Case)) {
	w := e.dupes
	best := ds[0]
	w.other = best.B
	var reasons []string
	for _, r := range best.Reasons {
		s := lang.L(reasonKeys[r.Kind])
		if r.Detail != "" {
			s += " (" + r.Detail + ")"
		}
		reasons = append(reasons, s)
	}
	text := lang.L("merge.warn.body", map[string]any{"Number": best.B.Number, "Name": best.B.Name,
		"Score": best.Score, "Reasons": strings.Join(reasons, "; ")})
	if len(ds) > 1 {
		text += "\n" + lang.L("merge.warn.more", map[string]any{"N": len(ds) - 1})
	}
	w.message = widget.NewLabel(text)
	w.message.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(lang.L("merge.warn.title"), container.New(fixedWidth{width: 520}, w.message), e.ui.win)
	w.cancel = widget.NewButton(lang.L("merge.warn.cancel"), func() {
		d.Hide()
		e.afterSave = nil
		e.setBanner("", widget.MediumImportance)
	})
	w.compare = widget.NewButtonWithIcon(lang.L("merge.warn.compare"), theme.ViewRestoreIcon(), func() {
		d.Hide()
		e.compareWith(c, best.B.ID, store)
	})
	w.save = widget.NewButtonWithIcon(lang.L("merge.warn.save"), theme.DocumentSaveIcon(), func() {
		d.Hide()
		for _, x := range ds {
			w.accepted[x.B.ID] = true
		}
		store(c)
	})
	w.save.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{w.cancel, w.compare, w.save})
	w.dialog = d
	e.ui.showDialog(d)
}

// compareWith shows c (as typed, perhaps not saved yet) and the case other
// side by side; confirming saves c and merges the two with the choices
// made, then shows the case kept.
func (e *editorScreen) compareWith(c cases.Case, other string, store func(cases.Case)) {
	v := e.ui.Store()
	if v == nil {
		return
	}
	e.ui.Go(func(ctx context.Context) {
		p, err := loadMergePair(ctx, v, other, other)
		p.attA = 0
		if err == nil && c.ID != "" {
			p.attA, err = countAttachments(ctx, v, c.ID)
		}
		fyne.Do(func() {
			if e.closed {
				return
			}
			if err != nil {
				e.setBanner(errorMessage(err), widget.DangerImportance)
				return
			}
			w := e.dupes
			w.merge = newMergeView(c, p.b, p.attA, p.attB)
			w.mergeDialog = showMergeDialog(e.ui, w.merge, lang.L("merge.save_and_merge"), func(keep, _ cases.Case, take []string) {
				e.saveAndMerge(c, other, keep.ID == other, take)
			})
		})
	})
}

// saveAndMerge saves c, then merges it and the case other: into other
// when keepOther, else other into c.
func (e *editorScreen) saveAndMerge(c cases.Case, other string, keepOther bool, take []string) {
	v := e.ui.Store()
	if v == nil {
		return
	}
	e.saving = true
	e.saveButton.Disable()
	e.setBanner(lang.L("editor.banner.saving"), widget.LowImportance)
	isNew := c.ID == ""
	e.ui.Go(func(ctx context.Context) {
		var got, kept cases.Case
		var err error
		if isNew {
			got, err = v.Add(ctx, c)
		} else {
			got, err = v.Update(ctx, c)
		}
		if err != nil {
			fyne.Do(func() { e.saveDone(got, err) })
			return
		}
		from, into := other, got.ID
		if keepOther {
			from, into = got.ID, other
		}
		var merged cases.Case
		merged, kept, err = v.MergeChoosing(ctx, from, into, take)
		fyne.Do(func() {
			if keepOther && err == nil {
				got = merged // this case, now marked as merged
			}
			e.saveDone(got, nil)
			if e.closed {
				return // the editor was left after the save (afterSave)
			}
			if err != nil {
				e.setBanner(patternError(err), widget.DangerImportance)
				return
			}
			e.ui.Refresh()
			if keepOther {
				e.ui.openCase(kept.ID)
				return
			}
			e.load(kept)
			e.setBanner(lang.L("merge.merged_here", map[string]any{"Number": merged.Number}), widget.SuccessImportance)
		})
	})
}
