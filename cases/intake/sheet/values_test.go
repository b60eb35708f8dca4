package sheet_test

import (
	"testing"

	"kintrace/cases"
	"kintrace/cases/intake/sheet"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		xlsx bool
		want cases.Date
	}{
		{"02.08.2022", false, "2022-08-02"},
		{"2.8.22", false, "2022-08-02"},
		{"2.8.85", false, "1985-08-02"},
		{" 02/08/2022 ", false, "2022-08-02"},
		{"02-08-2022", false, "2022-08-02"},
		{"02,08,2022", false, "2022-08-02"},
		{"02.08.2022г.", false, "2022-08-02"},
		{"02.08.2022 14:30", false, "2022-08-02"},
		{"2022-08-02", false, "2022-08-02"},
		{"2022.08.02", false, "2022-08-02"},
		{"2022-08", false, "2022-08"},
		{"08.2022", false, "2022-08"},
		{"1987", false, "1987"},
		{"1987 г.", false, "1987"},
		{"1987 р.", false, "1987"},
		{"август 2022", false, "2022-08"},
		{"Август 2022", false, "2022-08"},
		{"авг. 2022", false, "2022-08"},
		{"2 августа 2022 г.", false, "2022-08-02"},
		{"серпень 2022", false, "2022-08"},
		{"15 вересня 2022 р.", false, "2022-09-15"},
		{"листопад 2022", false, "2022-11"},
		{"May 2022", false, "2022-05"},
		{"2-Aug-22", false, "2022-08-02"},
		{"Aug-22", false, ""},
		{"August 2, 2022", false, "2022-08-02"},
		{"мая 2021", false, "2021-05"},
		{"44775", true, "2022-08-02"},
		{"44775.5", true, "2022-08-02"},
		{"31048", true, "1985-01-01"},
		{"44775", false, ""},
		{"31.02.1990", false, ""},
		{"30 февраля 2022", false, ""},
		{"уточняется", false, ""},
		{"весна 2022", false, ""},
		{"", false, ""},
		{"10.07", false, ""},
		{"0", true, ""},
	} {
		got, ok := sheet.ParseDate(tc.in, tc.xlsx)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("ParseDate(%q, %v) = %q, %v; want %q", tc.in, tc.xlsx, got, ok, tc.want)
		}
	}
}

func TestParseStatus(t *testing.T) {
	for in, want := range map[string]cases.Status{
		"нет связи": cases.StatusContactLost, "Нет связи.": cases.StatusContactLost,
		"Пропал без вести": cases.StatusContactLost, "немає зв’язку": cases.StatusContactLost,
		"в работе": cases.StatusOpen, "Найден": cases.StatusLocated, "нашёлся": cases.StatusLocated,
		"не найден": "", "ПОГИБ": cases.StatusDeceased, "загинув": cases.StatusDeceased,
		"в полоні": cases.StatusDetained, "в госпитале": cases.StatusHospitalised,
		"вернулся домой": cases.StatusReturned, "закрыто": cases.StatusClosed,
		"contact_lost": cases.StatusContactLost, "Contact lost": cases.StatusContactLost,
		"уточняется": "", "": "",
	} {
		got, ok := sheet.ParseStatus(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseStatus(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestParseSexAndPriority(t *testing.T) {
	for in, want := range map[string]cases.Sex{"м": cases.SexMale, "Муж.": cases.SexMale, "ч": cases.SexMale,
		"чоловіча": cases.SexMale, "M": cases.SexMale, "ж": cases.SexFemale, "жін.": cases.SexFemale,
		"female": cases.SexFemale, "да": "", "": ""} {
		if got, ok := sheet.ParseSex(in); got != want || ok != (want != "") {
			t.Errorf("ParseSex(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for in, want := range map[string]cases.Priority{"срочно": cases.PriorityUrgent, "Терміново": cases.PriorityUrgent,
		"высокий": cases.PriorityHigh, "обычный": cases.PriorityNormal, "low": cases.PriorityLow, "никакой": ""} {
		if got, ok := sheet.ParsePriority(in); got != want || ok != (want != "") {
			t.Errorf("ParsePriority(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
