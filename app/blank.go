package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// blankRooted is a screen whose widget tree blankTree can enter.
type blankRooted interface {
	blankRoot() fyne.CanvasObject
}

// blankTree clears the text of every widget in the tree under o, as far
// as it can see into it: containers, tabs, cards, forms, Fyne's text
// widgets and the screens that name their root (blankRooted). The window
// calls it on lock before it drops the screen: Fyne keeps a dropped
// widget's renderer, and the drawn text's texture, in caches for a minute
// after the widget was last drawn, and with them every string the widget
// showed; a blanked widget shows, and so holds, none. Callbacks are
// detached first, so that no screen reacts to being blanked.
func blankTree(o fyne.CanvasObject) {
	switch w := o.(type) {
	case nil:
	case *fyne.Container:
		for _, c := range w.Objects {
			blankTree(c)
		}
	case *container.Scroll:
		blankTree(w.Content)
	case *container.AppTabs:
		for _, it := range w.Items {
			blankTree(it.Content)
		}
	case *container.Split:
		blankTree(w.Leading)
		blankTree(w.Trailing)
	case *widget.Card:
		w.SetTitle("")
		w.SetSubTitle("")
		blankTree(w.Content)
	case *widget.Accordion:
		for _, it := range w.Items {
			it.Title = ""
			blankTree(it.Detail)
		}
		w.Refresh()
	case *widget.Form:
		for _, it := range w.Items {
			blankTree(it.Widget)
		}
	case *widget.Label:
		w.SetText("")
	case *widget.Button:
		w.SetText("")
	case *widget.Hyperlink:
		w.SetText("")
	case *widget.Check:
		w.OnChanged = nil
		w.Text = ""
		w.Refresh()
	case *widget.RadioGroup:
		w.OnChanged = nil
		w.Options, w.Selected = nil, ""
		w.Refresh()
	case *widget.Select:
		w.OnChanged = nil
		w.Options = nil
		w.ClearSelected()
	case *widget.Entry:
		blankEntry(w)
	case *trackedEntry:
		blankEntry(&w.Entry)
	case *widget.RichText:
		w.Segments = nil
		w.Refresh()
	case *canvas.Text:
		w.Text = ""
		w.Refresh()
	case *activityLayer:
		blankTree(w.content)
	case blankRooted:
		blankTree(w.blankRoot())
	}
}

func blankEntry(e *widget.Entry) {
	e.OnChanged, e.OnSubmitted = nil, nil
	e.SetText("")
}
