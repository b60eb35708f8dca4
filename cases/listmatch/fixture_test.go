package listmatch

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"

	"kintrace/cases"
)

// The fixtures of issue 17: a published list in mixed scripts and orders,
// of invented people, with planted lines that are cases of a generated
// vault (casegen) written as lists write them: initials, typos, other
// transliterations, the birth year a year off.

// decoySurnames are invented people's surnames, none of them casegen's.
var decoySurnames = strings.Fields(`Прохоренко Гайдамака Литвиненко Мельник Кравчук Савченко Руденко Климов
Белоусов Тихонов Гусев Титов Комаров Орлов Киселёв Макаров Андреев Ковалёв Ильин Гордеев Дроздов Нестеров
Субботин Карпов Афанасьев Власов Маслов Исаков Тарасов Щербаков Калинин Лукин Баранов Фомин Давыдов Беляев
Рыбаков Суворов Панов Абрамов Воронин Миронов Симонов Ефимов Блинов Дьячков Шубин Журавлёв Носков Быков
Куликов Лаптев Гуляев Ширяев Одинцов Коровин Мухин Голубев Поляков Кудрявцев Марченко Олейник Семенюк
Гончаренко Бойко Стасюк Ткачук Левченко Пономаренко Сидоренко Кушнир Лысенко Дорошенко Ярошенко Гаврилюк`)

// decoyFirst are first names; otherFirst those no generated case has.
var (
	decoyFirst = strings.Fields(`Сергей Алексей Дмитрий Андрей Иван Николай Михаил Владимир Евгений Юрий Олег
Артём Павел Роман Виктор Денис Максим Игорь Константин Илья Руслан Олександр Сергій Микола Андрій Тарас Богдан
Василь Петро Геннадий Леонид Борис Анатолий Григорий Кирилл Степан Ярослав Валерий Никита Антон Георгий`)
	otherFirst = strings.Fields(`Геннадий Леонид Борис Анатолий Григорий Кирилл Степан Ярослав Валерий Никита Антон Георгий`)
	vaultLast  = strings.Fields(`Лебедев Морозов Щукин Хабаров Жуков Иванов Смирнов Кузнецов Попов Васильев Петров
Соколов Михайлов Новиков Волков Алексеев Яковлев Григорьев Романов Захаров Борисов Герасимов Шевчук Ткаченко`)
	vaultFirst  = strings.Fields(`Сергей Алексей Дмитрий Андрей Иван Николай Михаил Владимир Евгений Юрий Олег Павел Роман`)
	decoyPatron = strings.Fields(`Павлович Сергеевич Александрович Иванович Николаевич Викторович Андреевич Юрьевич Олегович Петрович Геннадьевич Борисович`)
	listPlaces  = []string{"ИК-%d, Мордовия", "IK-%d Mordovia", "госпиталь, Луганск", "hospital, Luhansk", "Донецк", "Ростовская обл.",
		"СИЗО-%d, Ростов", "Курская область", "Rostov Oblast", "Макеевка", "Kherson", "ИК-%d Коми", ""}
)

// latin transliterates Cyrillic as passport offices and lists do, unlike
// casegen: й i, ю iu, я ia, х kh, ц ts, ё e; Ukrainian г h, и y.
func latin(s string) string {
	table := map[rune]string{'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z",
		'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
		'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "",
		'э': "e", 'ю': "iu", 'я': "ia", 'і': "i", 'ї': "i", 'є': "ie", 'ґ': "g"}
	ukr := strings.ContainsAny(s, "іїєґІЇЄҐ")
	var b strings.Builder
	for _, r := range s {
		lower := unicode.ToLower(r)
		t, ok := table[lower]
		if !ok {
			b.WriteRune(r)
			continue
		}
		if ukr {
			switch lower {
			case 'г':
				t = "h"
			case 'и':
				t = "y"
			}
		}
		if r != lower && t != "" {
			t = strings.ToUpper(t[:1]) + t[1:]
		}
		b.WriteString(t)
	}
	return b.String()
}

// nameOf splits a generated case's name into first name, patronymic and
// surname (casegen writes "First [Patronymic] Surname").
func nameOf(c cases.Case) (first, patr, last string) {
	w := strings.Fields(c.Person.Name)
	first, last = w[0], w[len(w)-1]
	if len(w) == 3 {
		patr = w[1]
	}
	return
}

func initial(s string) string { return string([]rune(s)[:1]) + "." }

// typo changes one letter inside a word of five letters or more: a letter
// dropped, doubled or two swapped.
func typo(s string, r *rand.Rand) string {
	rs := []rune(s)
	if len(rs) < 5 {
		return s
	}
	i := 1 + r.IntN(len(rs)-3)
	switch r.IntN(3) {
	case 0:
		return string(append(rs[:i:i], rs[i+1:]...))
	case 1:
		return string(rs[:i+1]) + string(rs[i:])
	}
	rs[i], rs[i+1] = rs[i+1], rs[i]
	return string(rs)
}

