package app

import (
	"context"
	"strconv"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/patterns"
	"kintrace/cases/vault"
)

// The columns of the shared identifiers table.
const (
	colKind = iota
	colIdent
	colLabel
	colCount
	colFirst
	colLast
	sharedCols
)

var sharedColKeys = [sharedCols]string{"patterns.shared.col.kind", "patterns.shared.col.identifier",
	"ident.label.col", "patterns.shared.col.cases", "ident.seen.first", "ident.seen.last"}

// sharedSortOf is the order each column sorts by; the label and seen
// columns are sorted again here (sortRows), from what the index does not
// hold.
var sharedSortOf = [sharedCols]patterns.SharedSort{patterns.SharedByKind, patterns.SharedByLabel, patterns.SharedByLabel,
	patterns.SharedByCount, patterns.SharedByFirstSeen, patterns.SharedByLastSeen}

// sharedView is the "Shared identifiers" window: a table of the phone
// numbers, handles, facilities, units and places found in two or more
// cases, with the labels people gave them ("Wagner accountant") and when
// events first and last mention them, sortable by any column and filtered
// by kind, count and text; the selected identifier's cases are listed
// beside it, each opening its case, under a field to label it.
type sharedView struct {
	host Host
	x    *patterns.Identifiers
	v    *vault.Vault

	labels vault.IdentLabels // nil until loaded
	seen   *patterns.Seen    // nil until every case's events are read

	kind   *widget.Select
	min    *widget.Select
	filter *widget.Entry
	table  *widget.Table
	count  *widget.Label
	cases  *fyne.Container // the selected identifier's cases
	title  *widget.Label
	// The selected identifier's label, and the button that saves it.
	label     *widget.Entry
	saveLabel *widget.Button
	labelNote *widget.Label
	selected  *patterns.Identifier

	rows    []patterns.Shared
	gen     int // counts reloads, so that only the latest one's rows show
	sortCol int
	desc    bool
	dialog  dialog.Dialog
	content fyne.CanvasObject

	work sync.WaitGroup // tests wait on it
}

var minChoices = []string{"2", "3", "5", "10", "25"}

func showSharedView(h Host) *sharedView {
	v := h.Store()
	if v == nil {
		return nil
	}
	s := newSharedView(h, v.Identifiers())
	s.v = v
	s.dialog = dialog.NewCustom(lang.L("patterns.shared.title"), lang.L("patterns.close"), s.content, h.Window())
	s.dialog.Resize(dialogSize(h.Window()))
	showHostDialog(h, s.dialog, nil)
	s.loadLabelsAndSeen()
	return s
}

// dialogSize is most of the window, for the patterns' big views.
func dialogSize(w fyne.Window) fyne.Size {
	sz := w.Canvas().Size()
	return fyne.NewSize(max(640, sz.Width-40), max(480, sz.Height-40))
}

func newSharedView(h Host, x *patterns.Identifiers) *sharedView {
	s := &sharedView{host: h, x: x, sortCol: colCount}
	kinds := []string{lang.L("patterns.kind.all")}
	for _, k := range patterns.AllIdentKinds {
		kinds = append(kinds, kindLabel(k))
	}
	s.kind = widget.NewSelect(kinds, func(string) { s.reload() })
	s.min = widget.NewSelect(minChoices, func(string) { s.reload() })
	s.filter = widget.NewEntry()
	s.filter.SetPlaceHolder(lang.L("patterns.shared.filter"))
	s.filter.OnChanged = func(string) { s.reload() }
	s.count = widget.NewLabel("")
	s.title = boldLabel(lang.L("patterns.shared.pick"))
	s.cases = container.NewVBox()
	s.label = widget.NewEntry()
	s.label.SetPlaceHolder(lang.L("ident.label.placeholder"))
	s.saveLabel = widget.NewButton(lang.L("ident.label.save"), s.storeLabel)
	s.label.OnSubmitted = func(string) { s.storeLabel() }
	s.labelNote = dimLabel("")
	s.label.Disable()
	s.saveLabel.Disable()

	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.rows), sharedCols },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(s.cell(id))
		})
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 || id.Col >= sharedCols {
			return
		}
		b.SetText(lang.L(sharedColKeys[id.Col]))
		b.SetIcon(nil)
		if id.Col == s.sortCol {
			b.SetIcon(theme.MenuDropDownIcon())
			if s.desc {
				b.SetIcon(theme.MenuDropUpIcon())
			}
		}
		col := id.Col
		b.OnTapped = func() { s.sortBy(col) }
	}
	for col, w := range []float32{112, 152, 120, 66, 90, 90} {
		s.table.SetColumnWidth(col, w)
	}
	s.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.rows) {
			s.showCases(s.rows[id.Row])
		}
	}
	s.kind.SetSelectedIndex(0)
	s.min.SetSelectedIndex(0)

	filters := visualBorder(nil, nil,
		container.NewHBox(widget.NewLabel(lang.L("patterns.shared.kind")), s.kind,
			widget.NewLabel(lang.L("patterns.shared.min")), s.min),
		s.count, s.filter)
	labelRow := container.NewBorder(nil, nil, nil, s.saveLabel, s.label)
	side := container.NewBorder(container.NewVBox(s.title, labelRow, s.labelNote), nil, nil, nil, container.NewVScroll(s.cases))
	split := container.NewHSplit(s.table, side)
	split.Offset = 0.68
	s.content = visualBorder(filters, dimLabel(lang.L("ident.seen.note")), nil, nil, split)
	return s
}

