package sheet

import (
	"strings"
	"sync"

	"kintrace/cases/search"
)

// synonyms are the header texts that name each field, in English, Russian
// and Ukrainian, as people title the columns of their case lists. They are
// compared folded (search.Fold), so case, ё/е, apostrophes and
// punctuation do not matter, and a transliterated header matches too. A
// synonym's last word may be the start of the header's word ("дата рожд").
var synonyms = map[Field][]string{
	FieldName: {"фио", "ф и о", "фамилия имя отчество", "имя фамилия", "фамилия и имя", "полное имя",
		"фио пропавшего", "фио военнослужащего", "фио осужденного",
		"піб", "п і б", "прізвище ім'я по батькові", "прізвище та ім'я",
		"name", "full name", "person", "person name", "missing person"},
	FieldSurname:    {"фамилия", "прізвище", "surname", "last name", "family name"},
	FieldFirstName:  {"имя", "ім'я", "імя", "first name", "given name", "forename"},
	FieldPatronymic: {"отчество", "по батькові", "patronymic", "middle name"},
	FieldAliases: {"другие написания", "псевдоним", "позывной", "латиницей", "также известен",
		"інші написання", "позивний", "латиницею", "alias", "aliases", "also known", "call sign", "latin spelling"},
	FieldBirthDate: {"дата рожд", "д р", "др", "год рожд", "г р", "родился", "дата народж", "рік народж",
		"народився", "date of birth", "dob", "birth date", "birthdate", "born", "birthday", "year of birth"},
	FieldSex: {"пол", "стать", "sex", "gender"},
	FieldFacility: {"колония", "ик", "исправительная колония", "учреждение", "фку", "место отбывания",
		"место содержания", "сизо", "тюрьма", "колонія", "установа", "місце утримання", "в'язниця",
		"сізо", "facility", "colony", "prison", "penal colony", "detention"},
	FieldRegion: {"регион", "область", "край", "субъект", "регіон", "region", "oblast", "province"},
	FieldUnit: {"часть", "в ч", "вч", "воинская часть", "подразделение", "частина", "військова частина",
		"підрозділ", "unit", "military unit"},
	FieldStatus:     {"статус", "состояние", "стан", "status", "state"},
	FieldPriority:   {"приоритет", "срочность", "пріоритет", "терміновість", "priority", "urgency"},
	FieldTags:       {"метки", "теги", "тэги", "мітки", "категория", "категорія", "tags", "labels", "category"},
	FieldAssignedTo: {"ответственный", "куратор", "кто ведет", "юрист", "відповідальний", "хто веде", "assigned", "assignee", "responsible", "caseworker"},
	FieldLastContact: {"дата последней связи", "последняя связь", "последний контакт", "связь была",
		"дата пропажи", "дата исчезновения", "пропал с", "дата останнього зв'язку", "останній зв'язок",
		"останній контакт", "дата зникнення", "last contact", "last heard", "date of last contact", "missing since"},
	FieldPhone: {"телефон", "тел", "моб", "мобильный", "номер телефона", "телефон пропавшего",
		"мобільний", "номер телефону", "phone", "phone number", "mobile", "tel"},
	FieldReporterName: {"фио родственника", "имя родственника", "родственник", "заявитель", "фио заявителя",
		"кто обратился", "контактное лицо", "родич", "заявник", "піб родича", "піб заявника",
		"хто звернувся", "reporter", "relative", "contact person", "reported by", "next of kin", "relative name"},
	FieldReporterContact: {"телефон родственника", "контакт родственника", "телефон заявителя",
		"контакты", "контакт", "контакты родственника", "телефон родича", "контакт родича",
		"телефон заявника", "контакти", "reporter phone", "relative phone", "relative s phone",
		"reporter contact", "contact", "contacts", "contact phone"},
	FieldReporterRelation: {"кем приходится", "степень родства", "родство", "кем является",
		"ким доводиться", "ким є", "спорідненість", "ступінь спорідненості", "relation", "relationship", "kinship"},
	FieldNotes: {"примечание", "примечания", "комментарий", "комментарии", "заметки", "описание",
		"обстоятельства", "дополнительно", "информация", "примітка", "примітки", "коментар", "коментарі",
		"опис", "обставини", "notes", "note", "comments", "comment", "remarks", "description", "details"},
	FieldIgnore: {"п п", "no", "nr"},
}

type synonym struct {
	words []string
	field Field
}

var foldedSynonyms = sync.OnceValue(func() []synonym {
	var out []synonym
	for _, f := range AllFields { // a stable order: the first field wins a tie
		for _, s := range synonyms[f] {
			if w := strings.Fields(search.Fold(s)); len(w) > 0 {
				out = append(out, synonym{w, f})
			}
		}
	}
	return out
})
