package sheet_test

import (
	"context"
	"os"
	"testing"

	"kintrace/cases"
	"kintrace/cases/intake/sheet"
	"kintrace/cases/search"
	"kintrace/cases/vault/vaulttest"
	"kintrace/crypto"
)

func TestMain(m *testing.M) {
	restore := crypto.UseInsecureKDFForTests()
	code := m.Run()
	restore()
	os.Exit(code)
}

// TestImportAllOrNothing: a sheet goes in whole; an import that fails on
// its last case changes nothing; importing the same sheet again reports
// its rows as likely duplicates.
// TestDuplicatesWithinSheet: two rows of one sheet about the same person
// are paired, in any script.
func TestDuplicatesWithinSheet(t *testing.T) {
	v, _, _ := vaulttest.New(t)
	data := "ФИО;Дата рождения;ИК\r\nМорозов Юрий Петрович;1980;ИК-2\r\nШевчук Ігор;1985;ИК-9\r\nMorozov Yuri;1980;IK-2\r\n"
	_, res := readAll(t, writeFile(t, "d.csv", []byte(data)), "", nil)
	dups, err := sheet.LikelyDuplicates(context.Background(), v, res.Cases, nil)
	if err != nil || len(dups.InVault) != 0 || len(dups.InSheet) != 1 || dups.InSheet[0].A != 0 || dups.InSheet[0].B != 2 {
		t.Fatalf("LikelyDuplicates: %+v %v", dups, err)
	}
}

func TestImportAllOrNothing(t *testing.T) {
	v, _, _ := vaulttest.New(t)
	ctx := context.Background()
	_, res := readAll(t, "testdata/ukrainian.csv", "", nil)

	bad := append(append([]cases.Case(nil), res.Cases...), cases.Case{Person: cases.Person{Name: "Без статуса"}})
	if _, err := sheet.Import(ctx, v, bad, nil); err == nil {
		t.Fatal("an import with an invalid case succeeded")
	}
	if n := len(v.Search(search.Query{})); n != 0 {
		t.Fatalf("a failed import left %d cases", n)
	}

	var seen [][2]int
	added, err := sheet.Import(ctx, v, res.Cases, func(done, total int) { seen = append(seen, [2]int{done, total}) })
	if err != nil || len(added) != 5 || len(seen) == 0 || seen[len(seen)-1] != [2]int{5, 5} {
		t.Fatalf("Import: %v, %d added, progress %v", err, len(added), seen)
	}
	if n := len(v.Search(search.Query{})); n != 5 {
		t.Fatalf("%d cases in the vault, want 5", n)
	}
	got, err := v.Get(ctx, added[0].ID)
	if err != nil || got.Person.Name != "Коваленко Олександр Петрович" || got.Number == "" {
		t.Fatalf("stored case: %+v %v", got, err)
	}

	_, again := readAll(t, "testdata/ukrainian.csv", "", nil)
	dups, err := sheet.LikelyDuplicates(ctx, v, again.Cases, nil)
	if err != nil || len(dups.InVault) != 5 || len(dups.InSheet) != 0 {
		t.Fatalf("LikelyDuplicates on a second import: %+v, %v", dups, err)
	}
	for i, d := range dups.InVault {
		if d.Index != i || d.Of[0].B.ID != added[i].ID || d.Of[0].A.ID != "" {
			t.Errorf("row %d: duplicate of the wrong case: %+v", i, d)
		}
	}
}
