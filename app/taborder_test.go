package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
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

// tabStop is a widget Tab reached and where it sits on the canvas.
type tabStop struct {
	obj  fyne.Focusable
	pos  fyne.Position
	size fyne.Size
}

func (s tabStop) top() float32    { return s.pos.Y }
func (s tabStop) bottom() float32 { return s.pos.Y + s.size.Height }

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
	var stops []tabStop
	for range 500 {
		before := c.Focused()
		pressTab(c, false)
		f := c.Focused()
		if f == nil {
			t.Fatal("Tab focused nothing")
		}
		if f == before {
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
		stops = append(stops, tabStop{obj: f, pos: d.AbsolutePositionForObject(o), size: o.Size()})
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
	overlap := min(a.bottom(), b.bottom()) - max(a.top(), b.top())
	shorter := min(a.size.Height, b.size.Height)
	if overlap >= shorter/2 && shorter > 0 {
		if a.pos.X != b.pos.X {
			return a.pos.X < b.pos.X
		}
	}
	return a.top() < b.top()
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
