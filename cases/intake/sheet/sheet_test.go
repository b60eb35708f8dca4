package sheet_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kintrace/cases"
	"kintrace/cases/intake/sheet"
)

func readAll(t *testing.T, path, name string, m *sheet.Mapping) (*sheet.File, *sheet.Result) {
	t.Helper()
	f, err := sheet.Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	head, err := f.Head(name, 5)
	if err != nil || len(head) == 0 {
		t.Fatalf("Head: %v %v", head, err)
	}
	mm := sheet.Guess(head[0])
	if m != nil {
		mm = *m
	}
	res, err := f.Read(context.Background(), name, mm, sheet.Options{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return f, res
}

// TestRussianCSV500 reads 500 rows saved by Russian Excel (cp1251, ";",
// CRLF) with the guessed mapping: every row is a case, an empty row or a
// listed problem, and the Cyrillic comes out right.
func TestRussianCSV500(t *testing.T) {
	path := writeFile(t, "список.csv", cp1251(t, russianCSV(t, 500)))
	f, res := readAll(t, path, "", nil)
	if f.Encoding() != "windows-1251" || f.Delimiter() != ';' {
		t.Fatalf("detected %s %q, want windows-1251 ';'", f.Encoding(), f.Delimiter())
	}
	wantFields := []sheet.Field{sheet.FieldIgnore, sheet.FieldName, sheet.FieldBirthDate, sheet.FieldFacility,
		sheet.FieldRegion, sheet.FieldStatus, sheet.FieldLastContact, sheet.FieldReporterContact,
		sheet.FieldReporterName, sheet.FieldReporterRelation, sheet.FieldNotes}
	if !slices.Equal(res.Fields, wantFields) {
		t.Fatalf("guessed %v\nwant    %v", res.Fields, wantFields)
	}
	if res.Rows != 500 || res.Empty != 5 || res.LeftOut != 10 || len(res.Cases) != 485 {
		t.Fatalf("rows %d empty %d left out %d cases %d; want 500 5 10 485", res.Rows, res.Empty, res.LeftOut, len(res.Cases))
	}
	if res.Rows != res.Empty+res.LeftOut+len(res.Cases) {
		t.Fatal("a row is neither a case, empty nor left out")
	}
	kinds := map[sheet.ProblemKind]int{}
	for _, p := range res.Problems {
		kinds[p.Kind]++
	}
	if kinds[sheet.ProblemNotADate] != 20 || kinds[sheet.ProblemUnknownStatus] != 13 || kinds[sheet.ProblemNoName] != 10 || len(kinds) != 3 {
		t.Fatalf("problems by kind: %v", kinds)
	}
	for i, c := range res.Cases {
		row := res.CaseRows[i]
		n := row - 1 // the fixture's row number
		k := rowKind(n)
		if err := c.Validate(); err != nil {
			t.Fatalf("row %d: %v", row, err)
		}
		if n%10 == 0 || n%10 == 1 {
			if c.Person.Name != russianName(n) {
				t.Errorf("row %d: name %q, want %q", row, c.Person.Name, russianName(n))
			}
		}
		if n%10 == 5 && strings.Contains(c.Person.Name, "  ") {
			t.Errorf("row %d: double space kept in %q", row, c.Person.Name)
		}
		if c.Person.Facility == "" || !strings.HasPrefix(c.Person.Facility, "ИК-") {
			t.Errorf("row %d: facility %q", row, c.Person.Facility)
		}
		if len(c.Reporters) != 1 || !strings.HasPrefix(c.Reporters[0].Name, "Родственник ") || c.Reporters[0].Contact == "" {
			t.Errorf("row %d: reporters %+v", row, c.Reporters)
		}
		if len(c.Events) != 1 || c.Events[0].Type != cases.EventContactLost || c.Events[0].Verification != cases.VerificationUnverified {
			t.Errorf("row %d: events %+v", row, c.Events)
		}
		switch {
		case k.badBirth:
			if c.Person.BirthDate != "" || !strings.Contains(c.Notes, "Дата рождения: 31.02.1990") {
				t.Errorf("row %d: bad birth date not kept in notes: %q / %q", row, c.Person.BirthDate, c.Notes)
			}
		case c.Person.BirthDate.Time().Year() != 1970+n%30:
			t.Errorf("row %d: birth date %q", row, c.Person.BirthDate)
		}
		if k.badStatus && (c.Status != cases.StatusOpen || !strings.Contains(c.Notes, "Статус: уточняется")) {
			t.Errorf("row %d: unknown status: %s / %q", row, c.Status, c.Notes)
		}
		if k.quotedNote && !strings.Contains(c.Notes, "Звонил с нового номера;\nпросил копию паспорта для \"бухгалтера\"") {
			t.Errorf("row %d: quoted note %q", row, c.Notes)
		}
	}
	c := res.Cases[0] // row 2, fixture row 1
	if c.Person.BirthDate != "1971-02-02" || c.Person.Region != "Респ. Коми" || c.Status != cases.StatusLocated ||
		c.Events[0].Date != "2022-02-02" || c.Reporters[0].Relation != "жена" {
		t.Errorf("row 2: %+v", c)
	}
	for _, p := range res.Problems {
		if p.Kind == sheet.ProblemNotADate && p.String() != "row "+itoa(p.Row)+", column C 'Дата рождения': not a date '31.02.1990' — kept in notes" {
			t.Errorf("problem reads %q", p)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestUkrainianCSV reads a UTF-8 CSV with Ukrainian headers and commas.
func TestUkrainianCSV(t *testing.T) {
	f, res := readAll(t, "testdata/ukrainian.csv", "", nil)
	if f.Encoding() != "utf-8" || f.Delimiter() != ',' {
		t.Fatalf("detected %s %q", f.Encoding(), f.Delimiter())
	}
	want := []sheet.Field{sheet.FieldName, sheet.FieldBirthDate, sheet.FieldFacility, sheet.FieldRegion,
		sheet.FieldStatus, sheet.FieldLastContact, sheet.FieldReporterContact, sheet.FieldReporterRelation, sheet.FieldNotes}
	if !slices.Equal(res.Fields, want) {
		t.Fatalf("guessed %v", res.Fields)
	}
	if len(res.Cases) != 5 || res.Empty != 1 || res.LeftOut != 1 {
		t.Fatalf("cases %d empty %d left out %d", len(res.Cases), res.Empty, res.LeftOut)
	}
	got := map[string]cases.Case{}
	for _, c := range res.Cases {
		got[strings.Fields(c.Person.Name)[0]] = c
	}
	k := got["Коваленко"]
	if k.Status != cases.StatusContactLost || k.Person.BirthDate != "1979-03-14" || k.Events[0].Date != "2022-08" ||
		k.Notes != "Дзвонив з нового номера, просив паспорт" || k.Reporters[0].Relation != "дружина" {
		t.Errorf("Коваленко: %+v", k)
	}
	if s := got["Шевчук"]; s.Status != cases.StatusDetained || s.Person.BirthDate != "1985" {
		t.Errorf("Шевчук: %+v", s)
	}
	if b := got["Бондаренко"]; b.Status != cases.StatusDetained || b.Person.BirthDate != "" || !strings.Contains(b.Notes, "Дата народження: 31.02.1990") {
		t.Errorf("Бондаренко: %+v", b)
	}
	if m := got["Мельник"]; m.Status != cases.StatusOpen || m.Events[0].Date != "2022-09-15" || m.Person.BirthDate != "1988-06-05" {
		t.Errorf("Мельник: %+v", m)
	}
	if tk := got["Ткаченко"]; tk.Status != cases.StatusDeceased || tk.Person.BirthDate != "1991-10" {
		t.Errorf("Ткаченко: %+v", tk)
	}
	var kinds []string
	for _, p := range res.Problems {
		kinds = append(kinds, p.String())
	}
	wantP := []string{
		"row 4, column B 'Дата народження': not a date '31.02.1990' — kept in notes",
		"row 5: no name — row left out",
		"row 6, column E 'Статус': unknown status 'невідомо' — kept in notes",
	}
	if !slices.Equal(kinds, wantP) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(kinds, "\n"), strings.Join(wantP, "\n"))
	}
}

// TestCSVEncodingsAndDelimiters: UTF-8 with and without its mark, UTF-16
// ("Unicode text"), Windows-1251; ";", "," and tab.
func TestCSVEncodingsAndDelimiters(t *testing.T) {
	text := "ФИО\tДата рождения\tПримечание\r\nЁлкин Пётр\t1.2.1980\t\"две,\r\nстроки; да\"\r\n"
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range text {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	for _, tc := range []struct {
		name  string
		data  []byte
		enc   string
		delim rune
	}{
		{"bom.csv", append([]byte{0xEF, 0xBB, 0xBF}, strings.ReplaceAll(text, "\t", ",")...), "utf-8", ','},
		{"plain.csv", []byte(strings.ReplaceAll(text, "\t", ";")), "utf-8", ';'},
		{"unicode.txt", utf16, "utf-16le", '\t'},
		{"ansi.csv", cp1251(t, strings.ReplaceAll(text, "\t", ";")), "windows-1251", ';'},
	} {
		f, res := readAll(t, writeFile(t, tc.name, tc.data), "", nil)
		if f.Encoding() != tc.enc || f.Delimiter() != tc.delim {
			t.Errorf("%s: detected %s %q, want %s %q", tc.name, f.Encoding(), f.Delimiter(), tc.enc, tc.delim)
			continue
		}
		if len(res.Cases) != 1 {
			t.Errorf("%s: %d cases", tc.name, len(res.Cases))
			continue
		}
		c := res.Cases[0]
		if c.Person.Name != "Ёлкин Пётр" || c.Person.BirthDate != "1980-02-01" || c.Notes != "две,\nстроки; да" {
			t.Errorf("%s: %q %q %q", tc.name, c.Person.Name, c.Person.BirthDate, c.Notes)
		}
	}
}

// TestSeparateNameColumns: surname, first name and patronymic are joined;
// a column the mapping does not know is kept in the notes; cells beyond
// the header are kept as well.
func TestSeparateNameColumns(t *testing.T) {
	data := "Фамилия;Имя;Отчество;Пол;Любимый цвет;Приоритет\r\nОрлов;Игорь;Ильич;м;синий;срочно;лишнее\r\nОрлова;;;ж;;никакой\r\n"
	_, res := readAll(t, writeFile(t, "x.csv", []byte(data)), "", nil)
	if len(res.Cases) != 2 {
		t.Fatalf("%d cases", len(res.Cases))
	}
	a, b := res.Cases[0], res.Cases[1]
	if a.Person.Name != "Орлов Игорь Ильич" || a.Person.Sex != cases.SexMale || a.Priority != cases.PriorityUrgent ||
		a.Notes != "Любимый цвет: синий\nG: лишнее" {
		t.Errorf("first: %+v", a)
	}
	if b.Person.Name != "Орлова" || b.Person.Sex != cases.SexFemale || b.Priority != "" || b.Notes != "Приоритет: никакой" {
		t.Errorf("second: %+v", b)
	}
	if len(res.Problems) != 2 || res.Problems[0].Kind != sheet.ProblemExtraCells || res.Problems[1].Kind != sheet.ProblemUnknownPriority {
		t.Errorf("problems: %v", res.Problems)
	}
}

// TestTooLarge: a file over the limit is refused before it is read.
func TestTooLarge(t *testing.T) {
	p := writeFile(t, "huge.csv", nil)
	if err := os.Truncate(p, sheet.MaxCSVSize+1); err != nil { // sparse: takes no disk
		t.Fatal(err)
	}
	_, err := sheet.Open(p)
	var se *sheet.SizeError
	if err == nil || !strings.Contains(err.Error(), "larger than the limit") || !asSize(err, &se) {
		t.Fatalf("Open of a file over the limit: %v", err)
	}
	if _, err := sheet.Open(writeFile(t, "cases.json", []byte("{}"))); err != sheet.ErrFormat {
		t.Fatalf("Open of a .json: %v", err)
	}
}

func asSize(err error, se **sheet.SizeError) bool {
	e, ok := err.(*sheet.SizeError)
	*se = e
	return ok && e.Limit == sheet.MaxCSVSize
}

// TestLimitPreview: Options.Limit stops early for a quick preview.
func TestLimitPreview(t *testing.T) {
	f, err := sheet.Open(writeFile(t, "s.csv", cp1251(t, russianCSV(t, 500))))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head, _ := f.Head("", 1)
	var seen []int
	res, err := f.Read(context.Background(), "", sheet.Guess(head[0]), sheet.Options{Limit: 10, Progress: func(n int) { seen = append(seen, n) }})
	if err != nil || len(res.Cases) != 10 || !res.Partial || len(seen) != 1 || seen[0] != res.Rows {
		t.Fatalf("Read with Limit: %v %d %v %v", err, len(res.Cases), res.Partial, seen)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.Read(ctx, "", sheet.Guess(head[0]), sheet.Options{}); err != context.Canceled {
		t.Fatalf("Read after cancel: %v", err)
	}
}

// TestQuoteOutOfPlace: a quoted cell never closed, or a bare quote, is an
// error naming the row, not the rest of the file swallowed into one cell.
func TestQuoteOutOfPlace(t *testing.T) {
	for name, data := range map[string]string{
		"open.csv": "ФИО;Примечание\r\nИванов;ок\r\nПетров;\"не закрыта\r\nСидоров;x\r\nОрлов;y\r\n",
		"bare.csv": "ФИО;Колония\r\nИванов;ИК-2\r\nПетров;ИК \"Сова\"\r\n",
	} {
		f, err := sheet.Open(writeFile(t, name, []byte(data)))
		if err != nil {
			t.Fatal(err)
		}
		head, _ := f.Head("", 1)
		_, err = f.Read(context.Background(), "", sheet.Guess(head[0]), sheet.Options{})
		var re *sheet.RowError
		if !errors.As(err, &re) || re.Row != 3 {
			t.Errorf("%s: %v, want an error at row 3", name, err)
		}
		f.Close()
	}
}

// TestTitleRowsAboveHeader: a sheet that starts with a title and a blank
// line finds its header below them.
func TestTitleRowsAboveHeader(t *testing.T) {
	data := "Список пропавших на 01.09.2022;;;\r\nФорма 2;;;\r\n;;;\r\n№;ФИО;Дата рождения;ИК\r\n1;Иванов Пётр;1980;ИК-2\r\n;;;\r\n2;Сидоров Олег;1975;ИК-6\r\n"
	f, err := sheet.Open(writeFile(t, "t.csv", []byte(data)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head, _ := f.Head("", 20)
	if h := sheet.HeaderIndex(head); h != 2 {
		t.Fatalf("HeaderIndex = %d, want 2", h)
	}
	res, err := f.Read(context.Background(), "", sheet.Mapping{}, sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.HeaderRow != 4 || res.Above != 2 || res.Rows != 3 || res.Empty != 1 || len(res.Cases) != 2 ||
		!slices.Equal(res.CaseRows, []int{5, 7}) || res.Cases[1].Person.Facility != "ИК-6" {
		t.Fatalf("header row %d above %d rows %d empty %d cases %d at %v", res.HeaderRow, res.Above, res.Rows, res.Empty, len(res.Cases), res.CaseRows)
	}
	f2, err := sheet.Open(writeFile(t, "c.csv", []byte("Список на 01.09.2022\nФИО,ИК,Статус\nИванов,ИК-2,нет связи\nПетров,ИК-3,найден\n")))
	if err != nil || f2.Delimiter() != ',' {
		t.Fatalf("delimiter under a title: %v %q", err, f2.Delimiter())
	}
	f2.Close()
	if got := sheet.HeaderIndex([][]string{{"Title"}, {"a", "b"}}); got != 1 {
		t.Errorf("HeaderIndex of unknown headers = %d, want 1", got)
	}
}
