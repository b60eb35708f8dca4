package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"kintrace/cases/intake/sheet"
	"kintrace/cases/search"
)

// russianCSV writes a small list as Russian Excel saves CSV: Windows-1251,
// semicolons, CRLF, a bad date and an unknown status among the rows.
func russianCSV(t *testing.T) string {
	t.Helper()
	text := strings.Join([]string{
		"№;ФИО;Дата рождения;Колония;Статус;Дата последней связи;Телефон родственника",
		"1;Морозов Андрей Викторович;12.03.1986;ИК-17, Мордовия;нет связи;02.08.2022;+7 912 555-77-01",
		"2;КОВАЛЬЧУК Д.О.;31.02.1990;ИК-2 Чувашия;на связи;август 2022;8 (999) 555-36-08",
		"3;Белов Роман;1979;;пропал без вести;;",
		"4;;;;;;",
	}, "\r\n") + "\r\n"
	data, err := charmap.Windows1251.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "список.csv")
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSheetImportWizard(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	path := russianCSV(t)

	openSheet(h.ui, path)
	v := lastSheetImport
	if v == nil || len(v.fields) != 7 {
		t.Fatalf("the wizard shows %d columns, want 7", len(v.fields))
	}
	want := []sheet.Field{sheet.FieldIgnore, sheet.FieldName, sheet.FieldBirthDate, sheet.FieldFacility,
		sheet.FieldStatus, sheet.FieldLastContact, sheet.FieldReporterContact}
	for i, f := range want {
		if v.mapping.Columns[i].Field != f {
			t.Errorf("column %d (%s) guessed as %s, want %s", i, v.mapping.Columns[i].Header, v.mapping.Columns[i].Field, f)
		}
	}
	v.runPreview()
	recvUI(v.work)
	if v.result == nil {
		t.Fatalf("no preview: %v (%q)", v.err, v.preview.Text)
	}
	if !strings.Contains(v.preview.Text, "Cases to import: 3 of 4 rows") || !strings.Contains(v.preview.Text, "Морозов Андрей Викторович") {
		t.Errorf("preview says %q", v.preview.Text)
	}
	if !strings.Contains(v.probs.Text, "Row 3, column C") || !strings.Contains(v.probs.Text, "not a date «31.02.1990» — kept in the notes") {
		t.Errorf("problems say %q", v.probs.Text)
	}
	v.runImport()
	recvUI(v.work)
	h.wait()
	if v.err != nil || v.added != 3 {
		t.Fatalf("import: added %d, %v", v.added, v.err)
	}
	if got := h.ui.vault.Search(search.Query{Text: "морозов"}); len(got) != 1 || got[0].Facility != "ИК-17, Мордовия" {
		t.Fatalf("search after the import finds %+v", got)
	}
	// The reminder that the file is still on disk; keep it this time.
	if h.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no reminder that the spreadsheet is still on disk")
	}
	h.ui.closeDialogs()

	// The same sheet again: its rows look like cases already here, and
	// are left out by default.
	openSheet(h.ui, path)
	v = lastSheetImport
	v.runPreview()
	recvUI(v.work)
	if !v.dupes.Visible() || !v.dupes.Checked || len(v.skip) < 2 {
		t.Fatalf("second import: duplicates check %v %q", v.dupes.Visible(), v.dupes.Text)
	}
	// The two full rows at least (a bare name and year may not score).
	wantCases := 3 + 3 - len(v.skip)
	v.runImport()
	recvUI(v.work)
	h.wait()
	if n := h.ui.vault.Index().Len(); n != wantCases {
		t.Errorf("after importing the same sheet again the vault holds %d cases, want %d", n, wantCases)
	}
}

func TestSheetImportNotASpreadsheet(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	path := filepath.Join(t.TempDir(), "photo.xlsx")
	if err := os.WriteFile(path, []byte("\x89PNG\r\n\x1a\nnot a workbook"), 0o600); err != nil {
		t.Fatal(err)
	}
	lastSheetImport = nil
	openSheet(h.ui, path)
	if lastSheetImport != nil {
		t.Fatal("a wizard for a file that is no spreadsheet")
	}
	if top := h.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(visibleTexts(top), " "), "not a CSV or XLSX") {
		t.Error("no clear message for a file that is no spreadsheet")
	}
	if n := h.ui.vault.Index().Len(); n != 0 {
		t.Errorf("the vault holds %d cases", n)
	}
}

// TestSheetImportReusesASavedMapping: a mapping saved from one sheet (here
// with the status column left out) applies to the next by its headers.
func TestSheetImportReusesASavedMapping(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	openSheet(h.ui, russianCSV(t))
	v := lastSheetImport
	m := v.mapping
	m.Columns = append([]sheet.Column(nil), m.Columns...)
	for i := range m.Columns {
		if m.Columns[i].Field == sheet.FieldStatus {
			m.Columns[i].Field = sheet.FieldIgnore
		}
	}
	path := filepath.Join(t.TempDir(), "mapping.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := sheet.WriteMapping(f, m); err != nil {
		t.Fatal(err)
	}
	f.Close()
	v.applyMappingFile(path)
	if v.mapping.Columns[4].Field != sheet.FieldIgnore || v.fields[4].Selected != "— leave out —" {
		t.Errorf("after the saved mapping, column E is %s shown as %q", v.mapping.Columns[4].Field, v.fields[4].Selected)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"columns": "no"}`), 0o600)
	v.applyMappingFile(bad)
	if !strings.Contains(v.preview.Text, "not a column mapping") {
		t.Errorf("a bad mapping file says %q", v.preview.Text)
	}
}
