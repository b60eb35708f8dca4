package cli

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kintrace/cases/intake/sheet"
)

const ukrainianSheet = "../cases/intake/sheet/testdata/ukrainian.csv"

// TestImportSheet: a dry run shows the guessed mapping, the preview and
// the problems and stores nothing; the import stores every case; a second
// import of the same sheet stops on the likely duplicates, and the flags
// skip or allow them.
func TestImportSheet(t *testing.T) {
	_, envv := newTestVault(t)
	code, out, errs := run(t, envv, "", "import", "sheet", ukrainianSheet, "--dry-run")
	if code != 0 {
		t.Fatalf("dry run: %d %s", code, errs)
	}
	for _, want := range []string{
		"CSV file: encoding utf-8, delimiter \",\".",
		"ПІБ",
		"→ person's name",
		"Телефон родича",
		"→ reporter's phone or contact",
		"Rows: 7; cases: 5, empty rows: 1, rows left out: 1.",
		"row 2: Коваленко Олександр Петрович · born 14.03.1979 · ВК-25 · Харківська область · contact lost · last contact 08.2022 · reported by дружина · with notes",
		"row 4, column B \"Дата народження\": not a date \"31.02.1990\" — kept in notes",
		"row 5: no name — row left out",
		"row 6, column E \"Статус\": unknown status \"невідомо\" — kept in notes",
		"Dry run: nothing was stored.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if _, list, _ := run(t, envv, "", "case", "list"); strings.Contains(list, "Коваленко") {
		t.Fatal("a dry run stored cases")
	}

	code, out, errs = run(t, envv, "", "import", "sheet", ukrainianSheet)
	if code != 0 || !strings.Contains(out, "Imported 5 cases") {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	_, list, _ := run(t, envv, "", "case", "list")
	for _, name := range []string{"Коваленко", "Шевчук", "Бондаренко", "Мельник", "Ткаченко"} {
		if !strings.Contains(list, name) {
			t.Errorf("case list lacks %s:\n%s", name, list)
		}
	}

	code, out, errs = run(t, envv, "", "import", "sheet", ukrainianSheet)
	if code != 1 || !strings.Contains(out, "Rows that look like cases you already have: 5") || !strings.Contains(errs, "nothing was imported") {
		t.Fatalf("second import: %d %s %s", code, out, errs)
	}
	code, out, _ = run(t, envv, "", "import", "sheet", ukrainianSheet, "--skip-duplicates")
	if code != 0 || !strings.Contains(out, "Left out as likely duplicates: 5.") || !strings.Contains(out, "No cases to import.") {
		t.Fatalf("--skip-duplicates: %d %s", code, out)
	}
	code, out, _ = run(t, envv, "", "import", "sheet", ukrainianSheet, "--allow-duplicates")
	if code != 0 || !strings.Contains(out, "Imported 5 cases") {
		t.Fatalf("--allow-duplicates: %d %s", code, out)
	}
	_, list, _ = run(t, envv, "", "case", "list")
	if n := strings.Count(list, "Коваленко"); n != 2 {
		t.Errorf("after --allow-duplicates Коваленко is listed %d times", n)
	}
}

// TestImportSheetMapping: --save-map writes the mapping, --map reads an
// edited one back.
func TestImportSheetMapping(t *testing.T) {
	_, envv := newTestVault(t)
	mp := filepath.Join(t.TempDir(), "map.json")
	if code, _, errs := run(t, envv, "", "import", "sheet", ukrainianSheet, "--dry-run", "--save-map", mp); code != 0 {
		t.Fatalf("--save-map: %s", errs)
	}
	data, err := os.ReadFile(mp)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), `"field": "notes"`, `"field": "ignore"`, 1)
	if edited == string(data) {
		t.Fatalf("saved mapping has no notes column:\n%s", data)
	}
	if err := os.WriteFile(mp, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, envv, "", "import", "sheet", ukrainianSheet, "--map", mp, "--dry-run")
	if code != 0 || !strings.Contains(out, "mapping from --map") || strings.Contains(out, "with notes · ") || !strings.Contains(out, "Примітка") {
		t.Fatalf("--map: %d %s %s", code, out, errs)
	}
	if err := os.WriteFile(mp, []byte(`{"version":9}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, envv, "", "import", "sheet", ukrainianSheet, "--map", mp); code != 1 || !strings.Contains(errs, "not a column mapping") {
		t.Fatalf("bad --map: %d %s", code, errs)
	}
}

// TestImportSheetErrors: a file that is no spreadsheet, a CSV given a
// sheet, a missing file name.
func TestImportSheetErrors(t *testing.T) {
	_, envv := newTestVault(t)
	js := filepath.Join(t.TempDir(), "cases.json")
	os.WriteFile(js, []byte("{}"), 0o600)
	if code, _, errs := run(t, envv, "", "import", "sheet", js); code != 1 || !strings.Contains(errs, "not a CSV or XLSX file") {
		t.Errorf("a .json: %d %s", code, errs)
	}
	if code, _, errs := run(t, envv, "", "import", "sheet", ukrainianSheet, "--sheet", "x"); code != 2 || !strings.Contains(errs, "has no sheets") {
		t.Errorf("--sheet on a CSV: %d %s", code, errs)
	}
	if code, _, _ := run(t, envv, "", "import", "sheet"); code != 2 {
		t.Errorf("no file: %d", code)
	}
}

// TestSheetTranslations: every field and problem kind has a message in
// every language (their keys are built at run time).
func TestSheetTranslations(t *testing.T) {
	for _, code := range []string{"en", "ru", "uk"} {
		data, err := fs.ReadFile(translations, "translations/sheet/"+code+".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		for _, f := range sheet.AllFields {
			if m["cli.sheet.field."+string(f)] == "" {
				t.Errorf("%s: no message for field %s", code, f)
			}
		}
		for _, k := range sheet.AllProblemKinds {
			if m["cli.sheet.problem."+string(k)] == "" {
				t.Errorf("%s: no message for problem %s", code, k)
			}
		}
	}
}

// TestImportSheetSamePersonTwice: two rows about one person are listed and
// both imported.
func TestImportSheetSamePersonTwice(t *testing.T) {
	_, envv := newTestVault(t)
	p := filepath.Join(t.TempDir(), "d.csv")
	os.WriteFile(p, []byte("ФИО;Дата рождения;ИК\r\nМорозов Юрий Петрович;1980;ИК-2\r\nШевчук Ігор;1985;ИК-9\r\nMorozov Yuri;1980;IK-2\r\n"), 0o600)
	code, out, errs := run(t, envv, "", "import", "sheet", p)
	if code != 0 || !strings.Contains(out, "look like the same person (all are imported; merge them later if they are): 1") ||
		!strings.Contains(out, "row 2, row 4: Морозов Юрий Петрович / Morozov Yuri") || !strings.Contains(out, "Imported 3 cases") {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
}

// TestImportSheetTitleRows: the header below a title is found and said.
func TestImportSheetTitleRows(t *testing.T) {
	_, envv := newTestVault(t)
	p := filepath.Join(t.TempDir(), "t.csv")
	os.WriteFile(p, []byte("Список на 01.09.2022\r\nФИО;ИК;Статус\r\nИванов Пётр;ИК-2;нет связи\r\n"), 0o600)
	code, out, errs := run(t, envv, "", "import", "sheet", p, "--dry-run")
	if code != 0 || !strings.Contains(out, "The header is row 2;") || !strings.Contains(out, "row 3: Иванов Пётр · ИК-2 · contact lost") {
		t.Fatalf("dry run: %d %s %s", code, out, errs)
	}
}
