package app

import (
	"context"
	"embed"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
	"kintrace/cases/media"
)

// Casework in the case editor: the "Requests" tab (requests to
// authorities, their deadlines, answers and scanned replies) and the
// "Follow-ups" tab (next actions). Their messages are in
// translations/casework, with the Today view's.

//go:embed translations/casework/*.json
var caseworkTranslations embed.FS

func init() {
	registerTranslations(caseworkTranslations, "translations/casework")
}

// caseworkFieldKeys label the casework fields in the history and the merge
// view (fieldLabel); listItemKeys gets their items ("Request 2").
var caseworkFieldKeys = map[string]string{
	"requests": "casework.tab.requests", "followups": "casework.tab.followups",
	"authority_kind": "casework.field.authority_kind", "authority": "casework.field.authority",
	"via": "casework.field.via", "subject": "casework.field.subject", "applicant": "casework.field.applicant",
	"applicant_contact": "casework.field.applicant_contact", "sent_on": "casework.field.sent_on",
	"reference": "casework.field.reference", "deadline": "casework.field.deadline",
	"answered_on": "casework.field.answered_on", "answer": "casework.field.answer",
	"due": "casework.field.due", "owner": "casework.field.owner", "note": "casework.field.note",
	"done": "casework.followup.done", "attachments": "casework.field.attachments",
}

func init() {
	listItemKeys["requests"] = "casework.path.request"
	listItemKeys["followups"] = "casework.path.followup"
}

// caseworkEnums are the enumerations of the casework tabs with their
// values; their labels ("enum.via.post") are in translations/casework.
var caseworkEnums = map[string][]string{
	"authority_kind": words(cases.AllAuthorityKinds),
	"via":            words(cases.AllRequestVias),
	"request_status": words(cases.AllRequestStatuses),
}

// newCaseworkSelect is newEnumSelect for a casework enumeration.
func (e *editorScreen) newCaseworkSelect(kind string, optional bool) *enumSelect {
	return e.newSelectOf(kind, caseworkEnums[kind], optional)
}

// The casework tabs, as fieldError.section names them.
const (
	sectionRequests  = "requests"
	sectionFollowUps = "followups"
)

// DraftLetter, when set, is offered as "Draft letter…" on every saved
// request: the letters from templates (package cases/letter, built
// separately) are wired here after merging. It gets the case as saved and
// the request's id (Request.ID; c.FindRequest finds it).
var DraftLetter func(h Host, c cases.Case, requestID string)

// requestSection is the "Requests" tab.
type requestSection struct {
	itemList[requestItem]
	e   *editorScreen
	add *widget.Button

	content fyne.CanvasObject
}

type requestItem struct {
	// id and attachments are carried from the request loaded (new
	// requests get an id when collected).
	id          string
	attachments []string

	kind, via, status           *enumSelect
	authority, reference        *trackedEntry
	applicant, applicantContact *trackedEntry
	subject, answer             *trackedEntry
	sent, deadline, answered    *dateField
	// autoDeadline: the deadline follows the kind and the sending date
	// (DefaultDeadline) until the user types one of their own.
	autoDeadline, settingDeadline bool

	state                              *pill // draft, due in N days, overdue…
	files                              *widget.Label
	markAnswered, attachReply, letter  *widget.Button
	remove                             *widget.Button
	kindErr, sentErr, deadlineErr      *fieldError
	statusErr, answeredErr, generalErr *fieldError
	warns                              fieldWarnings
	box                                fyne.CanvasObject
}

func newRequestSection(e *editorScreen) *requestSection {
	s := &requestSection{e: e, itemList: itemList[requestItem]{box: container.NewVBox()}}
	s.empty = widget.NewLabel(lang.L("casework.request.none"))
	s.empty.TextStyle.Italic = true
	s.empty.Wrapping = fyne.TextWrapWord
	s.add = widget.NewButtonWithIcon(lang.L("casework.request.add"), theme.ContentAddIcon(), func() {
		it := s.append(cases.Request{AuthorityKind: cases.AuthorityPrisonService, Status: cases.RequestSent,
			SentOn: todayDate(e.ui.clock.Now())})
		e.changed()
		e.ui.win.Canvas().Focus(it.authority)
	})
	s.content = container.NewVBox(s.empty, s.box, container.NewHBox(s.add))
	return s
}

