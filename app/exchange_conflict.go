package app

import (
	"context"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases/vault"
)

// takeTheirsButton is the conflict's "Take their version" button, offered
// when the incoming version is newer than the local one: the choice of a
// worker whose version the coordinator has already merged and sent back
// (docs/EXCHANGE.md). nil when the incoming version is not newer.
func takeTheirsButton(t *conflictTab, cf vault.Conflict) *widget.Button {
	if cf.Incoming.Version <= t.local.Version {
		return nil
	}
	return widget.NewButton(lang.L("exchange.conflict.take_theirs"), func() {
		d := dialog.NewConfirm(lang.L("exchange.conflict.take_theirs"), lang.L("exchange.conflict.take_theirs_question"), func(ok bool) {
			if ok {
				t.takeTheirs(cf)
			}
		}, t.host.Window())
		showHostDialog(t.host, d, nil)
	})
}

func (t *conflictTab) takeTheirs(cf vault.Conflict) {
	if _, err := t.host.Store().TakeIncomingConflict(context.Background(), cf.ID); err != nil {
		showBundleError(t.host, err)
		return
	}
	t.host.Refresh()
	t.host.OpenCase(t.local.ID)
}
