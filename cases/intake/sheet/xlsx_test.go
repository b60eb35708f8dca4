package sheet_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"kintrace/cases"
	"kintrace/cases/intake/sheet"
)

// twoSheetWorkbook writes an XLSX with two sheets of invented people: the
// current list with separate name columns and dates stored as Excel dates,
// and an archive with English headers and dates typed as text.
func twoSheetWorkbook(t testing.TB) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Список"); err != nil {
		t.Fatal(err)
	}
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14}) // a date
	if err != nil {
		t.Fatal(err)
	}
	custom := "dd.mm.yyyy"
	dotted, err := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Фамилия", "Имя", "Отчество", "Дата рождения", "ИК", "Регион", "Статус", "Дата последней связи"},
		{"Зайцев", "Роман", "Ильич", time.Date(1984, 5, 17, 0, 0, 0, 0, time.UTC), "ИК-6", "Пермский край", "нет связи", time.Date(2022, 8, 2, 0, 0, 0, 0, time.UTC)},
		{"Белов", "Антон", "", "1990", "ИК-6", "Пермский край", "Погиб", "сентябрь 2022"},
		{},
		{"Гусев", "Илья", "Павлович", "31.02.1990", "ИК-13", "Коми", "не знаю", "2022-10"},
	}
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue("Список", cell, v); err != nil {
				t.Fatal(err)
			}
			if _, ok := v.(time.Time); ok {
				st := style
				if j == 7 {
					st = dotted
				}
				f.SetCellStyle("Список", cell, cell, st)
			}
		}
	}
	if _, err := f.NewSheet("Archive"); err != nil {
		t.Fatal(err)
	}
	for i, r := range [][]any{
		{"Full name", "Date of birth", "Facility", "Status", "Notes", "Date of the letter"},
		{"Orlov Denis", "12.12.1979", "IK-2", "returned", "came home in spring", time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC)},
		{"Yakovleva Inna", 29221, "", "located", "", ""},
	} {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellValue("Archive", cell, v)
			if _, ok := v.(time.Time); ok {
				f.SetCellStyle("Archive", cell, cell, style)
			}
		}
	}
	p := filepath.Join(t.TempDir(), "cases.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestXLSXTwoSheets(t *testing.T) {
	p := twoSheetWorkbook(t)
	f, err := sheet.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.Sheets(); !slices.Equal(got, []string{"Список", "Archive"}) {
		t.Fatalf("Sheets: %v", got)
	}
	head, err := f.Head("Список", 3)
	if err != nil || len(head) != 3 || head[1][0] != "Зайцев" {
		t.Fatalf("Head: %v %v", head, err)
	}
	res, err := f.Read(context.Background(), "Список", sheet.Guess(head[0]), sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Cases) != 3 || res.Empty != 1 || res.Rows != 4 {
		t.Fatalf("cases %d empty %d rows %d", len(res.Cases), res.Empty, res.Rows)
	}
	z := res.Cases[0]
	if z.Person.Name != "Зайцев Роман Ильич" || z.Person.BirthDate != "1984-05-17" || z.Person.Facility != "ИК-6" ||
		z.Status != cases.StatusContactLost || z.Events[0].Date != "2022-08-02" {
		t.Errorf("Зайцев: %+v", z)
	}
	if b := res.Cases[1]; b.Person.Name != "Белов Антон" || b.Person.BirthDate != "1990" || b.Events[0].Date != "2022-09" || b.Status != cases.StatusDeceased {
		t.Errorf("Белов: %+v", b)
	}
	if res.CaseRows[2] != 5 || len(res.Problems) != 2 || res.Problems[0].Row != 5 || res.Problems[0].Kind != sheet.ProblemNotADate ||
		res.Problems[1].Kind != sheet.ProblemUnknownStatus {
		t.Errorf("rows %v problems %v", res.CaseRows, res.Problems)
	}

	head, _ = f.Head("Archive", 1)
	res, err = f.Read(context.Background(), "Archive", sheet.Guess(head[0]), sheet.Options{})
	if err != nil || len(res.Cases) != 2 {
		t.Fatalf("Archive: %v %+v", err, res)
	}
	// A date in a column mapped to notes reads as a date, not as 45017.
	if o := res.Cases[0]; o.Person.Name != "Orlov Denis" || o.Person.BirthDate != "1979-12-12" || o.Status != cases.StatusReturned ||
		o.Notes != "came home in spring\nDate of the letter: 2023-04-01" {
		t.Errorf("Orlov: %+v", o)
	}
	// A date column holding a bare number is Excel's serial day.
	if y := res.Cases[1]; y.Person.BirthDate != "1980-01-01" {
		t.Errorf("Yakovleva: %+v", y)
	}
	if _, err := f.Head("Нет такого", 1); !errors.Is(err, sheet.ErrNoSheet) {
		t.Errorf("Head of a missing sheet: %v", err)
	}
}

// TestXLSXNotAWorkbook: a file named .xlsx that is not one is ErrFormat.
func TestXLSXNotAWorkbook(t *testing.T) {
	if _, err := sheet.Open(writeFile(t, "broken.xlsx", []byte("PK\x03\x04 truncated"))); !errors.Is(err, sheet.ErrFormat) {
		t.Fatalf("Open: %v", err)
	}
}
