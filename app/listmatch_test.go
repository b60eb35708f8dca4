package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintrace/cases"
)

const testList = "Список военнопленных\n" +
	"1. MOROZOV Andrei V., 12.03.1987, Luhansk\n" +
	"2. Гайдамака Остап 1990\n" +
	"3. Жуков И., 1970 г.р.\n"

func listMatchCases(h *harness) (morozov, zhukov cases.Case) {
	h.t.Helper()
	m := cases.Case{Status: cases.StatusContactLost, Person: cases.Person{Name: "Андрей Викторович Морозов",
		BirthDate: cases.YearDate(1987), Facility: "ИК-17, Мордовия"}}
	z := cases.Case{Status: cases.StatusOpen, Person: cases.Person{Name: "Иван Жуков", BirthDate: cases.YearDate(1970)}}
	return h.addCase(m), h.addCase(z)
}

// runAction runs the More menu's action labelled key, as the desk does.
func runAction(t *testing.T, h Host, key string) {
	t.Helper()
	for _, a := range Actions() {
		if a.Label == key {
			a.Run(h)
			return
		}
	}
	t.Fatalf("no action %s in the More menu", key)
}

// listRows are the result rows on show.
func listRows(r *listMatchResults) []*listRow {
	var out []*listRow
	for _, o := range test.LaidOutObjects(r.list) {
		if row, ok := o.(*listRow); ok && row.Visible() {
			out = append(out, row)
		}
	}
	return out
}

func TestListMatchPasteRecordOnce(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	morozov, zhukov := listMatchCases(h)
	lastListMatch = nil
	runAction(t, h.ui, "listmatch.action")
	v := lastListMatch
	if v == nil {
		t.Fatal("Match a list… shows nothing")
	}
	test.Tap(v.matchBtn)
	if !v.status.Visible() || !strings.Contains(v.status.Text, "no names") {
		t.Errorf("matching an empty list says %q", v.status.Text)
	}
	v.paste.SetText(testList)
	test.Type(v.name, "POW list 3")
	v.date.SetText("12.05.2024")
	test.Tap(v.matchBtn)
	recvUI(v.work)
	r := v.results
	if v.err != nil || r == nil {
		t.Fatalf("match: %v", v.err)
	}
	if len(v.found) != 2 || v.found[0].Case.ID != morozov.ID || v.found[1].Case.ID != zhukov.ID {
		t.Fatalf("found %+v", v.found)
	}
	rows := listRows(r)
	if len(rows) != 2 {
		t.Fatalf("%d rows on show", len(rows))
	}
	if rows[0].line.Text != "1. MOROZOV Andrei V., 12.03.1987, Luhansk" || !strings.Contains(rows[0].cas.Text, morozov.Number+"  Андрей Викторович Морозов, 1987") ||
		!strings.Contains(rows[0].reasons.Text, "same name +50") || rows[0].where.Text != "line 2 of the list" {
		t.Errorf("first row: %q | %q | %q | %q", rows[0].line.Text, rows[0].cas.Text, rows[0].reasons.Text, rows[0].where.Text)
	}
	if !r.record.Disabled() {
		t.Error("Record is enabled before any pair is confirmed")
	}
	rows[0].verdict.SetSelected("Same person")
	rows[1].verdict.SetSelected("Not the same")
	if r.record.Disabled() || r.record.Text != "Record confirmed (1)" {
		t.Fatalf("record button %q", r.record.Text)
	}
	test.Tap(r.changeSt)
	r.statusTo.SetSelected(statusLabel(cases.StatusDetained))
	test.Tap(r.keep)
	test.Tap(r.record)
	recvUI(v.work)
	h.wait()
	if v.err != nil || r.res.Added != 1 || r.res.Statuses != 1 || r.res.Attachments != 1 {
		t.Fatalf("record: %+v, %v", r.res, v.err)
	}
	got := h.getCase(morozov.ID)
	last := got.Events[len(got.Events)-1]
	if got.Status != cases.StatusDetained || last.Type != cases.EventFoundOnList || last.Date != "2024-05-12" ||
		last.Text != "POW list 3: 1. MOROZOV Andrei V., 12.03.1987, Luhansk" || last.Verification != cases.VerificationUnverified {
		t.Errorf("after recording: %s %+v", got.Status, last)
	}
	if z := h.getCase(zhukov.ID); len(z.Events) != len(zhukov.Events) || z.Status != cases.StatusOpen {
		t.Error("the pair marked not the same was recorded")
	}
	atts, _ := h.ui.Store().Attachments(context.Background(), morozov.ID)
	if len(atts) != 1 || atts[0].Name != "POW list 3.txt" {
		t.Errorf("attachments %+v", atts)
	}
	if !strings.Contains(r.note.Text, "Recorded: 1 new") {
		t.Errorf("note %q", r.note.Text)
	}
	// Recording again adds nothing.
	test.Tap(r.record)
	recvUI(v.work)
	h.wait()
	if r.res.Added != 0 || r.res.Already != 1 || len(h.getCase(morozov.ID).Events) != len(got.Events) {
		t.Errorf("recording again: %+v", r.res)
	}
	// The same list matched again brings the decisions back.
	h.ui.closeDialogs()
	runAction(t, h.ui, "listmatch.action")
	v = lastListMatch
	v.paste.SetText(testList)
	test.Tap(v.matchBtn)
	recvUI(v.work)
	rows = listRows(v.results)
	if len(rows) != 2 || rows[0].verdict.Selected != "Same person" || rows[1].verdict.Selected != "Not the same" {
		t.Fatalf("decisions not kept: %d rows", len(rows))
	}
	// A verdict changed and the table closed without recording: kept too.
	rows[1].verdict.SetSelected("Unsure")
	h.ui.closeDialogs()
	h.wait()
	runAction(t, h.ui, "listmatch.action")
	v = lastListMatch
	v.paste.SetText(testList)
	test.Tap(v.matchBtn)
	recvUI(v.work)
	if rows = listRows(v.results); len(rows) != 2 || rows[1].verdict.Selected != "Unsure" {
		t.Error("a verdict given without recording was not kept")
	}
}

