package sheet_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// The fixtures are invented people: the names are common Russian names
// combined at random, the phones are in unallocated-looking ranges, the
// colonies and dates are made up.
var (
	surnames    = []string{"Иванов", "Петров", "Смирнов", "Кузнецов", "Соколов", "Попов", "Лебедев", "Козлов", "Новиков", "Морозов", "Волков", "Фёдоров"}
	firstNames  = []string{"Алексей", "Сергей", "Дмитрий", "Андрей", "Николай", "Юрий", "Олег", "Виктор", "Павел"}
	patronymics = []string{"Иванович", "Петрович", "Сергеевич", "Николаевич", "Викторович", "Олегович", "Юрьевич"}
	regions     = []string{"Свердловская область", "Респ. Коми", "Краснодарский край", "г. Москва", "Ростовская обл.", "Пермский край"}
	statuses    = []string{"нет связи", "Найден", "в работе", "ПОГИБ", "в госпитале", "задержан", "Вернулся домой", "закрыто"}
	relations   = []string{"мать", "жена", "сестра", "отец", "брат", "дочь"}
)

// russianRow describes row i (1-based, after the header) of the Russian
// fixture, for the test to know what to expect of it.
type russianRow struct {
	empty, noName, badBirth, badStatus, quotedNote bool
}

func rowKind(i int) russianRow {
	return russianRow{
		empty:      i%100 == 50,
		noName:     i%50 == 7,
		badBirth:   i%25 == 11,
		badStatus:  i%40 == 13,
		quotedNote: i%20 == 9,
	}
}

// russianName is the name row i's case should get.
func russianName(i int) string {
	s, f, p := surnames[i%len(surnames)], firstNames[i%len(firstNames)], patronymics[i%len(patronymics)]
	return s + " " + f + " " + p
}

// russianCSV writes n rows as Russian Excel saves "CSV (разделители —
// точки с запятой)": Windows-1251, ";" and CRLF, quoted cells where Excel
// quotes them. It has initials, capitals, double spaces, birth dates in
// every form people type, impossible dates, unknown statuses, rows without
// a name, empty rows and notes spanning lines with quotes inside.
func russianCSV(t testing.TB, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("№;ФИО;Дата рождения;Колония;Регион;Статус;Дата последней связи;Телефон родственника;ФИО родственника;Кем приходится;Примечание\r\n")
	for i := 1; i <= n; i++ {
		k := rowKind(i)
		if k.empty {
			b.WriteString(";;;;;;;;;;\r\n")
			continue
		}
		name := russianName(i)
		switch {
		case k.noName:
			name = ""
		case i%10 == 3: // initials
			parts := strings.Fields(name)
			name = parts[0] + " " + string([]rune(parts[1])[:1]) + "." + string([]rune(parts[2])[:1]) + "."
		case i%10 == 4:
			name = strings.ToUpper(name)
		case i%10 == 5: // a typo: a double space and a lowercase name
			name = strings.Replace(strings.ToLower(name), " ", "  ", 1)
		}
		year := 1970 + i%30
		var birth string
		switch i % 5 {
		case 0:
			birth = fmt.Sprintf("%02d.%02d.%d", 1+i%28, 1+i%12, year)
		case 1:
			birth = fmt.Sprintf("%d.%d.%02d", 1+i%28, 1+i%12, year%100)
		case 2:
			birth = fmt.Sprintf("%d", year)
		case 3:
			birth = fmt.Sprintf("март %d", year)
		case 4:
			birth = fmt.Sprintf("%d г.", year)
		}
		if k.badBirth {
			birth = "31.02.1990"
		}
		status := statuses[i%len(statuses)]
		if k.badStatus {
			status = "уточняется"
		}
		contact := fmt.Sprintf("%02d.%02d.2022", 1+i%28, 1+i%12)
		if i%7 == 0 {
			contact = "сентябрь 2022"
		}
		note := ""
		if k.quotedNote {
			note = "\"Звонил с нового номера;\r\nпросил копию паспорта для \"\"бухгалтера\"\"\""
		}
		fmt.Fprintf(&b, "%d;%s;%s;ИК-%d;%s;%s;%s;+7 912 %03d-%02d-%02d;%s;%s;%s\r\n",
			i, name, birth, 1+i%40, regions[i%len(regions)], status, contact, i%1000, i%100, (i*7)%100,
			"Родственник "+firstNames[(i+3)%len(firstNames)], relations[i%len(relations)], note)
	}
	return b.String()
}

// writeFile writes data to name in a temporary folder and returns its path.
func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// cp1251 encodes s in Windows-1251.
func cp1251(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
