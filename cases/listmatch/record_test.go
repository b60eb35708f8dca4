package listmatch

import (
	"strings"
	"testing"

	"kintrace/cases"
)

func TestEventAndKey(t *testing.T) {
	l, _ := ParseLine("12. Морозов А.В., 1987 г.р., ИК-17 Мордовия")
	info := Info{Name: "Список военнопленных № 3", Date: "2024-05-12", Source: "Telegram"}
	e := Event(info, l)
	if e.Type != cases.EventFoundOnList || e.Date != "2024-05-12" || e.Source != "Telegram" ||
		e.Verification != cases.VerificationUnverified || e.Origin != cases.OriginDocument ||
		e.Text != "Список военнопленных № 3: 12. Морозов А.В., 1987 г.р., ИК-17 Мордовия" {
		t.Errorf("event = %+v", e)
	}
	if err := (cases.Case{ID: "x", Person: cases.Person{Name: "n"}, Status: cases.StatusOpen, Events: []cases.Event{e}}).Validate(); err != nil {
		t.Errorf("event does not validate: %v", err)
	}
	timeline := []cases.Event{{Type: cases.EventNote, Text: e.Text}}
	if Has(timeline, e) {
		t.Error("a note with the same text counts as the list event")
	}
	again := e
	again.Date, again.Source = "2024-06-01", "other"
	if !Has(append(timeline, e), again) {
		t.Error("the same line of the same list again is not found")
	}
	if Event(Info{}, l).Source != DefaultSource {
		t.Error("no default source")
	}
}

func TestReadDecisions(t *testing.T) {
	d, err := ReadDecisions(strings.NewReader(`{"list":"L","date":"2024-05","decisions":[{"row":3,"case":"KT-1","verdict":"same"}]}`))
	if err != nil || len(d.Decisions) != 1 || d.Decisions[0].Verdict != VerdictSame {
		t.Fatalf("ReadDecisions = %+v, %v", d, err)
	}
	for _, bad := range []string{`{"decisions":[{"row":0,"case":"x","verdict":"same"}]}`, `{"decisions":[{"row":1,"case":"x","verdict":"yes"}]}`,
		`{"decisions":[],"secret":"Морозов"}`, `{"date":"May","decisions":[]}`, `[`} {
		if _, err := ReadDecisions(strings.NewReader(bad)); err == nil || strings.Contains(err.Error(), "Морозов") {
			t.Errorf("ReadDecisions(%s) = %v", bad, err)
		}
	}
}
