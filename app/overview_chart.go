package app

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bar is one bar of a barChart.
type bar struct {
	Label string
	Value int
	// Color is a theme colour name; "" is the primary colour.
	Color fyne.ThemeColorName
	// OnTapped, when set, makes the bar a button.
	OnTapped func()
}

// barChart is a horizontal bar chart drawn with canvas rectangles and
// texts: one row per bar, the label on the left, the bar scaled to the
// largest value, the value at its end. Labels are never cut: one longer
// than the label column wraps onto more lines and its row grows. Bars with
// OnTapped are tappable.
type barChart struct {
	widget.BaseWidget
	bars []bar
	rows []*barRow
}

func newBarChart(bars []bar) *barChart {
	c := &barChart{}
	c.ExtendBaseWidget(c)
	c.SetBars(bars)
	return c
}

// SetBars replaces the bars.
func (c *barChart) SetBars(bars []bar) {
	c.bars = bars
	top := 0
	for _, b := range bars {
		top = max(top, b.Value)
	}
	c.rows = make([]*barRow, len(bars))
	for i, b := range bars {
		c.rows[i] = newBarRow(b, top)
	}
	c.setLabelWidth()
	c.Refresh()
}

// maxLabelEms caps the label column, in multiples of the text size: about
// 25 characters, the length of most region and facility names; longer ones
// wrap. The column does not depend on the chart's width, so the rows'
// heights (and the chart's minimum size) are known before layout.
const maxLabelEms = 14

