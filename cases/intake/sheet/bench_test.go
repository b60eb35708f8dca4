package sheet_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"kintrace/cases"
	"kintrace/cases/casegen"
	"kintrace/cases/intake/sheet"
	"kintrace/cases/search"
	"kintrace/cases/vault/vaulttest"
)

const benchRows = 50_000

// readSheet opens path and reads its first sheet with the guessed mapping.
func readSheet(b *testing.B, path string) *sheet.Result {
	f, err := sheet.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	name := f.Sheets()[0]
	head, err := f.Head(name, 1)
	if err != nil {
		b.Fatal(err)
	}
	res, err := f.Read(context.Background(), name, sheet.Guess(head[0]), sheet.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if res.Rows != benchRows {
		b.Fatalf("%d rows", res.Rows)
	}
	return res
}

// BenchmarkSheet50k measures a 50 000-row sheet of the Russian fixture's
// kind (cp1251, ";", CRLF, 11 columns, bad dates and unknown statuses
// among them) read, mapped and turned into cases (csv/read); the same
// written as an XLSX (xlsx/read); and the CSV read and stored in a vault
// with AddAll under the cheap test KDF (csv/import). Each reports rows/s.
func BenchmarkSheet50k(b *testing.B) {
	csvPath := writeFile(b, "big.csv", cp1251(b, russianCSV(b, benchRows)))
	b.Run("csv/read", func(b *testing.B) {
		start := time.Now()
		for b.Loop() {
			readSheet(b, csvPath)
		}
		b.ReportMetric(float64(benchRows*b.N)/time.Since(start).Seconds(), "rows/s")
	})
	b.Run("xlsx/read", func(b *testing.B) {
		xlsxPath := bigWorkbook(b)
		b.ResetTimer()
		start := time.Now()
		for b.Loop() {
			readSheet(b, xlsxPath)
		}
		b.ReportMetric(float64(benchRows*b.N)/time.Since(start).Seconds(), "rows/s")
	})
	b.Run("csv/import", func(b *testing.B) {
		var store time.Duration
		for b.Loop() {
			b.StopTimer()
			v, _, _ := vaulttest.New(b)
			b.StartTimer()
			res := readSheet(b, csvPath)
			t0 := time.Now()
			if _, err := sheet.Import(context.Background(), v, res.Cases, nil); err != nil {
				b.Fatal(err)
			}
			store += time.Since(t0)
		}
		b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
		b.ReportMetric(store.Seconds()/float64(b.N), "addall-s/op")
	})
}

// bigWorkbook writes the Russian fixture's rows as an XLSX (through
// excelize's stream writer, as Excel would store text cells).
func bigWorkbook(b *testing.B) string {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(b.TempDir(), "big.xlsx")
	src := writeFile(b, "src.csv", []byte(russianCSV(b, benchRows)))
	sf, err := sheet.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	rows, err := sf.Head("", benchRows+1)
	if err != nil {
		b.Fatal(err)
	}
	sf.Close()
	n := 0
	for _, r := range rows {
		n++
		vals := make([]any, len(r))
		for i, c := range r {
			vals[i] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := sw.SetRow(cell, vals); err != nil {
			b.Fatal(err)
		}
	}
	// Head leaves empty rows out; pad so the sheet has as many rows.
	for ; n <= benchRows; n++ {
		cell, _ := excelize.CoordinatesToCellName(1, n+1)
		if err := sw.SetRow(cell, []any{""}); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(p); err != nil {
		b.Fatal(fmt.Errorf("save: %w", err))
	}
	return p
}

// overviews is a Vault of stored overviews for LikelyDuplicates.
type overviews []cases.Overview

func (o overviews) AddAllProgress(context.Context, []cases.Case, func(int, int)) ([]cases.Case, error) {
	return nil, nil
}
func (o overviews) Search(search.Query) []cases.Overview { return o }

// BenchmarkLikelyDuplicates500In100k measures the duplicate check of a
// 500-row sheet against a vault of 100 000 generated cases.
func BenchmarkLikelyDuplicates500In100k(b *testing.B) {
	gen := casegen.Generate(100_000, 7)
	stored := make(overviews, len(gen))
	for i, c := range gen {
		stored[i] = c.Overview()
	}
	f, err := sheet.Open(writeFile(b, "s.csv", cp1251(b, russianCSV(b, 500))))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	head, _ := f.Head("", 1)
	res, err := f.Read(context.Background(), "", sheet.Guess(head[0]), sheet.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := sheet.LikelyDuplicates(context.Background(), stored, res.Cases, nil); err != nil {
			b.Fatal(err)
		}
	}
}