func (s *requestSection) append(r cases.Request) *requestItem {
	e := s.e
	it := &requestItem{id: r.ID, attachments: r.Attachments,
		kind: e.newCaseworkSelect("authority_kind", false), via: e.newCaseworkSelect("via", true),
		status:    e.newCaseworkSelect("request_status", false),
		authority: e.newEntry(), reference: e.newEntry(), applicant: e.newEntry(), applicantContact: e.newEntry(),
		subject: e.newMultiLineEntry(2), answer: e.newMultiLineEntry(3),
		sent: e.newDateField(), deadline: e.newDateField(), answered: e.newDateField(),
		state: newPill(), files: widget.NewLabel("")}
	it.authority.SetPlaceHolder(lang.L("casework.request.authority.placeholder"))
	it.subject.SetPlaceHolder(lang.L("casework.request.subject.placeholder"))
	it.answer.SetPlaceHolder(lang.L("casework.request.answer.placeholder"))
	it.reference.SetPlaceHolder(lang.L("casework.request.reference.placeholder"))
	it.kindErr, it.sentErr = e.newFieldError(sectionRequests), e.newFieldError(sectionRequests)
	it.deadlineErr, it.statusErr = e.newFieldError(sectionRequests), e.newFieldError(sectionRequests)
	it.answeredErr, it.generalErr = e.newFieldError(sectionRequests), e.newFieldError(sectionRequests)
	it.warns = e.newFieldWarnings("authority", "reference", "applicant", "applicant_contact", "sent_on", "answered_on", "deadline")

	it.kind.SetValue(string(r.AuthorityKind))
	it.via.SetValue(string(r.Via))
	it.status.SetValue(string(r.Status))
	it.authority.SetText(r.Authority)
	it.reference.SetText(r.Reference)
	it.applicant.SetText(r.Applicant)
	it.applicantContact.SetText(r.ApplicantContact)
	it.subject.SetText(r.Subject)
	it.answer.SetText(r.Answer)
	it.sent.SetDate(r.SentOn)
	it.answered.SetDate(r.AnsweredOn)
	it.autoDeadline = r.Deadline == "" || r.Deadline == cases.DefaultDeadline(r.AuthorityKind, r.SentOn)
	it.setDeadline(r.Due())

	// The deadline follows the kind and the sending date until the user
	// types one of their own.
	kindChanged := it.kind.OnChanged
	it.kind.OnChanged = func(v string) { it.followDeadline(); kindChanged(v) }
	sentChanged := it.sent.entry.OnChanged
	it.sent.entry.OnChanged = func(v string) { it.followDeadline(); sentChanged(v) }
	deadlineChanged := it.deadline.entry.OnChanged
	it.deadline.entry.OnChanged = func(v string) {
		if !it.settingDeadline {
			it.autoDeadline = false
		}
		deadlineChanged(v)
	}

	it.markAnswered = widget.NewButtonWithIcon(lang.L("casework.request.mark_answered"), theme.ConfirmIcon(), func() {
		e.ui.touch()
		it.status.SetValue(string(cases.RequestAnswered))
		if trim(it.answered.entry.Text) == "" {
			it.answered.SetDate(todayDate(e.ui.clock.Now()))
		}
		e.ui.win.Canvas().Focus(it.answer)
	})
	it.attachReply = widget.NewButtonWithIcon(lang.L("casework.request.attach_reply"), theme.MailAttachmentIcon(), func() {
		e.ui.touch()
		d := newOpenFile(e.ui.win, func(path string) { s.attachFile(it, path) })
		e.ui.showDialog(d.dialog)
	})
	// The place of the "Draft letter…" button (DraftLetter): hidden until
	// the letters are wired in.
	it.letter = widget.NewButtonWithIcon(lang.L("casework.request.draft_letter"), theme.DocumentCreateIcon(), func() {
		e.ui.touch()
		if DraftLetter != nil && it.id != "" && e.saved.FindRequest(it.id) >= 0 {
			DraftLetter(e.ui, e.saved, it.id)
		}
	})
	if DraftLetter == nil {
		it.letter.Hide()
	}
	it.remove = widget.NewButtonWithIcon(lang.L("casework.request.remove"), theme.DeleteIcon(), func() {
		s.drop(it, it.box)
		e.changed()
	})
	it.remove.Importance = widget.LowImportance
	it.files.Importance = widget.LowImportance

	grid := fieldGrids(2)
	fields := grid(
		formRow{lang.L("casework.field.authority_kind"), underField(it.kind, it.kindErr)},
		formRow{lang.L("casework.field.authority"), underField(it.authority, it.warns["authority"])},
		formRow{lang.L("casework.field.sent_on"), underField(it.sent.box, it.sentErr, it.warns["sent_on"])},
		formRow{lang.L("casework.field.via"), it.via},
		formRow{lang.L("casework.field.reference"), underField(it.reference, it.warns["reference"])},
		formRow{lang.L("casework.field.deadline"), underField(it.deadline.box, it.deadlineErr, it.warns["deadline"])},
		formRow{lang.L("casework.field.status"), underField(it.status, it.statusErr)},
		formRow{lang.L("casework.field.answered_on"), underField(it.answered.box, it.answeredErr, it.warns["answered_on"])},
		formRow{lang.L("casework.field.applicant"), underField(it.applicant, it.warns["applicant"])},
		formRow{lang.L("casework.field.applicant_contact"), underField(it.applicantContact, it.warns["applicant_contact"])},
	)
	texts := grid(
		formRow{lang.L("casework.field.subject"), it.subject},
		formRow{lang.L("casework.field.answer"), it.answer},
	)
	top := container.NewHBox(it.state, it.files, layout.NewSpacer())
	buttons := container.NewHBox(it.markAnswered, it.attachReply, it.letter, layout.NewSpacer(), it.remove)
	body := container.NewVBox(top, fields, texts, it.generalErr.label, buttons)
	it.box = newPanel(body, theme.ColorNameInputBackground, false)
	s.push(it, it.box)
	it.refresh(e)
	return it
}