func TestListMatchCSVColumns(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	morozov, _ := listMatchCases(h)
	path := filepath.Join(t.TempDir(), "hospital.csv")
	if err := os.WriteFile(path, []byte("№;Фамилия;Имя;Год рождения;Госпиталь\n1;Морозов;Андрей;1988;Луганск\n2;Иванов;Пётр;1975;Донецк\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	v := showListMatch(h.ui)
	v.openFile(path)
	if len(v.fields) != 5 || v.fields[1].Selected != "Surname" || v.fields[3].Selected != "Date or year of birth" || !v.fileNote.Visible() {
		t.Fatalf("columns: %d, %v", len(v.fields), v.mapping)
	}
	test.Tap(v.matchBtn)
	recvUI(v.work)
	if len(v.found) != 1 || v.found[0].Case.ID != morozov.ID || v.lines[0].Text != "1; Морозов; Андрей; 1988; Луганск" {
		t.Fatalf("found %+v", v.found)
	}
	// Confirmed and kept in the vault: the file may be shredded.
	rows := listRows(v.results)
	rows[0].verdict.SetSelected("Same person")
	test.Tap(v.results.keep)
	test.Tap(v.results.record)
	recvUI(v.work)
	h.wait()
	if v.results.res.Added != 1 || v.results.res.Attachments != 1 {
		t.Fatalf("record: %+v %v", v.results.res, v.err)
	}
	top := h.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(strings.Join(visibleTexts(top), " "), path) {
		t.Fatal("no offer to delete the list file")
	}
	h.ui.closeDialogs()
	if _, err := os.Stat(path); err != nil {
		t.Fatal("the file went without being asked")
	}
	v = showListMatch(h.ui)
	v.openFile(path)
	// The surname column ignored: nothing left to match by.
	v.fields[1].SetSelected("Ignore")
	v.fields[2].SetSelected("Ignore")
	test.Tap(v.matchBtn)
	if !strings.Contains(v.status.Text, "no names") {
		t.Errorf("status %q", v.status.Text)
	}
}

// TestListMatchCancel: Cancel on the progress dialog stops the match; no
// results are shown and the list can be matched again.
func TestListMatchCancel(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	listMatchCases(h)
	v := showListMatch(h.ui)
	v.paste.SetText(testList)
	started, release := make(chan struct{}), make(chan struct{})
	reportHook = func(done, total int64) {
		if done == 0 {
			close(started)
			<-release
		}
	}
	t.Cleanup(func() { reportHook = nil })
	test.Tap(v.matchBtn)
	recvUI(started)
	test.Tap(v.progress.cancel)
	close(release)
	recvUI(v.work)
	reportHook = nil
	if !errors.Is(v.err, context.Canceled) || v.results != nil || v.matchBtn.Disabled() {
		t.Fatalf("after Cancel: err %v, results %v, button disabled %v", v.err, v.results != nil, v.matchBtn.Disabled())
	}
	test.Tap(v.matchBtn)
	recvUI(v.work)
	if v.err != nil || v.results == nil || len(v.found) != 2 {
		t.Errorf("matching again: %v, %d pairs", v.err, len(v.found))
	}
}

// TestTabOrderListMatch: the list match's dialogs in reading order.
func TestTabOrderListMatch(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	listMatchCases(h)
	canvas := h.win.Canvas()
	v := showListMatch(h.ui)
	checkTabOrder(t, "list match", canvas)
	v.paste.SetText(testList)
	test.Tap(v.matchBtn)
	recvUI(v.work)
	checkTabOrder(t, "list match results", canvas)
	closeDialogs(h)
}
