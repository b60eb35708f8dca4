package letter_test

import (
	"strings"
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
		// A surname that ends like a patronymic.
		{"Иван Петрович Бабич", cases.SexUnknown, letter.Russian, "Ивана Петровича Бабича"},
		{"Ирина Петровна Бабич", cases.SexUnknown, letter.Russian, "Ирины Петровны Бабич"},
		{"Бабич Ирина Петровна", cases.SexUnknown, letter.Russian, "Бабич Ирины Петровны"},
		// Initials stay; Georgian and Armenian surnames.
		{"Морозов А. В.", cases.SexMale, letter.Russian, "Морозова А. В."},
		{"Беридзе Георгий Ираклиевич", cases.SexMale, letter.Russian, "Беридзе Георгия Ираклиевича"},
		{"Петросян Анна Арменовна", cases.SexUnknown, letter.Russian, "Петросян Анны Арменовны"},
		{"Петросян Арам Ашотович", cases.SexUnknown, letter.Russian, "Петросяна Арама Ашотовича"},
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

// FuzzGenitive: any name declines without a panic, keeps its number of
// words and leaves names in Latin script alone.
func FuzzGenitive(f *testing.F) {
	for _, s := range []string{"Морозов Андрей Викторович", "Шевченко Олена Петрівна", "Кравець-Ая Ья", "Я", "ЙЬ ая", "Smith"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		for _, lang := range []letter.Lang{letter.Russian, letter.Ukrainian} {
			for _, sex := range []cases.Sex{cases.SexMale, cases.SexFemale, cases.SexUnknown} {
				got := letter.Genitive(name, sex, lang)
				if len(strings.Fields(got)) != len(strings.Fields(name)) {
					t.Fatalf("Genitive(%q) = %q: the words changed", name, got)
				}
			}
		}
	})
}