// setDeadline shows d in the deadline field without taking it for the
// user's own.
func (it *requestItem) setDeadline(d cases.Date) {
	it.settingDeadline = true
	it.deadline.SetDate(d)
	it.settingDeadline = false
}

// followDeadline recomputes an automatic deadline from the kind and the
// sending date.
func (it *requestItem) followDeadline() {
	if !it.autoDeadline {
		return
	}
	sent, err := parseUserDate(it.sent.entry.Text)
	if err != nil {
		return
	}
	it.setDeadline(cases.DefaultDeadline(cases.AuthorityKind(it.kind.Value()), sent))
}

// refresh shows the request's state at the editor's clock and its files.
func (it *requestItem) refresh(e *editorScreen) {
	r := cases.Request{AuthorityKind: cases.AuthorityKind(it.kind.Value()), Status: cases.RequestStatus(it.status.Value())}
	r.SentOn, _ = parseUserDate(it.sent.entry.Text)
	r.Deadline, _ = parseUserDate(it.deadline.entry.Text)
	r.AnsweredOn, _ = parseUserDate(it.answered.entry.Text)
	it.state.set(requestState(r, e.ui.clock.Now()))
	setNote(it.files, "")
	if n := len(it.attachments); n > 0 {
		setNote(it.files, plural("casework.request.files", n, map[string]any{"N": n}))
	}
	if e.saved.ID == "" {
		it.attachReply.Disable()
	} else {
		it.attachReply.Enable()
	}
	if DraftLetter != nil && it.id != "" && e.saved.FindRequest(it.id) >= 0 {
		it.letter.Enable()
	} else {
		it.letter.Disable()
	}
}

