package casegen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"kintrace/cases"
	"kintrace/cases/search"
)

// Generate returns n realistic, valid, entirely fictional cases for demo
// vaults, tests and benchmarks; the same seed gives the same cases. They
// follow the patterns of PRODUCT.md: men recruited from colonies
// ("ИК-17, Мордовия") or serving in units ("в/ч 12345"), names in Cyrillic
// (Russian and Ukrainian) or in Latin transliteration, messages from new
// numbers, requests for passport copies, promised pay, lost contact, rumours
// of hospitals. A few "recruiter" numbers recur across many cases, as the
// patterns advocates look for do. IDs ("GEN…") and numbers ("KT-GEN-00001")
// are set; clear them if a store should assign its own.
func Generate(n int, seed int64) []cases.Case {
	g := &caseGen{r: rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15))}
	g.shared = make([]string, 40)
	for i := range g.shared {
		g.shared[i] = g.phone()
	}
	out := make([]cases.Case, n)
	for i := range out {
		out[i] = g.generate(i + 1)
	}
	return out
}

type caseGen struct {
	r      *rand.Rand
	shared []string // recruiters' and "accountants'" numbers seen in many cases
}

func (g *caseGen) pick(list []string) string { return list[g.r.IntN(len(list))] }
func (g *caseGen) chance(p float64) bool     { return g.r.Float64() < p }

