package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
)

// The finding of issue 13: a case whose only events are a WhatsApp message
// from an unknown number and a call from the "accountant" showed a grey
// "3 d", as if he had been in touch. Silence counts from the last
// confirmed contact; confirming the message in the editor ends it.
func TestProofOfLifeOnDeskAndInEditor(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	now := h.clock.Now()
	day := func(daysAgo int) cases.Date {
		d := now.AddDate(0, 0, -daysAgo)
		return cases.DayDate(d.Year(), d.Month(), d.Day())
	}
	c := h.addCase(cases.Case{
		Status: cases.StatusContactLost,
		Person: cases.Person{Name: "Пётр Олегович Сорокин", Phones: []string{"+7 912 555-77-01"}},
		Events: []cases.Event{
			{Date: day(5), Type: cases.EventMessageReceived, Channel: cases.ChannelWhatsApp,
				From: "+7 999 000-44-17", Text: "Мама, у меня новый номер. Пришли паспорт.", Verification: cases.VerificationUnverified},
			{Date: day(3), Type: cases.EventCall, Channel: cases.ChannelPhone, From: "+7 999 000-55-00",
				Origin: cases.OriginIntermediary, Text: "«Бухгалтер»: всё в порядке, деньги будут"},
		},
	})
	h.ui.showDesk()
	h.wait()

	row := findRow(t, h, c.ID)
	if row.badge.days != -1 || row.badge.text.Text != "never" || !row.badge.Overdue() {
		t.Errorf("badge shows %q (days %d), want \"never\" as overdue: no contact was confirmed", row.badge.text.Text, row.badge.days)
	}
	if row.sign.Text != "? 3 d" {
		t.Errorf("unconfirmed column shows %q, want \"? 3 d\" (the intermediary's call)", row.sign.Text)
	}

	h.ui.openCase(c.ID)
	ed := h.editor()
	if got := ed.proof.Text; !strings.Contains(got, "No confirmed contact from him") || !strings.Contains(got, "Last sign of life (unconfirmed)") {
		t.Errorf("editor header says %q", got)
	}
	var msg *eventItem
	for _, it := range ed.timeline.events {
		if it.ev.Type == cases.EventMessageReceived {
			msg = it
		}
	}
	if msg == nil || !msg.confirm.Visible() {
		t.Fatal("the unconfirmed message has no visible Confirm button")
	}
	if !strings.Contains(msg.meta.Text, "Someone claiming to be him") {
		t.Errorf("message row says %q, want its inferred origin", msg.meta.Text)
	}

	// Confirm it: the family recognised a detail only he knows.
	test.Tap(msg.confirm)
	d := h.win.Canvas().Overlays().Top()
	if d == nil {
		t.Fatal("Confirm opened no dialog")
	}
	radio := findRadio(d)
	if radio == nil {
		t.Fatal("the confirm dialog has no choice of how")
	}
	radio.SetSelected("A detail only he knows")
	test.Tap(findButton(d, "Confirm"))
	if msg.ev.Origin != cases.OriginPerson || msg.ev.Verification != cases.VerificationConfirmed || msg.ev.ConfirmedBy != cases.ConfirmedByDetail {
		t.Fatalf("confirmed event is %+v", msg.ev)
	}
	if got := ed.proof.Text; !strings.Contains(got, "Last confirmed contact") || !strings.Contains(got, "(5 d ago)") {
		t.Errorf("after confirming, the header says %q", got)
	}
	if msg.confirm.Visible() {
		t.Error("the confirmed message still offers Confirm")
	}
	ed.save()
	h.wait()
	if got := h.getCase(c.ID); !got.Events[0].IsConfirmedContactIn(&got.Person) {
		t.Fatalf("stored event not confirmed: %+v", got.Events[0])
	}
	ed.leave(h.ui.showDesk)
	h.wait()
	row = findRow(t, h, c.ID)
	if row.badge.days != 5 || row.badge.text.Text != "5 d" {
		t.Errorf("after confirming, the badge shows %q (days %d), want 5 d", row.badge.text.Text, row.badge.days)
	}
	if row.sign.Text != "? 3 d" {
		t.Errorf("the intermediary's later call should still show as unconfirmed, column shows %q", row.sign.Text)
	}
}

// findRow returns the desk's row showing case id.
func findRow(t *testing.T, h *harness, id string) *caseRow {
	t.Helper()
	for i, o := range h.ui.desk.results {
		if o.ID == id {
			if r := shownRows(h)[i]; r != nil {
				return r
			}
		}
	}
	t.Fatalf("no row shows case %s", id)
	return nil
}

func findRadio(root fyne.CanvasObject) *widget.RadioGroup {
	for _, o := range test.LaidOutObjects(root) {
		if r, ok := o.(*widget.RadioGroup); ok {
			return r
		}
	}
	return nil
}
