package cases_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"kintrace/cases"
)

func caseworkCase() cases.Case {
	return cases.Case{
		Status: cases.StatusContactLost, Number: "KT-1", ID: "C1", AssignedTo: "Marina",
		Person: cases.Person{Name: "Сергей Лебедев"},
		Requests: []cases.Request{{
			ID: "R1", AuthorityKind: cases.AuthorityPrisonService, Authority: "УФСИН по Республике Мордовия",
			Via: cases.ViaPost, Subject: "where was he transferred", Applicant: "Оксана Лебедева",
			ApplicantContact: "Signal +7 900 000-00-00", SentOn: "2024-03-01", Reference: "RA123456789RU",
			Status: cases.RequestSent, Attachments: []string{"A1"},
		}},
		FollowUps: []cases.FollowUp{{ID: "F1", Due: "2024-03-20", Owner: "Pavel", Note: "call the mother"},
			{ID: "F2", Due: "2024-03-05", Note: "done already", Done: true}},
	}
}

func TestDefaultDeadline(t *testing.T) {
	for _, tc := range []struct {
		kind cases.AuthorityKind
		sent cases.Date
		want cases.Date
	}{
		{cases.AuthorityPrisonService, "2024-03-01", "2024-03-31"},
		{cases.AuthorityMilitaryProsecutor, "2024-12-15", "2025-01-14"},
		{cases.AuthorityICRC, "2024-03-01", ""}, // no legal term
		{cases.AuthorityCourt, "2024-03", ""},   // not known to the day
		{cases.AuthorityHospital, "", ""},
	} {
		if got := cases.DefaultDeadline(tc.kind, tc.sent); got != tc.want {
			t.Errorf("DefaultDeadline(%s, %q) = %q, want %q", tc.kind, tc.sent, got, tc.want)
		}
	}
	for _, k := range cases.AllAuthorityKinds {
		if k != cases.AuthorityICRC && cases.LegalTermDays(k) != 30 {
			t.Errorf("%s: term %d days", k, cases.LegalTermDays(k))
		}
	}
}

func TestRequestOverdue(t *testing.T) {
	r := caseworkCase().Requests[0]
	day := func(d int) time.Time { return time.Date(2024, 3, d, 15, 0, 0, 0, time.UTC) }
	if r.Due() != "2024-03-31" {
		t.Fatalf("due %q", r.Due())
	}
	if r.StatusAt(day(31)) != cases.RequestSent {
		t.Error("overdue on the due day itself")
	}
	if r.StatusAt(day(31).Add(10*time.Hour)) != cases.RequestOverdue {
		t.Error("not overdue the day after the deadline")
	}
	r.Deadline = "2024-04-30" // an extension
	if r.OverdueAt(day(31).Add(48 * time.Hour)) {
		t.Error("overdue although the deadline was moved")
	}
	r.Status = cases.RequestAnswered
	if r.StatusAt(day(31).AddDate(1, 0, 0)) != cases.RequestAnswered {
		t.Error("an answered request became overdue")
	}
}

func TestCaseworkJSONRoundTrip(t *testing.T) {
	c := caseworkCase()
	data, err := cases.EncodeCases([]cases.Case{c})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{`"requests"`, `"followups"`, `"authority_kind": "prison_service"`,
		`"sent_on": "2024-03-01"`, `"applicant_contact"`, `"format": 2`} {
		if !strings.Contains(string(data), name) {
			t.Errorf("encoding lacks %s:\n%s", name, data)
		}
	}
	got, err := cases.DecodeCases(data)
	if err != nil || len(got) != 1 {
		t.Fatal(err)
	}
	if d := cases.Diff(c, got[0]); len(d) != 0 {
		t.Errorf("round trip changed %v", d)
	}
}

