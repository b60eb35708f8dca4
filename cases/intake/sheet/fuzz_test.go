package sheet_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"kintrace/cases/intake/sheet"
)

// FuzzCSV feeds any bytes to the CSV reader with the guessed mapping: it
// must not panic, every case must validate, and every row must be counted.
func FuzzCSV(f *testing.F) {
	f.Add([]byte("ФИО;Дата рождения\r\nИванов;1.2.1980\r\n"))
	f.Add([]byte("name,dob,notes\n\"a\nb\",x,\"\"\"\"\n,,\n"))
	f.Add(cp1251(f, "ФИО;Статус;Примечание\r\nПетров;нет связи;\"да;\r\nнет\"\r\n"))
	f.Add([]byte{0xFF, 0xFE, 'a', 0, '\t', 0, 'b', 0})
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		file, err := sheet.Open(p)
		if err != nil {
			return
		}
		head, err := file.Head("", 1)
		if err != nil || len(head) == 0 {
			return
		}
		res, err := file.Read(context.Background(), "", sheet.Guess(head[0]), sheet.Options{})
		if err != nil {
			return
		}
		for _, c := range res.Cases {
			if err := c.Validate(); err != nil {
				t.Fatalf("an invalid case: %v", err)
			}
		}
		if res.Rows != res.Empty+res.LeftOut+len(res.Cases) {
			t.Fatalf("rows %d != %d + %d + %d", res.Rows, res.Empty, res.LeftOut, len(res.Cases))
		}
	})
}

// FuzzCells runs the cell parsers on any text: no panic, and a date they
// accept is a valid partial date.
func FuzzCells(f *testing.F) {
	for _, s := range []string{"02.08.2022", "2.8.22", "август 2022", "серпень 2022", "2022-08", "44775", "1987 г.", "нет связи", "ж"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, xlsx bool) {
		if d, ok := sheet.ParseDate(s, xlsx); ok && (!d.Valid() || d == "") {
			t.Fatalf("ParseDate(%q) = %q, not a valid date", s, d)
		}
		if st, ok := sheet.ParseStatus(s); ok && !st.Valid() {
			t.Fatalf("ParseStatus(%q) = %q", s, st)
		}
		if sx, ok := sheet.ParseSex(s); ok && !sx.Valid() {
			t.Fatalf("ParseSex(%q) = %q", s, sx)
		}
		if p, ok := sheet.ParsePriority(s); ok && !p.Valid() {
			t.Fatalf("ParsePriority(%q) = %q", s, p)
		}
		sheet.Guess([]string{s})
	})
}

// FuzzXLSX feeds damaged workbooks to the XLSX reader (excelize, guarded):
// no panic escapes, and what it reads is valid cases.
func FuzzXLSX(f *testing.F) {
	seed, err := os.ReadFile(twoSheetWorkbook(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add(seed[:len(seed)/2])
	f.Add([]byte("PK\x03\x04"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.xlsx")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		file, err := sheet.Open(p)
		if err != nil {
			return
		}
		defer file.Close()
		for _, name := range file.Sheets() {
			head, err := file.Head(name, 1)
			if err != nil || len(head) == 0 {
				continue
			}
			res, err := file.Read(context.Background(), name, sheet.Guess(head[0]), sheet.Options{})
			if err != nil {
				continue
			}
			for _, c := range res.Cases {
				if err := c.Validate(); err != nil {
					t.Fatalf("an invalid case: %v", err)
				}
			}
		}
	})
}
