package patterns

import (
	"strings"

	"kintrace/cases/search"
)

// givenNameForms lists first names with their short forms and their
// Russian, Ukrainian and Latin spellings. Each line is one name: the first
// word is the canonical form, the others fold (see Fold) to it. Spellings
// that Fold already joins (Сергей, Sergey, Sergei) need not be listed, but
// the Ukrainian vowels (Олександр, Oleksandr) and diminutives (Саша, Шура)
// must be.
var givenNameForms = []string{
	"Александр Alexander Aleksandr Oleksandr Олександр Саша Саня Санёк Шура Alex Алекс Sasha Sanya Oles Олесь",
	"Алексей Aleksei Alexei Alexey Oleksiy Oleksii Олексій Лёша Лёха Алёша Lyosha Lesha Alyosha Олекса",
	"Сергей Serhiy Serhii Сергій Серёжа Серёга Серый Seryozha Serezha Serge",
	"Дмитрий Dmitry Dmitri Dmytro Дмитро Дима Митя Dima Mitya Діма",
	"Николай Nikolai Nikolay Mykola Микола Коля Kolya Колян",
	"Владимир Vladimir Volodymyr Володимир Володя Вова Vova Volodya Вовчик",
	"Иван Ivan Іван Ваня Vanya Ivan",
	"Михаил Mikhail Mykhailo Михайло Миша Misha Мишаня",
	"Андрей Andrei Andrey Andriy Andrii Андрій Андрюша Andryusha",
	"Евгений Yevgeny Evgeny Yevhen Yevhenii Євген Женя Zhenya",
	"Юрий Yuri Yuriy Yurii Юрій Юра Yura",
	"Олег Oleg Oleh Олежка",
	"Артём Artem Artyom Артем Тёма Tyoma",
	"Павел Pavel Pavlo Павло Паша Pasha",
	"Роман Roman Рома Roma",
	"Виктор Viktor Victor Віктор Витя Vitya",
	"Виталий Vitaly Vitalii Vitaliy Віталій Виталик",
	"Денис Denis Denys Дэн",
	"Максим Maksim Maxim Maksym Макс Max",
	"Игорь Igor Ihor Ігор Игорек",
	"Константин Konstantin Kostiantyn Kostyantyn Костянтин Костя Kostya",
	"Фёдор Fyodor Fedor Fedir Федір Федя Fedya",
	"Илья Ilya Illia Illya Ілля Илюша",
	"Тимур Timur Тима",
	"Руслан Ruslan Руся",
	"Станислав Stanislav Stanislaw Станіслав Стас Stas",
	"Вячеслав Vyacheslav Viacheslav В'ячеслав Слава Slava",
	"Тарас Taras",
	"Богдан Bogdan Bohdan Богдась",
	"Василий Vasily Vasyl Василь Вася Vasya",
	"Пётр Pyotr Petr Petro Петро Петя Petya",
	"Анатолий Anatoly Anatolii Анатолій Толя Tolya",
	"Григорий Grigory Hryhoriy Hryhorii Григорій Гриша Grisha",
	"Кирилл Kirill Kyrylo Кирило",
	"Степан Stepan Стёпа Styopa",
	"Ярослав Yaroslav Ярик",
	"Валерий Valery Valerii Валерій Валера Valera",
	"Геннадий Gennady Hennadiy Геннадій Гена Gena",
	"Леонид Leonid Leonid Леонід Лёня Lenya",
	"Борис Boris Borys Боря Borya",
	"Никита Nikita Mykyta Микита",
	"Антон Anton Тоша",
	"Георгий Georgy Heorhiy Георгій Жора Гоша",
	"Ольга Olga Olha Оля Olya",
	"Наталья Natalia Natalya Nataliya Наталія Наташа Natasha",
	"Елена Yelena Elena Olena Олена Лена Lena",
	"Татьяна Tatyana Tatiana Tetiana Тетяна Таня Tanya",
	"Светлана Svetlana Svitlana Світлана Света Sveta",
	"Ирина Irina Iryna Ірина Ира Ira",
	"Анна Anna Hanna Ганна Аня Anya",
	"Мария Maria Mariya Марія Маша Masha",
	"Екатерина Yekaterina Ekaterina Kateryna Катерина Катя Katya",
	"Юлия Yulia Yuliya Julia Юлія Юля Yulya",
}

// givenCanon maps a folded first name or short form to the fold of its
// canonical form.
var givenCanon = func() map[string]string {
	m := map[string]string{}
	for _, line := range givenNameForms {
		forms := strings.Fields(line)
		canon := search.Fold(forms[0])
		for _, f := range forms {
			m[search.Fold(f)] = canon
		}
	}
	return m
}()

// patronymicEndings are the folded endings of Russian and Ukrainian
// patronymics (Павлович, Сергеевна, Олександрович, Іванівна).
var patronymicEndings = []string{"ovich", "evich", "ovna", "evna", "ivna", "ichna", "ich"}

func isPatronymic(w string) bool {
	if len(w) < 6 {
		return false
	}
	for _, e := range patronymicEndings {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// nameParts is a person's name split into what can be compared across
// scripts: canonical first names, surnames and the patronymic.
type nameParts struct {
	given      []givenName
	surnames   []string
	patronymic string
}

type givenName struct {
	canon   string // fold of the canonical form ("aleksandr")
	form    string // fold as written ("sasha")
	written string // as written ("Саша"), for display
}

// addName adds the parts of one spelling of the name (the name or an
// alias). A word that is neither a known first name nor a patronymic is a
// surname; a single letter is an initial.
func (n *nameParts) addName(s string) {
	type word struct{ folded, written string }
	var words []word
	for _, w := range strings.Fields(s) {
		for _, f := range strings.Fields(search.Fold(w)) {
			words = append(words, word{f, strings.Trim(w, ".,;:()")})
		}
	}
	var unknown []word
	for _, w := range words {
		switch canon, ok := givenCanon[w.folded]; {
		case ok:
			n.addGiven(givenName{canon, w.folded, w.written})
		case isPatronymic(w.folded):
			if n.patronymic == "" {
				n.patronymic = w.folded
			}
		case len(w.folded) == 1:
			n.addGiven(givenName{w.folded, w.folded, w.written})
		default:
			unknown = append(unknown, w)
		}
	}
	// Two unknown words ("Taras Shevchuk" without Taras in the table):
	// either may be the first name.
	if len(unknown) >= 2 && len(words) == len(unknown) {
		for _, w := range unknown {
			n.addGiven(givenName{w.folded, w.folded, w.written})
		}
	}
	for _, w := range unknown {
		if !containsString(n.surnames, w.folded) {
			n.surnames = append(n.surnames, w.folded)
		}
	}
}

func (n *nameParts) addGiven(g givenName) {
	for _, h := range n.given {
		if h.canon == g.canon && h.form == g.form {
			return
		}
	}
	n.given = append(n.given, g)
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// nearlyEqual reports words that differ by at most one letter inserted,
// deleted or replaced (Lebedev, Lebedv), for words of five letters or more.
func nearlyEqual(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) < 5 || len(b) < 5 {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}
