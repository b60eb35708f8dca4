package listmatch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"kintrace/cases"
)

func TestParseLine(t *testing.T) {
	for _, tc := range []struct {
		in                string
		name, birth, rest string
	}{
		{"Морозов Андрей Викторович 1987", "Морозов Андрей Викторович", "1987", ""},
		{"MOROZOV Andrei V., 12.03.1987, Luhansk", "MOROZOV Andrei V.", "1987-03-12", "Luhansk"},
		{"Морозов А.В.", "Морозов А.В.", "", ""},
		{"12. Морозов А.В., 1987 г.р., ИК-17 Мордовия", "Морозов А.В.", "1987", "ИК-17 Мордовия"},
		{"№ 7 Щукин Сергей Павлович (1979)", "Щукин Сергей Павлович", "1979", ""},
		{"Лебедев; Олег; Иванович; 1985 г.р.; госпиталь, Луганск", "Лебедев Олег Иванович", "1985", "госпиталь, Луганск"},
		{"Andrii Shevchuk\t1990\tHospital No. 3, Donetsk", "Andrii Shevchuk", "1990", "Hospital No. 3, Donetsk"},
		{"Хабаров Игорь 02.08.87 г.р.", "Хабаров Игорь", "1987-08-02", ""},
	} {
		l, ok := ParseLine(tc.in)
		if !ok || l.Name != tc.name || string(l.Birth) != tc.birth || l.Place != tc.rest {
			t.Errorf("ParseLine(%q) = %q, %q, %q, %v; want %q, %q, %q", tc.in, l.Name, l.Birth, l.Place, ok, tc.name, tc.birth, tc.rest)
		}
	}
	for _, no := range []string{"", "   ", "ФИО", "1987", "—", "12."} {
		if l, ok := ParseLine(no); ok {
			t.Errorf("ParseLine(%q) = %+v, want no person", no, l)
		}
	}
}

func TestParseTextRowsAndVerbatim(t *testing.T) {
	lines := ParseText("Список военнопленных\n\nФИО\n1. Морозов Андрей Викторович 1987\r\n2. Жуков\u202e Иван 1990\n")
	if len(lines) != 3 {
		t.Fatalf("lines = %+v", lines)
	}
	if lines[1].Row != 4 || lines[1].Text != "1. Морозов Андрей Викторович 1987" {
		t.Errorf("line = %+v", lines[1])
	}
	if lines[2].Text != "2. Жуков Иван 1990" {
		t.Errorf("controls kept: %q", lines[2].Text)
	}
}

func TestReadFiles(t *testing.T) {
	dir := t.TempDir()
	// A TXT list in Windows-1251, as Notepad on a Russian Windows saves it.
	txt := filepath.Join(dir, "list.txt")
	enc, _ := charmap.Windows1251.NewEncoder().String("Морозов Андрей Викторович 1987\r\nЩукин С.П., 1979 г.р.\r\n")
	if err := os.WriteFile(txt, []byte(enc), 0o600); err != nil {
		t.Fatal(err)
	}
	lines, err := ReadText(txt)
	if err != nil || len(lines) != 2 || lines[1].Name != "Щукин С.П." {
		t.Fatalf("ReadText = %+v, %v", lines, err)
	}
	// A CSV with a header: the columns are guessed.
	csv := filepath.Join(dir, "list.csv")
	if err := os.WriteFile(csv, []byte("№;Фамилия;Имя;Отчество;Дата рождения;Место\n1;Морозов;Андрей;Викторович;12.03.1987;Луганск\n2;Жуков;Иван;;1990;\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tab, err := ReadTable(csv)
	if err != nil {
		t.Fatal(err)
	}
	m := GuessMapping(tab.Header)
	want := Mapping{FieldIgnore, FieldSurname, FieldFirstName, FieldPatronymic, FieldBirth, FieldPlace}
	if strings.Join(fields(m), ",") != strings.Join(fields(want), ",") {
		t.Errorf("mapping = %v, want %v", m, want)
	}
	lines = tab.Lines(m)
	if len(lines) != 2 || lines[0].Name != "Морозов Андрей Викторович" || lines[0].Birth != cases.DayDate(1987, 3, 12) ||
		lines[0].Place != "Луганск" || lines[0].Row != 2 || lines[0].Text != "1; Морозов; Андрей; Викторович; 12.03.1987; Луганск" {
		t.Errorf("lines = %+v", lines)
	}
	// A CSV without a header: each row is a line.
	bare := filepath.Join(dir, "bare.csv")
	if err := os.WriteFile(bare, []byte("Морозов Андрей Викторович,1987,Луганск\nЖуков Иван,1990,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if tab, err = ReadTable(bare); err != nil || tab.Header != nil {
		t.Fatalf("ReadTable = %+v, %v", tab, err)
	}
	lines = tab.Lines(DefaultMapping(tab.Columns))
	if len(lines) != 2 || lines[0].Name != "Морозов Андрей Викторович" || lines[0].Birth != "1987" || lines[0].Entry().Place != "Луганск" {
		t.Errorf("bare lines = %+v", lines)
	}
}

func fields(m Mapping) []string {
	var out []string
	for _, f := range m {
		out = append(out, string(f))
	}
	return out
}

func TestReadXLSX(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"Список раненых, госпиталь Луганска"},
		{"ПІБ", "Рік народження", "Місце"},
		{"Морозов Андрій Вікторович", 1987, "Луганськ"},
		{"MOROZOV A. V.", "1988", ""},
	}
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellValue("Sheet1", cell, v)
		}
	}
	path := filepath.Join(t.TempDir(), "list.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	tab, err := ReadTable(path)
	if err != nil {
		t.Fatal(err)
	}
	m := GuessMapping(tab.Header)
	lines := tab.Lines(m)
	if len(lines) != 2 || lines[0].Name != "Морозов Андрій Вікторович" || lines[0].Birth != "1987" || lines[0].Place != "Луганськ" ||
		lines[1].Name != "MOROZOV A. V." || lines[1].Birth != "1988" || lines[0].Row != 3 {
		t.Errorf("mapping %v, lines %+v", m, lines)
	}
}
