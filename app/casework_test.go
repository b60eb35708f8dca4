package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kintrace/cases"
)

// setNow moves the fake clock to t without running its timers (the idle
// lock would fire over weeks): the user comes back to the app later.
func (c *fakeClock) setNow(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, time.UTC) }

// today returns the Today view on show, failing the test when there is
// none.
func (h *harness) today() *todayScreen {
	h.t.Helper()
	s, ok := h.ui.screen.(*todayScreen)
	if !ok {
		h.t.Fatalf("the Today view is not on show (screen %T)", h.ui.screen)
	}
	return s
}

// todayRow finds the row of kind about case id.
func todayRow(s *todayScreen, kind cases.TodayKind, id string) int {
	for i := range s.today.Len() {
		if r := s.today.Row(i); r.Kind == kind && r.CaseID == id {
			return i
		}
	}
	return -1
}

// TestRequestDeadlineOverdueAnswered: a request added in the editor gets
// its legal deadline from the kind and the sending date; a month later it
// is overdue (red, in Today, opening the case at the Requests tab), and it
// is marked answered with the scanned reply attached.
func TestRequestDeadlineOverdueAnswered(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := lebedev
	c.AssignedTo = "Marina"
	c = h.addCase(c)
	h.ui.openCase(c.ID)
	ed := h.editor()
	ed.tabs.Select(ed.tabFor[sectionRequests])
	test.Tap(ed.requests.add)
	it := ed.requests.items[0]
	if got := it.sent.entry.Text; got != showDate("2026-03-01") {
		t.Errorf("a new request is sent %q, want today", got)
	}
	if got, _ := parseUserDate(it.deadline.entry.Text); got != "2026-03-31" {
		t.Errorf("deadline %q, want 30 days later", got)
	}
	// The ICRC has no legal term; back to the prison service, the
	// deadline follows again.
	it.kind.SetValue(string(cases.AuthorityICRC))
	if it.deadline.entry.Text != "" {
		t.Errorf("an ICRC request has the deadline %q", it.deadline.entry.Text)
	}
	it.kind.SetValue(string(cases.AuthorityPrisonService))
	test.Type(it.authority, "УФСИН по Республике Мордовия")
	test.Type(it.reference, "RA123456789RU")
	if !strings.Contains(it.state.Text(), "in 30 days") || it.state.Level() != pillQuiet {
		t.Errorf("state %q (level %d)", it.state.Text(), it.state.Level())
	}
	test.Tap(ed.saveButton)
	h.wait()
	saved := h.getCase(c.ID)
	if len(saved.Requests) != 1 || saved.Requests[0].Deadline != "2026-03-31" || saved.Requests[0].Status != cases.RequestSent ||
		saved.Requests[0].ID == "" || saved.Requests[0].Authority != "УФСИН по Республике Мордовия" {
		t.Fatalf("saved requests %+v", saved.Requests)
	}
	test.Tap(ed.back)

	o, _ := h.ui.vault.Index().Get(c.ID)
	if txt, level := requestsCell(&o, h.clock.Now()); txt != "1 awaiting" || level != pillQuiet {
		t.Errorf("the case list's Requests cell: %q (level %d)", txt, level)
	}
	// Six weeks later.
	h.clock.setNow(day(2026, 4, 12))
	if txt, level := requestsCell(&o, h.clock.Now()); txt != "1 overdue" || level != pillAlert {
		t.Errorf("the case list's Requests cell after the deadline: %q (level %d)", txt, level)
	}
	h.ui.showTodayNow()
	s := h.today()
	row := todayRow(s, cases.TodayRequest, c.ID)
	if row < 0 {
		t.Fatalf("Today lacks the overdue request: %+v", s.today.Rows())
	}
	s.list.Select(row)
	ed = h.editor()
	if ed.tabs.Selected() != ed.tabFor[sectionRequests] {
		t.Error("the request's row does not open the Requests tab")
	}
	it = ed.requests.items[0]
	if it.state.Level() != pillAlert || !strings.Contains(it.state.Text(), "overdue") || !strings.Contains(it.state.Text(), "12 days ago") {
		t.Errorf("overdue state %q (level %d)", it.state.Text(), it.state.Level())
	}

	// The reply came: marked answered, with its scan attached.
	test.Tap(it.markAnswered)
	if it.status.Value() != string(cases.RequestAnswered) || it.answered.entry.Text != showDate("2026-04-12") {
		t.Errorf("mark answered: status %q, date %q", it.status.Value(), it.answered.entry.Text)
	}
	test.Type(it.answer, "Transferred to IK-2, Chuvashia")
	scan := filepath.Join(t.TempDir(), "reply-scan.pdf")
	if err := os.WriteFile(scan, []byte("%PDF-1.4 scanned reply"), 0o600); err != nil {
		t.Fatal(err)
	}
	if it.attachReply.Disabled() {
		t.Fatal("Attach reply is disabled on a saved case")
	}
	ed.requests.attachFile(it, scan)
	h.wait()
	if !strings.Contains(it.files.Text, "1 file") {
		t.Errorf("files %q", it.files.Text)
	}
	test.Tap(ed.saveButton)
	h.wait()
	saved = h.getCase(c.ID)
	r := saved.Requests[0]
	if r.Status != cases.RequestAnswered || r.AnsweredOn != "2026-04-12" || r.Answer != "Transferred to IK-2, Chuvashia" || len(r.Attachments) != 1 {
		t.Fatalf("answered request %+v", r)
	}
	atts, err := h.ui.Store().Attachments(context.Background(), c.ID)
	if err != nil || len(atts) != 1 || atts[0].ID != r.Attachments[0] || atts[0].Name != "reply-scan.pdf" {
		t.Errorf("attachments %+v, %v", atts, err)
	}
	if st := it.state.Text(); !strings.Contains(st, "answered") || it.state.Level() != pillDone {
		t.Errorf("answered state %q", st)
	}
	test.Tap(ed.back)
	h.ui.showTodayNow()
	if row := todayRow(h.today(), cases.TodayRequest, c.ID); row >= 0 {
		t.Error("the answered request is still in Today")
	}
}

