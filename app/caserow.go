package app

import (
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
)

// overdueDays is the silence after which a case's badge turns red; half of
// it turns the badge amber.
const overdueDays = 30

// rowColumns are the widths of the case list's columns: check box, silence
// badge, number, name (takes the rest), status, facility.
var rowColumns = columns{widths: []float32{32, 76, 128, 0, 150, 220}, flex: 3}

// caseRow is one row of the case list. Rows are recycled as the list
// scrolls: set binds a row to the case at a list index, check box state
// included.
type caseRow struct {
	widget.BaseWidget
	index    int // the list index the row shows, -1 for none
	check    *widget.Check
	badge    *silenceBadge
	number   *widget.Label
	name     *widget.Label
	status   *widget.Label
	facility *widget.Label
}

// newCaseRow returns an empty row; onCheck runs when the user ticks or
// unticks its check box.
func newCaseRow(onCheck func(index int, on bool)) *caseRow {
	r := &caseRow{
		index:    -1,
		badge:    newSilenceBadge(),
		number:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}),
		name:     widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		status:   widget.NewLabel(""),
		facility: widget.NewLabel(""),
	}
	for _, l := range []*widget.Label{r.number, r.name, r.status, r.facility} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	r.check = widget.NewCheck("", func(on bool) {
		if r.index >= 0 {
			onCheck(r.index, on)
		}
	})
	r.check.Hide()
	r.ExtendBaseWidget(r)
	return r
}

func (r *caseRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(rowColumns, r.check, r.badge, r.number, r.name, r.status, r.facility))
}

// set shows o, the case at list index i, ticked or not, with its silence
// counted up to now.
func (r *caseRow) set(i int, o cases.Overview, ticked bool, now time.Time) {
	r.index = i
	if r.check.Checked != ticked {
		r.check.Checked = ticked // not SetChecked: binding is not ticking
		r.check.Refresh()
	}
	if !r.check.Visible() {
		r.check.Show()
	}
	r.badge.watch = activeStatus(o.Status)
	r.badge.set(o.LastContact, now)
	setLabel(r.number, o.Number)
	if r.name.TextStyle.Italic != o.Pseudonym {
		r.name.TextStyle.Italic = o.Pseudonym
		r.name.Refresh()
	}
	setLabel(r.name, o.Name)
	if imp := statusImportance(o.Status); r.status.Importance != imp {
		r.status.Importance = imp
		r.status.Refresh()
	}
	setLabel(r.status, statusLabel(o.Status))
	setLabel(r.facility, o.Facility)
}

// setLabel changes a label's text only when it differs: shaping text is
// the costly part of redrawing a row.
func setLabel(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

// clear empties the row (on lock, and beyond the first page of results
// until the rest arrives).
func (r *caseRow) clear() {
	r.index = -1
	r.check.Checked = false
	r.check.Hide()
	r.badge.set(time.Time{}, time.Time{})
	for _, l := range []*widget.Label{r.number, r.name, r.status, r.facility} {
		l.SetText("")
	}
}

// silenceBadge shows the days since the last sign of life on a coloured
// pill: neutral, amber from overdueDays/2, red beyond overdueDays.
type silenceBadge struct {
	widget.BaseWidget
	days  int  // -1: no sign of life recorded
	watch bool // false for a resolved case: its silence is not overdue
	// shownWatch is the watch the badge was last drawn with.
	shownWatch bool
	bg         *canvas.Rectangle
	text       *canvas.Text
}

func newSilenceBadge() *silenceBadge {
	b := &silenceBadge{days: -1, watch: true, bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	b.bg.CornerRadius = 10
	b.text.Alignment = fyne.TextAlignCenter
	b.text.TextStyle.Bold = true
	b.text.TextSize = theme.CaptionTextSize() + 1
	b.ExtendBaseWidget(b)
	return b
}

func (b *silenceBadge) set(last, now time.Time) {
	days := -1
	if !last.IsZero() {
		days = max(int(now.Sub(last).Hours()/24), 0)
	}
	if days == b.days && b.watch == b.shownWatch && b.text.Text != "" {
		return
	}
	b.days = days
	b.Refresh()
}

// Overdue reports whether the badge shows overdue silence.
func (b *silenceBadge) Overdue() bool { return b.watch && b.days > overdueDays }

func (b *silenceBadge) Refresh() {
	fg, bg := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNameInputBackground)
	switch {
	case b.days < 0:
		b.text.Text = "—"
		fg = theme.Color(theme.ColorNamePlaceHolder)
	case !b.watch:
		b.text.Text = lang.L("{{.Days}} d", map[string]any{"Days": strconv.Itoa(b.days)})
		fg = theme.Color(theme.ColorNamePlaceHolder)
	case b.days > overdueDays:
		b.text.Text = lang.L("{{.Days}} d", map[string]any{"Days": strconv.Itoa(b.days)})
		fg, bg = theme.Color(theme.ColorNameForegroundOnError), theme.Color(theme.ColorNameError)
	case b.days > overdueDays/2:
		b.text.Text = lang.L("{{.Days}} d", map[string]any{"Days": strconv.Itoa(b.days)})
		fg, bg = theme.Color(theme.ColorNameForegroundOnWarning), theme.Color(theme.ColorNameWarning)
	default:
		b.text.Text = lang.L("{{.Days}} d", map[string]any{"Days": strconv.Itoa(b.days)})
	}
	b.shownWatch = b.watch
	b.text.Color = fg
	b.bg.FillColor = bg
	b.bg.Refresh()
	b.text.Refresh()
}

func (b *silenceBadge) CreateRenderer() fyne.WidgetRenderer {
	return &badgeRenderer{b: b}
}

type badgeRenderer struct{ b *silenceBadge }

func (r *badgeRenderer) Layout(size fyne.Size) {
	h := r.b.text.MinSize().Height + 6
	r.b.bg.Move(fyne.NewPos(0, (size.Height-h)/2))
	r.b.bg.Resize(fyne.NewSize(size.Width, h))
	r.b.text.Move(fyne.NewPos(0, (size.Height-r.b.text.MinSize().Height)/2))
	r.b.text.Resize(fyne.NewSize(size.Width, r.b.text.MinSize().Height))
}

func (r *badgeRenderer) MinSize() fyne.Size {
	m := r.b.text.MinSize()
	return fyne.NewSize(max(m.Width+16, 56), m.Height+6)
}

func (r *badgeRenderer) Refresh()                     { r.b.Refresh() }
func (r *badgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.b.bg, r.b.text} }
func (r *badgeRenderer) Destroy()                     {}
