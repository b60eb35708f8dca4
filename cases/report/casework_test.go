package report_test

import (
	"bytes"
	"strings"
	"testing"

	"kintrace/cases"
	"kintrace/cases/report"
)

func caseworkExample(t *testing.T) cases.Case {
	c := exampleCase(t)
	c.Requests = []cases.Request{
		{ID: "R1", AuthorityKind: cases.AuthorityPrisonService, Authority: "UFSIN of Mordovia", Via: cases.ViaPost,
			Subject: "Where was he transferred?", Applicant: "Oksana Applicanta", ApplicantContact: "+7 901 222-33-44",
			SentOn: "2026-09-01", Reference: "RA998877665RU", Status: cases.RequestSent},
		{ID: "R2", AuthorityKind: cases.AuthorityICRC, SentOn: "2026-08-01", Status: cases.RequestAnswered,
			AnsweredOn: "2026-09-15", Answer: "No record; Oksana Applicanta was informed by phone."},
	}
	c.FollowUps = []cases.FollowUp{{ID: "F1", Due: "2026-11-30", Owner: "Marina", Note: "Call the sister after the answer"}}
	return c
}

// TestCaseFileCasework: the requests appear in every profile, with the
// derived overdue status, and the applicant only in the full profile (and
// is scrubbed from answers otherwise); follow-ups only in the full profile.
func TestCaseFileCasework(t *testing.T) {
	c := caseworkExample(t)
	for _, tc := range []struct {
		profile    cases.Redaction
		lang       report.Lang
		show, hide []string
	}{
		{cases.RedactNone, report.English, []string{"Requests to authorities", "prison service", "UFSIN of Mordovia",
			"RA998877665RU", "1 October 2026", "overdue", "answered", "Oksana Applicanta", "+7 901 222-33-44",
			"Follow-ups", "Call the sister after the answer"}, nil},
		{cases.RedactReporterIdentity, report.English, []string{"UFSIN of Mordovia", "RA998877665RU", "overdue", "[withheld] was informed"},
			[]string{"Oksana Applicanta", "+7 901 222-33-44", "Call the sister after the answer"}},
		{cases.RedactPublicOnly, report.Russian, []string{"Запросы в органы", "ФСИН", "срок истёк", "МККК"},
			[]string{"Oksana Applicanta", "+7 901 222-33-44", "Дальнейшие действия"}},
	} {
		data, _ := renderCaseFile(t, []cases.Case{c}, report.Options{Lang: tc.lang, Profile: tc.profile})
		text := squash(pdfText(t, data))
		for _, w := range tc.show {
			if !strings.Contains(text, squash(w)) {
				t.Errorf("%s %s: PDF lacks %q", tc.profile, tc.lang, w)
			}
		}
		for _, w := range tc.hide {
			if strings.Contains(text, squash(w)) {
				t.Errorf("%s %s: PDF shows %q", tc.profile, tc.lang, w)
			}
		}
	}
}

func TestCaseListCaseworkColumns(t *testing.T) {
	c := caseworkExample(t)
	o := c.Overview()
	var buf bytes.Buffer
	cols := []report.Column{report.ColNumber, report.ColNextFollowUp, report.ColOpenRequests, report.ColOverdueRequests}
	if err := report.CaseList(&buf, []cases.Overview{o}, cols, report.Options{Lang: report.English, Now: prepared}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(buf.String(), "\ufeff")), "\n")
	if len(lines) != 2 || lines[0] != "Case number,Next follow-up due,Requests awaiting an answer,Requests past deadline" ||
		strings.TrimSpace(lines[1]) != "KT-2022-0007,2026-11-30,1,1" {
		t.Errorf("CSV:\n%s", buf.String())
	}
	buf.Reset()
	if err := report.Statistics(&buf, []cases.Overview{o}, report.StatsOptions{Options: report.Options{Lang: report.English, Now: prepared}}); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"requests awaiting an answer,,1", "requests past their deadline,,1", "open follow-ups,,1"} {
		if !strings.Contains(buf.String(), w) {
			t.Errorf("statistics lack %q:\n%s", w, buf.String())
		}
	}
}
