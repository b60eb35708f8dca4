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

// caseRow is one row of the case list. Rows are recycled as the list
// scrolls: set binds a row to the case at a list index, check box state
// included.
type caseRow struct {
	widget.BaseWidget
	index    int // the list index the row shows, -1 for none
	check    *widget.Check
	badge    *silenceBadge
	sign     *widget.Label // days since an unconfirmed sign of life, if any came since
	number   *widget.Label
	name     *widget.Label
	status   *widget.Label
	facility *widget.Label
	// optional columns (listColumns)
	lastDate, priority, assigned, region *widget.Label
	requests                             *pill // requests awaiting an answer (editor_requests.go)
	layout                               *rowLayout
}

// newCaseRow returns an empty row; onCheck runs when the user ticks or
// unticks its check box.
func newCaseRow(l *rowLayout, onCheck func(index int, on bool)) *caseRow {
	r := &caseRow{
		layout:   l,
		lastDate: widget.NewLabel(""),
		priority: widget.NewLabel(""),
		assigned: widget.NewLabel(""),
		region:   widget.NewLabel(""),
		requests: newPill(),
		index:    -1,
		badge:    newSilenceBadge(),
		sign:     widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Italic: true}),
		number:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}),
		name:     widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		status:   widget.NewLabel(""),
		facility: widget.NewLabel(""),
	}
	r.sign.Importance = widget.WarningImportance
	for _, l := range r.labels() {
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
	return widget.NewSimpleRenderer(container.New(r.layout, r.cells()...))
}

// cells are the row's cells in the order of listColumns.
func (r *caseRow) cells() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.check, r.badge, r.sign, r.number, r.name,
		r.lastDate, r.priority, r.assigned, r.status, r.facility, r.region, r.requests}
}

// labels are the row's text cells.
func (r *caseRow) labels() []*widget.Label {
	return []*widget.Label{r.sign, r.number, r.name, r.status, r.facility, r.lastDate, r.priority, r.assigned, r.region}
}

// set shows o, the case at list index i, ticked or not, with its silence
// counted up to now; facility and region are the case's facility and
// region in the spelling the list shows for every case that folds alike.
func (r *caseRow) set(i int, o cases.Overview, ticked bool, now time.Time, facility, region string) {
	r.index = i
	r.layout.applyTo(r.cells())
	if r.check.Checked != ticked {
		r.check.Checked = ticked // not SetChecked: binding is not ticking
		r.check.Refresh()
	}
	if !r.check.Visible() {
		r.check.Show()
	}
	r.badge.watch = activeStatus(o.Status)
	r.badge.set(o.LastContact, now)
	sign := ""
	if o.UnconfirmedSince() {
		sign = lang.L("proof.row.sign", map[string]any{"Days": strconv.Itoa(daysSince(o.LastSign, now))})
	}
	setLabel(r.sign, sign)
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
	setLabel(r.facility, facility)
	setLabel(r.region, region)
	last := ""
	if !o.LastContact.IsZero() {
		last = showDateStart(o.LastContact)
	}
	setLabel(r.lastDate, last)
	prio := ""
	if o.Priority != "" {
		prio = enumLabel("priority", string(o.Priority))
	}
	setLabel(r.priority, prio)
	setLabel(r.assigned, o.AssignedTo)
	r.requests.set(requestsCell(&o, now))
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
	r.badge.watch = false
	r.badge.set(time.Time{}, time.Time{})
	r.requests.set("", pillQuiet)
	for _, l := range r.labels() {
		l.SetText("")
	}
}

// silenceBadge shows the days since the last confirmed contact on a
// coloured pill: neutral, amber from overdueDays/2, red beyond overdueDays;
// "never" on red for an open case without any confirmed contact.
type silenceBadge struct {
	widget.BaseWidget
	days  int  // -1: no confirmed contact recorded
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

// Overdue reports whether the badge shows overdue silence (or no
// confirmed contact at all).
func (b *silenceBadge) Overdue() bool { return b.watch && (b.days > overdueDays || b.days < 0) }

func (b *silenceBadge) Refresh() {
	fg, bg := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNameInputBackground)
	switch {
	case b.days < 0 && b.watch:
		b.text.Text = lang.L("proof.badge.never")
		fg, bg = theme.Color(theme.ColorNameForegroundOnError), theme.Color(theme.ColorNameError)
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
