package app

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"

	"kintrace/cases"
)

// tourLongPlace is a summary typed into the place of an event, for the
// screenshot of the warning.
const tourLongPlace = "Called from an unknown number, said he is in a hospital near Rostov and asked to send money to a card"

// tourEditor captures the case editor for the documentation's screenshots
// (Tour calls it once per language with the demo vault open): the demo case
// with the most in it, on its Person, Timeline, Reporters and History tabs.
func tourEditor(u *UI, code string, shot func(name string) error) error {
	finish := func() {
		u.work.Wait()
		fyne.DoAndWait(func() {})
	}
	var ed *editorScreen
	fyne.DoAndWait(func() {
		u.desk.search.SetText("")
		best, id := -1, ""
		for _, o := range u.desk.results {
			c, err := u.vault.Get(context.Background(), o.ID)
			if err != nil {
				continue
			}
			if n := len(c.Events) + len(c.Reporters) + len(c.Places) + len(c.Promises); n > best {
				best, id = n, o.ID
			}
		}
		if id != "" {
			u.openCase(id)
		}
		ed, _ = u.screen.(*editorScreen)
	})
	if ed == nil {
		return fmt.Errorf("app: tour: the case editor did not open")
	}
	if err := shot("editor-" + code); err != nil {
		return err
	}
	for _, sc := range []struct{ name, section string }{
		{"editor-timeline-", sectionTimeline},
		{"editor-reporters-", sectionReporters},
	} {
		fyne.DoAndWait(func() { ed.tabs.Select(ed.tabFor[sc.section]) })
		if err := shot(sc.name + code); err != nil {
			return err
		}
	}
	// The new-event form opened over the timeline, with a summary typed
	// as the place: the field warns.
	fyne.DoAndWait(func() {
		ed.tabs.Select(ed.tabFor[sectionTimeline])
		ed.timeline.unfold()
		ed.timeline.place.SetText(tourLongPlace)
	})
	if err := shot("editor-timeline-new-" + code); err != nil {
		return err
	}
	// The calendar beside the event's date.
	fyne.DoAndWait(func() { ed.timeline.date.pick.OnTapped() })
	if err := shot("editor-datepicker-" + code); err != nil {
		return err
	}
	fyne.DoAndWait(func() {
		ed.timeline.date.picker.dialog.Hide()
		ed.timeline.resetForm()
		ed.timeline.fold()
	})
	// An advocate raises the priority and tags the case: the history then
	// lists what changed between versions.
	// (Once: the next language's tour finds the change already saved.)
	fyne.DoAndWait(func() {
		ed.priority.SetValue(string(cases.PriorityUrgent))
		if !slices.Contains(commaList(ed.tags.Text), "hospital-list") {
			ed.tags.SetText(ed.tags.Text + ", hospital-list")
		}
		if ed.dirty() {
			ed.save()
		}
	})
	finish()
	fyne.DoAndWait(func() { ed.tabs.Select(ed.historyTab) })
	finish()
	fyne.DoAndWait(func() { ed.history.list.Select(0) })
	finish()
	return shot("editor-history-" + code)
}
