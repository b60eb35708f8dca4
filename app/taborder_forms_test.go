package app

import (
	"testing"

	"kintrace/cases"
)

// tabCase has a value in every repeated part of the editor, so that each
// tab shows its rows.
var tabCase = cases.Case{
	Status: cases.StatusOpen,
	Person: cases.Person{
		Name:    "Сергей Лебедев",
		Handles: []cases.Handle{{Channel: cases.ChannelTelegram, Value: "@lebedev"}},
	},
	Reporters: []cases.Reporter{{Name: "Мария", Consent: cases.ConsentInternal}},
	Events:    []cases.Event{{Date: "2026-01-10", Type: cases.EventMessageReceived, Text: "Просил копию паспорта"}},
	Places:    []cases.Place{{Name: "ИК-17"}},
	Promises:  []cases.Promise{{What: "выплата"}},
}

// Every tab of the case editor, with the editor's header: Tab goes
// through the fields in the order they read.
func TestTabOrderEditor(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := h.addCase(tabCase)
	h.ui.openCase(c.ID)
	ed := h.editor()
	for _, section := range []string{sectionPerson, sectionReporters, sectionTimeline, sectionPlaces, sectionPromises, sectionNotes} {
		ed.tabs.Select(ed.tabFor[section])
		checkTabOrder(t, "editor, tab "+section, h.win.Canvas())
	}
}
