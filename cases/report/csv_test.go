package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/report"
	"kintrace/cases/search"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	data, ok := bytes.CutPrefix(data, []byte("\ufeff"))
	if !ok {
		t.Error("CSV lacks the UTF-8 byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("reading the CSV back: %v", err)
	}
	return rows
}

func TestCaseList(t *testing.T) {
	c := exampleCase(t)
	o := c.Overview()
	evil := cases.Overview{Number: "KT-X-0002", Name: "=HYPERLINK(\"http://x\")", Status: cases.StatusOpen,
		Phones: []string{"+7 900 000-00-00", "8 900"}}
	cols, err := report.ParseColumns("number, name,status,phones,last_contact,last_sign_of_life,verifications")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.CaseList(&buf, []cases.Overview{o, evil}, cols, report.Options{Lang: report.Russian}); err != nil {
		t.Fatal(err)
	}
	got := readCSV(t, buf.Bytes())
	want := [][]string{
		{"Номер дела", "Имя", "Статус", "Номера телефонов", "Последняя подтверждённая связь", "Последний признак жизни (не подтверждён)", "Уровни проверки"},
		{"KT-2022-0007", "Сергей Павлович Лебедев (псевдоним)", "связь потеряна", "'+7 912 555-01-23", "", "2022-07-10",
			"не проверено; подкреплено"},
		{"KT-X-0002", "'=HYPERLINK(\"http://x\")", "открыто", "'+7 900 000-00-00; 8 900", "", "", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CSV =\n%q\nwant\n%q", got, want)
	}
	if _, err := report.ParseColumns("number,shoe_size"); !errors.Is(err, report.ErrColumn) {
		t.Errorf("ParseColumns of an unknown column = %v, want ErrColumn", err)
	}
	def, err := report.ParseColumns("")
	if err != nil || !reflect.DeepEqual(def, report.DefaultColumns) {
		t.Errorf("ParseColumns(\"\") = %v, %v", def, err)
	}
}

// markerCase is a case in which every name, number and free text is a
// unique marker string, so a leak can be found by searching for "MRK".
func markerCase(i int, facility, region string) cases.Case {
	m := func(field string) string { return fmt.Sprintf("MRK%d%s", i, field) }
	last := cases.DayDate(2022, time.Month(1+i%12), 1+i%27)
	c := cases.Case{
		Status:     cases.AllStatuses[i%len(cases.AllStatuses)],
		Priority:   cases.PriorityHigh,
		Tags:       []string{m("tag")},
		AssignedTo: m("advocate"),
		Person: cases.Person{Name: m("name"), Aliases: []string{m("alias")}, Features: m("features"),
			Phones: []string{fmt.Sprintf("+7 900 %07d", 1000000+i)}, Handles: []cases.Handle{{Channel: cases.ChannelTelegram, Value: m("handle")}},
			Facility: facility, Region: region, Unit: m("unit"), RecruitedBy: m("recruiter")},
		Reporters: []cases.Reporter{{Name: m("reporter"), Relation: m("relation"), Contact: m("contact"),
			Safety: m("safety"), Consent: cases.ConsentInternal}},
		Events: []cases.Event{{Date: last, Type: cases.EventMessageReceived, Channel: cases.ChannelWhatsApp,
			From: fmt.Sprintf("+7 999 %07d", 2000000+i), Text: m("text"), Place: m("eventplace"), Source: m("source"),
			Verification: cases.VerificationUnverified}},
		Places:   []cases.Place{{Name: m("place"), Region: m("placeregion"), Source: m("placesource")}},
		Promises: []cases.Promise{{What: m("promise"), By: m("by")}},
		Notes:    m("notes"),
	}
	if i%2 == 0 {
		// Every other case had a call that a case worker recognised as
		// his: a confirmed contact. The others only had the message from
		// an unknown number.
		c.Events = append(c.Events, cases.Event{Date: last, Type: cases.EventCall, Channel: cases.ChannelPhone,
			Verification: cases.VerificationConfirmed, Origin: cases.OriginPerson, ConfirmedBy: cases.ConfirmedByVoice})
	}
	return c
}

func TestStatisticsHoldNoMarkers(t *testing.T) {
	restore := crypto.UseInsecureKDFForTests()
	defer restore()
	ctx := context.Background()
	v, _, err := vault.Create(filepath.Join(t.TempDir(), "stats.kintrace"), []byte("pass phrase"), vault.CreateOptions{Owner: "MRKowner"})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	var cs []cases.Case
	for i := range 40 {
		facility, region := "IK-17, Mordovia", "Republic of Mordovia"
		switch {
		case i%8 == 4:
			region = "Мордовия"
		case i%4 == 1:
			facility, region = "ИК-17, Мордовия", "Ростовская обл."
		case i%4 == 2:
			// A facility and region of one case only: a marker each, which
			// the small-count rule must hide.
			facility, region = fmt.Sprintf("MRK%dfacility", i), fmt.Sprintf("MRK%dregion", i)
		case i%4 == 3:
			facility, region = "", ""
		}
		cs = append(cs, markerCase(i, facility, region))
	}
	if _, err := v.AddAll(ctx, cs); err != nil {
		t.Fatalf("AddAll: %v", err)
	}
	var buf bytes.Buffer
	if err := report.Statistics(&buf, v.Search(search.Query{}), report.StatsOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, leak := range []string{"MRK", "+7", "900", "999", "KT-"} {
		if strings.Contains(out, leak) {
			t.Errorf("statistics contain %q:\n%s", leak, out)
		}
	}
	// The detector works: with the small-count rule off, the one-case
	// facilities show.
	var all bytes.Buffer
	if err := report.Statistics(&all, v.Search(search.Query{}), report.StatsOptions{MinCount: 1}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(all.String(), "MRK2facility") {
		t.Error("with MinCount 1 the one-case facility is missing")
	}
	rows := readCSV(t, buf.Bytes())
	counts := map[string]string{}
	for _, r := range rows {
		if len(r) != 3 {
			t.Fatalf("row %q has %d cells, want 3", r, len(r))
		}
		counts[r[0]+"|"+r[1]] = r[2]
	}
	for key, want := range map[string]string{
		"all cases|":                                      "40",
		"status|open":                                     "5",
		"status|contact lost":                             "5",
		"facility|IK-17, Mordovia":                        "20", // both spellings fold alike
		"facility|other (fewer than 3 cases each)":        "10",
		"facility|not recorded":                           "10",
		"region|Mordovia":                                 "10", // one gazetteer region, in English
		"region|Rostov Oblast":                            "10",
		"month of last confirmed contact|2022-01":         "4",
		"month of last confirmed contact|never confirmed": "20",
		"unconfirmed sign of life since the last confirmed contact|": "20",
	} {
		if counts[key] != want {
			t.Errorf("count %s = %q, want %q", key, counts[key], want)
		}
	}
}

func TestSummaryText(t *testing.T) {
	c := exampleCase(t)
	c.Events = append(c.Events, cases.Event{Date: cases.DayDate(2022, 9, 1), Type: cases.EventOfficialReply,
		Channel: cases.ChannelLetter, Text: "The Ministry of Defence has no information.", Source: "Оксана",
		Verification: cases.VerificationConfirmed},
		cases.Event{Date: cases.DayDate(2024, 5, 12), Type: cases.EventFoundOnList, Text: "POW list 3: Лебедев С.П., 1987 г.р.",
			Source: "Telegram", Verification: cases.VerificationUnverified, Origin: cases.OriginDocument})
	tests := []struct {
		lang    report.Lang
		profile cases.Redaction
		want    []string
		never   []string
	}{
		{report.English, cases.RedactPublicOnly, []string{
			"SUBMISSION SUMMARY — KT-2022-0007", "Current status of the case: contact lost",
			"Name: Сергей Павлович Лебедев (pseudonym)",
			"No contact from him has been confirmed.",
			"Last sign of life (unconfirmed): 10 July 2022, Message received, WhatsApp, From: +7 999 000-44-17",
			"someone claiming to be him; unverified)",
			"Contact lost: approx. July 2022", "Recruited or transferred by: private military company, July 2022",
			"Facility: IK-17, Mordovia, Republic of Mordovia",
			"Official reply: 1 September 2022, Official reply, letter: The Ministry of Defence has no information.",
			"Found on a list: 12 May 2024",
			"Reporter: [withheld], half-sister, must not be named", "Sources of the timeline: reporter; [withheld]",
		}, []string{"Оксана", "Signal only", "hostile"}},
		{report.Russian, cases.RedactNone, []string{
			"Текущий статус дела: связь потеряна", "Последний признак жизни (не подтверждён): 10 июля 2022",
			"Заявитель: Оксана, half-sister, не называть",
		}, nil},
		{report.Ukrainian, cases.RedactReporterIdentity, []string{"Поточний статус справи: зв'язок втрачено",
			"Заявник: [приховано], half-sister"}, []string{"Оксана"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang)+"-"+string(tt.profile), func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.SummaryText(&buf, c, report.Options{Lang: tt.lang, Profile: tt.profile, Now: prepared}); err != nil {
				t.Fatal(err)
			}
			text := buf.String()
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("summary lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tt.never {
				if strings.Contains(text, w) {
					t.Errorf("summary shows %q", w)
				}
			}
		})
	}
}

func TestSummaryPDF(t *testing.T) {
	c := exampleCase(t)
	var buf bytes.Buffer
	if err := report.SummaryPDF(&buf, c, report.Options{Lang: report.Russian, Now: prepared}); err != nil {
		t.Fatal(err)
	}
	text := squash(pdfText(t, buf.Bytes()))
	for _, w := range []string{"КРАТКОЕ ИЗЛОЖЕНИЕ ДЛЯ ОБРАЩЕНИЯ", "Сергей Павлович Лебедев", "1. Исчезнувший человек",
		"private military company", "Стр. 1 из 1", "[скрыто]"} {
		if !strings.Contains(text, squash(w)) {
			t.Errorf("summary PDF lacks %q", w)
		}
	}
	if strings.Contains(text, "Оксана") {
		t.Error("summary PDF in the default profile names a reporter without public consent")
	}
}

func TestOptionsRejected(t *testing.T) {
	c := exampleCase(t)
	if err := report.SummaryText(&bytes.Buffer{}, c, report.Options{Lang: "de"}); !errors.Is(err, report.ErrLang) {
		t.Errorf("Lang de: %v, want ErrLang", err)
	}
	if err := report.SummaryText(&bytes.Buffer{}, c, report.Options{Profile: "none"}); !errors.Is(err, cases.ErrUnknownRedaction) {
		t.Errorf("Profile none: %v, want ErrUnknownRedaction", err)
	}
	for in, want := range map[string]report.Lang{"": report.English, "ru_RU.UTF-8": report.Russian, "uk-UA": report.Ukrainian} {
		if got, err := report.ParseLang(in); err != nil || got != want {
			t.Errorf("ParseLang(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// TestLabelsComplete checks that every enumeration value has a label in
// every language, distinct from the English one where it should differ.
func TestLabelsComplete(t *testing.T) {
	enums := map[string][]string{}
	for _, s := range cases.AllStatuses {
		enums["status"] = append(enums["status"], string(s))
	}
	for _, e := range cases.AllEventTypes {
		enums["event"] = append(enums["event"], string(e))
	}
	for _, v := range cases.AllVerifications {
		enums["verification"] = append(enums["verification"], string(v))
	}
	for _, k := range cases.AllPlaceKinds {
		enums["place_kind"] = append(enums["place_kind"], string(k))
	}
	for _, c := range cases.AllChannels {
		enums["channel"] = append(enums["channel"], string(c))
	}
	for _, c := range report.AllColumns {
		enums["csv"] = append(enums["csv"], string(c))
	}
	for _, lang := range report.Langs {
		l := report.LabelsFor(lang)
		for kind, values := range enums {
			for _, v := range values {
				if got := l.T(kind + "." + v); got == kind+"."+v || got == "" {
					t.Errorf("%s: no label for %s.%s", lang, kind, v)
				}
			}
		}
		if lang != report.English && l.T("section.timeline") == report.LabelsFor(report.English).T("section.timeline") {
			t.Errorf("%s: labels are English", lang)
		}
	}
}

// TestNoFyne enforces that report and pfif, like all of cases, do not
// depend on Fyne.
func TestNoFyne(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found")
	}
	out, err := exec.Command(goBin, "list", "-deps", "kintrace/cases/report", "kintrace/cases/pfif").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "fyne.io/") {
			t.Errorf("depends on %s", dep)
		}
	}
}
