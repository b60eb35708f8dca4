package sheet_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"kintrace/cases/intake/sheet"
)

func TestGuess(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   sheet.Field
	}{
		{"ФИО", sheet.FieldName}, {"Ф.И.О.", sheet.FieldName}, {"Фамилия Имя Отчество", sheet.FieldName},
		{"ФИО пропавшего", sheet.FieldName}, {"ПІБ", sheet.FieldName}, {"Full name", sheet.FieldName},
		{"Фамилия", sheet.FieldSurname}, {"Имя", sheet.FieldFirstName}, {"Ім'я", sheet.FieldFirstName},
		{"Отчество", sheet.FieldPatronymic}, {"По батькові", sheet.FieldPatronymic},
		{"Колония", sheet.FieldFacility}, {"ИК", sheet.FieldFacility}, {"Учреждение", sheet.FieldFacility},
		{"Установа", sheet.FieldFacility}, {"Регион", sheet.FieldRegion}, {"Область", sheet.FieldRegion},
		{"Дата рождения", sheet.FieldBirthDate}, {"Дата рожд.", sheet.FieldBirthDate}, {"д.р.", sheet.FieldBirthDate},
		{"Дата народження", sheet.FieldBirthDate}, {"Date of birth", sheet.FieldBirthDate},
		{"Дата последней связи", sheet.FieldLastContact}, {"Дата останнього зв'язку", sheet.FieldLastContact},
		{"Last contact", sheet.FieldLastContact},
		{"Телефон родственника", sheet.FieldReporterContact}, {"Телефон", sheet.FieldPhone},
		{"ФИО родственника", sheet.FieldReporterName}, {"Кем приходится", sheet.FieldReporterRelation},
		{"Ким доводиться", sheet.FieldReporterRelation}, {"Примечание", sheet.FieldNotes},
		{"Статус", sheet.FieldStatus}, {"Стать", sheet.FieldSex}, {"Пол", sheet.FieldSex},
		{"В/Ч", sheet.FieldUnit}, {"Воинская часть", sheet.FieldUnit}, {"Позывной", sheet.FieldAliases},
		{"Ответственный", sheet.FieldAssignedTo}, {"Метки", sheet.FieldTags}, {"Приоритет", sheet.FieldPriority},
		{"№", sheet.FieldIgnore}, {"№ п/п", sheet.FieldIgnore}, {"Любимый цвет", sheet.FieldNotes}, {"", sheet.FieldNotes},
	} {
		if got := sheet.Guess([]string{tc.header}).Columns[0].Field; got != tc.want {
			t.Errorf("Guess(%q) = %s, want %s", tc.header, got, tc.want)
		}
	}
	// A field of one value named twice: the second column goes to notes.
	m := sheet.Guess([]string{"ФИО", "Статус", "Статус (старый)"})
	if got := []sheet.Field{m.Columns[0].Field, m.Columns[1].Field, m.Columns[2].Field}; !slices.Equal(got, []sheet.Field{sheet.FieldName, sheet.FieldStatus, sheet.FieldNotes}) {
		t.Errorf("Guess with a repeated field: %v", got)
	}
}

// TestMappingJSON: a saved mapping reads back, fits a sheet whose columns
// moved, and bad files are refused.
func TestMappingJSON(t *testing.T) {
	m := sheet.Guess([]string{"ФИО", "Дата рождения", "Колония"})
	m.Columns[2].Field = sheet.FieldIgnore
	var b bytes.Buffer
	if err := sheet.WriteMapping(&b, m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"version": 1`) || !strings.Contains(b.String(), `"field": "birth_date"`) {
		t.Fatalf("mapping JSON:\n%s", b.String())
	}
	back, err := sheet.ReadMapping(&b)
	if err != nil || back.String() != m.String() {
		t.Fatalf("ReadMapping: %v %s / %s", err, back, m)
	}
	got := back.Resolve([]string{"колония", "Новая", "ФИО", "Дата рождения"})
	if want := []sheet.Field{sheet.FieldIgnore, sheet.FieldNotes, sheet.FieldName, sheet.FieldBirthDate}; !slices.Equal(got, want) {
		t.Errorf("Resolve on moved columns: %v, want %v", got, want)
	}
	for _, bad := range []string{
		`{"version":2,"columns":[]}`,
		`{"version":1,"columns":[{"index":0,"header":"x","field":"wings"}]}`,
		`{"version":1,"columns":[{"index":0,"field":"name"},{"index":0,"field":"notes"}]}`,
		`{"version":1,"extra":true}`,
		`not json`,
	} {
		if _, err := sheet.ReadMapping(strings.NewReader(bad)); !errors.Is(err, sheet.ErrMapping) {
			t.Errorf("ReadMapping(%s): %v", bad, err)
		}
	}
	if sheet.ColumnName(0) != "A" || sheet.ColumnName(25) != "Z" || sheet.ColumnName(26) != "AA" || sheet.ColumnName(701) != "ZZ" {
		t.Error("ColumnName")
	}
}
