package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMatchCommand(t *testing.T) {
	_, envv := newTestVault(t)
	if code, _, errs := run(t, envv, patternCasesJSON, "case", "add", "--json", "-"); code != 0 {
		t.Fatalf("case add: %s", errs)
	}
	dir := t.TempDir()
	list := filepath.Join(dir, "pow-list.txt")
	os.WriteFile(list, []byte("Список военнопленных\n1. LEBEDEV Sergei P., 12.03.1987, Luhansk\n2. Гайдамака Остап 1990\n"), 0o600)

	code, out, errs := run(t, envv, "", "match", list)
	if code != 0 || !strings.Contains(out, "KT-T-0001") || !strings.Contains(out, "same name +50; patronymic initial fits") || strings.Contains(out, "Гайдамака") {
		t.Fatalf("match: %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(errs, "Lines read: 3; likely pairs: ") {
		t.Errorf("count: %s", errs)
	}
	code, out, _ = run(t, envv, "", "match", list, "--json", "--min-score", "90")
	var pairs []matchPairJSON
	if code != 0 || json.Unmarshal([]byte(out), &pairs) != nil || len(pairs) != 0 {
		t.Fatalf("--min-score 90: %s", out)
	}
	_, out, _ = run(t, envv, "", "match", list, "--json")
	if json.Unmarshal([]byte(out), &pairs) != nil || len(pairs) == 0 || pairs[0].Row != 2 || pairs[0].Case != "KT-T-0001" ||
		pairs[0].Line != "1. LEBEDEV Sergei P., 12.03.1987, Luhansk" {
		t.Fatalf("--json: %s", out)
	}

	decisions := filepath.Join(dir, "decisions.json")
	os.WriteFile(decisions, []byte(`{"list":"POW list 3","date":"2024-05-12","decisions":[
		{"row":2,"case":"KT-T-0001","verdict":"same"},{"row":2,"case":"KT-T-0002","verdict":"not_same"}]}`), 0o600)
	code, out, errs = run(t, envv, "", "match", list, "--record", decisions, "--status", "detained", "--keep-list")
	if code != 0 || !strings.Contains(out, "Recorded: 1 new events, 0 already in their case, 1 status changes, the list kept in 1 cases.") {
		t.Fatalf("--record: %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = run(t, envv, "", "match", list, "--record", decisions)
	if code != 0 || !strings.Contains(out, "Recorded: 0 new events, 1 already in their case, 0 status changes") {
		t.Fatalf("--record again: %s", out)
	}
	_, out, _ = run(t, envv, "", "case", "show", "--json", "KT-T-0001")
	if strings.Count(out, `"found_on_list"`) != 1 || !strings.Contains(out, `"POW list 3: 1. LEBEDEV Sergei P., 12.03.1987, Luhansk"`) ||
		!strings.Contains(out, `"detained"`) {
		t.Errorf("case after recording:\n%s", out)
	}

	os.WriteFile(decisions, []byte(`{"decisions":[{"row":40,"case":"KT-T-0001","verdict":"same"}]}`), 0o600)
	if code, _, errs = run(t, envv, "", "match", list, "--record", decisions); code == 0 || !strings.Contains(errs, "a decision names a row") {
		t.Errorf("unknown row: %d %s", code, errs)
	}
	os.WriteFile(decisions, []byte(`{"decisions":[{"row":2,"case":"KT-T-0001","verdict":"yes, Лебедев"}]}`), 0o600)
	if code, _, errs = run(t, envv, "", "match", list, "--record", decisions); code == 0 || strings.Contains(errs, "Лебедев") {
		t.Errorf("bad verdict: %d %s", code, errs)
	}
	if code, _, _ = run(t, envv, "", "match", list, "--status", "detained"); code == 0 {
		t.Error("--status without --record accepted")
	}
}
