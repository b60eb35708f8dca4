package app

import (
	"embed"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/bundle"
)

// Cases deleted in this vault that a bundle carries (bundle.PlanDeleted):
// the import plan names them, leaves them out by default, and offers a
// check box to restore them.

//go:embed translations/tombstone
var tombstoneTranslations embed.FS

func init() {
	registerTranslations(tombstoneTranslations, "translations/tombstone")
	planKeys[bundle.PlanDeleted] = "bundle.plan.deleted_here"
}

// addDeletedChoice adds to box, when the bundle carries cases deleted in
// this vault, a note and the "restore them" check box (iv.restoreDeleted).
func (iv *importView) addDeletedChoice(box interface{ Add(fyne.CanvasObject) }) {
	n := iv.info.Count(bundle.PlanDeleted)
	if n == 0 {
		return
	}
	note := widget.NewLabel(plural("count.deleted_note", n, map[string]any{"Count": strconv.Itoa(n)}))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.WarningImportance
	box.Add(note)
	iv.restoreDeleted = widget.NewCheck(lang.L("bundle.import.restore_deleted"), nil)
	box.Add(iv.restoreDeleted)
}

// restoreChosen reports whether the user chose to restore deleted cases.
func (iv *importView) restoreChosen() bool {
	return iv.restoreDeleted != nil && iv.restoreDeleted.Checked
}

// deletedResult is what the import did with deleted cases, or "".
func deletedResult(res *bundle.ImportResult) string {
	switch {
	case res.Restored > 0:
		return plural("count.restored", res.Restored, map[string]any{"Count": strconv.Itoa(res.Restored)})
	case res.Deleted > 0:
		return plural("count.left_deleted", res.Deleted, map[string]any{"Count": strconv.Itoa(res.Deleted)})
	}
	return ""
}