func upperWord(s string) string { return strings.ToUpper(s) }

// plantedLine writes case c as a list would, in the k-th of eight ways.
func plantedLine(c cases.Case, k int, r *rand.Rand) string {
	first, patr, last := nameOf(c)
	year := 0
	if t := c.Person.BirthDate.Time(); !t.IsZero() {
		year = t.Year()
	}
	place := c.Person.Facility
	yearText := func(y int) string {
		if y == 0 {
			return ""
		}
		return fmt.Sprint(y)
	}
	switch k % 8 {
	case 0: // as the vault writes it, surname first
		return strings.TrimSpace(strings.Join(strings.Fields(last+" "+first+" "+patr), " ") + " " + yearText(year))
	case 1: // another transliteration, surname in capitals, a full date
		return fmt.Sprintf("%s %s, %02d.%02d.%d, %s", upperWord(latin(last)), latin(first), 1+r.IntN(28), 1+r.IntN(12), year, "Luhansk")
	case 2: // initials
		ini := initial(first)
		if patr != "" {
			ini += initial(patr)
		}
		return fmt.Sprintf("%d. %s %s, %s г.р.", 1+r.IntN(900), last, ini, yearText(year))
	case 3: // a typo in the surname
		return fmt.Sprintf("%s %s %s", typo(last, r), first, yearText(year))
	case 4: // the birth year a year off, first name first
		return fmt.Sprintf("%s %s (%d)", first, last, year+[]int{-1, 1}[r.IntN(2)])
	case 5: // Latin, Ukrainian style, year a year off
		return fmt.Sprintf("%s %s %d", latin(first), latin(last), year+[]int{-1, 1}[r.IntN(2)])
	case 6: // a typo in the first name
		return fmt.Sprintf("%s; %s; %s г.р.; %s", last, typo(first, r), yearText(year), place)
	default: // with the facility
		if place != "" {
			return fmt.Sprintf("%s %s %s, %s", last, first, patr, place)
		}
		return fmt.Sprintf("%s %s %s, %s", last, first, patr, yearText(year))
	}
}

// decoyLine writes an invented person.
func decoyLine(r *rand.Rand, i int) string {
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	first, last, patr := pick(decoyFirst), pick(decoySurnames), pick(decoyPatron)
	switch x := r.IntN(100); {
	case x < 2: // a namesake of vault cases: real lists have them
		first, last = pick(vaultFirst), pick(vaultLast)
	case x < 15: // a vault surname, a first name no case has
		first, last = pick(otherFirst), pick(vaultLast)
	}
	year := 1960 + r.IntN(46)
	place := pick(listPlaces)
	if strings.Contains(place, "%d") {
		place = fmt.Sprintf(place, 1+r.IntN(60))
	}
	switch r.IntN(6) {
	case 0:
		return fmt.Sprintf("%s %s %s %d", last, first, patr, year)
	case 1:
		return fmt.Sprintf("%s %s %s, %02d.%02d.%d, %s", upperWord(latin(last)), latin(first), initial(latin(patr)), 1+r.IntN(28), 1+r.IntN(12), year, place)
	case 2:
		return fmt.Sprintf("%d. %s %s%s, %d г.р., %s", i, last, initial(first), initial(patr), year, place)
	case 3:
		return fmt.Sprintf("%s %s (%d)", first, last, year)
	case 4:
		return fmt.Sprintf("%s; %s; %s; %d; %s", last, first, patr, year, place)
	}
	return fmt.Sprintf("%s %s %s", latin(first), latin(last), latin(patr))
}

// fixtureList makes a list of n lines with planted lines for the given
// cases (by index), spread through it; planted maps a line's 1-based row
// to its case's id.
func fixtureList(cs []cases.Case, plant []int, n int, seed uint64) (text string, planted map[int]string) {
	r := rand.New(rand.NewPCG(seed, seed^0x5deece66d))
	rows := make([]string, n)
	planted = map[int]string{}
	at := r.Perm(n)[:len(plant)]
	isPlanted := map[int]int{}
	for k, row := range at {
		isPlanted[row] = k
	}
	for row := range rows {
		if k, ok := isPlanted[row]; ok {
			rows[row] = plantedLine(cs[plant[k]], k, r)
			planted[row+1] = cs[plant[k]].ID
			continue
		}
		rows[row] = decoyLine(r, row+1)
	}
	return strings.Join(rows, "\n") + "\n", planted
}

// plantable picks n cases with a birth year, spread through cs.
func plantable(cs []cases.Case, n int) []int {
	var out []int
	step := len(cs) / (n + 1)
	for i := step / 2; len(out) < n && i < len(cs); i += step {
		j := i
		for cs[j].Person.BirthDate.IsZero() {
			j++
		}
		out = append(out, j)
	}
	return out
}
