package app

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/vault"
)

// The Today view: the first screen after unlock (unless switched off in
// the settings; the choice is kept sealed in the vault's desk settings),
// listing what is due: follow-ups due today or earlier, requests past
// their deadline, active cases silent beyond the threshold, and bundles
// waiting in the exchange inbox. It is computed from the index of
// overviews (search.Index.Today), opening no case; each row opens its case
// at the tab it is about.

// InboxWaiting, when set, counts the bundles waiting in the exchange
// inbox (the exchange feature, built separately, sets it); OpenInbox shows
// them. While InboxWaiting is nil the Today view has no inbox line.
var (
	InboxWaiting func(h Host) int
	OpenInbox    func(h Host)
)

// todayScreen is the Today view.
type todayScreen struct {
	widget.BaseWidget
	ui    *UI
	today cases.Today

	title, summary, owners *widget.Label
	inbox                  *widget.Button
	toDesk, lock           *widget.Button
	showFirst              *widget.Check
	list                   *widget.List
	empty                  *widget.Label
	views                  []*todayRowView // every row the list made, for wipe
	content                fyne.CanvasObject
}

// showAfterUnlock shows the Today view, or the case list when nothing is
// due or the vault's desk settings switch Today off (then a reminder says
// what is due).
func (u *UI) showAfterUnlock() {
	if u.vault == nil || u.vault.Locked() {
		return
	}
	startExchangeWatch(u) // the inbox's count reaches Today when its first scan ends
	t := u.vault.Index().Today(u.clock.Now(), 0)
	switch {
	case loadDeskSettings(u).NoToday:
		u.showDesk()
		u.remindDue(t)
	case t.Len() == 0 && inboxWaiting(u) == 0:
		u.showDesk() // nothing to do today: straight to the cases
	default:
		u.showToday(t)
	}
}

// inboxWaiting is InboxWaiting's count, 0 while it is not set.
func inboxWaiting(u *UI) int {
	if InboxWaiting == nil {
		return 0
	}
	return InboxWaiting(u)
}

// setInbox shows the inbox line for n files waiting (none: no line). The
// exchange watcher calls it when a scan ends while Today is shown.
func (s *todayScreen) setInbox(n int) {
	if n <= 0 {
		s.inbox.Hide()
		return
	}
	s.inbox.SetText(plural("casework.today.inbox", n, map[string]any{"N": n}))
	s.inbox.Show()
}

// showTodayNow computes Today afresh and shows it.
func (u *UI) showTodayNow() {
	if u.vault == nil || u.vault.Locked() {
		return
	}
	u.showToday(u.vault.Index().Today(u.clock.Now(), 0))
}

func (u *UI) showToday(t cases.Today) {
	s := newTodayScreen(u, t)
	// As showScreen does, but reporting "today" (not "screen") to the
	// tests that drive the real window.
	u.clearScreens()
	u.screen = s
	u.setContent(s)
	if !u.idle.Running() {
		u.idle.Start(u.prefs.IdleTimeout())
	}
	u.reportToday(s)
}

// remindDue tells, when the Today view is off, how many follow-ups and
// requests are due; nothing is scheduled with the operating system.
func (u *UI) remindDue(t cases.Today) {
	f, r := t.Count(cases.TodayFollowUp), t.Count(cases.TodayRequest)
	if f+r == 0 {
		return
	}
	msg := lang.L("casework.reminder.body", map[string]any{
		"FollowUps": plural("casework.count.followups", f, map[string]any{"N": f}),
		"Requests":  plural("casework.count.requests", r, map[string]any{"N": r})})
	d := dialog.NewConfirm(lang.L("casework.reminder.title"), msg, func(open bool) {
		if open {
			u.leaveScreen(u.showTodayNow)
		}
	}, u.win)
	d.SetConfirmText(lang.L("casework.reminder.open"))
	d.SetDismissText(lang.L("casework.reminder.later"))
	u.showDialog(d)
}