// requestState is the pill of a request: its text and whether it is
// overdue (red, like an overdue silence in the case list) or close.
func requestState(r cases.Request, now time.Time) (string, pillLevel) {
	due := r.Due()
	switch st := r.StatusAt(now); st {
	case cases.RequestOverdue:
		days := daysBetween(due.Time(), now)
		return plural("casework.state.overdue", days, map[string]any{"Date": showDate(due), "N": days}), pillAlert
	case cases.RequestSent:
		if due == "" {
			return lang.L("casework.state.no_deadline"), pillQuiet
		}
		days := max(daysBetween(now, due.Time()), 0)
		level := pillQuiet
		if days <= 7 {
			level = pillWarn
		}
		return plural("casework.state.due", days, map[string]any{"Date": showDate(due), "N": days}), level
	case cases.RequestAnswered:
		return lang.L("casework.state.answered", map[string]any{"Date": showDate(r.AnsweredOn)}), pillDone
	case cases.RequestRefused:
		return lang.L("casework.state.refused", map[string]any{"Date": showDate(r.AnsweredOn)}), pillDone
	}
	return lang.L("casework.state.draft"), pillQuiet
}

// requestsCell is the case list's "Requests" cell: the requests past their
// deadline in red, as an overdue silence is, else how many await an answer.
func requestsCell(o *cases.Overview, now time.Time) (string, pillLevel) {
	if n := o.OverdueRequests(now); n > 0 && o.Status.Active() {
		return plural("casework.column.overdue", n, map[string]any{"N": n}), pillAlert
	}
	if n := len(o.Requests); n > 0 {
		return plural("casework.column.waiting", n, map[string]any{"N": n}), pillQuiet
	}
	return "", pillQuiet
}

// todayDate is the day of t as a Date.
func todayDate(t time.Time) cases.Date { return cases.DayDate(t.Year(), t.Month(), t.Day()) }

