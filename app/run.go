// Package app is Kintrace's Fyne GUI.
package app

import (
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

// Run starts the GUI and blocks until the window closes.
func Run() {
	a := fyneapp.NewWithID("org.kintrace.app")
	w := a.NewWindow("Kintrace")
	w.SetContent(widget.NewLabel("Kintrace"))
	w.ShowAndRun()
}