func newTodayScreen(u *UI, t cases.Today) *todayScreen {
	s := &todayScreen{ui: u, today: t}
	s.title = widget.NewLabelWithStyle(lang.L("casework.today.title", map[string]any{"Date": showDay(u.clock.Now())}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.title.SizeName = theme.SizeNameSubHeadingText
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	s.owners = widget.NewLabel("")
	s.owners.Wrapping = fyne.TextWrapWord
	s.inbox = widget.NewButtonWithIcon("", theme.MailComposeIcon(), func() {
		u.touch()
		if OpenInbox != nil {
			OpenInbox(u)
		}
	})
	s.inbox.Alignment = widget.ButtonAlignLeading
	s.inbox.Hide()
	s.setInbox(inboxWaiting(u))
	s.toDesk = widget.NewButtonWithIcon(lang.L("casework.today.cases"), theme.ListIcon(), func() { u.touch(); u.showDesk() })
	s.toDesk.Importance = widget.HighImportance
	s.lock = widget.NewButtonWithIcon(lang.L("Lock"), theme.LogoutIcon(), u.lockNow)
	s.showFirst = widget.NewCheck(lang.L("casework.today.show_first"), nil)
	s.showFirst.SetChecked(!loadDeskSettings(u).NoToday)
	s.showFirst.OnChanged = func(on bool) { u.touch(); setTodayFirst(u, on) }

	s.empty = widget.NewLabel(lang.L("casework.today.empty"))
	s.empty.Alignment = fyne.TextAlignCenter
	s.empty.Importance = widget.LowImportance
	s.list = widget.NewList(
		func() int { return s.today.Len() },
		func() fyne.CanvasObject {
			v := newTodayRowView()
			s.views = append(s.views, v)
			return v.box
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			u.touch()
			for _, v := range s.views {
				if v.box == o && id < s.today.Len() {
					v.set(s.today.Row(id), u)
				}
			}
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		s.list.UnselectAll()
		if id < s.today.Len() {
			s.open(s.today.Row(id))
		}
	}
	s.fillSummary()

	header := container.NewBorder(nil, nil, container.NewHBox(appIcon(32), s.title),
		container.NewHBox(s.toDesk, s.lock))
	top := container.NewVBox(header, s.summary, s.owners, s.inbox, widget.NewSeparator())
	footer := container.NewHBox(s.showFirst)
	listArea := container.NewStack(s.list, container.NewCenter(s.empty))
	if t.Len() > 0 {
		s.empty.Hide()
	}
	s.content = container.NewPadded(visualBorder(top, footer, nil, nil, listArea))
	s.ExtendBaseWidget(s)
	return s
}

func (s *todayScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.content)
}

func (s *todayScreen) fillSummary() {
	t := &s.today
	f, r, q := t.Count(cases.TodayFollowUp), t.Count(cases.TodayRequest), t.Count(cases.TodaySilence)
	s.summary.SetText(lang.L("casework.today.summary", map[string]any{
		"FollowUps": plural("casework.count.followups", f, map[string]any{"N": f}),
		"Requests":  plural("casework.count.requests", r, map[string]any{"N": r}),
		"Silent":    plural("casework.count.silent", q, map[string]any{"N": q})}))
	var lines []string
	for _, oc := range t.ByOwner {
		if oc.Owner == "" && len(t.ByOwner) == 1 {
			break // nobody has cases assigned: no counts per worker
		}
		name := oc.Owner
		if name == "" {
			name = lang.L("casework.today.nobody")
		}
		lines = append(lines, lang.L("casework.today.owner", map[string]any{"Owner": name,
			"FollowUps": oc.FollowUps, "Requests": oc.Requests, "Silent": oc.Silent}))
	}
	if len(lines) > 0 {
		setNote(s.owners, lang.L("casework.today.per_worker", map[string]any{"Counts": strings.Join(lines, " · ")}))
	} else {
		setNote(s.owners, "")
	}
}

// open opens the row's case at the tab the row is about.
func (s *todayScreen) open(r cases.TodayRow) {
	s.ui.touch()
	section := sectionTimeline
	switch r.Kind {
	case cases.TodayFollowUp:
		section = sectionFollowUps
	case cases.TodayRequest:
		section = sectionRequests
	}
	s.ui.openCaseAt(r.CaseID, section)
}

// wipe forgets the rows (names, notes) when the screen is dropped.
func (s *todayScreen) wipe() {
	s.today = cases.Today{}
	for _, v := range s.views {
		v.clear()
	}
	s.summary.SetText("")
	s.owners.SetText("")
	s.list.Refresh()
}

// blankRoot is the screen's widget tree, for blankTree.
func (s *todayScreen) blankRoot() fyne.CanvasObject { return s.content }

// todayRowView is one row of the Today list.
type todayRowView struct {
	kind                          *pill
	number, name, due, owner, txt *widget.Label
	box                           *fyne.Container
}

func newTodayRowView() *todayRowView {
	v := &todayRowView{kind: newPill(), number: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}),
		name: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		due:  widget.NewLabel(""), owner: widget.NewLabel(""), txt: widget.NewLabel("")}
	for _, l := range []*widget.Label{v.number, v.name, v.due, v.owner, v.txt} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	v.box = container.New(columns{widths: []float32{190, 130, 230, 120, 120, 0}, flex: 5},
		container.NewCenter(v.kind), v.number, v.name, v.due, v.owner, v.txt)
	return v
}

