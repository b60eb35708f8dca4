package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"kintrace/cases/search"
	"kintrace/cases/vault"
)

// testHost is the Host of feature screens in tests: a window and a real
// vault in a temporary folder. It records what the screens asked of the
// window.
type testHost struct {
	win       fyne.Window
	v         *vault.Vault
	opened    []string       // OpenCase calls
	shown     []search.Query // ShowCases calls
	refreshed int            // Refresh calls
	dialogs   []dialog.Dialog
	selected  []string // what SelectedCases returns
	// inline runs Go's work on the calling goroutine (the test driver runs
	// fyne.Do inline, so the screen is up to date when Go returns).
	inline bool
}

var _ Host = (*testHost)(nil)

func (h *testHost) Window() fyne.Window      { return h.win }
func (h *testHost) Store() *vault.Vault      { return h.v }
func (h *testHost) OpenCase(id string)       { h.opened = append(h.opened, id) }
func (h *testHost) ShowCases(q search.Query) { h.shown = append(h.shown, q) }
func (h *testHost) Refresh()                 { h.refreshed++ }
func (h *testHost) SelectedCases() []string  { return h.selected }
func (h *testHost) ShowDialog(d dialog.Dialog, onClosed func()) {
	h.dialogs = append(h.dialogs, d)
	if onClosed != nil {
		d.SetOnClosed(onClosed)
	}
	d.Show()
}
func (h *testHost) Go(fn func(context.Context)) {
	if h.inline {
		fn(context.Background())
		return
	}
	go fn(context.Background())
}

// The feature tests name their host after their feature.
type (
	attachHost   = testHost
	bundleHost   = testHost
	patternsHost = testHost
	reportHost   = testHost
)
