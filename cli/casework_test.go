package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// runAt is run with the command line's clock at now.
func runAt(t *testing.T, now time.Time, envv map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
		getenv:     func(k string) string { return envv[k] },
		isTerminal: func() bool { return false },
		readSecret: func(string) ([]byte, error) { t.Fatal("prompted for a secret"); return nil, nil },
		now:        func() time.Time { return now }}
	code := e.main(args)
	return code, out.String(), errb.String()
}

const caseworkCasesJSON = `{"format":2,"cases":[
 {"number":"KT-W-0001","status":"contact_lost","assigned_to":"Marina","person":{"name":"Сергей Лебедев","facility":"ИК-17"},
  "events":[{"date":"2024-02-20","type":"call","channel":"phone","origin":"person","verification":"confirmed"}]},
 {"number":"KT-W-0002","status":"located","person":{"name":"Taras Shevchuk"}}]}`

func TestRequestAndTodayCommands(t *testing.T) {
	_, envv := newTestVault(t)
	if code, _, errs := run(t, envv, caseworkCasesJSON, "case", "add", "--json", "-"); code != 0 {
		t.Fatalf("case add: %s", errs)
	}
	march := time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)
	code, out, errs := runAt(t, march, envv, "request", "add", "KT-W-0001", "--to", "prison-service", "--name", "УФСИН Мордовии",
		"--sent", "01.03.2024", "--ref", "RA123", "--via", "in-person")
	if code != 0 || !strings.Contains(out, "2024-03-31") {
		t.Fatalf("request add: %d %q %s", code, out, errs)
	}
	if code, _, errs := runAt(t, march, envv, "request", "add", "KT-W-0001", "--to", "kgb", "--sent", "2024-03-01"); code != 2 ||
		!strings.Contains(errs, "prison-service") {
		t.Errorf("unknown kind: %d %s", code, errs)
	}
	if code, out, errs := runAt(t, march, envv, "followup", "add", "KT-W-0001", "--due", "2024-03-10", "--note", "call the mother",
		"--owner", "Pavel"); code != 0 || !strings.Contains(out, "2024-03-10") {
		t.Fatalf("followup add: %d %q %s", code, out, errs)
	}

	// On 5 March nothing is due: the follow-up is for the 10th, the
	// request's deadline the 31st, the last contact two weeks old.
	_, out, _ = runAt(t, march, envv, "today", "--json")
	var rows []todayRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("today --json: %v\n%s", err, out)
	}
	if len(rows) != 0 {
		t.Errorf("today on 5 March: %+v", rows)
	}
	// On 2 April everything is: the follow-up (overdue), the request past
	// its deadline, and the silence since 20 February.
	april := time.Date(2024, 4, 2, 10, 0, 0, 0, time.UTC)
	_, out, _ = runAt(t, april, envv, "today", "--json")
	rows = nil
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("today --json: %v\n%s", err, out)
	}
	var kinds []string
	for _, r := range rows {
		kinds = append(kinds, r.Kind+":"+r.Case+":"+r.Owner)
	}
	if strings.Join(kinds, ",") != "followup:KT-W-0001:Pavel,request:KT-W-0001:Marina,silence:KT-W-0001:Marina" {
		t.Errorf("today on 2 April: %v", kinds)
	}
	if !rows[0].Overdue || rows[0].Text != "call the mother" || rows[1].Due != "2024-03-31" || rows[2].SilentDays == nil || *rows[2].SilentDays != 42 {
		t.Errorf("rows: %+v", rows)
	}
	code, out, _ = runAt(t, april, envv, "today")
	if code != 0 || !strings.Contains(out, "To do today: 3") || !strings.Contains(out, "Marina: follow-ups 0, requests past deadline 1, silent cases 1") {
		t.Errorf("today:\n%s", out)
	}

	// The answer takes the request off the list.
	if code, out, errs := runAt(t, april, envv, "request", "answer", "KT-W-0001", "1", "--date", "2024-04-01", "--text", "transferred to IK-2"); code != 0 ||
		!strings.Contains(out, "answered") {
		t.Fatalf("request answer: %d %q %s", code, out, errs)
	}
	if code, _, _ := runAt(t, april, envv, "request", "answer", "KT-W-0001", "7", "--date", "2024-04-01"); code != 2 {
		t.Errorf("answer to a missing request: exit %d", code)
	}
	_, out, _ = runAt(t, april, envv, "today", "--json")
	rows = nil
	json.Unmarshal([]byte(out), &rows)
	if len(rows) != 2 || rows[0].Kind != "followup" || rows[1].Kind != "silence" {
		t.Errorf("today after the answer: %+v", rows)
	}
	if code, _, errs := runAt(t, april, envv, "followup", "done", "KT-W-0001", "1"); code != 0 {
		t.Fatalf("followup done: %s", errs)
	}
	_, out, _ = run(t, envv, "", "case", "show", "KT-W-0001")
	for _, s := range []string{"Requests:", "prison service", "transferred to IK-2", "Follow-ups:", "call the mother (done)"} {
		if !strings.Contains(out, s) {
			t.Errorf("case show lacks %q:\n%s", s, out)
		}
	}
}