func (s *sharedView) cell(id widget.TableCellID) string {
	if id.Row < 0 || id.Row >= len(s.rows) {
		return ""
	}
	r := s.rows[id.Row]
	switch id.Col {
	case colKind:
		return kindLabel(r.Ident.Kind)
	case colIdent:
		return identText(r.Ident)
	case colLabel:
		return s.labels.Of(r.Ident)
	case colCount:
		return strconv.Itoa(r.Count)
	case colFirst, colLast:
		if s.seen == nil {
			return "…" // the events are still being read
		}
		first, last, ok := s.seen.Span(r.Ident)
		switch {
		case !ok:
			return "—"
		case id.Col == colFirst:
			return showDay(first)
		}
		return showDay(last)
	}
	return ""
}

// query is what the filters select.
func (s *sharedView) query() patterns.SharedQuery {
	q := patterns.SharedQuery{Text: s.filter.Text, Sort: sharedSortOf[s.sortCol], Desc: s.desc}
	if i := s.kind.SelectedIndex(); i > 0 {
		q.Kind = patterns.AllIdentKinds[i-1]
	}
	if i := s.min.SelectedIndex(); i >= 0 {
		q.Min, _ = strconv.Atoi(minChoices[i])
	}
	return q
}

// reload runs the query again, off the UI goroutine (at 100 000 cases it
// takes about 0.1 s); a newer reload's answer replaces an older one's.
func (s *sharedView) reload() {
	if s.table == nil || s.kind.SelectedIndex() < 0 || s.min.SelectedIndex() < 0 {
		return
	}
	q := s.query()
	s.gen++
	gen := s.gen
	select {
	case <-s.x.Ready():
	default:
		// Unlock returned before the identifier index was filled.
		s.count.SetText(lang.L("patterns.shared.indexing"))
	}
	s.work.Add(1)
	s.host.Go(func(ctx context.Context) {
		defer s.work.Done()
		if s.x.Wait(ctx) != nil {
			return
		}
		rows := s.x.Shared(q)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			s.rows = rows
			s.sortRows()
			s.count.SetText(plural("count.identifiers", len(s.rows), map[string]any{"N": len(s.rows)}))
			s.table.UnselectAll()
			s.table.Refresh()
			s.table.ScrollToTop()
		})
	})
}

// sortBy sorts by a column; a second tap on it reverses the order.
func (s *sharedView) sortBy(col int) {
	if col == s.sortCol {
		s.desc = !s.desc
	} else {
		s.sortCol, s.desc = col, false
	}
	s.reload()
}

// showCases lists the cases of one identifier beside the table, under the
// field that labels it.
func (s *sharedView) showCases(r patterns.Shared) {
	s.title.SetText(kindLabel(r.Ident.Kind) + ": " + identText(r.Ident))
	id := r.Ident
	s.selected = &id
	s.label.SetText(s.labels.Of(id))
	s.labelNote.SetText("")
	if s.v != nil {
		s.label.Enable()
		s.saveLabel.Enable()
	}
	s.cases.RemoveAll()
	for _, ref := range s.x.CasesOf(r.Ident) {
		if ref.Merged {
			continue
		}
		b := caseButton(s.host, ref, func() {
			if s.dialog != nil {
				s.dialog.Hide()
			}
		})
		s.cases.Add(b)
		if ref.Raw != "" && ref.Raw != r.Ident.Raw {
			s.cases.Add(dimLabel(lang.X("patterns.links.as_written", "written “{{.Raw}}”", map[string]any{"Raw": ref.Raw})))
		}
	}
	s.cases.Refresh()
}