// daysBetween counts whole calendar days from a's day to b's day.
func daysBetween(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// attachFile stores the file at path as an attachment of the saved case
// (a photo without its location) and links it to the request; the link is
// saved with the case.
func (s *requestSection) attachFile(it *requestItem, path string) {
	e := s.e
	st := e.ui.Store()
	if st == nil || e.saved.ID == "" {
		return
	}
	caseID := e.saved.ID
	uri := storage.NewFileURI(path)
	photo := canStripLocation(uri)
	e.setBanner(lang.L("casework.request.attaching"), widget.LowImportance)
	e.ui.Go(func(ctx context.Context) {
		f, err := os.Open(path)
		if err != nil {
			fyne.Do(func() { e.setBanner(errorMessage(err), widget.DangerImportance) })
			return
		}
		defer f.Close()
		var r io.Reader = f
		if photo {
			r = media.StripLocation(f)
		}
		a, err := st.AddAttachment(ctx, caseID, nil, filepath.Base(path), r, nil)
		fyne.Do(func() {
			if e.closed {
				return
			}
			if err != nil {
				e.setBanner(errorMessage(err), widget.DangerImportance)
				return
			}
			it.attachments = append(it.attachments, a.ID)
			e.setBanner(lang.L("casework.request.attached"), widget.SuccessImportance)
			e.changed()
		})
	})
}

func (s *requestSection) load(rs []cases.Request) {
	s.reset()
	for _, r := range rs {
		s.append(r)
	}
}

func (s *requestSection) collect(ps *cases.ValidationErrors, targets map[string]*fieldError) []cases.Request {
	var out []cases.Request
	for _, it := range s.items {
		path := "requests[" + strconv.Itoa(len(out)) + "]"
		r := cases.Request{
			ID:            it.id,
			AuthorityKind: cases.AuthorityKind(it.kind.Value()),
			Via:           cases.RequestVia(it.via.Value()),
			Status:        cases.RequestStatus(it.status.Value()),
			Authority:     trim(it.authority.Text), Reference: trim(it.reference.Text),
			Applicant: trim(it.applicant.Text), ApplicantContact: trim(it.applicantContact.Text),
			Subject: trimEnds(it.subject.Text), Answer: trimEnds(it.answer.Text),
			SentOn:      it.sent.Date(path+".sent_on", ps),
			AnsweredOn:  it.answered.Date(path+".answered_on", ps),
			Attachments: it.attachments,
		}
		// The deadline is stored even when computed, so that a later
		// change of a kind's term does not move it.
		r.Deadline = it.deadline.Date(path+".deadline", ps)
		if r.ID == "" {
			r.ID = cases.NewItemID()
			it.id = r.ID
		}
		targets[path] = it.generalErr
		targets[path+".authority_kind"] = it.kindErr
		targets[path+".sent_on"] = it.sentErr
		targets[path+".deadline"] = it.deadlineErr
		targets[path+".status"] = it.statusErr
		targets[path+".answered_on"] = it.answeredErr
		it.warns.register(s.e.warnTargets, path)
		it.refresh(s.e)
		out = append(out, r)
	}
	return out
}

// followupSection is the "Follow-ups" tab.
type followupSection struct {
	itemList[followupItem]
	e   *editorScreen
	add *widget.Button

	content fyne.CanvasObject
}

type followupItem struct {
	id              string
	due             *dateField
	owner, note     *trackedEntry
	done            *widget.Check
	state           *pill
	remove          *widget.Button
	dueErr, noteErr *fieldError
	warns           fieldWarnings
	box             fyne.CanvasObject
}

func newFollowupSection(e *editorScreen) *followupSection {
	s := &followupSection{e: e, itemList: itemList[followupItem]{box: container.NewVBox()}}
	s.empty = widget.NewLabel(lang.L("casework.followup.none"))
	s.empty.TextStyle.Italic = true
	s.empty.Wrapping = fyne.TextWrapWord
	s.add = widget.NewButtonWithIcon(lang.L("casework.followup.add"), theme.ContentAddIcon(), func() {
		it := s.append(cases.FollowUp{Owner: e.ui.owner()})
		e.changed()
		e.ui.win.Canvas().Focus(it.note)
	})
	s.content = container.NewVBox(s.empty, s.box, container.NewHBox(s.add))
	return s
}

func (s *followupSection) append(f cases.FollowUp) *followupItem {
	e := s.e
	it := &followupItem{id: f.ID, due: e.newDateField(), owner: e.newEntry(), note: e.newEntry(),
		done: e.newCheck(lang.L("casework.followup.done")), state: newPill()}
	it.note.SetPlaceHolder(lang.L("casework.followup.note.placeholder"))
	it.owner.SetPlaceHolder(lang.L("casework.followup.owner.placeholder"))
	it.dueErr, it.noteErr = e.newFieldError(sectionFollowUps), e.newFieldError(sectionFollowUps)
	it.warns = e.newFieldWarnings("owner")
	it.due.SetDate(f.Due)
	it.owner.SetText(f.Owner)
	it.note.SetText(f.Note)
	it.done.SetChecked(f.Done)
	it.remove = widget.NewButtonWithIcon(lang.L("casework.followup.remove"), theme.DeleteIcon(), func() {
		s.drop(it, it.box)
		e.changed()
	})
	it.remove.Importance = widget.LowImportance
	fields := fieldGrid(2,
		formRow{lang.L("casework.field.note"), underField(it.note, it.noteErr)},
		formRow{lang.L("casework.field.due"), underField(it.due.box, it.dueErr)},
		formRow{lang.L("casework.field.owner"), underField(it.owner, it.warns["owner"])},
		formRow{"", it.done},
	)
	body := container.NewVBox(container.NewHBox(it.state, layout.NewSpacer()), fields,
		container.NewHBox(layout.NewSpacer(), it.remove))
	it.box = newPanel(body, theme.ColorNameInputBackground, false)
	s.push(it, it.box)
	it.refresh(e)
	return it
}

// refresh shows whether the follow-up is due or overdue at the editor's
// clock.
func (it *followupItem) refresh(e *editorScreen) {
	d, _ := parseUserDate(it.due.entry.Text)
	f := cases.FollowUp{Due: d, Done: it.done.Checked}
	now := e.ui.clock.Now()
	switch {
	case f.Done:
		it.state.set(lang.L("casework.followup.state.done"), pillDone)
	case f.OverdueAt(now):
		days := daysBetween(d.Time(), now)
		it.state.set(plural("casework.followup.state.overdue", days, map[string]any{"Date": showDate(d), "N": days}), pillAlert)
	case f.DueBy(now):
		it.state.set(lang.L("casework.followup.state.today"), pillWarn)
	case d != "":
		it.state.set(lang.L("casework.followup.state.due", map[string]any{"Date": showDate(d)}), pillQuiet)
	default:
		it.state.set("", pillQuiet)
	}
}

func (s *followupSection) load(fs []cases.FollowUp) {
	s.reset()
	for _, f := range fs {
		s.append(f)
	}
}

func (s *followupSection) collect(ps *cases.ValidationErrors, targets map[string]*fieldError) []cases.FollowUp {
	var out []cases.FollowUp
	for _, it := range s.items {
		path := "followups[" + strconv.Itoa(len(out)) + "]"
		f := cases.FollowUp{ID: it.id, Due: it.due.Date(path+".due", ps), Owner: trim(it.owner.Text),
			Note: trimEnds(it.note.Text), Done: it.done.Checked}
		if f.Due == "" && f.Note == "" && f.Owner == "" && !f.Done {
			continue // an empty card
		}
		if f.ID == "" {
			f.ID = cases.NewItemID()
			it.id = f.ID
		}
		targets[path+".due"] = it.dueErr
		targets[path+".note"] = it.noteErr
		it.warns.register(s.e.warnTargets, path)
		it.refresh(s.e)
		out = append(out, f)
	}
	return out
}

// owner is the vault owner's name, the default owner of a new follow-up.
func (u *UI) owner() string {
	if st := u.Store(); st != nil {
		return st.Owner()
	}
	return ""
}

// pillLevel is how a pill is coloured.
type pillLevel int

const (
	pillQuiet pillLevel = iota // neutral
	pillWarn                   // amber: close to its date
	pillAlert                  // red: overdue, as an overdue silence's badge
	pillDone                   // muted: answered, done
)

// pill is a short state on a coloured rounded background, coloured as the
// case list's silence badge is.
type pill struct {
	widget.BaseWidget
	level pillLevel
	bg    *canvas.Rectangle
	text  *canvas.Text
}

func newPill() *pill {
	p := &pill{bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	p.bg.CornerRadius = 10
	p.text.TextStyle.Bold = true
	p.text.TextSize = theme.CaptionTextSize() + 1
	p.ExtendBaseWidget(p)
	return p
}

// Text is what the pill says (tests).
func (p *pill) Text() string { return p.text.Text }

// Level is its colour (tests).
func (p *pill) Level() pillLevel { return p.level }

func (p *pill) set(text string, level pillLevel) {
	if p.text.Text == text && p.level == level {
		return
	}
	p.text.Text, p.level = text, level
	if text == "" {
		p.Hide()
	} else {
		p.Show()
	}
	p.Refresh()
}

func (p *pill) Refresh() {
	fg, bg := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNameInputBackground)
	switch p.level {
	case pillAlert:
		fg, bg = theme.Color(theme.ColorNameForegroundOnError), theme.Color(theme.ColorNameError)
	case pillWarn:
		fg, bg = theme.Color(theme.ColorNameForegroundOnWarning), theme.Color(theme.ColorNameWarning)
	case pillDone:
		fg = theme.Color(theme.ColorNamePlaceHolder)
	}
	p.text.Color, p.bg.FillColor = fg, bg
	p.bg.Refresh()
	p.text.Refresh()
}

func (p *pill) CreateRenderer() fyne.WidgetRenderer { return &pillRenderer{p: p} }

type pillRenderer struct{ p *pill }

func (r *pillRenderer) Layout(size fyne.Size) {
	r.p.bg.Resize(size)
	ts := r.p.text.MinSize()
	r.p.text.Move(fyne.NewPos((size.Width-ts.Width)/2, (size.Height-ts.Height)/2))
	r.p.text.Resize(ts)
}

func (r *pillRenderer) MinSize() fyne.Size {
	ts := r.p.text.MinSize()
	return fyne.NewSize(ts.Width+2*theme.Padding()+8, ts.Height+8)
}

func (r *pillRenderer) Refresh()                     { r.Layout(r.p.Size()); canvas.Refresh(r.p) }
func (r *pillRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.p.bg, r.p.text} }
func (r *pillRenderer) Destroy()                     {}
