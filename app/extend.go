package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"kintrace/cases"
	"kintrace/cases/search"
	"kintrace/cases/vault"
)

// Host is what a feature screen (bundles, attachments, patterns, reports)
// may use of the main window. The desk implements it; feature tests can
// implement it over a real vault in a temporary folder.
type Host interface {
	// Window is the main window, the parent of every dialog.
	Window() fyne.Window
	// Store is the unlocked vault.
	Store() *vault.Vault
	// OpenCase opens a case in the editor.
	OpenCase(id string)
	// ShowCases sets the case list's search and filters.
	ShowCases(q search.Query)
	// Refresh reloads the case list after cases changed outside the
	// editor (an import, a merge).
	Refresh()
	// Go runs fn off the UI goroutine with a context cancelled when the
	// vault is locked or closed; locking and closing wait for fn to
	// return. fn reports back through fyne.Do.
	Go(fn func(ctx context.Context))
	// ShowDialog shows d so that Escape and locking close it: nothing
	// decrypted may stay on screen over the unlock screen. onClosed, when
	// not nil, runs whenever d closes.
	ShowDialog(d dialog.Dialog, onClosed func())
	// SelectedCases are the ids of the cases ticked in the case list, in
	// list order (nil when none).
	SelectedCases() []string
}

// Action is a command of the main window's toolbar menu ("Export bundle…",
// "Overview"). Label is a lang key.
type Action struct {
	Label string
	Icon  fyne.Resource
	Run   func(h Host)
}

// CaseTab is an extra tab of the case editor ("Attachments", "Linked
// cases"). Label is a lang key; Build is called with the case as saved.
type CaseTab struct {
	Label string
	Build func(h Host, c cases.Case) fyne.CanvasObject
}

// Actions lists the main window's "More" menu in the order it shows them
// (features.go).
func Actions() []Action { return actions }

// CaseTabs lists the case editor's extra tabs in the order it shows them
// (features.go).
func CaseTabs() []CaseTab { return caseTabs }

// showHostDialog shows d through h (see Host.ShowDialog).
func showHostDialog(h Host, d dialog.Dialog, onClosed func()) { h.ShowDialog(d, onClosed) }
