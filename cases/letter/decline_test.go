package letter_test

import (
	"testing"

	"kintrace/cases"
	"kintrace/cases/letter"
)

func TestGenitive(t *testing.T) {
	tests := []struct {
		name string
		sex  cases.Sex
		lang letter.Lang
		want string
	}{
		// Russian: men.
		{"Морозов Андрей Викторович", cases.SexMale, letter.Russian, "Морозова Андрея Викторовича"},
		{"Андрей Викторович Морозов", cases.SexUnknown, letter.Russian, "Андрея Викторовича Морозова"},
		{"Достоевский Фёдор Михайлович", cases.SexUnknown, letter.Russian, "Достоевского Фёдора Михайловича"},
		{"Толстой Лев Николаевич", cases.SexUnknown, letter.Russian, "Толстого Льва Николаевича"},
		{"Горький Павел Ильич", cases.SexMale, letter.Russian, "Горького Павла Ильича"},
		{"Шевченко Виталий Петрович", cases.SexMale, letter.Russian, "Шевченко Виталия Петровича"},
		{"Черных Никита Игоревич", cases.SexMale, letter.Russian, "Черных Никиты Игоревича"},
		{"Коваль Илья Сергеевич", cases.SexMale, letter.Russian, "Коваля Ильи Сергеевича"},
		{"Гайдай Юрий Олегович", cases.SexMale, letter.Russian, "Гайдая Юрия Олеговича"},
		{"Петров-Водкин Кузьма Сергеевич", cases.SexMale, letter.Russian, "Петрова-Водкина Кузьмы Сергеевича"},
		{"МОРОЗОВ АНДРЕЙ ВИКТОРОВИЧ", cases.SexMale, letter.Russian, "МОРОЗОВА АНДРЕЯ ВИКТОРОВИЧА"},
		{"Иван Петров", cases.SexMale, letter.Russian, "Ивана Петрова"},
		{"Петров Иван", cases.SexMale, letter.Russian, "Петрова Ивана"},
		// Russian: women.
		{"Морозова Ирина Петровна", cases.SexUnknown, letter.Russian, "Морозовой Ирины Петровны"},
		{"Ирина Морозова", cases.SexFemale, letter.Russian, "Ирины Морозовой"},
		{"Ковальская Ольга Ильинична", cases.SexFemale, letter.Russian, "Ковальской Ольги Ильиничны"},
		{"Шевчук Мария Ивановна", cases.SexFemale, letter.Russian, "Шевчук Марии Ивановны"},
		{"Шевченко Любовь Андреевна", cases.SexUnknown, letter.Russian, "Шевченко Любови Андреевны"},
		{"Седых Наталья Олеговна", cases.SexFemale, letter.Russian, "Седых Натальи Олеговны"},
		// Ukrainian: men.
		{"Шевченко Андрій Петрович", cases.SexMale, letter.Ukrainian, "Шевченка Андрія Петровича"},
		{"Коваленко Павло Іванович", cases.SexUnknown, letter.Ukrainian, "Коваленка Павла Івановича"},
		{"Ковальчук Олег Миколайович", cases.SexMale, letter.Ukrainian, "Ковальчука Олега Миколайовича"},
		{"Бондар Ігор Сергійович", cases.SexMale, letter.Ukrainian, "Бондаря Ігоря Сергійовича"},
		{"Кравець Микола Петрович", cases.SexMale, letter.Ukrainian, "Кравця Миколи Петровича"},
		{"Сковорода Григорій Савич", cases.SexMale, letter.Ukrainian, "Сковороди Григорія Савича"},
		{"Яворський Дмитро Олексійович", cases.SexMale, letter.Ukrainian, "Яворського Дмитра Олексійовича"},
		{"Морозов Андрей Викторович", cases.SexMale, letter.Ukrainian, "Морозова Андрея Викторовича"},
		// Ukrainian: women.
		{"Шевченко Олена Петрівна", cases.SexFemale, letter.Ukrainian, "Шевченко Олени Петрівни"},
		{"Ковальчук Наталія Іванівна", cases.SexUnknown, letter.Ukrainian, "Ковальчук Наталії Іванівни"},
		{"Яворська Ольга Миколаївна", cases.SexFemale, letter.Ukrainian, "Яворської Ольги Миколаївни"},
		{"Петрова Наталя Сергіївна", cases.SexFemale, letter.Ukrainian, "Петрової Наталі Сергіївни"},
		{"Мельник Любов Ігорівна", cases.SexFemale, letter.Ukrainian, "Мельник Любові Ігорівни"},
		// Indeclinable and foreign names stay as written.
		{"Smith John", cases.SexMale, letter.Russian, "Smith John"},
		{"Дюма Гюго", cases.SexUnknown, letter.English, "Дюма Гюго"},
		{"Морозов Андрей Викторович", cases.SexMale, letter.English, "Морозов Андрей Викторович"},
		{"", cases.SexMale, letter.Russian, ""},
	}
	for _, tt := range tests {
		if got := letter.Genitive(tt.name, tt.sex, tt.lang); got != tt.want {
			t.Errorf("Genitive(%q, %s, %s) = %q, want %q", tt.name, tt.sex, tt.lang, got, tt.want)
		}
	}
}