func TestCaseworkValidation(t *testing.T) {
	bad := caseworkCase()
	bad.Requests = append(bad.Requests,
		cases.Request{AuthorityKind: "kgb", Status: cases.RequestOverdue, Via: "pigeon"},
		cases.Request{ID: "R1", AuthorityKind: cases.AuthorityCourt, Status: cases.RequestSent, SentOn: "2024-05-01", Deadline: "2024-04-01"})
	bad.FollowUps = append(bad.FollowUps, cases.FollowUp{Note: " "})
	err := bad.Validate()
	var ve cases.ValidationErrors
	if !errors.As(err, &ve) {
		t.Fatalf("Validate = %v", err)
	}
	var paths []string
	for _, e := range ve {
		paths = append(paths, e.Path)
	}
	for _, want := range []string{"requests[1].authority_kind", "requests[1].via", "requests[1].status",
		"requests[2].id", "requests[2].deadline", "followups[2].due", "followups[2].note"} {
		if !slices.Contains(paths, want) {
			t.Errorf("no problem at %s in %v", want, ve)
		}
	}
	// A format 1 file may not hold the new sections.
	_, err = cases.DecodeCases([]byte(`{"format":1,"cases":[{"status":"open","person":{"name":"A"},"followups":[{"due":"2024-01-01","note":"x"}]}]}`))
	if err == nil || !strings.Contains(err.Error(), "cases[0].followups: needs case file format 2") {
		t.Errorf("format 1 with followups: %v", err)
	}
	// Unknown fields in a request are refused.
	_, err = cases.DecodeCases([]byte(`{"status":"open","person":{"name":"A"},"requests":[{"authority_kind":"icrc","status":"draft","to":"x"}]}`))
	if err == nil || !strings.Contains(err.Error(), "requests[0].to: unknown field") {
		t.Errorf("unknown request field: %v", err)
	}
}

func TestCaseworkRedaction(t *testing.T) {
	c := caseworkCase()
	for _, red := range []cases.Redaction{cases.RedactReporterIdentity, cases.RedactPublicOnly} {
		got := red.Apply(c)
		if r := got.Requests[0]; r.Applicant != "" || r.ApplicantContact != "" || r.Authority == "" || r.Reference == "" {
			t.Errorf("%s: %+v", red, r)
		}
	}
	if c.Requests[0].Applicant == "" {
		t.Error("Apply changed the caller's request")
	}
	if got := cases.RedactNone.Apply(c); got.Requests[0].ApplicantContact == "" {
		t.Error("full profile dropped the applicant")
	}
}

func TestCaseworkOverviewAndToday(t *testing.T) {
	c := caseworkCase()
	o := c.Overview()
	if f, ok := o.NextFollowUp(); !ok || f.ID != "F1" || len(o.FollowUps) != 1 {
		t.Errorf("next follow-up %+v (%d open)", f, len(o.FollowUps))
	}
	now := time.Date(2024, 4, 2, 9, 0, 0, 0, time.UTC)
	if o.OverdueRequests(now) != 1 || o.OverdueRequests(now.AddDate(0, 0, -3)) != 0 {
		t.Error("overdue requests")
	}
	quiet := cases.Case{ID: "C2", Number: "KT-2", Status: cases.StatusLocated, Person: cases.Person{Name: "B"},
		FollowUps: []cases.FollowUp{{ID: "F9", Due: "2024-05-01", Note: "not yet"}}}
	oq := quiet.Overview()
	b := cases.NewTodayBuilder(now, 0, 0)
	b.Add(&o)
	b.Add(&oq)
	today := b.Today()
	var kinds []cases.TodayKind
	rows := today.Rows()
	for _, r := range rows {
		kinds = append(kinds, r.Kind)
	}
	want := []cases.TodayKind{cases.TodayFollowUp, cases.TodayRequest, cases.TodaySilence}
	if !slices.Equal(kinds, want) {
		t.Fatalf("rows %v, want %v", kinds, want)
	}
	if r := rows[0]; r.Owner != "Pavel" || !r.Overdue || r.ItemID != "F1" || r.CaseID != "C1" {
		t.Errorf("follow-up row %+v", r)
	}
	if len(today.ByOwner) != 2 || today.ByOwner[0].Owner != "Marina" || today.ByOwner[0].Requests != 1 ||
		today.ByOwner[1].Owner != "Pavel" || today.ByOwner[1].FollowUps != 1 {
		t.Errorf("by owner %+v", today.ByOwner)
	}
}

func TestCaseworkMergeFields(t *testing.T) {
	a, b := caseworkCase(), caseworkCase()
	b.FollowUps = nil
	var keys []string
	for _, f := range cases.MergeFields(a, b) {
		if f.Differs {
			keys = append(keys, f.Key)
		}
	}
	if !slices.Equal(keys, []string{"followups"}) {
		t.Errorf("differing fields %v", keys)
	}
	if got := cases.ConflictFields(a, b); !slices.Equal(got, []string{"followups"}) {
		t.Errorf("conflict fields %v", got)
	}
}

func TestCaseworkWarnings(t *testing.T) {
	c := caseworkCase()
	c.Requests[0].Deadline = "2034-03-01"
	c.Requests[0].AnsweredOn = ""
	ws := cases.Warnings(c, time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC))
	found := false
	for _, w := range ws {
		if w.Path == "requests[0].deadline" && w.Kind == cases.WarnFarDeadline {
			found = true
		}
	}
	if !found {
		t.Errorf("no far-deadline warning in %+v", ws)
	}
}