// TestFollowUpInToday: a follow-up added in the editor appears in Today on
// its day, counted for its owner, and its row opens the Follow-ups tab; the
// silence row opens the timeline.
func TestFollowUpInToday(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := h.addCase(lebedev)
	h.ui.openCase(c.ID)
	ed := h.editor()
	ed.tabs.Select(ed.tabFor[sectionFollowUps])
	test.Tap(ed.followups.add)
	f := ed.followups.items[0]
	test.Type(f.note, "Call the mother after the answer")
	test.Type(f.due.entry, "05.03.2026")
	f.owner.SetText("Pavel")
	test.Tap(ed.saveButton)
	h.wait()
	if got := h.getCase(c.ID).FollowUps; len(got) != 1 || got[0].Due != "2026-03-05" || got[0].Owner != "Pavel" {
		t.Fatalf("saved follow-ups %+v", got)
	}
	test.Tap(ed.back)

	h.ui.showTodayNow()
	if row := todayRow(h.today(), cases.TodayFollowUp, c.ID); row >= 0 {
		t.Error("a follow-up due in four days is in Today")
	}
	h.clock.setNow(day(2026, 3, 5))
	h.ui.showTodayNow()
	s := h.today()
	row := todayRow(s, cases.TodayFollowUp, c.ID)
	if row < 0 || s.today.Row(row).Text != "Call the mother after the answer" || s.today.Row(row).Overdue {
		t.Fatalf("Today's rows %+v", s.today.Rows())
	}
	if !strings.Contains(s.owners.Text, "Pavel: 1 / 0 / 0") {
		t.Errorf("counts per owner %q", s.owners.Text)
	}
	if !strings.Contains(s.summary.Text, "1 follow-up due") {
		t.Errorf("summary %q", s.summary.Text)
	}
	s.list.Select(row)
	ed = h.editor()
	if ed.tabs.Selected() != ed.tabFor[sectionFollowUps] {
		t.Error("the follow-up's row does not open the Follow-ups tab")
	}
	if st := ed.followups.items[0].state; st.Level() != pillWarn {
		t.Errorf("follow-up state %q", st.Text())
	}
	test.Tap(ed.back)

	h.ui.showTodayNow()
	s = h.today()
	silent := todayRow(s, cases.TodaySilence, c.ID)
	if silent < 0 {
		t.Fatalf("no silence row for a case never confirmed: %+v", s.today.Rows())
	}
	s.list.Select(silent)
	if ed = h.editor(); ed.tabs.Selected() != ed.tabFor[sectionTimeline] {
		t.Error("the silence row does not open the Timeline tab")
	}
}

