package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintrace/cases"
	"kintrace/cases/search"
)

func deskFixture(h *harness) {
	for _, c := range []cases.Case{
		{Status: cases.StatusOpen, Priority: cases.PriorityUrgent, AssignedTo: "Марина",
			Person: cases.Person{Name: "Яков Белов", Facility: "ИК-17, Мордовия", Region: "Мордовия"}},
		{Status: cases.StatusContactLost, Person: cases.Person{Name: "Андрей Соколов", Facility: "IK-17, Mordovia"}},
		{Status: cases.StatusDetained, Person: cases.Person{Name: "Борис Ким", Facility: "ик-17 мордовия"}},
	} {
		h.addCase(c)
	}
}

func TestDeskSortByColumnHeader(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	deskFixture(h)
	h.ui.showDesk()
	h.wait()
	d := h.ui.desk
	names := func() []string {
		var out []string
		for _, o := range d.results {
			out = append(out, o.Name)
		}
		return out
	}
	var nameHeader *headerCell
	for i, c := range listColumns {
		if c.key == colName {
			nameHeader = d.headerCells[i]
		}
	}
	test.Tap(nameHeader)
	if d.query.Sort != search.SortName || !strings.HasSuffix(nameHeader.Text, "▾") {
		t.Fatalf("tap on Name: sort %v, header %q", d.query.Sort, nameHeader.Text)
	}
	if got := strings.Join(names(), ", "); got != "Андрей Соколов, Борис Ким, Яков Белов" {
		t.Errorf("sorted by name: %s", got)
	}
	if d.sort.Selected != "Name" {
		t.Errorf("the sort menu shows %q, want Name", d.sort.Selected)
	}
	for i, c := range listColumns {
		if c.key == colStatus {
			test.Tap(d.headerCells[i])
		}
	}
	if got := strings.Join(names(), ", "); got != "Яков Белов, Андрей Соколов, Борис Ким" {
		t.Errorf("sorted by status (open, contact lost, detained): %s", got)
	}
	if strings.HasSuffix(nameHeader.Text, "▾") {
		t.Error("the Name header still carries the sort mark")
	}

	// One facility typed three ways shows one way in every row.
	rows := shownRows(h)
	for _, r := range rows {
		if r.facility.Text != "ИК-17, Мордовия" && r.facility.Text != "IK-17, Mordovia" && r.facility.Text != "ик-17 мордовия" {
			t.Fatalf("row facility %q", r.facility.Text)
		}
	}
	first := rows[0].facility.Text
	for _, r := range rows {
		if r.facility.Text != first {
			t.Errorf("facilities shown as %q and %q", first, r.facility.Text)
		}
	}
}

func TestDeskColumnsAndViewsKeptSealedInTheVault(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	deskFixture(h)
	h.ui.showDesk()
	h.wait()
	d := h.ui.desk
	r := shownRows(h)[0]
	if r.assigned.Visible() || r.assigned.Size().Width != 0 {
		t.Fatal("the optional Assigned column is shown by default")
	}
	for i, c := range listColumns {
		if c.optional && d.headerCells[i].Visible() {
			t.Errorf("the header of the optional column %s is shown by default", c.key)
		}
	}
	d.views.toggleColumn(colAssigned)
	d.views.toggleColumn(colPriority)
	h.win.Content().Refresh()
	if a := shownRows(h)[0].assigned; a.Size().Width < 100 || !a.Visible() {
		t.Errorf("Assigned column %v wide (visible %v) after choosing it", a.Size().Width, a.Visible())
	}
	if r := shownRows(h)[0]; r.region.Visible() {
		t.Error("the Region column shows though not chosen")
	}

	// A view named after a case's detail.
	d.showQuery(search.Query{Text: "Белов", Status: cases.StatusOpen})
	d.views.saveAs("Белов open")
	d.resetFilters()
	d.search.SetText("")
	if len(d.results) != 3 {
		t.Fatalf("after clearing, %d cases shown", len(d.results))
	}
	d.views.views.SetSelected("Белов open")
	if len(d.results) != 1 || d.results[0].Name != "Яков Белов" || d.search.Text != "Белов" {
		t.Errorf("the view shows %d cases, search %q", len(d.results), d.search.Text)
	}

	// Kept sealed in the vault (the desk writes no preference for them).
	data, err := h.ui.Store().GetRecord(context.Background(), deskRecordKind, deskRecordID)
	if err != nil {
		t.Fatal(err)
	}
	var st deskSettings
	if err := json.Unmarshal(data, &st); err != nil || len(st.Views) != 1 || len(st.Columns) != 2 {
		t.Fatalf("stored settings %s (%v)", data, err)
	}
	// After a lock and unlock the vault brings them back.
	h.ui.lockNow()
	h.unlock(testPassphrase)
	d = h.ui.desk
	if got := d.views.views.Options; len(got) != 1 || got[0] != "Белов open" {
		t.Errorf("views after unlock: %q", got)
	}
	if !d.rowLayout.shown[colAssigned] || !d.rowLayout.shown[colPriority] {
		t.Errorf("columns after unlock: %v", d.rowLayout.shown)
	}
	d.views.views.SetSelected("Белов open")
	d.views.removeView("Белов open")
	if len(d.views.views.Options) != 0 {
		t.Error("the removed view is still offered")
	}
}

// TestFileDialogFolderKeptPerVault: the folder a file was chosen in is kept
// sealed in the vault with the desk's settings, comes back at the next
// unlock, and is forgotten from memory at lock.
func TestFileDialogFolderKeptPerVault(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	h.ui.showDesk()
	t.Cleanup(func() { chooserLast, chooserRemember = "", nil })
	dir := filepath.Join(t.TempDir(), "Лебедев family evidence")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "scan.jpg"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	chooserLast = dir
	var chosen string
	c := newOpenFile(h.win, func(p string) { chosen = p })
	c.dialog.Show()
	c.list.Select(c.entry(t, "scan.jpg"))
	test.Tap(c.confirm)
	if chosen != filepath.Join(dir, "scan.jpg") {
		t.Fatalf("chose %q", chosen)
	}
	data, err := h.ui.Store().GetRecord(context.Background(), deskRecordKind, deskRecordID)
	if err != nil || !strings.Contains(string(data), "family evidence") {
		t.Fatalf("the vault's desk settings %s (%v) lack the folder", data, err)
	}
	h.ui.lockNow()
	if chooserLast != "" || chooserRemember != nil {
		t.Errorf("after lock the folder is still in memory: %q", chooserLast)
	}
	h.unlock(testPassphrase)
	if chooserLast != dir {
		t.Errorf("after unlock the dialogs start in %q, want %q", chooserLast, dir)
	}
}
