package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"

	"kintrace/cases"
)

// tourCasework captures the Today view and the case editor's Requests tab
// for the documentation's screenshots. The first time it gives three demo
// cases requests and follow-ups dated around today (the next language
// finds them there).
func tourCasework(u *UI, code string, shot func(name string) error) error {
	finish := func() {
		u.work.Wait()
		fyne.DoAndWait(func() {})
	}
	var first string
	var err error
	fyne.DoAndWait(func() {
		if u.desk == nil {
			u.showDesk()
		}
		first, err = tourCaseworkData(u)
	})
	if err != nil {
		return err
	}
	fyne.DoAndWait(u.showTodayNow)
	if err := shot("today-" + code); err != nil {
		return err
	}
	fyne.DoAndWait(func() { u.openCaseAt(first, sectionRequests) })
	finish()
	if err := shot("editor-requests-" + code); err != nil {
		return err
	}
	fyne.DoAndWait(func() { u.openCaseAt(first, sectionFollowUps) })
	if err := shot("editor-followups-" + code); err != nil {
		return err
	}
	fyne.DoAndWait(u.showDesk)
	return nil
}

// tourCaseworkData adds the tour's requests and follow-ups to the first
// three demo cases in the list, once, and returns the first case's id.
func tourCaseworkData(u *UI) (string, error) {
	list := u.desk.results
	if len(list) < 3 {
		return "", fmt.Errorf("app: tour: too few demo cases")
	}
	ctx := context.Background()
	now := u.clock.Now()
	d := func(days int) cases.Date { return todayDate(now.AddDate(0, 0, days)) }
	for i, o := range list[:3] {
		c, err := u.vault.Get(ctx, o.ID)
		if err != nil {
			return "", err
		}
		if len(c.Requests) > 0 {
			continue // done in an earlier language
		}
		switch i {
		case 0:
			c.AssignedTo = "Марина"
			c.Requests = []cases.Request{
				{AuthorityKind: cases.AuthorityPrisonService, Authority: "УФСИН России по Республике Мордовия", Via: cases.ViaPost,
					Subject: "Куда этапирован осуждённый из ФКУ ИК-17?", Applicant: "Оксана Лебедева", SentOn: d(-44),
					Reference: "RA644812937RU", Deadline: cases.DefaultDeadline(cases.AuthorityPrisonService, d(-44)), Status: cases.RequestSent},
				{AuthorityKind: cases.AuthorityICRC, Authority: "ICRC Moscow, tracing", Via: cases.ViaEmail, SentOn: d(-12),
					Subject: "Tracing request: is he listed as a prisoner of war?", Status: cases.RequestSent},
				{AuthorityKind: cases.AuthorityMilitaryProsecutor, Authority: "Военная прокуратура Южного военного округа", Via: cases.ViaForm,
					SentOn: d(-70), Deadline: cases.DefaultDeadline(cases.AuthorityMilitaryProsecutor, d(-70)), Status: cases.RequestAnswered,
					AnsweredOn: d(-38), Answer: "Обращение направлено по принадлежности в в/ч 22179."},
			}
			c.FollowUps = []cases.FollowUp{
				{Due: d(-2), Owner: "Марина", Note: "Позвонить матери после ответа ФСИН"},
				{Due: d(3), Owner: "Павел", Note: "Check the hospital list of the 12th"},
			}
		case 1:
			c.AssignedTo = "Павел"
			c.FollowUps = []cases.FollowUp{{Due: d(0), Owner: "Павел", Note: "Ask the lawyer about the answer of the unit"}}
			c.Requests = []cases.Request{{AuthorityKind: cases.AuthorityMilitaryUnit, Authority: "в/ч 22179", Via: cases.ViaPost,
				SentOn: d(-35), Deadline: cases.DefaultDeadline(cases.AuthorityMilitaryUnit, d(-35)), Status: cases.RequestSent}}
		case 2:
			c.FollowUps = []cases.FollowUp{{Due: d(-1), Owner: "Марина", Note: "Send the ombudsperson's form again"}}
			c.Requests = []cases.Request{{AuthorityKind: cases.AuthorityOmbudsperson, SentOn: d(-5), Status: cases.RequestDraft}}
		}
		c.AssignCaseworkIDs()
		if _, err := u.vault.Update(ctx, c); err != nil {
			return "", err
		}
	}
	return list[0].ID, nil
}
