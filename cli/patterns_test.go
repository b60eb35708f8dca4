package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

const patternCasesJSON = `{"format":1,"cases":[
 {"number":"KT-T-0001","status":"contact_lost","person":{"name":"Сергей Павлович Лебедев","birth_date":"1987",
   "facility":"ИК-17, Мордовия","phones":["+7 912 555-01-23"]},
  "events":[{"date":"2022-07-10","type":"message_received","channel":"whatsapp","from":"+7 999 000-44-17","text":"Просит копию паспорта"}]},
 {"number":"KT-T-0002","status":"open","person":{"name":"Serhiy Lebedev","birth_date":"1987","facility":"IK17"},
  "events":[{"date":"2022-08-01","type":"call","channel":"phone","from":"8 (999) 000-44-17","text":"An accountant called"}]},
 {"number":"KT-T-0003","status":"open","person":{"name":"Taras Shevchuk","unit":"в/ч 12345"}},
 {"number":"KT-T-0004","status":"open","person":{"name":"Павел Морозов","unit":"military unit 12345"}}]}`

func TestPatternCommands(t *testing.T) {
	_, envv := newTestVault(t)
	if code, _, errs := run(t, envv, patternCasesJSON, "case", "add", "--json", "-"); code != 0 {
		t.Fatalf("case add: %s", errs)
	}

	code, out, errs := run(t, envv, "", "links", "KT-T-0001")
	if code != 0 {
		t.Fatalf("links: %d %s", code, errs)
	}
	for _, s := range []string{"phone +79990004417", "KT-T-0002", "8 (999) 000-44-17", "facility IK-17"} {
		if !strings.Contains(out, s) {
			t.Errorf("links lacks %q:\n%s", s, out)
		}
	}
	if strings.Contains(out, "KT-T-0003") {
		t.Errorf("links names an unrelated case:\n%s", out)
	}

	_, out, _ = run(t, envv, "", "shared", "--kind", "unit", "--json")
	var sh []struct {
		Kind, Identifier string
		Count            int
		Cases            []string
	}
	if err := json.Unmarshal([]byte(out), &sh); err != nil {
		t.Fatalf("shared --json: %v\n%s", err, out)
	}
	if len(sh) != 1 || sh[0].Identifier != "12345" || sh[0].Count != 2 || strings.Join(sh[0].Cases, ",") != "KT-T-0003,KT-T-0004" {
		t.Errorf("shared units: %+v", sh)
	}
	// First and last seen are the dates of the events that mention the
	// number, not of the cases' saves.
	_, out, _ = run(t, envv, "", "shared", "--kind", "phone", "--json")
	var phones []struct {
		Identifier string
		FirstSeen  string `json:"first_seen"`
		LastSeen   string `json:"last_seen"`
	}
	if err := json.Unmarshal([]byte(out), &phones); err != nil {
		t.Fatalf("shared --kind phone --json: %v\n%s", err, out)
	}
	if len(phones) != 1 || phones[0].FirstSeen != "2022-07-10" || phones[0].LastSeen != "2022-08-01" {
		t.Errorf("shared phones: %+v, want seen 2022-07-10 – 2022-08-01", phones)
	}
	_, out, _ = run(t, envv, "", "shared", "--min", "2")
	for _, s := range []string{"+79990004417", "IK-17", "12345", "KT-T-0001, KT-T-0002"} {
		if !strings.Contains(out, s) {
			t.Errorf("shared lacks %q:\n%s", s, out)
		}
	}
	if code, _, errs := run(t, envv, "", "shared", "--kind", "colour"); code != 2 || !strings.Contains(errs, "unknown kind") {
		t.Errorf("shared --kind colour: %d %s", code, errs)
	}

	_, out, _ = run(t, envv, "", "duplicates")
	if !strings.Contains(out, "KT-T-0001") || !strings.Contains(out, "KT-T-0002") || !strings.Contains(out, "same birth year (1987) +25") {
		t.Errorf("duplicates:\n%s", out)
	}
	if code, _, errs := run(t, envv, "", "duplicates", "--not-same", "KT-T-0001", "KT-T-0002"); code != 0 {
		t.Fatalf("duplicates --not-same: %s", errs)
	}
	if _, out, _ = run(t, envv, "", "duplicates"); strings.Contains(out, "KT-T-0002") {
		t.Errorf("a pair marked not the same person is suggested:\n%s", out)
	}

	code, out, errs = run(t, envv, "", "merge", "KT-T-0004", "KT-T-0003")
	if code != 0 || !strings.Contains(out, "Merged KT-T-0004 into KT-T-0003") {
		t.Fatalf("merge: %d %s %s", code, out, errs)
	}
	if _, out, _ = run(t, envv, "", "case", "list"); strings.Contains(out, "KT-T-0004") {
		t.Errorf("the merged case is still listed:\n%s", out)
	}
	if code, _, errs := run(t, envv, "", "merge", "KT-T-0004", "KT-T-0001"); code != 1 || !strings.Contains(errs, "already merged") {
		t.Errorf("merging a merged case: %d %s", code, errs)
	}
	code, out, errs = run(t, envv, "", "merge", "--undo", "KT-T-0003")
	if code != 0 || !strings.Contains(out, "Merge undone") {
		t.Fatalf("merge --undo: %d %s %s", code, out, errs)
	}
	if _, out, _ = run(t, envv, "", "case", "list"); !strings.Contains(out, "KT-T-0004") {
		t.Errorf("after undo the case is not listed:\n%s", out)
	}
	if code, _, errs := run(t, envv, "", "merge", "--undo", "KT-T-0003"); code != 1 || !strings.Contains(errs, "no merge") {
		t.Errorf("second undo: %d %s", code, errs)
	}
}
