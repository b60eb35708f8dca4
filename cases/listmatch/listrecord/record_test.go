package listrecord

import (
	"context"
	"testing"

	"kintrace/cases"
	"kintrace/cases/listmatch"
	"kintrace/cases/vault/vaulttest"
)

// TestRecordOnce: a confirmed match adds exactly one event, the status
// only when chosen, the list once; recording again adds nothing.
func TestRecordOnce(t *testing.T) {
	ctx := context.Background()
	v, _, _ := vaulttest.New(t)
	c, err := v.Add(ctx, vaulttest.SampleCase("Андрей Викторович Морозов"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := v.Add(ctx, vaulttest.SampleCase("Иван Жуков"))
	if err != nil {
		t.Fatal(err)
	}
	lines := listmatch.ParseText("Морозов А.В., 1987 г.р.\nЖуков Иван 1970\n")
	req := Request{Info: listmatch.Info{Name: "POW list 3", Date: "2024-05-12"},
		Confirmed: []Confirmed{{Line: lines[0], Case: c.Number, Status: cases.StatusDetained}, {Line: lines[1], Case: other.ID}},
		List:      []byte("Морозов А.В., 1987 г.р.\nЖуков Иван 1970\n"), ListName: "pow-3.txt"}
	res, err := Record(ctx, v, req)
	if err != nil || res != (Result{Added: 2, Statuses: 1, Attachments: 2}) {
		t.Fatalf("Record = %+v, %v", res, err)
	}
	got, _ := v.Get(ctx, c.ID)
	n := len(got.Events)
	last := got.Events[n-1]
	if got.Status != cases.StatusDetained || last.Type != cases.EventFoundOnList || last.Text != "POW list 3: Морозов А.В., 1987 г.р." ||
		last.Verification != cases.VerificationUnverified || last.Date != "2024-05-12" {
		t.Errorf("case after = %s, %+v", got.Status, last)
	}
	if o, _ := v.Get(ctx, other.ID); o.Status != other.Status {
		t.Error("status changed without being chosen")
	}
	atts, _ := v.Attachments(ctx, c.ID)
	if len(atts) != 1 || atts[0].Event == nil || *atts[0].Event != n-1 || atts[0].Name != "pow-3.txt" {
		t.Errorf("attachments = %+v", atts)
	}
	res, err = Record(ctx, v, req)
	if err != nil || res != (Result{Already: 2}) {
		t.Fatalf("again: %+v, %v", res, err)
	}
	if again, _ := v.Get(ctx, c.ID); len(again.Events) != n || again.Version != got.Version {
		t.Errorf("recording again changed the case: %d events, version %d", len(again.Events), again.Version)
	}
	// An unknown case changes nothing.
	bad := req
	bad.Confirmed = append([]Confirmed{{Line: lines[1], Case: other.ID}}, Confirmed{Line: lines[0], Case: "KT-NOPE"})
	before, _ := v.Get(ctx, other.ID)
	if _, err := Record(ctx, v, bad); err == nil {
		t.Error("unknown case recorded")
	}
	if after, _ := v.Get(ctx, other.ID); after.Version != before.Version {
		t.Error("a failed record changed a case")
	}
}

func TestDecisionsSealed(t *testing.T) {
	ctx := context.Background()
	v, _, _ := vaulttest.New(t)
	lines := listmatch.ParseText("Морозов А.В., 1987 г.р.\n")
	key := ListKey(lines)
	if d, err := LoadDecisions(ctx, v, key); d != nil || err != nil {
		t.Fatalf("none saved: %+v, %v", d, err)
	}
	want := listmatch.Decisions{List: "L", Decisions: []listmatch.Decision{{Row: 1, Case: "KT-1", Verdict: listmatch.VerdictNotSame}}}
	if err := SaveDecisions(ctx, v, key, want); err != nil {
		t.Fatal(err)
	}
	d, err := LoadDecisions(ctx, v, key)
	if err != nil || d == nil || len(d.Decisions) != 1 || d.Decisions[0] != want.Decisions[0] {
		t.Fatalf("LoadDecisions = %+v, %v", d, err)
	}
}
