package app

import (
	"context"
	"embed"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/vault"
)

//go:embed translations/history
var historyTranslations embed.FS

func init() { registerTranslations(historyTranslations, "translations/history") }

// historyView lists every saved version of a case, newest first, with who
// saved it, when, and which fields changed; selecting one shows that
// version read-only.
type historyView struct {
	ui *UI
	id string

	revisions []vault.Revision // newest first
	loaded    bool
	list      *widget.List
	status    *widget.Label

	// the version on show, and the button that copies it into the editor
	shownVersion int64
	shown        cases.Case
	restore      *widget.Button
	onRestore    func(cases.Case)
	detailTitle  *widget.Label
	detail       *widget.RichText
	detailScroll *container.Scroll

	content fyne.CanvasObject
}

func newHistoryView(u *UI, id string) *historyView {
	h := &historyView{ui: u, id: id}
	h.status = widget.NewLabel("")
	h.status.Wrapping = fyne.TextWrapWord
	h.status.TextStyle.Italic = true
	h.list = widget.NewList(
		func() int { return len(h.revisions) },
		func() fyne.CanvasObject {
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			changed := widget.NewLabel("")
			changed.Truncation = fyne.TextTruncateEllipsis
			changed.TextStyle.Italic = true
			return container.NewVBox(title, changed)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(h.revisions) {
				return
			}
			title, changed := h.rowText(id)
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(title)
			box.Objects[1].(*widget.Label).SetText(changed)
		},
	)
	h.list.OnSelected = func(id widget.ListItemID) {
		u.touch()
		if id < len(h.revisions) {
			h.show(h.revisions[id].Version)
		}
	}
	h.detailTitle = widget.NewLabelWithStyle(lang.L("editor.history.pick"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.detailTitle.Wrapping = fyne.TextWrapWord
	h.restore = widget.NewButtonWithIcon(lang.L("editor.history.restore"), theme.ContentUndoIcon(), func() {
		u.touch()
		if h.onRestore != nil && h.shownVersion > 0 {
			h.onRestore(h.shown)
		}
	})
	h.restore.Hide()
	h.detail = widget.NewRichText()
	h.detail.Wrapping = fyne.TextWrapWord
	h.detailScroll = container.NewVScroll(container.NewPadded(h.detail))
	left := container.NewBorder(h.status, nil, nil, nil, h.list)
	right := container.NewBorder(container.NewBorder(nil, nil, nil, h.restore, h.detailTitle), nil, nil, nil, h.detailScroll)
	split := container.NewHSplit(left, right)
	split.Offset = 0.38
	h.content = split
	return h
}

// rowText is the text of the list's row for the i-th version shown.
func (h *historyView) rowText(i int) (title, changed string) {
	r := h.revisions[i]
	data := map[string]any{"Version": r.Version, "When": formatTime(r.SavedAt)}
	if r.SavedBy != "" {
		data["Who"] = r.SavedBy
		title = lang.L("editor.history.row.by", data)
	} else {
		title = lang.L("editor.history.row", data)
	}
	switch {
	case len(h.revisions) > 0 && i == len(h.revisions)-1 && len(r.Changed) == 0:
		changed = lang.L("editor.history.created")
	case len(r.Changed) == 0:
		changed = lang.L("editor.history.no_changes")
	default:
		changed = lang.L("editor.history.changed", map[string]any{"Fields": changedSummary(r.Changed)})
	}
	return title, changed
}

// invalidate makes the next load read the history again (after a save).
func (h *historyView) invalidate() { h.loaded = false }

// load reads the list of versions off the UI goroutine.
func (h *historyView) load() {
	if h.loaded {
		return
	}
	h.loaded = true
	h.status.SetText(lang.L("editor.history.loading"))
	v, id := h.ui.vault, h.id
	h.ui.Go(func(ctx context.Context) {
		revs, err := v.History(ctx, id)
		fyne.Do(func() {
			if h.id == "" {
				return // wiped meanwhile
			}
			if err != nil {
				h.loaded = false
				h.status.SetText(errorMessage(err))
				return
			}
			slices.Reverse(revs)
			h.revisions = revs
			h.status.SetText(lang.L("editor.history.count", map[string]any{"N": len(revs)}))
			h.list.UnselectAll()
			h.list.Refresh()
		})
	})
}

// show reads one version off the UI goroutine and shows it read-only.
func (h *historyView) show(version int64) {
	v, id := h.ui.vault, h.id
	prev := h.previousVersion(version)
	h.ui.Go(func(ctx context.Context) {
		c, err := v.Revision(ctx, id, version)
		var changes []cases.Change
		if err == nil && prev > 0 {
			var before cases.Case
			if before, err = v.Revision(ctx, id, prev); err == nil {
				changes = cases.Changes(before, c)
			}
		}
		fyne.Do(func() {
			if h.id == "" {
				return
			}
			if err != nil {
				h.shownVersion, h.shown = 0, cases.Case{}
				h.restore.Hide()
				h.detailTitle.SetText(errorMessage(err))
				h.detail.Segments = nil
				h.detail.Refresh()
				return
			}
			h.shownVersion, h.shown = version, c
			// The newest version is what the editor holds already.
			if len(h.revisions) > 0 && version != h.revisions[0].Version {
				h.restore.Show()
			} else {
				h.restore.Hide()
			}
			h.detailTitle.SetText(lang.L("editor.history.viewing", map[string]any{"Version": version}))
			h.detail.Segments = append(changeSegments(h.savedBy(version), changes, prev > 0), caseSegments(c)...)
			h.detail.Refresh()
			h.detailScroll.ScrollToTop()
		})
	})
}

// wipe drops the versions and the case on show (on lock).
func (h *historyView) wipe() {
	h.id = ""
	h.shownVersion, h.shown = 0, cases.Case{}
	h.restore.Hide()
	h.revisions = nil
	h.list.Refresh()
	h.detail.Segments = nil
	h.detail.Refresh()
	h.detailTitle.SetText("")
}

// previousVersion is the version saved before version, 0 for the first.
func (h *historyView) previousVersion(version int64) int64 {
	for i, r := range h.revisions { // newest first
		if r.Version == version && i+1 < len(h.revisions) {
			return h.revisions[i+1].Version
		}
	}
	return 0
}

// savedBy is who saved version, as its revision says.
func (h *historyView) savedBy(version int64) string {
	for _, r := range h.revisions {
		if r.Version == version {
			return r.SavedBy
		}
	}
	return ""
}

// changeSegments describes what a version changed, field by field, before
// its snapshot: who saved it, then each field's value before and after.
func changeSegments(who string, changes []cases.Change, hasPrevious bool) []widget.RichTextSegment {
	if !hasPrevious {
		return nil
	}
	var b segmentBuilder
	b.section(lang.L("history.diff.title"))
	if who != "" {
		b.para(lang.L("history.diff.who", map[string]any{"Who": who}))
	}
	if len(changes) == 0 {
		b.para(lang.L("editor.history.no_changes"))
	}
	for _, ch := range changes {
		b.item(pathLabel(ch.Path))
		b.para(lang.L("history.diff.before", map[string]any{"Value": orDash(changeValue(ch.Path, ch.Old))}))
		b.para(lang.L("history.diff.after", map[string]any{"Value": orDash(changeValue(ch.Path, ch.New))}))
	}
	b.section(lang.L("history.diff.snapshot"))
	return b.segs
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// enumOfField names the enumeration of a field that holds one, by the
// field's last name in a path.
var enumOfField = map[string]string{
	"status": "status", "priority": "priority", "type": "event", "channel": "channel",
	"verification": "verification", "origin": "origin", "confirmed_by": "confirmed_by",
	"consent": "consent", "kind": "place", "confidence": "confidence", "sex": "sex",
}

// changeValue shows a changed value in the user's language where it is an
// enumeration's word ("urgent" becomes "Urgent", "срочный").
func changeValue(path, value string) string {
	name := path
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	kind, ok := enumOfField[name]
	if !ok || value == "" || !slices.Contains(enumKinds[kind], value) {
		return value
	}
	return enumLabel(kind, value)
}
