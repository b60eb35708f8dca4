package app

import (
	"testing"

	"kintrace/cases"
)

// The intake dialogs: a spreadsheet's mapping and a chat export's choice.
func TestTabOrderIntake(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := h.addCase(cases.Case{Status: cases.StatusContactLost, Person: cases.Person{Name: "Андрей Петренко"}})
	canvas := h.win.Canvas()

	openSheet(h.ui, russianCSV(t))
	h.wait()
	checkTabOrder(t, "spreadsheet import", canvas)
	closeDialogs(h)

	h.ui.openCase(c.ID)
	ed := h.editor()
	ed.openChatExport(chatExport(t))
	h.wait()
	checkTabOrder(t, "chat import", canvas)
	closeDialogs(h)
}
