package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

func (h *patternsHost) caseID(t *testing.T, number string) string {
	t.Helper()
	c, err := h.v.Get(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// patternsFixture are cases whose identifiers are written in different
// scripts and formats.
const patternsFixture = `{"format":1,"cases":[
 {"number":"KT-T-0001","status":"contact_lost","person":{"name":"Сергей Павлович Лебедев","birth_date":"1987",
   "facility":"ИК-17, Мордовия","region":"Республика Мордовия","phones":["+7 912 555-01-23"]},
  "events":[{"date":"2024-03-04","type":"message_received","channel":"whatsapp","from":"+7 999 000-44-17","text":"Просит копию паспорта матери «для зарплаты»"}]},
 {"number":"KT-T-0002","status":"open","person":{"name":"Serhiy Lebedev","birth_date":"1987","facility":"IK17"},
  "events":[{"date":"2024-03-12","type":"call","channel":"phone","from":"8 (999) 000-44-17","text":"An accountant called, promised 200 000 roubles"}]},
 {"number":"KT-T-0003","status":"contact_lost","person":{"name":"Taras Shevchuk","unit":"в/ч 12345","region":"Rostov Oblast"},
  "events":[{"date":"2024-01-08","type":"contact_lost"}]},
 {"number":"KT-T-0004","status":"located","person":{"name":"Павел Морозов","unit":"military unit 12345","region":"Ростовская область"}}]}`

func newPatternsHost(t *testing.T, lang string) *patternsHost {
	t.Helper()
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(t)
	if err := applyLanguage(lang); err != nil {
		t.Fatal(err)
	}
	v, _, err := vault.Create(filepath.Join(t.TempDir(), "v.kintrace"), []byte(testPassphrase), vault.CreateOptions{Owner: "Marina"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	cs, err := cases.DecodeCases([]byte(patternsFixture))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.AddAll(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("")
	w.Resize(fyne.NewSize(1100, 760))
	return &patternsHost{win: w, v: v, inline: true}
}

// texts lists the text of every label, button and canvas text under o.
func patternTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Button:
			out = append(out, x.Text)
		case *widget.Card:
			out = append(out, x.Title, x.Subtitle)
			if x.Content != nil {
				walk(x.Content)
			}
		case *container.Scroll:
			walk(x.Content)
		case *container.Split:
			walk(x.Leading)
			walk(x.Trailing)
		case *barChart:
			for _, b := range x.bars {
				out = append(out, b.Label)
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func findPatternButton(o fyne.CanvasObject, prefix string) *widget.Button {
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if found == nil && strings.HasPrefix(x.Text, prefix) {
				found = x
			}
		case *widget.Card:
			if x.Content != nil {
				walk(x.Content)
			}
		case *container.Scroll:
			walk(x.Content)
		case *container.Split:
			walk(x.Leading)
			walk(x.Trailing)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return found
}

func TestLinksPanelAcrossScripts(t *testing.T) {
	h := newPatternsHost(t, "en")
	c, err := h.v.Get(context.Background(), "KT-T-0001")
	if err != nil {
		t.Fatal(err)
	}
	p := newLinksPanel(h, c)
	waitUI(&p.work)
	h.win.SetContent(p.root)
	all := strings.Join(patternTexts(p.root), "\n")
	for _, want := range []string{
		"Linked cases: 1; shared identifiers: 2",
		"Phone: +7 999 000-44-17",               // "+7 999 000-44-17" here, "8 (999) 000-44-17" there
		"2024-03-12 · Call · 8 (999) 000-44-17", // the other case's event that mentions it
		"Facility: IK-17",                       // "ИК-17, Мордовия" here, "IK17" there
		"In this case: the person's details",
		"KT-T-0002  Serhiy Lebedev",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("panel lacks %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "KT-T-0003") {
		t.Errorf("panel links an unrelated case:\n%s", all)
	}
	b := findPatternButton(p.root, "KT-T-0002")
	if b == nil {
		t.Fatal("no button for the linked case")
	}
	test.Tap(b)
	if len(h.opened) != 1 || h.opened[0] != h.caseID(t, "KT-T-0002") {
		t.Errorf("tapping the linked case opened %v", h.opened)
	}

	lonely, err := h.v.Add(context.Background(), cases.Case{Status: "open", Person: cases.Person{Name: "Анна Смирнова"}})
	if err != nil {
		t.Fatal(err)
	}
	p = newLinksPanel(h, lonely)
	if got := p.status.Text; !strings.Contains(got, "No other case") {
		t.Errorf("case without links: %q", got)
	}
}

func TestLinksPanelRussian(t *testing.T) {
	h := newPatternsHost(t, "ru")
	c, err := h.v.Get(context.Background(), "KT-T-0003")
	if err != nil {
		t.Fatal(err)
	}
	p := newLinksPanel(h, c)
	waitUI(&p.work)
	all := strings.Join(patternTexts(p.root), "\n")
	for _, want := range []string{"Воинская часть: 12345", "KT-T-0004  Павел Морозов", "здесь записано как «в/ч 12345»"} {
		if !strings.Contains(all, want) {
			t.Errorf("panel lacks %q:\n%s", want, all)
		}
	}
}

func TestSharedView(t *testing.T) {
	h := newPatternsHost(t, "en")
	s := showSharedView(h)
	if s == nil {
		t.Fatal("no view")
	}
	// The window keeps the dialog, so that locking closes it.
	if len(h.dialogs) != 1 || h.dialogs[0] != s.dialog {
		t.Errorf("dialog not handed to the window: %v", h.dialogs)
	}
	label := func(row int) string { return s.cell(widget.TableCellID{Row: row, Col: colIdent}) }
	if len(s.rows) != 3 {
		var got []string
		for i := range s.rows {
			got = append(got, label(i))
		}
		t.Fatalf("rows %q, want the phone, the facility and the unit", got)
	}
	// Filter by kind: phones only; the number typed another way finds it.
	s.kind.SetSelected(kindLabel(patterns.IdentPhone))
	if len(s.rows) != 1 || label(0) != "+7 999 000-44-17" || s.cell(widget.TableCellID{Row: 0, Col: colCount}) != "2" {
		t.Fatalf("phones: %d rows, first %q", len(s.rows), label(0))
	}
	if got := s.cell(widget.TableCellID{Row: 0, Col: colFirst}); got == "—" {
		t.Error("no first-seen date")
	}
	s.kind.SetSelectedIndex(0)
	test.Type(s.filter, "8 999 000")
	if len(s.rows) != 1 || label(0) != "+7 999 000-44-17" {
		t.Errorf("filter 8 999 000: %d rows", len(s.rows))
	}
	s.filter.SetText("")
	// Sorting by identifier, then reversed.
	s.sortBy(colIdent)
	first := label(0)
	s.sortBy(colIdent)
	if label(0) == first || !s.desc {
		t.Errorf("second tap did not reverse the order (%q)", first)
	}
	s.kind.SetSelected(kindLabel(patterns.IdentUnit))
	s.table.Select(widget.TableCellID{Row: 0, Col: colIdent})
	b := findPatternButton(s.cases, "KT-T-0004")
	if b == nil {
		t.Fatalf("selected unit lists %q", patternTexts(s.cases))
	}
	test.Tap(b)
	if len(h.opened) != 1 || h.opened[0] != h.caseID(t, "KT-T-0004") {
		t.Errorf("opened %v", h.opened)
	}
	s.min.SetSelected("3")
	if len(s.rows) != 0 {
		t.Errorf("min 3: %d rows", len(s.rows))
	}
}

func TestDupesViewMergeUndoNotSame(t *testing.T) {
	h := newPatternsHost(t, "en")
	d := showDupesView(h)
	waitUI(&d.work)
	if len(d.rows) != 1 {
		t.Fatalf("%d suggestions: %s", len(d.rows), d.status.Text)
	}
	all := strings.Join(patternTexts(d.content), "\n")
	for _, want := range []string{"90", "KT-T-0001  Сергей Павлович Лебедев", "KT-T-0002  Serhiy Lebedev",
		"same first name, another form (Сергей = Serhiy) +50", "same birth year (1987) +25", "same facility (IK-17) +15"} {
		if !strings.Contains(all, want) {
			t.Errorf("view lacks %q:\n%s", want, all)
		}
	}
	r := d.rows[0]
	test.Tap(r.merge)
	if d.confirm == nil {
		t.Fatal("no merge confirmation")
	}
	d.confirm.Confirm()
	waitUI(&d.work)
	// The fuller KT-T-0001 is kept by default.
	if r.merge.Visible() || !strings.Contains(r.resolved.Text, "Merged into KT-T-0001") || h.refreshed != 1 {
		t.Fatalf("after merge: %q (refreshes %d)", r.resolved.Text, h.refreshed)
	}
	a, _ := h.v.Get(context.Background(), "KT-T-0002")
	if a.MergedInto != h.caseID(t, "KT-T-0001") {
		t.Fatalf("KT-T-0002 merged into %q", a.MergedInto)
	}
	test.Tap(d.undo)
	waitUI(&d.work)
	a, _ = h.v.Get(context.Background(), "KT-T-0002")
	if a.MergedInto != "" || !r.merge.Visible() || !strings.Contains(d.status.Text, "Merge undone") {
		t.Fatalf("after undo: merged into %q, status %q", a.MergedInto, d.status.Text)
	}
	test.Tap(r.notSame)
	waitUI(&d.work)
	if !strings.Contains(r.resolved.Text, "not the same person") {
		t.Errorf("after not-same: %q", r.resolved.Text)
	}
	d2 := showDupesView(h)
	waitUI(&d2.work)
	if len(d2.rows) != 0 || !strings.Contains(d2.status.Text, "No likely duplicates") {
		t.Errorf("pair marked not the same is suggested again: %d, %q", len(d2.rows), d2.status.Text)
	}
}

func TestOverviewDashboard(t *testing.T) {
	h := newPatternsHost(t, "en")
	now := time.Date(2024, 4, 1, 12, 0, 0, 0, time.UTC)
	o := showOverview(h, now)
	waitUI(&o.work)
	bars := func(c *barChart) map[string]int {
		m := map[string]int{}
		for _, b := range c.bars {
			m[b.Label] = b.Value
		}
		return m
	}
	if got := bars(o.status); got["Contact lost"] != 2 || got["Open"] != 1 || got["Located"] != 1 {
		t.Errorf("by status %v", got)
	}
	// Open cases only: KT-T-0001 had a message from an unknown number,
	// 0002 an accountant's call, 0003 nothing: none had a contact from
	// the person confirmed, so none counts as recently heard from.
	weeks := bars(o.weeks)
	if weeks["never confirmed"] != 3 || weeks["2–4 weeks"] != 0 || weeks["1–2 weeks"] != 0 {
		t.Errorf("by weeks %v", weeks)
	}
	if len(o.facility.bars) == 0 || len(o.region.bars) == 0 {
		t.Errorf("facility %v region %v", bars(o.facility), bars(o.region))
	}
	// Tapping a bar filters the case list.
	for _, r := range o.status.rows {
		if r.bar.Label == "Contact lost" {
			test.Tap(r)
		}
	}
	if len(h.shown) != 1 || h.shown[0].Status != cases.StatusContactLost {
		t.Errorf("tap on a status bar showed %+v", h.shown)
	}
	// Silent longer than 4 weeks: the open cases never confirmed are
	// always listed, however recently they were opened.
	o.silentFor.SetSelected("4 weeks")
	all := strings.Join(patternTexts(o.silent), "\n")
	for _, n := range []string{"KT-T-0001", "KT-T-0002", "KT-T-0003"} {
		if !strings.Contains(all, n) {
			t.Errorf("silent > 4 weeks lacks %s:\n%s", n, all)
		}
	}
	if !strings.Contains(all, "never confirmed") {
		t.Errorf("silent list does not say never confirmed:\n%s", all)
	}
	if got := fyne.CurrentApp().Preferences().Int(silentWeeksPref); got != 4 {
		t.Errorf("threshold not kept: %d", got)
	}
	// Events per week: three dated events over 10 weeks (2024-01-08 .. 2024-03-12).
	if total := sum(o.events.values); total != 3 || len(o.events.values) != 10 {
		t.Errorf("events per week %v", o.events.values)
	}
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

func TestPatternKeysTranslated(t *testing.T) {
	newTestApp(t)
	var keys []string
	for _, k := range kindKeys {
		keys = append(keys, k)
	}
	for _, k := range reasonKeys {
		keys = append(keys, k)
	}
	for _, b := range silentBuckets {
		keys = append(keys, b.key)
	}
	for _, code := range []string{"en", "ru", "uk"} {
		if err := applyLanguage(code); err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if lang.L(k) == k {
				t.Errorf("%s: %s has no message", code, k)
			}
		}
	}
	if len(reasonKeys) != 13 || len(kindKeys) != len(patterns.AllIdentKinds) {
		t.Errorf("%d reason keys, %d kind keys", len(reasonKeys), len(kindKeys))
	}
}

func TestPatternActionsRegistered(t *testing.T) {
	newTestApp(t)
	want := map[string]bool{"patterns.shared.action": true, "patterns.dupes.action": true, "patterns.overview.action": true}
	for _, a := range Actions() {
		if !want[a.Label] {
			continue
		}
		delete(want, a.Label)
		if a.Icon == nil || a.Icon.Name() == "" || len(a.Icon.Content()) == 0 || a.Run == nil {
			t.Errorf("%s: icon or command missing", a.Label)
		}
	}
	if len(want) > 0 {
		t.Errorf("not registered: %v", want)
	}
	found := false
	for _, tab := range CaseTabs() {
		found = found || tab.Label == "patterns.links.tab"
	}
	if !found {
		t.Error("the Linked cases tab is not registered")
	}
}

// TestLinksAndSharedWhileIndexing unlocks the vault with the identifier
// index still being built (Unlock returns before it is): the linked cases
// tab and the shared identifiers view say so instead of blocking the UI,
// and fill in once the index is complete. (One screen at a time: the test
// driver runs fyne.Do on the calling goroutine.)
func TestLinksAndSharedWhileIndexing(t *testing.T) {
	h := newPatternsHost(t, "en")
	h.inline = false
	// unlockIndexing locks and unlocks the vault with the identifier
	// index's build held until resume.
	unlockIndexing := func() (resume func()) {
		t.Helper()
		if err := h.v.Lock(); err != nil {
			t.Fatal(err)
		}
		resume = patterns.PauseBuildsForTests()
		t.Cleanup(resume)
		if err := h.v.Unlock(context.Background(), []byte(testPassphrase), nil); err != nil {
			t.Fatal(err)
		}
		if h.v.Index().Len() != 4 {
			t.Fatalf("the case list holds %d cases after unlock", h.v.Index().Len())
		}
		select {
		case <-h.v.Identifiers().Ready():
			t.Fatal("the identifier index is ready while its build is held")
		default:
		}
		return resume
	}

	resume := unlockIndexing()
	c, err := h.v.Get(context.Background(), "KT-T-0001")
	if err != nil {
		t.Fatal(err)
	}
	p := newLinksPanel(h, c)
	if got := p.status.Text; got != lang.L("patterns.links.indexing") {
		t.Errorf("links panel while indexing says %q", got)
	}
	resume()
	waitUI(&p.work)
	all := strings.Join(patternTexts(p.root), "\n")
	if !strings.Contains(all, "Linked cases: 1; shared identifiers: 2") || !strings.Contains(all, "KT-T-0002  Serhiy Lebedev") {
		t.Errorf("links panel after indexing:\n%s", all)
	}

	resume = unlockIndexing()
	s := showSharedView(h)
	if got := s.count.Text; got != lang.L("patterns.shared.indexing") {
		t.Errorf("shared view while indexing says %q", got)
	}
	if len(s.rows) != 0 {
		t.Errorf("shared view shows %d rows before the index is built", len(s.rows))
	}
	resume()
	waitUI(&s.work)
	if len(s.rows) != 3 || s.count.Text != "3 identifiers" {
		t.Errorf("shared view after indexing: %d rows, %q", len(s.rows), s.count.Text)
	}
}
