package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"kintrace/cases"
)

// openMergeView opens the duplicates view over the patterns fixture and
// the side-by-side comparison of its one pair.
func openMergeView(t *testing.T, code string) (*patternsHost, *dupesView) {
	t.Helper()
	h := newPatternsHost(t, code)
	d := showDupesView(h)
	waitUI(&d.work)
	if len(d.rows) != 1 {
		t.Fatalf("%d suggestions: %s", len(d.rows), d.status.Text)
	}
	test.Tap(d.rows[0].merge)
	waitUI(&d.work)
	if d.confirm == nil || d.mergeView == nil {
		t.Fatal("no side-by-side comparison")
	}
	return h, d
}

// The finding of issue 13: merging a later, nearly empty report (KT-T-0002)
// with the older, fuller case (KT-T-0001) kept the newer one by default.
func TestMergeDefaultKeepsTheFullerCase(t *testing.T) {
	h, d := openMergeView(t, "en")
	if got := d.mergeView.keep.Selected; got != "KT-T-0001" {
		t.Errorf("case kept by default: %q, want the fuller KT-T-0001", got)
	}
	d.confirm.Confirm()
	waitUI(&d.work)
	newer, _ := h.v.Get(context.Background(), "KT-T-0002")
	if newer.MergedInto != h.caseID(t, "KT-T-0001") {
		t.Errorf("the default merge kept the newer, emptier KT-T-0002 (KT-T-0002 merged into %q)", newer.MergedInto)
	}
}

func TestMergeViewListsEveryDifferingField(t *testing.T) {
	_, d := openMergeView(t, "en")
	m := d.mergeView
	// KT-T-0001 and KT-T-0002 differ in these fields (see patternsFixture).
	want := []string{"person.name", "person.phones", "person.facility", "person.region", "status", "events"}
	if got := m.differing(); !slices.Equal(got, want) {
		t.Errorf("differing fields\n got %v\nwant %v", got, want)
	}
	for _, r := range m.rows {
		marked := strings.HasPrefix(r.name.Text, "≠ ")
		if marked != r.field.Differs || r.field.Differs != r.name.TextStyle.Bold {
			t.Errorf("%s: differs %v, label %q (bold %v)", r.field.Key, r.field.Differs, r.name.Text, r.name.TextStyle.Bold)
		}
		switch {
		case !r.field.Differs && (r.choice != nil || r.note.Text != "Same"):
			t.Errorf("%s is the same in both but offers a choice or says %q", r.field.Key, r.note.Text)
		case r.field.Differs && r.field.Rule == cases.MergeChoose && r.choice == nil:
			t.Errorf("%s differs but offers no choice", r.field.Key)
		case r.field.Differs && r.field.Rule == cases.MergeUnite && r.note.Text != "Both kept":
			t.Errorf("%s is united but says %q", r.field.Key, r.note.Text)
		}
	}
	row := func(key string) *mergeRow {
		for _, r := range m.rows {
			if r.field.Key == key {
				return r
			}
		}
		t.Fatalf("no row %s", key)
		return nil
	}
	name := row("person.name")
	if name.valA.Text != "Сергей Павлович Лебедев" || name.valB.Text != "Serhiy Lebedev" {
		t.Errorf("name row shows %q | %q", name.valA.Text, name.valB.Text)
	}
	if r := row("person.region"); r.valA.Text != "Республика Мордовия" || r.valB.Text != "—" {
		t.Errorf("region row shows %q | %q", r.valA.Text, r.valB.Text)
	}
	if r := row("status"); r.valA.Text != "Contact lost" || r.valB.Text != "Open" {
		t.Errorf("status row shows %q | %q", r.valA.Text, r.valB.Text)
	}
	// Defaults: the kept case's values.
	for _, r := range m.rows {
		if r.choice != nil && r.choice.Selected != "KT-T-0001" {
			t.Errorf("%s: default value from %q, want the kept KT-T-0001", r.field.Key, r.choice.Selected)
		}
	}
	all := strings.Join(patternTexts(m.content), "\n")
	for _, want := range []string{"Case kept:", "Сергей Павлович Лебедев", "Serhiy Lebedev", "Attachments", "Filled: "} {
		if !strings.Contains(all, want) {
			t.Errorf("view lacks %q", want)
		}
	}
}

// Choices made in the comparison are what the merge applies; the merge
// can still be undone.
func TestMergeViewAppliesChoicesAndUndo(t *testing.T) {
	h, d := openMergeView(t, "en")
	m := d.mergeView
	for _, r := range m.rows {
		if r.field.Key == "person.name" || r.field.Key == "status" {
			r.choice.SetSelected("KT-T-0002")
		}
	}
	d.confirm.Confirm()
	waitUI(&d.work)
	ctx := context.Background()
	kept, _ := h.v.Get(ctx, "KT-T-0001")
	p := kept.Person
	if p.Name != "Serhiy Lebedev" || kept.Status != cases.StatusOpen {
		t.Errorf("chosen values not applied: name %q status %q", p.Name, kept.Status)
	}
	if !slices.Contains(p.Aliases, "Сергей Павлович Лебедев") || p.Facility != "ИК-17, Мордовия" || p.Region != "Республика Мордовия" {
		t.Errorf("other values: aliases %q facility %q region %q", p.Aliases, p.Facility, p.Region)
	}
	if len(kept.Events) != 2 {
		t.Errorf("events not united: %d", len(kept.Events))
	}
	test.Tap(d.undo)
	waitUI(&d.work)
	kept, _ = h.v.Get(ctx, "KT-T-0001")
	other, _ := h.v.Get(ctx, "KT-T-0002")
	if kept.Person.Name != "Сергей Павлович Лебедев" || len(kept.Events) != 1 || other.MergedInto != "" {
		t.Errorf("undo: name %q, %d events, other merged into %q", kept.Person.Name, len(kept.Events), other.MergedInto)
	}
}

// Keeping the other case sets every choice to its values, but for fields it
// lacks.
func TestMergeViewKeepOther(t *testing.T) {
	h, d := openMergeView(t, "en")
	m := d.mergeView
	m.keep.SetSelected("KT-T-0002")
	for _, r := range m.rows {
		if r.choice == nil {
			continue
		}
		want := "KT-T-0002"
		if r.field.Key == "person.region" {
			want = "KT-T-0001" // KT-T-0002 has no region
		}
		if r.choice.Selected != want {
			t.Errorf("%s: value from %q, want %q", r.field.Key, r.choice.Selected, want)
		}
	}
	d.confirm.Confirm()
	waitUI(&d.work)
	older, _ := h.v.Get(context.Background(), "KT-T-0001")
	kept, _ := h.v.Get(context.Background(), "KT-T-0002")
	if older.MergedInto != kept.ID || kept.Person.Name != "Serhiy Lebedev" || kept.Person.Region != "Республика Мордовия" {
		t.Errorf("kept KT-T-0002: name %q region %q; KT-T-0001 merged into %q", kept.Person.Name, kept.Person.Region, older.MergedInto)
	}
}

func TestMergeViewRussian(t *testing.T) {
	_, d := openMergeView(t, "ru")
	all := strings.Join(patternTexts(d.mergeView.content), "\n")
	for _, want := range []string{"Сохраняемое дело:", "Остаются оба", "Совпадает", "Вложения"} {
		if !strings.Contains(all, want) {
			t.Errorf("Russian view lacks %q:\n%s", want, all)
		}
	}
}