// setLabelWidth gives every row the label column: the widest label, up to
// maxLabelEms.
func (c *barChart) setLabelWidth() {
	w := float32(0)
	for _, row := range c.rows {
		w = max(w, fyne.MeasureText(row.bar.Label, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	w = min(w+theme.Padding()*2, theme.TextSize()*maxLabelEms)
	for _, row := range c.rows {
		row.labelW = w
	}
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	return &barChartRenderer{c: c}
}

type barChartRenderer struct{ c *barChart }

func (r *barChartRenderer) Objects() []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(r.c.rows))
	for i, row := range r.c.rows {
		out[i] = row
	}
	return out
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	y := float32(0)
	for _, row := range r.c.rows {
		h := row.MinSize().Height
		row.Resize(fyne.NewSize(size.Width, h))
		row.Move(fyne.NewPos(0, y))
		y += h
	}
}

func (r *barChartRenderer) MinSize() fyne.Size {
	h := float32(0)
	w := float32(160)
	for _, row := range r.c.rows {
		h += row.MinSize().Height
		w = max(w, row.labelW+theme.TextSize()*5)
	}
	return fyne.NewSize(w, h)
}

func (r *barChartRenderer) Refresh() {
	r.c.setLabelWidth() // the text size may have changed
	for _, row := range r.c.rows {
		row.Refresh()
	}
	r.Layout(r.c.Size())
}

func (r *barChartRenderer) Destroy() {}

// barRow is one labelled bar; it is tappable when its bar has OnTapped.
type barRow struct {
	widget.BaseWidget
	bar     bar
	top     int
	labelW  float32 // the label column, padding included
	hovered bool
}

var (
	_ fyne.Tappable      = (*barRow)(nil)
	_ desktop.Hoverable  = (*barRow)(nil)
	_ desktop.Cursorable = (*barRow)(nil)
)

func newBarRow(b bar, top int) *barRow {
	r := &barRow{bar: b, top: top}
	r.ExtendBaseWidget(r)
	return r
}

func (r *barRow) Tapped(*fyne.PointEvent) {
	if r.bar.OnTapped != nil {
		r.bar.OnTapped()
	}
}

func (r *barRow) Cursor() desktop.Cursor {
	if r.bar.OnTapped != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

func (r *barRow) MouseIn(*desktop.MouseEvent) {
	r.hovered = r.bar.OnTapped != nil
	r.Refresh()
}
func (r *barRow) MouseMoved(*desktop.MouseEvent) {}
func (r *barRow) MouseOut() {
	r.hovered = false
	r.Refresh()
}

// lines is the label wrapped to the label column.
func (r *barRow) lines() []string {
	w := r.labelW
	if w == 0 {
		w = theme.TextSize() * maxLabelEms
	}
	return wrapText(r.bar.Label, w-theme.Padding()*2, theme.TextSize())
}

func (r *barRow) CreateRenderer() fyne.WidgetRenderer {
	rr := &barRowRenderer{r: r,
		hover: canvas.NewRectangle(color.Transparent),
		track: canvas.NewRectangle(color.Transparent),
		fill:  canvas.NewRectangle(color.Transparent),
		value: canvas.NewText(strconv.Itoa(r.bar.Value), color.Black),
	}
	rr.value.TextStyle = fyne.TextStyle{Bold: true}
	rr.fill.CornerRadius = 3
	rr.track.CornerRadius = 3
	rr.Refresh()
	return rr
}

type barRowRenderer struct {
	r                  *barRow
	hover, track, fill *canvas.Rectangle
	labels             []*canvas.Text // one per line of the label
	value              *canvas.Text
}

func (rr *barRowRenderer) Objects() []fyne.CanvasObject {
	out := []fyne.CanvasObject{rr.hover, rr.track, rr.fill, rr.value}
	for _, l := range rr.labels {
		out = append(out, l)
	}
	return out
}

func lineHeight() float32 {
	return fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height
}

func (rr *barRowRenderer) MinSize() fyne.Size {
	n := max(1, len(rr.r.lines()))
	return fyne.NewSize(120, lineHeight()*float32(n)+theme.Padding()*2)
}

func (rr *barRowRenderer) Layout(size fyne.Size) {
	pad := theme.Padding()
	lineH := lineHeight()
	rr.hover.Resize(size)
	y := (size.Height - lineH*float32(len(rr.labels))) / 2
	for _, l := range rr.labels {
		l.Move(fyne.NewPos(pad, y))
		y += lineH
	}
	valueW := fyne.MeasureText("000000", theme.TextSize(), rr.value.TextStyle).Width
	trackX := rr.r.labelW + pad
	trackW := max(0, size.Width-trackX-valueW-pad*2)
	barH := lineH
	barY := (size.Height - barH) / 2
	rr.track.Move(fyne.NewPos(trackX, barY))
	rr.track.Resize(fyne.NewSize(trackW, barH))
	frac := float32(0)
	if rr.r.top > 0 {
		frac = float32(rr.r.bar.Value) / float32(rr.r.top)
	}
	w := trackW * frac
	if rr.r.bar.Value > 0 {
		w = max(w, 2)
	}
	rr.fill.Move(fyne.NewPos(trackX, barY))
	rr.fill.Resize(fyne.NewSize(w, barH))
	rr.value.Move(fyne.NewPos(trackX+w+pad, (size.Height-rr.value.MinSize().Height)/2))
}

// wrapText breaks s into lines no wider than width at text size: at spaces
// where it can, inside a word longer than a line where it must.
func wrapText(s string, width, size float32) []string {
	fits := func(t string) bool { return fyne.MeasureText(t, size, fyne.TextStyle{}).Width <= width }
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && fits(line+" "+word) {
			line += " " + word
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = word
		for !fits(line) {
			r := []rune(line)
			n := len(r) - 1
			for n > 1 && !fits(string(r[:n])) {
				n--
			}
			lines = append(lines, string(r[:n]))
			line = string(r[n:])
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

func (rr *barRowRenderer) Refresh() {
	name := rr.r.bar.Color
	if name == "" {
		name = theme.ColorNamePrimary
	}
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := fyne.CurrentApp().Settings().Theme()
	rr.fill.FillColor = th.Color(name, v)
	rr.track.FillColor = th.Color(theme.ColorNameInputBackground, v)
	if rr.r.hovered {
		rr.hover.FillColor = th.Color(theme.ColorNameHover, v)
	} else {
		rr.hover.FillColor = color.Transparent
	}
	fg := th.Color(theme.ColorNameForeground, v)
	lines := rr.r.lines()
	for len(rr.labels) < len(lines) {
		rr.labels = append(rr.labels, canvas.NewText("", fg))
	}
	rr.labels = rr.labels[:len(lines)]
	for i, l := range rr.labels {
		l.Text = lines[i]
		l.Color = fg
		l.TextSize = theme.TextSize()
	}
	rr.value.Color = fg
	rr.value.Text = strconv.Itoa(rr.r.bar.Value)
	rr.Layout(rr.r.Size())
	for _, o := range rr.Objects() {
		o.Refresh()
	}
}

func (rr *barRowRenderer) Destroy() {}

// columnChart draws values over time as vertical bars (events per week),
// with the largest value and the first and last labels as its axis.
type columnChart struct {
	widget.BaseWidget
	values      []int
	first, last string // labels under the first and last column
}

func newColumnChart() *columnChart {
	c := &columnChart{}
	c.ExtendBaseWidget(c)
	return c
}

// SetValues replaces the columns.
func (c *columnChart) SetValues(values []int, first, last string) {
	c.values, c.first, c.last = values, first, last
	c.Refresh()
}

func (c *columnChart) CreateRenderer() fyne.WidgetRenderer {
	return &columnRenderer{c: c, axis: canvas.NewLine(color.Black),
		top: canvas.NewText("", color.Black), first: canvas.NewText("", color.Black), last: canvas.NewText("", color.Black)}
}

type columnRenderer struct {
	c                *columnChart
	cols             []*canvas.Rectangle
	axis             *canvas.Line
	top, first, last *canvas.Text
}

func (r *columnRenderer) Objects() []fyne.CanvasObject {
	out := []fyne.CanvasObject{r.axis, r.top, r.first, r.last}
	for _, c := range r.cols {
		out = append(out, c)
	}
	return out
}

func (r *columnRenderer) MinSize() fyne.Size { return fyne.NewSize(240, 120) }

func (r *columnRenderer) Layout(size fyne.Size) {
	textH := r.first.MinSize().Height
	chartH := size.Height - textH*2
	topV := 0
	for _, v := range r.c.values {
		topV = max(topV, v)
	}
	r.top.Move(fyne.NewPos(0, 0))
	base := textH + chartH
	r.axis.Position1 = fyne.NewPos(0, base)
	r.axis.Position2 = fyne.NewPos(size.Width, base)
	r.first.Move(fyne.NewPos(0, base+2))
	r.last.Move(fyne.NewPos(size.Width-r.last.MinSize().Width, base+2))
	n := len(r.cols)
	if n == 0 {
		return
	}
	step := size.Width / float32(n)
	gap := min(2, step/4)
	for i, c := range r.cols {
		h := float32(0)
		if topV > 0 {
			h = chartH * float32(r.c.values[i]) / float32(topV)
		}
		c.Move(fyne.NewPos(float32(i)*step+gap/2, base-h))
		c.Resize(fyne.NewSize(max(1, step-gap), h))
	}
}

func (r *columnRenderer) Refresh() {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := fyne.CurrentApp().Settings().Theme()
	fg := th.Color(theme.ColorNameForeground, v)
	for len(r.cols) < len(r.c.values) {
		r.cols = append(r.cols, canvas.NewRectangle(color.Transparent))
	}
	r.cols = r.cols[:len(r.c.values)]
	for _, c := range r.cols {
		c.FillColor = th.Color(theme.ColorNamePrimary, v)
	}
	topV := 0
	for _, x := range r.c.values {
		topV = max(topV, x)
	}
	r.top.Text = strconv.Itoa(topV)
	r.first.Text, r.last.Text = r.c.first, r.c.last
	for _, t := range []*canvas.Text{r.top, r.first, r.last} {
		t.Color = fg
		t.TextSize = theme.CaptionTextSize()
	}
	r.axis.StrokeColor = th.Color(theme.ColorNameDisabled, v)
	r.axis.StrokeWidth = 1
	r.Layout(r.c.Size())
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

func (r *columnRenderer) Destroy() {}