var (
	genFirstRU  = []string{"Сергей", "Алексей", "Дмитрий", "Андрей", "Иван", "Николай", "Михаил", "Владимир", "Евгений", "Юрий", "Олег", "Артём", "Павел", "Роман", "Виктор", "Денис", "Максим", "Игорь", "Константин", "Фёдор", "Илья", "Тимур", "Руслан", "Станислав", "Вячеслав"}
	genFirstUA  = []string{"Олександр", "Сергій", "Микола", "Андрій", "Володимир", "Олексій", "Юрій", "Тарас", "Богдан", "Василь", "Олег", "Дмитро", "Євген", "Іван", "Петро"}
	genFirstLat = []string{"Sergei", "Sergey", "Alexei", "Aleksandr", "Alexander", "Dmitry", "Andrei", "Ivan", "Nikolai", "Mikhail", "Vladimir", "Yevgeny", "Yuri", "Oleg", "Pavel", "Roman", "Oleksandr", "Serhiy", "Mykola", "Taras", "Bohdan"}
	genLastRU   = []string{"Лебедев", "Морозов", "Щукин", "Хабаров", "Жуков", "Цой", "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Волков", "Алексеев", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Захаров", "Борисов", "Королёв", "Герасимов", "Пономарёв", "Жаров", "Шевчук", "Ткаченко", "Бондаренко", "Коваленко", "Ахмедов", "Юсупов", "Хасанов", "Зайцев", "Медведев", "Чернов", "Ершов"}
	genLastLat  = []string{"Lebedev", "Morozov", "Shchukin", "Khabarov", "Zhukov", "Tsoi", "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Petrov", "Sokolov", "Novikov", "Volkov", "Yakovlev", "Romanov", "Vorobyov", "Zakharov", "Shevchuk", "Tkachenko", "Bondarenko", "Kovalenko", "Akhmedov", "Yusupov", "Chernov"}
	genPatronym = []string{"Павлович", "Сергеевич", "Александрович", "Иванович", "Николаевич", "Викторович", "Андреевич", "Юрьевич", "Олегович", "Михайлович"}
	genWomen    = []string{"Оксана", "Марина", "Ольга", "Наталья", "Юлия", "Татьяна", "Елена", "Светлана", "Ирина", "Людмила", "Анна", "Галина", "Мария", "Yulia", "Natalia", "Olha"}
	genRelation = []string{"mother", "wife", "sister", "half-sister", "father", "brother", "daughter", "aunt", "мать", "жена", "сестра", "подруга"}
	genColonies = []string{"Мордовия", "Mordovia", "Коми", "Карелия", "Свердловская обл.", "Пермский край", "Челябинская обл.", "Иркутская обл.", "Красноярский край", "Владимирская обл.", "Рязанская обл.", "Татарстан"}
	genRegions  = []string{"Республика Мордовия", "Republic of Mordovia", "Ростовская область", "Rostov Oblast", "Краснодарский край", "Белгородская область", "Курская область", "Донецкая область", "Луганская область", "Запорожская область", "Херсонская область", "Свердловская область", "Пермский край", "Республика Коми", "Москва", "Санкт-Петербург"}
	genPlaces   = []string{"полигон, Ростовская обл.", "training ground, Rostov Oblast", "госпиталь, Донецк", "hospital in Luhansk", "Бахмут", "Авдеевка", "Курская обл., приграничье", "морг, Ростов-на-Дону", "карантин, Новочеркасск", "Молькино", "Solnechnodolsk", "СИЗО-1, Ростов", "полевой госпиталь, Макеевка"}
	genRecruit  = []string{"private military company", "ЧВК", "Министерство обороны", "Ministry of Defence", "штурмовой отряд «Шторм Z»", "добровольческий батальон", "военкомат"}
	genAssigned = []string{"Marina", "Анна", "Dmitri", "Елена", "Oksana", "Игорь", "Katya", ""}
	genTags     = []string{"recruitment", "new-number", "passport-request", "payment", "hospital", "rumour", "storm-z", "mobilised", "colony", "wounded", "prisoner-of-war", "urgent-check"}
	genFeatures = []string{"tattoo of an anchor on the left forearm", "шрам над правой бровью", "missing two fingers on the left hand", "татуировка «ВДВ» на плече", "glasses, limps slightly", "родинка на шее", "gold tooth"}
	genSources  = []string{"reporter", "mother", "hospital list", "Telegram channel", "сослуживец", "official reply", "another family"}
	genMessages = []string{
		"Asked for a copy of mother's passport so that she can receive his wages.",
		"Пишет с нового номера, просит прислать копию паспорта матери «для зарплаты».",
		"Says he is fine, cannot say where he is, will call when he can.",
		"Всё нормально, кормят, скоро отправят дальше. Где — не говорит.",
		"An accountant called, promised 200 000 roubles a month once the contract is signed.",
		"Звонил «бухгалтер», обещал выплату 195 000 руб. до конца месяца.",
		"Voice message: they were moved to quarantine, phones will be taken away.",
		"Сказал, что их перевели на карантин и телефоны заберут.",
		"Message in his style but no details, asks to stop looking for him.",
		"Рассказал, что рядом был обстрел, двое ранены.",
		"Fellow soldier says he was injured and taken to a hospital in Luhansk.",
		"Сослуживец говорит, что он в госпитале в Донецке, подтвердить не удалось.",
		"Official reply: no information on his whereabouts.",
		"Ответ из военкомата: сведениями не располагаем.",
		"Recruiters visited the colony, promised a pardon after six months.",
		"В колонию приезжали вербовщики, обещали помилование через полгода.",
		"Listed among the wounded in a Telegram channel post.",
		"Пропал из всех мессенджеров, последний раз был в сети утром.",
	}
)

func (g *caseGen) phone() string {
	switch g.r.IntN(5) {
	case 0:
		return fmt.Sprintf("+7 9%02d %03d-%02d-%02d", g.r.IntN(100), g.r.IntN(1000), g.r.IntN(100), g.r.IntN(100))
	case 1:
		return fmt.Sprintf("8 (9%02d) %03d-%02d-%02d", g.r.IntN(100), g.r.IntN(1000), g.r.IntN(100), g.r.IntN(100))
	case 2:
		return fmt.Sprintf("+79%02d%07d", g.r.IntN(100), g.r.IntN(10000000))
	case 3:
		return fmt.Sprintf("0%d %03d %02d %02d", 50+g.r.IntN(50), g.r.IntN(1000), g.r.IntN(100), g.r.IntN(100))
	}
	return fmt.Sprintf("+380 %d %03d %04d", 50+g.r.IntN(50), g.r.IntN(1000), g.r.IntN(10000))
}

func (g *caseGen) name() (name string, aliases []string) {
	switch k := g.r.IntN(10); {
	case k < 5:
		first, last := g.pick(genFirstRU), g.pick(genLastRU)
		name = first + " " + g.pick(genPatronym) + " " + last
		if g.chance(0.5) {
			name = first + " " + last
		}
		if g.chance(0.4) {
			aliases = append(aliases, transliterate(first)+" "+transliterate(last))
		}
	case k < 7:
		name = g.pick(genFirstUA) + " " + g.pick(genLastRU)
	default:
		name = g.pick(genFirstLat) + " " + g.pick(genLastLat)
	}
	if g.chance(0.15) {
		aliases = append(aliases, g.pick([]string{"Серёжа", "Лёха", "Саня", "Dima", "Kolya", "Малой"}))
	}
	return name, aliases
}

// transliterate writes Russian Cyrillic in a simple Latin spelling, the way
// relatives type names into messengers.
func transliterate(s string) string {
	var b strings.Builder
	upper := map[rune]rune{}
	for r := 'А'; r <= 'Я'; r++ {
		upper[r] = r + 0x20
	}
	for _, r := range s {
		lower, isUpper := upper[r]
		if r == 'Ё' {
			lower, isUpper = 'ё', true
		}
		if !isUpper {
			lower = r
		}
		var t string
		if lower >= 0x430 && lower <= 0x45F {
			t = search.LatinLetters(lower)
			switch lower {
			case 'й':
				t = "y"
			case 'ё':
				t = "yo"
			case 'ь':
				t = ""
			}
		} else {
			t = string(r)
		}
		if isUpper && t != "" {
			t = strings.ToUpper(t[:1]) + t[1:]
		}
		b.WriteString(t)
	}
	return b.String()
}

func (g *caseGen) date(from time.Time, maxDays int) time.Time {
	return from.Add(time.Duration(g.r.IntN(maxDays*24)) * time.Hour).UTC()
}

func (g *caseGen) generate(i int) cases.Case {
	start := time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC)
	recruited := g.date(start, 900)
	c := cases.Case{
		ID:         fmt.Sprintf("GEN%023d", i),
		Number:     fmt.Sprintf("KT-GEN-%05d", i),
		Version:    1 + int64(g.r.IntN(12)),
		Status:     cases.AllStatuses[g.r.IntN(len(cases.AllStatuses))],
		Priority:   cases.AllPriorities[g.r.IntN(len(cases.AllPriorities))],
		AssignedTo: g.pick(genAssigned),
	}
	if g.chance(0.5) {
		c.Status = cases.StatusContactLost
	}
	for range g.r.IntN(3) {
		if t := g.pick(genTags); !strings.Contains(strings.Join(c.Tags, ","), t) {
			c.Tags = append(c.Tags, t)
		}
	}
	name, aliases := g.name()
	c.Person = cases.Person{
		Name:        name,
		Pseudonym:   g.chance(0.2),
		Aliases:     aliases,
		Sex:         cases.SexMale,
		Phones:      []string{g.phone()},
		Region:      g.pick(genRegions),
		RecruitedBy: g.pick(genRecruit),
		RecruitedOn: cases.MonthDate(recruited.Year(), recruited.Month()),
	}
	if g.chance(0.8) {
		c.Person.BirthDate = cases.YearDate(1965 + g.r.IntN(40))
	}
	if g.chance(0.3) {
		c.Person.Features = g.pick(genFeatures)
	}
	if g.chance(0.3) {
		c.Person.Phones = append(c.Person.Phones, g.phone())
	}
	c.Person.Handles = []cases.Handle{{Channel: cases.ChannelWhatsApp, Value: cases.NormalizePhone(c.Person.Phones[0])}}
	if g.chance(0.4) {
		c.Person.Handles = append(c.Person.Handles, cases.Handle{Channel: cases.ChannelTelegram,
			Value: fmt.Sprintf("@%s%d", strings.ToLower(transliterate(strings.Fields(name)[0])), g.r.IntN(1000))})
	}
	if g.chance(0.6) {
		n := 1 + g.r.IntN(60)
		if g.chance(0.5) {
			c.Person.Facility = fmt.Sprintf("ИК-%d, %s", n, g.pick(genColonies))
		} else {
			c.Person.Facility = fmt.Sprintf("IK-%d, %s", n, g.pick(genColonies))
		}
		c.Tags = append(c.Tags, "colony-recruit")
	} else {
		c.Person.Unit = fmt.Sprintf("в/ч %05d", 10000+g.r.IntN(90000))
	}
	for range 1 + g.r.IntN(2) {
		c.Reporters = append(c.Reporters, cases.Reporter{
			Name: g.pick(genWomen), Pseudonym: g.chance(0.6), Relation: g.pick(genRelation),
			Contact: "Signal only, evenings", Consent: cases.AllConsents[g.r.IntN(len(cases.AllConsents))],
			Language: g.pick([]string{"ru", "uk", "ru", "en"}),
		})
	}
	at := recruited
	for range 2 + g.r.IntN(7) {
		at = g.date(at, 40)
		e := cases.Event{
			Date:         cases.DayDate(at.Year(), at.Month(), at.Day()),
			Type:         cases.EventType(g.pick(eventTypeWeights)),
			Channel:      cases.AllChannels[g.r.IntN(len(cases.AllChannels))],
			Text:         g.pick(genMessages),
			Source:       g.pick(genSources),
			Verification: cases.AllVerifications[g.r.IntN(len(cases.AllVerifications))],
		}
		switch {
		case g.chance(0.2):
			e.From = g.shared[g.r.IntN(len(g.shared))]
		case g.chance(0.4):
			e.From = g.phone()
		}
		if g.chance(0.3) {
			e.Place = g.pick(genPlaces)
		}
		if g.chance(0.15) {
			e.Date, e.Approx = cases.MonthDate(at.Year(), at.Month()), true
		}
		c.Events = append(c.Events, e)
	}
	for range g.r.IntN(3) {
		pl := cases.Place{Date: cases.DayDate(at.Year(), at.Month(), at.Day()), Name: g.pick(genPlaces),
			Kind: cases.AllPlaceKinds[g.r.IntN(len(cases.AllPlaceKinds))], Region: g.pick(genRegions),
			Source: g.pick(genSources), Confidence: cases.AllConfidences[g.r.IntN(len(cases.AllConfidences))]}
		if g.chance(0.3) {
			lat, lon := 44+g.r.Float64()*8, 33+g.r.Float64()*8
			pl.Lat, pl.Lon = &lat, &lon
		}
		c.Places = append(c.Places, pl)
	}
	if g.chance(0.6) {
		amount := float64(100000 + 5000*g.r.IntN(40))
		c.Promises = append(c.Promises, cases.Promise{What: "monthly pay", Amount: &amount, Currency: "RUB", By: "recruiters"})
	}
	if g.chance(0.4) {
		c.Promises = append(c.Promises, cases.Promise{What: "pardon after six months", By: "recruiters"})
	}
	if g.chance(0.3) {
		c.Notes = "Mother was keen at first; since he vanished from messengers she is beside herself."
	}
	c.CreatedAt = g.date(recruited, 60).Truncate(time.Second)
	c.UpdatedAt = g.date(c.CreatedAt, 300).Truncate(time.Second)
	c.UpdatedBy = c.AssignedTo
	return c
}

// eventTypeWeights makes messages and calls more common than other events.
var eventTypeWeights = func() []string {
	var w []string
	for _, t := range cases.AllEventTypes {
		if t == cases.EventFoundOnList {
			continue // added later: leaving it out keeps the cases of every seed as they were
		}
		w = append(w, string(t))
		if t == cases.EventMessageReceived || t == cases.EventCall {
			w = append(w, string(t), string(t), string(t))
		}
	}
	return w
}()
