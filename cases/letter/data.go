package letter

import (
	"strconv"
	"strings"
	"time"

	"kintrace/cases"
)

// Data is what a template sees: the Input put into words in the letter's
// language. Every field is a string or a bool, so a template can print or
// test it and do nothing else (the types have no methods).
type Data struct {
	Kind string
	Lang string
	// Authority is the addressee (the Input's, or the kind's general one).
	Authority string

	// Name is the person's full name as recorded; NameGenitive the same in
	// the genitive case (Russian and Ukrainian; English: as recorded).
	Name, NameGenitive string
	// Born is the date of birth as written in letters ("12.03.1985",
	// "12 March 1985"), "" when unknown.
	Born                   string
	Facility, Unit, Region string
	Ask                    string
	Reference              string

	// HasApplicant tells whether an applicant is named.
	HasApplicant bool
	// ApplicantName, in the genitive case as ApplicantGenitive ("от
	// Морозовой Ирины Петровны").
	ApplicantName, ApplicantGenitive string
	ApplicantRelation                string
	// ApplicantContact is the address for the reply, "" when withheld.
	ApplicantContact string

	// Legal is the sentence asking for a reply within the legal term of
	// the jurisdiction's law on citizens' appeals; "" when none applies.
	Legal string
	// TermDays is the legal term of a reply in days (0 without a law);
	// TermMaxDays the longest extension (Ukraine: 45).
	TermDays, TermMaxDays string

	Date  string
	Place string
}

// data puts in into words.
func (in Input) data() Data {
	lang := in.Lang
	if _, err := ParseLang(string(lang)); err != nil {
		lang = English
	}
	d := Data{
		Kind:         string(in.Kind),
		Lang:         string(lang),
		Authority:    in.Authority,
		Name:         in.Person,
		NameGenitive: Genitive(in.Person, in.Sex, lang),
		Born:         formatDate(in.BirthDate, lang),
		Facility:     in.Facility,
		Unit:         in.Unit,
		Region:       in.Region,
		Ask:          in.Ask,
		Reference:    in.Reference,
		Place:        in.Place,
	}
	if d.Authority == "" {
		d.Authority = defaultAuthority(in.Kind, lang)
	}
	if !in.Date.IsZero() {
		d.Date = formatDay(in.Date, lang)
	}
	if a := in.Applicant; a != nil && a.Name != "" {
		d.HasApplicant = true
		d.ApplicantName = a.Name
		d.ApplicantGenitive = Genitive(a.Name, cases.SexUnknown, lang)
		d.ApplicantRelation = a.Relation
		d.ApplicantContact = a.Contact
	}
	switch in.jurisdiction() {
	case Russia:
		d.TermDays = "30"
	case Ukraine:
		d.TermDays, d.TermMaxDays = "30", "45"
	}
	d.Legal = legalSentence(in.jurisdiction(), lang)
	return d
}

