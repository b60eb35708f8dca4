package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// pressTab does what the desktop driver does with Tab (Shift+Tab when
// back is set): a focused widget that accepts Tab gets it as a key (a
// multi-line entry would insert a tab character), otherwise the focus
// moves to the next (previous) focusable widget of the canvas.
func pressTab(c fyne.Canvas, back bool) {
	if t, ok := c.Focused().(fyne.Tabbable); ok && t.AcceptsTab() {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		return
	}
	if back {
		c.FocusPrevious()
	} else {
		c.FocusNext()
	}
}

// tabStop is a widget Tab reached, where it sits on the canvas, and the
// scroll containers around it, outermost first.
type tabStop struct {
	obj     fyne.Focusable
	pos     fyne.Position
	size    fyne.Size
	scrolls []scrollBox
}

// scrollBox is a scroll container and the lines of the canvas it shows.
type scrollBox struct {
	scroll      *container.Scroll
	top, bottom float32
}

// parents maps every object on c to the object holding it.
func parents(c fyne.Canvas) map[fyne.CanvasObject]fyne.CanvasObject {
	up := map[fyne.CanvasObject]fyne.CanvasObject{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		var kids []fyne.CanvasObject
		switch x := o.(type) {
		case *fyne.Container:
			kids = x.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(x).Objects()
		}
		for _, k := range kids {
			up[k] = o
			walk(k)
		}
	}
	walk(c.Content())
	for _, o := range c.Overlays().List() {
		walk(o)
	}
	return up
}

// scrollsAround lists the scroll containers holding o, outermost first.
func scrollsAround(o fyne.CanvasObject, up map[fyne.CanvasObject]fyne.CanvasObject, d fyne.Driver) []scrollBox {
	var out []scrollBox
	for p := up[o]; p != nil; p = up[p] {
		if s, ok := p.(*container.Scroll); ok {
			top := d.AbsolutePositionForObject(s).Y
			out = append([]scrollBox{{scroll: s, top: top, bottom: top + s.Size().Height}}, out...)
		}
	}
	return out
}

// span is the lines of the canvas a stop covers as seen beside another
// stop: inside the scroll containers both are in, their contents scroll
// together and the stops' own lines compare; a scroll container only one
// of them is in shows that one within its own lines (a field scrolled out
// of a dialog's view reads before the dialog's buttons below it).
func (s tabStop) span(other tabStop) (top, bottom float32) {
	top, bottom = s.pos.Y, s.pos.Y+s.size.Height
	common := 0
	for common < len(s.scrolls) && common < len(other.scrolls) && s.scrolls[common].scroll == other.scrolls[common].scroll {
		common++
	}
	for _, sb := range s.scrolls[common:] {
		top = min(max(top, sb.top), sb.bottom)
		bottom = min(max(bottom, sb.top), sb.bottom)
	}
	return top, bottom
}

func (s tabStop) String() string {
	return fmt.Sprintf("%s at (%.0f,%.0f %.0fx%.0f)", describeFocusable(s.obj), s.pos.X, s.pos.Y, s.size.Width, s.size.Height)
}

// describeFocusable names a widget for a failure message.
func describeFocusable(f fyne.Focusable) string {
	switch w := f.(type) {
	case *trackedEntry:
		return fmt.Sprintf("entry %q", w.PlaceHolder)
	case *widget.Entry:
		return fmt.Sprintf("entry %q", w.PlaceHolder)
	case *secretEntry:
		return "secret entry"
	case *widget.Button:
		return fmt.Sprintf("button %q", w.Text)
	case *widget.Check:
		return fmt.Sprintf("check %q", w.Text)
	case *widget.Select:
		return fmt.Sprintf("select %q", w.PlaceHolder)
	case *enumSelect:
		return fmt.Sprintf("select %q", strings.Join(w.Options[:min(2, len(w.Options))], "|"))
	}
	return fmt.Sprintf("%T", f)
}

// tabCycle starts with nothing focused and presses Tab until the focus
// comes back to where it started; it returns the widgets reached in order.
func tabCycle(t *testing.T, c fyne.Canvas) []tabStop {
	t.Helper()
	c.Unfocus()
	d := fyne.CurrentApp().Driver()
	up := parents(c)
	var stops []tabStop
	for range 500 {
		before := c.Focused()
		pressTab(c, false)
		f := c.Focused()
		if f == nil {
			t.Fatal("Tab focused nothing")
		}
		if f == before {
			if len(stops) == 1 && stops[0].obj == f {
				return stops // the only widget Tab reaches
			}
			t.Fatalf("Tab stays in %s (it takes Tab as a key)", describeFocusable(f))
		}
		if len(stops) > 0 && f == stops[0].obj {
			return stops
		}
		for _, s := range stops {
			if s.obj == f {
				t.Fatalf("Tab came back to %s without passing the first widget again", s)
			}
		}
		o := f.(fyne.CanvasObject)
		stops = append(stops, tabStop{obj: f, pos: d.AbsolutePositionForObject(o), size: o.Size(),
			scrolls: scrollsAround(o, up, d)})
	}
	t.Fatal("Tab did not come back to the first widget after 500 presses")
	return nil
}

// readsBefore reports whether a comes before b in reading order: two
// widgets whose boxes share at least half the height of the shorter one
// sit on one line and read left to right; otherwise the one whose top is
// higher reads first. A field and the check box or button right of it are
// on one line; a multi-line entry and the single-line fields beside it
// share a line with each of them.
func readsBefore(a, b tabStop) bool {
	aTop, aBottom := a.span(b)
	bTop, bBottom := b.span(a)
	overlap := min(aBottom, bBottom) - max(aTop, bTop)
	shorter := min(aBottom-aTop, bBottom-bTop)
	if overlap >= shorter/2 && shorter > 0 {
		if a.pos.X != b.pos.X {
			return a.pos.X < b.pos.X
		}
	}
	return aTop < bTop
}

// checkTabOrder tabs through everything focusable on c and fails when a
// widget reached later reads before one reached earlier: the Tab order
// must be the visual reading order, top to bottom, left to right. It
// returns the stops for further checks.
func checkTabOrder(t *testing.T, name string, c fyne.Canvas) []tabStop {
	t.Helper()
	stops := tabCycle(t, c)
	if len(stops) < 2 {
		t.Fatalf("%s: Tab reaches %d widgets", name, len(stops))
	}
	for i := range stops {
		for j := i + 1; j < len(stops); j++ {
			if readsBefore(stops[j], stops[i]) {
				var seq []string
				for k, s := range stops {
					seq = append(seq, fmt.Sprintf("  %2d %s", k+1, s))
				}
				t.Errorf("%s: Tab reaches %s (stop %d) after %s (stop %d), but it reads before it; the order is:\n%s",
					name, stops[j], j+1, stops[i], i+1, strings.Join(seq, "\n"))
				return stops
			}
		}
	}
	return stops
}