func (v *todayRowView) set(r cases.TodayRow, u *UI) {
	v.number.SetText(r.Number)
	v.name.SetText(r.Name)
	v.owner.SetText(r.Owner)
	v.due.SetText(showDate(r.Due))
	v.txt.SetText(r.Text)
	switch r.Kind {
	case cases.TodayFollowUp:
		level := pillWarn
		key := "casework.today.kind.followup"
		if r.Overdue {
			level, key = pillAlert, "casework.today.kind.followup_overdue"
		}
		v.kind.set(lang.L(key), level)
	case cases.TodayRequest:
		v.kind.set(lang.L("casework.today.kind.request"), pillAlert)
		v.txt.SetText(strings.TrimSpace(enumLabel("authority_kind", string(r.Authority)) + " " + r.Text))
	case cases.TodaySilence:
		v.kind.set(lang.L("casework.today.kind.silence"), pillAlert)
		v.due.SetText("")
		if r.SilentDays < 0 {
			v.txt.SetText(lang.L("casework.today.never"))
		} else {
			v.txt.SetText(plural("casework.today.silent_days", r.SilentDays, map[string]any{"N": r.SilentDays}))
		}
	}
}

func (v *todayRowView) clear() {
	for _, l := range []*widget.Label{v.number, v.name, v.due, v.owner, v.txt} {
		l.SetText("")
	}
	v.kind.set("", pillQuiet)
}

// openCaseAt opens a case in the editor at a tab (sectionRequests…).
func (u *UI) openCaseAt(id, section string) {
	u.leaveScreen(func() {
		u.openCase(id)
		if ed, ok := u.screen.(*editorScreen); ok {
			if t := ed.tabFor[section]; t != nil {
				ed.tabs.Select(t)
			}
		}
	})
}

// newTodayButton is the desk's "Today" button.
func (u *UI) newTodayButton() *widget.Button {
	return widget.NewButtonWithIcon(lang.L("casework.today.button"), theme.HistoryIcon(), func() {
		u.touch()
		u.showTodayNow()
	})
}

// loadDeskSettings reads the vault's desk settings (desk_views.go); the
// zero settings when there are none or they cannot be read.
func loadDeskSettings(u *UI) deskSettings {
	var s deskSettings
	st := u.Store()
	if st == nil {
		return s
	}
	data, err := st.GetRecord(context.Background(), deskRecordKind, deskRecordID)
	if err != nil {
		if !errors.Is(err, vault.ErrNotFound) {
			fyne.LogError("Reading the desk settings", err)
		}
		return s
	}
	if json.Unmarshal(data, &s) != nil {
		return deskSettings{}
	}
	return s
}

// setTodayFirst keeps whether the Today view opens after unlock, sealed in
// the vault's desk settings (not Fyne's preferences: it is the vault's).
func setTodayFirst(u *UI, on bool) {
	st := u.Store()
	if st == nil {
		return
	}
	s := loadDeskSettings(u)
	s.NoToday = !on
	if u.desk != nil {
		u.desk.views.settings.NoToday = s.NoToday // the desk writes its copy back
	}
	data, err := json.Marshal(s)
	if err != nil {
		return
	}
	if err := st.PutRecord(context.Background(), deskRecordKind, deskRecordID, data); err != nil {
		u.showError(err)
	}
}

// vaultSettings are the settings dialog's lines kept in the unlocked vault:
// whether Today opens after unlock.
func (u *UI) vaultSettings() []settingsExtra {
	if u.Store() == nil {
		return nil
	}
	check := widget.NewCheck(lang.L("casework.today.show_first"), nil)
	check.SetChecked(!loadDeskSettings(u).NoToday)
	return []settingsExtra{{
		item: &widget.FormItem{Text: lang.L("casework.today.setting"), Widget: check,
			HintText: lang.L("casework.today.setting.hint")},
		save: func() { setTodayFirst(u, check.Checked) },
	}}
}

// reportToday reports the Today view with its "Case list" button, for the
// tests that drive the real window (gui_test.go).
func (u *UI) reportToday(s *todayScreen) {
	if !reporting() {
		return
	}
	u.reportPlace(s.toDesk, func() bool { return u.screen == s }, func(p fyne.Position, k float32) {
		sz := s.toDesk.Size()
		u.reportState("today %.0f %.0f", (p.X+sz.Width/2)*k, (p.Y+sz.Height/2)*k)
	})
}