var monthsGenitive = map[Lang][12]string{
	Russian:   {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	Ukrainian: {"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"},
}

// formatDay writes the day of a letter: "6 декабря 2026 г.", "6 грудня
// 2026 р.", "6 December 2026".
func formatDay(t time.Time, lang Lang) string {
	day, year := strconv.Itoa(t.Day()), strconv.Itoa(t.Year())
	switch lang {
	case Russian:
		return day + " " + monthsGenitive[Russian][t.Month()-1] + " " + year + " г."
	case Ukrainian:
		return day + " " + monthsGenitive[Ukrainian][t.Month()-1] + " " + year + " р."
	}
	return day + " " + t.Month().String() + " " + year
}

// formatDate writes a (partial) date of birth: day first with dots in
// Russian and Ukrainian, with the month's name in English.
func formatDate(d cases.Date, lang Lang) string {
	if d.IsZero() {
		return ""
	}
	if lang == English && d.Precision() == cases.PrecisionDay {
		t := d.Time()
		return strconv.Itoa(t.Day()) + " " + t.Month().String() + " " + strconv.Itoa(t.Year())
	}
	return d.Format(cases.DateDayFirst, nil)
}

// legalSentence asks for a reply within the term of the jurisdiction's law
// on citizens' appeals, in the letter's language.
func legalSentence(j Jurisdiction, lang Lang) string {
	switch j {
	case Russia:
		switch lang {
		case Russian:
			return "В соответствии со статьёй 12 Федерального закона от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации» прошу дать письменный ответ в течение 30 дней со дня регистрации настоящего обращения."
		case Ukrainian:
			return "Відповідно до статті 12 Федерального закону РФ від 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации» прошу надати письмову відповідь протягом 30 днів із дня реєстрації цього звернення."
		}
		return "Under Article 12 of Federal Law No. 59-FZ of 2 May 2006 “On the Procedure for Considering Appeals of Citizens of the Russian Federation”, I ask for a written reply within 30 days of the registration of this appeal."
	case Ukraine:
		switch lang {
		case Ukrainian:
			return "Відповідно до статті 20 Закону України «Про звернення громадян» прошу розглянути це звернення та надати письмову відповідь у строк не більше одного місяця від дня його надходження, а якщо питання потребує додаткового вивчення, — не більше сорока п’яти днів."
		case Russian:
			return "В соответствии со статьёй 20 Закона Украины «Про звернення громадян» («Об обращениях граждан») прошу рассмотреть настоящее обращение и дать письменный ответ в срок не более одного месяца со дня его поступления, а если вопрос требует дополнительного изучения, — не более сорока пяти дней."
		}
		return "Under Article 20 of the Law of Ukraine “On Citizens’ Appeals”, I ask that this appeal be considered and answered in writing within one month of its receipt, or, if the matter needs further study, within forty-five days at most."
	}
	return ""
}

// defaultAuthority is the general addressee of a kind, as the top right
// block writes it.
func defaultAuthority(k Kind, lang Lang) string {
	names := map[Lang]map[Kind]string{
		Russian: {
			PrisonService:          "В Федеральную службу исполнения наказаний",
			MilitaryProsecutor:     "В Главную военную прокуратуру",
			MilitaryUnit:           "Командиру войсковой части",
			DefenceMinistry:        "В Министерство обороны Российской Федерации",
			InvestigativeCommittee: "В Следственный комитет Российской Федерации",
			Ombudsperson:           "Уполномоченному по правам человека",
			ICRC:                   "В Международный комитет Красного Креста",
			Hospital:               "Главному врачу",
			Court:                  "Председателю суда",
		},
		Ukrainian: {
			PrisonService:          "До органу з питань виконання покарань",
			MilitaryProsecutor:     "До військової прокуратури",
			MilitaryUnit:           "Командиру військової частини",
			DefenceMinistry:        "До Міністерства оборони України",
			InvestigativeCommittee: "До органу досудового розслідування",
			Ombudsperson:           "Уповноваженому Верховної Ради України з прав людини",
			ICRC:                   "До Міжнародного комітету Червоного Хреста",
			Hospital:               "Головному лікарю",
			Court:                  "Голові суду",
		},
		English: {
			PrisonService:          "The Prison Service",
			MilitaryProsecutor:     "The Military Prosecutor’s Office",
			MilitaryUnit:           "The Commander of the Military Unit",
			DefenceMinistry:        "The Ministry of Defence",
			InvestigativeCommittee: "The Investigative Committee",
			Ombudsperson:           "The Human Rights Commissioner (Ombudsperson)",
			ICRC:                   "International Committee of the Red Cross, Central Tracing Agency",
			Hospital:               "The Chief Physician",
			Court:                  "The President of the Court",
		},
	}
	return names[lang][k]
}

// sampleData is the data a template is tried on when it is parsed: every
// field filled, the applicant named, so a misspelt field fails then.
func sampleData(lang Lang) Data {
	in := Input{
		Kind: Other, Lang: lang, Authority: "Authority",
		Person: "Морозов Андрей Викторович", Sex: cases.SexMale, BirthDate: "1985-03-12",
		Facility: "Facility", Unit: "Unit", Region: "Region", Ask: "Ask", Reference: "KT-1",
		Applicant: &Applicant{Name: "Морозова Ирина Петровна", Relation: "Relation", Contact: "Contact"},
		Date:      time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Place: "Place",
	}
	return in.data()
}

// trimLines drops spaces at both ends of lines and runs of more than one
// blank line, which templates' conditionals leave behind.
func trimLines(s string) string {
	var out []string
	blank := true // no blank lines at the start
	for line := range strings.SplitSeq(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if strings.TrimSpace(line) == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, line)
		blank = false
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n") + "\n"
}