// TestTodayFirstAfterUnlock: Today is the first screen after unlock; when
// switched off (sealed in the vault's desk settings, not in Fyne's
// preferences) the case list comes first and a reminder says what is due.
func TestTodayFirstAfterUnlock(t *testing.T) {
	h := newHarness(t)
	h.createVault()
	c := lebedev
	c.FollowUps = []cases.FollowUp{{ID: "F1", Due: "2026-02-20", Note: "Check the hospital list"}}
	c = h.addCase(c)
	unlock := func() {
		h.ui.lockNow()
		s := h.ui.unlock
		test.Type(s.passphrase, testPassphrase)
		test.Tap(s.unlock)
		h.wait()
	}
	unlock()
	s := h.today()
	if row := todayRow(s, cases.TodayFollowUp, c.ID); row < 0 || !s.today.Row(row).Overdue {
		t.Fatalf("Today after unlock: %+v", s.today.Rows())
	}
	if !h.ui.idle.Running() {
		t.Error("the idle lock is not armed on the Today view")
	}
	test.Tap(s.showFirst) // off
	if !loadDeskSettings(h.ui).NoToday {
		t.Fatal("switching Today off is not kept in the vault")
	}
	if rv, ok := h.app.Preferences().(interface{ ReadValues(func(map[string]any)) }); ok {
		rv.ReadValues(func(m map[string]any) {
			for k := range m {
				if strings.Contains(strings.ToLower(k), "today") {
					t.Errorf("Fyne preferences hold %q", k)
				}
			}
		})
	}
	unlock()
	if h.ui.desk == nil {
		t.Fatalf("the case list is not first with Today off (screen %T)", h.ui.screen)
	}
	if len(h.ui.dialogs) != 1 {
		t.Fatalf("no reminder of what is due (%d dialogs)", len(h.ui.dialogs))
	}
	// The settings dialog switches it on again.
	sd := h.ui.openSettings()
	if len(sd.extras) != 1 {
		t.Fatal("the settings have no Today line")
	}
	data, _ := json.Marshal(loadDeskSettings(h.ui))
	if !strings.Contains(string(data), `"no_today":true`) {
		t.Errorf("desk settings %s", data)
	}
	sd.extras[0].item.Widget.(interface{ SetChecked(bool) }).SetChecked(true)
	sd.dialog.Submit()
	if loadDeskSettings(h.ui).NoToday {
		t.Error("the settings dialog did not switch Today on")
	}
	h.ui.closeDialogs()
	unlock()
	h.today()
	// Locking wipes the rows.
	s = h.today()
	h.ui.lockNow()
	if len(s.today.Rows()) != 0 {
		t.Error("the Today rows survive the lock")
	}
}

// TestCaseworkTranslations: the casework area's files hold the same keys in
// every language, with the same placeholders, and a label for every value
// of its enumerations, every field label and every plural form it uses.
func TestCaseworkTranslations(t *testing.T) {
	read := func(code string) map[string]string {
		data, err := caseworkTranslations.ReadFile("translations/casework/" + code + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s.json: %v", code, err)
		}
		return m
	}
	en := read("en")
	var want []string
	for kind, values := range caseworkEnums {
		for _, v := range values {
			want = append(want, "enum."+kind+"."+v)
		}
	}
	for _, k := range caseworkFieldKeys {
		want = append(want, k)
	}
	want = append(want, "casework.path.request", "casework.path.followup")
	for _, p := range []string{"casework.count.followups", "casework.count.requests", "casework.count.silent",
		"casework.followup.state.overdue", "casework.request.files", "casework.state.overdue", "casework.state.due",
		"casework.today.inbox", "casework.today.silent_days"} {
		for _, f := range []string{"one", "few", "many", "other"} {
			want = append(want, p+"."+f)
		}
	}
	for _, code := range appLanguages {
		m := read(code)
		if len(m) != len(en) {
			t.Errorf("%s.json has %d keys, en.json %d", code, len(m), len(en))
		}
		for k, v := range en {
			if m[k] == "" {
				t.Errorf("%s.json lacks %q", code, k)
			} else if a, b := placeholder.FindAllString(m[k], -1), placeholder.FindAllString(v, -1); !sameSet(a, b) {
				t.Errorf("%s.json %q uses %v, en uses %v", code, k, a, b)
			}
		}
		for _, k := range want {
			if m[k] == "" {
				t.Errorf("%s.json lacks %q", code, k)
			}
		}
	}
}

// TestDraftLetterHook: the place left for the letters from templates: the
// button is hidden until DraftLetter is set, then it hands over the case as
// saved and the request's id.
func TestDraftLetterHook(t *testing.T) {
	var gotCase cases.Case
	var gotID string
	was := DraftLetter
	DraftLetter = func(h Host, c cases.Case, id string) { gotCase, gotID = c, id }
	defer func() { DraftLetter = was }()
	h := newHarness(t)
	h.createVault()
	c := lebedev
	c.Requests = []cases.Request{{ID: "R7", AuthorityKind: cases.AuthorityCourt, Status: cases.RequestSent, SentOn: "2026-02-01"}}
	c = h.addCase(c)
	h.ui.openCase(c.ID)
	ed := h.editor()
	it := ed.requests.items[0]
	if !it.letter.Visible() || it.letter.Disabled() {
		t.Fatal("Draft letter is not offered on a saved request")
	}
	test.Tap(it.letter)
	if gotID != "R7" || gotCase.ID != c.ID {
		t.Errorf("DraftLetter got %q of case %q", gotID, gotCase.ID)
	}
	test.Tap(ed.requests.add) // a request not saved yet
	if it := ed.requests.items[1]; !it.letter.Disabled() {
		t.Error("Draft letter is offered on a request not saved yet")
	}
}
