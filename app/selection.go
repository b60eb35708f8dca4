package app

import (
	"embed"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

//go:embed translations/desk/*.json
var deskTranslations embed.FS

func init() { registerTranslations(deskTranslations, "translations/desk") }

// caseSelection is the set of cases ticked in the case list. It holds case
// ids only, never decrypted text, and outlives the desk (opening a case and
// coming back, a search, a filter) but not the unlocked vault: showing the
// unlock or first-run screen clears it.
type caseSelection struct {
	seq  int
	when map[string]int // id → the order it was ticked in
}

func (s *caseSelection) Has(id string) bool { _, ok := s.when[id]; return ok }

func (s *caseSelection) Len() int { return len(s.when) }

// Set ticks (on) or unticks id.
func (s *caseSelection) Set(id string, on bool) {
	if !on {
		delete(s.when, id)
		return
	}
	if s.when == nil {
		s.when = map[string]int{}
	}
	if _, ok := s.when[id]; !ok {
		s.seq++
		s.when[id] = s.seq
	}
}

// IDs lists the ticked ids in the order they were ticked.
func (s *caseSelection) IDs() []string {
	ids := make([]string, 0, len(s.when))
	for id := range s.when {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return s.when[a] - s.when[b] })
	return ids
}

func (s *caseSelection) Clear() { s.seq, s.when = 0, nil }

// SelectedCases lists the cases ticked in the case list that are still in
// the unlocked vault, in the order they were ticked (nil while locked).
func (u *UI) SelectedCases() []string {
	if u.vault == nil || u.vault.Locked() || u.selection.Len() == 0 {
		return nil
	}
	ix := u.vault.Index()
	var ids []string
	for _, id := range u.selection.IDs() {
		if _, ok := ix.Get(id); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

// selectedCases are the cases ticked in h's case list. Feature screens
// (bundle export, documents) offer them as a scope.
func selectedCases(h Host) []string { return h.SelectedCases() }

// selectionBar is the desk's footer strip while cases are ticked: how many,
// what to do with them, and a way to untick them all.
type selectionBar struct {
	box      *fyne.Container
	count    *widget.Label
	export   *widget.Button
	caseFile *widget.Button
	clear    *widget.Button
}

func (d *deskScreen) newSelectionBar() *selectionBar {
	b := &selectionBar{count: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	b.export = widget.NewButtonWithIcon(lang.L("desk.selection.export"), theme.UploadIcon(), d.exportSelection)
	b.caseFile = widget.NewButtonWithIcon(lang.L("desk.selection.casefile"), theme.DocumentPrintIcon(), d.caseFileOfSelection)
	b.clear = widget.NewButtonWithIcon(lang.L("desk.selection.clear"), theme.ContentClearIcon(), d.clearSelection)
	b.clear.Importance = widget.LowImportance
	b.box = container.NewHBox(widget.NewSeparator(), b.count, b.export, b.caseFile, b.clear)
	b.box.Hide()
	return b
}

// showSelection updates the selection bar: the count, and how many of the
// ticked cases the current search and filters hide (known once the list
// holds every match).
func (d *deskScreen) showSelection() {
	b, n := d.selBar, d.ui.selection.Len()
	if on := n > 0; on != b.box.Visible() {
		// The bar takes the place of the shortcuts hint.
		b.box.Hidden, d.shortcuts.Hidden = !on, on
		if d.footer != nil {
			d.footer.Refresh()
		}
	}
	if n == 0 {
		return
	}
	text := lang.L("desk.selection.count", map[string]any{"N": n})
	if hidden := n - d.shownSelected; d.complete && hidden > 0 {
		text += " · " + lang.L("desk.selection.hidden", map[string]any{"N": hidden})
	}
	b.count.SetText(text)
}

// countShownSelected counts the ticked cases among the list's results.
func (d *deskScreen) countShownSelected() {
	d.shownSelected = 0
	if d.ui.selection.Len() == 0 {
		return
	}
	for _, o := range d.results {
		if d.ui.selection.Has(o.ID) {
			d.shownSelected++
		}
	}
}

// tick ticks or unticks the case at list index i (its check box, or a
// Ctrl+click).
func (d *deskScreen) tick(i int, on bool) {
	if i < 0 || i >= len(d.results) {
		return
	}
	d.ui.touch()
	id := d.results[i].ID
	if d.ui.selection.Has(id) == on {
		return
	}
	d.ui.selection.Set(id, on)
	if on {
		d.shownSelected++
	} else {
		d.shownSelected--
	}
	d.anchor = i
	d.list.RefreshItem(i)
	d.showSelection()
}

// tickRange ticks the cases from the last one ticked to i (Shift+click).
func (d *deskScreen) tickRange(i int) {
	from := d.anchor
	if from < 0 || from >= len(d.results) {
		from = i
	}
	lo, hi := min(from, i), max(from, i)
	for j := lo; j <= hi && j < len(d.results); j++ {
		if id := d.results[j].ID; !d.ui.selection.Has(id) {
			d.ui.selection.Set(id, true)
			d.shownSelected++
		}
	}
	d.anchor = i
	d.list.Refresh()
	d.showSelection()
}

// clicked handles a click on a row: with Ctrl (Command on macOS) it ticks
// or unticks the row, with Shift it ticks the rows from the last one
// ticked, and otherwise it opens the case. It reports whether the click was
// a selection.
func (d *deskScreen) clicked(i int) bool {
	mods := d.modifiers()
	switch {
	case mods&fyne.KeyModifierShift != 0:
		d.tickRange(i)
	case mods&(fyne.KeyModifierControl|fyne.KeyModifierShortcutDefault) != 0:
		if i < len(d.results) {
			d.tick(i, !d.ui.selection.Has(d.results[i].ID))
		}
	default:
		return false
	}
	return true
}

// keyModifiers are the modifier keys held now, on a desktop driver.
func keyModifiers() fyne.KeyModifier {
	if a := fyne.CurrentApp(); a != nil {
		if dd, ok := a.Driver().(desktop.Driver); ok {
			return dd.CurrentKeyModifiers()
		}
	}
	return 0
}

func (d *deskScreen) clearSelection() {
	d.ui.touch()
	d.ui.selection.Clear()
	d.shownSelected = 0
	d.anchor = -1
	d.list.Refresh()
	d.showSelection()
}

// exportSelection opens the bundle export form with the ticked cases
// chosen.
func (d *deskScreen) exportSelection() {
	d.ui.touch()
	d.exportForm = showExport(d.ui)
}

// caseFileOfSelection opens the case file PDF form with the ticked cases
// chosen.
func (d *deskScreen) caseFileOfSelection() {
	d.ui.touch()
	d.reportForm = showReportForm(d.ui, docCaseFile)
}
