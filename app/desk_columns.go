package app

import (
	"embed"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/search"
)

//go:embed translations/columns
var columnsTranslations embed.FS

func init() { registerTranslations(columnsTranslations, "translations/columns") }

// The case list's columns. The fixed ones are always shown; the optional
// ones are chosen under "Columns" and kept, sealed, in the vault with the
// saved views (desk_views.go).

// listColumn is one column of the case list.
type listColumn struct {
	key      string  // as stored in the vault's desk settings
	title    string  // translation key of its header
	width    float32 // 0: takes the rest of the row
	optional bool
	sortable bool
	sort     search.Sort
}

// Column keys, in the order the row lays them out.
const (
	colCheck    = "check"
	colSilent   = "silent"
	colSign     = "sign"
	colNumber   = "number"
	colName     = "name"
	colPriority = "priority"
	colAssigned = "assigned"
	colStatus   = "status"
	colFacility = "facility"
	colRegion   = "region"
	colLastDate = "last_contact"
	colRequests = "requests" // casework: requests awaiting an answer, overdue ones in red
)

var listColumns = []listColumn{
	{key: colCheck, width: 32},
	{key: colSilent, title: "Silent", width: 76, sortable: true, sort: search.SortSilentLongest},
	{key: colSign, title: "proof.column.sign", width: 92},
	{key: colNumber, title: "Number", width: 128, sortable: true, sort: search.SortNumber},
	{key: colName, title: "Name", sortable: true, sort: search.SortName},
	{key: colLastDate, title: "columns.last_contact", width: 120, optional: true},
	{key: colPriority, title: "columns.priority", width: 96, optional: true},
	{key: colAssigned, title: "columns.assigned", width: 120, optional: true},
	{key: colStatus, title: "Status", width: 150, sortable: true, sort: search.SortStatus},
	{key: colFacility, title: "Facility", width: 220, sortable: true, sort: search.SortFacility},
	{key: colRegion, title: "columns.region", width: 180, optional: true},
	{key: colRequests, title: "casework.column.requests", width: 130, optional: true},
}

// rowLayout lays out a row's cells (one per listColumn, in order) at the
// widths of the columns shown; cells of hidden columns get no room. The
// desk owns one, shared by its rows and its header.
type rowLayout struct {
	shown map[string]bool // optional columns shown
}

// applyTo shows the cells of the columns shown and hides the others
// (cells index-aligned with listColumns). A hidden cell gets no room, and
// hiding it keeps its text from being drawn over its neighbours.
func (l *rowLayout) applyTo(cells []fyne.CanvasObject) {
	for i, o := range cells {
		if i >= len(listColumns) || !listColumns[i].optional {
			continue
		}
		if l.visible(i) {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

func (l *rowLayout) visible(i int) bool {
	c := listColumns[i]
	return !c.optional || l.shown[c.key]
}

func (l *rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	var w, h float32
	n := 0
	for i, o := range objs {
		if i >= len(listColumns) || !l.visible(i) {
			continue
		}
		m := o.MinSize()
		if listColumns[i].width > 0 {
			w += listColumns[i].width
		} else {
			w += m.Width
		}
		h = max(h, m.Height)
		n++
	}
	return fyne.NewSize(w+pad*float32(max(n-1, 0)), h)
}

func (l *rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed := float32(0)
	n := 0
	for i := range objs {
		if i < len(listColumns) && l.visible(i) {
			fixed += listColumns[i].width
			n++
		}
	}
	fixed += pad * float32(max(n-1, 0))
	x := float32(0)
	for i, o := range objs {
		if i >= len(listColumns) || !l.visible(i) {
			o.Resize(fyne.NewSize(0, 0))
			o.Move(fyne.NewPos(x, 0))
			continue
		}
		w := listColumns[i].width
		if w == 0 {
			w = max(size.Width-fixed, 0)
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w, h))
		x += w + pad
	}
}

// headerCell is a column's title; a tap on a sortable one sorts the list
// by it.
type headerCell struct {
	widget.Label
	sortable bool
	onTap    func()
}

func newHeaderCell(title string, sortable bool, onTap func()) *headerCell {
	h := &headerCell{sortable: sortable, onTap: onTap}
	h.Text = title
	h.TextStyle.Bold = true
	h.SizeName = theme.SizeNameCaptionText
	h.Truncation = fyne.TextTruncateEllipsis
	h.ExtendBaseWidget(h)
	return h
}

func (h *headerCell) Tapped(*fyne.PointEvent) {
	if h.sortable && h.onTap != nil {
		h.onTap()
	}
}

func (h *headerCell) Cursor() desktop.Cursor {
	if h.sortable {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// columnTitle is a column's header text; the column the list is sorted by
// carries an arrow.
func columnTitle(c listColumn, sorted search.Sort) string {
	if c.title == "" {
		return ""
	}
	t := lang.L(c.title)
	if c.sortable && c.sort == sorted {
		t += " ▾"
	}
	return t
}
