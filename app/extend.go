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

var (
	actions  []Action
	caseTabs []CaseTab
)

// RegisterAction adds a command to the main window's menu; features call it
// from init.
func RegisterAction(a Action) { actions = append(actions, a) }

// RegisterCaseTab adds a tab to the case editor; features call it from init.
func RegisterCaseTab(t CaseTab) { caseTabs = append(caseTabs, t) }

// Actions lists the registered commands in registration order.
func Actions() []Action { return actions }

// CaseTabs lists the registered case editor tabs in registration order.
func CaseTabs() []CaseTab { return caseTabs }

// showHostDialog shows d through the window when h is the window, so that
// Escape and locking close it: nothing decrypted may stay on screen over
// the unlock screen. onClosed, when not nil, runs whenever d closes.
func showHostDialog(h Host, d dialog.Dialog, onClosed func()) {
	if s, ok := h.(interface {
		showDialogClosing(dialog.Dialog, func())
	}); ok {
		s.showDialogClosing(d, onClosed)
		return
	}
	if onClosed != nil {
		d.SetOnClosed(onClosed)
	}
	d.Show()
}
