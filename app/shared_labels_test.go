package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/patterns"
)

// TestSharedIdentifierLabelAndSeen: "last seen" is the date of the last
// event that mentions the number (not when a case was saved), numbers are
// formatted, and a label given in the shared view is stored in the vault
// and shows in the view and in the case's linked-cases tab.
func TestSharedIdentifierLabelAndSeen(t *testing.T) {
	h := newPatternsHost(t, "en")
	s := showSharedView(h)
	waitUI(&s.work)
	s.kind.SetSelected(kindLabel(patterns.IdentPhone))
	waitUI(&s.work)
	cell := func(col int) string { return s.cell(widget.TableCellID{Row: 0, Col: col}) }
	if len(s.rows) != 1 || cell(colIdent) != "+7 999 000-44-17" {
		t.Fatalf("phones: %d rows, first %q", len(s.rows), cell(colIdent))
	}
	// The fixture's events: 2024-03-04 (KT-T-0001) and 2024-03-12 (0002);
	// the cases were saved today.
	if first, last := cell(colFirst), cell(colLast); first != "2024-03-04" || last != "2024-03-12" {
		t.Errorf("seen %q – %q, want the events' dates 2024-03-04 – 2024-03-12", first, last)
	}
	if got := cell(colLabel); got != "" {
		t.Errorf("label before one is given: %q", got)
	}

	s.table.Select(widget.TableCellID{Row: 0, Col: colIdent})
	if s.label.Disabled() {
		t.Fatal("label field disabled for the selected identifier")
	}
	test.Type(s.label, "Wagner accountant")
	test.Tap(s.saveLabel)
	waitUI(&s.work)
	if got := cell(colLabel); got != "Wagner accountant" {
		t.Errorf("label column %q after saving", got)
	}
	labels, err := h.v.IdentLabels(context.Background())
	if err != nil || labels.Of(s.rows[0].Ident) != "Wagner accountant" {
		t.Errorf("vault holds label %q (%v)", labels.Of(s.rows[0].Ident), err)
	}

	// A new view reads it from the vault, in Russian with its dates day
	// first.
	if err := applyLanguage("ru"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { applyLanguage("en") })
	s2 := showSharedView(h)
	waitUI(&s2.work)
	s2.kind.SetSelected(kindLabel(patterns.IdentPhone))
	waitUI(&s2.work)
	if got := s2.cell(widget.TableCellID{Row: 0, Col: colLabel}); got != "Wagner accountant" {
		t.Errorf("new view's label %q", got)
	}
	if got := s2.cell(widget.TableCellID{Row: 0, Col: colLast}); got != "12.03.2024" {
		t.Errorf("last seen in Russian %q, want 12.03.2024", got)
	}

	// The case's linked-cases tab names the number with its label.
	c, err := h.v.Get(context.Background(), h.caseID(t, "KT-T-0001"))
	if err != nil {
		t.Fatal(err)
	}
	p := newLinksPanel(h, c)
	waitUI(&p.work)
	if all := strings.Join(patternTexts(p.root), "\n"); !strings.Contains(all, "+7 999 000-44-17 — Wagner accountant") {
		t.Errorf("links panel lacks the label:\n%s", all)
	}

	// Clearing the field removes the label.
	s2.table.Select(widget.TableCellID{Row: 0, Col: colIdent})
	s2.label.SetText("")
	test.Tap(s2.saveLabel)
	waitUI(&s2.work)
	if labels, _ := h.v.IdentLabels(context.Background()); len(labels[patterns.IdentPhone]) != 0 {
		t.Errorf("label still stored: %v", labels)
	}
}

// TestSharedSortByLastSeen: sorting by "last seen" uses the events' dates;
// identifiers no dated event mentions come last.
func TestSharedSortByLastSeen(t *testing.T) {
	h := newPatternsHost(t, "en")
	s := showSharedView(h)
	waitUI(&s.work)
	s.sortBy(colLast)
	waitUI(&s.work)
	if len(s.rows) < 2 {
		t.Fatalf("%d rows", len(s.rows))
	}
	if got := s.cell(widget.TableCellID{Row: 0, Col: colLast}); got != "2024-03-12" {
		t.Errorf("latest first: row 0 last seen %q", got)
	}
	if got := s.cell(widget.TableCellID{Row: len(s.rows) - 1, Col: colLast}); got != "—" {
		t.Errorf("last row seen %q, want — (no dated event mentions it)", got)
	}
}

// TestTimelineShowsIdentifierLabel: an event that came from a labelled
// number says so in the case's timeline.
func TestTimelineShowsIdentifierLabel(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := lebedev
	c.Events = []cases.Event{{Date: "2026-01-10", Type: cases.EventCall, From: "8 (999) 000-44-17", Text: "Обещал выплату"}}
	c = h.addCase(c)
	v := h.ui.Store()
	phone := patterns.Identifier{Kind: patterns.IdentPhone, Key: "79990004417"}
	if err := v.SetIdentLabel(context.Background(), phone, "Wagner accountant"); err != nil {
		t.Fatal(err)
	}
	h.ui.openCase(c.ID)
	ed := h.editor()
	if len(ed.timeline.events) != 1 {
		t.Fatalf("%d events", len(ed.timeline.events))
	}
	if head := ed.timeline.events[0].head.Text; !strings.Contains(head, "8 (999) 000-44-17 (Wagner accountant)") {
		t.Errorf("timeline row %q lacks the number's label", head)
	}
}
